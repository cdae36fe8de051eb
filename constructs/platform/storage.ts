import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-30';
import type { AccessMode } from '../app/volumes';
import { ZfsPool } from '../inventory/zfs-pool';

/** A StorageClass that exists in the cluster already (installed by a chart or the distribution). */
export interface ExistingStorageClass {
  /** StorageClass name, e.g. `nfs-csi`, `local-path`. */
  readonly storageClassName: string;
  /** Access modes the class supports. @default ['ReadWriteOnce'] */
  readonly accessModes?: AccessMode[];
}

/** What a storage tier of a cluster is backed by: a ZFS pool of the inventory, or an existing class. */
export type StorageTier = ZfsPool | ExistingStorageClass;

/** The StorageClass name a ZFS pool gets: seed 004's `zfs-<pool>`. The one place that decides it. */
export function zfsStorageClassName(pool: ZfsPool): string {
  return `zfs-${pool.name}`;
}

/** The StorageClass name a tier maps to. */
export function storageClassNameOf(tier: StorageTier): string {
  return tier instanceof ZfsPool ? zfsStorageClassName(tier) : tier.storageClassName;
}

/** Access modes a tier supports: ZFS LocalPV volumes live on one node, so only single-writer modes. */
export function accessModesOf(tier: StorageTier): AccessMode[] {
  return tier instanceof ZfsPool ? ['ReadWriteOnce', 'ReadWriteOncePod'] : tier.accessModes ?? ['ReadWriteOnce'];
}

/**
 * The OpenEBS ZFS LocalPV StorageClass of a pool: volumes wait for their pod's node, are kept on delete
 * (`Retain`, the data outlives a mistaken `kubectl delete pvc`) and may grow; the class may only place
 * volumes on the hosts that carry the pool.
 */
export function renderZfsStorageClass(scope: Construct, pool: ZfsPool): void {
  new kplus.k8s.KubeStorageClass(scope, pool.name, {
    metadata: { name: zfsStorageClassName(pool) },
    provisioner: 'zfs.csi.openebs.io',
    parameters: {
      poolname: pool.name,
      fstype: pool.volumeFilesystem,
      compression: pool.compression,
      dedup: pool.dedup,
      thinprovision: pool.thinProvision ? 'yes' : 'no',
    },
    allowVolumeExpansion: true,
    volumeBindingMode: 'WaitForFirstConsumer',
    reclaimPolicy: 'Retain',
    allowedTopologies: [{
      matchLabelExpressions: [{ key: 'kubernetes.io/hostname', values: [pool.host.nodeName] }],
    }],
  });
}
