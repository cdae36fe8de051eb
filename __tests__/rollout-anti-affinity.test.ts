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

// Pods on the host's network bind their ports on their node: a second pod of the Deployment cannot start
// beside the first, as with an anti-affinity on the host name.
describe('a rolling update of pods that hold ports of their node', () => {
  function hostNetworkFindings(build: (cluster: ClusterChart) => void) {
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'main', { site: lab, hosts, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
    build(cluster);
    const result = synthesize(app, { outdir: 'unused', write: false });
    const findings = result.findings;
    const deployment = result.clusters.flatMap((c) => c.objects).find((o) => o.manifest.kind === 'Deployment' && o.manifest.metadata.namespace === 'home-assistant');
    return { errors: findings.filter((f) => f.severity === 'error'), stalls: findings.filter((f) => f.severity === 'warning' && /strategy/.test(f.field)), deployment };
  }
  const homeAssistant = (strategy?: 'Recreate' | 'RollingUpdate') => (cluster: ClusterChart) => new HomelabApp(cluster, 'home-assistant', {
    image: 'ghcr.io/home-assistant/home-assistant:2024.12.1', ports: [{ name: 'http', port: 8123 }], placement: { host: hosts[0] }, strategy,
    exemptions: { hostNetwork: 'discovers devices over mDNS', runAsRoot: 'its s6-overlay runs as root', writableRootFilesystem: 's6-overlay writes /run' },
  });

  test('a hand-written Deployment on the host network with a replica on every host is a warning on its strategy', () => {
    const { stalls } = hostNetworkFindings((cluster) => raw(cluster, 'w', goodDeployment('web', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, { replicas: 2 }, { 'security.homelab.dev/host-network': 'discovers devices over mDNS' })));
    expect(stalls).toEqual([expect.objectContaining({ constructPath: 'main/w', field: 'spec.strategy', message: expect.stringMatching(/2 replicas each hold one of the 2 host\(s\)/) })]);
  });

  test('an App on the host network with ports is rolled out with Recreate, so its rollout on its one host goes through', () => {
    const { stalls, deployment } = hostNetworkFindings(homeAssistant());
    expect((deployment?.manifest.spec as { strategy?: unknown } | undefined)?.strategy).toEqual({ type: 'Recreate' });
    expect(stalls).toEqual([]);
  });

  test('an App on the host network that asks for a rolling update on its one host is warned on its strategy', () => {
    const { stalls } = hostNetworkFindings(homeAssistant('RollingUpdate'));
    expect(stalls).toEqual([expect.objectContaining({ field: 'strategy' })]);
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

// A DoNotSchedule spread that asks for more domains than the hosts make holds each to maxSkew pods: replicas that
// fill every place leave none for the pod a rolling update adds first.
describe('a rolling update of pods spread over more domains than the hosts make', () => {
  const spread = (extra: Record<string, unknown> = {}) => ({
    topologySpreadConstraints: [{ maxSkew: 1, minDomains: 3, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra }],
  });
  function spreadFindings(pod: Record<string, unknown>, spec: Record<string, unknown>) {
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'main', { site: lab, hosts, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
    raw(cluster, 'w', goodDeployment('web', pod, spec));
    const findings = synthesize(app, { outdir: 'unused', write: false }).findings;
    return { errors: findings.filter((f) => f.severity === 'error'), stalls: findings.filter((f) => f.severity === 'warning' && f.field === 'spec.strategy') };
  }

  test('replicas that fill each host to maxSkew with the default strategy are a warning on the strategy', () => {
    const { errors, stalls } = spreadFindings(spread(), { replicas: 2 });
    expect(errors).toEqual([]);
    expect(stalls).toEqual([expect.objectContaining({ constructPath: 'main/w', message: expect.stringMatching(/fill the 2 domain\(s\) of kubernetes\.io\/hostname.*minDomains 3/), hint: expect.stringMatching(/leave minDomains out/) })]);
  });

  test.each([
    ['a rollout that stops a pod first', spread(), { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }],
    ['fewer replicas than places', spread(), { replicas: 1 }],
    ['a spread that counts each revision apart', spread({ matchLabelKeys: ['pod-template-hash'] }), { replicas: 2 }],
  ])('%s is no warning', (_name, pod, spec) => {
    const { errors, stalls } = spreadFindings(pod, spec);
    expect(errors).toEqual([]);
    expect(stalls).toEqual([]);
  });
});
