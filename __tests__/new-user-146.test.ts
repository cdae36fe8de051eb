import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SealedSecret, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { mergedManifest } from './support/merged-manifest';
import { dayTwoOfLab, shownFinding } from './support/day-two';
import { schemasMissing, testWhen } from './support/shared';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A new user's backups and disaster recovery, from the README alone: a two-node K3s cluster whose Vaultwarden keeps
// SQLite replicated by Litestream, whose Immich runs on a CloudNativePG Cluster archived by barman-cloud, whose Home
// Assistant is backed up by VolSync's restic mover and Immich's library by K8up, whose wiki's PostgreSQL is dumped by a
// CronJob, and whose namespaces Velero backs up; the NAS's MinIO is the near copy, a Backblaze B2 bucket the far one,
// every credential sealed, and a restore drill into a namespace of its own. Written the obvious way it synthesizes
// with no finding; the newcomer's mistakes are each one finding on the field that holds them.

const nodeA = host('nu146-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.146.10', cores: 8, memoryGigabytes: 32 });
const nodeB = host('nu146-b', { arch: 'amd64', roles: ['worker'], address: '192.168.146.11', cores: 4, memoryGigabytes: 16 });
const lab = site('nu146', {
  domain: 'home.example.net', hosts: [nodeA, nodeB], git: { url: 'https://github.com/jdoe/backups-lab.git' },
  pools: { vips: { first: '192.168.146.240', last: '192.168.146.250' } },
  nfs: { dumps: { server: '192.168.146.5', path: '/mnt/tank/dumps' } },
});

const MINIO = 'http://192.168.146.5:9000';
const B2 = 'https://s3.eu-central-003.backblazeb2.com';
/** A ciphertext as kubeseal prints it, of its own for each Secret's key (kubeseal seals each value for one Secret). */
const sealedText = (of: string) => `Ag${'B'.repeat(400)}${Buffer.from(of).toString('hex').padEnd(120, 'C').slice(0, 120)}${'B'.repeat(200)}==`;
const NAS = { cidr: '192.168.146.5/32', ports: [{ port: 9000 }] };
const SMALL = { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

const OPERATORS = [
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup'] }] },
  { source: 'k8up', crds: [{ group: 'k8up.io', kinds: ['Schedule', 'Backup', 'Restore', 'Prune'] }] },
  { source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] },
  { source: 'velero', namespaces: ['velero'], crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup', 'Restore', 'BackupStorageLocation'] }] },
];

/** The parts of the lab; a mistake is synthesized beside the parts it needs alone. */
type Part = 'vault' | 'photos' | 'home' | 'wiki' | 'velero' | 'drill';
const ALL_PARTS: readonly Part[] = ['vault', 'photos', 'home', 'wiki', 'velero', 'drill'];

/** What a test changes: an App's props, a hand-written object's spec merged over the lab's, the parts built. */
interface Changes {
  readonly parts?: readonly Part[];
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly objects?: Record<string, Record<string, unknown>>;
  readonly litestreamConfig?: string;
}

const s3Keys = (secret: string) => ({ accessKeyIDSecretRef: { name: secret, key: 'access-key-id' }, secretAccessKeySecretRef: { name: secret, key: 'secret-access-key' } });
const cnpgKeys = (secret: string) => ({ accessKeyId: { name: secret, key: 'access-key-id' }, secretAccessKey: { name: secret, key: 'secret-access-key' } });
const LITESTREAM_CONFIG = `dbs:\n  - path: /data/db.sqlite3\n    replicas:\n      - url: s3://litestream/vaultwarden\n        endpoint: ${MINIO}\n        retention: 72h\n`;

/** Immich's PostgreSQL with the vectors extension, as the lab runs it and as the drill restores it. */
const IMMICH_DB = {
  instances: 1, imageName: 'ghcr.io/tensorchord/cloudnative-pgvecto.rs:16.5-v0.3.0', postgresql: { shared_preload_libraries: ['vectors.so'] },
  storage: { size: '10Gi', storageClass: 'local-path' },
};

/** The hand-written objects of each part, by construct id. */
const OBJECTS: Record<Part, Record<string, Record<string, unknown>>> = {
  vault: {},
  photos: {
    'immich-db': {
      apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'immich-db', namespace: 'photos' },
      spec: {
        ...IMMICH_DB,
        bootstrap: { initdb: { database: 'immich', owner: 'immich', postInitSQL: ['CREATE EXTENSION IF NOT EXISTS vectors;', 'CREATE EXTENSION IF NOT EXISTS cube CASCADE;', 'CREATE EXTENSION IF NOT EXISTS earthdistance CASCADE;'] } },
        backup: {
          retentionPolicy: '30d',
          barmanObjectStore: { destinationPath: 's3://cnpg/immich', endpointURL: MINIO, s3Credentials: cnpgKeys('minio-cnpg') },
        },
      },
    },
    'immich-db-nightly': {
      apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'immich-db-nightly', namespace: 'photos' },
      spec: { schedule: '0 0 1 * * *', cluster: { name: 'immich-db' }, backupOwnerReference: 'self' },
    },
    'immich-offsite': {
      apiVersion: 'k8up.io/v1', kind: 'Schedule', metadata: { name: 'immich-offsite', namespace: 'photos' },
      spec: {
        backend: { repoPasswordSecretRef: { name: 'k8up-repo', key: 'password' }, s3: { endpoint: B2, bucket: 'nu146-immich', ...s3Keys('b2') } },
        backup: { schedule: '30 3 * * *' },
        check: { schedule: '0 5 * * 0' },
        prune: { schedule: '0 6 * * 0', retention: { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 } },
      },
    },
  },
  home: {
    'home-assistant-backup': {
      apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'home-assistant', namespace: 'home' },
      spec: {
        sourcePVC: 'home-assistant-config', trigger: { schedule: '15 2 * * *' },
        restic: { repository: 'home-assistant-restic', copyMethod: 'Direct', pruneIntervalDays: 7, retain: { daily: 7, weekly: 4, monthly: 6 } },
      },
    },
  },
  wiki: {},
  velero: {
    'velero-b2': {
      apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'b2', namespace: 'velero' },
      spec: {
        provider: 'velero.io/aws', objectStorage: { bucket: 'nu146-velero', prefix: 'main' },
        config: { region: 'eu-central-003', s3Url: B2, s3ForcePathStyle: 'true' }, credential: { name: 'velero-b2', key: 'cloud' },
      },
    },
    'velero-nightly': {
      apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: 'nightly', namespace: 'velero' },
      spec: { schedule: '0 4 * * *', template: { includedNamespaces: ['vault', 'home', 'wiki'], storageLocation: 'b2', ttl: '720h', snapshotVolumes: false } },
    },
  },
  drill: {
    'immich-db-drill': {
      apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'immich-db', namespace: 'restore-drill' },
      spec: {
        ...IMMICH_DB, bootstrap: { recovery: { source: 'immich-db' } },
        externalClusters: [{ name: 'immich-db', barmanObjectStore: { destinationPath: 's3://cnpg/immich', endpointURL: MINIO, s3Credentials: cnpgKeys('minio-cnpg') } }],
      },
    },
    'home-assistant-drill': {
      apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationDestination', metadata: { name: 'home-assistant', namespace: 'restore-drill' },
      spec: {
        trigger: { manual: 'drill-1' },
        restic: { repository: 'home-assistant-restic', copyMethod: 'Direct', capacity: '5Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'local-path' },
      },
    },
    'wiki-drill': {
      apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'wiki-drill', namespace: 'velero' },
      spec: { scheduleName: 'nightly', includedNamespaces: ['wiki'], namespaceMapping: { wiki: 'restore-drill' } },
    },
  },
};

/** The namespaces of the parts built that Velero backs up; its own where none is, as no list backs up every namespace. */
const backedUpByVelero = (parts: ReadonlySet<Part>) => {
  const namespaces = (['vault', 'home', 'wiki'] as const).filter((part) => parts.has(part));
  return namespaces.length > 0 ? namespaces : ['velero'];
};

const defineLab = (changes: Changes = {}) => (scope: Construct) => {
  const parts = new Set(changes.parts ?? ALL_PARTS);
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nodeA, nodeB], routes: traefik({ address: lab.pools.vips.at('192.168.146.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), ...OPERATORS],
  });
  const app = (id: string, props: AppProps) => new HomelabApp(cluster, id, { ...props, ...changes.apps?.[id] });
  const sealed = (namespace: string, name: string, keys: readonly string[]) =>
    new SealedSecret(cluster, `${namespace}-${name}`, { namespace, name, encryptedData: Object.fromEntries(keys.map((key) => [key, sealedText(`${namespace}/${name}/${key}`)])) });
  const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });

  if (parts.has('vault')) {
    const minio = sealed('vault', 'litestream-minio', ['access-key-id', 'secret-access-key']);
    new ApiObject(cluster, 'litestream-config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'litestream', namespace: 'vault' }, data: { 'litestream.yml': changes.litestreamConfig ?? LITESTREAM_CONFIG },
    });
    const litestream = (name: string, args: string[]) => ({
      name, image: 'litestream/litestream:0.3.13', args, resources: SMALL,
      env: {
        LITESTREAM_ACCESS_KEY_ID: minio.key('access-key-id'), LITESTREAM_SECRET_ACCESS_KEY: minio.key('secret-access-key'),
      },
    });
    app('vaultwarden', {
      namespace: 'vault', image: 'vaultwarden/server:1.32.7', ports: [{ name: 'http', port: 8080 }], route: { host: 'vault' },
      env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.home.example.net', SIGNUPS_ALLOWED: 'false' }, egress: [NAS],
      persistence: {
        data: { volume: claim('2Gi'), mountPath: '/data', containers: ['vaultwarden', 'restore', 'litestream'] },
        config: { volume: AppVolume.configMap('litestream'), mounts: [{ mountPath: '/etc/litestream.yml', subPath: 'litestream.yml' }], containers: ['restore', 'litestream'] },
      },
      initContainers: [litestream('restore', ['restore', '-if-db-not-exists', '-if-replica-exists', '/data/db.sqlite3'])],
      sidecars: [litestream('litestream', ['replicate'])],
    });
  }
  if (parts.has('photos')) {
    sealed('photos', 'minio-cnpg', ['access-key-id', 'secret-access-key']);
    sealed('photos', 'b2', ['access-key-id', 'secret-access-key']);
    sealed('photos', 'k8up-repo', ['password']);
    const redis = app('immich-redis', { namespace: 'photos', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, resources: SMALL });
    const immich = app('immich', {
      namespace: 'photos', image: 'ghcr.io/immich-app/immich-server:v1.123.0', ports: [{ name: 'http', port: 2283 }], route: { host: 'photos' },
      env: {
        DB_HOSTNAME: 'immich-db-rw', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: SecretReference.external('photos', 'immich-db-app', 'password'),
        REDIS_HOSTNAME: 'immich-redis',
      },
      persistence: { library: { volume: claim('200Gi'), mountPath: '/usr/src/app/upload' } },
      resources: { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
    });
    redis.addAllowFrom(immich);
  }
  if (parts.has('home')) {
    sealed('home', 'home-assistant-restic', ['RESTIC_REPOSITORY', 'RESTIC_PASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
    app('home-assistant', {
      namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2025.1.2', ports: [{ name: 'http', port: 8123 }], placement: { host: nodeA },
      env: { TZ: 'Europe/Berlin' }, persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
      exemptions: { runAsRoot: 's6-overlay runs Home Assistant as root', writableRootFilesystem: 's6-overlay writes /run and /etc' },
      route: { host: 'home' },
    });
  }
  if (parts.has('wiki')) {
    const password = sealed('wiki', 'wiki-db', ['password']).key('password');
    const db = app('wiki-db', {
      namespace: 'wiki', image: 'postgres:16.4', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999,
      env: { POSTGRES_DB: 'wiki', POSTGRES_USER: 'wiki', POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    });
    const wiki = app('wiki', {
      namespace: 'wiki', image: 'ghcr.io/requarks/wiki:2.5.304', ports: [{ name: 'http', port: 3000 }], route: { host: 'wiki' },
      env: { DB_TYPE: 'postgres', DB_HOST: 'wiki-db', DB_PORT: '5432', DB_USER: 'wiki', DB_NAME: 'wiki', DB_PASS: password },
    });
    db.addAllowFrom(wiki);
    const dump = app('wiki-dump', {
      namespace: 'wiki', image: 'postgres:16.4', runAsUser: 999, resources: SMALL, egress: [db],
      controller: AppController.cronJob({ schedule: '45 1 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' }),
      command: ['sh', '-c', 'pg_dump -h wiki-db -U wiki wiki | gzip > /dumps/wiki-$(date +%F).sql.gz && find /dumps -name "wiki-*.sql.gz" -mtime +14 -delete'],
      env: { PGPASSWORD: password },
      persistence: { dumps: { volume: AppVolume.nfs(lab.nfs.dumps, 'wiki'), mountPath: '/dumps' } },
    });
    db.addAllowFrom(dump);
  }
  if (parts.has('velero')) {
    sealed('velero', 'velero-b2', ['cloud']);
  }
  for (const part of ALL_PARTS.filter((p) => parts.has(p))) {
    for (const [id, object] of Object.entries(OBJECTS[part])) {
      const over = changes.objects?.[id];
      const manifest = over === undefined ? object : mergedManifest(object, over);
      new ApiObject(cluster, id, (id === 'velero-nightly' ? mergedManifest(manifest, { spec: { template: { includedNamespaces: backedUpByVelero(parts) } } }) : manifest) as never);
    }
  }
  if (parts.has('drill')) {
    sealed('restore-drill', 'minio-cnpg', ['access-key-id', 'secret-access-key']);
    sealed('restore-drill', 'home-assistant-restic', ['RESTIC_REPOSITORY', 'RESTIC_PASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  }
};

const shown = (changes: Changes = {}) => aboutTheLab(synthInMemory(guarded(defineLab(changes))).findings).map(shownFinding);

describe('the lab written the obvious way', () => {
  const result = synthInMemory(guarded(defineLab()));

  test('synthesizes with no finding', () => {
    expect(aboutTheLab(result.findings).map(shownFinding)).toEqual([]);
  });

  test('no credential is in plain text', () => {
    const objects = manifestsOf(result, 'nu146/main');
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  testWhen(schemasMissing())('every object passes the upstream schemas', () => {
    expect(result.findings.filter((f) => f.layer === 'schema' && f.severity === 'error')).toEqual([]);
  });
});

/** A mistake made on one part of the lab, synthesized beside that part alone. */
const on = (parts: Part[], objects: Changes['objects']): Changes => ({ parts, objects });

describe("the newcomer's backup mistakes, each one finding on the field that holds it", () => {
  test.each<[string, Changes, string[]]>([
    ["K8up's daily count in quotes", on(['photos'], { 'immich-offsite': { spec: { prune: { retention: { keepDaily: '7' } } } } }), [
      'error main/immich-offsite spec.prune.retention.keepDaily: keepDaily "7" is no whole number: K8up\'s CRD takes a count of daily snapshots to keep, and the API server refuses the object | write a whole number, without quotes: keepDaily: 7',
    ]],
    ["K8up's schedule as @nightly", on(['photos'], { 'immich-offsite': { spec: { backup: { schedule: '@nightly' } } } }), [
      'error main/immich-offsite spec.backup.schedule: schedule "@nightly" is not one K8up reads: unknown macro "@nightly" | five fields, minute hour day-of-month month day-of-week (`0 3 * * 0`), or a macro such as `@daily`',
    ]],
    ["Velero's schedule in six fields", on(['velero'], { 'velero-nightly': { spec: { schedule: '0 0 4 * * *' } } }), [
      'error main/velero-nightly spec.schedule: schedule "0 0 4 * * *" is not one Velero reads: a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has 6 | the first of 6 fields reads as seconds (Quartz, Spring, node-cron), which Velero has not: schedule: \'0 4 * * *\'',
    ]],
    ["CloudNativePG's schedule in a crontab's five fields", on(['photos'], { 'immich-db-nightly': { spec: { schedule: '0 1 * * *' } } }), [
      'error main/immich-db-nightly spec.schedule: schedule "0 1 * * *" has five fields, and CloudNativePG reads six, seconds first: it takes these as second 0, minute 1, hour *, day of month * and month *, so the backup runs at other times than a crontab\'s | put the seconds first: schedule: \'0 0 1 * * *\'',
    ]],
    ["Velero's TTL in days", on(['velero'], { 'velero-nightly': { spec: { template: { ttl: '30d' } } } }), [
      'error main/velero-nightly spec.template.ttl: ttl "30d" is no Go duration: Velero cannot read the object, so it makes no backup and deletes none | write it in hours, minutes and seconds: ttl: \'720h\'',
    ]],
    ["CloudNativePG's retention as text", on(['photos'], { 'immich-db': { spec: { backup: { retentionPolicy: '30 days' } } } }), [
      'error main/immich-db spec.backup.retentionPolicy: retentionPolicy "30 days" is not a number of days, weeks or months above 0, which is all the Cluster\'s CRD takes (`30d`, `4w`, `6m`) | retentionPolicy: \'30d\'',
    ]],
    ["VolSync's retention in weeks", on(['home'], { 'home-assistant-backup': { spec: { restic: { retain: { within: '1w' } } } } }), [
      'error main/home-assistant-backup spec.restic.retain.within: within "1w" is no duration restic reads: its forget takes years (y), months (m), days (d) and hours (h) alone, so every forget fails and no old snapshot is removed | within: \'7d\'',
    ]],
    ["K8up's endpoint as an s3:// address", on(['photos'], { 'immich-offsite': { spec: { backend: { s3: { endpoint: 's3://s3.eu-central-003.backblazeb2.com' } } } } }), [
      'error main/immich-offsite spec.backend.s3.endpoint: endpoint "s3://s3.eu-central-003.backblazeb2.com" is an s3:// address, where K8up takes the URL of the S3 server (http:// or https://), so it reaches no server and every backup fails'
        + ' | endpoint: \'https://s3.eu-central-003.backblazeb2.com\' (http:// for a MinIO without TLS, with its port), and the bucket in its own field',
    ]],
    ["K8up's bucket as its s3:// address", on(['photos'], { 'immich-offsite': { spec: { backend: { s3: { bucket: 's3://nu146-immich' } } } } }), [
      'error main/immich-offsite spec.backend.s3.bucket: bucket "s3://nu146-immich" is no bucket\'s name: K8up writes restic\'s repository as s3:<endpoint>/<bucket>, so restic looks for a bucket of another name and every backup fails'
        + ' | bucket: \'nu146-immich\', the name alone (the server goes in endpoint)',
    ]],
    ["B2's endpoint without the bucket's region, to K8up", on(['photos'], { 'immich-offsite': { spec: { backend: { s3: { endpoint: 'https://s3.backblazeb2.com' } } } } }), [
      'error main/immich-offsite spec.backend.s3.endpoint: endpoint "https://s3.backblazeb2.com" is Backblaze B2 without the bucket\'s region: B2 answers its S3 API at the endpoint of the region the bucket is in alone, so every backup fails'
        + ' | endpoint: \'https://s3.<region>.backblazeb2.com\', the Endpoint B2\'s bucket page shows (e.g. https://s3.eu-central-003.backblazeb2.com)',
    ]],
    ["B2's endpoint without the bucket's region, to Velero", on(['velero'], { 'velero-b2': { spec: { config: { s3Url: 'https://s3.backblazeb2.com' } } } }), [
      expect.stringMatching(/^error main\/velero-b2 spec\.config\.s3Url: s3Url "https:\/\/s3\.backblazeb2\.com" is Backblaze B2 without the bucket's region: .*\| s3Url: 'https:\/\/s3\.<region>\.backblazeb2\.com'/),
    ]],
    ["Velero's location at B2 with no region", on(['velero'], { 'velero-b2': { spec: { config: { region: undefined } } } }), [
      'error main/velero-b2 spec.config.region: the location\'s S3 server https://s3.eu-central-003.backblazeb2.com is given no region: Velero\'s AWS plugin then asks Amazon S3 for the bucket\'s region, which it does not know, so the location stays Unavailable and every backup fails'
        + ' | give the region: config: { region: \'eu-central-003\', s3Url, s3ForcePathStyle: \'true\' }',
    ]],
    ["CloudNativePG's endpoint as the bucket's s3:// address", on(['photos'], { 'immich-db': { spec: { backup: { barmanObjectStore: { endpointURL: 's3://192.168.146.5:9000' } } } } }), [
      expect.stringMatching(/^error main\/immich-db spec\.backup\.barmanObjectStore\.endpointURL: endpointURL "s3:\/\/192\.168\.146\.5:9000" is an s3:\/\/ address, where barman-cloud takes .*\| endpointURL: 'https:\/\/192\.168\.146\.5:9000'/),
    ]],
    ['K8up with no Secret for the repository\'s password', on(['photos'], { 'immich-offsite': { spec: { backend: { repoPasswordSecretRef: undefined } } } }), [
      'warning main/immich-offsite spec.backend.repoPasswordSecretRef: the backend names no Secret of the restic repository\'s password: K8up then uses the operator\'s global password (BACKUP_GLOBALREPOPASSWORD), which its chart leaves unset, and restic opens no repository without one'
        + ' | name the Secret that holds it: repoPasswordSecretRef: { name: \'k8up-repo\', key: \'password\' } (a SealedSecret, SopsSecret or ExternalSecret of this namespace)',
    ]],
    ["Litestream's key in plain text", { parts: ['vault'], apps: { vaultwarden: { sidecars: [{ name: 'litestream', image: 'litestream/litestream:0.3.13', args: ['replicate'], resources: SMALL, env: { LITESTREAM_ACCESS_KEY_ID: 'vaultwarden', LITESTREAM_SECRET_ACCESS_KEY: 'hunter2hunter2' } }] } } }, [
      'error main/vaultwarden sidecars[0].env.LITESTREAM_SECRET_ACCESS_KEY: LITESTREAM_SECRET_ACCESS_KEY is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { LITESTREAM_SECRET_ACCESS_KEY: sealedSecret.key(\'...\') }',
    ]],
    ['the drill restored over the running Home Assistant', on(['home', 'drill'], { 'home-assistant-drill': { metadata: { namespace: 'home' }, spec: { restic: { destinationPVC: 'home-assistant-config' } } } }), [
      expect.stringMatching(/^error main\/home-assistant-drill spec\.restic\.destinationPVC: restores into claim "home-assistant-config", which Deployment home-assistant mounts: .*\| restore into a claim of its own/),
    ]],
    ['the drill restored into a claim its namespace does not have', on(['drill'], { 'home-assistant-drill': { spec: { restic: { destinationPVC: 'home-assistant-config' } } } }), [
      'error main/home-assistant-drill spec.restic.destinationPVC: restores into claim "home-assistant-config", which namespace "restore-drill" does not have: VolSync makes no claim it is given by name, so the restore waits for it and never runs'
        + ' | leave destinationPVC out and give the restic mover a capacity and accessModes, and VolSync makes a volume of its own in restore-drill; or make the claim "home-assistant-config" in namespace restore-drill',
    ]],
    ["Velero's drill into the wiki's own namespace", on(['wiki', 'velero', 'drill'], { 'wiki-drill': { spec: { namespaceMapping: undefined } } }), [
      expect.stringMatching(/^error main\/wiki-drill spec\.includedNamespaces\[0\]: namespace "wiki" is one the repository keeps in cluster, so the Restore finds its objects there and skips them .*namespaceMapping: \{ 'wiki': 'wiki-restore' \}/),
    ]],
  ])('%s', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });

  test("a restic CronJob pinned to the other node than Home Assistant's local-path volume", () => {
    const define = defineLab({ parts: ['home'] });
    expect(aboutTheLab(synthInMemory(guarded((scope: Construct) => {
      define(scope);
      new HomelabApp(scope.node.findChild('main') as ClusterChart, 'ha-backup', {
        namespace: 'home', image: 'restic/restic:0.17.3', controller: AppController.cronJob({ schedule: '0 3 * * *' }), args: ['backup', '/config'], resources: SMALL, egress: [NAS],
        placement: { host: nodeB },
        env: { RESTIC_REPOSITORY: 's3:http://192.168.146.5:9000/restic-ha', RESTIC_PASSWORD: SecretReference.external('home', 'home-assistant-restic', 'RESTIC_PASSWORD') },
        persistence: { config: { volume: AppVolume.existingClaim('home-assistant-config'), mountPath: '/config', readOnly: true } },
      });
    })).findings).map(shownFinding)).toEqual([
      'error main/ha-backup persistence.config.volume: mounts claim "home-assistant-config", whose volume lives on nu146-a, the node Deployment home-assistant runs on, but may run on nu146-b alone: the volume\'s node affinity and the placement exclude each other, so the pod never schedules'
        + ' (at spec.jobTemplate.spec.template.spec.volumes[1] of CronJob home/ha-backup) | place it on nu146-a (placement: { host } of that host), or leave its placement out: the volume takes the pod to its node',
    ]);
  });
});

describe('day two: the database restored after a lost disk, synthesized over the previous output', () => {
  const archive = { serverName: 'immich-db', destinationPath: 's3://cnpg/immich', endpointURL: MINIO, s3Credentials: cnpgKeys('minio-cnpg') };
  const dayTwo = (changes: Changes) => {
    const { written, findings, steps } = dayTwoOfLab((c: Changes) => guarded(defineLab({ parts: ['photos'], ...c })), changes);
    return { written, shown: aboutTheLab(findings).map(shownFinding), steps };
  };

  test('the Cluster given bootstrap.recovery in place is told that CloudNativePG never runs it, with the delete that does', () => {
    const { written, shown: findings, steps } = dayTwo({ objects: { 'immich-db': { spec: {
      bootstrap: { initdb: null, recovery: { source: 'immich-db-archive' } }, externalClusters: [{ name: 'immich-db-archive', barmanObjectStore: archive }],
      backup: { barmanObjectStore: { serverName: 'immich-db-2' } },
    } } } });
    expect(written).toBe(true);
    expect(findings).toEqual([
      'warning main/immich-db spec.bootstrap.recovery: Cluster photos/immich-db exists already, bootstrapped by initdb, and CloudNativePG reads bootstrap only when it makes a Cluster: the recovery is never run, and the Cluster keeps the database it has (or, its volumes lost, stays without one)'
        + ' | to restore into it, delete the Cluster before the next sync (kubectl -n photos delete clusters.postgresql.cnpg.io immich-db: this deletes its database and volumes, so only once they are lost or backed up), and the sync makes it anew from the backup; or bootstrap a Cluster of another name and point the apps at it',
    ]);
    expect(steps).toEqual(['kubectl -n photos delete clusters.postgresql.cnpg.io immich-db']);
  });

  test('a recovered Cluster of a new name is a new database, and the old one is warned of, with no delete', () => {
    const { shown: findings } = dayTwo({ objects: {
      'immich-db': { metadata: { name: 'immich-db-2' }, spec: { bootstrap: { initdb: null, recovery: { source: 'immich-db' } }, externalClusters: [{ name: 'immich-db', barmanObjectStore: archive }] } },
      'immich-db-nightly': { spec: { cluster: { name: 'immich-db-2' } } },
    } });
    expect(findings).toEqual([expect.stringMatching(/^warning main \(removed\): the CloudNativePG Cluster photos\/immich-db left the output: .*\| Cluster photos\/immich-db-2 is a new one/)]);
  });

  test('Home Assistant moved off the node whose disk held its volume is told to carry the data over', () => {
    expect(dayTwoOfLab((c: Changes) => guarded(defineLab({ parts: ['home'], ...c })), { apps: { 'home-assistant': { placement: { host: nodeB } } } }).steps).toEqual([
      'before the next sync, move the data of home/home-assistant-config from nu146-a to nu146-b: stop the workload, copy the data out, delete the claim (the next sync makes it anew on nu146-b) and copy the data into it',
    ]);
  });
});
