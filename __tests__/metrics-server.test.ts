import { ApiObject, App as CdkApp } from 'cdk8s';
import { App, cilium, ciliumOnTalos, k3s, METRICS_SERVER_PINS, RESOURCE_METRICS_API_SERVICE, synthesize, talos } from '../constructs';
import type { ClusterChart, ClusterChartProps } from '../constructs';
import { labCluster } from './bad-input/lab';

// An autoscaler that reads the resource metrics API brings metrics-server where the distribution serves none
// (Talos), and not where it does (K3s' packaged one); K3s with its own switched off is an error on the autoscaler.

const TALOS: Partial<ClusterChartProps> = { storage: {}, cni: cilium({ ...ciliumOnTalos() }), preinstalled: [talos({ allowSchedulingOnControlPlanes: true })] };
const K3S = (disable: string[]): Partial<ClusterChartProps> => ({ preinstalled: [k3s({ disable })] });

/** The App `web` in namespace `web`, scaled on its CPU by its own HorizontalPodAutoscaler. */
const autoscaledApp = (cluster: ClusterChart) => new App(cluster, 'web', {
  namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], autoscaling: { maxReplicas: 3 },
});

function synth(props: Partial<ClusterChartProps>, build: (cluster: ClusterChart) => void = autoscaledApp) {
  const app = new CdkApp();
  build(labCluster(app, 'edge', props));
  const result = synthesize(app, { outdir: 'unused', write: false });
  const objects = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { errors: result.findings.filter((f) => f.severity === 'error'), warnings: result.findings.filter((f) => f.severity === 'warning'), objects, result };
}
const release = (objects: any[], name: string) => objects.find((m) => m.kind === 'HelmRelease' && m.metadata.name === name);

test('a Talos cluster with an autoscaled App gets metrics-server, verifying kubelets the cluster CA certifies', () => {
  const { errors, warnings, objects, result } = synth(TALOS);
  expect(errors).toEqual([]);
  expect(warnings.filter((w) => /metrics-server/.test(`${w.constructPath} ${w.message}`))).toEqual([]);
  const metricsServer = release(objects, 'metrics-server');
  expect(metricsServer.spec.chart.spec).toMatchObject({ chart: 'metrics-server', version: METRICS_SERVER_PINS.chart });
  expect(metricsServer.spec.values.apiService).toEqual({ create: true });
  expect(metricsServer.spec.values.resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '400Mi' } });
  expect(JSON.stringify(metricsServer.spec.values)).not.toContain('kubelet-insecure-tls');
  expect(release(objects, 'kubelet-csr-approver')).toBeDefined();
  expect(result.files.get('lab/edge/README.md')).toContain('"kubelet":{"extraArgs":{"rotate-server-certificates":true}}');
});

test('a Talos cluster without an autoscaler, or whose autoscaler reads no resource metrics, gets none', () => {
  expect(release(synth(TALOS, () => undefined).objects, 'metrics-server')).toBeUndefined();
});

test("a K3s cluster uses its packaged metrics-server and installs none", () => {
  const { errors, objects } = synth(K3S(['traefik', 'servicelb']));
  expect(errors).toEqual([]);
  expect(release(objects, 'metrics-server')).toBeUndefined();
});

test("K3s with metrics-server switched off is an error on the App's autoscaling, with the fix", () => {
  const { errors, objects } = synth(K3S(['traefik', 'servicelb', 'metrics-server']));
  expect(errors).toEqual([expect.objectContaining({
    constructPath: 'edge/web', field: 'autoscaling', message: expect.stringContaining(RESOURCE_METRICS_API_SERVICE), hint: expect.stringContaining("drop 'metrics-server' from k3s({ disable })"),
  })]);
  expect(release(objects, 'metrics-server')).toBeUndefined();
});

test('a hand-written KEDA ScaledObject with a cpu trigger brings metrics-server too; one declared preinstalled keeps it out', () => {
  const scaledObject = (cluster: ClusterChart) => new ApiObject(cluster, 'queue-scaler', {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'web', namespace: 'web' },
    spec: { scaleTargetRef: { name: 'web' }, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }] },
  });
  const keda = { source: 'keda', crds: [{ group: 'keda.sh', kinds: ['ScaledObject'] }], namespaces: ['web'] };
  expect(release(synth({ ...TALOS, preinstalled: [talos({ allowSchedulingOnControlPlanes: true }), keda] }, scaledObject).objects, 'metrics-server')).toBeDefined();
  const served = { source: 'metrics-server (installed by hand)', provides: { apiServices: [RESOURCE_METRICS_API_SERVICE] } };
  expect(release(synth({ ...TALOS, preinstalled: [talos({ allowSchedulingOnControlPlanes: true }), keda, served] }, scaledObject).objects, 'metrics-server')).toBeUndefined();
});
