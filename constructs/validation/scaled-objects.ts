import type { SynthesizedObject } from '../synth/collect';
import { fields, list, stringMap, text } from './manifest';
import type { ObjectFindingProps } from './manifest';

// KEDA's ScaledObject as its operator and admission webhook read it: KEDA makes an HPA of its own for the workload
// `scaleTargetRef` names, and its webhook refuses what that HPA could never do.

/** The workload an autoscaler scales, as its controller reads `scaleTargetRef`. */
export interface ScaleTarget {
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
}

/** A KEDA ScaledObject, of any served version of `keda.sh`. */
export function isScaledObject(object: SynthesizedObject): boolean {
  return object.manifest.kind === 'ScaledObject' && (text(object.manifest.apiVersion) ?? '').startsWith('keda.sh/');
}

/**
 * The workload a ScaledObject scales: KEDA takes `apps/v1` where no `apiVersion` is written and `Deployment`
 * where no `kind` is, unlike an HPA, which has no defaults.
 */
export function scaledObjectTarget(scaledObject: SynthesizedObject): ScaleTarget {
  const ref = fields(fields(scaledObject.manifest.spec).scaleTargetRef);
  const given = (value: unknown) => (text(value) === '' ? undefined : text(value));
  return { apiVersion: given(ref.apiVersion) ?? 'apps/v1', kind: given(ref.kind) ?? 'Deployment', name: text(ref.name) };
}

/** The annotation by which an HPA tells KEDA's webhook to let a ScaledObject scale its workload beside it. */
const HPA_OWNERSHIP_ANNOTATION = 'validations.keda.sh/hpa-ownership';
/** The annotation by which a ScaledObject takes over an HPA named in `advanced.horizontalPodAutoscalerConfig.name`. */
const TRANSFER_OWNERSHIP_ANNOTATION = 'scaledobject.keda.sh/transfer-hpa-ownership';

/**
 * Whether KEDA's webhook lets `scaledObject` scale the workload that `hpa` scales already: where the HPA opts out of
 * the check, or the ScaledObject takes that HPA over by name.
 */
export function scaledObjectMayJoin(scaledObject: SynthesizedObject, hpa: SynthesizedObject): boolean {
  if (stringMap(hpa.manifest.metadata?.annotations)[HPA_OWNERSHIP_ANNOTATION] === 'false') {
    return true;
  }
  const takesOver = stringMap(scaledObject.manifest.metadata?.annotations)[TRANSFER_OWNERSHIP_ANNOTATION] === 'true';
  const hpaConfig = fields(fields(fields(scaledObject.manifest.spec).advanced).horizontalPodAutoscalerConfig);
  return takesOver && text(hpaConfig.name) === text(hpa.manifest.metadata?.name);
}

/** The trigger types that measure the pods themselves, through the metrics server. */
const POD_RESOURCE_TRIGGERS: ReadonlySet<string> = new Set(['cpu', 'memory']);

/**
 * A ScaledObject whose every trigger is `cpu` or `memory` and whose `minReplicaCount` is 0, as it is unless
 * written: KEDA's webhook refuses it, since a workload of no pods has no CPU or memory to measure and would never
 * be scaled up again.
 */
export function podMetricsToZero(scaledObject: SynthesizedObject): ObjectFindingProps | undefined {
  const spec = fields(scaledObject.manifest.spec);
  const types = list(spec.triggers).map((trigger) => text(trigger.type) ?? '');
  const minimum = spec.minReplicaCount ?? 0;
  if (types.length === 0 || !types.every((type) => POD_RESOURCE_TRIGGERS.has(type)) || minimum !== 0) {
    return undefined;
  }
  return {
    layer: 'references', severity: 'error', field: 'spec.minReplicaCount',
    message: `scales on ${[...new Set(types)].join(' and ')} alone down to ${spec.minReplicaCount === undefined ? '0 replicas (minReplicaCount is 0 unless written)' : '0 replicas'}, `
      + 'which KEDA\'s admission webhook refuses: a workload of no pods has no usage to measure, so it would never scale up again',
    hint: 'set minReplicaCount: 1, or scale to zero on something outside the pods: add a trigger such as a queue\'s length (type: redis, rabbitmq, …) or a cron window',
  };
}

/** KEDA's HPA scales to at most this many pods where `maxReplicaCount` is not written. */
const DEFAULT_MAX_REPLICAS = 100;

/**
 * The replica bounds KEDA's webhook refuses: a minimum above the maximum (100 unless written), and an
 * `idleReplicaCount` not below the minimum, as `idleReplicaCount: 0` without a `minReplicaCount` is, written to
 * scale to zero at night: the minimum is then 0, which scales to zero already.
 */
export function refusedReplicaBounds(scaledObject: SynthesizedObject): ObjectFindingProps | undefined {
  const spec = fields(scaledObject.manifest.spec);
  const count = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const minimum = count(spec.minReplicaCount);
  const maximum = count(spec.maxReplicaCount) ?? DEFAULT_MAX_REPLICAS;
  // KEDA measures both against the minimum its HPA gets, at least 1, where one is written, and 0 where none is.
  const measured = minimum === undefined ? 0 : Math.max(minimum, 1);
  if (measured > maximum) {
    return {
      layer: 'references', severity: 'error', field: 'spec.maxReplicaCount',
      message: `maxReplicaCount ${maximum}${spec.maxReplicaCount === undefined ? ' (its default)' : ''} is below minReplicaCount ${measured}, which KEDA's admission webhook refuses`,
      hint: `set maxReplicaCount at least as high as minReplicaCount: maxReplicaCount: ${measured}`,
    };
  }
  const idle = count(spec.idleReplicaCount);
  if (idle !== undefined && idle >= measured) {
    return {
      layer: 'references', severity: 'error', field: 'spec.idleReplicaCount',
      message: `idleReplicaCount ${idle} is not below ${minimum === undefined ? 'the minReplicaCount of 0 KEDA takes where none is written' : `minReplicaCount ${minimum}`}, which KEDA's admission webhook refuses`,
      hint: minimum === undefined
        ? 'leave idleReplicaCount out: with minReplicaCount 0, its default, the workload scales to zero while no trigger is active'
        : `give idleReplicaCount a count below minReplicaCount ${minimum}, 0 to scale to zero while no trigger is active`,
    };
  }
  return undefined;
}
