import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
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

/** OpenEBS ZFS LocalPV: datasets and zvols of the hosts' ZFS pools as volumes. */
export function openEbsZfs(): PlatformComponentProps {
  return {
    name: 'openebs-zfs',
    resources: { setAt: ['values.zfsController.resources', 'values.zfsNode.resources'] },
    description: 'ZFS datasets and zvols as volumes (StorageClasses zfs-<pool>)',
    namespace: OPENEBS_NAMESPACE,
    // The controller's sidecars talk over a socket inside the pod; the node plugin runs on the host network.
    network: servesPorts({ port: 9500, purpose: 'metrics of the node plugin, on the host network' }),
    podSecurity: 'privileged',
    podSecurityReason: 'the node plugin runs privileged to create and mount ZFS datasets on the host',
    install: {
      type: 'helm',
      chart: { repository: 'https://openebs.github.io/zfs-localpv', chart: 'zfs-localpv', version: OPENEBS_ZFS_PINS.chart },
      values: withResourceValues(withResourceValues({
        crds: { zfsLocalPv: { enabled: true }, csi: { volumeSnapshots: { enabled: false } } },
      }, ['zfsController.resources'], OPENEBS_ZFS_CONTROLLER_SIZE), ['zfsNode.resources'], OPENEBS_ZFS_NODE_SIZE),
    },
    crds: [{ group: 'zfs.openebs.io', kinds: ['ZFSVolume', 'ZFSSnapshot', 'ZFSBackup', 'ZFSRestore', 'ZFSNode'] }],
  };
}
