import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { DNS1123_LABEL, nameProblem, PATH_SEGMENT_NAME } from './dns-names';
import { quantityValue } from './quantity';

/** The longest stabilization window of a scaling direction, in seconds (the API server's MaxStabilizationWindowSeconds). */
const MAX_STABILIZATION_SECONDS = 3600;
/** The longest period of a scaling policy, in seconds (the API server's MaxPeriodSeconds). */
const MAX_PERIOD_SECONDS = 1800;

/** The field of a metric that holds its source, by metric type. */
const METRIC_SOURCES: Readonly<Record<string, string>> = {
  Resource: 'resource', ContainerResource: 'containerResource', Pods: 'pods', Object: 'object', External: 'external',
};

/**
 * What the API server refuses in a HorizontalPodAutoscaler (ValidateHorizontalPodAutoscaler) although the
 * schema allows it: fewer than one replica, a maximum below the minimum, a target (or a metric's described
 * object) without kind or name or of names no object can have, a metric without the source its type names
 * or with another beside it, a metric of no name, a resource metric of no resource, a ContainerResource metric of no container, a target of zero or less, a
 * resource metric with neither or both of a utilization and an average value (of autoscaling/v1: a CPU target
 * below 1 %), and scaling behavior with a
 * stabilization window outside 0–3600 s or a policy whose value or period (up to 1800 s) is not positive.
 */
export function checkAutoscaler(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) {
    add('spec.minReplicas', `minReplicas ${spec.minReplicas} is below 1`, 'keep at least one replica, or scale the workload to 0 itself');
  }
  if (typeof spec.maxReplicas === 'number' && spec.maxReplicas < Math.max(min, 1)) {
    add('spec.maxReplicas', `maxReplicas ${spec.maxReplicas} is below minReplicas ${min}`, 'set maxReplicas at least as high as minReplicas');
  }
  checkObjectReference(fields(spec.scaleTargetRef), 'spec.scaleTargetRef', 'the scale target', "name the workload to scale: scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }", add);
  if (object.manifest.apiVersion !== 'autoscaling/v2') {
    // autoscaling/v1 aims at CPU utilization only, which the API server checks as a v2 Utilization target.
    const percent = spec.targetCPUUtilizationPercentage;
    if (typeof percent === 'number' && percent < 1) {
      add('spec.targetCPUUtilizationPercentage', `a target of ${percent} % CPU utilization is below 1 %`, 'aim at a utilization of 1 % or more, e.g. 80');
    }
    return;
  }
  list(spec.metrics).forEach((metric, i) => checkMetric(metric, `spec.metrics[${i}]`, add));
  const behavior = fields(spec.behavior);
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    if (behavior[direction] !== undefined) {
      checkScalingRules(fields(behavior[direction]), `spec.behavior.${direction}`, add);
    }
  }
}

/**
 * An object an autoscaler refers to (ValidateCrossVersionObjectReference): its kind and name given, each
 * a path segment name. `what` names it in messages.
 */
function checkObjectReference(reference: Fields, at: string, what: string, hint: string, add: AddFinding): void {
  for (const key of ['kind', 'name'] as const) {
    const value = text(reference[key]);
    const problem = value === '' ? `${what} has no ${key}` : value === undefined ? undefined : nameProblem(value, PATH_SEGMENT_NAME);
    if (problem !== undefined) {
      add(`${at}.${key}`, problem, hint);
    }
  }
}

/** The metric a Pods, Object or External source reads (validateMetricIdentifier): named, by a path segment name. */
function checkMetricName(source: Fields, at: string, add: AddFinding): void {
  const name = text(fields(source.metric).name);
  const problem = name === '' ? 'the metric has no name' : name === undefined ? undefined : nameProblem(name, PATH_SEGMENT_NAME);
  if (problem !== undefined) {
    add(`${at}.metric.name`, problem, 'name the metric as its adapter serves it, e.g. http_requests_per_second');
  }
}

/**
 * One metric of an autoscaling/v2 HorizontalPodAutoscaler: the source its type names, alone, with a target
 * above 0 of the form its source takes (see `checkValueTarget`), a metric name (and for an Object metric, the object it describes) where the source reads one,
 * and a container's name for a ContainerResource metric.
 */
function checkMetric(metric: Fields, at: string, add: AddFinding): void {
  const expected = typeof metric.type === 'string' ? METRIC_SOURCES[metric.type] : undefined;
  if (expected === undefined) {
    return; // the schema reports an unknown type
  }
  if (metric[expected] === undefined) {
    add(`${at}.${expected}`, `a metric of type ${String(metric.type)} needs its ${expected} source`,
      expected === 'resource' ? "give it: resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } }" : `give ${expected}, or change the type to the source the metric has`);
  }
  for (const source of Object.values(METRIC_SOURCES)) {
    if (source !== expected && metric[source] !== undefined) {
      add(`${at}.${source}`, `a metric of type ${String(metric.type)} takes no ${source} source`, `drop ${source}, or make it a metric of its own`);
    }
  }
  const source = fields(metric[expected]);
  if (expected === 'pods' || expected === 'object' || expected === 'external') {
    checkMetricName(source, `${at}.${expected}`, add);
  }
  if (expected === 'object' && source.describedObject !== undefined) {
    checkObjectReference(fields(source.describedObject), `${at}.object.describedObject`, 'the described object',
      "name the object the metric describes: describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' }", add);
  }
  if ((expected === 'resource' || expected === 'containerResource') && source.name === '') {
    // validateResourceSource and validateContainerResourceSource: the schema takes an empty name, the API server does not.
    add(`${at}.${expected}.name`, 'the metric names no resource ("must specify a resource name")', "name the resource whose use the metric reads: cpu or memory, e.g. name: 'cpu'");
  }
  const container = text(source.container);
  const containerProblem = expected !== 'containerResource' || container === undefined ? undefined : container === '' ? 'the metric names no container' : nameProblem(container, DNS1123_LABEL);
  if (containerProblem !== undefined) {
    add(`${at}.containerResource.container`, containerProblem, 'name the container of the pods whose resource the metric reads, e.g. web');
  }
  const aim = fields(source.target);
  const targetAt = `${at}.${expected}.target`;
  if (typeof aim.averageUtilization === 'number' && aim.averageUtilization < 1) {
    add(`${targetAt}.averageUtilization`, `a utilization of ${aim.averageUtilization} % is not above 0`, 'give the percentage of their requests to keep the pods at, e.g. 80');
  }
  for (const key of ['value', 'averageValue'] as const) {
    const value = quantityValue(aim[key]);
    if (value !== undefined && value <= 0) {
      add(`${targetAt}.${key}`, `a target ${key} of ${String(aim[key])} is not above 0`, 'give the value to keep the metric at, above 0');
    }
  }
  if ((expected === 'resource' || expected === 'containerResource') && fields(metric[expected]).target !== undefined) {
    if (aim.averageUtilization === undefined && aim.averageValue === undefined) {
      add(`${targetAt}.averageUtilization`, 'a resource metric needs a utilization or an average value to aim at',
        "give averageUtilization (with type: 'Utilization') or averageValue (with type: 'AverageValue')");
    } else if (aim.averageUtilization !== undefined && aim.averageValue !== undefined) {
      add(`${targetAt}.averageValue`, 'a resource metric aims at a utilization or an average value, not both', 'keep one of averageUtilization and averageValue');
    }
  } else if (expected !== 'resource' && expected !== 'containerResource' && source.target !== undefined) {
    checkValueTarget(expected, aim, targetAt, add);
  }
}

/**
 * The target of a Pods, Object or External metric (validatePodsSource, validateObjectSource,
 * validateExternalSource): a Pods metric aims at an average value per pod; an Object or External one at a
 * value or an average value, an External one not both.
 */
function checkValueTarget(source: string, aim: Fields, targetAt: string, add: AddFinding): void {
  if (source === 'pods' && aim.averageValue === undefined) {
    add(`${targetAt}.averageValue`, 'a Pods metric aims at an average value per pod, which the target does not give; the API server refuses it',
      "give type: 'AverageValue' with averageValue, e.g. { type: 'AverageValue', averageValue: '100' }");
  } else if (source !== 'pods' && aim.value === undefined && aim.averageValue === undefined) {
    add(`${targetAt}.value`, `an ${source === 'object' ? 'Object' : 'External'} metric aims at a value or an average value, which the target does not give; the API server refuses it`,
      "give { type: 'Value', value: '100' } for the metric's own value, or { type: 'AverageValue', averageValue: '10' } for it divided among the pods");
  } else if (source === 'external' && aim.value !== undefined && aim.averageValue !== undefined) {
    add(`${targetAt}.averageValue`, 'an External metric aims at a value or an average value per pod, not both; the API server refuses both', 'keep one of value and averageValue');
  }
}

/**
 * The scaling rules of one direction: a stabilization window of 0–3600 s, and policies (left out for the
 * defaults, never an empty list) of positive value and a period of 1–1800 s.
 */
function checkScalingRules(rules: Fields, at: string, add: AddFinding): void {
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number' && (window < 0 || window > MAX_STABILIZATION_SECONDS)) {
    add(`${at}.stabilizationWindowSeconds`, `a stabilization window of ${window} s is not within 0–${MAX_STABILIZATION_SECONDS}`,
      `give at most ${MAX_STABILIZATION_SECONDS} seconds (one hour), e.g. 300`);
  }
  // The API server fills in default policies only where none are written: an empty list stays empty, and it refuses that.
  if (Array.isArray(rules.policies) && rules.policies.length === 0) {
    add(`${at}.policies`, 'the list of scaling policies is empty', "leave policies out for the default steps, or give one, e.g. { type: 'Pods', value: 1, periodSeconds: 60 }; to stop scaling this way, set selectPolicy: Disabled");
  }
  list(rules.policies).forEach((policy, i) => {
    if (typeof policy.value === 'number' && policy.value <= 0) {
      add(`${at}.policies[${i}].value`, `a policy value of ${policy.value} is not above 0`, 'give the pods (or percent) one step may add or remove, at least 1');
    }
    const period = policy.periodSeconds;
    if (typeof period === 'number' && (period <= 0 || period > MAX_PERIOD_SECONDS)) {
      add(`${at}.policies[${i}].periodSeconds`, `a policy period of ${period} s is not within 1–${MAX_PERIOD_SECONDS}`, `give a period of 1–${MAX_PERIOD_SECONDS} seconds, e.g. 60`);
    }
  });
}
