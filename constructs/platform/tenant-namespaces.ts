import type { ClusterChart } from './cluster-chart';

/** The namespaces the Tenants of each cluster own. */
const byCluster = new WeakMap<ClusterChart, Set<string>>();

/** Records that a Tenant of `cluster` owns `namespace`. */
export function noteTenantNamespace(cluster: ClusterChart, namespace: string): void {
  const namespaces = byCluster.get(cluster) ?? new Set<string>();
  namespaces.add(namespace);
  byCluster.set(cluster, namespaces);
}

/** The namespaces the Tenants of `cluster` own, as declared so far. */
export function tenantNamespaces(cluster: ClusterChart): ReadonlySet<string> {
  return byCluster.get(cluster) ?? new Set();
}
