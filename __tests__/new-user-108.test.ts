import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, SecretReference, site, traefik } from '../constructs';
import { immichVectorDatabaseProblems } from '../constructs/app/immich-vector-database';
import { librephotosProxyProblems } from '../constructs/app/librephotos-proxy';
import { photoprismDatabaseDriverProblems } from '../constructs/app/photoprism-database-driver';
import { databaseApp as database } from './support/database-app';
import { shownFindings } from './support/lab-output';

// A new user's photo libraries from the README alone: Immich with its machine learning, Valkey and its own PostgreSQL
// image, transcoding on the host's Intel GPU; PhotoPrism on MariaDB; LibrePhotos' backend, frontend and proxy sharing
// the photos on the NAS; Lychee; Ente's museum with MinIO. Written as their own guides write them, it synthesizes
// without a finding (the mistakes it met are in bad-input/cases-new-user-108.ts).

const box = host('nu108-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.108.10', gpus: [{ vendor: 'intel' }], zfsPools: { tank: { media: 'hdd' } } });
const lab = site('nu108', {
  domain: 'photos.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/photos.git' }, nfs: { photos: { server: '192.168.108.20', path: '/export/photos' } },
});
const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);
/** The official PostgreSQL image's settings for `user`'s database `db`, its password the `db-password` of Secret `ns` of namespace `ns`. */
const postgres = (ns: string, user: string, db: string) => ({ POSTGRES_USER: user, POSTGRES_DB: db, POSTGRES_PASSWORD: secret(ns, ns, 'db-password'), PGDATA: '/var/lib/postgresql/data/pgdata' });

function photoLab(scope: Construct): void {
  const main = new ClusterChart(scope, 'main', { site: lab, hosts: [box], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage(), bulk: box.zfs.tank }, gitops: flux() });
  declareExternal(main, { secrets: [
    { namespace: 'immich', name: 'immich-db' }, { namespace: 'photoprism', name: 'photoprism' }, { namespace: 'librephotos', name: 'librephotos' },
    { namespace: 'lychee', name: 'lychee' }, { namespace: 'ente', name: 'ente' },
  ] });

  // Immich
  const immichDb = new App(main, 'immich-postgres', {
    namespace: 'immich', image: 'ghcr.io/immich-app/postgres:14-vectorchord0.4.3-pgvectors0.2.0', controller: AppController.statefulSet(), runAsUser: 999,
    ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_USER: 'immich', POSTGRES_DB: 'immich', POSTGRES_PASSWORD: secret('immich', 'immich-db', 'password'), POSTGRES_INITDB_ARGS: '--data-checksums', DB_STORAGE_TYPE: 'HDD', PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  const redis = new App(main, 'immich-redis', { namespace: 'immich', image: 'docker.io/valkey/valkey:8.1.3', ports: [{ name: 'redis', port: 6379 }] });
  const ml = new App(main, 'immich-machine-learning', {
    namespace: 'immich', image: 'ghcr.io/immich-app/immich-machine-learning:v1.135.3', ports: [{ name: 'http', port: 3003 }],
    persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' } },
  });
  new App(main, 'immich-server', {
    namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.135.3', ports: [{ name: 'http', port: 2283 }],
    env: {
      DB_HOSTNAME: 'immich-postgres', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: secret('immich', 'immich-db', 'password'),
      REDIS_HOSTNAME: 'immich-redis', IMMICH_MACHINE_LEARNING_URL: 'http://immich-machine-learning:3003',
    },
    gpu: { vendor: 'intel', renderGroup: 104 },
    persistence: { upload: { volume: AppVolume.claim({ tier: 'bulk', size: '1Ti' }), mountPath: '/usr/src/app/upload' } },
    egress: [immichDb, redis, ml, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'immich' },
  });

  // PhotoPrism with MariaDB
  const ppDb = database(main, 'mariadb', 'photoprism', 'mariadb:11.4.4', {
    MARIADB_AUTO_UPGRADE: '1', MARIADB_INITDB_SKIP_TZINFO: '1', MARIADB_DATABASE: 'photoprism', MARIADB_USER: 'photoprism',
    MARIADB_PASSWORD: secret('photoprism', 'photoprism', 'db-password'), MARIADB_ROOT_PASSWORD: secret('photoprism', 'photoprism', 'db-root-password'),
  });
  new App(main, 'photoprism', {
    namespace: 'photoprism', image: 'photoprism/photoprism:250707', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 2342 }],
    env: {
      PHOTOPRISM_ADMIN_USER: 'admin', PHOTOPRISM_ADMIN_PASSWORD: secret('photoprism', 'photoprism', 'admin-password'), PHOTOPRISM_AUTH_MODE: 'password',
      PHOTOPRISM_SITE_URL: 'https://photoprism.photos.jdoe.dev/', PHOTOPRISM_DISABLE_TLS: 'true', PHOTOPRISM_ORIGINALS_LIMIT: '5000',
      PHOTOPRISM_DATABASE_DRIVER: 'mysql', PHOTOPRISM_DATABASE_SERVER: 'mariadb:3306', PHOTOPRISM_DATABASE_NAME: 'photoprism', PHOTOPRISM_DATABASE_USER: 'photoprism',
      PHOTOPRISM_DATABASE_PASSWORD: secret('photoprism', 'photoprism', 'db-password'), PHOTOPRISM_FFMPEG_ENCODER: 'intel', PHOTOPRISM_INIT: 'intel tensorflow',
    },
    gpu: { vendor: 'intel', renderGroup: 104 },
    persistence: {
      originals: { volume: AppVolume.claim({ tier: 'bulk', size: '500Gi' }), mountPath: '/photoprism/originals' },
      storage: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/photoprism/storage' },
    },
    egress: [ppDb, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'photoprism' },
  });

  // LibrePhotos
  const lpDb = database(main, 'db', 'librephotos', 'postgres:16.6', postgres('librephotos', 'librephotos', 'librephotos'));
  const backend = new App(main, 'backend', {
    namespace: 'librephotos', image: 'reallibrephotos/librephotos:2024w31', ports: [{ name: 'http', port: 8001 }],
    env: {
      SECRET_KEY: secret('librephotos', 'librephotos', 'secret-key'), BACKEND_HOST: 'backend', ADMIN_EMAIL: 'jdoe@example.com', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: secret('librephotos', 'librephotos', 'admin-password'),
      DB_BACKEND: 'postgresql', DB_NAME: 'librephotos', DB_USER: 'librephotos', DB_PASS: secret('librephotos', 'librephotos', 'db-password'), DB_HOST: 'db', DB_PORT: '5432', ALLOW_UPLOAD: 'true', CSRF_TRUSTED_ORIGINS: 'https://librephotos.photos.jdoe.dev',
    },
    exemptions: { runAsRoot: 'its entrypoint writes under /root and /code' },
    persistence: {
      photos: { volume: AppVolume.nfs(lab.nfs.photos, 'library'), mountPath: '/data' },
      protected: { volume: AppVolume.nfs(lab.nfs.photos, 'protected_media'), mountPath: '/protected_media' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/logs' },
      cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/root/.cache' },
    },
    egress: [lpDb, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  const frontend = new App(main, 'frontend', { namespace: 'librephotos', image: 'reallibrephotos/librephotos-frontend:2024w31', ports: [{ name: 'http', port: 3000 }] });
  new App(main, 'proxy', {
    namespace: 'librephotos', image: 'reallibrephotos/librephotos-proxy:2024w31', ports: [{ name: 'http', port: 80 }],
    exemptions: { runAsRoot: 'nginx binds port 80' },
    // nginx serves the photos and thumbnails the backend points it at from the same folders.
    persistence: {
      photos: { volume: AppVolume.nfs(lab.nfs.photos, 'library'), mountPath: '/data', readOnly: true },
      protected: { volume: AppVolume.nfs(lab.nfs.photos, 'protected_media'), mountPath: '/protected_media', readOnly: true },
    },
    egress: [backend, frontend],
    route: { host: 'librephotos' },
  });

  // Lychee
  const lyDb = database(main, 'lychee-db', 'lychee', 'mariadb:11.4.4', { MARIADB_DATABASE: 'lychee', MARIADB_USER: 'lychee', MARIADB_PASSWORD: secret('lychee', 'lychee', 'db-password'), MARIADB_RANDOM_ROOT_PASSWORD: 'yes' });
  new App(main, 'lychee', {
    namespace: 'lychee', image: 'lycheeorg/lychee:v6.6.12', ports: [{ name: 'http', port: 80 }],
    env: {
      PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin', APP_URL: 'https://lychee.photos.jdoe.dev', APP_KEY: secret('lychee', 'lychee', 'app-key'), TRUSTED_PROXIES: '*',
      DB_CONNECTION: 'mysql', DB_HOST: 'lychee-db', DB_PORT: '3306', DB_DATABASE: 'lychee', DB_USERNAME: 'lychee', DB_PASSWORD: secret('lychee', 'lychee', 'db-password'),
    },
    exemptions: { runAsRoot: 'its entrypoint maps PUID and PGID and drops to www-data', writableRootFilesystem: 'nginx and php-fpm write their run files' },
    persistence: {
      conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/conf' },
      uploads: { volume: AppVolume.claim({ tier: 'bulk', size: '200Gi' }), mountPath: '/uploads' },
      sym: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/sym' },
    },
    egress: [lyDb],
    route: { host: 'lychee' },
  });

  // Ente's museum with MinIO
  const enteDb = database(main, 'ente-postgres', 'ente', 'postgres:15.10', postgres('ente', 'pguser', 'ente_db'));
  const minio = new App(main, 'minio', {
    namespace: 'ente', image: 'minio/minio:RELEASE.2025-04-22T22-12-26Z', controller: AppController.statefulSet(), args: ['server', '/data', '--console-address', ':9001'],
    ports: [{ name: 's3', port: 9000 }, { name: 'console', port: 9001 }],
    env: { MINIO_ROOT_USER: secret('ente', 'ente', 'minio-user'), MINIO_ROOT_PASSWORD: secret('ente', 'ente', 'minio-password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'bulk', size: '500Gi' }), mountPath: '/data' } },
    route: { host: 's3' },
  });
  main.namespaces.ensure('ente');
  new ApiObject(main, 'museum-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'museum', namespace: 'ente' },
    data: { 'museum.yaml': [
      'db:', '  host: ente-postgres', '  port: 5432', '  name: ente_db', '  user: pguser',
      's3:', '  are_local_buckets: true', '  use_path_style_urls: true', '  b2-eu-cen:', '    endpoint: https://s3.photos.jdoe.dev', '    region: eu-central-2', '    bucket: b2-eu-cen',
      'apps:', '  public-albums: https://albums.photos.jdoe.dev', '',
    ].join('\n') },
  });
  new App(main, 'museum', {
    namespace: 'ente', image: 'ghcr.io/ente-io/server:latest', exemptions: { floatingImage: 'Ente publishes its server under latest' }, ports: [{ name: 'http', port: 8080 }],
    env: {
      ENTE_DB_PASSWORD: secret('ente', 'ente', 'db-password'), 'ENTE_S3_B2-EU-CEN_KEY': secret('ente', 'ente', 'minio-user'), 'ENTE_S3_B2-EU-CEN_SECRET': secret('ente', 'ente', 'minio-password'),
      ENTE_KEY_ENCRYPTION: secret('ente', 'ente', 'key-encryption'), ENTE_KEY_HASH: secret('ente', 'ente', 'key-hash'), ENTE_JWT_SECRET: secret('ente', 'ente', 'jwt-secret'),
    },
    persistence: { config: { volume: AppVolume.configMap('museum'), mounts: [{ mountPath: '/museum.yaml', subPath: 'museum.yaml' }] } },
    egress: [enteDb, minio],
    route: { host: 'ente' },
  } as never);
}

describe("a new user's photo libraries", () => {
  test('synthesize without a finding', () => {
    expect(shownFindings(photoLab)).toEqual([]);
  });
});

describe("Immich's database", () => {
  const apps = (image: string) => () => [{ name: 'immich-postgres', namespace: 'immich', image }];
  const problems = (env: Record<string, unknown>, image: string) => immichVectorDatabaseProblems('ghcr.io/immich-app/immich-server:v1.135.3', env, 'immich', apps(image));
  test.each([
    ["Immich's own image", { DB_HOSTNAME: 'immich-postgres' }, 'ghcr.io/immich-app/postgres:14-vectorchord0.4.3-pgvectors0.2.0'],
    ['pgvecto.rs', { DB_HOSTNAME: 'immich-postgres.immich.svc.cluster.local' }, 'tensorchord/pgvecto-rs:pg14-v0.2.0'],
    ['pgvector', { DB_HOSTNAME: 'immich-postgres', DB_VECTOR_EXTENSION: 'pgvector' }, 'pgvector/pgvector:pg16'],
    ['a host from a Secret', { DB_URL: SecretReference.external('immich', 'db', 'url') }, 'postgres:16.6'],
    ['another namespace\'s app of that name', { DB_HOSTNAME: 'immich-postgres.photos' }, 'postgres:16.6'],
  ])('%s is left alone', (_name, env, image) => {
    expect(problems(env, image)).toEqual([]);
  });
  test('a DB_URL, which the server reads before DB_HOSTNAME, is the field named', () => {
    expect(problems({ DB_URL: 'postgresql://immich@immich-postgres:5432/immich', DB_HOSTNAME: 'elsewhere' }, 'postgres:17.2').map((p) => [p.field, /postgres:17-vectorchord/.test(p.hint)])).toEqual([['env.DB_URL', true]]);
  });
});

describe("LibrePhotos' proxy", () => {
  const image = 'reallibrephotos/librephotos-proxy:2024w31';
  test('Services written by hand under the names it calls are taken', () => {
    expect(librephotosProxyProblems(image, 'librephotos', () => [{ name: 'backend' }, { name: 'frontend' }])).toEqual([]);
  });
  test("a frontend's Service on another port is one problem naming it", () => {
    const problems = librephotosProxyProblems(image, 'librephotos', () => [{ name: 'backend', ports: [8001] }, { name: 'frontend', ports: [80] }]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/serves port 80, not 3000/)]);
  });
});

describe("PhotoPrism's database driver", () => {
  test.each(['MariaDB', 'mysql', 'sqlite', ''])('%s is taken', (driver) => {
    expect(photoprismDatabaseDriverProblems('photoprism/photoprism:250707', { PHOTOPRISM_DATABASE_DRIVER: driver })).toEqual([]);
  });
  test('a driver PhotoPrism does not know is one problem', () => {
    expect(photoprismDatabaseDriverProblems('docker.io/photoprism/photoprism:latest', { PHOTOPRISM_DATABASE_DRIVER: 'mysql8' }).map((p) => p.field)).toEqual(['env.PHOTOPRISM_DATABASE_DRIVER']);
  });
});
