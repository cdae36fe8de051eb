import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { localPathStorage, synthesize } from '../constructs';
import type { PlatformComponentProps } from '../constructs/platform/component';
import { CHART_DEFAULT_RESOURCES_ANNOTATION } from '../constructs/platform/component-resources';
import { actionsRunnerController, runnerScaleSet } from '../constructs/platform/components/actions-runner-controller';
import { argoCdComponent } from '../constructs/platform/components/argo-cd';
import { ciliumComponent } from '../constructs/platform/components/cilium';
import { gitLabAgent } from '../constructs/platform/components/gitlab-agent';
import { intelGpuPluginComponent } from '../constructs/platform/components/intel-gpu-plugin';
import { kubePrometheusStack } from '../constructs/platform/components/kube-prometheus-stack';
import { localPathProvisioner } from '../constructs/platform/components/local-path';
import { secretsStoreCsiDriver, vaultCsiProvider } from '../constructs/platform/components/secrets-store-csi';
import { hostPlacement } from '../constructs/platform/node-role';
import { defineSites } from '../charts';
import { arm1, labCluster } from './bad-input/lab';

const placement = hostPlacement(arm1);

/** Requests of CPU and memory and a memory limit, as a sized container carries them. */
const SIZED = { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } };

/** The value at a dotted key (`values.controller.resources`, array positions as numbers) of a component's install. */
function at(props: PlatformComponentProps, key: string): unknown {
  const [root, ...rest] = key.split('.');
  expect(root).toBe('values');
  const values = props.install.type === 'helm' ? props.install.values : {};
  return rest.reduce<any>((v, k) => v?.[k], values);
}

const sized: Array<[string, PlatformComponentProps, string[]]> = [
  ['Argo CD', argoCdComponent(), ['controller', 'repoServer', 'server', 'applicationSet', 'notifications', 'redis', 'redisSecretInit'].map((k) => `values.${k}.resources`)],
  ['kube-prometheus-stack', kubePrometheusStack({ placement, grafanaAdminSecret: 'grafana-admin' }), [
    'prometheus.prometheusSpec', 'alertmanager.alertmanagerSpec', 'prometheusOperator', 'prometheusOperator.prometheusConfigReloader',
    'prometheusOperator.admissionWebhooks.patch', 'grafana', 'grafana.sidecar', 'kube-state-metrics', 'prometheus-node-exporter',
  ].map((k) => `values.${k}.resources`)],
  ['Cilium with Hubble', ciliumComponent({ hubble: { relay: true, ui: true } }), [
    'values.resources', 'values.initResources', 'values.envoy.resources', 'values.operator.resources', 'values.hubble.relay.resources',
    'values.hubble.ui.backend.resources', 'values.hubble.ui.frontend.resources',
  ]],
  ['GitLab agent', gitLabAgent({ kasAddress: 'wss://kas.gitlab.com', tokenSecretName: 'agent-token' }), ['values.resources']],
  ['runner scale set', runnerScaleSet({ name: 'lab', githubConfigUrl: 'https://github.com/o/r', githubConfigSecret: 'gh', placement }), [
    'values.template.spec.containers.0.resources', 'values.listenerTemplate.spec.containers.0.resources',
  ]],
  ['secrets-store CSI driver', secretsStoreCsiDriver(), ['values.linux.driver.resources', 'values.linux.registrar.resources', 'values.linux.livenessProbe.resources']],
  ['Vault CSI provider', vaultCsiProvider(), ['values.csi.resources', 'values.csi.agent.resources']],
];

describe('components that kept their charts\' own resources are sized at the chart\'s keys', () => {
  test.each(sized)('%s', (_name, props, keys) => {
    expect(props.resources?.setAt).toEqual(expect.arrayContaining(keys));
    for (const key of keys) {
      expect([key, at(props, key)]).toEqual([key, SIZED]);
    }
    // No component claims any more that its keys were not confirmed.
    expect(props.resources?.chartDefault ?? '').not.toMatch(/has not confirmed the resources keys/);
  });

  test('Argo CD highly available sizes its own pods and says why the redis-ha pods keep theirs', () => {
    const props = argoCdComponent({ highAvailability: true });
    expect(at(props, 'values.server.resources')).toEqual(SIZED);
    expect(at(props, 'values.redis')).toBeUndefined();
    expect(props.resources?.setAt).not.toContain('values.redis.resources');
    expect(props.resources?.chartDefault).toMatch(/redis-ha/);
  });

  test('Cilium without Hubble sizes no Hubble key', () => {
    const props = ciliumComponent();
    expect(at(props, 'values.resources')).toEqual(SIZED);
    expect(at(props, 'values.hubble')).toBeUndefined();
    expect(props.resources).toEqual({ setAt: ['values.resources', 'values.envoy.resources', 'values.initResources', 'values.operator.resources'] });
  });

  test('the ARC controller no longer gives a reason for the listeners, which their scale set sizes', () => {
    expect(actionsRunnerController({ placement }).resources).toEqual({ setAt: ['values.resources'] });
  });

  test.each([
    ['local-path provisioner', localPathProvisioner(), 'Deployment', 'local-path-provisioner'],
    ['local-path provisioner on Talos', localPathProvisioner({ root: '/var/local-path-provisioner' }), 'Deployment', 'local-path-provisioner'],
    ['Intel GPU plugin', intelGpuPluginComponent(), 'DaemonSet', 'intel-gpu-plugin'],
  ])('the %s is sized by a patch of its upstream workload', (_name, props, kind, name) => {
    expect(props.install.type).toBe('manifests');
    const patches = props.install.type === 'manifests' ? props.install.containerPatches ?? [] : [];
    expect(patches.find((p) => p.kind === kind && p.name === name)?.resources).toEqual(SIZED);
    expect(props.resources?.setAt).toEqual([`install.containerPatches.${kind}/${name}`]);
  });
});

test("a user's size for the local-path provisioner reaches its patch, a raised request lifting the limit", () => {
  const app = new CdkApp();
  labCluster(app, 'main', { storage: { local: localPathStorage({ resources: { memoryRequest: '256Mi' } }) } });
  const result = synthesize(app, { outdir: path.join(os.tmpdir(), 'unused'), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const kustomization = result.clusters[0].objects.map((o) => o.manifest as Record<string, any>)
    .find((m) => m.kind === 'Kustomization' && m.metadata.name === 'local-path-provisioner')!;
  const patch = kustomization.spec.patches.find((p: any) => p.target.kind === 'Deployment');
  expect(JSON.parse(patch.patch)[0].value).toEqual({ requests: { cpu: '10m', memory: '256Mi' }, limits: { memory: '256Mi' } });
});

describe('the real sites carry the sizes and no unconfirmed-keys reason', () => {
  const app = new CdkApp();
  defineSites(app);
  const result = synthesize(app, { outdir: path.join(os.tmpdir(), 'unused'), write: false });
  const installs = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as Record<string, any>))
    .filter((m) => ['HelmRelease', 'Application', 'Kustomization'].includes(m.kind));
  const install = (name: string): Record<string, any> => installs.find((m) => m.metadata?.name === name)!;
  const values = (object: Record<string, any>): Record<string, any> => object.spec.values ?? object.spec.source?.helm?.valuesObject;

  test('no install says its chart\'s keys were not confirmed', () => {
    const reasons = installs.map((m) => m.metadata?.annotations?.[CHART_DEFAULT_RESOURCES_ANNOTATION]).filter((r) => r !== undefined);
    expect(reasons.filter((r) => /has not confirmed the resources keys/.test(r))).toEqual([]);
  });

  test.each([
    ['kube-prometheus-stack', ['prometheus', 'prometheusSpec', 'resources']],
    ['cilium', ['operator', 'resources']],
    ['m1-runners', ['listenerTemplate', 'spec', 'containers', 0, 'resources']],
  ])('%s is sized and carries no reason', (name, keys) => {
    const object = install(name);
    expect(object).toBeDefined();
    expect(keys.reduce<any>((v, k) => v?.[k], values(object))).toEqual(SIZED);
    expect(object.metadata.annotations?.[CHART_DEFAULT_RESOURCES_ANNOTATION]).toBeUndefined();
  });

  test('the highly available Argo CD is sized; its reason names only the redis-ha pods', () => {
    const object = install('argo-cd');
    expect(values(object).controller.resources).toEqual(SIZED);
    expect(object.metadata.annotations[CHART_DEFAULT_RESOURCES_ANNOTATION]).toMatch(/^the Redis, Sentinel and HAProxy pods of the redis-ha subchart/);
  });
});
