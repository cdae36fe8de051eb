import type { PropProblem } from '../validation/known-props';

// HedgeDoc 1 builds the URL every page names its scripts, styles, uploads and realtime socket with from three
// settings: `(CMD_PROTOCOL_USESSL ? 'https://' : 'http://') + CMD_DOMAIN`, then `':' + CMD_PORT` when
// CMD_URL_ADDPORT is set. Behind a route each has one right value: CMD_DOMAIN the route's host alone, the scheme
// the route's (a page served on https that loads its scripts from http:// is blocked as mixed content), and no port
// (the route serves the host on the ingress' port, not on the pod's 3000). Without CMD_DOMAIN it writes relative
// URLs, which the route serves as they are.

/** HedgeDoc 1's images: its own on quay.io (and Docker Hub), and linuxserver.io's. */
export const HEDGEDOC_IMAGE = /^(quay\.io\/hedgedoc\/hedgedoc|(docker\.io\/)?hedgedoc\/hedgedoc|(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/hedgedoc)(?=[:@]|$)/;

/** HedgeDoc's reading of a boolean setting from the environment: `true`, `yes` or `1`, in any case. Pure. */
function hedgedocTrue(value: unknown): boolean {
  return typeof value === 'string' && ['true', 'yes', '1'].includes(value.trim().toLowerCase());
}

/**
 * The settings of HedgeDoc 1's URL, written out in `env`, that name another URL than its route's: `CMD_DOMAIN`
 * written as a URL (a scheme, a port or a path) or on a host none of `routeHosts` is, `CMD_PROTOCOL_USESSL` not
 * set where the routes serve `https` alone (one read from a ConfigMap or a Secret is not judged), and `CMD_URL_ADDPORT`
 * set. One problem each, on `env.<NAME>`. Nothing for another image, an app without routes, or no `CMD_DOMAIN`
 * written out. Pure.
 */
export function hedgedocServerUrlProblems(
  image: unknown, env: Readonly<Record<string, unknown>>, routeHosts: readonly string[], https: boolean,
): PropProblem[] {
  const domain = env.CMD_DOMAIN;
  if (typeof image !== 'string' || !HEDGEDOC_IMAGE.test(image) || routeHosts.length === 0 || typeof domain !== 'string') {
    return [];
  }
  const problems: PropProblem[] = [];
  const written = /^\s*(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:?#\s]+)(:\d*)?([^\s]*)$/i.exec(domain);
  const host = written?.[2].toLowerCase();
  const scheme = hedgedocTrue(env.CMD_PROTOCOL_USESSL) ? 'https' : 'http';
  if (written === null || host === undefined || written[1] !== undefined || written[3] !== undefined || (written[4] !== '' && written[4] !== '/')) {
    problems.push({
      field: 'env.CMD_DOMAIN',
      message: `CMD_DOMAIN is the host name alone, and HedgeDoc writes its URL as ${scheme}:// followed by it: "${domain}" makes ${scheme}://${domain.trim()}, `
        + 'so every script, style and socket its pages name points nowhere and they load blank',
      hint: `CMD_DOMAIN: '${host !== undefined && routeHosts.includes(host) ? host : routeHosts[0]}', and the scheme in CMD_PROTOCOL_USESSL${written?.[3] === undefined ? '' : ' (no port: the route serves the ingress\' own)'}`,
    });
  } else if (!routeHosts.map((h) => h.toLowerCase()).includes(host)) {
    problems.push({
      field: 'env.CMD_DOMAIN',
      message: `HedgeDoc is told it is reached at ${host}, which no route of this app serves (${routeHosts.join(', ')}): every script, style, upload and realtime socket its pages name is on that host, so a note opened at the route loads blank`,
      hint: `CMD_DOMAIN: '${routeHosts[0]}'`,
    });
  }
  // CMD_PROTOCOL_USESSL read from a ConfigMap or a Secret is there, but synthesis does not see it.
  const sslReferenced = env.CMD_PROTOCOL_USESSL !== undefined && env.CMD_PROTOCOL_USESSL !== null && typeof env.CMD_PROTOCOL_USESSL !== 'string';
  if (https && !hedgedocTrue(env.CMD_PROTOCOL_USESSL) && !sslReferenced) {
    problems.push({
      field: 'env.CMD_PROTOCOL_USESSL',
      message: `the route serves ${routeHosts[0]} on https alone, but HedgeDoc, without CMD_PROTOCOL_USESSL, names its scripts, styles and socket on http://${host ?? routeHosts[0]}: `
        + 'the browser blocks them as mixed content, and the editor loads without them',
      hint: "CMD_PROTOCOL_USESSL: 'true' (the route ends TLS; HedgeDoc itself keeps serving plain HTTP)",
    });
  }
  if (hedgedocTrue(env.CMD_URL_ADDPORT)) {
    const port = typeof env.CMD_PORT === 'string' && env.CMD_PORT.trim() !== '' ? env.CMD_PORT.trim() : '3000';
    problems.push({
      field: 'env.CMD_URL_ADDPORT',
      message: `CMD_URL_ADDPORT adds HedgeDoc's own port to its URL (${scheme}://${host ?? routeHosts[0]}:${port}), where nothing answers: the route serves the host on the ingress' own port, so its pages load blank`,
      hint: "CMD_URL_ADDPORT: 'false', or leave it out",
    });
  }
  return problems;
}
