import type { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import type { RouteBinding } from './route-flavor';

/**
 * Reports that a route flavor cannot express a feature of a route. `field` is the route intent's field,
 * e.g. `route.rules[1].requestHeaders.add`.
 */
export function unsupportedRouteFeature(scope: Construct, flavor: string, field: string, what: string, hint: string): void {
  reportFinding(scope, {
    layer: 'references', severity: 'error', field,
    message: `the ${flavor} route flavor cannot express ${what}`,
    hint,
  });
}

/** The intent field of a route's feature, for findings, e.g. `route.basicAuth` or `addRoute(web).host`. */
export function routeField(route: RouteBinding, feature: string): string {
  return route.field === '' ? feature : `${route.field ?? 'route'}.${feature}`;
}

/** The intent field of a rule's path: `rules[i].path`, or the single rule's `path`. */
export function rulePathField(route: RouteBinding, index: number): string {
  return route.rules && route.rules.length > 0 ? ruleField(route, index, 'path') : routeField(route, 'path');
}

/** The intent field of a rule's feature, for findings. */
export function ruleField(route: RouteBinding, index: number, feature: string): string {
  return routeField(route, `rules[${index}].${feature}`);
}
