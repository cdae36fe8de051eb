import type { ClusterChart } from '../platform/cluster-chart';
import type { RouteIntent } from '../platform/route-flavor';

/**
 * Service ports that an app's route sends to another app's Service (a rule's backend that names it), or a
 * `ServiceRoute` sends to, by cluster and `namespace/service`; `undefined` stands for that Service's first port. The app behind such a
 * Service must admit the ingress there, though the route is not its own.
 */
const backendsByCluster = new WeakMap<ClusterChart, Map<string, Set<number | undefined>>>();

/** Records the backends of `route` (an app `owner`'s) that name other Services of its namespace. */
export function recordRouteBackends(cluster: ClusterChart, namespace: string, owner: string, route: RouteIntent): void {
  for (const rule of route.rules ?? []) {
    for (const backend of rule.backends ?? []) {
      if (backend.service === undefined || backend.service === owner) {
        continue;
      }
      record(cluster, `${namespace}/${backend.service}`, backend.port);
    }
  }
}

/**
 * Records that a route the cluster's ingress serves directly (a `ServiceRoute`) sends to port `port` of Service
 * `namespace/service`: an app behind that Service admits the ingress there, though the route is not its own.
 */
export function recordRoutedService(cluster: ClusterChart, namespace: string, service: string, port: number): void {
  record(cluster, `${namespace}/${service}`, port);
}

function record(cluster: ClusterChart, key: string, port: number | undefined): void {
  let byService = backendsByCluster.get(cluster);
  if (!byService) {
    byService = new Map();
    backendsByCluster.set(cluster, byService);
  }
  byService.set(key, (byService.get(key) ?? new Set()).add(port));
}

/** The ports of Service `namespace/service` that other apps' routes send to (`undefined`: its first port). */
export function portsRoutedByOthers(cluster: ClusterChart, namespace: string, service: string): ReadonlySet<number | undefined> {
  return backendsByCluster.get(cluster)?.get(`${namespace}/${service}`) ?? new Set();
}
