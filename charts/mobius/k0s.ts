import { leaveOwnerAction, zfsSnapshotClass } from '../../constructs';
import type { ClusterChart, Preinstalled } from '../../constructs';

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

/** A worker of a k0s cluster, for its join step. */
interface K0sWorker {
  readonly nodeName: string;
  readonly address: string;
}

/**
 * What a mobius cluster gets from k0s before this repository: a k0s workload cluster whose control plane
 * runs as pods on N5's management cluster (k0smotron, set up outside this repository), its workers joined
 * with a token, and kube-router, k0s' default CNI, which the design keeps and which enforces the
 * NetworkPolicies the repository writes.
 */
export function k0sWorkloadCluster(clusterName: string, workers: readonly K0sWorker[], extraSteps: readonly string[] = []): Preinstalled {
  const joined = workers.map((w) => `${w.nodeName} (${w.address})`).join(' and ');
  return {
    source: 'k0s',
    distribution: 'k0s',
    manualSteps: [
      `create k0s workload cluster ${clusterName} on N5's k0s management cluster with k0smotron (its control plane runs as pods there), `
        + 'keeping the network provider kube-router, k0s\' default (spec.network.provider: kuberouter), and write its kubeconfig',
      `join ${joined} as worker(s) of ${clusterName}, each with a worker join token of that cluster: k0s install worker --token-file /etc/k0s/${clusterName}.token && k0s start`,
      ...extraSteps,
    ],
  };
}
