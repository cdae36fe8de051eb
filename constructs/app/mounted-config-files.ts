import { normalMountPath } from './mount-paths';

// The files a container sees of the ConfigMaps its app mounts, with their text: what an image's configuration file
// says (the port it listens on) where the app mounts it from a ConfigMap of the repository.

/** A file of a ConfigMap that a container mounts: its path in the container and its text. */
export interface MountedConfigFile {
  readonly path: string;
  readonly text: string;
}

/** The data of ConfigMap `name` of the app's namespace, or undefined where the output holds none of that name. */
export type ConfigMapData = (name: string) => Readonly<Record<string, string>> | undefined;

/** A persistence entry as given, read for its ConfigMap and where it is mounted. */
interface GivenEntry {
  readonly volume?: { readonly type?: unknown; readonly configMapName?: unknown };
  readonly mountPath?: unknown;
  readonly mounts?: unknown;
  readonly containers?: unknown;
}

/**
 * The files of the ConfigMap volumes of `persistence` that container `container` sees (the main container is named
 * `app`, and gets the entries that name no `containers`), each at its path in the container: every key of the
 * ConfigMap under a folder mount, the key of `subPath` at a file mount. `dataOf` gives a ConfigMap's data. Pure.
 */
export function mountedConfigMapFiles(persistence: unknown, app: string, container: string, dataOf: ConfigMapData): MountedConfigFile[] {
  const entries = Object.values(persistence !== null && typeof persistence === 'object' ? persistence as Record<string, GivenEntry | null> : {});
  return entries.flatMap((entry): MountedConfigFile[] => {
    const volume = entry?.volume;
    if (volume?.type !== 'configMap' || typeof volume.configMapName !== 'string'
      || !(Array.isArray(entry!.containers) ? entry!.containers.map(String) : [app]).includes(container)) {
      return [];
    }
    const data = dataOf(volume.configMapName) ?? {};
    const mounts = [{ mountPath: entry!.mountPath }, ...(Array.isArray(entry!.mounts) ? entry!.mounts as Array<{ mountPath?: unknown; subPath?: unknown } | null> : [])];
    return mounts.flatMap((mount): MountedConfigFile[] => {
      if (typeof mount?.mountPath !== 'string' || !mount.mountPath.startsWith('/')) {
        return [];
      }
      const at = normalMountPath(mount.mountPath);
      if (typeof (mount as { subPath?: unknown }).subPath === 'string') {
        const text = data[(mount as { subPath: string }).subPath];
        return text === undefined ? [] : [{ path: at, text }];
      }
      return Object.entries(data).map(([key, text]) => ({ path: `${at}/${key}`, text }));
    });
  });
}
