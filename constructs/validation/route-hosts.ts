import type { SynthesizedObject } from '../synth/collect';
import { fields, list, text } from './manifest';

/** One host name and path that a route object serves. */
export interface RouteHost {
  /** The route object. */
  readonly object: SynthesizedObject;
  /** Field path of the host name. */
  readonly field: string;
  /** Host name, lower case. */
  readonly host: string;
  /** Path prefix. */
  readonly path: string;
}

const GATEWAY_HTTP_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/** Host names and paths of HTTPRoutes, Traefik IngressRoutes and Ingresses, in object order. */
export function routeHosts(objects: readonly SynthesizedObject[]): RouteHost[] {
  const hosts: RouteHost[] = [];
  for (const object of objects) {
    const spec = fields(object.manifest.spec);
    const kind = object.manifest.kind;
    if (GATEWAY_HTTP_KINDS.has(kind)) {
      const paths = list(spec.rules).flatMap((rule) => {
        const matches = list(rule.matches);
        return matches.length === 0 ? ['/'] : matches.map((m) => text(fields(m.path).value) ?? '/');
      });
      (Array.isArray(spec.hostnames) ? spec.hostnames : []).forEach((host, i) => {
        for (const path of paths.length === 0 ? ['/'] : paths) {
          hosts.push({ object, field: `spec.hostnames[${i}]`, host: String(host).toLowerCase(), path });
        }
      });
    } else if (kind === 'IngressRoute') {
      list(spec.routes).forEach((route, i) => {
        const match = text(route.match) ?? '';
        const names = [...match.matchAll(/Host\(([^)]*)\)/g)].flatMap((m) => [...m[1].matchAll(/`([^`]*)`/g)].map((n) => n[1]));
        const prefixes = [...match.matchAll(/Path(?:Prefix)?\(`([^`]*)`\)/g)].map((m) => m[1]);
        for (const host of names) {
          for (const path of prefixes.length === 0 ? ['/'] : prefixes) {
            hosts.push({ object, field: `spec.routes[${i}].match`, host: host.toLowerCase(), path });
          }
        }
      });
    } else if (kind === 'Ingress') {
      list(spec.rules).forEach((rule, i) => {
        const host = text(rule.host);
        if (host === undefined) {
          return;
        }
        const paths = list(fields(rule.http).paths).map((p) => text(p.path) ?? '/');
        for (const path of paths.length === 0 ? ['/'] : paths) {
          hosts.push({ object, field: `spec.rules[${i}].host`, host: host.toLowerCase(), path });
        }
      });
    }
  }
  return hosts;
}
