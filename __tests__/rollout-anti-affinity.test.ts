import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, HomelabApp, host, localPathStorage, site, synthesize, traefik } from '../constructs';
import { goodDeployment, raw } from './bad-input/lab';

// A Deployment whose pods each need a host of their own and that fills every host: a rolling update that
// must add a pod before it stops one has nowhere to put it.

const hosts = [host('n1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.1' }), host('n2', { arch: 'amd64', address: '10.2.0.2' })];
const lab = site('spread', { domain: 'spread.test', hosts, git: { url: 'https://git.spread.test/lab.git' } });
const antiAffinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } };

function findingsOf(spec: Record<string, unknown>) {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', { site: lab, hosts, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
  raw(cluster, 'w', goodDeployment('web', { affinity: antiAffinity }, spec));
  const findings = synthesize(app, { outdir: 'unused', write: false }).findings;
  return { errors: findings.filter((f) => f.severity === 'error'), stalls: findings.filter((f) => f.severity === 'warning' && f.field === 'spec.strategy') };
}

describe('a rolling update of pods that each hold a host of their own', () => {
  test('as many replicas as hosts with the default strategy is a warning on the strategy, with a way out', () => {
    const { errors, stalls } = findingsOf({ replicas: 2 });
    expect(errors).toEqual([]);
    expect(stalls).toHaveLength(1);
    expect(stalls[0]).toMatchObject({ layer: 'inventory', constructPath: 'main/w', kind: 'Deployment' });
    expect(stalls[0].message).toMatch(/2 replicas each hold one of the 2 host\(s\).*must start 1 new pod\(s\) before it may stop an old one/);
    expect(stalls[0].hint).toMatch(/maxSurge: 0, maxUnavailable: 1.*Recreate/);
  });

  test('maxUnavailable 0 with a surge stalls too', () => {
    expect(findingsOf({ replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }).stalls).toHaveLength(1);
  });

  test.each([
    ['a rollout that stops a pod first', { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }],
    ['maxUnavailable of half the replicas', { replicas: 2, strategy: { rollingUpdate: { maxUnavailable: '50%' } } }],
    ['Recreate', { replicas: 2, strategy: { type: 'Recreate' } }],
    ['fewer replicas than hosts', { replicas: 1 }],
  ])('%s is no warning', (_name, spec) => {
    const { errors, stalls } = findingsOf(spec);
    expect(errors).toEqual([]);
    expect(stalls).toEqual([]);
  });
});

describe('a rolling update of pods that each take a port of their node', () => {
  /** Findings on the `strategy` prop of a host-network app pinned to n2, with `props`. */
  function strategyFindings(props: Record<string, unknown>) {
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'main', { site: lab, hosts, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
    new HomelabApp(cluster, 'pihole', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], placement: { host: hosts[1] },
      exemptions: { hostNetwork: 'answers DHCP on the LAN' }, ...props,
    });
    return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.field === 'strategy');
  }

  test("one replica on its one host with the App's default strategy is a warning on its strategy", () => {
    const findings = strategyFindings({});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', layer: 'inventory', constructPath: 'main/pihole' });
    expect(findings[0].message).toMatch(/host port TCP\/8080 keeps a second pod off a host/);
    expect(findings[0].hint).toMatch(/strategy: 'Recreate'/);
  });

  test('Recreate is no warning', () => {
    expect(strategyFindings({ strategy: 'Recreate' })).toEqual([]);
  });
});

describe('a DaemonSet whose pods each take a port of their node', () => {
  /** Findings on the update strategy of a host-network DaemonSet rolled out with `rollingUpdate`. */
  function surgeFindings(rollingUpdate: Record<string, unknown>) {
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'main', { site: lab, hosts, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
    const deployment = goodDeployment('agent', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
    const { replicas: _replicas, strategy: _strategy, ...spec } = deployment.spec as Record<string, unknown>;
    raw(cluster, 'w', { ...deployment, kind: 'DaemonSet', spec: { ...spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate } } });
    return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.field.startsWith('spec.updateStrategy'));
  }

  test('rolled out with a surge is a warning on maxSurge: the new pod cannot take the port', () => {
    const findings = surgeFindings({ maxSurge: 1, maxUnavailable: 0 });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', layer: 'inventory', field: 'spec.updateStrategy.rollingUpdate.maxSurge' });
    expect(findings[0].message).toMatch(/host port TCP\/8080 keeps a second pod off a host/);
  });

  test('rolled out by stopping the old pod first is no warning', () => {
    expect(surgeFindings({ maxUnavailable: 1 })).toEqual([]);
  });
});
