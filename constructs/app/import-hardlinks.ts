import type { SharedFolderMount } from './shared-folder-paths';
import { imageAppName } from './binhex-images';

// Sonarr, Radarr and their kin import a finished download into the library by a hardlink where they can, so a
// release takes its space once and keeps seeding. A hardlink cannot cross two mounts, even two folders of one NFS
// export mounted apart (the kernel answers EXDEV): such an app then copies every import, which takes the space twice.

/** The *arr apps that import by hardlink, by the app their image is (see {@link imageAppName}). */
const HARDLINK_IMPORTERS: ReadonlySet<string> = new Set(['sonarr', 'radarr', 'lidarr', 'readarr', 'whisparr']);

/** The *arr app an image is (`sonarr` of `lscr.io/linuxserver/sonarr:4.0.14` or `binhex/arch-sonarr`), or undefined for another image. Pure. */
export function hardlinkImporterOf(image: unknown): string | undefined {
  const app = typeof image === 'string' ? imageAppName(image) : undefined;
  return app !== undefined && HARDLINK_IMPORTERS.has(app) ? app : undefined;
}

/** The folder two sources of one export share, as `<server>:<path>`. */
function sharedParentOf(a: string, b: string): string {
  const left = a.split('/');
  const right = b.split('/');
  const common = left.slice(0, left.findIndex((part, i) => part !== right[i]));
  return common.join('/');
}

/**
 * Where an *arr app of `image` mounts two folders of one NFS export apart (downloads at /downloads, the library at
 * /tv), so no import can be a hardlink: the later of the first such pair, with the folder that holds both and where
 * to mount it. Pure.
 */
export function splitImportMounts(image: unknown, mounts: readonly SharedFolderMount[]): { mount: SharedFolderMount; other: SharedFolderMount; parent: string } | undefined {
  if (hardlinkImporterOf(image) === undefined) {
    return undefined;
  }
  const inside = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}/`);
  for (const [i, mount] of mounts.entries()) {
    const other = mounts.slice(0, i).find((m) => m.filesystem !== undefined && m.filesystem === mount.filesystem && m.volume !== mount.volume
      && !inside(m.source, mount.source) && !inside(mount.source, m.source));
    if (other !== undefined) {
      return { mount, other, parent: sharedParentOf(other.source, mount.source) };
    }
  }
  return undefined;
}
