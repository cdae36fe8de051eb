import type { PropProblem } from '../validation/known-props';
import { urlHost } from './host-lists';

// Seafile's image sets itself up at its first start from its environment: it writes `FILE_SERVER_ROOT` (the URL every
// upload and download of the web app goes to) as `<protocol>://<SEAFILE_SERVER_HOSTNAME>/seafhttp`, and from release 12
// its `SERVICE_URL` (the links it shares and mails, the origin Seahub trusts form posts from) alike. The protocol is
// https only when the image is told so (`SEAFILE_SERVER_PROTOCOL: 'https'` from 12, `FORCE_HTTPS_IN_CONF: 'true'` in
// 11) or gets its own Let's Encrypt certificate: behind a route that serves HTTPS, the browser blocks each upload to
// the http URL as mixed content, and logins fail Seahub's CSRF check.

/** Seafile's images: the Community Edition's (`seafileltd/seafile-mc`) and the Professional Edition's (`seafileltd/seafile-pro-mc`). */
const SEAFILE_IMAGE = /^((docker\.io|docker\.seadrive\.org)\/)?seafileltd\/seafile(-pro)?-mc(?=[:@]|$)/;

/** The host Seafile's setup writes into its URLs unless told another. */
const SEAFILE_DEFAULT_HOST = 'seafile.example.com';

/**
 * The major release `image`'s tag names (`11.0.13`, `12.0-latest` → 11, 12); undefined for a moving tag (`latest`) or
 * a digest, which run the newest release. Pure.
 */
function seafileRelease(image: string): number | undefined {
  const major = /:(\d+)\.\d+(?:[.-][\w.-]*)?$/.exec(image.split('@')[0])?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * The settings of a Seafile app routed at `routeHosts` from which its setup would write URLs its route does not
 * serve, each on its variable: `SEAFILE_SERVER_HOSTNAME` written as a URL (the setup puts the scheme in front of it
 * again) or naming a host no route of the app serves (an error), or left out, when the setup writes
 * seafile.example.com (a warning: the URLs may be set in its web settings afterwards); and, where the routes serve
 * `https` (plain HTTP only redirected there), no word that the protocol is https (`SEAFILE_SERVER_PROTOCOL` from release
 * 12, `FORCE_HTTPS_IN_CONF` before, or `SEAFILE_SERVER_LETSENCRYPT`). A variable read from a ConfigMap or a Secret is
 * not judged. Nothing for another image or an app without routes. Pure.
 */
export function seafileUrlProblems(image: unknown, env: Readonly<Record<string, unknown>>, routeHosts: readonly string[], https: boolean): Array<PropProblem & { severity: 'error' | 'warning' }> {
  if (typeof image !== 'string' || !SEAFILE_IMAGE.test(image) || routeHosts.length === 0) {
    return [];
  }
  const given = (name: string): string | undefined => (typeof env[name] === 'string' ? (env[name] as string).trim() : undefined);
  // A value read from a ConfigMap or a Secret is there, but synthesis does not see it: it is not judged.
  const referenced = (name: string): boolean => env[name] !== undefined && env[name] !== null && typeof env[name] !== 'string';
  const host = routeHosts[0];
  const release = seafileRelease(image);
  const protocolVariable = release !== undefined && release < 12 ? 'FORCE_HTTPS_IN_CONF' : 'SEAFILE_SERVER_PROTOCOL';
  const problems: Array<PropProblem & { severity: 'error' | 'warning' }> = [];
  const hostname = given('SEAFILE_SERVER_HOSTNAME');
  // The host the setup would write, as the problems below name it.
  let written = SEAFILE_DEFAULT_HOST;
  if (referenced('SEAFILE_SERVER_HOSTNAME')) {
    written = '<its host>';
  } else if (hostname === undefined) {
    problems.push({
      severity: 'warning', field: 'env.SEAFILE_SERVER_HOSTNAME',
      message: `Seafile is not told the host it is reached at, so its first start writes ${SEAFILE_DEFAULT_HOST} into the URL of every upload and download (FILE_SERVER_ROOT), and no file goes through the route at ${host} until its web settings say otherwise`,
      hint: `give it the route's host: env: { SEAFILE_SERVER_HOSTNAME: '${host}' }`,
    });
  } else {
    const named = urlHost(hostname) ?? /^([a-z0-9.-]+?)\.?(?::\d+)?\/?$/i.exec(hostname)?.[1]?.toLowerCase();
    written = named ?? hostname;
    if (named !== undefined && (named !== hostname.toLowerCase() || !routeHosts.includes(named))) {
      const onRoute = routeHosts.includes(named);
      problems.push({
        severity: 'error', field: 'env.SEAFILE_SERVER_HOSTNAME',
        message: onRoute
          ? `SEAFILE_SERVER_HOSTNAME is a host name alone, but is given ${hostname}: Seafile's setup writes <protocol>://${hostname}/seafhttp as the URL of every upload and download, which no browser can open`
          : `Seafile is told it is reached at host ${named}, which no route of this app serves (${routeHosts.join(', ')}): its setup writes that host into the URL of every upload and download (FILE_SERVER_ROOT), so no file goes through the route`,
        hint: `write the route's host alone (the scheme goes to ${protocolVariable}): SEAFILE_SERVER_HOSTNAME: '${onRoute ? named : host}'`,
      });
    }
  }
  const toldHttps = given('SEAFILE_SERVER_LETSENCRYPT')?.toLowerCase() === 'true'
    || (protocolVariable === 'SEAFILE_SERVER_PROTOCOL' ? given('SEAFILE_SERVER_PROTOCOL') === 'https' : given('FORCE_HTTPS_IN_CONF')?.toLowerCase() === 'true');
  if (https && !toldHttps && !referenced(protocolVariable) && !referenced('SEAFILE_SERVER_LETSENCRYPT')) {
    const value = protocolVariable === 'SEAFILE_SERVER_PROTOCOL' ? 'https' : 'true';
    const protocol = given(protocolVariable);
    problems.push({
      severity: 'error', field: `env.${protocolVariable}`,
      message: `${protocol === undefined ? `Seafile is not told it is reached over https (${protocolVariable} is left out)` : `Seafile is told ${protocolVariable}: '${protocol}'`}, so its setup writes http://${written}/seafhttp as the URL of every upload and download, `
        + `but the route serves ${host} on https alone (plain HTTP is only redirected there): the browser blocks each upload to the http URL as mixed content, and logins fail Seahub's CSRF check`,
      hint: `tell it the route's scheme (the ingress ends TLS; the pod keeps plain HTTP on port 80): env: { ${protocolVariable}: '${value}' }`,
    });
  }
  return problems;
}
