import { AppVolume, PersistenceProps } from '../app/volumes';

/** Where a node agent sees the node's own folders: `/etc` of the node is `/host/etc` in the container. */
export const HOST_ROOT = '/host';

/** The node's `folders`, each mounted read-only under {@link HOST_ROOT}, as an app's persistence. Pure. */
export function readOnlyHostFolders(folders: readonly string[]): Record<string, PersistenceProps> {
  return Object.fromEntries(folders.map((folder, i) => [
    `host-${i}`, { volume: AppVolume.hostPath(folder), mountPath: `${HOST_ROOT}${folder}`, readOnly: true },
  ]));
}
