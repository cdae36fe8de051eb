import { App as CdkApp } from 'cdk8s';
import { declareExternal, hostPlacement, kubePrometheusStack, synthesize } from '../constructs';
import type { KubePrometheusStackOptions } from '../constructs';
import { gpu1, labCluster } from './bad-input/lab';

// kubePrometheusStack({ prometheusStorage }) keeps Prometheus' samples on a claim of one of the cluster's
// storage tiers; without it they live in an emptyDir and are lost with every new pod.

function render(options: Partial<KubePrometheusStackOptions>) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', ...options }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  const result = synthesize(app, { outdir: 'unused', write: false });
  const release = result.clusters[0].objects.map((o) => o.manifest as any)
    .find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kube-prometheus-stack');
  return { prometheusSpec: release?.spec.values.prometheus.prometheusSpec, errors: result.findings.filter((f) => f.severity === 'error') };
}

test("Prometheus' samples go on a claim of the tier's StorageClass, of the size given", () => {
  const { prometheusSpec, errors } = render({ prometheusStorage: { tier: 'local', size: '20Gi' } });
  expect(errors).toEqual([]);
  expect(prometheusSpec.storageSpec).toEqual({
    volumeClaimTemplate: { spec: { storageClassName: 'local-path', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } },
  });
});

test('a ZFS pool tier gives the claim its pool class', () => {
  const { prometheusSpec } = render({ prometheusStorage: { tier: 'fast', size: '10Gi' } });
  expect(prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe('zfs-fast');
});

test('without it Prometheus has no claim, as before', () => {
  expect(render({}).prometheusSpec.storageSpec).toBeUndefined();
});

test('an unknown tier and a bad size are one error each, naming the field and a hint', () => {
  const tier = render({ prometheusStorage: { tier: 'ssd', size: '10Gi' } }).errors;
  expect(tier.map((f) => [f.constructPath, f.field])).toEqual([['main/platform', 'components.kube-prometheus-stack.prometheusStorage.tier']]);
  expect(tier[0].message).toMatch(/no storage tier "ssd"/);
  expect(tier[0].hint).toMatch(/fast, local/);
  const size = render({ prometheusStorage: { tier: 'fast', size: 'ten gigs' } }).errors;
  expect(size.map((f) => [f.constructPath, f.field])).toEqual([['main/platform', 'components.kube-prometheus-stack.prometheusStorage.size']]);
  expect(size[0].hint).toMatch(/50Gi/);
});
