import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, Fields, list, namespaceOf, objectFinding } from './manifest';
import { ContainerLimits, containerLimitsOf, limitOrderProblems, limitRatioProblems } from './kind-rules';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';
import { quantityValue } from './quantity';
import { appResourceProp } from './quota-resources';

/**
 * A request or limit of a container outside a LimitRange's bounds; `default` is a request above the
 * default limit the LimitRange gives a container that states none, `ratio` a limit more times its request
 * than `maxLimitRequestRatio` allows (or a limit or request missing, which that ratio needs).
 */
export interface LimitRangeViolation {
  /** Whether the request or the limit is outside. */
  readonly kind: 'requests' | 'limits';
  /** The resource, e.g. `cpu`. */
  readonly resource: string;
  /** The bound it breaks. */
  readonly bound: 'min' | 'max' | 'default' | 'ratio';
  /** The container's amount, as admitted; for `ratio` its limit, undefined when it has none. */
  readonly amount: unknown;
  /** For `ratio`, the container's request as admitted; undefined when it has none. */
  readonly request?: unknown;
  /** The LimitRange's bound. */
  readonly enforced: unknown;
}

/**
 * The first request or limit of a container that the LimitRanger admission refuses against `limits`, as
 * the API server admits the container: a limit stands for a request not given (pod defaulting), then the
 * LimitRange's defaults fill what is still missing; a request is at least `min` and at most `max`, and so
 * is a limit. Pure; amounts that are no quantity are left to the schema checks.
 */
export function limitRangeViolation(resources: Fields, limits: ContainerLimits): LimitRangeViolation | undefined {
  const stated = { limits: fields(resources.limits), requests: fields(resources.requests) };
  const admitted = admittedResources(resources, [limits]);
  const outside = (bound: 'min' | 'max', kind: 'requests' | 'limits', resource: string): LimitRangeViolation | undefined => {
    const [amount, enforced] = [admitted[kind][resource], limits[bound][resource]];
    const [a, e] = [quantityValue(amount), quantityValue(enforced)];
    const breaks = a !== undefined && e !== undefined && (bound === 'min' ? a < e : a > e);
    return breaks ? { kind, resource, bound, amount, enforced } : undefined;
  };
  // The admission's order: for min the request, then the limit; for max the limit, then the request.
  for (const resource of Object.keys(limits.min)) {
    const found = outside('min', 'requests', resource) ?? outside('min', 'limits', resource);
    if (found) return found;
  }
  for (const resource of Object.keys(limits.max)) {
    const found = outside('max', 'limits', resource) ?? outside('max', 'requests', resource);
    if (found) return found;
  }
  // The admission checks the ratio after min and max: a limit and a request, at most the ratio apart.
  for (const resource of Object.keys(limits.maxLimitRequestRatio)) {
    const found = ratioViolation(resource, admitted.requests[resource], admitted.limits[resource], limits.maxLimitRequestRatio[resource]);
    if (found) return found;
  }
  // A default limit below the container's own request: the pod then has a request above its limit.
  for (const resource of Object.keys(limits.default).filter((r) => stated.limits[r] === undefined)) {
    const [request, limit] = [quantityValue(admitted.requests[resource]), quantityValue(limits.default[resource])];
    if (request !== undefined && limit !== undefined && request > limit) {
      return { kind: 'requests', resource, bound: 'default', amount: admitted.requests[resource], enforced: limits.default[resource] };
    }
  }
  return undefined;
}

/**
 * A container's requests and limits as the API server admits it under the `Container` items `ranges`: a
 * limit stands for a request not given (pod defaulting), then each item's defaults fill what is still
 * missing, the first item first. Pure.
 */
export function admittedResources(resources: Fields, ranges: readonly ContainerLimits[]): { readonly limits: Fields; readonly requests: Fields } {
  const stated = { limits: fields(resources.limits), requests: fields(resources.requests) };
  const defaults = [...ranges].reverse();
  return {
    limits: Object.assign({}, ...defaults.map((r) => r.default), stated.limits) as Fields,
    requests: Object.assign({}, ...defaults.map((r) => r.defaultRequest), stated.limits, stated.requests) as Fields,
  };
}

/** The `Container` items of v1 LimitRanges whose own values are in order, each with its LimitRange. */
export function containerLimitItems(cluster: SynthesizedCluster, type: 'Container' | 'Pod' = 'Container'): Array<{ readonly range: SynthesizedObject; readonly limits: ContainerLimits }> {
  return indexOf(cluster.objects).of('LimitRange')
    .filter((range) => range.manifest.apiVersion === 'v1')
    .flatMap((range) => list(fields(range.manifest.spec).limits)
      .filter((limit) => limit.type === type && limitOrderProblems(limit).length === 0 && limitRatioProblems(limit).length === 0)
      .map((limit) => ({ range, limits: containerLimitsOf(limit) })));
}

/**
 * The LimitRanger admission's ratio check (limitRequestRatioConstraint): the request and the limit are
 * both there and above 0, and the limit is at most `enforced` times the request. Pure.
 */
export function ratioViolation(resource: string, request: unknown, limit: unknown, enforced: unknown): LimitRangeViolation | undefined {
  const [requested, limited, ratio] = [quantityValue(request), quantityValue(limit), quantityValue(enforced)];
  if (ratio === undefined) {
    return undefined;
  }
  const missing = !requested || !limited;
  // The admission compares in thousandths; a float's last bits do not make a ratio of exactly 4 exceed 4.
  return missing || Math.round((limited / requested) * 1000) > Math.round(ratio * 1000)
    ? { kind: 'limits', resource, bound: 'ratio', amount: requested ? limit : undefined, request: requested ? request : undefined, enforced }
    : undefined;
}

/**
 * The LimitRanger admission refuses every pod with a container whose request or limit is outside the
 * `min`/`max` of a `Container` LimitRange of its namespace (after the LimitRange's defaults are filled in).
 * The workload is accepted and its pods are refused, so the error is on the workload, naming the
 * LimitRange. Items whose own values are out of order are reported on the LimitRange and left out here.
 */
export function checkLimitRanges(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const items = containerLimitItems(cluster);
  if (items.length === 0) {
    return findings;
  }
  for (const template of podTemplates(cluster.objects)) {
    const ranges = items.filter(({ range }) => namespaceOf(range) === template.namespace);
    const refused = containersOf(template).flatMap(({ container, path }) => ranges.flatMap(({ range, limits }) => {
      const violation = limitRangeViolation(fields(container.resources), limits);
      return violation ? [{ range, path, violation, resources: fields(container.resources) }] : [];
    }))[0];
    if (refused) {
      findings.push(violationFinding(template.object, template.namespace, refused.range, refused.path, refused.violation, refused.resources));
    }
  }
  return findings;
}

function violationFinding(
  workload: SynthesizedObject, namespace: string, range: SynthesizedObject, path: string, violation: LimitRangeViolation, resources: Fields,
): Finding {
  const { kind, resource, bound, amount, enforced } = violation;
  // A request the container does not state is its limit, copied by the API server: the limit is what to change.
  const written = kind === 'requests' && fields(resources.requests)[resource] === undefined && fields(resources.limits)[resource] !== undefined ? 'limits' : kind;
  const noun = (k: 'requests' | 'limits') => (k === 'requests' ? 'request' : 'limit');
  const name = `${namespace}/${String(fields(range.manifest.metadata).name)}`;
  const prop = appResourceProp(written, resource);
  if (bound === 'ratio') {
    return ratioFinding(workload, name, path, violation);
  }
  if (bound === 'default') {
    const limitProp = appResourceProp('limits', resource);
    return objectFinding(workload, {
      layer: 'references', severity: 'error', field: `${path}.resources.limits.${resource}`,
      message: `LimitRange ${name} gives a container without a ${resource} limit the limit ${String(enforced)}, below this container's ${resource} request of ${String(amount)}, `
        + `so the API server refuses every pod of it (a request may not exceed its limit)`,
      hint: `give the container a ${resource} limit of at least ${String(amount)}${limitProp ? ` (an App's ${limitProp})` : ''}, or raise the default of LimitRange ${name}`,
    });
  }
  return objectFinding(workload, {
    layer: 'references', severity: 'error', field: `${path}.resources.${written}.${resource}`,
    message: `LimitRange ${name} sets a ${bound === 'min' ? 'minimum' : 'maximum'} of ${String(enforced)} ${resource} per container, and this container's `
      + `${resource} ${noun(kind)} is ${String(amount)}, so the API server refuses every pod of it `
      + `("${bound === 'min' ? 'minimum' : 'maximum'} ${resource} usage per Container is ${String(enforced)}, but ${noun(kind)} is ${String(amount)}")`,
    hint: `give the container a ${resource} ${noun(written)} ${bound === 'min' ? 'of at least' : 'of at most'} ${String(enforced)}${prop ? ` (an App's ${prop})` : ''}, `
      + `or change the ${bound} of LimitRange ${name}`,
  });
}

/** The finding of a limit further above its request than a LimitRange's `maxLimitRequestRatio`, or missing. */
function ratioFinding(workload: SynthesizedObject, name: string, path: string, violation: LimitRangeViolation): Finding {
  const { resource, amount: limit, request, enforced } = violation;
  const [limitProp, requestProp] = [appResourceProp('limits', resource), appResourceProp('requests', resource)];
  const requested = quantityValue(request);
  const ceiling = requested !== undefined ? amountText(resource, requested * (quantityValue(enforced) ?? 1)) : undefined;
  const observed = request === undefined ? `states no ${resource} request`
    : limit === undefined ? `states no ${resource} limit (its request is ${String(request)})`
      : `has a ${resource} limit of ${String(limit)}, ${Math.round((quantityValue(limit)! / requested!) * 100) / 100} times its request of ${String(request)}`;
  return objectFinding(workload, {
    layer: 'references', severity: 'error', field: `${path}.resources.${request === undefined ? 'requests' : 'limits'}.${resource}`,
    message: `LimitRange ${name} allows a ${resource} limit of at most ${String(enforced)} times the request per container, and this container ${observed}, `
      + 'so the API server refuses every pod of it',
    hint: request === undefined
      ? `give the container a ${resource} request${requestProp ? ` (an App's ${requestProp})` : ''}, or give LimitRange ${name} a defaultRequest`
      : `give the container a ${resource} limit of at most ${ceiling}${limitProp ? ` (an App's ${limitProp})` : ''} or a larger request, `
        + `${limit === undefined ? `give LimitRange ${name} a default ${resource} limit, ` : ''}or raise maxLimitRequestRatio.${resource} of LimitRange ${name}`,
  });
}

/** An amount as a quantity: CPU in millicores, other resources in mebibytes where whole, else in bytes. Pure. */
export function amountText(resource: string, value: number): string {
  if (resource === 'cpu') {
    return `${Math.floor(value * 1000)}m`;
  }
  const mebibytes = value / 2 ** 20;
  return Number.isInteger(mebibytes) ? `${mebibytes}Mi` : `${Math.floor(value)}`;
}
