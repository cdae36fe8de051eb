import type { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import type { RouteFlavor, RouteRedirect, RouteRuleIntent } from './route-flavor';

/** The port a browser takes for `scheme` when a URL names none. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/**
 * How a redirect sends a request that reached its rule back to the address the request asked for, or
 * undefined when it sends it elsewhere. It keeps the request's host (no `hostname`, or the route's own) and
 * path, and: keeps its scheme and port; or asks for HTTPS (on 443) where `flavor` serves the route over HTTPS,
 * which every request that reaches the rule then is; or asks for plain HTTP (on 80), which a flavor that
 * serves HTTPS sends back to HTTPS, and a flavor of plain HTTP alone serves at that very address. Pure.
 */
function selfRedirect(redirect: RouteRedirect, routeHostname: string, flavor: RouteFlavor): { readonly sameAddress: boolean; readonly field: string } | undefined {
  const sameHost = redirect.hostname === undefined || redirect.hostname.toLowerCase() === routeHostname;
  if (!sameHost || redirect.path !== undefined) {
    return undefined;
  }
  const field = redirect.scheme !== undefined ? 'scheme' : redirect.hostname !== undefined ? 'hostname' : '';
  if (redirect.scheme === undefined) {
    return redirect.port === undefined ? { sameAddress: true, field } : undefined;
  }
  if (redirect.port !== undefined && redirect.port !== DEFAULT_PORTS[redirect.scheme]) {
    return undefined;
  }
  const plain = flavor.plainHttpOnly !== undefined;
  if (redirect.scheme === 'https') {
    return plain ? undefined : { sameAddress: true, field };
  }
  return { sameAddress: plain, field };
}

/**
 * An error on each rule of a route whose redirect sends the request back to the address it asked for (see
 * {@link selfRedirect}): ingress-nginx and Gateway API answer each request with the same redirect until the
 * browser gives up, and Traefik, whose redirect passes on a request already at its target, lets the rule do
 * nothing. Most often the owner meant plain HTTP sent to HTTPS, which a flavor that serves HTTPS does by itself.
 */
export function reportSelfRedirects(scope: Construct, flavor: RouteFlavor, routeHostname: string, rules: readonly RouteRuleIntent[] | undefined, field: string): void {
  (rules ?? []).forEach((rule, i) => {
    const redirect = rule?.redirect;
    const self = redirect === undefined ? undefined : selfRedirect(redirect, routeHostname, flavor);
    if (self === undefined || redirect === undefined) {
      return;
    }
    const port = redirect.port !== undefined ? `:${redirect.port}` : '';
    const address = redirect.scheme !== undefined ? `${redirect.scheme}://${routeHostname}${port} with the request's path` : `${routeHostname}${port} with the request's scheme and path`;
    const passesOn = self.sameAddress && flavor.name === 'traefik';
    const toHttps = redirect.scheme === 'https';
    reportFinding(scope, {
      layer: 'references', severity: 'error', field: `${field}.rules[${i}].redirect${self.field ? `.${self.field}` : ''}`,
      message: `rules[${i}] redirects to ${address}, the address its requests asked for${toHttps ? `, as ${flavor.name} serves the route over HTTPS` : ''}: `
        + (passesOn ? 'Traefik finds each request at that address already and passes it on, so the rule does nothing'
          : self.sameAddress ? 'each request is sent to the address it asked for again, and the browser stops at too many redirects'
            : `${flavor.name} sends plain HTTP back to HTTPS, and the browser goes round until it stops at too many redirects`),
      hint: toHttps
        ? `leave the redirect out: ${flavor.name} ${['traefik', 'ingress-nginx'].includes(flavor.name) ? 'sends plain HTTP requests to HTTPS by itself' : 'serves the route over HTTPS already'}; a redirect to another host or path names its hostname or path`
        : 'give the redirect the host, path or port it sends to (hostname: \'new.example.com\', path: \'/new\'), or drop it',
    });
  });
}
