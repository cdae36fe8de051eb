import type { PropProblem } from '../validation/known-props';

/**
 * The fields of a service's `route` that the service cannot apply, each a problem on `route.<field>`:
 * a service whose chart makes its own route, or that answers only at the root of its host, would
 * otherwise drop them without a word (basic auth the user counted on, a path no request reaches). Pure.
 * @param applied the route fields the service renders
 * @param why why the others cannot be applied, as the end of a sentence
 */
export function unappliedRouteFields(route: unknown, applied: readonly string[], why: string): PropProblem[] {
  if (route === null || typeof route !== 'object') {
    return []; // the shape is reported with the props
  }
  return Object.keys(route)
    .filter((field) => (route as Record<string, unknown>)[field] !== undefined && !applied.includes(field))
    .map((field) => ({
      field: `route.${field}`,
      message: `route.${field} cannot be applied: ${why}`,
      hint: `leave out route.${field}; this route takes ${applied.map((f) => `route.${f}`).join(' and ')}`,
    }));
}

/**
 * A `route.path` of a service that answers only at the root of its host name: the ingress passes the
 * prefix on, so every request would reach a path the server does not serve. A problem on `route.path`,
 * or none for no path or `/`. Pure.
 * @param why what the server does at the root, as the start of a sentence after the service's name
 */
export function rootOnlyRouteProblems(route: unknown, what: string, why: string): PropProblem[] {
  const path = route !== null && typeof route === 'object' ? (route as { path?: unknown }).path : undefined;
  if (typeof path !== 'string' || path === '/' || path === '') {
    return [];
  }
  return [{
    field: 'route.path',
    message: `${what} ${why}; behind path "${path}" the ingress passes the prefix on and it would answer 404`,
    hint: `give ${what} a host name of its own and leave out route.path`,
  }];
}

/**
 * A `route.port` of a service that listens on one port only: the route would lead to a port nothing of it
 * listens on, which the route's backend leaves unanswered. A problem on `route.port`, or none for no port or
 * that port. Pure.
 */
export function onePortRouteProblems(route: unknown, what: string, port: number): PropProblem[] {
  const given = route !== null && typeof route === 'object' ? (route as { port?: unknown }).port : undefined;
  if (given === undefined || given === port) {
    return [];
  }
  return [{
    field: 'route.port',
    message: `${what} listens on port ${port} only; route.port ${JSON.stringify(given)} is a port nothing of it listens on`,
    hint: `leave route.port out: the route goes to port ${port}`,
  }];
}
