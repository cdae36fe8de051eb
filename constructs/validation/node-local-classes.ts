import { LOCAL_PATH_PROVISIONER } from '../platform/components/local-path';
import { ZFS_CSI_PROVISIONER } from '../platform/components/openebs-zfs';

// A volume of local-path or of a ZFS pool lives on the disks of one node: its PersistentVolume's node affinity
// takes every pod that mounts it to that node, and a failed disk takes all such volumes of the node with it.

/** Provisioners whose volumes live on the disks of one node: local-path's, a ZFS pool's (OpenEBS ZFS LocalPV). */
export const NODE_LOCAL_PROVISIONERS: ReadonlySet<string> = new Set([LOCAL_PATH_PROVISIONER, ZFS_CSI_PROVISIONER]);

/** Classes of such provisioners that a distribution makes outside the output (K3s' local-path). */
const NODE_LOCAL_CLASSES: ReadonlySet<string> = new Set(['local-path']);

/**
 * Whether StorageClass `className` places each volume on one node: by the provisioner of the class of that name
 * the output makes (`classOf`), or, for one it does not make, by the names distributions give such classes. Pure.
 */
export function isNodeLocalClass(className: unknown, classOf: (name: string) => Readonly<Record<string, unknown>> | undefined): boolean {
  if (typeof className !== 'string') {
    return false;
  }
  const made = classOf(className);
  return made !== undefined ? NODE_LOCAL_PROVISIONERS.has(String(made.provisioner)) : NODE_LOCAL_CLASSES.has(className);
}
