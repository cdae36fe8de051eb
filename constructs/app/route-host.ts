import { parseIpv4, parseIpv6 } from '../inventory/ip';
import { DNS_NAME, DNS1123_LABEL, HOSTNAME, nameProblem } from '../validation/dns-names';

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

/**
 * What is wrong with a route's `host` (an address, a name no DNS holds), and the full host name when the
 * route can use it: `full` makes a bare label a name under `domain`. Under a domain that is itself wrong
 * the label written is judged alone, and the domain's own finding says the rest. Pure.
 */
export function routeHostProblem(host: string, full: (label: string) => string, domain: string): { readonly problem?: string; readonly usable?: string } {
  const hostname = full(host);
  const underBadDomain = hostname !== host && nameProblem(domain, DNS_NAME) !== undefined;
  // `*` is the wildcard label.
  const problem = typeof host === 'string' && isAddressHost(host)
    ? `"${host}" is an IP address, where a route answers to a host name (an Ingress refuses an address, and ACME certifies names)`
    : underBadDomain
      ? (host === '*' ? undefined : nameProblem(host, DNS1123_LABEL))
      : nameProblem(hostname, HOSTNAME);
  return { problem, usable: problem !== undefined || underBadDomain ? undefined : hostname };
}
