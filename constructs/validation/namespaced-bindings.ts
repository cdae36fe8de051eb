import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { Fields, fields, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { clusterScopedResources } from './rbac-rules';

const RBAC = 'rbac.authorization.k8s.io/v1';

/** A subject as RBAC matches it: its kind, name and (for a ServiceAccount) namespace. */
function subjectKey(subject: Fields, bindingNamespace: string): string {
  const namespace = subject.kind === 'ServiceAccount' ? text(subject.namespace) ?? bindingNamespace : '';
  return `${String(subject.kind)}/${namespace}/${String(subject.name)}`;
}

/**
 * What a ClusterRole's rules grant only cluster-wide: built-in resources of no namespace (`nodes`,
 * `persistentvolumes`) and non-resource URLs (`/metrics`). Pure.
 */
export function clusterWideGrants(role: SynthesizedObject): string[] {
  return list(role.manifest.rules).flatMap((rule) => [
    ...clusterScopedResources(rule),
    ...(Array.isArray(rule.nonResourceURLs) ? rule.nonResourceURLs.map(String) : []),
  ]);
}

/**
 * A RoleBinding of a ClusterRole grants its rules in the binding's namespace alone, so the ClusterRole's
 * rules on resources of no namespace (`nodes`) or on non-resource URLs grant a subject nothing unless a
 * ClusterRoleBinding of that role reaches it too (`kubectl get nodes` is forbidden). A warning on the
 * RoleBinding's `roleRef.name`: a ClusterRole is often shared on purpose, its cluster-wide rules then
 * unused here. ClusterRoles the repository does not render, and aggregated ones, are left alone.
 */
export function checkNamespacedBindings(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const clusterBindings = index.of('ClusterRoleBinding').filter((b) => b.manifest.apiVersion === RBAC);
  return index.of('RoleBinding').filter((b) => b.manifest.apiVersion === RBAC).flatMap((binding) => {
    const roleRef = fields(binding.manifest.roleRef);
    const role = roleRef.kind === 'ClusterRole' ? index.of('ClusterRole').find((r) => r.manifest.metadata.name === roleRef.name) : undefined;
    const grants = role === undefined || role.manifest.aggregationRule !== undefined ? [] : clusterWideGrants(role);
    if (grants.length === 0) {
      return [];
    }
    const namespace = namespaceOf(binding);
    const reached = new Set(clusterBindings.filter((b) => fields(b.manifest.roleRef).name === roleRef.name)
      .flatMap((b) => list(b.manifest.subjects).map((s) => subjectKey(s, ''))));
    const unreached = list(binding.manifest.subjects).filter((s) => !reached.has(subjectKey(s, namespace)));
    if (unreached.length === 0) {
      return [];
    }
    const who = unreached.map((s) => `${String(s.kind)} ${String(s.name)}`).join(', ');
    return [objectFinding(binding, {
      layer: 'references', severity: 'warning', field: 'roleRef.name',
      message: `RoleBinding ${namespace}/${binding.manifest.metadata.name} grants ClusterRole ${String(roleRef.name)} in namespace ${namespace} alone, `
        + `so its rules on ${grants.map((g) => `"${g}"`).join(', ')}, which belong to no namespace, give ${who} nothing`,
      hint: `grant ${grants.join(', ')} to ${who} in a ClusterRole of their own, bound by a ClusterRoleBinding (one of ClusterRole ${String(roleRef.name)} `
        + 'would grant its namespaced rules in every namespace too), or drop those rules from it',
    })];
  });
}
