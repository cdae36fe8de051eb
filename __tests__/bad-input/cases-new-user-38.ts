import { App as CdkApp } from 'cdk8s';
import { AppController, AppVolume, declareExternal, existingStorageClass, host, site, traefik, zfsSnapshotClass } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// A home lab's backups as its owner writes them from each operator's documentation: CloudNativePG's scheduled
// backups and retention, Velero's schedules, Longhorn's recurring jobs, K8up's schedules, VolSync's sources and
// the restores of its destinations, and volume snapshots on a cluster that has no snapshot controller.

// A lab of its own, so that its cluster shares no host with the corpus' cluster `main`.
const nas = host('nu38-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.38.0.1', zfsPools: { fast: { media: 'nvme' } } });
const nuc = host('nu38-nuc', { arch: 'amd64', roles: ['worker'], address: '10.38.0.2' });
const backups = site('nu38-backups', {
  domain: 'backups.test', hosts: [nas, nuc], pools: { vips: { first: '10.38.8.10', last: '10.38.8.20' } }, git: { url: 'https://git.backups.test/lab.git' },
});

/** The operators the owner installed by hand, each with the kinds it defines. */
const LONGHORN = {
  source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'],
  crds: [{ group: 'longhorn.io', kinds: ['RecurringJob'] }],
};
const OPERATORS = [
  LONGHORN,
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup'] }] },
  { source: 'velero', namespaces: ['velero'], crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup'] }] },
  { source: 'k8up', crds: [{ group: 'k8up.io', kinds: ['Schedule'] }] },
  { source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] },
];

/**
 * Builds `build` into a cluster `vault` of the lab with a ZFS tier `fast` and the preinstalled Longhorn class as
 * tier `longhorn`, with the operators above; `snapshots` adds the ZFS driver's VolumeSnapshotClass.
 */
export const vault = (build: (c: ClusterChart) => void, snapshots = true) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'vault', {
    site: backups, hosts: [nas, nuc], routes: traefik({ nodePorts: true }), loadBalancer: undefined,
    storage: { fast: nas.zfs.fast, longhorn: existingStorageClass('longhorn') }, preinstalled: OPERATORS,
  });
  if (snapshots) {
    zfsSnapshotClass(c);
  }
  build(c);
});

/** A hand-written object `id` of an operator, in namespace `ns` (which the cluster then has). */
export const operatorObject = (c: ClusterChart, id: string, ns: string, apiVersion: string, kind: string, spec: Record<string, unknown>) => {
  c.namespaces.ensure(ns);
  return raw(c, id, { apiVersion, kind, metadata: { name: id, namespace: ns }, spec });
};

/** A CloudNativePG Cluster `pg` in namespace `db` backed up to MinIO on the NAS, with `backup` added to its backup section. */
export const postgres = (c: ClusterChart, backup: Record<string, unknown> = {}) => {
  declareExternal(c, { secrets: [{ namespace: 'db', name: 'minio' }] });
  operatorObject(c, 'pg', 'db', 'postgresql.cnpg.io/v1', 'Cluster', {
    instances: 1, storage: { size: '10Gi', storageClass: 'longhorn' },
    backup: {
      barmanObjectStore: {
        destinationPath: 's3://backups/pg', endpointURL: 'http://10.38.0.1:9000',
        s3Credentials: { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } },
      },
      ...backup,
    },
  });
};
const scheduledBackup = (schedule: string) => vault((c) => {
  postgres(c);
  operatorObject(c, 'nightly', 'db', 'postgresql.cnpg.io/v1', 'ScheduledBackup', { schedule, cluster: { name: 'pg' } });
});

const veleroSchedule = (spec: Record<string, unknown>) => vault((c) => operatorObject(c, 'daily', 'velero', 'velero.io/v1', 'Schedule', {
  schedule: '0 2 * * *', ...spec, template: { includedNamespaces: ['vaultwarden'], ttl: '720h', ...spec.template as object },
}));

const recurringJob = (spec: Record<string, unknown>) => vault((c) => operatorObject(c, 'nightly', 'longhorn-system', 'longhorn.io/v1beta2', 'RecurringJob', {
  cron: '0 3 * * *', task: 'backup', groups: ['default'], retain: 7, concurrency: 1, ...spec,
}));

/** Vaultwarden in namespace `vaultwarden` with its claim `vaultwarden-data` of `size` on Longhorn, and its restic repository Secret. */
export const vaultwarden = (c: ClusterChart, size = '1Gi') => {
  labApp('vaultwarden', {
    namespace: 'vaultwarden',
    persistence: { data: { volume: AppVolume.claim({ tier: 'longhorn', size, claimName: 'vaultwarden-data' }), mountPath: '/data' } },
  })(c);
  declareExternal(c, { secrets: [{ namespace: 'vaultwarden', name: 'vaultwarden-restic' }] });
};
const replicationSource = (c: ClusterChart, schedule = '0 */6 * * *') => operatorObject(c, 'vaultwarden-backup', 'vaultwarden', 'volsync.backube/v1alpha1', 'ReplicationSource', {
  sourcePVC: 'vaultwarden-data', trigger: { schedule }, restic: { repository: 'vaultwarden-restic', copyMethod: 'Clone', retain: { daily: 7 } },
});
const replicationDestination = (c: ClusterChart, restic: Record<string, unknown>) => operatorObject(c, 'vaultwarden-restore', 'vaultwarden', 'volsync.backube/v1alpha1', 'ReplicationDestination', {
  trigger: { manual: 'restore-1' }, restic: { repository: 'vaultwarden-restic', ...restic },
});

const schema = (name: string, build: BadInput['build'], path: string, field: string, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path, field, hint });

export const CASES: BadInput[] = [
  // Schedules as each operator parses them.
  schema("a CloudNativePG ScheduledBackup at 03:00 written as a crontab's five fields, which it reads seconds first (every hour)",
    scheduledBackup('0 3 * * *'), 'nightly', 'spec.schedule', /schedule: '0 0 3 \* \* \*'/),
  schema('a CloudNativePG ScheduledBackup with a CRON_TZ= prefix, which it does not read',
    scheduledBackup('CRON_TZ=Europe/Oslo 0 0 3 * * *'), 'nightly', 'spec.schedule', /UTC/),
  schema("a Velero Schedule written as Quartz's six fields", veleroSchedule({ schedule: '0 0 2 ? * *' }), 'daily', 'spec.schedule', /schedule: '0 2 \? \* \*'/),
  schema('a Longhorn RecurringJob cron with seconds first', recurringJob({ cron: '0 0 3 * * *' }), 'nightly', 'spec.cron', /Longhorn has not: schedule: '0 3 \* \* \*'/),
  schema("a K8up backup schedule written as Quartz's six fields", vault((c) => {
    declareExternal(c, { secrets: [{ namespace: 'nextcloud', name: 'backup-repo' }] });
    operatorObject(c, 'nextcloud', 'nextcloud', 'k8up.io/v1', 'Schedule', {
      backend: { repoPasswordSecretRef: { name: 'backup-repo', key: 'password' }, rest: { url: 'http://10.38.0.1:8000/' } },
      backup: { schedule: '0 0 2 * * ?' }, prune: { schedule: '@weekly-random', retention: { keepDaily: 14 } },
    });
  }), 'nextcloud', 'spec.backup.schedule', /schedule: '0 2 \* \* \?'/),
  schema('a VolSync ReplicationSource every six hours written with seconds first', vault((c) => {
    vaultwarden(c);
    replicationSource(c, '0 0 */6 * * *');
  }), 'vaultwarden-backup', 'spec.trigger.schedule', /schedule: '0 \*\/6 \* \* \*'/),
  schema("a VolSync ReplicationSource's CRON_TZ= zone misspelt", vault((c) => {
    vaultwarden(c);
    replicationSource(c, 'CRON_TZ=Europe/Olso 0 3 * * *');
  }), 'vaultwarden-backup', 'spec.trigger.schedule', /CRON_TZ=Europe\/Oslo 0 3/),
  schema("a VolSync trigger given a CronJob's timeZone, which its CRD drops", vault((c) => {
    vaultwarden(c);
    operatorObject(c, 'vaultwarden-backup', 'vaultwarden', 'volsync.backube/v1alpha1', 'ReplicationSource', {
      sourcePVC: 'vaultwarden-data', trigger: { schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }, restic: { repository: 'vaultwarden-restic', copyMethod: 'Clone', retain: { daily: 7 } },
    });
  }), 'vaultwarden-backup', 'spec.trigger.timeZone', /schedule: 'CRON_TZ=Europe\/Berlin 0 3 \* \* \*'/),
  // Retention that keeps nothing, or that the operator cannot read.
  schema('a Longhorn backup RecurringJob that retains 0 backups', recurringJob({ retain: 0 }), 'nightly', 'spec.retain', /retain: 7/),
  schema("a Velero Schedule's ttl in days, which Go's durations do not have", veleroSchedule({ template: { ttl: '30d' } }), 'daily', 'spec.template.ttl', /ttl: '720h'/),
  schema("a CloudNativePG retentionPolicy written in words", vault((c) => postgres(c, { retentionPolicy: '30 days' })), 'pg', 'spec.backup.retentionPolicy', /retentionPolicy: '30d'/),
  // Restores of a VolSync destination.
  {
    name: "a VolSync restore straight into the claim the running app mounts",
    build: vault((c) => {
      vaultwarden(c);
      replicationDestination(c, { destinationPVC: 'vaultwarden-data', copyMethod: 'Direct' });
    }),
    layer: 'references', path: 'vaultwarden-restore', field: 'spec.restic.destinationPVC', hint: /dataSourceRef: \{ apiGroup: 'volsync\.backube'/,
  },
  {
    name: "a VolSync restore into a volume smaller than the claim its source backs up",
    build: vault((c) => {
      vaultwarden(c, '20Gi');
      replicationSource(c);
      replicationDestination(c, { copyMethod: 'Snapshot', capacity: '1Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn' });
    }),
    layer: 'references', path: 'vaultwarden-restore', field: 'spec.restic.capacity', hint: /capacity: '20Gi'/,
  },
  // What a backup names that is not there.
  {
    name: "a VolSync ReplicationSource whose restic repository Secret nothing makes",
    build: vault((c) => {
      labApp('paperless', { namespace: 'paperless', persistence: { data: { volume: AppVolume.claim({ tier: 'longhorn', size: '10Gi', claimName: 'paperless-data' }), mountPath: '/data' } } })(c);
      operatorObject(c, 'paperless-backup', 'paperless', 'volsync.backube/v1alpha1', 'ReplicationSource', {
        sourcePVC: 'paperless-data', trigger: { schedule: '0 3 * * *' }, restic: { repository: 'paperless-restic', copyMethod: 'Clone', retain: { daily: 7 } },
      });
    }),
    layer: 'references', path: 'paperless-backup', field: 'spec.restic.repository', hint: /declareExternal/,
  },
  {
    name: "a Velero Schedule including a misspelt namespace, backed up as an empty one",
    build: vault((c) => {
      vaultwarden(c);
      operatorObject(c, 'daily', 'velero', 'velero.io/v1', 'Schedule', { schedule: '0 2 * * *', template: { includedNamespaces: ['vaultwarden', 'vaultwardne'], ttl: '720h' } });
    }),
    layer: 'references', path: 'daily', field: 'spec.template.includedNamespaces[1]', hint: /includedNamespaces: \['vaultwarden'\]/,
  },
  {
    name: "a Velero Schedule put in the namespace of the app it backs up",
    build: vault((c) => {
      vaultwarden(c);
      operatorObject(c, 'daily', 'vaultwarden', 'velero.io/v1', 'Schedule', { schedule: '0 2 * * *', template: { includedNamespaces: ['vaultwarden'], ttl: '720h' } });
    }),
    layer: 'references', path: 'daily', field: 'metadata.namespace', hint: /metadata\.namespace: 'velero'/,
  },
  {
    name: 'a CloudNativePG ScheduledBackup of a Cluster named after the app, not the Cluster',
    build: vault((c) => {
      postgres(c);
      operatorObject(c, 'nightly', 'db', 'postgresql.cnpg.io/v1', 'ScheduledBackup', { schedule: '0 0 3 * * *', cluster: { name: 'postgres' } });
    }),
    layer: 'references', path: 'nightly', field: 'spec.cluster.name', hint: /it has pg/,
  },
  {
    name: "CloudNativePG's S3 credentials in a Secret nothing makes",
    build: vault((c) => {
      postgres(c, { barmanObjectStore: {
        destinationPath: 's3://backups/pg', endpointURL: 'http://10.38.0.1:9000',
        s3Credentials: { accessKeyId: { name: 'minio-creds', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio-creds', key: 'ACCESS_SECRET_KEY' } },
      } });
    }),
    layer: 'references', path: 'pg', field: 'spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name', hint: /declareExternal/,
  },
  {
    name: 'a VolSync ReplicationSource copying by snapshot on a cluster without the snapshot CRDs',
    build: vault((c) => {
      labApp('immich', { namespace: 'immich', persistence: { library: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi', claimName: 'immich-library' }), mountPath: '/data' } } })(c);
      declareExternal(c, { secrets: [{ namespace: 'immich', name: 'immich-restic' }] });
      operatorObject(c, 'immich-backup', 'immich', 'volsync.backube/v1alpha1', 'ReplicationSource', {
        sourcePVC: 'immich-library', trigger: { schedule: '0 3 * * *' }, restic: { repository: 'immich-restic', copyMethod: 'Snapshot', retain: { daily: 7 } },
      });
    }, false),
    layer: 'references', path: 'immich-backup', field: 'spec.restic.copyMethod', hint: /zfsSnapshotClass\(cluster\)/,
  },
  {
    name: "a restic restore Job into the ZFS claim of the app while it runs, on the same host",
    build: vault((c) => {
      labApp('immich', { namespace: 'immich', persistence: { library: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi', claimName: 'immich-library' }), mountPath: '/data' } } })(c);
      labApp('immich-restore', {
        image: 'restic/restic:0.17.3', namespace: 'immich', ports: [], args: ['restore', 'latest', '--target', '/data'], controller: AppController.job(),
        persistence: { data: { volume: AppVolume.existingClaim('immich-library'), mountPath: '/data' } },
      })(c);
    }),
    layer: 'policy', path: 'immich-restore', field: 'persistence.data.volume', hint: /scale Deployment immich to 0/,
  },
  // A file backup of a running database server's data folder.
  {
    name: "a restic CronJob backing up the claim of PostgreSQL's data folder while the server runs",
    build: vault((c) => {
      labApp('postgres', {
        image: 'postgres:16.4', namespace: 'db', runAsUser: 999, runAsGroup: 999, fsGroup: 999, ports: [{ name: 'pg', port: 5432 }], probes: { readiness: { command: ['pg_isready'] } },
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi', claimName: 'pg-data' }), mountPath: '/var/lib/postgresql/data' },
          run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
        },
      })(c);
      labApp('pg-backup', {
        image: 'restic/restic:0.17.3', namespace: 'db', ports: [], args: ['backup', '/data'], controller: AppController.cronJob({ schedule: '0 3 * * *' }),
        persistence: { data: { volume: AppVolume.existingClaim('pg-data'), mountPath: '/data', readOnly: true } },
      })(c);
    }),
    layer: 'policy', path: 'pg-backup', field: 'persistence.data.volume', hint: /pg_dumpall/,
  },
  // A snapshot before an upgrade, on a cluster with no snapshot controller: one error, whose hint installs it.
  {
    name: 'a VolumeSnapshot of a ZFS claim on a cluster without the snapshot CRDs',
    build: vault((c) => {
      labApp('immich', { namespace: 'immich', persistence: { library: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi', claimName: 'immich-library' }), mountPath: '/data' } } })(c);
      raw(c, 'before-upgrade', {
        apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'immich-before-upgrade', namespace: 'immich' },
        spec: { volumeSnapshotClassName: 'zfs-snapshots', source: { persistentVolumeClaimName: 'immich-library' } },
      });
    }, false),
    layer: 'references', path: 'before-upgrade', field: 'apiVersion', hint: /zfsSnapshotClass\(cluster\)/,
  },
];
