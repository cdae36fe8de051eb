import type { PropProblem } from '../validation/known-props';

/** How an autoscaler of the app may change its scaling speed. */
export interface AutoscalingBehavior {
  /**
   * How long the autoscaler looks back before it removes pods, in seconds (0–3600): it scales down to the highest
   * count it recommended in that window, so a short dip in load does not take pods away.
   * @default 300 (Kubernetes' own default)
   */
  readonly scaleDownStabilizationSeconds?: number;
}

/**
 * A HorizontalPodAutoscaler the app renders: it keeps the pods' average use of their CPU (and/or memory) request
 * near the target, between `minReplicas` and `maxReplicas`. The cluster needs a metrics API (metrics-server, which
 * K3s ships).
 */
export interface HorizontalAutoscaling {
  /** The fewest pods, at least 1 (scaling to zero is KEDA's: write its ScaledObject and use `{ external }`). @default 1 */
  readonly minReplicas?: number;
  /** The most pods, at least `minReplicas`. */
  readonly maxReplicas: number;
  /**
   * Average CPU use to aim at, in percent of the CPU request (`resources.cpuRequest`, 50m unless given).
   * @default 80 when no target is given, else none
   */
  readonly cpuUtilization?: number;
  /** Average memory use to aim at, in percent of the memory request (`resources.memoryRequest`). @default - none */
  readonly memoryUtilization?: number;
  /** Scaling speed. @default - Kubernetes' defaults */
  readonly behavior?: AutoscalingBehavior;
}

/**
 * The app's count is set by an autoscaler the app does not render (a KEDA ScaledObject written beside it): the
 * workload is written without `spec.replicas`, and the reason shows up as the annotation
 * `autoscaling.homelab.dev/external` on it.
 */
export interface ExternalAutoscaling {
  /** What scales the workload and why, e.g. 'KEDA ScaledObject on the queue length, scales to zero'. */
  readonly external: string;
}

/** Who sets the replica count of an app's Deployment or StatefulSet instead of its `replicas`. */
export type AppAutoscaling = HorizontalAutoscaling | ExternalAutoscaling;

/** The annotation of a workload whose count an autoscaler the app does not render sets, with the reason. */
export const EXTERNAL_AUTOSCALING_ANNOTATION = 'autoscaling.homelab.dev/external';

/** The target the autoscaler aims at when none is given (the API server's default metric for autoscaling/v2). */
const DEFAULT_CPU_UTILIZATION = 80;

/** The longest scale-down stabilization window the API server takes, in seconds. */
const MAX_STABILIZATION_SECONDS = 3600;

/** Whether `autoscaling` is the form an autoscaler outside the app serves. Pure. */
export function isExternalAutoscaling(autoscaling: AppAutoscaling): autoscaling is ExternalAutoscaling {
  return (autoscaling as ExternalAutoscaling).external !== undefined;
}

/**
 * The most pods the app's workload runs, which checks of claims, GPUs and single writers count: `replicas`, or the
 * autoscaler's `maxReplicas` (an outside autoscaler's count is not known here: its own object is checked). Pure.
 */
export function mostReplicas(autoscaling: AppAutoscaling | undefined, replicas: number | undefined): number {
  if (autoscaling === undefined) {
    return replicas ?? 1;
  }
  return isExternalAutoscaling(autoscaling) ? 1 : autoscaling.maxReplicas;
}

/** The prop that sets the most pods, for findings about it. Pure. */
export function mostReplicasField(autoscaling: AppAutoscaling | undefined, field: string): string {
  return autoscaling === undefined ? 'replicas' : isExternalAutoscaling(autoscaling) ? field : `${field}.maxReplicas`;
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/**
 * What the API server or the autoscaler would refuse in `autoscaling`, given at prop `field`: a count below one
 * (scaling to zero is KEDA's), a maximum below the minimum, a target of no whole percent above 0, a window
 * outside 0–3600 s, an empty reason, and `replicas` beside it (the engine would put the count back). Pure.
 */
export function autoscalingProblems(autoscaling: unknown, field: string, replicas: unknown): PropProblem[] {
  if (autoscaling === undefined || autoscaling === null || typeof autoscaling !== 'object') {
    return []; // the props' shape reports it
  }
  const problems: PropProblem[] = [];
  if (replicas !== undefined) {
    problems.push({
      field: 'replicas', message: `replicas: ${String(replicas)} beside ${field}: the workload would be written with a count the autoscaler changes, and the GitOps engine would put it back at every sync`,
      hint: `leave replicas out: the autoscaler sets the count (${field}.minReplicas is the fewest)`,
    });
  }
  const given = autoscaling as Record<string, unknown>;
  if ('external' in given) {
    const others = Object.keys(given).filter((key) => key !== 'external');
    if (typeof given.external !== 'string' || given.external.trim() === '') {
      problems.push({ field: `${field}.external`, message: 'the reason is empty', hint: "say what scales the workload, e.g. external: 'KEDA ScaledObject on the queue length'" });
    }
    if (others.length > 0) {
      problems.push({
        field: `${field}.${others[0]}`, message: `${others[0]} has no effect beside external: the app renders no autoscaler of its own then`,
        hint: `give the bounds on the autoscaler that scales it (a ScaledObject's minReplicaCount and maxReplicaCount), or drop external for the app's own HorizontalPodAutoscaler`,
      });
    }
    return problems;
  }
  const min = given.minReplicas ?? 1;
  if (!isWhole(min) || min < 1) {
    problems.push({
      field: `${field}.minReplicas`, message: `minReplicas ${String(min)} is no whole number of at least 1: a HorizontalPodAutoscaler keeps one pod at least`,
      hint: "give 1 or more; to scale to zero when idle, write a KEDA ScaledObject beside the app and say so: autoscaling: { external: 'KEDA ScaledObject …' }",
    });
  }
  const max = given.maxReplicas;
  if (!isWhole(max) || max < 1) {
    problems.push({ field: `${field}.maxReplicas`, message: `maxReplicas ${String(max)} is no whole number of at least 1`, hint: 'give the most pods the app may run, e.g. maxReplicas: 3' });
  } else if (isWhole(min) && max < min) {
    problems.push({ field: `${field}.maxReplicas`, message: `maxReplicas ${max} is below minReplicas ${min}`, hint: `give maxReplicas ${min} or more` });
  }
  for (const target of ['cpuUtilization', 'memoryUtilization'] as const) {
    const value = given[target];
    if (value !== undefined && (!isWhole(value) || value < 1)) {
      problems.push({
        field: `${field}.${target}`, message: `a target of ${String(value)} % is no whole percent above 0`,
        hint: `give the average use to aim at in percent of the pods' request, e.g. ${target}: 80`,
      });
    }
  }
  const window = (given.behavior as Record<string, unknown> | undefined)?.scaleDownStabilizationSeconds;
  if (window !== undefined && (!isWhole(window) || window < 0 || window > MAX_STABILIZATION_SECONDS)) {
    problems.push({
      field: `${field}.behavior.scaleDownStabilizationSeconds`, message: `a stabilization window of ${String(window)} s is not a whole number within 0–${MAX_STABILIZATION_SECONDS}`,
      hint: 'give the seconds to look back before removing pods, e.g. 300 (five minutes)',
    });
  }
  return problems;
}

/** A resource metric of an average utilization in percent of the pods' request. */
function utilizationMetric(resource: 'cpu' | 'memory', percent: number): Record<string, unknown> {
  return { resource: { name: resource, target: { averageUtilization: percent, type: 'Utilization' } }, type: 'Resource' };
}

/**
 * The spec of an `autoscaling/v2` HorizontalPodAutoscaler of the workload `kind`/`name` (keys sorted, as synthesis
 * writes them): CPU at 80 % of the request when no target is given. Pure.
 */
export function horizontalAutoscalerSpec(autoscaling: HorizontalAutoscaling, kind: string, name: string): Record<string, unknown> {
  const { cpuUtilization, memoryUtilization } = autoscaling;
  const cpu = cpuUtilization ?? (memoryUtilization === undefined ? DEFAULT_CPU_UTILIZATION : undefined);
  const window = autoscaling.behavior?.scaleDownStabilizationSeconds;
  return {
    behavior: window === undefined ? undefined : { scaleDown: { stabilizationWindowSeconds: window } },
    maxReplicas: autoscaling.maxReplicas,
    metrics: [
      ...(cpu === undefined ? [] : [utilizationMetric('cpu', cpu)]),
      ...(memoryUtilization === undefined ? [] : [utilizationMetric('memory', memoryUtilization)]),
    ],
    minReplicas: autoscaling.minReplicas ?? 1,
    scaleTargetRef: { apiVersion: 'apps/v1', kind, name },
  };
}

/** The HPA's fields and the props of `field` that wrote them, for findings of checks of the output. Pure. */
export function autoscalerPropFields(field: string): ReadonlyArray<{ readonly field: string; readonly prop: string }> {
  return [
    { field: 'spec.maxReplicas', prop: `${field}.maxReplicas` }, { field: 'spec.minReplicas', prop: `${field}.minReplicas` },
    { field: 'spec.metrics', prop: field }, { field: 'spec.behavior', prop: `${field}.behavior` },
  ];
}
