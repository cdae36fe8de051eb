import { imageRef } from '../app/image-platforms';
import { LINUXSERVER_IMAGE } from '../app/root-started-images';
import type { Host } from '../inventory/host';
import type { MediaContainer } from './media-containers';
import { MediaSettings, mediaFolder, settingValue } from './media-settings';

/** A container's config folder on its host, and who must own it for the container to write into it. */
export interface MediaConfigFolder {
  /** Container name, also the folder's name under `configDir`. */
  readonly name: string;
  /** The host the container runs on. @default - any node of the cluster */
  readonly host?: Host<any, any>;
  /** The folder on the host, `<configDir>/<name>`. */
  readonly path: string;
  /** User id that owns the folder: `PUID`, or 0 for a container that runs as root. */
  readonly uid: number;
  /** Group id that owns the folder: `PGID`, or 0 for a container that runs as root. */
  readonly gid: number;
  /**
   * The image takes the folder and everything in it as it starts (linuxserver.io images, whose init runs
   * with the capabilities to change owners); otherwise the container writes only into files its user owns,
   * so a folder brought from elsewhere must be given to `uid`:`gid` with everything in it.
   */
  readonly takesOwnership: boolean;
}

/**
 * The config folder of each container that mounts one, with its owner. A container with a `runAsRoot` reason
 * of its own runs as root with every capability dropped: without `DAC_OVERRIDE` root writes only where the
 * folder's mode lets user 0 in, so its folder belongs to root. The others run as `PUID`:`PGID`, or start as
 * root and take their folder (linuxserver.io). Pure.
 */
export function mediaConfigFolders(settings: MediaSettings, containers: Readonly<Record<string, MediaContainer>>): MediaConfigFolder[] {
  return Object.entries(containers)
    .filter(([, c]) => c.configDir !== false)
    .map(([name, c]) => {
      const asRoot = c.runAsRoot !== undefined;
      return {
        name,
        host: c.host,
        path: mediaFolder(settings.configDir, name),
        uid: asRoot ? 0 : settingValue(settings.puid),
        gid: asRoot ? 0 : settingValue(settings.pgid),
        takesOwnership: !asRoot && LINUXSERVER_IMAGE.test(imageRef(c.image)),
      };
    });
}
