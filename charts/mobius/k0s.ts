import type { ClusterChart } from '../../constructs';

/** Where k0s keeps the kubelet's folder; CSI node plugins register their sockets below it. */
const K0S_KUBELET_DIR = '/var/lib/k0s/kubelet/';

/**
 * Adapts the ZFS driver of a k0s cluster: its node plugin registers with the kubelet under k0s' own
 * folder, and its chart brings the VolumeSnapshot CRDs and snapshot controller the design asks for.
 */
export function zfsOnK0s(cluster: ClusterChart): void {
  const zfs = cluster.platform.get('openebs-zfs');
  if (!zfs) {
    return;
  }
  zfs.addValues({ zfsNode: { kubeletDir: K0S_KUBELET_DIR }, crds: { csi: { volumeSnapshots: { enabled: true } } } });
  zfs.addCrds({ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] });
}
