import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, rootInitExemption, AppVolume, ClusterChart, declareExternal, existingStorageClass, flux, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { mergedManifest } from './support/merged-manifest';
import { schemasMissing, testWhen } from './support/shared';
import { dayTwoOfLab, shownFinding } from './support/day-two';
import { aboutTheLab, synthInMemory } from './support/synth';

// A new user's storage, databases and backups, from the README alone: a NAS with an SSD and an HDD ZFS pool, two
// mini PCs, Longhorn across the three and local-path for scratch; Nextcloud on the HDD pool beside MariaDB as a
// StatefulSet on the SSD pool, Paperless on a CloudNativePG Cluster on Longhorn that archives to the NAS's MinIO,
// K8up backing the Nextcloud namespace up nightly, and the paperwork namespace held by a ResourceQuota and a
// LimitRange written by hand. Written the obvious way it synthesizes with no error; the newcomer's mistakes are each
// one finding on the field that holds them.

const nas = host('nu138-nas', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.138.10', cores: 8, memoryGigabytes: 32,
  zfsPools: { ssd: { media: 'nvme', sizeTerabytes: 1 }, tank: { media: 'hdd', sizeTerabytes: 4 } },
});
const mini1 = host('nu138-mini1', { arch: 'amd64', address: '192.168.138.11', cores: 6, memoryGigabytes: 16 });
const mini2 = host('nu138-mini2', { arch: 'amd64', address: '192.168.138.12', cores: 6, memoryGigabytes: 16 });
const lab = site('nu138', {
  domain: 'home.example.net', hosts: [nas, mini1, mini2], pools: { vips: { first: '192.168.138.240', last: '192.168.138.250' } },
  git: { url: 'https://github.com/jdoe/homelab-storage.git' },
});
const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);

const OPERATORS = [
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [] },
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup'] }] },
  { source: 'k8up', crds: [{ group: 'k8up.io', kinds: ['Schedule', 'Backup', 'Restore'] }] },
];

/** What a test changes: an App's props, or a hand-written object's spec merged over the lab's. */
interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly objects?: Record<string, Record<string, unknown>>;
}

const mariadb = (): AppProps => ({
  namespace: 'cloud', image: 'mariadb:11.4.3', controller: AppController.statefulSet(), ports: [{ name: 'mysql', port: 3306 }],
  env: { MARIADB_DATABASE: 'nextcloud', MARIADB_USER: 'nextcloud', MARIADB_PASSWORD: secret('cloud', 'nextcloud-db', 'password'), MARIADB_ROOT_PASSWORD: secret('cloud', 'nextcloud-db', 'root-password') },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
  runAsUser: 999,
});

const nextcloud = (): AppProps => ({
  namespace: 'cloud', image: 'nextcloud:29.0.7-apache', ports: [{ name: 'http', port: 80 }],
  env: {
    MYSQL_HOST: 'nextcloud-db', MYSQL_DATABASE: 'nextcloud', MYSQL_USER: 'nextcloud', MYSQL_PASSWORD: secret('cloud', 'nextcloud-db', 'password'),
    NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.home.example.net', OVERWRITEPROTOCOL: 'https',
  },
  persistence: { html: { volume: AppVolume.claim({ tier: 'bulk', size: '500Gi' }), mountPath: '/var/www/html' } },
  resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
  route: { host: 'cloud' },
  exemptions: { addCapabilities: rootInitExemption('exec', 'switches to its own user', ['KILL']), runAsRoot: "Apache's entrypoint starts as root and runs PHP as www-data", writableRootFilesystem: 'the entrypoint copies Nextcloud into /var/www/html and writes Apache config' },
});

const paperless = (): AppProps => ({
  namespace: 'paperwork', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.12.1', ports: [{ name: 'http', port: 8000 }],
  env: {
    PAPERLESS_DBENGINE: 'postgresql', PAPERLESS_DBHOST: 'paperless-db-rw', PAPERLESS_DBNAME: 'paperless', PAPERLESS_DBUSER: 'paperless',
    PAPERLESS_DBPASS: secret('paperwork', 'paperless-db-app', 'password'), PAPERLESS_REDIS: 'redis://paperless-redis:6379', PAPERLESS_URL: 'https://paperless.home.example.net',
  },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'replicated', size: '5Gi' }), mountPath: '/usr/src/paperless/data' },
    media: { volume: AppVolume.claim({ tier: 'bulk', size: '100Gi' }), mountPath: '/usr/src/paperless/media' },
  },
  resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
  route: { host: 'paperless' },
  exemptions: { addCapabilities: rootInitExemption('exec', 'switches to its own user', ['KILL']), runAsRoot: 'its s6 init starts as root and runs the app as paperless', writableRootFilesystem: 's6 writes its state under /run' },
});

const redis = (): AppProps => ({
  namespace: 'paperwork', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999,
  resources: { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '128Mi' },
});

const OBJECTS: Record<string, Record<string, unknown>> = {
  'paperless-db': {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'paperless-db', namespace: 'paperwork' },
    spec: {
      instances: 2, imageName: 'ghcr.io/cloudnative-pg/postgresql:16.4',
      bootstrap: { initdb: { database: 'paperless', owner: 'paperless' } },
      storage: { size: '10Gi', storageClass: 'longhorn' },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
      backup: {
        retentionPolicy: '30d',
        barmanObjectStore: {
          destinationPath: 's3://cnpg/paperless', endpointURL: 'http://192.168.138.5:9000',
          s3Credentials: { accessKeyId: { name: 'minio', key: 'access-key' }, secretAccessKey: { name: 'minio', key: 'secret-key' } },
        },
      },
    },
  },
  'paperless-db-nightly': {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'paperless-db-nightly', namespace: 'paperwork' },
    spec: { schedule: '0 0 3 * * *', cluster: { name: 'paperless-db' } },
  },
  'cloud-backup': {
    apiVersion: 'k8up.io/v1', kind: 'Schedule', metadata: { name: 'cloud-backup', namespace: 'cloud' },
    spec: {
      backend: {
        repoPasswordSecretRef: { name: 'k8up-repo', key: 'password' },
        s3: {
          endpoint: 'http://192.168.138.5:9000', bucket: 'k8up-cloud',
          accessKeyIDSecretRef: { name: 'minio', key: 'access-key' }, secretAccessKeySecretRef: { name: 'minio', key: 'secret-key' },
        },
      },
      backup: { schedule: '30 2 * * *' },
      prune: { schedule: '0 4 * * 0', retention: { keepDaily: 7, keepWeekly: 4, keepMonthly: 6 } },
    },
  },
  'paperwork-quota': {
    apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'paperwork-quota', namespace: 'paperwork' },
    spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '12Gi', 'requests.storage': '500Gi', persistentvolumeclaims: '10' } },
  },
  'paperwork-limits': {
    apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'paperwork-limits', namespace: 'paperwork' },
    spec: { limits: [
      { type: 'Container', default: { memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '256Mi' } },
      { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '200Gi' } },
    ] },
  },
};

const defineLab = (changes: Changes = {}) => (scope: Construct) => {
  const props = (id: string, given: AppProps): AppProps => ({ ...given, ...changes.apps?.[id] });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nas, mini1, mini2], routes: traefik({ address: lab.pools.vips.at('192.168.138.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }),
    storage: { fast: nas.zfs.ssd, bulk: nas.zfs.tank, scratch: localPathStorage(), replicated: existingStorageClass('longhorn') },
    gitops: flux(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), ...OPERATORS],
  });
  declareExternal(cluster, { secrets: [
    { namespace: 'cloud', name: 'nextcloud-db' }, { namespace: 'cloud', name: 'minio' }, { namespace: 'cloud', name: 'k8up-repo' },
    { namespace: 'paperwork', name: 'minio' },
  ] });
  const db = new App(cluster, 'nextcloud-db', props('nextcloud-db', mariadb()));
  const cloud = new App(cluster, 'nextcloud', props('nextcloud', nextcloud()));
  db.addAllowFrom(cloud);
  const cache = new App(cluster, 'paperless-redis', props('paperless-redis', redis()));
  const docs = new App(cluster, 'paperless', props('paperless', paperless()));
  cache.addAllowFrom(docs);
  for (const [id, object] of Object.entries(OBJECTS)) {
    const over = changes.objects?.[id];
    new ApiObject(cluster, id, (over === undefined ? object : mergedManifest(object, over)) as never);
  }
};

const shown = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(guarded(define)).findings).map(shownFinding);
const claim = (tier: string, size: string, accessMode?: 'ReadWriteOnce' | 'ReadWriteMany') => AppVolume.claim({ tier, size, accessMode });
const mysqlRun = { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' };
const withData = (app: 'nextcloud-db' | 'paperless' | 'nextcloud', volume: AppVolume): Changes => ({ apps: { [app]: { persistence: {
  ...app === 'nextcloud-db' ? { data: { volume, mountPath: '/var/lib/mysql' }, run: mysqlRun } : {},
  ...app === 'nextcloud' ? { html: { volume, mountPath: '/var/www/html' } } : {},
  ...app === 'paperless' ? { data: { volume, mountPath: '/usr/src/paperless/data' }, media: { volume: claim('bulk', '100Gi'), mountPath: '/usr/src/paperless/media' } } : {},
} } } });
const cnpg = (spec: Record<string, unknown>): Changes => ({ objects: { 'paperless-db': { spec } } });
const quota = (hard: Record<string, unknown>): Changes => ({ objects: { 'paperwork-quota': { spec: { hard } } } });

/** The findings of a second synth of `after` into the folder a first synth of the lab wrote, with its new steps by hand. */
const dayTwo = (after: Changes) => {
  const { written, findings, steps } = dayTwoOfLab(defineLab, after);
  return { written, shown: aboutTheLab(findings).map(shownFinding), steps };
};

test('the storage lab synthesizes with no finding', () => {
  expect(shown(defineLab())).toEqual([]);
});

describe("the newcomer's storage mistakes, each one finding on the field that holds it", () => {
  test('a claim larger than its ZFS pool', () => {
    expect(shown(defineLab(withData('nextcloud', claim('bulk', '8Ti'))))).toEqual([
      expect.stringMatching(/^error main\/nextcloud persistence\.html\.volume\.claim\.size: 8Ti is more than ZFS pool "tank" holds \(4 TB on nu138-nas\).*\| ask for what the volume needs/),
    ]);
  });

  test('ReadWriteMany on local-path, and on Longhorn whose tier lists ReadWriteOnce alone', () => {
    expect(shown(defineLab(withData('paperless', claim('scratch', '5Gi', 'ReadWriteMany'))))).toEqual([
      'error main/paperless persistence.data.volume.claim.accessMode: storage tier "scratch" does not support ReadWriteMany | the tier supports: ReadWriteOnce',
    ]);
    expect(shown(defineLab(withData('paperless', claim('replicated', '5Gi', 'ReadWriteMany'))))).toEqual([
      expect.stringMatching(/^error main\/paperless persistence\.data\.volume\.claim\.accessMode: .*existingStorageClass\('longhorn', \['ReadWriteOnce', 'ReadWriteMany'\]\)$/),
    ]);
  });

  test("sizes written as docker's 10GB or with a space", () => {
    expect(shown(defineLab(withData('nextcloud-db', claim('fast', '10GB'))))).toEqual([
      expect.stringMatching(/^error main\/nextcloud-db persistence\.data\.volume\.claim\.size: "10GB" is not a size \| write '10Gi'/),
    ]);
    expect(shown(defineLab(withData('nextcloud-db', claim('fast', '10 Gi'))))).toEqual([
      expect.stringMatching(/^error main\/nextcloud-db persistence\.data\.volume\.claim\.size: "10 Gi" is not a size \| write '10Gi'/),
    ]);
  });

  test('MariaDB as a StatefulSet of two replicas', () => {
    expect(shown(defineLab({ apps: { 'nextcloud-db': { replicas: 2 } } }))).toEqual([
      expect.stringMatching(/^error main\/nextcloud-db replicas: MariaDB does not replicate by itself/),
    ]);
  });

  test('two PostgreSQL instances on the one-host ZFS pool', () => {
    expect(shown(defineLab(cnpg({ storage: { storageClass: 'zfs-ssd' } })))).toEqual([
      expect.stringMatching(/^warning main\/paperless-db spec\.instances: the 2 instances keep their data on storage tier "fast", ZFS pool ssd of host nu138-nas alone/),
    ]);
  });

  test("the database's object store without credentials, its retention in words, its backup naming the app", () => {
    expect(shown(defineLab(cnpg({ backup: { barmanObjectStore: { s3Credentials: null } } })))).toEqual([
      expect.stringMatching(/^error main\/paperless-db spec\.backup\.barmanObjectStore\.s3Credentials: the object store has no credentials/),
    ]);
    expect(shown(defineLab(cnpg({ backup: { retentionPolicy: '30 days' } })))).toEqual([
      expect.stringMatching(/^error main\/paperless-db spec\.backup\.retentionPolicy: retentionPolicy "30 days" .*\| retentionPolicy: '30d'$/),
    ]);
    expect(shown(defineLab({ objects: { 'paperless-db-nightly': { spec: { cluster: { name: 'paperless' } } } } }))).toEqual([
      expect.stringMatching(/^error main\/paperless-db-nightly spec\.cluster\.name: no CloudNativePG Cluster "paperless" .*cluster: \{ name: 'paperless-db' \}/),
    ]);
  });

  test("K8up's retention in words and a schedule with seconds", () => {
    expect(shown(defineLab({ objects: { 'cloud-backup': { spec: { prune: { retention: { keepDaily: 'seven' } } } } } }))).toEqual([
      expect.stringMatching(/^error main\/cloud-backup spec\.prune\.retention\.keepDaily: keepDaily "seven" is no whole number.*\| write a whole number, without quotes: keepDaily: 7$/),
    ]);
    expect(shown(defineLab({ objects: { 'cloud-backup': { spec: { backup: { schedule: '0 30 2 * * *' } } } } }))).toEqual([
      expect.stringMatching(/^error main\/cloud-backup spec\.backup\.schedule: .*schedule: '30 2 \* \* \*'$/),
    ]);
  });

  // The upstream schemas judge a quota's quantities: a clone without them has no schema layer.
  testWhen(schemasMissing())('a quota in GB', () => {
    expect(shown(defineLab(quota({ 'requests.storage': '500GB' })))).toEqual([
      expect.stringMatching(/^error main\/paperwork-quota spec\.hard\["requests\.storage"\]: must be a valid quantity/),
    ]);
  });

  test('a LimitRange whose maximum is below a claim', () => {
    expect(shown(defineLab({ objects: { 'paperwork-limits': { spec: { limits: [{ type: 'PersistentVolumeClaim', max: { storage: '50Gi' } }] } } } }))).toEqual([
      expect.stringMatching(/^error main\/paperless persistence\.media\.volume\.claim\.size: LimitRange paperwork\/paperwork-limits sets a maximum of 50Gi/),
    ]);
  });
});

describe("a CloudNativePG Cluster's volumes", () => {
  test("a size in docker's GB is refused by the operator's webhook: an error on that size", () => {
    expect(shown(defineLab(cnpg({ storage: { size: '10GB' } })))).toEqual([
      "error main/paperless-db spec.storage.size: \"10GB\" is not a size: CloudNativePG's webhook reads the size of each instance's claim as a Kubernetes quantity and refuses the Cluster"
        + " | write '10Gi': docker's 10GB is 10Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
    ]);
    expect(shown(defineLab(cnpg({ walStorage: { size: '2 Gi', storageClass: 'longhorn' } })))).toEqual([
      expect.stringMatching(/^error main\/paperless-db spec\.walStorage\.size: "2 Gi" is not a size: .*\| write '2Gi'/),
    ]);
  });

  test("count in the namespace's quota, once per instance", () => {
    expect(shown(defineLab(quota({ 'requests.storage': '110Gi', persistentvolumeclaims: '3' })))).toEqual([
      expect.stringMatching(/^error main\/paperwork-quota spec\.hard\["persistentvolumeclaims"\]: .*puts 4 in namespace paperwork \(.*CloudNativePG Cluster paperwork\/paperless-db's data claim ×2\)/),
      expect.stringMatching(/^error main\/paperwork-quota spec\.hard\["requests\.storage"\]: .*puts 125Gi in namespace paperwork .*\| raise requests\.storage to at least 125Gi/),
    ]);
    expect(shown(defineLab(quota({ 'longhorn.storageclass.storage.k8s.io/requests.storage': '20Gi' })))).toEqual([
      expect.stringMatching(/^error main\/paperwork-quota spec\.hard\["longhorn\.storageclass\.storage\.k8s\.io\/requests\.storage"\]: .*puts 25Gi/),
    ]);
    expect(shown(defineLab(quota({ 'requests.storage': '125Gi', persistentvolumeclaims: '4' })))).toEqual([]);
  });

  test("are held to a PersistentVolumeClaim LimitRange's minimum", () => {
    expect(shown(defineLab({ objects: { 'paperwork-limits': { spec: { limits: [{ type: 'PersistentVolumeClaim', min: { storage: '20Gi' } }] } } } }))).toEqual([
      expect.stringMatching(/^error main\/paperless persistence\.data\.volume\.claim\.size: LimitRange paperwork\/paperwork-limits sets a minimum of 20Gi/),
      'error main/paperless-db spec.storage.size: LimitRange paperwork/paperwork-limits sets a minimum of 20Gi storage per PersistentVolumeClaim, and this claim requests 10Gi, so the API server refuses it'
        + ' ("minimum storage usage per PersistentVolumeClaim is 20Gi, but request is 10Gi") | request at least 20Gi, or change the min.storage of LimitRange paperwork/paperwork-limits',
    ]);
  });
});

describe('day two, synthesized over the first output', () => {
  test("Nextcloud's claim grown on its ZFS pool is no finding", () => {
    expect(dayTwo(withData('nextcloud', claim('bulk', '800Gi'))).shown).toEqual([]);
  });

  test("Nextcloud's claim shrunk, or moved to the SSD pool, is a warning whose step copies the data out first", () => {
    const shrunk = dayTwo(withData('nextcloud', claim('bulk', '400Gi')));
    expect(shrunk.shown).toEqual([expect.stringMatching(/^warning main\/nextcloud\/claim-html spec\.resources\.requests\.storage: 500Gi → 400Gi: a claim's storage request can grow, never shrink.*after copying its data out/)]);
    const moved = dayTwo(withData('nextcloud', claim('fast', '500Gi')));
    expect(moved.shown).toEqual([expect.stringMatching(/^warning main\/nextcloud\/claim-html spec\.storageClassName: zfs-tank → zfs-ssd: the spec of a bound claim is immutable/)]);
  });

  test("the database's volumes shrunk: a warning that keeps the size, never a step that deletes the Cluster and its data", () => {
    const { shown: findings, steps, written } = dayTwo(cnpg({ storage: { size: '5Gi' } }));
    expect(written).toBe(true);
    expect(findings).toEqual([
      "warning main/paperless-db spec.storage.size: 10Gi → 5Gi: an instance's volume can grow, never shrink: CloudNativePG's webhook refuses the Cluster (\"can't shrink existing storage from 10Gi to 5Gi\");"
        + " the next apply of the object fails, and with it the rest of its layer | keep storage.size: '10Gi' (deleting the Cluster to make it anew deletes its volumes and the database with them);"
        + " for smaller volumes, make a new Cluster of that size that restores this one's backup (bootstrap.recovery) and point the apps at it",
    ]);
    expect(steps.filter((step) => /delete cluster/.test(step))).toEqual([]);
    expect(dayTwo(cnpg({ storage: { size: '20Gi' } })).shown).toEqual([]);
  });
});
