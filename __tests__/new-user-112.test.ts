import type { Construct } from 'constructs';
import { App, AppController, AppVolume, ClusterChart, existingStorageClass, flux, host, k3s, localPathStorage, site, traefik } from '../constructs';
import { postgres, secret } from './bad-input/cases-new-user-112';
import { shownFindings } from './support/lab-output';
import { manifestsOf, sitesInMemory } from './support/synth';

// The family's wikis on one K3s node with local-path, written from the README alone: Gramps Web with its Celery
// worker sharing the tree's folders as its compose file shares them, Outline keeping its files on a claim, Wiki.js on
// its PostgreSQL, and AFFiNE's migration Job mounting the server's folders. Each is correct and synthesizes without a finding.

/** A Redis app `id` of namespace `ns`. */
const redis = (cluster: ClusterChart, id: string, ns: string) => new App(cluster, id, { namespace: ns, image: 'redis:7.4.1-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }] });

function familyWikis(scope: Construct): void {
  const nuc = host('family-nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.20' });
  const lab = site('family', { domain: 'family.example', hosts: [nuc], git: { url: 'https://github.com/jdoe/family.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { local: localPathStorage() }, gitops: flux(),
  });

  // Gramps Web and its Celery worker: one set of folders, each a ReadWriteOnce claim on the one node.
  const grampsRedis = redis(cluster, 'gramps-redis', 'gramps');
  const folder = (size: string) => AppVolume.claim({ tier: 'local', size });
  const folders = {
    users: { volume: folder('1Gi'), mountPath: '/app/users' }, index: { volume: folder('1Gi'), mountPath: '/app/indexdir' },
    thumbs: { volume: folder('1Gi'), mountPath: '/app/thumbnail_cache' }, cache: { volume: folder('1Gi'), mountPath: '/app/cache' },
    secret: { volume: folder('64Mi'), mountPath: '/app/secret' }, db: { volume: folder('2Gi'), mountPath: '/root/.gramps/grampsdb' },
    media: { volume: folder('10Gi'), mountPath: '/app/media' }, tmp: { volume: folder('1Gi'), mountPath: '/tmp' },
  };
  const gramps = {
    namespace: 'gramps', image: 'ghcr.io/gramps-project/grampsweb:v25.1.1', persistence: folders, egress: [grampsRedis],
    exemptions: { runAsRoot: 'the image keeps its tree under /root/.gramps' },
    env: {
      GRAMPSWEB_TREE: 'Family', GRAMPSWEB_SECRET_KEY: secret('gramps', 'secret-key'), GRAMPSWEB_RATELIMIT_STORAGE_URI: 'redis://gramps-redis:6379/1',
      GRAMPSWEB_CELERY_CONFIG__broker_url: 'redis://gramps-redis:6379/0', GRAMPSWEB_CELERY_CONFIG__result_backend: 'redis://gramps-redis:6379/0',
    },
  };
  new App(cluster, 'grampsweb', { ...gramps, ports: [{ name: 'http', port: 5000 }], route: { host: 'tree' } });
  new App(cluster, 'grampsweb-celery', { ...gramps, command: ['celery', '-A', 'gramps_webapi.celery', 'worker', '--loglevel=INFO', '--concurrency=2'] });

  // Outline keeping its files on disk, on a claim at its image's folder.
  const outlineRedis = redis(cluster, 'outline-redis', 'outline');
  new App(cluster, 'outline', {
    namespace: 'outline', image: 'outlinewiki/outline:0.82.0', runAsUser: 1001, ports: [{ name: 'http', port: 3000 }],
    env: {
      URL: 'https://docs.family.example', SECRET_KEY: secret('outline', 'secret-key'), UTILS_SECRET: secret('outline', 'utils-secret'),
      DATABASE_URL: secret('outline', 'database-url'), PGSSLMODE: 'disable', REDIS_URL: 'redis://outline-redis:6379', FILE_STORAGE: 'local',
    },
    persistence: { files: { volume: folder('5Gi'), mountPath: '/var/lib/outline/data' } },
    egress: [postgres(cluster, 'outline-db', 'outline'), outlineRedis], route: { host: 'docs' },
  });

  // Wiki.js on its PostgreSQL.
  new App(cluster, 'wikijs', {
    namespace: 'wikijs', image: 'ghcr.io/requarks/wiki:2.5.305', ports: [{ name: 'http', port: 3000 }],
    env: { DB_TYPE: 'postgres', DB_HOST: 'wikijs-db', DB_PORT: '5432', DB_USER: 'wikijs', DB_PASS: secret('wikijs', 'db-password'), DB_NAME: 'wikijs' },
    egress: [postgres(cluster, 'wikijs-db', 'wikijs')], route: { host: 'wiki' },
  });

  // AFFiNE: its migration Job mounts the server's folders, as the compose file's migration service does.
  const affineDb = postgres(cluster, 'affine-db', 'affine', 'pgvector/pgvector:pg16');
  const affineRedis = redis(cluster, 'affine-redis', 'affine');
  const affine = {
    namespace: 'affine', image: 'ghcr.io/toeverything/affine-graphql:0.21.4', egress: [affineDb, affineRedis],
    env: { REDIS_SERVER_HOST: 'affine-redis', DATABASE_URL: secret('affine', 'database-url'), AFFINE_INDEXER_ENABLED: 'false', AFFINE_SERVER_EXTERNAL_URL: 'https://affine.family.example' },
    persistence: { storage: { volume: folder('10Gi'), mountPath: '/root/.affine/storage' }, config: { volume: folder('64Mi'), mountPath: '/root/.affine/config' } },
    exemptions: { runAsRoot: 'the image keeps its files under /root/.affine' },
  };
  new App(cluster, 'affine-migration', { ...affine, command: ['sh', '-c', 'node ./scripts/self-host-predeploy.js'], controller: AppController.job({ backoffLimit: 3 }) });
  new App(cluster, 'affine', { ...affine, ports: [{ name: 'http', port: 3010 }], route: { host: 'affine' } });
}

test('the family wikis synthesize without a finding', () => {
  expect(shownFindings(familyWikis)).toEqual([]);
});

test("Gramps Web's worker and AFFiNE's migration Job mount the claims their server makes", () => {
  const manifests = manifestsOf(sitesInMemory(familyWikis), 'family/main');
  const claimsOf = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name)
    .spec.template.spec.volumes.filter((v: any) => v.persistentVolumeClaim).map((v: any) => v.persistentVolumeClaim.claimName).sort();
  expect(claimsOf('Deployment', 'grampsweb-celery')).toEqual(claimsOf('Deployment', 'grampsweb'));
  expect(claimsOf('Deployment', 'grampsweb')).toContain('grampsweb-db');
  expect(claimsOf('Job', 'affine-migration')).toEqual(['affine-migration-config', 'affine-migration-storage']);
  expect(claimsOf('Deployment', 'affine')).toEqual(['affine-migration-config', 'affine-migration-storage']);
});

test('one ReadWriteOnce claim volume shared by apps that may land on different nodes is one error, on the later app', () => {
  const sharedOnTwoNodes = (scope: Construct) => {
    const n1 = host('two-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.2.21' });
    const n2 = host('two-2', { arch: 'amd64', roles: ['worker'], address: '192.168.2.22' });
    const lab = site('two', { domain: 'two.example', hosts: [n1, n2], git: { url: 'https://github.com/jdoe/two.git' } });
    const cluster = new ClusterChart(scope, 'main', {
      site: lab, hosts: [n1, n2], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { block: existingStorageClass('longhorn') }, gitops: flux(),
    });
    cluster.platform.declarePreinstalled({ source: 'Longhorn, installed by hand', provides: { storageClasses: ['longhorn'] } });
    const data = AppVolume.claim({ tier: 'block', size: '1Gi' });
    for (const id of ['web', 'worker']) {
      new App(cluster, id, { namespace: 'shop', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { data: { volume: data, mountPath: '/data' } } });
    }
  };
  expect(shownFindings(sharedOnTwoNodes).filter((f) => f.startsWith('error'))).toEqual(['error main/worker persistence.data.volume']);
});
