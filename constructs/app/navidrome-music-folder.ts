import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';
import type { PropContainerMounts } from './prop-containers';
import { NAVIDROME_IMAGE } from './navidrome-scan-schedule';

// Navidrome's library is the folder `ND_MUSICFOLDER` names (`/music`, its Dockerfile's, unless set). A container that
// mounts the NAS's music elsewhere (`/media/music`, as another app's guide has it) leaves Navidrome scanning an empty
// folder of the image: it starts, and shows no song. Where the variable names the folder, that is surely the mistake;
// where it is left to its default, the library may be another the web interface adds (Navidrome 0.58's libraries), so
// that is a warning.

/** The library folder of Navidrome's image, unless `ND_MUSICFOLDER` moves it. */
const DEFAULT_MUSIC_FOLDER = '/music';

/**
 * A Navidrome container whose music folder (`ND_MUSICFOLDER`, or `/music`) lies under none of its volumes, nor holds
 * one below it: an error on the variable where it is given, a warning on `env` where it is the default. A value from a
 * Secret, a relative path and a configuration file named by `ND_CONFIGFILE` (which may set `MusicFolder`) are left
 * alone. Pure.
 */
export function navidromeMusicFolderProblems({ container, prefix, mountPaths }: PropContainerMounts): Array<PropProblem & { readonly severity: 'error' | 'warning' }> {
  if (typeof container.image !== 'string' || !NAVIDROME_IMAGE.test(container.image)) {
    return [];
  }
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  const given = env.ND_MUSICFOLDER;
  if ((given === undefined && env.ND_CONFIGFILE !== undefined) || (given !== undefined && (typeof given !== 'string' || !given.startsWith('/')))) {
    return [];
  }
  const folder = normalMountPath(given ?? DEFAULT_MUSIC_FOLDER);
  // A volume mounted below the folder (the NAS's `flac` and `mp3` at /music/flac and /music/mp3) is scanned as part of it.
  if ([...mountPaths].some((path) => folder === path || folder.startsWith(`${path}/`) || path.startsWith(`${folder}/`))) {
    return [];
  }
  // The music is in none of the folders Navidrome writes itself.
  const data = typeof env.ND_DATAFOLDER === 'string' ? normalMountPath(env.ND_DATAFOLDER) : '/data';
  const volumes = [...mountPaths].filter((path) => path !== data && path !== '/tmp');
  const instead = volumes.length === 0
    ? `mount the music there: persistence: { music: { volume: AppVolume.nfs(<export>, '<folder>'), mountPath: '${folder}', readOnly: true } }`
    : `point it at the volume that holds the music: env: { ND_MUSICFOLDER: '${volumes[0]}' }, or mount the music at ${folder}`;
  return [{
    severity: given === undefined ? 'warning' : 'error',
    field: given === undefined ? `${prefix}env` : `${prefix}env.ND_MUSICFOLDER`,
    message: `Navidrome reads its library from ${folder}${given === undefined ? ' (ND_MUSICFOLDER left to its default)' : ''}, under none of the container's volumes: `
      + 'it would scan an empty folder of the image and show no song',
    hint: instead,
  }];
}
