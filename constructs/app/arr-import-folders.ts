import { hardlinkImporterOf } from './import-hardlinks';
import type { PersistenceProps } from './volumes';

// Sonarr, Radarr and their kin import a finished download by moving, hardlinking or copying it into the library and
// renaming it there, and clear the download's folder after: every folder of the media they mount is written. A
// read-only mount of it refuses each import, which the app reports as a failed import, one release after another.

/** Folders of an *arr app that are not its media: its own settings, scripts and certificates, which may be read-only. */
const NOT_MEDIA = /^\/(config|etc|scripts|custom-[^/]*|certs?)(\/|$)/;

/** A media folder an *arr app mounts read-only, where it mounts none it may write, and the prop that makes it so. */
export interface ReadOnlyImportFolder {
  /** The prop that makes the mount read-only: `persistence.<volume>.readOnly` or `persistence.<volume>.mounts[<i>].readOnly`. */
  readonly field: string;
  /** Where the container sees it. */
  readonly mountPath: string;
  /** The app's name as its image names it, e.g. `sonarr`. */
  readonly app: string;
}

/**
 * The media folders (an NFS export, a host's folder or a claim, outside `/config` and its like) an *arr app of
 * `image` mounts through `persistence`, when every one of them is read-only: the app then has no folder to import
 * into. One it may write beside a read-only one (a library kept read-only, imports into another) leaves them all
 * alone. Pure.
 */
export function readOnlyImportFolders(image: unknown, persistence: Readonly<Record<string, PersistenceProps>> | undefined): ReadOnlyImportFolder[] {
  const app = hardlinkImporterOf(image);
  if (app === undefined) {
    return [];
  }
  const media = Object.entries(persistence ?? {}).flatMap(([volume, props]) => {
    if (!['nfs', 'hostPath', 'claim', 'existingClaim'].includes(props?.volume?.type ?? '')) {
      return [];
    }
    const whole = typeof props.mountPath === 'string' ? [{ mountPath: props.mountPath, readOnly: props.readOnly === true, field: `persistence.${volume}.readOnly` }] : [];
    const mounts = (Array.isArray(props.mounts) ? props.mounts : []).filter((m) => typeof m?.mountPath === 'string').map((m, i) => ({
      mountPath: m.mountPath, readOnly: (m.readOnly ?? props.readOnly) === true,
      field: m.readOnly === true ? `persistence.${volume}.mounts[${i}].readOnly` : `persistence.${volume}.readOnly`,
    }));
    return [...whole, ...mounts].filter((m) => !NOT_MEDIA.test(m.mountPath));
  });
  return media.every((m) => m.readOnly) ? media.map(({ field, mountPath }) => ({ field, mountPath, app })) : [];
}
