import type { AppVolume, PersistenceProps } from './volumes';

// Apps that hand each other paths (a download client tells Sonarr where a finished download lies, Sonarr
// tells it where to save) must see the shared files at the same path: compose's media stack mounts one
// /data in every container for that reason. Two linked apps that mount one folder at paths that do not line
// up exchange paths that name nothing in the other container, and the imports fail.

/** A folder an app mounts from a source other apps may mount too, and where it sees it. */
export interface SharedFolderMount {
  /** The volume's name in `persistence`. */
  readonly volume: string;
  /** The source's folder: `nfs:<server>:<path>`, `host:<path>` or `claim:<namespace>/<name>`, with the sub-path mounted. */
  readonly source: string;
  /** Where the container sees it. */
  readonly mountPath: string;
  /** The prop that mounts it: `persistence.<volume>.mountPath` or `persistence.<volume>.mounts[<i>].mountPath`. */
  readonly field: string;
}

/** The folder a volume's source is, as two apps' mounts of it compare; undefined for one no other app mounts (an emptyDir, a new claim of its own). Pure. */
function sourceFolder(volume: AppVolume | undefined, namespace: string): string | undefined {
  switch (volume?.type) {
    case 'nfs': return typeof volume.path === 'string' ? `nfs:${volume.export.server}:${volume.path}` : undefined;
    case 'hostPath': return typeof volume.path === 'string' ? `host:${volume.path}` : undefined;
    case 'existingClaim': return `claim:${namespace}/${volume.claimName}`;
    case 'claim': return volume.claim?.claimName !== undefined ? `claim:${namespace}/${volume.claim.claimName}` : undefined;
    default: return undefined;
  }
}

/** A path without its trailing slashes. */
const trimmed = (path: string) => path.replace(/(.)\/+$/, '$1');

/** The shared folders the main container of an app of `namespace` mounts through `persistence`. Pure. */
export function sharedFolderMounts(persistence: Readonly<Record<string, PersistenceProps>> | undefined, namespace: string): SharedFolderMount[] {
  return Object.entries(persistence ?? {}).flatMap(([volume, props]) => {
    const root = sourceFolder(props?.volume, namespace);
    if (root === undefined || (props.containers !== undefined && props.containers.length > 0)) {
      return [];
    }
    const mounts = [
      ...(typeof props.mountPath === 'string' ? [{ mountPath: props.mountPath, subPath: undefined as string | undefined, field: `persistence.${volume}.mountPath` }] : []),
      ...(Array.isArray(props.mounts) ? props.mounts : []).map((m, i) => ({ ...m, field: `persistence.${volume}.mounts[${i}].mountPath` })),
    ];
    return mounts.filter((m) => typeof m?.mountPath === 'string' && m.mountPath.startsWith('/')).map((m) => ({
      volume, field: m.field, mountPath: trimmed(m.mountPath), source: trimmed(m.subPath ? `${root}/${m.subPath.replace(/^\/+/, '')}` : root),
    }));
  });
}

/**
 * Where `client` and `server` (two linked apps' shared folders) see one folder at paths that do not line up:
 * one source holds the other (or is it), and the path below the outer source differs from the path below
 * the outer mount. The first such pair of each client volume, with the path where the client would see its
 * folder as the server does, when there is one. Pure.
 */
export function disagreeingMounts(client: readonly SharedFolderMount[], server: readonly SharedFolderMount[]): Array<{ mount: SharedFolderMount; other: SharedFolderMount; expected?: string }> {
  const below = (inner: string, outer: string) => (inner === outer ? '' : inner.startsWith(`${outer}/`) ? inner.slice(outer.length) : undefined);
  return client.flatMap((mount) => {
    for (const other of server) {
      // The client's folder inside the server's (or the same): the server sees it at its mount plus the rest.
      const inServer = below(mount.source, other.source);
      if (inServer !== undefined && `${other.mountPath}${inServer}` !== mount.mountPath) {
        return [{ mount, other, expected: `${other.mountPath}${inServer}` }];
      }
      // The server's folder inside the client's: the client sees it at its mount plus the rest.
      const inClient = inServer === undefined ? below(other.source, mount.source) : undefined;
      if (inClient !== undefined && `${mount.mountPath}${inClient}` !== other.mountPath) {
        const expected = other.mountPath.endsWith(inClient) ? other.mountPath.slice(0, other.mountPath.length - inClient.length) : undefined;
        return [{ mount, other, expected: expected === '' ? undefined : expected }];
      }
    }
    return [];
  });
}
