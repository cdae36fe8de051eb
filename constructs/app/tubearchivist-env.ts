import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';

// HOST_UID and HOST_GID make TubeArchivist `chown` every file it downloads into `/youtube`, which an NFS export
// refuses ("PermissionError: [Errno 1] Operation not permitted", as its documentation warns), so each download ends in
// an error.

/** TubeArchivist's application image (not its Elasticsearch image, `bbilly1/tubearchivist-es`). */
export const TUBEARCHIVIST_IMAGE = /^(docker\.io\/)?bbilly1\/tubearchivist(?=[:@]|$)/;

/** The folder TubeArchivist downloads into, whose files HOST_UID and HOST_GID have it `chown`. */
const MEDIA_DIR = '/youtube';

/** The env of a container as a record, or an empty one. Pure. */
function envOf(container: { readonly env?: unknown }): Record<string, unknown> {
  return container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
}

/** Whether `image` is TubeArchivist's application image. Pure. */
const isTubeArchivist = (image: unknown): boolean => typeof image === 'string' && TUBEARCHIVIST_IMAGE.test(image);

/** The props of an app the chown note reads: its image, env and volumes. */
interface TubeArchivistVolumesProps {
  readonly image?: unknown;
  readonly env?: unknown;
  readonly persistence?: unknown;
}

/**
 * TubeArchivist given HOST_UID or HOST_GID with its downloads folder on an NFS export (`AppVolume.nfs`, mounted at
 * `/youtube` or above it): one note on the first such variable, as the export may refuse each `chown`. Pure.
 */
export function tubeArchivistChownNotes(props: TubeArchivistVolumesProps): PropProblem[] {
  const env = envOf(props);
  const owner = ['HOST_UID', 'HOST_GID'].find((name) => env[name] !== undefined);
  if (!isTubeArchivist(props.image) || owner === undefined || props.persistence === null || typeof props.persistence !== 'object') {
    return [];
  }
  const onNfs = Object.values(props.persistence as Record<string, unknown>).some((entry) => {
    const { volume, mountPath } = (entry ?? {}) as { volume?: { type?: unknown }; mountPath?: unknown };
    const path = typeof mountPath === 'string' ? normalMountPath(mountPath) : undefined;
    return volume?.type === 'nfs' && path !== undefined && (path === MEDIA_DIR || path === '/' || MEDIA_DIR.startsWith(`${path}/`));
  });
  return onNfs ? [{
    field: `env.${owner}`,
    message: `${owner} has TubeArchivist chown each file it downloads into ${MEDIA_DIR}, which is on an NFS export: NFS refuses chown ("PermissionError: [Errno 1] Operation not permitted"), so each download ends in an error`,
    hint: 'leave HOST_UID and HOST_GID out: the files then belong to the user the app runs as (runAsUser, fsGroup), which the export maps as it is set up to',
  }] : [];
}
