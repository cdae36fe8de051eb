import { compareVersions } from '../platform/promotion';
import { imageTag } from './image-tag';
import { FRIGATE_IMAGE } from './root-started-images';
import type { PropProblem } from '../validation/known-props';

// From 0.14 on, Frigate's own nginx listens twice: on 8971 behind Frigate's login (its users and roles), the port its
// docs tell reverse proxies to use, and on 5000 without any login, for integrations that reach it from inside. A route
// to 5000 hands the live cameras, the recordings and the config editor to whoever reaches the host. Before 0.14,
// 5000 was Frigate's only port and had no login to bypass.

/** Frigate's port without a login. */
const FRIGATE_OPEN_PORT = 5000;
/** Frigate's port behind its login, which serves TLS unless its config turns TLS off. */
export const FRIGATE_LOGIN_PORT = 8971;
/** The release that added the login and its port. */
const FRIGATE_LOGIN_RELEASE = '0.14';

/**
 * Whether `image` is Frigate 0.14 or later (or a tag that names no release, which pulls a current one): a Frigate
 * with its login port, on which it serves TLS by default. Pure.
 */
export function hasFrigateLoginPort(image: unknown): boolean {
  if (typeof image !== 'string' || !FRIGATE_IMAGE.test(image)) {
    return false;
  }
  const tag = imageTag(image);
  const release = tag === undefined || tag.startsWith('@') ? undefined : /^v?\d+(\.\d+)*/.exec(tag)?.[0];
  return release === undefined || (compareVersions(release, FRIGATE_LOGIN_RELEASE) ?? 0) >= 0;
}

/**
 * A warning for a route without `basicAuth` that sends to Frigate's container port 5000, on `field`, when the image is
 * Frigate 0.14 or later (or a tag that names no release, which pulls a current one). Pure.
 */
export function frigateOpenPortProblem(image: unknown, containerPort: number, basicAuth: boolean, field: string): (PropProblem & { severity: 'warning' }) | undefined {
  if (!hasFrigateLoginPort(image) || containerPort !== FRIGATE_OPEN_PORT || basicAuth) {
    return undefined;
  }
  return {
    severity: 'warning', field,
    message: `the route sends to Frigate's port ${FRIGATE_OPEN_PORT}, which serves its UI and API without a login (Frigate's login guards port ${FRIGATE_LOGIN_PORT} only): `
      + 'whoever reaches the host sees the cameras and recordings and may edit the config',
    hint: `route Frigate's port ${FRIGATE_LOGIN_PORT} instead: ports: [{ name: 'https', port: ${FRIGATE_LOGIN_PORT}, appProtocol: 'https' }] with exemptions: { unverifiedBackendTls: 'Frigate signs its own certificate' }, `
      + `or { name: 'http', port: ${FRIGATE_LOGIN_PORT} } with tls: { enabled: false } in Frigate's config; keep ${FRIGATE_OPEN_PORT} for integrations inside the cluster, or put basicAuth on the route`,
  };
}
