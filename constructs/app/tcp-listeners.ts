import type { ClusterChart } from '../platform/cluster-chart';

/**
 * The apps whose TCP routes hold a listener of the ingress, by cluster and listener name. Plain TCP carries
 * no host name (Traefik can only match `HostSNI(*)` without TLS, a Gateway's TCPRoute has no hostnames), so
 * the ingress cannot tell two routes on one listener apart: one of them gets every connection.
 */
const holdersByCluster = new WeakMap<ClusterChart, Map<string, string>>();

/**
 * Gives `listener` of `cluster` to the app `holder` (`namespace/name`), unless an app holds it already:
 * then that app is returned, and the listener stays with it.
 */
export function claimTcpListener(cluster: ClusterChart, listener: string, holder: string): string | undefined {
  let holders = holdersByCluster.get(cluster);
  if (!holders) {
    holders = new Map();
    holdersByCluster.set(cluster, holders);
  }
  const earlier = holders.get(listener);
  if (earlier === undefined) {
    holders.set(listener, holder);
  }
  return earlier;
}
