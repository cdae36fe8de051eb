import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { AUTHENTIK_IMAGE } from '../app/authentik-settings';
import { fields, labelSelectorMatches, list, namespaceOf, objectFinding, selectorMatches, stringMap, text } from './manifest';

// Authentik's outposts (the embedded one in its server, and the proxy outpost) answer forward auth at one path
// per proxy: `/outpost.goauthentik.io/auth/traefik` for Traefik's forwardAuth, `/auth/nginx` for ingress-nginx's
// auth-url, each in the form its proxy expects. A path copied from the other proxy's guide (or `/auth/caddy`,
// `/auth/envoy`) answers in another form: Traefik gets a 401 it passes on instead of the redirect to the login,
// and every visitor is turned away without a login page. An address of Authentik's server with no path at all asks
// its web interface, which answers every request with a redirect to itself: nobody is ever let through.

/** The path prefix of an Authentik outpost's own endpoints. */
const OUTPOST_PATH = '/outpost.goauthentik.io';

/** The scheme, host and port of a URL, and its path (without query), or undefined for anything that is no http(s) URL. Pure. */
function splitUrl(url: string): { origin: string; path: string } | undefined {
  const match = /^(https?:\/\/[^/?#]+)([^?#]*)/i.exec(url.trim());
  return match === null ? undefined : { origin: match[1], path: match[2] };
}

/** Whether `origin`'s host names a Service of the cluster (`<service>.<namespace>[.svc…]`) whose pods run Authentik's server. */
function callsAuthentikServer(cluster: SynthesizedCluster, origin: string, ownNamespace: string): boolean {
  const [service, namespace = ownNamespace] = origin.replace(/^https?:\/\//i, '').replace(/:\d+$/, '').split('.');
  const called = cluster.objects.find((o) => o.manifest.kind === 'Service' && text(fields(o.manifest.metadata).name) === service && namespaceOf(o) === namespace);
  const selector = stringMap(fields(called?.manifest.spec).selector);
  if (called === undefined || Object.keys(selector).length === 0) {
    return false;
  }
  return cluster.objects.some((o) => {
    const spec = fields(o.manifest.spec);
    const pod = fields(spec.template);
    return namespaceOf(o) === namespace && labelSelectorMatches(fields(spec.selector), stringMap(fields(pod.metadata).labels))
      && selectorMatches(selector, stringMap(fields(pod.metadata).labels))
      && list(fields(pod.spec).containers).some((container) => AUTHENTIK_IMAGE.test(text(container.image) ?? ''));
  });
}

/** The finding of an outpost URL written for another proxy than `proxy`, or of Authentik's server with no path, or nothing. Pure. */
function wrongEndpoint(url: string | undefined, proxy: 'traefik' | 'nginx', what: string, server: (origin: string) => boolean): { message: string; hint: string } | undefined {
  const parts = url === undefined ? undefined : splitUrl(url);
  const meant = `${OUTPOST_PATH}/auth/${proxy}`;
  if (parts !== undefined && /^\/*$/.test(parts.path) && server(parts.origin)) {
    return {
      message: `${what} asks Authentik's server at ${parts.origin} with no path, its web interface, which answers every request with a redirect to its login: no request is ever let through`,
      hint: `ask the embedded outpost's ${proxy} endpoint: ${parts.origin}${meant}`,
    };
  }
  if (parts === undefined || !parts.path.toLowerCase().startsWith(OUTPOST_PATH) || parts.path.replace(/\/+$/, '') === meant) {
    return undefined;
  }
  return {
    message: `${what} asks Authentik's outpost at ${parts.path}, which is not the endpoint for ${proxy === 'traefik' ? "Traefik's forwardAuth" : "ingress-nginx's auth-url"}: the outpost answers there in another proxy's form, so visitors get an error instead of the redirect to the login`,
    hint: `ask the ${proxy} endpoint: ${parts.origin}${meant}`,
  };
}

/**
 * Traefik Middlewares whose `forwardAuth.address`, and Ingresses whose `nginx.ingress.kubernetes.io/auth-url`,
 * name a path of an Authentik outpost other than the one for that proxy, or Authentik's server with no path;
 * each an error on the field.
 */
export function checkAuthentikOutpostPaths(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const { kind, apiVersion } = object.manifest;
    const server = (origin: string) => callsAuthentikServer(cluster, origin, namespaceOf(object));
    if (kind === 'Middleware' && /^traefik\.(io|containo\.us)\//.test(String(apiVersion))) {
      const problem = wrongEndpoint(text(fields(fields(object.manifest.spec).forwardAuth).address), 'traefik', 'the forwardAuth address', server);
      if (problem !== undefined) {
        findings.push(objectFinding(object, { layer: 'references', severity: 'error', field: 'spec.forwardAuth.address', ...problem }));
      }
    } else if (kind === 'Ingress') {
      const key = 'nginx.ingress.kubernetes.io/auth-url';
      const problem = wrongEndpoint(stringMap(fields(object.manifest.metadata).annotations)[key], 'nginx', 'the auth-url annotation', server);
      if (problem !== undefined) {
        findings.push(objectFinding(object, { layer: 'references', severity: 'error', field: `metadata.annotations["${key}"]`, ...problem }));
      }
    }
  }
  return findings;
}
