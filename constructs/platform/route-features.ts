import type { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';

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

/** The intent field of a rule's feature, for findings. */
export function ruleField(index: number, feature: string): string {
  return `route.rules[${index}].${feature}`;
}
