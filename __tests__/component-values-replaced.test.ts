import { App as CdkApp } from 'cdk8s';
import { ClusterChart, declareExternal, hostPlacement, kubePrometheusStack, synthesize, zfsSnapshotClass } from '../constructs';
import type { PlatformComponent } from '../constructs';
import { gpu1, labCluster } from './bad-input/lab';

// `component.addValues(…)` adds Helm values to a component the library installs. A key the library sets
// already is replaced without a word by the deep merge, while the library's checks and the cluster's
// README keep reading its own value: the replacement is a warning on the call, naming the key.

function build(add: (cluster: ClusterChart, stack: PlatformComponent) => void) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', retention: '15d' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  add(cluster, stack);
  const result = synthesize(app, { outdir: 'unused', write: false });
  const helmValues = (name: string) => result.clusters[0].objects.map((o) => o.manifest as any)
    .find((m) => m.kind === 'HelmRelease' && m.metadata.name === name)?.spec.values;
  return { findings: result.findings.filter((f) => f.field.startsWith('addValues')), errors: result.findings.filter((f) => f.severity === 'error'), helmValues };
}

test('a value the library set, replaced by addValues, is a warning naming the key and the value it replaces', () => {
  const { findings, errors } = build((cluster, stack) => {
    // The Secret the values name instead is there: a missing one is an error of its own.
    declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'my-grafana' }] });
    stack.addValues({ prometheus: { prometheusSpec: { retention: '30d', retentionSize: '50GB' } }, grafana: { admin: { existingSecret: 'my-grafana' } } });
  });
  expect(errors).toEqual([]);
  expect(findings.map((f) => [f.severity, f.constructPath, f.field])).toEqual([
    ['warning', 'main/platform/installs/kube-prometheus-stack', 'addValues.prometheus.prometheusSpec.retention'],
    ['warning', 'main/platform/installs/kube-prometheus-stack', 'addValues.prometheus.prometheusSpec.retentionSize'],
    ['warning', 'main/platform/installs/kube-prometheus-stack', 'addValues.grafana.admin.existingSecret'],
  ]);
  expect(findings[0].message).toMatch(/replaces "15d", the value kube-prometheus-stack is installed with/);
  expect(findings[0].hint).toMatch(/option/);
  // The new value is not repeated: values may be secrets written out, which are errors of their own.
  expect(findings.map((f) => f.message).join('\n')).not.toMatch(/30d|50GB|my-grafana/);
});

test('values the library does not set, the same value again, and keys of lists are added without a word', () => {
  const { findings, helmValues } = build((_c, stack) => stack.addValues({
    kubeScheduler: { enabled: false }, prometheus: { prometheusSpec: { retention: '15d' } }, grafana: { additionalDataSources: [{ name: 'Loki', type: 'loki' }] },
  }));
  expect(findings).toEqual([]);
  expect(helmValues('kube-prometheus-stack')).toMatchObject({ kubeScheduler: { enabled: false }, grafana: { additionalDataSources: [{ name: 'Loki' }] } });
});

test("the library's own change of its values, turning on the ZFS driver's snapshot CRDs, is no warning", () => {
  const { findings } = build((cluster) => zfsSnapshotClass(cluster));
  expect(findings).toEqual([]);
});

test('a replaced value that is an error by itself is that error alone, without the warning of its replacement', () => {
  const { findings } = build((_c, stack) => stack.addValues({ prometheus: { prometheusSpec: { retention: '30 days' } } }));
  expect(findings.map((f) => [f.severity, f.field])).toEqual([['error', 'addValues.prometheus.prometheusSpec.retention']]);
});

test('a Secret or StorageClass the added values name must be there, as for a release of the lab', () => {
  const { errors } = build((_c, stack) => stack.addValues({ grafana: { admin: { existingSecret: 'my-grafana' }, persistence: { enabled: true, storageClassName: 'longhorn' } } }));
  expect(errors.map((f) => [f.layer, f.field])).toEqual([
    ['references', 'addValues.grafana.admin.existingSecret'],
    ['references', 'addValues.grafana.persistence.storageClassName'],
  ]);
});
