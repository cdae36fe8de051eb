import type { ClusterChart } from './cluster-chart';

/** The namespaces the Tenants of each cluster own, each with the construct path of its Tenant. */
const byCluster = new WeakMap<ClusterChart, Map<string, string>>();

/**
 * Records that the Tenant at construct path `owner` of `cluster` owns `namespace`; returns the path of the
 * Tenant that owns it already, if another does.
 */
export function noteTenantNamespace(cluster: ClusterChart, namespace: string, owner: string): string | undefined {
  const namespaces = byCluster.get(cluster) ?? new Map<string, string>();
  byCluster.set(cluster, namespaces);
  const earlier = namespaces.get(namespace);
  if (earlier === undefined) {
    namespaces.set(namespace, owner);
  }
  return earlier;
}

/** The namespaces the Tenants of `cluster` own, as declared so far. */
export function tenantNamespaces(cluster: ClusterChart): ReadonlySet<string> {
  return new Set(byCluster.get(cluster)?.keys());
}

/** The namespaces the Tenants of `cluster` own, each with the construct path of its Tenant. */
export function tenantNamespaceOwners(cluster: ClusterChart): ReadonlyMap<string, string> {
  return new Map(byCluster.get(cluster));
}

/** The OIDC groups of the Tenants of each cluster, each with the namespace of its Tenant. */
const groupsByCluster = new WeakMap<ClusterChart, Map<string, string>>();

/** Records that the Tenant of `namespace` in `cluster` binds `groups` there. */
export function noteTenantGroups(cluster: ClusterChart, namespace: string, groups: readonly string[]): void {
  const known = groupsByCluster.get(cluster) ?? new Map<string, string>();
  groupsByCluster.set(cluster, known);
  groups.forEach((group) => known.set(group, namespace));
}

/** The OIDC groups of the Tenants of `cluster`, each with the namespace of its Tenant. */
export function tenantGroups(cluster: ClusterChart): ReadonlyMap<string, string> {
  return new Map(groupsByCluster.get(cluster));
}
