import { EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { NO_NETWORK_POLICY_ANNOTATION } from '../platform/component-network';
import type { SynthesizedCluster } from '../synth/collect';
import { fields, stringMap } from './manifest';
import { POD_SECURITY_ENFORCE_LABEL } from './policy';
import { podTemplates } from './pod-spec';

/** A security exemption that a workload of the output declares. */
export interface ExemptionInForce {
  /** `namespace/name` of the workload. */
  readonly workload: string;
  /** Exemption key, e.g. `host-network`. */
  readonly exemption: string;
  /** The reason given for it. */
  readonly reason: string;
}

/** Every exemption declared on a pod template of the cluster, in object order. */
export function exemptionsInForce(cluster: SynthesizedCluster): ExemptionInForce[] {
  return podTemplates(cluster.objects).flatMap((template) => Object.entries(template.annotations)
    .filter(([key]) => key.startsWith(EXEMPTION_ANNOTATION_PREFIX))
    .map(([key, reason]) => ({
      workload: `${template.namespace}/${template.object.manifest.metadata.name}`,
      exemption: key.slice(EXEMPTION_ANNOTATION_PREFIX.length),
      reason,
    })));
}

/** Namespaces of the cluster that enforce more than `restricted`, with their level. */
function widenedNamespaces(cluster: SynthesizedCluster): string[] {
  return cluster.objects.filter((o) => o.manifest.kind === 'Namespace')
    .map((o) => [o.manifest.metadata.name, stringMap(fields(o.manifest.metadata).labels)[POD_SECURITY_ENFORCE_LABEL]])
    .filter(([, level]) => level !== 'restricted')
    .map(([name, level]) => `${name} (${level ?? 'no level'})`);
}

/** The summary lines of one cluster: objects, checks run, exemptions in force. */
export function clusterSummary(cluster: SynthesizedCluster, checks: number): string[] {
  const exemptions = exemptionsInForce(cluster);
  const widened = widenedNamespaces(cluster);
  const unpoliced = namespacesWithoutPolicy(cluster);
  return [
    `${cluster.folder}: ${cluster.objects.length} objects, ${checks} checks, ${exemptions.length} exemption(s) in force`,
    ...exemptions.map((e) => `  exemption ${e.workload} ${e.exemption}: ${e.reason}`),
    ...(widened.length > 0 ? [`  namespaces above restricted: ${widened.join(', ')}`] : []),
    ...(unpoliced.length > 0 ? [`  namespaces whose component pods have no NetworkPolicy, with a reason: ${unpoliced.join(', ')}`] : []),
  ];
}

/** Namespaces of the cluster whose annotation says why the pods of their components have no NetworkPolicy. */
function namespacesWithoutPolicy(cluster: SynthesizedCluster): string[] {
  return cluster.objects.filter((o) => o.manifest.kind === 'Namespace'
    && stringMap(fields(o.manifest.metadata).annotations)[NO_NETWORK_POLICY_ANNOTATION] !== undefined)
    .map((o) => String(o.manifest.metadata.name));
}
