import type { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import type { RouteFlavor } from './route-flavor';

/**
 * A warning on `field` of a route that asks its visitors for `credential` (basic auth's password, a login's
 * session) where `flavor` serves routes on plain HTTP alone: the browser then sends it in the clear with every
 * request. A warning, not an error: plain HTTP is a choice the flavor's props allow, and a proxy in front of
 * the cluster may add TLS. Nothing when the flavor serves its routes over HTTPS.
 */
export function warnCredentialOverPlainHttp(scope: Construct, flavor: RouteFlavor, field: string, credential: string): void {
  const plain = flavor.plainHttpOnly;
  if (plain === undefined) {
    return;
  }
  reportFinding(scope, {
    layer: 'policy', severity: 'warning', field,
    message: `the route asks for ${credential}, and ${flavor.name} serves its routes on plain HTTP alone (${plain.field}): `
      + 'the browser sends it in the clear with every request, to anyone who can read the network on the way',
    hint: `serve the routes over HTTPS: ${plain.tlsOption}; behind a proxy that adds TLS in front of the cluster, only the hop from that proxy stays in the clear`,
  });
}
