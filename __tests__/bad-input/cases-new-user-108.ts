import { App, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user moves the family's photos onto the cluster from the README alone: Immich with its database, PhotoPrism,
// LibrePhotos' backend, frontend and proxy. Each mistake passed synthesis and left a server that stopped at its start,
// or one that indexed the photos somewhere else than the database set up for it.

/** A PostgreSQL app `id` of namespace `namespace` on `image`, its data in a folder of its claim, run as the image's user. */
const postgres = (cluster: ClusterChart, id: string, namespace: string, image: string) => new App(cluster, id, {
  namespace, image, runAsUser: 999, ports: [{ name: 'postgres', port: 5432 }],
  env: { POSTGRES_USER: namespace, POSTGRES_DB: namespace, POSTGRES_PASSWORD: SecretReference.external(namespace, 'db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
    run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
  },
});

/** Immich's server calling its database `immich-postgres`, which runs `image`. */
const immich = (image: string, env: Record<string, unknown> = { DB_HOSTNAME: 'immich-postgres' }) => guarded((cluster: ClusterChart) => {
  const db = postgres(cluster, 'immich-postgres', 'immich', image);
  new App(cluster, 'immich-server', {
    namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.135.3', ports: [{ name: 'http', port: 2283 }],
    env: { ...env, DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: SecretReference.external('immich', 'db', 'password') },
    egress: [db],
  });
});

/** LibrePhotos' backend of id `backendId`, its frontend and its proxy in namespace `librephotos`. */
const librephotos = (backendId: string) => guarded((cluster: ClusterChart) => {
  new App(cluster, backendId, {
    namespace: 'librephotos', image: 'reallibrephotos/librephotos:2024w31', ports: [{ name: 'http', port: 8001 }],
    env: { SECRET_KEY: SecretReference.external('librephotos', 'librephotos', 'secret-key'), BACKEND_HOST: 'backend' },
    exemptions: { runAsRoot: 'its entrypoint writes under /root and /code' },
  });
  new App(cluster, 'frontend', { namespace: 'librephotos', image: 'reallibrephotos/librephotos-frontend:2024w31', ports: [{ name: 'http', port: 3000 }] });
  new App(cluster, 'proxy', {
    namespace: 'librephotos', image: 'reallibrephotos/librephotos-proxy:2024w31', ports: [{ name: 'http', port: 80 }],
    exemptions: { runAsRoot: 'nginx binds port 80' }, route: { host: 'librephotos' },
  });
});

export const CASES: BadInput[] = [
  {
    name: "Immich's server on the official PostgreSQL image, which ships no vector extension",
    build: immich('postgres:16.6'),
    layer: 'references', path: 'immich-server', field: 'env.DB_HOSTNAME', hint: /ghcr\.io\/immich-app\/postgres:16-vectorchord/,
  },
  {
    name: "Immich's server without DB_HOSTNAME beside a PostGIS app named database, as its compose file names it",
    build: guarded((cluster: ClusterChart) => {
      postgres(cluster, 'database', 'immich', 'postgis/postgis:16-3.5');
      new App(cluster, 'immich-server', { namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.135.3', ports: [{ name: 'http', port: 2283 }] });
    }),
    layer: 'references', path: 'immich-server', field: 'env', message: /neither DB_URL nor DB_HOSTNAME/,
  },
  {
    name: "PhotoPrism told its database driver is postgres, for the PostgreSQL the lab runs already",
    build: guarded((cluster: ClusterChart) => {
      const db = postgres(cluster, 'photoprism-db', 'photoprism', 'postgres:16.6');
      new App(cluster, 'photoprism', {
        namespace: 'photoprism', image: 'photoprism/photoprism:250707', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 2342 }],
        env: {
          PHOTOPRISM_DATABASE_DRIVER: 'postgres', PHOTOPRISM_DATABASE_SERVER: 'photoprism-db:5432', PHOTOPRISM_DATABASE_NAME: 'photoprism',
          PHOTOPRISM_DATABASE_USER: 'photoprism', PHOTOPRISM_DATABASE_PASSWORD: SecretReference.external('photoprism', 'db', 'password'),
        },
        persistence: { storage: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/photoprism/storage' } },
        egress: [db],
      });
    }),
    layer: 'props', path: 'photoprism', field: 'env.PHOTOPRISM_DATABASE_DRIVER', hint: /PHOTOPRISM_DATABASE_DRIVER: 'mysql'/,
  },
  {
    name: "LibrePhotos' backend named librephotos-backend, where the proxy's nginx.conf calls backend",
    build: librephotos('librephotos-backend'),
    layer: 'references', path: 'proxy', field: 'image', hint: /app librephotos-backend the id 'backend'/,
  },
];
