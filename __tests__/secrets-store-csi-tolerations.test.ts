import { App as CdkApp } from 'cdk8s';
import { synthesize, VaultSecretProviderClass } from '../constructs';
import { declareExternal } from '../constructs/validation/external';
import { schedulableHostsOfSpec } from '../constructs/validation/scheduling';
import { labCluster } from './bad-input/lab';

// The Secrets Store CSI driver and its Vault provider are node plugins: a pod mounts its secrets through
// the ones on its own node, so both must reach every node, tainted ones (control planes) included.

test('the Secrets Store CSI driver and the Vault provider tolerate the taint of every host of the cluster', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  declareExternal(cluster, { namespaces: ['web'] });
  new VaultSecretProviderClass(cluster, 'spc', {
    namespace: 'web', vaultAddress: 'https://bao.lab.test:8200', roleName: 'web', objects: [{ objectName: 'key', secretPath: 'secret/data/web', secretKey: 'key' }],
  });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const values = (name: string) => result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any))
    .find((m) => m.kind === 'HelmRelease' && m.metadata.name === name).spec.values;
  expect(cluster.hosts.some((h) => cluster.nodeTaints(h).length > 0)).toBe(true);
  for (const tolerations of [values('secrets-store-csi-driver').linux.tolerations, values('vault-csi-provider').csi.pod.tolerations]) {
    expect(schedulableHostsOfSpec({ tolerations }, cluster).hosts).toEqual([...cluster.hosts]);
  }
  // The sizes stay beside the tolerations.
  expect(values('secrets-store-csi-driver').linux.driver.resources.limits.memory).toBe('256Mi');
});
