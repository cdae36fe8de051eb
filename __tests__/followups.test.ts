import { App as CdkApp } from 'cdk8s';
import { AppController, AppVolume, hostPlacement, kubePrometheusStack, loki, noNetworkPolicy, synthesize } from '../constructs';
import type { ClusterChart, PlatformComponentProps } from '../constructs';
import { gpu1, labApp, labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// What bad-input cases cannot show: inputs that are right and must stay free of errors, and what a namespace
// that several components share says of its one Pod Security level.

function synth(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  build(cluster);
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return {
    errors: result.findings.filter((f) => f.severity === 'error'),
    objects: result.clusters[0]?.objects.map((o) => o.manifest as any) ?? [],
  };
}

/** A user's own chart component `exporter` in `namespace` that asks for `restricted` but whose values share the host's network. */
const hostNetworkExporter = (namespace: string): PlatformComponentProps => ({
  name: 'exporter', namespace, description: 'an exporter that reads the host network',
  install: { type: 'helm', chart: { repository: 'https://charts.example.com', chart: 'exporter', version: '1.0.0' }, values: { hostNetwork: true } },
  resources: { chartDefault: 'the chart sets its own' }, network: noNetworkPolicy('the exporter serves on the host network'),
});

test('a Job with parallelism whose pods can land on one host alone shares a ReadWriteOnce claim', () => {
  // The lab's arm64 host is tainted: the Job's pods all run on gpu1, where each mounts the claim.
  const { errors } = synth((c) => labApp('batch', {
    ports: undefined, controller: AppController.job({ parallelism: 3, completions: 3 }),
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
  })(c));
  expect(errors).toEqual([]);
});

test("a user's component that asks for less than its namespace enforces runs there, and the namespace says which level wins", () => {
  const { errors, objects } = synth((c) => {
    c.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
    c.platform.require(loki({ placement: hostPlacement(gpu1) }));
    c.platform.require(hostNetworkExporter('monitoring'));
  });
  expect(errors.filter((f) => f.constructPath.includes('exporter'))).toEqual([]);
  const monitoring = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'monitoring');
  expect(monitoring.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  expect(monitoring.metadata.annotations['security.homelab.dev/pod-security-reasons']).toMatch(
    /^kube-prometheus-stack: .*; exporter asks for restricted, loki asks for restricted: a namespace enforces one level, the widest asked of it \(privileged\), and their pods run under it$/,
  );
});

test("a user's component whose values ask for more than its namespace enforces is one error on the value", () => {
  const { errors } = synth((c) => c.platform.require(hostNetworkExporter('exporters')));
  expect(errors).toEqual([expect.objectContaining({
    layer: 'policy', field: 'components.exporter.values.hostNetwork', constructPath: 'main/platform',
    message: expect.stringContaining('namespace "exporters" (Pod Security "restricted") refuses'),
    hint: expect.stringContaining("cluster.namespaces.ensure('exporters', { podSecurity: 'privileged'"),
  })]);
});
