import { ApiObject, App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { AppVolume, ChartRelease, ClusterChart as Cluster, declareExternal, existingStorageClass, flux, host, HomelabApp, k3s, localPathStorage, servesPorts, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user's storage, from the README alone: three mini PCs under K3s whose volumes are replicated across them,
// first by Longhorn (its chart, StorageClasses, snapshots and backups to MinIO or the NAS), then by Rook-Ceph on
// each PC's spare NVMe disk (block pool, filesystem and their StorageClasses written from Rook's examples). Each
// mistake was taken by synthesis and the API server and left claims Pending, replicas Degraded, snapshots never
// ready or backups failing; one was refused by the API server itself.

const mini1 = host('nu64-mini1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.64.11', memoryGigabytes: 16 });
const mini2 = host('nu64-mini2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.64.12', memoryGigabytes: 16 });
const mini3 = host('nu64-mini3', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.64.13', memoryGigabytes: 16 });
/** The lab's site; its NAS exports /export/longhorn and runs MinIO. */
export const minis64 = site('nu64-minis', { domain: 'minis.test', hosts: [mini1, mini2, mini3], git: { url: 'https://git.minis.test/lab.git' } });

/** What the owner installed by hand beside K3s: the Rook operator and the snapshot controller, with the kinds each defines. */
const INSTALLED = [
  k3s({ disable: ['traefik'] }),
  { source: 'rook-ceph operator chart', namespaces: ['rook-ceph'], crds: [{ group: 'ceph.rook.io', kinds: ['CephCluster', 'CephBlockPool', 'CephFilesystem'] }] },
  { source: 'snapshot-controller', crds: [{ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] }] },
];

/** Builds `build` into the lab's cluster `minis`, with tiers `local` (K3s' local-path) and `replicated` (Longhorn's class). */
export const minis = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = new Cluster(app, 'minis', {
    site: minis64, hosts: [mini1, mini2, mini3], preinstalled: INSTALLED, routes: traefik({ nodePorts: true }),
    storage: { local: localPathStorage(), replicated: existingStorageClass('longhorn', ['ReadWriteOnce', 'ReadWriteMany']) }, gitops: flux(),
  });
  build(c);
});

/** Longhorn from its chart, with `values`. */
export const longhornChart = (c: ClusterChart, values: Record<string, unknown> = {}) => new ChartRelease(c, 'longhorn', {
  namespace: 'longhorn-system', chart: { repository: 'https://charts.longhorn.io', chart: 'longhorn', version: '1.9.1' }, values,
  network: servesPorts({ port: 9500, purpose: 'longhorn-manager API' }, { port: 8000, purpose: 'Longhorn UI' }),
  provides: { storageClasses: ['longhorn'] }, crds: [{ group: 'longhorn.io', kinds: ['RecurringJob', 'BackupTarget'] }],
});

/** A hand-written object `id` of the cluster. */
const object = (c: ClusterChart, id: string, manifest: Record<string, unknown>) => new ApiObject(c, id, manifest as never);

/** A StorageClass `name` of `provisioner` with `parameters`. */
const storageClass = (c: ClusterChart, name: string, provisioner: string, parameters: Record<string, string>) =>
  object(c, name, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, allowVolumeExpansion: true, parameters });

/** Longhorn and a StorageClass `longhorn-local` of it with `parameters`. */
const longhornClass = (parameters: Record<string, string>) => minis((c) => {
  longhornChart(c);
  storageClass(c, 'longhorn-local', 'driver.longhorn.io', parameters);
});

/** Paperless on a claim `paperless-data` of `tier`. */
export const paperless = (c: ClusterChart, tier: string) => new HomelabApp(c, 'paperless', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
  persistence: { data: { volume: AppVolume.claim({ tier, size: '5Gi' }), mountPath: '/data' } },
});

/** A Rook cluster `rook-ceph` on each PC's NVMe disk by id; `spec` replaces its fields. */
export const cephCluster = (c: ClusterChart, spec: Record<string, unknown> = {}) => object(c, 'rook-ceph', {
  apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'rook-ceph', namespace: 'rook-ceph' },
  spec: {
    cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' }, dataDirHostPath: '/var/lib/rook', mon: { count: 3 }, mgr: { count: 2 }, dashboard: { enabled: true },
    storage: { useAllNodes: false, useAllDevices: false, nodes: [mini1, mini2, mini3].map((h) => ({ name: h.nodeName, devices: [{ name: `/dev/disk/by-id/nvme-Samsung_SSD_980_1TB_${h.nodeName}` }] })) },
    ...spec,
  },
});

/** A CephBlockPool `replicapool` of three replicas, one per host; `replicated` replaces its replication. */
export const blockPool = (c: ClusterChart, replicated: Record<string, unknown> = { size: 3 }) => object(c, 'replicapool', {
  apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'replicapool', namespace: 'rook-ceph' }, spec: { failureDomain: 'host', replicated },
});

/** A CephFilesystem `myfs` of one data pool named `replicated`. */
export const filesystem = (c: ClusterChart) => object(c, 'myfs', {
  apiVersion: 'ceph.rook.io/v1', kind: 'CephFilesystem', metadata: { name: 'myfs', namespace: 'rook-ceph' },
  spec: { metadataPool: { replicated: { size: 3 } }, dataPools: [{ name: 'replicated', replicated: { size: 3 } }], metadataServer: { activeCount: 1, activeStandby: true } },
});

/** The parameters of Rook's example RBD StorageClass, its CSI Secrets in the cluster's namespace. */
export const RBD_PARAMETERS: Record<string, string> = {
  clusterID: 'rook-ceph', pool: 'replicapool', imageFormat: '2', imageFeatures: 'layering', 'csi.storage.k8s.io/fstype': 'ext4',
  'csi.storage.k8s.io/provisioner-secret-name': 'rook-csi-rbd-provisioner', 'csi.storage.k8s.io/provisioner-secret-namespace': 'rook-ceph',
  'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-rbd-node', 'csi.storage.k8s.io/node-stage-secret-namespace': 'rook-ceph',
};

/** The Rook cluster, its block pool and an RBD StorageClass `ceph-block` with `parameters` over the example's. */
const rbdClass = (parameters: Record<string, string>) => minis((c) => {
  cephCluster(c);
  blockPool(c);
  storageClass(c, 'ceph-block', 'rook-ceph.rbd.csi.ceph.com', { ...RBD_PARAMETERS, ...parameters });
});

/** The Rook cluster, its filesystem and a CephFS StorageClass `ceph-fs` with `parameters`. */
const cephFsClass = (parameters: Record<string, string>) => minis((c) => {
  cephCluster(c);
  filesystem(c);
  storageClass(c, 'ceph-fs', 'rook-ceph.cephfs.csi.ceph.com', { clusterID: 'rook-ceph', fsName: 'myfs', pool: 'myfs-replicated', ...parameters });
});

/** Longhorn and a RecurringJob `nightly` of `task`. */
const recurringJob = (task: string) => minis((c) => {
  longhornChart(c);
  object(c, 'nightly', {
    apiVersion: 'longhorn.io/v1beta2', kind: 'RecurringJob', metadata: { name: 'nightly', namespace: 'longhorn-system' },
    spec: { cron: '0 3 * * *', task, groups: ['default'], retain: 7, concurrency: 1 },
  });
});

export const CASES: BadInput[] = [
  { name: "a Longhorn StorageClass whose dataLocality is written best_effort", build: longhornClass({ numberOfReplicas: '3', dataLocality: 'best_effort' }), layer: 'references', path: 'longhorn-local', field: 'parameters.dataLocality', hint: /'best-effort'/ },
  { name: 'a Longhorn StorageClass whose replica count is written in words', build: longhornClass({ numberOfReplicas: 'three' }), layer: 'references', path: 'longhorn-local', field: 'parameters.numberOfReplicas', hint: /numberOfReplicas: '3'/ },
  {
    name: "Longhorn's chart asked for a default class of four replicas on three PCs",
    build: minis((c) => { longhornChart(c, { persistence: { defaultClassReplicaCount: 4 } }); }),
    layer: 'props', path: 'longhorn', field: 'values.persistence.defaultClassReplicaCount', hint: /defaultClassReplicaCount: 3/,
  },
  {
    name: "Longhorn's S3 backup target at MinIO without the bucket's region",
    build: minis((c) => { declareExternal(c, { secrets: [{ namespace: 'longhorn-system', name: 'minio' }] }); longhornChart(c, { defaultBackupStore: { backupTarget: 's3://longhorn', backupTargetCredentialSecret: 'minio' } }); }),
    layer: 'props', path: 'longhorn', field: 'values.defaultBackupStore.backupTarget', hint: /s3:\/\/longhorn@us-east-1\//,
  },
  {
    name: "Longhorn's NFS backup target written as a URL path, without the colon before the export",
    build: minis((c) => { longhornChart(c, { defaultSettings: { backupTarget: 'nfs://nas.minis.test/export/longhorn' } }); }),
    layer: 'props', path: 'longhorn', field: 'values.defaultSettings.backupTarget', hint: /nfs:\/\/nas\.minis\.test:\/export\/longhorn/,
  },
  {
    name: 'a Longhorn BackupTarget at MinIO without the bucket\'s region',
    build: minis((c) => {
      longhornChart(c);
      object(c, 'minio-target', { apiVersion: 'longhorn.io/v1beta2', kind: 'BackupTarget', metadata: { name: 'default', namespace: 'longhorn-system' }, spec: { backupTargetURL: 's3://longhorn/backups', credentialSecret: 'minio', pollInterval: '5m0s' } });
    }),
    layer: 'references', path: 'minio-target', field: 'spec.backupTargetURL', hint: /s3:\/\/longhorn@us-east-1\/backups/,
  },
  {
    name: 'a Longhorn VolumeSnapshotClass whose type is written snapshot',
    build: minis((c) => {
      longhornChart(c);
      object(c, 'longhorn-snapshot', { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'longhorn-snapshot' }, driver: 'driver.longhorn.io', deletionPolicy: 'Delete', parameters: { type: 'snapshot' } });
    }),
    layer: 'references', path: 'longhorn-snapshot', field: 'parameters.type', hint: /type: 'snap'/,
  },
  { name: 'a Longhorn RecurringJob whose task is written backups', build: recurringJob('backups'), layer: 'schema', path: 'nightly', field: 'spec.task', hint: /task: 'backup'/ },
  {
    name: 'a VolumeSnapshot of a claim on local-path',
    build: minis((c) => {
      paperless(c, 'local');
      declareExternal(c, { volumeSnapshotClasses: ['longhorn-snapshot'] });
      object(c, 'before-upgrade', {
        apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'before-upgrade', namespace: 'paperless' },
        spec: { volumeSnapshotClassName: 'longhorn-snapshot', source: { persistentVolumeClaimName: 'paperless-data' } },
      });
    }),
    layer: 'references', path: 'before-upgrade', field: 'spec.source.persistentVolumeClaimName', message: /takes no snapshots/,
  },
  {
    name: "a CephCluster whose storage nodes are named by the PCs' addresses",
    build: minis((c) => { cephCluster(c, { storage: { useAllNodes: false, useAllDevices: false, nodes: [{ name: '192.168.64.11', devices: [{ name: 'nvme0n1' }] }] } }); }),
    layer: 'references', path: 'rook-ceph', field: 'spec.storage.nodes[0].name', hint: /name: 'nu64-mini1'/,
  },
  {
    name: "a CephCluster whose storage nodes are named by the PCs' DNS names",
    build: minis((c) => { cephCluster(c, { storage: { useAllNodes: false, useAllDevices: false, nodes: [{ name: 'nu64-mini2.minis.test', devices: [{ name: 'nvme0n1' }] }] } }); }),
    layer: 'references', path: 'rook-ceph', field: 'spec.storage.nodes[0].name', hint: /name: 'nu64-mini2'/,
  },
  { name: 'an RBD StorageClass naming a misspelt block pool', build: rbdClass({ pool: 'replicapol' }), layer: 'references', path: 'ceph-block', field: 'parameters.pool', hint: /pool: 'replicapool'/ },
  { name: "an RBD StorageClass whose clusterID is the CephCluster's chart release, not its namespace", build: rbdClass({ clusterID: 'rook-ceph-cluster' }), layer: 'references', path: 'ceph-block', field: 'parameters.clusterID', hint: /clusterID: 'rook-ceph'/ },
  { name: 'a CephFS StorageClass whose pool is the data pool as Ceph numbers it', build: cephFsClass({ pool: 'myfs-data0' }), layer: 'references', path: 'ceph-fs', field: 'parameters.pool', hint: /pool: 'myfs-replicated'/ },
  { name: 'a CephFS StorageClass naming a filesystem the cluster does not have', build: cephFsClass({ fsName: 'cephfs' }), layer: 'references', path: 'ceph-fs', field: 'parameters.fsName', hint: /fsName: 'myfs'/ },
  {
    name: 'a CephBlockPool of one replica that keeps requireSafeReplicaSize from the example',
    build: minis((c) => { cephCluster(c); blockPool(c, { size: 1, requireSafeReplicaSize: true }); }),
    layer: 'references', path: 'replicapool', field: 'spec.replicated.requireSafeReplicaSize', hint: /requireSafeReplicaSize: false/,
  },
];
