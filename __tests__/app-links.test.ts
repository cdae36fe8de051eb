import type { Construct } from 'constructs';
import { AppController, ClusterChart, ClusterChartProps, flux, HomelabApp, host, placeholder, site, traefik } from '../constructs';
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
  new HomelabApp(chart, id, { image: 'ghcr.io/acme/app:1.0.0', namespace, ports: [{ name: 'p', port }], ...props });

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

describe('a peer on the host network', () => {
  // On the host's network a second pod finds its port taken on the node: a rollout stops the old pod first.
  const homeAssistant = (chart: ClusterChart, props: Partial<ConstructorParameters<typeof HomelabApp>[2]> = {}) =>
    app(chart, 'home-assistant', 'home', 8123, { image: 'ghcr.io/home-assistant/home-assistant:2024.6.0', strategy: 'Recreate', exemptions: { hostNetwork: 'discovery', runAsRoot: 'image', writableRootFilesystem: 's6-overlay writes its service tree under /run' }, ...props });

  test('is admitted from the addresses of the hosts it may run on, besides its pod selector', () => {
    const { policy, findings } = run((chart) => {
      const mq = app(chart, 'mosquitto', 'home', 1883);
      mq.addAllowFrom(homeAssistant(chart, { placement: { hosts: [node2] } }));
    });
    expect(findings.filter((f) => f.layer !== 'schema')).toEqual([]);
    expect(policy('NetworkPolicy', 'mosquitto').ingress).toEqual([{
      from: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'home' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'home-assistant' } } },
        { ipBlock: { cidr: '10.3.0.2/32' } },
      ],
      ports: [{ port: 1883, protocol: 'TCP' }],
    }]);
  });

  test('a link declared by its egress admits every host it may run on; Cilium names the node entities', () => {
    const { policy } = run((chart) => {
      const mq = app(chart, 'mosquitto', 'home', 1883);
      homeAssistant(chart, { egress: [mq] });
    }, { networkPolicy: 'cilium' });
    expect(policy('CiliumNetworkPolicy', 'mosquitto').ingress).toEqual([
      {
        fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'home', 'k8s:app.kubernetes.io/name': 'home-assistant' } }],
        toPorts: [{ ports: [{ port: '1883', protocol: 'TCP' }] }],
      },
      { fromEntities: ['host', 'remote-node'], toPorts: [{ ports: [{ port: '1883', protocol: 'TCP' }] }] },
    ]);
  });

  test("a client's egress to it reaches the hosts it may run on, on its ports, which no pod selector matches", () => {
    const { policy, findings } = run((chart) => {
      const ha = homeAssistant(chart, { placement: { hosts: [node2] } });
      app(chart, 'node-red', 'home', 1880, { egress: [ha] });
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(policy('NetworkPolicy', 'node-red').egress.slice(1)).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'home' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'home-assistant' } } }] },
      { ports: [{ port: 8123, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '10.3.0.2/32' } }] },
    ]);
  });

  test("a link it declares with allowFrom opens the client's egress to its hosts; Cilium names the node entities", () => {
    const { policy } = run((chart) => {
      const web = app(chart, 'node-red', 'home', 1880, { egress: [] });
      homeAssistant(chart, { allowFrom: [web] });
    }, { networkPolicy: 'cilium' });
    expect(policy('CiliumNetworkPolicy', 'node-red').egress.slice(1)).toEqual([
      { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'home', 'k8s:app.kubernetes.io/name': 'home-assistant' } }] },
      { toEntities: ['host', 'remote-node'], toPorts: [{ ports: [{ port: '8123', protocol: 'TCP' }] }] },
    ]);
  });

  test('a host whose address is a placeholder is admitted by its stand-in, with a warning', () => {
    const pending = host('pending', { arch: 'amd64', address: placeholder('10.3.0.9', { fact: 'address of pending', owner: 'set its LAN address' }) });
    const other = site('links2', { domain: 'links2.test', hosts: [node1, pending], git: { url: 'https://git.example/links2.git' } });
    const { policy, findings } = run((chart) => {
      app(chart, 'mosquitto', 'home', 1883, { allowFrom: [homeAssistant(chart)] });
    }, { site: other, hosts: [node1, pending] });
    expect(policy('NetworkPolicy', 'mosquitto').ingress[0].from.slice(1)).toEqual([{ ipBlock: { cidr: '10.3.0.1/32' } }, { ipBlock: { cidr: '10.3.0.9/32' } }]);
    expect(findings.filter((f) => f.severity === 'warning' && f.field === 'allowFrom')).toEqual([expect.objectContaining({
      constructPath: 'main/mosquitto', layer: 'inventory', message: expect.stringMatching(/home-assistant uses the host's network.*pending \(10\.3\.0\.9\) is a placeholder/),
    })]);
  });
});

describe('the pods of one app', () => {
  const selfPeer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nats' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'nats' } } };
  const nats = (chart: ClusterChart, replicas: number) => app(chart, 'nats', 'nats', 4222, {
    controller: AppController.statefulSet(), replicas, ports: [{ name: 'client', port: 4222 }, { name: 'cluster', port: 6222 }],
  });

  test('of a StatefulSet of several replicas reach each other on every port, as its headless Service is for', () => {
    const { policy, findings } = run((chart) => nats(chart, 3));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(policy('NetworkPolicy', 'nats').ingress).toContainEqual({ from: [selfPeer], ports: [{ port: 4222, protocol: 'TCP' }, { port: 6222, protocol: 'TCP' }] });
  });

  test('of such a StatefulSet with a listed egress also reach each other, and are admitted once when allowFrom names the app too', () => {
    const { policy } = run((chart) => {
      const self = app(chart, 'nats', 'nats', 4222, { controller: AppController.statefulSet(), replicas: 3, egress: [] });
      self.addAllowFrom(self);
    });
    expect(policy('NetworkPolicy', 'nats').egress.slice(1)).toEqual([{ to: [selfPeer] }]);
    expect(policy('NetworkPolicy', 'nats').ingress).toEqual([{ from: [selfPeer], ports: [{ port: 4222, protocol: 'TCP' }] }]);
  });

  test('of one replica, or of a Deployment, admit no one more', () => {
    expect(run((chart) => nats(chart, 1)).policy('NetworkPolicy', 'nats').ingress).toEqual([]);
    expect(run((chart) => app(chart, 'nats', 'nats', 4222, { replicas: 3 })).policy('NetworkPolicy', 'nats').ingress).toEqual([]);
  });
});
