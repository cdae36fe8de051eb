import { parseIpv4, parseIpv6 } from '../inventory/ip';
import { HOSTNAME, nameProblem } from '../validation/dns-names';

const GENERIC_HINT = "give a name under the cluster's domain such as 'photos', or a full name, in lower case";

/**
 * The host a route most likely meant when it wrote `host` as a browser or a router shows it: without the
 * scheme, path, port or the root's trailing dot, in lower case, with `_` as `-`; `undefined` when that is
 * no host name either, or is what was written. `full` makes a bare label a full name (the cluster's `hostname`). Pure.
 */
export function intendedRouteHost(host: string, full: (label: string) => string): string | undefined {
  const cleaned = host.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '').replace(/:\d*$/, '')
    .replace(/\.$/, '').toLowerCase().replace(/_/g, '-');
  return cleaned !== host && cleaned !== '' && nameProblem(full(cleaned), HOSTNAME) === undefined ? cleaned : undefined;
}

/** Whether a route's host is an IP address rather than a name (Ingress refuses one; ACME certifies names). Pure. */
export function isAddressHost(host: string): boolean {
  return parseIpv4(host) !== undefined || parseIpv6(host.replace(/^\[|\]$/g, '')) !== undefined;
}

/** How to write a route host the route could not use, for the finding's hint. Pure. */
export function routeHostHint(host: string, full: (label: string) => string): string {
  if (isAddressHost(host)) {
    return "give the app a name such as 'photos' (DNS points it at the ingress's address); to reach it at an address of its own, give it loadBalancer: { address: site.pools.<pool>.at(…) }";
  }
  const intended = intendedRouteHost(host, full);
  return intended === undefined ? GENERIC_HINT : `write host: '${intended}'`;
}
