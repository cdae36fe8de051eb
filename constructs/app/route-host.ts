import { parseIpv4, parseIpv6 } from '../inventory/ip';
import { DNS_NAME, DNS1123_LABEL, HOSTNAME, nameProblem, plainHostName } from '../validation/dns-names';
import { describeValue } from '../inventory/problems';
import { fluxPlaceholderName, fluxPlaceholderProblem } from '../validation/flux-placeholder';
import type { PropProblem } from '../validation/known-props';
import { PRIVATE_NETWORK_TOP_LEVEL_LABELS, RESERVED_TEST_TOP_LEVEL_LABELS } from '../validation/private-names';

const GENERIC_HINT = "give a name under the cluster's domain such as 'photos', or a full name, in lower case";

/**
 * The host a route most likely meant when it wrote `host` as a browser or a router shows it: without the
 * scheme, path, port or the root's trailing dot, in lower case, with `_` as `-`; `undefined` when that is
 * no host name either, or is what was written. `full` makes a bare label a full name (the cluster's `hostname`). Pure.
 */
export function intendedRouteHost(host: string, full: (label: string) => string): string | undefined {
  const cleaned = plainHostName(host);
  return cleaned !== host && cleaned !== '' && nameProblem(full(cleaned), HOSTNAME) === undefined ? cleaned : undefined;
}

/** Whether a route's host is an IP address rather than a name (Ingress refuses one; ACME certifies names). Pure. */
export function isAddressHost(host: string): boolean {
  // An IPv4 address is digits and dots, an IPv6 one has colons: a name is neither, and needs no parse.
  if (typeof host === 'string' && host.indexOf(':') === -1 && !/^[\d.]+$/.test(host)) {
    return false;
  }
  return parseIpv4(host) !== undefined || parseIpv6(host.replace(/^\[|\]$/g, '')) !== undefined;
}

/** How to write a route host the route could not use, for the finding's hint. Pure. */
export function routeHostHint(host: string, full: (label: string) => string): string {
  const placeholder = fluxPlaceholderName(host);
  if (placeholder !== undefined) {
    return placeholderHostProblem(host, placeholder).hint;
  }
  if (isAddressHost(host)) {
    return "give the app a name such as 'photos' (DNS points it at the ingress's address); to reach it at an address of its own, give it loadBalancer: { address: site.pools.<pool>.at(…) }";
  }
  const intended = intendedRouteHost(host, full);
  return intended === undefined ? GENERIC_HINT : `write host: '${intended}'`;
}

/** A route host that holds `${name}` of Flux's substitution (`echo.${SECRET_DOMAIN}`), said as Flux's check of objects says it. Pure. */
function placeholderHostProblem(host: string, name: string): { readonly message: string; readonly hint: string } {
  return fluxPlaceholderProblem(host, name, 'the route would answer to the placeholder, which is no DNS host name');
}

/**
 * What is wrong with a route's `host` (an address, a name no DNS holds), and the full host name when the
 * route can use it: `full` makes a bare label a name under `domain`. Under a domain that is itself wrong
 * the label written is judged alone, and the domain's own finding says the rest. Pure.
 */
export function routeHostProblem(host: string, full: (label: string) => string, domain: string): { readonly problem?: string; readonly usable?: string } {
  const placeholder = fluxPlaceholderName(host);
  if (placeholder !== undefined) {
    return { problem: placeholderHostProblem(host, placeholder).message };
  }
  const hostname = full(host);
  // A site given no domain (from JavaScript) has its own finding: the label is judged alone then too.
  const underBadDomain = hostname !== host && (typeof domain !== 'string' || nameProblem(domain, DNS_NAME) !== undefined);
  // `*` is the wildcard label.
  // An empty host (an unset variable, a blank form field) would read as the domain's own name with a dot before it.
  const problem = host === '' ? '"" is empty, which names no host'
    : typeof host === 'string' && isAddressHost(host)
    ? `"${host}" is an IP address, where a route answers to a host name (an Ingress refuses an address, and ACME certifies names)`
    : underBadDomain
      ? (host === '*' ? undefined : nameProblem(host, DNS1123_LABEL))
      : nameProblem(hostname, HOSTNAME, bareLabelShown(host, hostname));
  return { problem, usable: problem !== undefined || underBadDomain ? undefined : hostname };
}

/**
 * How a message shows a bare host (no dot) the domain was added to: as written (`"whoami:8080"`), since the name made
 * of it (`whoami:8080.lab.example`) is no name the user wrote; a label too long keeps the full name, whose message
 * names the label. Pure.
 */
function bareLabelShown(host: string, hostname: string): string | undefined {
  return hostname !== host && host.length <= 63 ? describeValue(host) : undefined;
}

/**
 * The error of a route's host given at `field` (`route.host`): what is wrong with the name, and the name it
 * meant as the hint. `full` places a bare label under the cluster's domain. Pure.
 */
export function routeHostPropProblems(host: string, full: (label: string) => string, domain: string, field: string): PropProblem[] {
  const { problem } = routeHostProblem(host, full, domain);
  return problem === undefined ? [] : [{ field, message: `the route's host ${problem}`, hint: routeHostHint(host, full) }];
}

/**
 * Top-level labels a full host name ends in, besides a two-letter country code and the site domain's own:
 * the common generic ones, and the names reserved for private networks and tests (RFC 2606, 6762, 8375).
 */
const TOP_LEVEL_LABELS: ReadonlySet<string> = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'arpa', 'info', 'biz', 'name', 'pro', 'io', 'ai', 'app', 'dev',
  'cloud', 'online', 'site', 'xyz', 'tech', 'page', 'blog', 'shop', 'one', 'host', 'network', 'systems', 'zone', 'email',
  ...PRIVATE_NETWORK_TOP_LEVEL_LABELS, ...RESERVED_TEST_TOP_LEVEL_LABELS,
]);

/**
 * A dotted route host outside every one of `domains` whose last label is no top-level domain (`whoami.apps`
 * on `lab.example.com`): a dotted host is taken as the full name it is, so this one most likely meant a name
 * under the domain. What is wrong and how to write either name, or undefined for a host that reads as a full
 * name (under a domain, ending in a domain's top-level label, a two-letter country code, or one of
 * {@link TOP_LEVEL_LABELS}). So is a full name under `.local` outside the domains: a multicast DNS name, which no
 * DNS server answers. Pure.
 */
export function relativeLookingHost(host: string, domains: readonly string[]): { readonly message: string; readonly hint: string } | undefined {
  const labels = host.split('.');
  const last = labels[labels.length - 1];
  const underDomain = domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  // Under a site of a .local domain, that domain is the one mistake (a warning of the inventory).
  if (last.toLowerCase() === 'local' && labels.length >= 2 && !underDomain && !domains.some((domain) => /(^|\.)local\.?$/i.test(domain))) {
    return {
      message: `the route's host ${host} is under .local, which resolvers send to multicast DNS (RFC 6762), never to the lab's DNS server or to public DNS: `
        + 'no client finds the route unless a machine announces the name by mDNS',
      hint: `name it under the domain: host: '${labels[0]}' (${labels[0]}.${domains[0]}), or under home.arpa (RFC 8375) where the lab's DNS server answers`,
    };
  }
  if (labels.length < 2 || isAddressHost(host) || /^([a-z]{2}|xn--.*)$/.test(last) || TOP_LEVEL_LABELS.has(last)
    || domains.some((domain) => host === domain || host.endsWith(`.${domain}`) || domain.split('.').pop() === last)) {
    return undefined;
  }
  const domain = domains[0];
  return {
    message: `the route's host ${host} has a dot, so it is taken as a full name, but it lies outside the domain ${domain} and "${last}" is no top-level domain`,
    hint: `for the name under the domain, write it in full: host: '${host}.${domain}' (only a bare label such as '${labels[0]}' is placed under the domain by itself); for a name of another domain, write it with its top-level domain`,
  };
}

/**
 * The hint for a route written as text where the route object belongs (`route: 'photos.lab.example'`,
 * `route: 'https://photos.lab.example/app'`, as a compose label or a browser shows it): which form is wanted,
 * the host and path the text holds set into it. `path` is the prop's field; undefined for other props or values. Pure.
 */
export function routeTextHint(value: unknown, path: string): string | undefined {
  if (typeof value !== 'string' || !/(^|\.)route$/.test(path)) {
    return undefined;
  }
  const at = path.replace(/^.*\./, '');
  const host = plainHostName(value);
  const urlPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)/i.exec(value.trim())?.[1];
  const parts = [`host: '${host !== '' && nameProblem(host, HOSTNAME) === undefined ? host : 'photos'}'`, ...(urlPath !== undefined && urlPath !== '/' ? [`path: '${urlPath}'`] : [])];
  return `${at} takes the route object, not text: write ${at}: { ${parts.join(', ')} }; host is the name alone (a label such as 'photos' goes under the cluster's domain, a dotted name is taken whole), `
    + "with no scheme, port or path, which the cluster's ingress gives (https on 443); a path of its own goes in path";
}
