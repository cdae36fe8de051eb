import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';

/** The provisioner name of OpenEBS ZFS LocalPV. */
export const ZFS_CSI_PROVISIONER = 'zfs.csi.openebs.io';

/** Namespace the ZFS LocalPV driver runs in and watches for ZFSVolume objects. */
export const OPENEBS_NAMESPACE = 'openebs';

/** Pinned release of OpenEBS ZFS LocalPV. Renovate reads the comment above each pin. */
export const OPENEBS_ZFS_PINS = {
  // renovate: datasource=helm depName=zfs-localpv registryUrl=https://openebs.github.io/zfs-localpv
  chart: '2.8.0',
} as const;

/** Size of each container of the controller (the CSI sidecars and the plugin): 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const OPENEBS_ZFS_CONTROLLER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** Size of each container of the node plugin, whose plugin runs the host's `zfs` commands: 10m CPU and 32Mi requested, a 256Mi memory limit. */
export const OPENEBS_ZFS_NODE_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '256Mi' };

// The chart's keys of the controller's and the node plugin's containers, read in its values.yaml: each sizes
// every container of its pod (the CSI sidecars and the plugin).
/** The parts of OpenEBS ZFS LocalPV, each with its chart values keys and this library's size of it. */
export const OPENEBS_ZFS_PARTS = {
  controller: { keys: ['zfsController.resources'], size: OPENEBS_ZFS_CONTROLLER_SIZE },
  node: { keys: ['zfsNode.resources'], size: OPENEBS_ZFS_NODE_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of OpenEBS ZFS LocalPV a user can size: each container of the `controller`, and of the `node` plugin. */
export type OpenEbsZfsPart = keyof typeof OPENEBS_ZFS_PARTS;

/** Every part of OpenEBS ZFS LocalPV, by name. */
export const OPENEBS_ZFS_PART_NAMES = Object.keys(OPENEBS_ZFS_PARTS) as OpenEbsZfsPart[];

/**
 * OpenEBS ZFS LocalPV: datasets and zvols of the hosts' ZFS pools as volumes. `resources` sizes its parts,
 * merged key by key into the default; the cluster gives its `componentResources.openEbsZfs`.
 */
export function openEbsZfs(resources: PartResources<OpenEbsZfsPart> = {}): PlatformComponentProps {
  return {
    name: 'openebs-zfs',
    resources: { setAt: partValuesKeys(OPENEBS_ZFS_PARTS) },
    description: 'ZFS datasets and zvols as volumes (StorageClasses zfs-<pool>)',
    namespace: OPENEBS_NAMESPACE,
    // The controller's sidecars talk over a socket inside the pod; the node plugin runs on the host network.
    network: servesPorts({ port: 9500, purpose: 'metrics of the node plugin, on the host network' }),
    podSecurity: 'privileged',
    podSecurityReason: 'the node plugin runs privileged to create and mount ZFS datasets on the host',
    install: {
      type: 'helm',
      chart: { repository: 'https://openebs.github.io/zfs-localpv', chart: 'zfs-localpv', version: OPENEBS_ZFS_PINS.chart },
      values: withPartResources({
        crds: { zfsLocalPv: { enabled: true }, csi: { volumeSnapshots: { enabled: false } } },
      }, OPENEBS_ZFS_PARTS, resources),
    },
    crds: [{ group: 'zfs.openebs.io', kinds: ['ZFSVolume', 'ZFSSnapshot', 'ZFSBackup', 'ZFSRestore', 'ZFSNode'] }],
  };
}
