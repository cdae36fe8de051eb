import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { ClusterChart, declareExternal, existingStorageClass, flux, host, site, traefik } from '../constructs';
import { scheduleIntervalMilliseconds } from '../constructs/validation/schedule-interval';
import { aboutTheLab, synthInMemory } from './support/synth';

// A home lab's backups and rebuild as its owner writes them from each operator's documentation, done right: the
// database rebuilt from its base backups and WAL on a friend's MinIO (archiving anew into a folder of its own), a
// restore drill of it beside it from a Backup by name, Velero's location with its bucket and prefix, and VolSync
// backing a claim up and restoring it once.

const nas = host('nu65c-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.66.0.1' });
const lab = site('nu65c', { domain: 'nu65c.example.net', hosts: [nas], git: { url: 'https://git.nu65c.example.net/lab.git' } });

const OPERATORS = [
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [] },
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup'] }] },
  { source: 'velero', namespaces: ['velero'], crds: [{ group: 'velero.io', kinds: ['BackupStorageLocation', 'Schedule'] }] },
  { source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] },
];

const CREDENTIALS = { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } };
const store = (serverName: string) => ({ destinationPath: 's3://pg-backups/', endpointURL: 'http://10.66.0.9:9000', s3Credentials: CREDENTIALS, serverName });

/** The lab; `restoreTrigger` is the trigger of the VolSync restore. */
const defineLab = (restoreTrigger?: Record<string, unknown>) => (scope: Construct) => {
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nas], routes: traefik({ nodePorts: true }), storage: { longhorn: existingStorageClass('longhorn') }, gitops: flux(), preinstalled: OPERATORS,
  });
  const object = (id: string, namespace: string, apiVersion: string, kind: string, spec: Record<string, unknown>) => {
    c.namespaces.ensure(namespace);
    new ApiObject(c, id, { apiVersion, kind, metadata: { name: id, namespace }, spec });
  };
  declareExternal(c, { secrets: [{ namespace: 'db', name: 'minio' }, { namespace: 'velero', name: 'minio' }, { namespace: 'files', name: 'files-restic' }] });
  const storage = { size: '10Gi', storageClass: 'longhorn' };
  // The rebuilt database, from the backups its predecessor `pg` wrote; it writes its own under `pg-2`.
  object('pg', 'db', 'postgresql.cnpg.io/v1', 'Cluster', {
    instances: 1, storage, backup: { barmanObjectStore: store('pg-2'), retentionPolicy: '30d' },
    bootstrap: { recovery: { source: 'pg-backup' } }, externalClusters: [{ name: 'pg-backup', barmanObjectStore: store('pg') }],
  });
  object('pg-nightly', 'db', 'postgresql.cnpg.io/v1', 'ScheduledBackup', { schedule: '0 0 3 * * *', cluster: { name: 'pg' } });
  // The drill: a Cluster beside it from one of its Backups.
  object('pg-drill', 'db', 'postgresql.cnpg.io/v1', 'Cluster', { instances: 1, storage, bootstrap: { recovery: { backup: { name: 'pg-nightly-20261201030000' } } } });
  object('default', 'velero', 'velero.io/v1', 'BackupStorageLocation', {
    provider: 'aws', objectStorage: { bucket: 'velero', prefix: 'homelab' }, credential: { name: 'minio', key: 'cloud' },
    config: { region: 'minio', s3Url: 'http://10.66.0.9:9000', s3ForcePathStyle: 'true' },
  });
  object('nightly', 'velero', 'velero.io/v1', 'Schedule', { schedule: '0 2 * * *', template: { includedNamespaces: ['files'], ttl: '720h' } });
  object('files-restore', 'files', 'volsync.backube/v1alpha1', 'ReplicationDestination', {
    ...(restoreTrigger === undefined ? {} : { trigger: restoreTrigger }),
    restic: { repository: 'files-restic', copyMethod: 'Direct', capacity: '5Gi', storageClassName: 'longhorn', accessModes: ['ReadWriteOnce'] },
  });
};

const findingsOf = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(define).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}`);

describe('backups and a rebuild written the way their operators document them', () => {
  test('a database rebuilt from its object store, a drill beside it, a Velero location and schedule, and a one-time VolSync restore synthesize clean', () => {
    expect(findingsOf(defineLab({ manual: 'restore-once' }))).toEqual([]);
  });

  test('a VolSync restore with no trigger, which restores again and again, is a warning', () => {
    expect(findingsOf(defineLab())).toEqual(['warning main/files-restore spec.trigger']);
  });
});

test('the interval of a schedule whose runs are evenly apart, in hours, and none for one whose gaps differ', () => {
  const hours = (schedule: string) => { const ms = scheduleIntervalMilliseconds(schedule); return ms === undefined ? undefined : ms / 3_600_000; };
  expect(['@daily', '@every 6h', '0 2 * * *', 'CRON_TZ=Europe/Oslo 30 3 * * 0', '15 */6 * * *', '5 * * * *', '0 2,14 * * *', '0 3 1 * *', '0 */5 * * *'].map(hours))
    .toEqual([24, 6, 24, 168, 6, 1, undefined, undefined, undefined]);
});
