import type { Manifest } from '../synth/collect';
import { fields, list, stringMap, text } from './manifest';
import { traefikMatchers } from './traefik-rule-syntax';

// Where a cluster's objects are reached from outside it: the host names its routes serve and the addresses its
// LoadBalancer Services ask for. The cluster's README draws them, and the checks across clusters name them to an
// app of another cluster that calls the Service behind them by its in-cluster name.

/** Traefik's matchers whose values are the host names (or a pattern of them) a route serves. */
const SERVED_HOST_MATCHERS = new Set(['Host', 'HostSNI', 'HostRegexp', 'HostSNIRegexp']);

/**
 * Host names a route object serves: HTTPRoute/GRPCRoute/TLSRoute hostnames, Ingress rules, Traefik `Host()`
 * and `HostSNI()` rules, and the pattern of a Traefik `HostRegexp()` rule as written (a catch-all serves names,
 * too).
 */
export function routeHostnames(manifest: Manifest): string[] {
  switch (manifest.kind) {
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'TLSRoute': {
      // Host names are strings; `list` is for lists of mappings.
      const hostnames = fields(manifest.spec).hostnames;
      return Array.isArray(hostnames) ? hostnames.filter((h): h is string => typeof h === 'string') : [];
    }
    case 'Ingress':
      return list(fields(manifest.spec).rules).map((r) => fields(r).host).filter((h): h is string => typeof h === 'string');
    case 'IngressRoute':
    case 'IngressRouteTCP':
      // Read as Traefik reads the rule, as the route checks do: a negated host (`!Host(…)`, or one in a negated
      // group) is one the route leaves to others, and a value Traefik does not take as a string (single quotes) is none.
      return list(fields(manifest.spec).routes).flatMap((r) => traefikMatchers(text(fields(r).match) ?? '')
        .filter((matcher) => SERVED_HOST_MATCHERS.has(matcher.name) && matcher.negated !== true)
        .flatMap((matcher) => matcher.args));
    default:
      return [];
  }
}

/** The address a LoadBalancer Service asks for, or how it is named on a tailnet; undefined for other Services. */
export function loadBalancerAddress(manifest: Manifest): string | undefined {
  if (manifest.kind !== 'Service') {
    return undefined;
  }
  const spec = fields(manifest.spec);
  if (spec.type !== 'LoadBalancer') {
    return undefined;
  }
  const annotations = stringMap(fields(manifest.metadata).annotations);
  const ports = [...new Set(list(spec.ports).map((p) => String(fields(p).port)))].join(',');
  const address = annotations['metallb.io/loadBalancerIPs'] ?? annotations['lbipam.cilium.io/ips']
    ?? (typeof spec.loadBalancerIP === 'string' ? spec.loadBalancerIP : undefined)
    ?? (annotations['tailscale.com/hostname'] ? `tailnet ${annotations['tailscale.com/hostname']}` : undefined)
    ?? 'auto';
  // An IPv6 address is bracketed before the ports, as a URL writes it: `fd00::60:53` reads as another address.
  return `${address.split(',').map((a) => (a.includes(':') ? `[${a}]` : a)).join(',')}:${ports}`;
}
