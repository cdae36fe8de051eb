import type { PlatformComponentProps } from '../component';
import { chartSizesItself } from '../component-resources';

/** The provisioner name of csi-driver-nfs. */
export const NFS_CSI_PROVISIONER = 'nfs.csi.k8s.io';

/** Pinned release of csi-driver-nfs. Renovate reads the comment above each pin. */
export const CSI_DRIVER_NFS_PINS = {
  // renovate: datasource=helm depName=csi-driver-nfs registryUrl=https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts
  chart: 'v4.11.0',
} as const;

/** The Kubernetes CSI NFS driver in `kube-system`, as its chart installs it; StorageClasses come from the tiers. */
export function csiDriverNfs(): PlatformComponentProps {
  return {
    name: 'csi-driver-nfs',
    resources: { chartDefault: chartSizesItself('csi-driver-nfs', CSI_DRIVER_NFS_PINS.chart, ['controller.resources', 'node.resources']) },
    description: 'NFS volumes for StorageClasses on provisioner nfs.csi.k8s.io',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the node plugin mounts NFS shares for the kubelet as a privileged host-network pod',
    install: {
      type: 'helm',
      chart: {
        repository: 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts',
        chart: 'csi-driver-nfs',
        version: CSI_DRIVER_NFS_PINS.chart,
      },
      values: {
        // The classes are rendered per tier, beside the claims that use them.
        storageClass: { create: false },
        // Neither the snapshot controller and the VolumeSnapshot CRDs, nor the controller's csi-snapshotter
        // sidecar, which the chart adds by default: without those CRDs it fails to list them for as long as it
        // runs, and no class of this library takes snapshots of NFS claims.
        externalSnapshotter: { enabled: false },
        controller: { enableSnapshotter: false },
      },
    },
  };
}
