import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

const layer = 'references' as const;

/** The workload kinds of `apps/v1` an autoscaler scales through their scale subresource. */
const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

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
  for (const autoscaler of index.of('HorizontalPodAutoscaler')) {
    const ref = fields(fields(autoscaler.manifest.spec).scaleTargetRef);
    const kind = text(ref.kind);
    const name = text(ref.name);
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
