import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, argoCd, ClusterChart, CrossplanePostgres, flux, SecretReference, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';

// Removing an app from the repository must not delete its data: the engine leaves claims, volumes and
// the namespaces that hold them in the cluster.

function manifests(gitops: ClusterChart['gitops'], extra: (cluster: ClusterChart) => void = () => undefined) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops });
  extra(cluster);
  new App(cluster, 'db', {
    image: 'postgres:16.4', namespace: 'data', ports: [{ name: 'pg', port: 5432 }], env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const all = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const annotations = (kind: string, name: string) => all.find((m) => m.kind === kind && m.metadata.name === name)?.metadata.annotations ?? {};
  return { annotations, all };
}

test('under Flux, a claim and the namespace that holds it are left when they leave the repository; other namespaces are pruned', () => {
  const { annotations } = manifests(flux());
  expect(annotations('PersistentVolumeClaim', 'db-data')).toMatchObject({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  expect(annotations('Namespace', 'data')).toMatchObject({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  expect(annotations('Namespace', 'web')['kustomize.toolkit.fluxcd.io/prune']).toBeUndefined();
});

test('under Flux, a StorageClass, whose parameters cannot change, is made anew when they do', () => {
  const { all } = manifests(flux());
  const classes = all.filter((m: any) => m.kind === 'StorageClass');
  expect(classes.length).toBeGreaterThan(0);
  for (const storageClass of classes) {
    expect(storageClass.metadata.annotations).toMatchObject({ 'kustomize.toolkit.fluxcd.io/force': 'enabled' });
  }
});

test('under Argo CD, the claim is kept with Prune=false', () => {
  const { annotations } = manifests(argoCd());
  expect(annotations('PersistentVolumeClaim', 'db-data')['argocd.argoproj.io/sync-options']).toBe('Prune=false');
  expect(annotations('Namespace', 'data')['argocd.argoproj.io/sync-options']).toBe('Prune=false');
});

// A Crossplane claim of a database composes its claim: removing the claim from the repository deletes the
// composite, the composed claim and, with a class that reclaims with Delete, the database.
function withDatabaseClaim(cluster: ClusterChart): void {
  const postgres = new CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast' });
  postgres.claim(cluster, 'cloud-db', { namespace: 'cloud', dbName: 'cloud', dbUser: 'cloud', password: SecretReference.external('cloud', 'cloud-db', 'password') });
}

test('a Crossplane claim whose Composition makes a volume claim is kept like a claim, under Argo CD and Flux, with its namespace', () => {
  const argo = manifests(argoCd(), withDatabaseClaim);
  expect(argo.annotations('PostgreSQL', 'cloud-db')['argocd.argoproj.io/sync-options']).toBe('Prune=false');
  expect(argo.annotations('Namespace', 'cloud')['argocd.argoproj.io/sync-options']).toBe('Prune=false');
  const fluxed = manifests(flux(), withDatabaseClaim);
  expect(fluxed.annotations('PostgreSQL', 'cloud-db')).toMatchObject({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  // The definition and Composition hold no data: changing them is how the platform is upgraded.
  expect(fluxed.annotations('Composition', 'postgresql')['kustomize.toolkit.fluxcd.io/prune']).toBeUndefined();
});
