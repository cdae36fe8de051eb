import type { App as CdkApp } from 'cdk8s';
import { ApiObject } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { AppVolume, HomelabApp, nfsStorage } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// A snapshot of a claim on the NFS export: csi-driver-nfs is installed without its csi-snapshotter sidecar (it
// would fail to list VolumeSnapshot kinds on every cluster without them), so nothing takes the snapshot, though
// the owner installed the snapshot controller and wrote a class of the driver, as its README shows.

/** What the owner installed beside the cluster: the snapshot controller with its CRDs. */
const SNAPSHOT_CONTROLLER = { source: 'snapshot-controller', crds: [{ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] }] };

/** A cluster whose `nfs` tier is the lab's export, with an app on a claim of it and a snapshot of that claim. */
const nfsSnapshot = guarded((_c: ClusterChart, app: CdkApp) => {
  const cluster = labCluster(app, 'nfs-snapshots', { storage: { nfs: nfsStorage(lab.nfs.share) }, preinstalled: [SNAPSHOT_CONTROLLER] });
  new HomelabApp(cluster, 'paperless', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'nfs', size: '5Gi' }), mountPath: '/data' } },
  });
  new ApiObject(cluster, 'csi-nfs-snapclass', {
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'csi-nfs-snapclass' }, driver: 'nfs.csi.k8s.io', deletionPolicy: 'Delete',
  });
  new ApiObject(cluster, 'before-upgrade', {
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'before-upgrade', namespace: 'paperless' },
    spec: { volumeSnapshotClassName: 'csi-nfs-snapclass', source: { persistentVolumeClaimName: 'paperless-data' } },
  });
});

export const CASES: BadInput[] = [
  {
    name: 'a VolumeSnapshot of a claim on the NFS export, whose driver runs without its snapshot sidecar',
    build: nfsSnapshot, layer: 'references', path: 'before-upgrade', field: 'spec.source.persistentVolumeClaimName',
    message: /csi-snapshotter sidecar, so it takes no snapshots/, hint: /VolSync with copyMethod Direct/,
  },
];
