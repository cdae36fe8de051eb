import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import {
  actionsRunnerController, argoCd, cilium, ClusterChart, ClusterChartProps, declareExternal, gitLabCi, hostPlacement, kubePrometheusStack, loki,
  ingressNginx, IngressTls, intelGpuPluginComponent, runnerScaleSet, synthesize, traefik, trivyOperator, VaultSecretProviderClass,
} from '../constructs';
import type { PlatformComponentProps } from '../constructs/platform/component';
import { arm1, labCluster } from './bad-input/lab';

// A user's size for a part of a platform component reaches the chart values (or the patch) of that part,
// merged key by key into the library's size, and leaves the other parts at theirs.

const placement = hostPlacement(arm1);

/** The value at `keys` of a component's Helm values. */
function valueAt(props: PlatformComponentProps, keys: ReadonlyArray<string | number>): any {
  const values = props.install.type === 'helm' ? props.install.values : {};
  return keys.reduce<any>((v, k) => v?.[k], values);
}

/** The lab's cluster `main` with `props`, built by `add`, synthesized without writing; returns its install objects and errors. */
function synthLab(props: Partial<ClusterChartProps>, add: (cluster: ClusterChart) => void = () => undefined) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', props);
  add(cluster);
  const result = synthesize(app, { outdir: path.join(os.tmpdir(), 'unused'), write: false });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as Record<string, any>));
  const install = (name: string) => manifests.find((m) => ['HelmRelease', 'Application', 'Kustomization'].includes(m.kind) && m.metadata?.name === name)!;
  const values = (name: string) => install(name).spec.values ?? install(name).spec.source?.helm?.valuesObject;
  return { cluster, errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`), install, values };
}

test("kube-prometheus-stack: Prometheus' memory request lifts its default limit; the other parts keep their sizes", () => {
  const props = kubePrometheusStack({ placement, grafanaAdminSecret: 'grafana-admin', resources: { prometheus: { memoryRequest: '4Gi' }, nodeExporter: { cpuLimit: '200m' } } });
  expect(valueAt(props, ['prometheus', 'prometheusSpec', 'resources'])).toEqual({ requests: { cpu: '100m', memory: '4Gi' }, limits: { memory: '4Gi' } });
  expect(valueAt(props, ['prometheus-node-exporter', 'resources'])).toEqual({ requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi', cpu: '200m' } });
  expect(valueAt(props, ['grafana', 'resources'])).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } });
});

test("Argo CD: argoCd({ resources }) reaches the repo server's values, a lowered limit capping the default request", () => {
  const { errors, values } = synthLab({ gitops: argoCd({ resources: { repoServer: { memoryLimit: '96Mi' }, controller: { cpuRequest: '250m' } } }) });
  expect(errors).toEqual([]);
  expect(values('argo-cd').repoServer.resources).toEqual({ requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '96Mi' } });
  expect(values('argo-cd').controller.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } });
});

test("Cilium: cilium({ resources }) sizes the agent and the Hubble UI's two containers", () => {
  const choice = cilium({ hubble: { relay: true, ui: true }, resources: { agent: { memoryLimit: '2Gi' }, hubbleUi: { memoryRequest: '32Mi' } } });
  const values = choice.values as Record<string, any>;
  expect(values.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '2Gi' } });
  expect(values.hubble.ui.backend.resources.requests.memory).toBe('32Mi');
  expect(values.hubble.ui.frontend.resources.requests.memory).toBe('32Mi');
  expect(values.operator.resources).toEqual({ requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

test("GitLab agent: gitLabCi({ agent: { resources } }) reaches agentk's values", () => {
  const agent = { project: 'infra/agent', name: 'agent', kasAddress: 'wss://git.lab.test/-/kubernetes-agent/', resources: { agentk: { memoryLimit: '512Mi' } } };
  // GitLab CI installs the chart with helm from a job: the component's values are what it installs with.
  const { cluster, errors } = synthLab({ gitops: gitLabCi({ agent }) });
  expect(errors.filter((e) => /resources/.test(e))).toEqual([]);
  expect(cluster.platform.get('gitlab-agent')?.values.resources).toEqual({ requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '512Mi' } });
});

test('ARC: the controller, each runner and the listener take their own sizes', () => {
  const controller = actionsRunnerController({ placement, resources: { controller: { memoryRequest: '128Mi' } } });
  expect(valueAt(controller, ['resources', 'requests', 'memory'])).toBe('128Mi');
  const set = runnerScaleSet({
    name: 'lab', githubConfigUrl: 'https://github.com/o/r', githubConfigSecret: 'gh', placement,
    resources: { runner: { cpuRequest: '1', memoryLimit: '8Gi' }, listener: { memoryLimit: '64Mi' } },
  });
  expect(valueAt(set, ['template', 'spec', 'containers', 0, 'resources'])).toEqual({ requests: { cpu: '1', memory: '256Mi' }, limits: { memory: '8Gi' } });
  expect(valueAt(set, ['listenerTemplate', 'spec', 'containers', 0, 'resources'])).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } });
});

test('Loki and Trivy Operator take their sizes by part', () => {
  expect(valueAt(loki({ placement, resources: { loki: { memoryLimit: '2Gi' } } }), ['singleBinary', 'resources', 'limits', 'memory'])).toBe('2Gi');
  expect(valueAt(trivyOperator({ placement, resources: { operator: { memoryLimit: '1Gi' } } }), ['resources', 'limits', 'memory'])).toBe('1Gi');
});

test("the components the cluster brings itself take the sizes of the cluster's componentResources", () => {
  const { errors, values, install } = synthLab({
    componentResources: {
      nvidiaDevicePlugin: { plugin: { memoryLimit: '64Mi' } },
      secretsStoreCsiDriver: { driver: { memoryLimit: '512Mi' } },
      vaultCsiProvider: { provider: { cpuRequest: '20m' } },
    },
  }, (cluster) => {
    declareExternal(cluster, { namespaces: ['web'] });
    new VaultSecretProviderClass(cluster, 'spc', {
      namespace: 'web', vaultAddress: 'https://bao.lab.test:8200', roleName: 'web', objects: [{ objectName: 'key', secretPath: 'secret/data/web', secretKey: 'key' }],
    });
  });
  expect(errors.filter((e) => /resources/i.test(e))).toEqual([]);
  expect(values('nvidia-device-plugin').resources).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } });
  expect(values('secrets-store-csi-driver').linux.driver.resources.limits.memory).toBe('512Mi');
  expect(values('secrets-store-csi-driver').linux.registrar.resources.limits.memory).toBe('128Mi');
  expect(values('vault-csi-provider').csi.resources.requests.cpu).toBe('20m');
  expect(install('nvidia-device-plugin')).toBeDefined();
});

test("the Intel GPU plugin's size reaches the patch of its DaemonSet", () => {
  const props = intelGpuPluginComponent({ plugin: { memoryLimit: '256Mi' } });
  const patches = props.install.type === 'manifests' ? props.install.containerPatches ?? [] : [];
  expect(patches.find((p) => p.name === 'intel-gpu-plugin')?.resources).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '256Mi' } });
});

test("Traefik: traefik({ resources }) reaches the proxy's values", () => {
  const { errors, values } = synthLab({ routes: traefik({ resources: { traefik: { memoryLimit: '512Mi' } } }) });
  expect(errors).toEqual([]);
  expect(values('traefik').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '512Mi' } });
});

test("ingress-nginx: ingressNginx({ resources }) sizes the controller and the webhook's certificate jobs", () => {
  const { errors, values } = synthLab({ routes: ingressNginx({ tls: IngressTls.none(), resources: { controller: { memoryLimit: '1Gi' }, admissionJobs: { cpuRequest: '5m' } } }) });
  expect(errors).toEqual([]);
  expect(values('ingress-nginx').controller.resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '1Gi' } });
  expect(values('ingress-nginx').controller.admissionWebhooks.patchWebhookJob.resources.requests.cpu).toBe('5m');
});
