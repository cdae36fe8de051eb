import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';

// TubeArchivist reaches Elasticsearch at ES_URL and Redis at REDIS_CON, connection URLs whose documentation asks for
// "protocol and port" (`http://archivist-es:9200`, `redis://archivist-redis:6379`). Written as a bare `host:port`, as
// the older REDIS_HOST was, the URL names no scheme, TubeArchivist's startup check of the connection fails and the
// container exits, so the pod restarts forever. HOST_UID and HOST_GID make it `chown` every file it downloads into
// `/youtube`, which an NFS export refuses ("PermissionError: [Errno 1] Operation not permitted", as its documentation
// warns), so each download ends in an error.

/** TubeArchivist's application image (not its Elasticsearch image, `bbilly1/tubearchivist-es`). */
export const TUBEARCHIVIST_IMAGE = /^(docker\.io\/)?bbilly1\/tubearchivist(?=[:@]|$)/;

/** The connection URLs TubeArchivist reads, with the scheme and port the hint writes where the value has none. */
const CONNECTION_URLS: ReadonlyArray<{ readonly name: string; readonly server: string; readonly scheme: string; readonly port: number }> = [
  { name: 'ES_URL', server: 'Elasticsearch', scheme: 'http', port: 9200 },
  { name: 'REDIS_CON', server: 'Redis', scheme: 'redis', port: 6379 },
];

/** The folder TubeArchivist downloads into, whose files HOST_UID and HOST_GID have it `chown`. */
const MEDIA_DIR = '/youtube';

/** The env of a container as a record, or an empty one. Pure. */
function envOf(container: { readonly env?: unknown }): Record<string, unknown> {
  return container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
}

/** Whether `image` is TubeArchivist's application image. Pure. */
const isTubeArchivist = (image: unknown): boolean => typeof image === 'string' && TUBEARCHIVIST_IMAGE.test(image);

/**
 * A TubeArchivist container whose `ES_URL` or `REDIS_CON` has no scheme (`archivist-es:9200`): one problem on each
 * such variable, whose hint writes the URL with its scheme and a port. Pure.
 */
export function tubeArchivistEnvProblems(container: { readonly image?: unknown; readonly env?: unknown }): PropProblem[] {
  if (!isTubeArchivist(container.image)) {
    return [];
  }
  const env = envOf(container);
  return CONNECTION_URLS.flatMap(({ name, server, scheme, port }) => {
    const url = env[name];
    if (typeof url !== 'string' || url.trim() === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      return [];
    }
    const withPort = /:\d+(\/|$)/.test(url) ? url : `${url.replace(/\/$/, '')}:${port}`;
    return [{
      field: `env.${name}`,
      message: `${name} "${url}" names no scheme: TubeArchivist reads it as the URL of ${server}, so its startup check of the connection fails and the container exits`,
      hint: `write the URL with its scheme and port: ${name}: '${scheme}://${withPort}'`,
    }];
  });
}

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
