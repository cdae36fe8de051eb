import { App as CdkApp } from 'cdk8s';
import {
  AppController, AppVolume, ChartRelease, existingStorageClass, Harbor, host, localPathStorage, nfsStorage, SecretReference, servesPorts, site, StaticNfsVolume, zfsSnapshotClass,
} from '../../constructs';
import type { ClusterChart, ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// A home lab's data: claims on each kind of storage tier (a ZFS pool, local-path, NFS, a Longhorn class the
// cluster has from its own install), the backups taken of them (restic CronJobs, VolSync, Velero), volume
// snapshots and the claims restored from them.

// A lab of its own, so that its cluster shares no host with the corpus' cluster `main`.
const nas = host('nu21-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.21.0.1', zfsPools: { fast: { media: 'nvme' } } });
const nuc = host('nu21-nuc', { arch: 'amd64', roles: ['worker'], address: '10.21.0.2' });
const data = site('nu21-data', {
  domain: 'data.test', hosts: [nas, nuc], pools: { vips: { first: '10.21.8.10', last: '10.21.8.20' } },
  nfs: { share: { server: 'nas.data.test', path: '/export' } }, git: { url: 'https://git.data.test/lab.git' },
});

const LONGHORN = { source: 'longhorn', provides: { storageClasses: ['longhorn'] } };
const VOLSYNC = { source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] };

/**
 * Builds `build` into a cluster `store` of the lab with a tier of each kind: `ssd` (the ZFS pool `fast` of its host nu21-nas),
 * `local` (local-path), `shared` (the NFS export `share`) and `longhorn` (a class preinstalled, which serves
 * ReadWriteMany too), with the VolumeSnapshotClass `zfs-snapshots` of the ZFS driver; `props` change the cluster.
 */
const store = (build: (c: ClusterChart) => void, props: Partial<ClusterChartProps> = {}) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'store', {
    site: data, hosts: [nas, nuc], loadBalancer: undefined,
    storage: { ssd: nas.zfs.fast, local: localPathStorage(), shared: nfsStorage(data.nfs.share), longhorn: existingStorageClass('longhorn', ['ReadWriteOnce', 'ReadWriteMany']) },
    preinstalled: [LONGHORN, VOLSYNC], ...props,
  });
  zfsSnapshotClass(c);
  build(c);
});

/** An app `id` in namespace `ns` with one claim `data` of `claim` (its claimName by default `<id>-data`) at /data. */
const withClaim = (id: string, ns: string, claim: Record<string, unknown>) => labApp(id, {
  namespace: ns, persistence: { data: { volume: AppVolume.claim({ tier: 'ssd', size: '100Gi', ...claim } as never), mountPath: '/data' } },
});

/** A restic app `id` in namespace `ns` run by `controller`, mounting `volume` at /data; `props` add to it. */
const restic = (id: string, ns: string, controller: unknown, volume?: AppVolume, props: Record<string, unknown> = {}) => labApp(id, {
  image: 'restic/restic:0.17.3', ports: [], namespace: ns, args: ['backup', '/data'], controller,
  ...volume ? { persistence: { data: { volume, mountPath: '/data', readOnly: true } } } : {}, ...props,
});

const NIGHTLY = AppController.cronJob({ schedule: '0 3 * * *' });

/** A VolumeSnapshot `library-daily` in `ns` of claim `claim`, by class `className`. */
const snapshot = (c: ClusterChart, ns: string, claim: string, className = 'zfs-snapshots') => {
  c.namespaces.ensure(ns);
  raw(c, 'snap', {
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'library-daily', namespace: ns },
    spec: { volumeSnapshotClassName: className, source: { persistentVolumeClaimName: claim } },
  });
};

/** A claim `library-restored` in `ns` of `storageClassName` and `size`, filled from `source`. */
const restored = (c: ClusterChart, ns: string, source: Record<string, unknown>, storageClassName = 'zfs-fast', size = '100Gi') => {
  c.namespaces.ensure(ns);
  raw(c, 'restored', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'library-restored', namespace: ns },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: size } }, dataSourceRef: source },
  });
};
const FROM_SNAPSHOT = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'library-daily' };

/** A VolSync ReplicationSource `paperless` of claim `sourcePVC` in namespace `paperless`, with restic settings `restic`. */
const replicationSource = (c: ClusterChart, sourcePVC: string, restic: Record<string, unknown>) => raw(c, 'paperless-backup', {
  apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'paperless', namespace: 'paperless' },
  spec: { sourcePVC, trigger: { schedule: '0 * * * *' }, restic: { copyMethod: 'Snapshot', repository: 'paperless-restic-secret', retain: { daily: 7 }, ...restic } },
});
const paperless = (c: ClusterChart) => withClaim('paperless', 'paperless', { tier: 'longhorn', size: '10Gi' })(c);

const references = (name: string, build: BadInput['build'], path: string, field: string, hint?: RegExp, message?: RegExp): BadInput =>
  ({ name, build, layer: 'references', path, field, hint, message });

export const CASES: BadInput[] = [
  // A backup or restore run beside the app whose single-node claim it mounts.
  {
    name: "a restic CronJob mounting an app's ReadWriteOnce Longhorn claim, free to run on another node",
    build: store((c) => {
      withClaim('vaultwarden', 'vault', { tier: 'longhorn', size: '1Gi', claimName: 'vaultwarden-data' })(c);
      restic('vaultwarden-backup', 'vault', NIGHTLY, AppVolume.existingClaim('vaultwarden-data'))(c);
    }),
    layer: 'policy', path: 'vaultwarden-backup', field: 'persistence.data.volume', hint: /same host/,
  },
  {
    name: "a restore Job writing into an app's ReadWriteOnce Longhorn claim while the app runs",
    build: store((c) => {
      withClaim('vaultwarden', 'vault', { tier: 'longhorn', size: '1Gi', claimName: 'vaultwarden-data' })(c);
      restic('vaultwarden-restore', 'vault', AppController.job(), AppVolume.existingClaim('vaultwarden-data'), { args: ['restore', 'latest', '--target', '/data'] })(c);
    }),
    layer: 'policy', path: 'vaultwarden-restore', field: 'persistence.data.volume', hint: /same host/,
  },
  {
    name: 'a restic CronJob whose runs may overlap, each mounting its ReadWriteOnce cache',
    build: store(restic('backup', 'backup', AppController.cronJob({ schedule: '*/15 * * * *', concurrencyPolicy: 'Allow' }), undefined, {
      persistence: { cache: { volume: AppVolume.claim({ tier: 'longhorn', size: '5Gi' }), mountPath: '/cache' } },
    })),
    layer: 'policy', path: 'backup', field: 'controller.props.concurrencyPolicy', hint: /'Forbid'/,
  },
  references("a backup mounting a StatefulSet's claim by the app's name, not the pod's",
    store((c) => {
      labApp('postgres', { namespace: 'db', controller: AppController.statefulSet(), persistence: { data: { volume: AppVolume.claim({ tier: 'longhorn', size: '10Gi' }), mountPath: '/data' } } })(c);
      restic('pg-backup', 'db', NIGHTLY, AppVolume.existingClaim('postgres-data'))(c);
    }), 'pg-backup', 'persistence.data.volume', /AppVolume\.existingClaim\('data-postgres-0'\)/),
  references("a restore Job left in its own namespace, mounting the app's claim by name",
    store((c) => {
      withClaim('paperless', 'paperless', { tier: 'shared', size: '10Gi', accessMode: 'ReadWriteMany', claimName: 'paperless-data' })(c);
      restic('paperless-restore', 'paperless-restore', AppController.job(), AppVolume.existingClaim('paperless-data', 'ReadWriteMany'))(c);
    }), 'paperless-restore', 'persistence.data.volume', /namespace: 'paperless'/),
  {
    name: "a backup mounting another namespace's claim as namespace/name",
    build: store((c) => restic('backup', 'backup', NIGHTLY, AppVolume.existingClaim('media/downloads', 'ReadWriteMany'))(c)),
    layer: 'props', path: 'backup', field: 'persistence.data.volume', hint: /namespace: 'media'.*AppVolume\.existingClaim\('downloads'\)/,
  },

  // Tiers named by what backs them, and modes a class serves but its tier does not list.
  references('a claim naming the StorageClass of an NFS tier instead of the tier', store(withClaim('web', 'web', { tier: 'nfs-csi' })), 'web', 'persistence.data.volume.claim.tier', /tier: 'shared'/),
  references('a claim naming the ZFS pool of a tier instead of the tier', store(withClaim('web', 'web', { tier: 'fast' })), 'web', 'persistence.data.volume.claim.tier', /tier: 'ssd'/),
  references('ReadWriteMany on a Longhorn tier declared with the default access modes',
    store(withClaim('nextcloud', 'cloud', { tier: 'longhorn', accessMode: 'ReadWriteMany' }), { storage: { ssd: nas.zfs.fast, longhorn: existingStorageClass('longhorn') } }),
    'nextcloud', 'persistence.data.volume.claim.accessMode', /existingStorageClass\('longhorn', \['ReadWriteOnce', 'ReadWriteMany'\]\)/),
  {
    name: "an NFS tier's reclaimPolicy in lower case",
    build: store(() => undefined, { storage: { ssd: nas.zfs.fast, shared: nfsStorage(data.nfs.share, { reclaimPolicy: 'delete' as never }) } }),
    layer: 'props', path: 'store', field: 'storage.shared.reclaimPolicy', hint: /'Delete'/,
  },
  references("two apps' claims of one name in the one folder of an NFS class whose folder leaves the namespace out",
    store((c) => {
      withClaim('sonarr', 'sonarr', { tier: 'shared', size: '1Gi', claimName: 'config' })(c);
      withClaim('radarr', 'radarr', { tier: 'shared', size: '1Gi', claimName: 'config' })(c);
    }, { storage: { ssd: nas.zfs.fast, shared: nfsStorage(data.nfs.share, { subDirectory: '${pvc.metadata.name}' }) } }),
    'radarr/claim-data', 'spec.storageClassName', /\$\{pvc\.metadata\.namespace\}\/\$\{pvc\.metadata\.name\}/, /which claim sonarr\/config has already/),
  references('a sandbox cluster on the NFS export of the lab, running the same app in the same folder',
    guarded((_main: ClusterChart, app: CdkApp) => {
      for (const [id, hosts] of [['lab', [nas]], ['sandbox', [nuc]]] as const) {
        const c = labCluster(app, id, { site: data, hosts: [...hosts], loadBalancer: undefined, storage: { shared: nfsStorage(data.nfs.share) } });
        withClaim('uptime-kuma', 'uptime-kuma', { tier: 'shared', size: '1Gi' })(c);
      }
    }), 'sandbox/uptime-kuma/claim-data', 'spec.storageClassName', /subDirectory: 'sandbox\/\$\{pvc\.metadata\.namespace\}/, /of cluster nu21-data\/lab/),
  {
    name: "Harbor's image store on NFS, its PostgreSQL left on the same tier",
    build: store((c) => new Harbor(c, 'harbor', {
      route: { host: 'registry' }, storageTier: 'shared',
      adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'), internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
    })),
    layer: 'references', path: 'harbor', field: 'storageTier', hint: /databaseStorageTier: '/, message: /PostgreSQL/,
  },
  {
    name: "a static NFS volume's claim asking for more than the volume's capacity",
    build: store((c) => new StaticNfsVolume(c, 'photos', { export: data.nfs.share, capacity: '200Gi', claim: { name: 'photos', namespace: 'photos', size: '300Gi' } })),
    layer: 'props', path: 'photos', field: 'claim.size', hint: /at most 200Gi/,
  },
  {
    name: "a ZFS snapshot class's deletionPolicy in lower case",
    build: guarded((c: ClusterChart) => zfsSnapshotClass(c, { deletionPolicy: 'retain' as never })),
    layer: 'props', path: 'main', field: 'deletionPolicy', hint: /'Retain'/,
  },

  // Snapshots and the claims restored from them.
  references('a VolumeSnapshot in a backup namespace of a claim of the app\'s',
    store((c) => { withClaim('immich', 'photos', { claimName: 'library' })(c); snapshot(c, 'backup', 'library'); }),
    'snap', 'spec.source.persistentVolumeClaimName', /in namespace photos/),
  references('a VolumeSnapshot of a claim nothing makes',
    store((c) => snapshot(c, 'photos', 'photos-library')), 'snap', 'spec.source.persistentVolumeClaimName', /declareExternal/),
  references('a VolumeSnapshot by a class nothing makes',
    store((c) => { withClaim('immich', 'photos', { claimName: 'library' })(c); snapshot(c, 'photos', 'library', 'longhorn-snapshot-vsc'); }),
    'snap', 'spec.volumeSnapshotClassName', /volumeSnapshotClassName: 'zfs-snapshots'/),
  references("a VolumeSnapshot of an NFS claim by the ZFS driver's class",
    store((c) => { withClaim('immich', 'photos', { tier: 'shared', claimName: 'library' })(c); snapshot(c, 'photos', 'library'); }),
    'snap', 'spec.volumeSnapshotClassName', /restic, kopia/, /nfs\.csi\.k8s\.io/),
  {
    name: 'a claim restored from a VolumeSnapshot of another namespace',
    build: store((c) => {
      withClaim('immich', 'photos', { claimName: 'library' })(c);
      snapshot(c, 'photos', 'library');
      restored(c, 'restore', { ...FROM_SNAPSHOT, namespace: 'photos' });
    }),
    layer: 'schema', path: 'restored', field: 'spec.dataSourceRef.namespace', hint: /namespace photos/,
  },
  references('a claim restored from a VolumeSnapshot nothing takes', store((c) => restored(c, 'photos', FROM_SNAPSHOT)), 'restored', 'spec.dataSourceRef.name', /volumeSnapshots/),
  references('a claim restored smaller than the claim its snapshot was taken of',
    store((c) => { withClaim('immich', 'photos', { claimName: 'library' })(c); snapshot(c, 'photos', 'library'); restored(c, 'photos', FROM_SNAPSHOT, 'zfs-fast', '10Gi'); }),
    'restored', 'spec.resources.requests.storage', /storage: '100Gi'/),
  references("a ZFS snapshot restored into the NFS tier's class",
    store((c) => { withClaim('immich', 'photos', { claimName: 'library' })(c); snapshot(c, 'photos', 'library'); restored(c, 'photos', FROM_SNAPSHOT, 'nfs-csi'); }),
    'restored', 'spec.storageClassName', /storageClassName: 'zfs-fast'/),
  references('a claim cloned from a claim nothing makes',
    store((c) => restored(c, 'photos', { kind: 'PersistentVolumeClaim', name: 'library' })), 'restored', 'spec.dataSourceRef.name', /declareExternal/),
  references('a claim cloned smaller than its source',
    store((c) => { withClaim('immich', 'photos', { claimName: 'library' })(c); restored(c, 'photos', { kind: 'PersistentVolumeClaim', name: 'library' }, 'zfs-fast', '50Gi'); }),
    'restored', 'spec.resources.requests.storage', /100Gi/),

  // VolSync, as home-ops repositories write it.
  references('a VolSync ReplicationSource on a cluster that does not have VolSync',
    store((c) => { paperless(c); replicationSource(c, 'paperless-data', {}); }, { preinstalled: [LONGHORN] }), 'paperless-backup', 'apiVersion', /volsync\.backube/),
  references("a VolSync ReplicationSource of the app's name rather than its claim's",
    store((c) => { paperless(c); replicationSource(c, 'paperless', {}); }), 'paperless-backup', 'spec.sourcePVC', /it has paperless-data/),
  references("a VolSync snapshot copy on another lab's Ceph StorageClass",
    store((c) => { paperless(c); replicationSource(c, 'paperless-data', { storageClassName: 'ceph-block' }); }), 'paperless-backup', 'spec.restic.storageClassName', /ceph-block/),
  references("a VolSync restic cache on another lab's OpenEBS hostpath class",
    store((c) => { paperless(c); replicationSource(c, 'paperless-data', { cacheStorageClassName: 'openebs-hostpath' }); }), 'paperless-backup', 'spec.restic.cacheStorageClassName', /openebs-hostpath/),
  references("a claim restored by VolSync's populator from a ReplicationDestination nothing makes",
    store((c) => restored(c, 'paperless', { apiGroup: 'volsync.backube', kind: 'ReplicationDestination', name: 'paperless-dst' }, 'longhorn')),
    'restored', 'spec.dataSourceRef.name', /make the ReplicationDestination paperless-dst in namespace paperless/),
  references('a VolSync snapshot by a VolumeSnapshotClass nothing makes',
    store((c) => { paperless(c); replicationSource(c, 'paperless-data', { volumeSnapshotClassName: 'longhorn-snapclass' }); }), 'paperless-backup', 'spec.restic.volumeSnapshotClassName', /volumeSnapshotClasses: \['longhorn-snapclass'\]/),

  // Backup targets' credentials written out.
  {
    name: "a restic CronJob's repository password and S3 key in its env",
    build: store(restic('backup', 'backup', NIGHTLY, undefined, {
      env: { RESTIC_REPOSITORY: 's3:https://s3.example.com/lab-backups', RESTIC_PASSWORD: 'correct-horse-battery', AWS_ACCESS_KEY_ID: SecretReference.external('backup', 's3', 'id') },
    })),
    layer: 'props', path: 'backup', field: 'env.RESTIC_PASSWORD', hint: /SecretReference/,
  },
  {
    name: "VolSync's restic repository Secret written with stringData",
    build: store((c) => {
      c.namespaces.ensure('paperless');
      raw(c, 'restic-secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'paperless-restic-secret', namespace: 'paperless' }, stringData: { RESTIC_PASSWORD: 'hunter2hunter2' } });
    }),
    layer: 'policy', path: 'restic-secret', field: 'stringData.RESTIC_PASSWORD',
  },
  {
    name: "Velero's cloud credentials file in its chart's values",
    build: store((c) => new ChartRelease(c, 'velero', {
      namespace: 'velero', chart: { repository: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '10.0.10' }, network: servesPorts({ port: 8085, purpose: 'metrics' }),
      values: { credentials: { secretContents: { cloud: '[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' } } },
    })),
    layer: 'policy', path: 'velero', field: 'values.credentials.secretContents.cloud', hint: /existingSecret/,
  },

  // Schedules written in other crons' forms.
  { name: "a backup every '30min', which Go's durations spell 30m", build: store(restic('backup', 'backup', AppController.cronJob({ schedule: '@every 30min' }))), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /@every 30m/ },
  { name: "a prune on Quartz's last Sunday of the month (0L)", build: store(restic('prune', 'backup', AppController.cronJob({ schedule: '0 4 1 * 0L' }))), layer: 'props', path: 'prune', field: 'controller.props.schedule', hint: /date -d tomorrow/ },
  { name: "an /etc/crontab line, with its user and command, as the schedule", build: store(restic('backup', 'backup', AppController.cronJob({ schedule: '0 3 * * * root /usr/local/bin/backup.sh' }))), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /schedule: '0 3 \* \* \*', with the command as the app's command: \['\/usr\/local\/bin\/backup\.sh'\]/ },
  { name: "Jenkins' H for the minute of a nightly backup", build: store(restic('backup', 'backup', AppController.cronJob({ schedule: 'H 3 * * *' }))), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /Jenkins' H.*schedule: '0 3 \* \* \*'/ },
  { name: "a systemd timer's every five minutes, *:0/5", build: store(restic('backup', 'backup', AppController.cronJob({ schedule: '*:0/5' }))), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /systemd timer's OnCalendar.*schedule: '\*\/5 \* \* \* \*'/ },
  { name: "a systemd timer's Sunday night, Sun *-*-* 02:30:00", build: store(restic('backup', 'backup', AppController.cronJob({ schedule: 'Sun *-*-* 02:30:00' }))), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /schedule: '30 2 \* \* SUN'/ },
  { name: 'midnight written as hour 24', build: store(restic('backup', 'backup', AppController.cronJob({ schedule: '30 24 * * *' }))), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /schedule: '30 0 \* \* \*'/ },
  { name: 'a backup time zone with a trailing blank', build: store(restic('backup', 'backup', AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin ' }))), layer: 'props', path: 'backup', field: 'controller.props.timeZone', hint: /timeZone: 'Europe\/Berlin'/ },
];
