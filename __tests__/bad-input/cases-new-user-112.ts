import { App, AppController, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs the family's wikis from the README alone: Outline on local file storage, Wiki.js on its PostgreSQL,
// and AFFiNE's server. Each mistake passed synthesis and then left a wiki that stopped as it started, or a server
// whose mailed links and sign-in sent everyone to another host.

/** The Secret `family` of namespace `ns` the apps read, made by hand. */
export const secret = (ns: string, key: string) => SecretReference.external(ns, 'family', key);

/** A PostgreSQL app `id` of namespace `ns` on `image`, its data in a folder of its claim on tier `local`. */
export const postgres = (cluster: ClusterChart, id: string, ns: string, image = 'postgres:16.6') => new App(cluster, id, {
  namespace: ns, image, runAsUser: 999, ports: [{ name: 'postgres', port: 5432 }], controller: AppController.statefulSet(),
  env: { POSTGRES_USER: ns, POSTGRES_DB: ns, POSTGRES_PASSWORD: secret(ns, 'db-password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
    run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
  },
});

/** Wiki.js on its PostgreSQL, its password given as `password` (with any other database setting it replaces). */
const wikijs = (password: Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, 'wikijs', {
  namespace: 'wikijs', image: 'ghcr.io/requarks/wiki:2.5.305', ports: [{ name: 'http', port: 3000 }],
  env: { DB_TYPE: 'postgres', DB_HOST: 'wikijs-db', DB_PORT: '5432', DB_USER: 'wikijs', DB_NAME: 'wikijs', ...password },
  egress: [postgres(cluster, 'wikijs-db', 'wikijs')], route: { host: 'wiki' },
}));

/** AFFiNE's server with its Redis and database, told it is reached at `url`. */
const affine = (url: string) => guarded((cluster: ClusterChart) => {
  const db = postgres(cluster, 'affine-db', 'affine', 'pgvector/pgvector:pg16');
  const redis = new App(cluster, 'affine-redis', { namespace: 'affine', image: 'redis:7.4.1-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }] });
  new App(cluster, 'affine', {
    namespace: 'affine', image: 'ghcr.io/toeverything/affine-graphql:0.21.4', ports: [{ name: 'http', port: 3010 }],
    env: { REDIS_SERVER_HOST: 'affine-redis', DATABASE_URL: secret('affine', 'database-url'), AFFINE_SERVER_EXTERNAL_URL: url },
    persistence: { storage: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/root/.affine/storage' } },
    exemptions: { runAsRoot: 'the image keeps its files under /root/.affine' }, egress: [db, redis], route: { host: 'affine' },
  });
});

/** Outline on its PostgreSQL and Redis, its files kept as `storage` says, with `persistence`. */
const outline = (storage: Record<string, unknown>, persistence: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'outline', {
  namespace: 'outline', image: 'outlinewiki/outline:0.82.0', ports: [{ name: 'http', port: 3000 }],
  env: {
    URL: 'https://docs.lab.test', SECRET_KEY: secret('outline', 'secret-key'), UTILS_SECRET: secret('outline', 'utils-secret'),
    DATABASE_URL: secret('outline', 'database-url'), PGSSLMODE: 'disable', REDIS_URL: 'redis://outline-redis:6379', ...storage,
  },
  persistence: persistence as never, egress: [postgres(cluster, 'outline-db', 'outline')], route: { host: 'docs' },
}));

export const CASES: BadInput[] = [
  {
    name: 'Outline on local file storage with nothing mounted at its folder',
    build: outline({ FILE_STORAGE: 'local' }),
    layer: 'props', path: 'outline', field: 'env.FILE_STORAGE', hint: /mountPath: '\/var\/lib\/outline\/data'/,
  },
  {
    name: "Outline's local folder moved off the claim mounted for it",
    build: outline({ FILE_STORAGE: 'local', FILE_STORAGE_LOCAL_ROOT_DIR: '/data/outline' }, { files: { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: '/var/lib/outline/data' } }),
    layer: 'props', path: 'outline', field: 'env.FILE_STORAGE_LOCAL_ROOT_DIR', hint: /mountPath: '\/data\/outline'/,
  },
  {
    name: "Wiki.js' DB_TYPE written as PostgreSQL's own name",
    build: wikijs({ DB_PASS: secret('wikijs', 'db-password'), DB_TYPE: 'postgresql' }),
    layer: 'props', path: 'wikijs', field: 'env.DB_TYPE', hint: /DB_TYPE: 'postgres'/,
  },
  {
    name: "Wiki.js' database password given as BookStack's image names it",
    build: wikijs({ DB_PASSWORD: secret('wikijs', 'db-password') }),
    layer: 'props', path: 'wikijs', field: 'env.DB_PASSWORD', hint: /DB_PASS: <the value of DB_PASSWORD>/,
  },
  {
    name: "AFFiNE's external URL on the host of another wiki of the lab",
    build: affine('https://notes.lab.test'),
    layer: 'props', path: 'affine', field: 'env.AFFINE_SERVER_EXTERNAL_URL', hint: /AFFINE_SERVER_EXTERNAL_URL: 'https:\/\/affine\.lab\.test'/,
  },
];
