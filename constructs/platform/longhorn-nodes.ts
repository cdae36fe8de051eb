import type { ClusterChart } from './cluster-chart';
import { talosKubeletMountPatch } from './distributions';
import { addTalosExtensions, addTalosMachinePatch } from './talos-plan';

// Longhorn's pods call tools of the node (iscsiadm, and nsenter, fstrim and blkid of util-linux) and keep their
// replicas in a folder of it. A node whose OS has no package manager gets them from its own image: on Talos,
// system extensions and a kubelet mount (Longhorn's "Talos Linux Support").

/** The system extensions a Talos node needs for Longhorn: iSCSI's initiator and daemon, and util-linux' tools. */
export const LONGHORN_TALOS_EXTENSIONS: readonly string[] = ['siderolabs/iscsi-tools', 'siderolabs/util-linux-tools'];

/** Where Longhorn keeps its replicas on a node unless its `defaultSettings.defaultDataPath` says otherwise. */
export const LONGHORN_DATA_PATH = '/var/lib/longhorn';

/**
 * Declares what Longhorn, released with chart `values`, needs of `cluster`'s nodes; only a Talos cluster's steps read
 * it (the extensions in its schematic, the kubelet mount of the data folder in every machine config).
 */
export function declareLonghornNodeNeeds(cluster: ClusterChart, values: Readonly<Record<string, unknown>>): void {
  const settings = values.defaultSettings;
  const dataPath = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>).defaultDataPath : undefined;
  addTalosExtensions(cluster, LONGHORN_TALOS_EXTENSIONS);
  addTalosMachinePatch(cluster, talosKubeletMountPatch(typeof dataPath === 'string' && dataPath.startsWith('/') ? dataPath : LONGHORN_DATA_PATH));
}
