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
  /** The NFS export the folder is of, `nfs:<server>:<export path>`, for one of an export. */
  readonly filesystem?: string;
  /** The export's name in its site's `nfs`, for one of an export. */
  readonly exportName?: string;
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
    const exported = props.volume.type === 'nfs' && typeof props.volume.export.path === 'string' ? { filesystem: trimmed(`nfs:${props.volume.export.server}:${props.volume.export.path}`), exportName: props.volume.export.name } : {};
    return mounts.filter((m) => typeof m?.mountPath === 'string' && m.mountPath.startsWith('/')).map((m) => ({
      volume, field: m.field, mountPath: trimmed(m.mountPath), source: trimmed(m.subPath ? `${root}/${m.subPath.replace(/^\/+/, '')}` : root), ...exported,
    }));
  });
}

/** A client's mount that does not line up with a server's mount of the same folder. */
export interface DisagreeingMount {
  /** The client's mount of the shared folder, where the finding points. */
  readonly mount: SharedFolderMount;
  /** The server's mount of the same folder, at a path that does not line up. */
  readonly other: SharedFolderMount;
  /** Where the client would mount its folder to see it as the server does, when moving the client's mount alone lines them up. */
  readonly expected?: string;
  /** Where the server would mount its folder to see it as the client does, when the server's folder is inside the client's. */
  readonly otherExpected?: string;
}

/**
 * Where `client` and `server` (two linked apps' shared folders) see one folder at paths that do not line up:
 * one source holds the other (or is it), and the path below the outer source differs from the path below
 * the outer mount. The first such pair of each client volume, with the path where the client would see its
 * folder as the server does, when there is one. Pure.
 */
export function disagreeingMounts(client: readonly SharedFolderMount[], server: readonly SharedFolderMount[]): DisagreeingMount[] {
  const below = (inner: string, outer: string) => (inner === outer ? '' : inner.startsWith(`${outer}/`) ? inner.slice(outer.length) : undefined);
  return client.flatMap((mount): DisagreeingMount[] => {
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
        return [{ mount, other, expected: expected === '' ? undefined : expected, otherExpected: `${mount.mountPath}${inClient}` }];
      }
    }
    return [];
  });
}

/**
 * Whether one of the linked apps (`servers`, each its mounts) sees the folder of `mount` at the very path the client
 * does: the client and that app exchange the paths of that folder (Bazarr and Radarr the films at /movies), and
 * another linked app that mounts it within a wider folder elsewhere (Sonarr's whole library at /media) hands no path of
 * it, as it keeps other files there. Pure.
 */
export function linesUpWithSome(mount: SharedFolderMount, servers: ReadonlyArray<readonly SharedFolderMount[]>): boolean {
  return servers.some((mounts) => mounts.some((other) => {
    const rest = mount.source === other.source ? '' : mount.source.startsWith(`${other.source}/`) ? mount.source.slice(other.source.length) : undefined;
    return rest !== undefined && `${other.mountPath}${rest}` === mount.mountPath;
  }));
}
