import type { PropProblem } from '../validation/known-props';
import { underMount, type PropContainerMounts } from './prop-containers';

// Unpackerr extracts what it finds under the folders it is told (`UN_SONARR_0_PATHS_0`, `UN_FOLDER_0_PATH`), read in
// its own container's filesystem. A folder none of its volumes holds is an empty folder of the image, or none: it
// never sees a download, and the *arr apps wait on archives nobody extracts.

/** Unpackerr's images: the project's own, golift's older name and hotio's. */
const UNPACKERR_IMAGE = /^(?:(?:ghcr\.io\/|docker\.io\/)?(?:unpackerr|golift|hotio)\/unpackerr)(?=[:@]|$)/;
/** The variables that name a folder it reads: a *arr app's download paths and a watched folder's path. */
const PATH_VARIABLE = /^UN_((SONARR|RADARR|LIDARR|READARR|WHISPARR)_\d+_PATHS_\d+|FOLDER_\d+_PATH)$/;

/**
 * Containers of Unpackerr whose download or watched folder (an absolute path in a path variable) lies under none
 * of their mounts: an error on that `env` entry, whose hint mounts the download folder there. Pure.
 */
export function unpackerrPathProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix, mountPaths }): PropProblem[] => {
    const image = container.image;
    if (typeof image !== 'string' || !UNPACKERR_IMAGE.test(image) || container.env === null || typeof container.env !== 'object' || Array.isArray(container.env)) {
      return [];
    }
    const mounted = [...mountPaths].sort();
    return Object.entries(container.env as Record<string, unknown>).flatMap(([name, value]): PropProblem[] => {
      if (!PATH_VARIABLE.test(name) || typeof value !== 'string' || !value.startsWith('/') || underMount(value.replace(/\/+$/, '') || '/', mountPaths)) {
        return [];
      }
      return [{
        field: `${prefix}env.${name}`,
        message: `${name} is ${value}, which none of the container's volumes holds (${mounted.length === 0 ? 'it mounts none' : `it mounts ${mounted.join(', ')}`}): Unpackerr finds no download there and extracts nothing`,
        hint: `mount the download folder at ${value} (persistence: { downloads: { volume, mountPath: '${value}' } }), at the path the *arr app sees it, or name the folder under ${mounted.length === 0 ? 'a mount' : mounted[0]} where it is mounted`,
      }];
    });
  });
}
