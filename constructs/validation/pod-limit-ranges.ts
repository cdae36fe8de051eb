import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { admittedResources, amountText, containerLimitItems, ratioViolation } from './limit-ranges';
import { fields, Fields, namespaceOf, objectFinding, text } from './manifest';
import { containersOf, ContainerRef, podTemplates } from './pod-spec';
import { quantityValue } from './quantity';
import { appResourceProp } from './quota-resources';

/** A pod's amount of one resource, with the container that adds most to it (what to change first). */
export interface PodAmount {
  /** The pod's amount, as a number of cores or bytes. */
  readonly value: number;
  /** Field path of the container that adds most to it. */
  readonly largest: string;
}

type Kind = 'requests' | 'limits';

/**
 * A pod's request or limit of `resource` as the LimitRanger admission sums it for a `Pod` item: the main
 * containers and the sidecars (init containers with `restartPolicy: Always`) run together, so they add up;
 * a plain init container runs alone beside the sidecars started before it, so the pod needs the larger of
 * the two. Undefined when no container states the amount. Pure.
 */
export function podAmount(containers: ReadonlyArray<{ readonly ref: ContainerRef; readonly admitted: Record<Kind, Fields> }>, kind: Kind, resource: string): PodAmount | undefined {
  // `top` is the largest container's own amount, to tell which container adds most; on a tie the later
  // one, so a main container (listed after the init containers) is named before a sidecar.
  type Total = PodAmount & { readonly top: number };
  const add = (total: Total | undefined, value: number, path: string): Total => ({
    value: (total?.value ?? 0) + value,
    ...(total !== undefined && total.top > value ? { largest: total.largest, top: total.top } : { largest: path, top: value }),
  });
  let running: Total | undefined;
  let initPeak: Total | undefined;
  for (const { ref, admitted } of containers) {
    const value = quantityValue(admitted[kind][resource]);
    if (value === undefined) {
      continue;
    }
    if (ref.init && text(ref.container.restartPolicy) !== 'Always') {
      const alone = add(running, value, ref.path);
      initPeak = initPeak === undefined || alone.value > initPeak.value ? alone : initPeak;
    } else {
      running = add(running, value, ref.path);
    }
  }
  const peak = initPeak !== undefined && (running === undefined || initPeak.value > running.value) ? initPeak : running;
  return peak && { value: peak.value, largest: peak.largest };
}

/**
 * The LimitRanger admission refuses every pod whose requests or limits, summed over its containers (see
 * {@link podAmount}, after the `Container` items' defaults are filled in), lie outside the `min`/`max` of a
 * `Pod` LimitRange item of its namespace; a `max` also needs every pod to state a limit. The workload is
 * accepted and its pods refused, so the error is on the workload, on the container that adds most.
 */
export function checkPodLimitRanges(cluster: SynthesizedCluster): Finding[] {
  const podItems = containerLimitItems(cluster, 'Pod');
  if (podItems.length === 0) {
    return [];
  }
  const containerItems = containerLimitItems(cluster);
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    const ranges = podItems.filter(({ range }) => namespaceOf(range) === template.namespace);
    if (ranges.length === 0) {
      continue;
    }
    const defaults = containerItems.filter(({ range }) => namespaceOf(range) === template.namespace).map(({ limits }) => limits);
    const containers = containersOf(template).map((ref) => ({ ref, admitted: admittedResources(fields(ref.container.resources), defaults) }));
    const violations = ranges.flatMap(({ range, limits }) => [...podViolations(containers, limits.min, limits.max), ...podRatioViolations(containers, limits.maxLimitRequestRatio)]
      .map((v) => ({ ...v, name: `${template.namespace}/${String(fields(range.manifest.metadata).name)}` })));
    const refused = violations[0];
    if (refused?.bound === 'ratio') {
      findings.push(podRatioFinding(template, containers, refused));
    } else if (refused) {
      const { bound, kind, resource, enforced, amount, name } = refused;
      const noun = kind === 'requests' ? 'request' : 'limit';
      const prop = appResourceProp(kind, resource);
      const field = `${amount?.largest ?? containers.find((c) => !c.ref.init)?.ref.path ?? template.specPath}.resources.${kind}.${resource}`;
      findings.push(objectFinding(template.object, {
        layer: 'references', severity: 'error', field,
        message: amount === undefined
          ? `LimitRange ${name} sets a maximum of ${String(enforced)} ${resource} per pod, and no container of this pod states a ${resource} limit, `
            + `so the API server refuses every pod of it ("maximum ${resource} usage per Pod is ${String(enforced)}.  No limit is specified")`
          : `LimitRange ${name} sets a ${bound === 'min' ? 'minimum' : 'maximum'} of ${String(enforced)} ${resource} per pod, and this pod's containers `
            + `${bound === 'min' ? 'together' : 'at their peak'} ${noun} ${amountText(resource, amount.value)}, so the API server refuses every pod of it`,
        hint: amount === undefined
          ? `give the containers a ${resource} limit${prop ? ` (an App's ${prop})` : ''}, or drop max.${resource} of LimitRange ${name}`
          : `${bound === 'min' ? 'raise' : 'lower'} the ${resource} ${noun}s of the pod's containers${prop ? ` (an App's ${prop}, its sidecars' and init containers')` : ''} `
            + `to ${bound === 'min' ? 'at least' : 'at most'} ${String(enforced)} in all, or change the ${bound} of LimitRange ${name}`,
      }));
    }
  }
  return findings;
}

interface PodViolation {
  readonly bound: 'min' | 'max' | 'ratio';
  readonly kind: Kind;
  readonly resource: string;
  readonly enforced: unknown;
  /** The pod's amount (for `ratio` its limit); undefined for a maximum or ratio no container states a limit for. */
  readonly amount?: PodAmount;
  /** For `ratio`, the pod's request; undefined when no container states one. */
  readonly request?: PodAmount;
}

/**
 * The pod's limits further above its requests than the `Pod` item's `maxLimitRequestRatio` allows, or
 * missing, as the admission's limitRequestRatioConstraint finds them on the pod's summed amounts (see
 * {@link podAmount}): both must be stated and above 0.
 */
function podRatioViolations(containers: Parameters<typeof podAmount>[0], ratios: Fields): PodViolation[] {
  return Object.keys(ratios).flatMap((resource) => {
    const [request, limit] = [podAmount(containers, 'requests', resource), podAmount(containers, 'limits', resource)];
    return ratioViolation(resource, request?.value, limit?.value, ratios[resource])
      ? [{ bound: 'ratio' as const, kind: 'limits' as const, resource, enforced: ratios[resource], amount: limit, request }]
      : [];
  });
}

/** The finding of a pod whose summed limit is further above its summed request than a `Pod` item's ratio allows, or missing. */
function podRatioFinding(template: ReturnType<typeof podTemplates>[number], containers: Parameters<typeof podAmount>[0], violation: PodViolation & { readonly name: string }): Finding {
  const { resource, enforced, amount: limit, request, name } = violation;
  const kind = request === undefined ? 'requests' : 'limits';
  const prop = appResourceProp(kind, resource);
  const observed = request === undefined ? `no container of this pod states a ${resource} request`
    : limit === undefined ? `no container of this pod states a ${resource} limit (its containers request ${amountText(resource, request.value)})`
      : `this pod's containers together have a ${resource} limit of ${amountText(resource, limit.value)}, `
        + `${Math.round((limit.value / request.value) * 100) / 100} times their request of ${amountText(resource, request.value)}`;
  const ceiling = request !== undefined ? amountText(resource, request.value * (quantityValue(enforced) ?? 1)) : undefined;
  const field = `${(kind === 'limits' ? limit : request)?.largest ?? containers.find((c) => !c.ref.init)?.ref.path ?? template.specPath}.resources.${kind}.${resource}`;
  return objectFinding(template.object, {
    layer: 'references', severity: 'error', field,
    message: `LimitRange ${name} allows a ${resource} limit of at most ${String(enforced)} times the request per pod, and ${observed}, so the API server refuses every pod of it`,
    hint: request === undefined
      ? `give the containers a ${resource} request${prop ? ` (an App's ${prop})` : ''}, or drop maxLimitRequestRatio.${resource} of LimitRange ${name}`
      : `give the containers ${resource} limits of at most ${ceiling} in all${prop ? ` (an App's ${prop}, its sidecars' and init containers')` : ''} or larger requests, `
        + `or raise maxLimitRequestRatio.${resource} of LimitRange ${name}`,
  });
}

/** The pod's amounts outside `min` and `max`, in the admission's order (min: request, limit; max: limit, request). */
function podViolations(containers: Parameters<typeof podAmount>[0], min: Fields, max: Fields): PodViolation[] {
  const found: PodViolation[] = [];
  for (const [bound, bounds, kinds] of [['min', min, ['requests', 'limits']], ['max', max, ['limits', 'requests']]] as const) {
    for (const resource of Object.keys(bounds)) {
      const enforced = quantityValue(bounds[resource]);
      for (const kind of kinds) {
        const amount = podAmount(containers, kind, resource);
        if (enforced === undefined) {
          continue;
        }
        if (bound === 'max' && kind === 'limits' && amount === undefined) {
          found.push({ bound, kind, resource, enforced: bounds[resource] });
          break;
        }
        if (amount !== undefined && (bound === 'min' ? amount.value < enforced : amount.value > enforced)) {
          found.push({ bound, kind, resource, enforced: bounds[resource], amount });
          break;
        }
      }
    }
  }
  return found;
}
