import type { Construct } from 'constructs';
import { ClusterChart, ClusterChartProps, flux, HomelabApp, host, placeholder, site, traefik } from '../constructs';
import { synthInMemory } from './support/synth';

// A link between two apps, declared by one of them, is opened by both policies.

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.3.0.1' });
const node2 = host('node2', { arch: 'amd64', address: '10.3.0.2' });
const lab = site('links', { domain: 'links.test', hosts: [node1, node2], git: { url: 'https://git.example/links.git' } });

function run(add: (chart: ClusterChart) => void, extra: Partial<ClusterChartProps> = {}) {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node1, node2], routes: traefik(), storage: { local: { storageClassName: 'local-path' } }, gitops: flux(),
      preinstalled: [{ source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }], ...extra,
    });
    add(chart);
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return {
    findings: result.findings,
    policy: (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name)?.spec,
  };
}

const app = (chart: ClusterChart, id: string, namespace: string, port: number, props: Partial<ConstructorParameters<typeof HomelabApp>[2]> = {}) =>
  new HomelabApp(chart, id, { image: 'nginx:1.27.0', namespace, ports: [{ name: 'p', port }], ...props });

const fromWeb = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } };
const toDb = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'db' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db' } } };

describe('app-to-app links', () => {
  test("egress to an app admits the client in that app's policy, on its ports", () => {
    const { policy, findings } = run((chart) => {
      const db = app(chart, 'db', 'db', 5432);
      app(chart, 'web', 'web', 8080, { egress: [db] });
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(policy('NetworkPolicy', 'db').ingress).toEqual([{ from: [fromWeb], ports: [{ port: 5432, protocol: 'TCP' }] }]);
    expect(policy('NetworkPolicy', 'web').egress.slice(1)).toEqual([{ to: [toDb] }]);
  });

  test('allowFrom an app whose egress is restricted opens its egress to the server', () => {
    const { policy } = run((chart) => {
      const db = app(chart, 'db', 'db', 5432);
      const web = app(chart, 'web', 'web', 8080, { egress: [{ cidr: '10.0.0.10/32', ports: [{ port: 1514 }] }] });
      db.addAllowFrom(web);
    });
    expect(policy('NetworkPolicy', 'web').egress.slice(1)).toEqual([
      { ports: [{ port: 1514, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '10.0.0.10/32' } }] },
      { to: [toDb] },
    ]);
    expect(policy('NetworkPolicy', 'db').ingress).toEqual([{ from: [fromWeb], ports: [{ port: 5432, protocol: 'TCP' }] }]);
  });

  test('a link declared on both sides renders each peer once; egress "any" stays open', () => {
    const { policy } = run((chart) => {
      const db = app(chart, 'db', 'db', 5432);
      const web = app(chart, 'web', 'web', 8080, { egress: [db] });
      const other = app(chart, 'other', 'web', 8081);
      db.addAllowFrom(web).addAllowFrom(other);
    });
    expect(policy('NetworkPolicy', 'db').ingress[0].from).toHaveLength(2);
    expect(policy('NetworkPolicy', 'web').egress.slice(1)).toEqual([{ to: [toDb] }]);
    expect(policy('NetworkPolicy', 'other').egress.slice(1)).toEqual([{}]);
  });

  test('Cilium policies open the link too', () => {
    const { policy } = run((chart) => {
      const db = app(chart, 'db', 'db', 5432);
      app(chart, 'web', 'web', 8080, { egress: [db] });
    }, { networkPolicy: 'cilium' });
    expect(policy('CiliumNetworkPolicy', 'db').ingress).toEqual([{
      fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'web', 'k8s:app.kubernetes.io/name': 'web' } }],
      toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }],
    }]);
  });
});
