import { App, ApiObject } from 'cdk8s';
import { AppController, AppVolume, ClusterChart, HomelabApp, SecretReference } from '../constructs';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// An app's env that names `<service>.<namespace>` of a namespace whose Services the output shows, and no
// such Service, is a warning with the Service meant.

function postgres(cluster: ClusterChart): HomelabApp {
  return new HomelabApp(cluster, 'postgres', {
    namespace: 'db', image: 'postgres:16.4', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'postgres', port: 5432 }], controller: AppController.statefulSet(),
    env: { POSTGRES_PASSWORD: SecretReference.external('db', 'postgres-auth', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
}

/** The findings on env of the app `wiki`, which calls its database with `env` beside a PostgreSQL app in `db`; `build` adds more. */
function wikiFindings(env: Record<string, string>, build: (cluster: ClusterChart) => void = postgres) {
  return synthInMemory((scope) => {
    const cluster = labCluster(scope as App);
    build(cluster);
    new HomelabApp(cluster, 'wiki', { image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }], env: { ...env, DB_PASS: SecretReference.external('wiki', 'wiki-db', 'password') } });
  }).findings.filter((f) => f.field.startsWith('env.')).map((f) => ({ severity: f.severity, field: f.field, hint: f.hint }));
}

test('a misspelt Service of a namespace of apps is a warning naming the Service meant', () => {
  expect(wikiFindings({ DB_HOST: 'postgresql.db' })).toEqual([{ severity: 'warning', field: 'env.DB_HOST', hint: expect.stringContaining('call postgres.db') }]);
});

test("a namespace that nothing of the cluster has, named in the cluster's own form (.svc), is an error naming where the Service is", () => {
  // The name is surely the cluster's, and nothing resolves in a namespace the cluster does not have (one renamed).
  expect(wikiFindings({ DATABASE_URL: 'postgres://wiki@postgres.database.svc.cluster.local:5432/wiki' }))
    .toEqual([{ severity: 'error', field: 'env.DATABASE_URL', hint: expect.stringContaining('Service postgres is in namespace "db"') }]);
});

test("a CloudNativePG cluster's name, which names no Service, is an error answered with the value calling its read-write Service", () => {
  const cnpg = (cluster: ClusterChart) => {
    cluster.namespaces.ensure('db');
    new ApiObject(cluster, 'pg', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'postgres', namespace: 'db' }, spec: { instances: 1, storage: { size: '10Gi' } } });
  };
  expect(wikiFindings({ DB_HOST: 'postgres.db' }, cnpg)).toEqual([{ severity: 'error', field: 'env.DB_HOST', hint: expect.stringContaining("write DB_HOST: 'postgres-rw.db'") }]);
  expect(wikiFindings({ DB_HOST: 'postgres-rw.db' }, cnpg)).toEqual([]);
});

test('a namespace of a Helm install, or a host outside the cluster, is not judged', () => {
  const helmRedis = (cluster: ClusterChart) => {
    cluster.namespaces.ensure('cache');
    new ApiObject(cluster, 'hr', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'redis', namespace: 'cache' },
      spec: { interval: '1h', chart: { spec: { chart: 'redis', version: '20.1.0', sourceRef: { kind: 'HelmRepository', name: 'bitnami', namespace: 'flux-system' } } } },
    });
  };
  expect(wikiFindings({ REDIS_HOST: 'redis-master.cache' }, helmRedis)).toEqual([]);
  expect(wikiFindings({ DB_HOST: 'nas.lan', DB_PORT: '5432' })).toEqual([]);
  expect(wikiFindings({ DB_HOST: 'postgres.traefik' })).toEqual([]);
});

test("an init container's pg_isready -h of PostgreSQL's short name, from another namespace, is a warning naming the namespace", () => {
  const findings = synthInMemory((scope) => {
    const cluster = labCluster(scope as App);
    postgres(cluster);
    new HomelabApp(cluster, 'wiki', {
      image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }],
      initContainers: [{ name: 'wait-db', image: 'postgres:16.4', command: ['sh', '-c', 'until pg_isready -h postgres -p 5432; do sleep 2; done'] }],
    });
  }).findings.filter((f) => f.constructPath === 'main/wiki');
  expect(findings.map((f) => ({ severity: f.severity, field: f.field, hint: f.hint }))).toEqual([
    { severity: 'warning', field: 'containers.wait-db.command[2]', hint: expect.stringContaining('Service postgres is in namespace "db": call postgres.db') },
  ]);
});
