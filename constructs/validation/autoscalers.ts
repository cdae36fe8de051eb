import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { isScaledObject, podMetricsToZero, refusedReplicaBounds, scaledObjectMayJoin, scaledObjectTarget } from './scaled-objects';
import type { ScaleTarget } from './scaled-objects';
import { customKindScales } from './schema-layer';
import { groupOf, KUBERNETES_GROUPS } from './schema/served-kinds';
import { platformReading } from './platform-reading';

const layer = 'references' as const;

/** The workload kinds of `apps/v1` an autoscaler scales through their scale subresource. */
const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/**
 * Why the autoscaler's controller cannot find the scale of its target, which the API server takes as written: it
 * looks the kind up, as written, in the group of `apiVersion` (the core group without one, which has no
 * Deployment), and a kind of `apps` other than those with a scale subresource (a DaemonSet, whose count follows
 * its nodes) has none, nor has any other built-in kind but a ReplicationController, nor a custom kind whose CRD
 * (as `scales` tells, undefined where no CRD is known) declares no `subresources.scale`. The controller then
 * reports FailedGetScale and never scales.
 */
function unscalableTarget(ref: Record<string, unknown>, scales: (apiVersion: string, kind: string) => boolean | undefined): { field: string; message: string; hint: string } | undefined {
  const kind = text(ref.kind);
  if (kind === undefined || kind === '') {
    return undefined; // the autoscaler's own rules report a target without a kind
  }
  const apiVersion = text(ref.apiVersion);
  const meant = [...SCALABLE_KINDS].find((k) => k.toLowerCase() === kind.toLowerCase() || `${k.toLowerCase()}s` === kind.toLowerCase());
  if ((apiVersion === undefined || apiVersion === '') && meant !== undefined) {
    return {
      field: 'spec.scaleTargetRef.apiVersion',
      message: `the target ${kind} has no apiVersion, so the autoscaler looks for its kind in the core group, which has no ${meant}, and never scales it`,
      hint: `give its API version: scaleTargetRef: { apiVersion: 'apps/v1', kind: '${meant}', name: … }`,
    };
  }
  if (apiVersion === undefined || apiVersion === '' || SCALABLE_KINDS.has(kind) || (apiVersion === 'v1' && kind === 'ReplicationController')) {
    return undefined;
  }
  const group = groupOf(apiVersion);
  if (group !== 'apps' && KUBERNETES_GROUPS.has(group)) {
    return {
      field: 'spec.scaleTargetRef.kind',
      message: `a ${kind} of ${apiVersion} has no scale subresource, so the autoscaler can never scale it (it reports FailedGetScale)`,
      hint: 'scale a Deployment, StatefulSet or ReplicaSet (apiVersion apps/v1), which runs the pods to be scaled',
    };
  }
  if (group !== 'apps') {
    return scales(apiVersion, kind) === false ? {
      field: 'spec.scaleTargetRef.kind',
      message: `the CRD of ${kind} (${apiVersion}) declares no scale subresource, so the autoscaler can never scale it (it reports FailedGetScale), although the API server takes the autoscaler`,
      hint: `scale a kind whose CRD declares subresources.scale (specReplicasPath, statusReplicasPath) at ${apiVersion}, or the Deployment or StatefulSet the ${kind}'s operator runs, or drop the autoscaler`,
    } : undefined;
  }
  return {
    field: 'spec.scaleTargetRef.kind',
    message: meant !== undefined
      ? `kind "${kind}" is not written as the API names it, and the autoscaler finds a kind by its exact name, so it never scales the ${meant}`
      : `a ${kind} has no scale subresource${kind === 'DaemonSet' ? ' (it runs one pod on each node its placement allows)' : ''}, so the autoscaler can never scale it`,
    hint: meant !== undefined ? `write kind: '${meant}'`
      : kind === 'DaemonSet' ? 'drop the autoscaler: a DaemonSet has as many pods as nodes it may run on; a workload that scales by load is a Deployment or StatefulSet'
        : 'scale a Deployment, StatefulSet or ReplicaSet',
  };
}

/** An autoscaler of the output with the workload it scales. */
interface Autoscaler {
  readonly object: SynthesizedObject;
  /** How findings name it: `HorizontalPodAutoscaler web/web`. */
  readonly label: string;
  readonly target: ScaleTarget;
}

/** The cluster's HorizontalPodAutoscalers and KEDA ScaledObjects, each with its target as its controller reads it. */
function autoscalersOf(objects: readonly SynthesizedObject[]): Autoscaler[] {
  const index = indexOf(objects);
  const label = (object: SynthesizedObject) => `${object.manifest.kind} ${namespaceOf(object)}/${text(object.manifest.metadata?.name) ?? ''}`;
  const hpas = index.of('HorizontalPodAutoscaler').map((object) => {
    const ref = fields(fields(object.manifest.spec).scaleTargetRef);
    return { object, label: label(object), target: { apiVersion: text(ref.apiVersion), kind: text(ref.kind), name: text(ref.name) } };
  });
  const scaledObjects = index.of('ScaledObject').filter(isScaledObject).map((object) => ({ object, label: label(object), target: scaledObjectTarget(object) }));
  return [...hpas, ...scaledObjects];
}

/** The `apps/v1` workload of the output an autoscaler scales, where it names one so. */
function scaledWorkload(autoscaler: Autoscaler, objects: readonly SynthesizedObject[]): SynthesizedObject | undefined {
  const { apiVersion, kind, name } = autoscaler.target;
  if (apiVersion !== 'apps/v1' || kind === undefined || !SCALABLE_KINDS.has(kind) || name === undefined) {
    return undefined;
  }
  const target = indexOf(objects).find(kind, namespaceOf(autoscaler.object), name);
  return target?.manifest.apiVersion === 'apps/v1' ? target : undefined;
}

/** The fewest running pods an autoscaler leaves its workload, and how findings name the autoscaler. */
export interface AutoscaledMinimum {
  readonly replicas: number;
  readonly by: string;
}

/**
 * For each workload of the output an autoscaler scales, the fewest pods it runs while it runs any: an HPA's
 * `minReplicas` (1 unless written), a ScaledObject's `minReplicaCount` (0 unless written: KEDA then starts one pod
 * when work comes). That count, not the `spec.replicas` the workload was written with, is what a budget over its
 * pods is measured against.
 */
export function autoscaledMinimums(objects: readonly SynthesizedObject[]): Map<SynthesizedObject, AutoscaledMinimum> {
  const minimums = new Map<SynthesizedObject, AutoscaledMinimum>();
  for (const autoscaler of autoscalersOf(objects)) {
    const workload = scaledWorkload(autoscaler, objects);
    const spec = fields(autoscaler.object.manifest.spec);
    const written = isScaledObject(autoscaler.object) ? spec.minReplicaCount : spec.minReplicas;
    if (workload !== undefined && !minimums.has(workload)) {
      minimums.set(workload, { replicas: Math.max(1, typeof written === 'number' ? written : 1), by: autoscaler.label });
    }
  }
  return minimums;
}

/**
 * The second autoscaler of one workload: KEDA's webhook refuses a ScaledObject whose workload an HPA (other than
 * one it takes over) or another ScaledObject scales already, so the apply fails; reported on the ScaledObject.
 */
function sharedTarget(autoscaler: Autoscaler, earlier: readonly Autoscaler[]): Finding | undefined {
  if (!isScaledObject(autoscaler.object)) {
    return undefined;
  }
  const other = earlier.find((a) => isScaledObject(a.object) || !scaledObjectMayJoin(autoscaler.object, a.object));
  if (other === undefined) {
    return undefined;
  }
  const { kind, name } = autoscaler.target;
  return objectFinding(autoscaler.object, {
    layer, severity: 'error', field: 'spec.scaleTargetRef.name',
    message: `scales ${kind} ${namespaceOf(autoscaler.object)}/${name ?? ''}, which ${other.label} scales already: KEDA's admission webhook `
      + 'refuses a second autoscaler of one workload ("already managed by"), as the two would fight over its count',
    hint: isScaledObject(other.object)
      ? 'give the workload one ScaledObject and list the triggers of both in it'
      : 'let the ScaledObject alone scale it: drop the HorizontalPodAutoscaler and give the ScaledObject its CPU and memory targets as triggers (type: cpu, metricType: Utilization, metadata: { value: \'70\' })',
  });
}

/**
 * A HorizontalPodAutoscaler's or a KEDA ScaledObject's `scaleTargetRef` names a workload of the cluster (else it
 * never acts: the controller reports FailedGetScale), which no other autoscaler scales, and that workload leaves
 * its replica count to it: a manifest that sets `spec.replicas` makes the GitOps engine put the count back at every
 * reconcile while the autoscaler scales it away again, so the count flaps (Kubernetes' HPA documentation: remove
 * `spec.replicas` from the manifests). Targets outside `apps/v1` (a custom resource with a scale subresource), and
 * targets in a platform component's namespace (its chart makes them), are not checked.
 */
export function checkAutoscalerTargets(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const index = indexOf(cluster.objects);
  // A platform component's chart or upstream files make workloads this repository does not write out.
  const componentNamespaces = new Set(platformReading(cluster).namespaces);
  let scales: ((apiVersion: string, kind: string) => boolean | undefined) | undefined;
  const byTarget = new Map<SynthesizedObject, Autoscaler[]>();
  for (const autoscaler of autoscalersOf(cluster.objects)) {
    const { object } = autoscaler;
    const { apiVersion, kind, name } = autoscaler.target;
    const unscalable = isScaledObject(object) ? undefined
      : unscalableTarget(fields(fields(object.manifest.spec).scaleTargetRef), (apiVersion, kind) => (scales ??= customKindScales(cluster.objects))(apiVersion, kind));
    if (unscalable !== undefined) {
      findings.push(objectFinding(object, { layer, severity: 'error', ...unscalable }));
      continue;
    }
    const refused = isScaledObject(object) ? [podMetricsToZero(object), refusedReplicaBounds(object)] : [];
    refused.forEach((problem) => problem !== undefined && findings.push(objectFinding(object, problem)));
    if (apiVersion !== 'apps/v1' || kind === undefined || !SCALABLE_KINDS.has(kind) || name === undefined) {
      continue;
    }
    const namespace = namespaceOf(object);
    const target = index.find(kind, namespace, name);
    if ((target === undefined && !componentNamespaces.has(namespace ?? '')) || (target !== undefined && target.manifest.apiVersion !== 'apps/v1')) {
      const here = index.of(kind).filter((o) => namespaceOf(o) === namespace).map((o) => o.manifest.metadata.name);
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: 'spec.scaleTargetRef.name',
        message: `scales ${kind} ${namespace}/${name}, which the cluster does not have, so it never acts`,
        hint: here.length > 0
          ? `name a ${kind} of namespace ${namespace}: ${here.join(', ')}`
          : `name a ${kind} this repository makes in namespace ${namespace}; a workload installed some other way takes its autoscaler from there too`,
      }));
      continue;
    }
    if (target === undefined) {
      continue;
    }
    const earlier = byTarget.get(target) ?? [];
    byTarget.set(target, [...earlier, autoscaler]);
    const shared = sharedTarget(autoscaler, earlier);
    if (shared !== undefined) {
      findings.push(shared);
    }
    const replicas = fields(target.manifest.spec).replicas;
    if (replicas !== undefined && earlier.length === 0) {
      findings.push(objectFinding(target, {
        layer, severity: 'warning', field: 'spec.replicas',
        message: `sets replicas: ${String(replicas)} although ${autoscaler.label} scales it: `
          + 'the GitOps engine puts the count back at every reconcile and the autoscaler scales it away again',
        hint: "leave spec.replicas out of the workload and let the autoscaler own the count: an App given autoscaling: { external: '<what scales it>' } writes none (or autoscaling: { minReplicas, maxReplicas, cpuUtilization } renders the App's own HorizontalPodAutoscaler)",
      }));
    }
  }
  return findings;
}
