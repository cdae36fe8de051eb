import { App as CdkApp } from 'cdk8s';
import { declareExternal, existingStorageClass, host, site, traefik } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster, raw } from './lab';

// A home lab prepares for the day a disk or a node dies, and lives through it: CloudNativePG's base backups and WAL
// on a friend's MinIO, a rebuild of the database from them, Velero's storage location on the same MinIO, and a
// VolSync restore drill. Each mistake passed synthesis and then backed up nothing, or never restored.

const nas = host('nu65-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.65.0.1' });
const rebuilt = site('nu65-rebuilt', {
  domain: 'rebuilt.test', hosts: [nas], pools: { vips: { first: '10.65.8.10', last: '10.65.8.20' } }, git: { url: 'https://git.rebuilt.test/lab.git' },
});

/** The operators the owner installed by hand, each with the kinds it defines. */
const OPERATORS = [
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [] },
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup'] }] },
  { source: 'velero', namespaces: ['velero'], crds: [{ group: 'velero.io', kinds: ['BackupStorageLocation', 'Schedule', 'Restore'] }] },
  { source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] },
];

/** Builds `build` into a cluster `rebuilt` of its own lab, with the preinstalled Longhorn class as tier `longhorn`. */
export const lab65 = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'rebuilt', {
    site: rebuilt, hosts: [nas], routes: traefik({ nodePorts: true }), loadBalancer: undefined,
    storage: { longhorn: existingStorageClass('longhorn') }, preinstalled: OPERATORS,
  });
  build(c);
});

/** A hand-written object `id` of an operator, in namespace `ns`. */
const operatorObject = (c: ClusterChart, id: string, ns: string, apiVersion: string, kind: string, spec: Record<string, unknown>) => {
  c.namespaces.ensure(ns);
  return raw(c, id, { apiVersion, kind, metadata: { name: id, namespace: ns }, spec });
};

const CREDENTIALS = { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } };
/** The friend's MinIO, as barman-cloud reads it, with `extra` added. */
export const store = (extra: Record<string, unknown> = {}) => ({ destinationPath: 's3://pg-backups/', endpointURL: 'http://10.65.0.9:9000', s3Credentials: CREDENTIALS, ...extra });

/** A CloudNativePG Cluster `pg` in namespace `db` with `spec` added; the MinIO Secret is the owner's. */
export const postgres = (c: ClusterChart, spec: Record<string, unknown>, name = 'pg') => {
  declareExternal(c, { secrets: [{ namespace: 'db', name: 'minio' }] });
  return operatorObject(c, name, 'db', 'postgresql.cnpg.io/v1', 'Cluster', { instances: 1, storage: { size: '10Gi', storageClass: 'longhorn' }, ...spec });
};

/** The Cluster `pg` rebuilt from its backups on MinIO, with `recovery` and `externals` in place of the usual ones. */
const recovered = (spec: Record<string, unknown>) => lab65((c) => postgres(c, {
  backup: { barmanObjectStore: store({ serverName: 'pg-2' }), retentionPolicy: '30d' },
  bootstrap: { recovery: { source: 'pg-backup' } },
  externalClusters: [{ name: 'pg-backup', barmanObjectStore: store({ serverName: 'pg' }) }],
  ...spec,
}));

const veleroLocation = (objectStorage: Record<string, unknown>) => lab65((c) => {
  declareExternal(c, { secrets: [{ namespace: 'velero', name: 'minio' }] });
  operatorObject(c, 'default', 'velero', 'velero.io/v1', 'BackupStorageLocation', {
    provider: 'aws', objectStorage, credential: { name: 'minio', key: 'cloud' },
    config: { region: 'minio', s3Url: 'http://10.65.0.9:9000', s3ForcePathStyle: 'true' },
  });
});

const schema = (name: string, build: BadInput['build'], path: string, field: string, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path, field, hint });
const references = (name: string, build: BadInput['build'], path: string, field: string, hint?: RegExp): BadInput => ({ name, build, layer: 'references', path, field, hint });

export const CASES: BadInput[] = [
  schema("a rebuild's recovery added beside the initdb the database began with",
    recovered({ bootstrap: { initdb: { database: 'app', owner: 'app' }, recovery: { source: 'pg-backup' } } }), 'pg', 'spec.bootstrap', /remove initdb/),
  schema('a recovery whose source is misspelt against its externalClusters',
    recovered({ bootstrap: { recovery: { source: 'pg-bakup' } } }), 'pg', 'spec.bootstrap.recovery.source', /source: 'pg-backup'/),
  schema('a recovery from an external cluster written as a connection, with no object store',
    recovered({ externalClusters: [{ name: 'pg-backup', connectionParameters: { host: 'pg-rw.db.svc', user: 'postgres' } }] }), 'pg', 'spec.bootstrap.recovery.source', /barmanObjectStore/),
  references('a rebuilt database that archives its WAL into the very folder it recovers from',
    recovered({ backup: { barmanObjectStore: store(), retentionPolicy: '30d' }, externalClusters: [{ name: 'pg', barmanObjectStore: store() }], bootstrap: { recovery: { source: 'pg' } } }),
    'pg', 'spec.backup.barmanObjectStore.serverName', /serverName: 'pg-restored'/),
  schema('a recovery from volume snapshots that also names a Backup',
    recovered({ bootstrap: { recovery: { backup: { name: 'pg-nightly-20261201030000' }, volumeSnapshots: { storage: { name: 'pg-1', kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io' } } } } }),
    'pg', 'spec.bootstrap.recovery.backup'),
  references('a ScheduledBackup of a Cluster that has no backup section', lab65((c) => {
    postgres(c, {});
    operatorObject(c, 'pg-nightly', 'db', 'postgresql.cnpg.io/v1', 'ScheduledBackup', { schedule: '0 0 3 * * *', cluster: { name: 'pg' } });
  }), 'pg-nightly', 'spec.cluster.name', /spec\.backup\.barmanObjectStore/),
  references('a rebuild that recovers from a Backup object by name, which the new cluster does not have',
    recovered({ bootstrap: { recovery: { backup: { name: 'pg-nightly-20261201030000' } } }, externalClusters: undefined }), 'pg', 'spec.bootstrap.recovery.backup.name', /externalClusters/),
  schema('a new database whose initdb names the database but not its owner',
    lab65((c) => postgres(c, { bootstrap: { initdb: { database: 'immich' } } })), 'pg', 'spec.bootstrap.initdb.owner', /owner: 'immich'/),
  schema("WAL archiving to a friend's MinIO with no credentials, as for a bucket open to the LAN",
    lab65((c) => postgres(c, { backup: { barmanObjectStore: { destinationPath: 's3://pg-backups/', endpointURL: 'http://10.65.0.9:9000' }, retentionPolicy: '30d' } })),
    'pg', 'spec.backup.barmanObjectStore.s3Credentials', /s3Credentials: \{ accessKeyId/),
  schema("a Velero location whose bucket holds the folder that belongs in its prefix",
    veleroLocation({ bucket: 'velero/homelab' }), 'default', 'spec.objectStorage.bucket', /bucket: 'velero', prefix: 'homelab'/),
  schema("a Velero Schedule every night whose backups expire after twelve hours, before the next one runs", lab65((c) => {
    c.namespaces.ensure('paperless');
    operatorObject(c, 'nightly', 'velero', 'velero.io/v1', 'Schedule', { schedule: '0 2 * * *', template: { includedNamespaces: ['paperless'], ttl: '12h' } });
  }), 'nightly', 'spec.template.ttl', /ttl: '168h'/),
];
