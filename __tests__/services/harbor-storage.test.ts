import { Harbor, localPathStorage, nfsStorage, SecretReference } from '../../constructs';
import { lab, synthCluster } from './support';

// An image store on NFS is common; PostgreSQL on NFS is not to be trusted (fsync, locks).
describe("Harbor's storage tiers", () => {
  const storage = { fast: localPathStorage(), shared: nfsStorage(lab.nfs.media) };
  const harbor = (extra: object) => ({
    route: { host: 'registry' }, adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'), internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'), ...extra,
  });
  const claims = (manifests: any[]) => manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'harbor').spec.values.persistence.persistentVolumeClaim;

  test('databaseStorageTier keeps the database, Redis, job logs and Trivy off the image store tier', () => {
    const { manifests, errors } = synthCluster((chart) => new Harbor(chart, 'harbor', harbor({ storageTier: 'shared', databaseStorageTier: 'fast' })), { storage });
    expect(errors).toEqual([]);
    expect(claims(manifests)).toEqual({
      registry: { storageClass: 'nfs-csi', size: '100Gi' },
      jobservice: { jobLog: { storageClass: 'local-path', size: '1Gi' } },
      database: { storageClass: 'local-path', size: '5Gi' },
      redis: { storageClass: 'local-path', size: '1Gi' },
      trivy: { storageClass: 'local-path', size: '5Gi' },
    });
  });

  test('without it, every claim is of storageTier', () => {
    const { manifests } = synthCluster((chart) => new Harbor(chart, 'harbor', harbor({ storageTier: 'shared' })), { storage });
    expect(Object.values(claims(manifests)).map((c: any) => (c.jobLog ?? c).storageClass)).toEqual(Array(5).fill('nfs-csi'));
  });

  test('an unknown databaseStorageTier is an error on that prop, with the tiers to choose from', () => {
    const { errors } = synthCluster((chart) => new Harbor(chart, 'harbor', harbor({ databaseStorageTier: 'ssd' })), { storage });
    expect(errors).toEqual([expect.objectContaining({ field: 'databaseStorageTier', message: 'cluster "main" has no storage tier "ssd"', hint: 'use one of: fast, shared' })]);
  });
});
