import type { ClusterChart } from '../platform/cluster-chart';
import type { RouteIntent } from '../platform/route-flavor';

/**
 * Service ports that an app's route sends to another app's Service (a rule's backend that names it), or a
 * `ServiceRoute` sends to, by cluster and `namespace/service`; `undefined` stands for that Service's first port. The app behind such a
 * Service must admit the ingress there, though the route is not its own.
 */
const backendsByCluster = new WeakMap<ClusterChart, Map<string, Set<number | undefined>>>();

/**
 * The host names of those routes, by cluster and `namespace/service`: the app behind the Service is reached at them
 * too (n8n's webhooks on a host of their own, MinIO's console on another), so a URL it is told it is reached at may
 * name one of them.
 */
const hostsByCluster = new WeakMap<ClusterChart, Map<string, Set<string>>>();

/** Records the backends of `route` (an app `owner`'s) that name other Services of its namespace. */
export function recordRouteBackends(cluster: ClusterChart, namespace: string, owner: string, route: RouteIntent): void {
  for (const rule of route.rules ?? []) {
    for (const backend of rule.backends ?? []) {
      if (backend.service === undefined || backend.service === owner) {
        continue;
      }
      record(cluster, `${namespace}/${backend.service}`, backend.port);
      recordHost(cluster, `${namespace}/${backend.service}`, cluster.hostname(route.host));
    }
  }
}

/**
 * Records that a route the cluster's ingress serves directly (a `ServiceRoute`) sends to port `port` of Service
 * `namespace/service`: an app behind that Service admits the ingress there, though the route is not its own.
 */
export function recordRoutedService(cluster: ClusterChart, namespace: string, service: string, port: number, hostname: string): void {
  record(cluster, `${namespace}/${service}`, port);
  recordHost(cluster, `${namespace}/${service}`, hostname);
}

function recordHost(cluster: ClusterChart, key: string, hostname: string): void {
  let byService = hostsByCluster.get(cluster);
  if (!byService) {
    byService = new Map();
    hostsByCluster.set(cluster, byService);
  }
  byService.set(key, (byService.get(key) ?? new Set()).add(hostname));
}

function record(cluster: ClusterChart, key: string, port: number | undefined): void {
  let byService = backendsByCluster.get(cluster);
  if (!byService) {
    byService = new Map();
    backendsByCluster.set(cluster, byService);
  }
  byService.set(key, (byService.get(key) ?? new Set()).add(port));
}

/** The host names of the routes other than an app's own that send to Service `namespace/service`. */
export function hostsRoutedByOthers(cluster: ClusterChart, namespace: string, service: string): readonly string[] {
  return [...hostsByCluster.get(cluster)?.get(`${namespace}/${service}`) ?? []];
}

/** The ports of Service `namespace/service` that other apps' routes send to (`undefined`: its first port). */
export function portsRoutedByOthers(cluster: ClusterChart, namespace: string, service: string): ReadonlySet<number | undefined> {
  return backendsByCluster.get(cluster)?.get(`${namespace}/${service}`) ?? new Set();
}
