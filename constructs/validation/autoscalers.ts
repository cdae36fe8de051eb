import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { customKindScales } from './schema-layer';
import { groupOf, KUBERNETES_GROUPS } from './schema/served-kinds';

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

/**
 * A HorizontalPodAutoscaler's `scaleTargetRef` names a workload of the cluster (else it never acts: the
 * controller reports FailedGetScale), and that workload leaves its replica count to it: a manifest that
 * sets `spec.replicas` makes the GitOps engine put the count back at every reconcile while the autoscaler
 * scales it away again, so the count flaps (Kubernetes' HPA documentation: remove `spec.replicas` from
 * the manifests). Targets outside `apps/v1` (a custom resource with a scale subresource), and targets in a
 * platform component's namespace (its chart makes them), are not checked.
 */
export function checkAutoscalerTargets(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const index = indexOf(cluster.objects);
  // A platform component's chart or upstream files make workloads this repository does not write out.
  const componentNamespaces = new Set(cluster.chart.platform.namespaces);
  let scales: ((apiVersion: string, kind: string) => boolean | undefined) | undefined;
  for (const autoscaler of index.of('HorizontalPodAutoscaler')) {
    const ref = fields(fields(autoscaler.manifest.spec).scaleTargetRef);
    const kind = text(ref.kind);
    const name = text(ref.name);
    const unscalable = unscalableTarget(ref, (apiVersion, kind) => (scales ??= customKindScales(cluster.objects))(apiVersion, kind));
    if (unscalable !== undefined) {
      findings.push(objectFinding(autoscaler, { layer, severity: 'error', ...unscalable }));
      continue;
    }
    if (ref.apiVersion !== 'apps/v1' || kind === undefined || !SCALABLE_KINDS.has(kind) || name === undefined) {
      continue;
    }
    const namespace = namespaceOf(autoscaler);
    const target = index.find(kind, namespace, name);
    if ((target === undefined && !componentNamespaces.has(namespace ?? '')) || (target !== undefined && target.manifest.apiVersion !== 'apps/v1')) {
      const here = index.of(kind).filter((o) => namespaceOf(o) === namespace).map((o) => o.manifest.metadata.name);
      findings.push(objectFinding(autoscaler, {
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
    const replicas = fields(target.manifest.spec).replicas;
    if (replicas !== undefined) {
      findings.push(objectFinding(target, {
        layer, severity: 'warning', field: 'spec.replicas',
        message: `sets replicas: ${String(replicas)} although HorizontalPodAutoscaler ${namespace}/${autoscaler.manifest.metadata.name} scales it: `
          + 'the GitOps engine puts the count back at every reconcile and the autoscaler scales it away again',
        hint: 'leave spec.replicas out of the workload and let the autoscaler own the count (an App always writes its replicas: write such a workload by hand, or scale a Knative app with minScale and maxScale)',
      }));
    }
  }
  return findings;
}
