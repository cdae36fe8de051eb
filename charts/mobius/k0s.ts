import { leaveOwnerAction, zfsSnapshotClass } from '../../constructs';
import type { ClusterChart } from '../../constructs';

/** Where k0s keeps the kubelet's folder; CSI node plugins register their sockets below it. */
const K0S_KUBELET_DIR = '/var/lib/k0s/kubelet/';

/**
 * Adapts the ZFS driver of a k0s cluster: its node plugin registers with the kubelet under k0s' own
 * folder. With it come the volume snapshots the design lists among ZFS' features: the chart's
 * VolumeSnapshot CRDs and a VolumeSnapshotClass of the driver.
 */
export function zfsOnK0s(cluster: ClusterChart): void {
  const zfs = cluster.platform.get('openebs-zfs');
  if (!zfs) {
    return;
  }
  zfs.addValues({ zfsNode: { kubeletDir: K0S_KUBELET_DIR } });
  zfsSnapshotClass(cluster);
}

/**
 * KubeVirt on a k0s node, for a cluster that runs virtual machines there: virt-handler and its device
 * plugins (`/dev/kvm`) look for the kubelet in its usual folder, which k0s keeps elsewhere. Its chart has
 * no setting for that folder, so the node's own kubelet folder is mounted there too, an owner step.
 */
export function kubeVirtOnK0s(cluster: ClusterChart, nodeName: string): void {
  leaveOwnerAction(cluster, {
    kind: 'bootstrap',
    action: `on ${nodeName}, mount k0s' kubelet folder at /var/lib/kubelet as well (and keep the mount in /etc/fstab), before KubeVirt starts: `
      + "virt-handler and its /dev/kvm device plugin look for the kubelet there",
    command: `mkdir -p /var/lib/kubelet && mount --bind ${K0S_KUBELET_DIR} /var/lib/kubelet`,
  });
}
