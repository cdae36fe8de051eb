import type { PropProblem } from '../validation/known-props';

// LibrePhotos' proxy image carries an nginx.conf whose upstreams were written when the image was built: it sends /api
// and /media to http://backend:8001 and the rest to http://frontend:3000. nginx resolves both names as it starts and
// stops with "host not found in upstream" when one is missing, so the backend and the frontend must be Services named
// `backend` and `frontend` in the proxy's namespace (LibrePhotos' own Helm chart keeps those names for that reason);
// the compose file's service names are them.

/** LibrePhotos' proxy. */
const LIBREPHOTOS_PROXY_IMAGE = /^(docker\.io\/)?reallibrephotos\/librephotos-proxy(?=[:@]|$)/;

/** The upstreams the proxy's nginx.conf names: Service, port, and the image that serves it. */
const UPSTREAMS = [
  { service: 'backend', port: 8001, image: /^(docker\.io\/)?reallibrephotos\/librephotos(-gpu)?(?=[:@]|$)/, serves: 'the API and the media' },
  { service: 'frontend', port: 3000, image: /^(docker\.io\/)?reallibrephotos\/librephotos-frontend(?=[:@]|$)/, serves: 'the web UI' },
] as const;

/** A Service of the proxy's namespace: its name, its ports where known (undefined for one written by hand), and the image of the app behind it. */
export interface NamespaceService {
  readonly name: string;
  readonly ports?: readonly number[];
  readonly image?: unknown;
}

/**
 * LibrePhotos' proxy (`image`) in a namespace whose Services `services` lack `backend` on 8001 or `frontend` on 3000:
 * one problem on `image` for each, whose hint renames the app of the upstream's image that serves it under another
 * name; `services` is asked for the proxy alone. Nothing for another image. Pure.
 */
export function librephotosProxyProblems(image: unknown, namespace: string, namespaceServices: () => readonly NamespaceService[]): PropProblem[] {
  if (typeof image !== 'string' || !LIBREPHOTOS_PROXY_IMAGE.test(image)) {
    return [];
  }
  const services = namespaceServices();
  return UPSTREAMS.flatMap((upstream): PropProblem[] => {
    const found = services.find((s) => s.name === upstream.service);
    if (found !== undefined && (found.ports === undefined || found.ports.includes(upstream.port))) {
      return [];
    }
    const renamed = services.find((s) => s.name !== upstream.service && typeof s.image === 'string' && upstream.image.test(s.image));
    const what = found === undefined
      ? `namespace ${namespace} has no Service ${upstream.service}`
      : `Service ${upstream.service} of namespace ${namespace} serves port ${found.ports!.join(', ')}, not ${upstream.port}`;
    return [{
      field: 'image',
      message: `LibrePhotos' proxy sends ${upstream.serves} to http://${upstream.service}:${upstream.port}, a name built into its nginx.conf, and ${what}: `
        + `nginx ${found === undefined ? 'stops at its start with "host not found in upstream"' : 'answers those requests with 502'}`,
      hint: renamed !== undefined
        ? `give the app ${renamed.name} the id '${upstream.service}', the name the proxy calls (an App's Service takes its id)`
        : `run ${upstream.serves} as an app named ${upstream.service} in namespace ${namespace}, serving port ${upstream.port}`,
    }];
  });
}
