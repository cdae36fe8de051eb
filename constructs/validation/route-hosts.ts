import type { SynthesizedObject } from '../synth/collect';
import { fields, list, text } from './manifest';
import { traefikMatchers } from './traefik-rule-syntax';

/** One host name and path that a route object serves. */
export interface RouteHost {
  /** The route object. */
  readonly object: SynthesizedObject;
  /** Field path of the host name. */
  readonly field: string;
  /** Host name as the route writes it. */
  readonly host: string;
  /** Path prefix. */
  readonly path: string;
  /** The header matches beside the path, as `headerMatchesText` writes them. @default '' - none */
  readonly headers?: string;
  /**
   * Whether the kind's schema constrains the host name's syntax itself (Gateway API routes), so the schema
   * layer reports a malformed one. @default false
   */
  readonly schemaChecksSyntax?: boolean;
}

/** A header a route rule matches on: its name, value, and whether the value is a regular expression. */
export interface HeaderMatchText {
  /** The header's name as written (any case; compared in lower case). */
  readonly name: unknown;
  /** The value it must have, or the regular expression it must match when `regex` is set. */
  readonly value: unknown;
  /** Whether `value` is a regular expression. @default false */
  readonly regex?: boolean;
}

/**
 * Header matches as findings and keys write them, names in lower case (header names match without regard to
 * case), in order: ` [x-tenant: a]`, or `''` for none. Two routes of one host and path that differ here
 * each receive their own requests in the flavors that take header matches (Traefik, Gateway API). Pure.
 */
export function headerMatchesText(headers: readonly HeaderMatchText[]): string {
  if (headers.length === 0) {
    return '';
  }
  const matches = headers.map((h) => `${String(h.name).toLowerCase()}${h.regex ? ' ~' : ':'} ${String(h.value)}`).sort();
  return ` [${matches.join(', ')}]`;
}

const GATEWAY_HTTP_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/** Whether {@link routeHosts} reads objects of `kind`: code that renders objects only to ask it may skip the rest. */
export function isRouteHostKind(kind: string): boolean {
  return kind === 'IngressRoute' || kind === 'Ingress' || GATEWAY_HTTP_KINDS.has(kind);
}

/** Host names and paths of HTTPRoutes, Traefik IngressRoutes and Ingresses, in object order. */
export function routeHosts(objects: readonly SynthesizedObject[]): RouteHost[] {
  const hosts: RouteHost[] = [];
  for (let n = 0, all = objects; n < all.length; n++) {
    const object = all[n];
    const kind = object.manifest.kind;
    if (!isRouteHostKind(kind)) {
      continue;
    }
    const spec = fields(object.manifest.spec);
    if (GATEWAY_HTTP_KINDS.has(kind)) {
      const paths = list(spec.rules).flatMap((rule) => {
        const matches = list(rule.matches);
        return matches.length === 0 ? [{ path: '/', headers: '' }] : matches.map((m) => ({
          path: text(fields(m.path).value) ?? '/',
          headers: headerMatchesText(list(m.headers).map((h) => ({ name: h.name, value: h.value, regex: h.type === 'RegularExpression' }))),
        }));
      });
      (Array.isArray(spec.hostnames) ? spec.hostnames : []).forEach((host, i) => {
        for (const { path, headers } of paths.length === 0 ? [{ path: '/', headers: '' }] : paths) {
          hosts.push({ object, field: `spec.hostnames[${i}]`, host: String(host), path, headers, schemaChecksSyntax: true });
        }
      });
    } else if (kind === 'IngressRoute') {
      list(spec.routes).forEach((route, i) => {
        const prefixes: string[] = [];
        const names: string[] = [];
        const headerMatches: HeaderMatchText[] = [];
        for (const matcher of traefikMatchers(text(route.match) ?? '')) {
          // `!Host(…)` names a host the route leaves to others, not one it serves.
          if (matcher.negated) {
            continue;
          }
          if (matcher.name === 'Host') {
            names.push(...matcher.args);
          } else if (matcher.name === 'Path' || matcher.name === 'PathPrefix') {
            prefixes.push(...matcher.args);
          } else if (matcher.name === 'Header' || matcher.name === 'HeaderRegexp') {
            headerMatches.push({ name: matcher.args[0], value: matcher.args[1], regex: matcher.name === 'HeaderRegexp' });
          }
        }
        const headers = headerMatchesText(headerMatches);
        if (names.length === 0) {
          return;
        }
        const field = `spec.routes[${i}].match`;
        for (const host of names) {
          for (const path of prefixes.length === 0 ? ['/'] : prefixes) {
            hosts.push({ object, field, host, path, headers });
          }
        }
      });
    } else if (kind === 'Ingress') {
      list(spec.rules).forEach((rule, i) => {
        const host = text(rule.host);
        if (host === undefined) {
          return;
        }
        const paths = list(fields(rule.http).paths).map((p) => (text(p.pathType) === 'Prefix' ? prefixPathKey(text(p.path) ?? '/') : text(p.path) ?? '/'));
        for (const path of paths.length === 0 ? ['/'] : paths) {
          hosts.push({ object, field: `spec.rules[${i}].host`, host, path });
        }
      });
    }
  }
  return hosts;
}

/**
 * A prefix path as an Ingress' `Prefix` matches it, by whole path elements and without its trailing slash:
 * `/api/` matches what `/api` does, so ingress-nginx makes one location of both and sends their requests to one
 * route only. Two prefixes of one host are the same path when their keys are. Pure.
 */
export function prefixPathKey(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}
