import type { PropProblem } from '../validation/known-props';
import { compareVersions, imageVersion } from '../platform/promotion';
import { VAULTWARDEN_IMAGE } from './household-app-images';
import type { AppPort } from './props';

// Settings of Vaultwarden's that an older guide or a compose file writes and the current image cannot start or serve with.
//
// Vaultwarden served its live notifications from a websocket server of its own on port 3012 (WEBSOCKET_ENABLED,
// WEBSOCKET_PORT) until 1.29.0 moved them onto its web port, at /notifications/hub; 1.31.0 removed that server. Older
// guides still declare 3012 and send /notifications/hub there.

/** The port the old websocket server listened on unless WEBSOCKET_PORT moved it. */
const OLD_WEBSOCKET_PORT = 3012;

/** The first release without the websocket server. */
const REMOVED_IN = '1.31.0';

/**
 * Whether `image` runs a Vaultwarden without its own websocket server: a release from {@link REMOVED_IN} on, or a
 * moving tag (`latest`, `alpine`), which names the current release. A digest alone, or a tag of no version, says nothing. Pure.
 */
function withoutWebsocketServer(image: string): boolean {
  const tag = imageVersion(image);
  if (tag === undefined) {
    return false;
  }
  const release = /^v?(\d+\.\d+(?:\.\d+)?)/.exec(tag)?.[1];
  return release === undefined ? /^(latest|alpine|latest-alpine)$/.test(tag) : (compareVersions(release, REMOVED_IN) ?? -1) >= 0;
}

/**
 * The ports of a Vaultwarden app that only its removed websocket server listened on ({@link OLD_WEBSOCKET_PORT}, or the
 * one `WEBSOCKET_PORT` names), where the image runs none ({@link withoutWebsocketServer}) and `ROCKET_PORT` does not
 * put the web server there: the Service's port, and a route rule to it (`/notifications/hub`), reach nothing, so no
 * client is told of a change until it syncs by itself, and login with a device never completes. One problem on each
 * such `ports[<i>].port`. Pure.
 */
export function vaultwardenWebsocketProblems(image: unknown, env: Readonly<Record<string, unknown>>, ports: readonly AppPort[] | undefined): PropProblem[] {
  if (typeof image !== 'string' || !VAULTWARDEN_IMAGE.test(image) || !withoutWebsocketServer(image) || !Array.isArray(ports)) {
    return [];
  }
  const named = typeof env.WEBSOCKET_PORT === 'string' ? Number(env.WEBSOCKET_PORT) : undefined;
  const oldPort = named !== undefined && Number.isInteger(named) ? named : OLD_WEBSOCKET_PORT;
  const webPort = typeof env.ROCKET_PORT === 'string' ? Number(env.ROCKET_PORT) : 80;
  if (oldPort === webPort) {
    return [];
  }
  return ports.flatMap((port, i) => port === null || typeof port !== 'object' || port.port !== oldPort ? [] : [{
    field: `ports[${i}].port`,
    message: `image "${image}" runs Vaultwarden ${REMOVED_IN} or later, which has no websocket server of its own: nothing listens on ${oldPort}, so its Service port `
      + 'and a route to it (/notifications/hub) reach nothing; clients hear of no change until they sync by themselves, and login with a device never completes',
    hint: `leave port ${oldPort} out (and WEBSOCKET_ENABLED and WEBSOCKET_PORT): Vaultwarden answers /notifications/hub on its web port${webPort === 80 ? '' : ` (ROCKET_PORT ${webPort})`}, which the route's default rule reaches already`,
  }]);
}

/**
 * Vaultwarden's `DOMAIN` written without its scheme (`vault.example.com`, or left empty as a compose file's
 * `${VW_DOMAIN:-}` leaves it): its start checks that the value begins with `http://` or `https://` and stops with
 * "DOMAIN variable needs to contain the protocol", so the container restarts for ever. One problem on `env.DOMAIN`;
 * `routeHost`, the app's first route's host, is the hint's where the value names none. Pure.
 */
export function vaultwardenDomainProblems(image: unknown, env: Readonly<Record<string, unknown>>, routeHost: string | undefined): PropProblem[] {
  const domain = env.DOMAIN;
  if (typeof image !== 'string' || !VAULTWARDEN_IMAGE.test(image) || typeof domain !== 'string' || /^https?:\/\//i.test(domain)) {
    return [];
  }
  const host = domain.trim() === '' ? routeHost ?? 'vault.example.com' : domain.trim();
  return [{
    field: 'env.DOMAIN',
    message: `Vaultwarden's DOMAIN is ${domain === '' ? 'empty' : `"${domain}"`}, without http:// or https://: Vaultwarden checks the scheme as it starts and stops `
      + '("DOMAIN variable needs to contain the protocol"), so the container restarts again and again',
    hint: `write the URL with its scheme: DOMAIN: 'https://${host}'`,
  }];
}
