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

/** A port of the app's Service as a TCP route reads it: its number there, its protocol and its name. */
export interface TcpRouteTarget {
  /** The port's name. */
  readonly name: string;
  /** The port the process listens on. */
  readonly port: number;
  /** The Service's port for it. @default - `port` */
  readonly servicePort?: number;
  /** @default 'TCP' */
  readonly protocol?: string;
}

/**
 * Why a TCP route's `port` reaches none of the app's TCP Service ports, or undefined. The route forwards
 * to the Service port of that number, so without it the ingress dials a port nothing serves (or a UDP
 * port, which TCP never reaches). Pure.
 */
export function tcpRoutePortProblem(ports: readonly TcpRouteTarget[], port: number): { message: string; hint: string } | undefined {
  const numberOf = (p: TcpRouteTarget) => p.servicePort ?? p.port;
  const tcp = ports.filter((p) => (p.protocol ?? 'TCP') === 'TCP');
  if (tcp.some((p) => numberOf(p) === port)) {
    return undefined;
  }
  const other = ports.find((p) => numberOf(p) === port);
  const choices = tcp.map((p) => `${numberOf(p)} (${p.name})`).join(', ');
  const reuse = tcp.length > 0 ? `; or give the port the app serves there this number on its Service: servicePort: ${port} (beside its port)` : '';
  return {
    message: other
      ? `port ${port} of the app is ${other.protocol}, and a TCP route forwards TCP only, which never reaches it`
      : `port ${port} is not one of the app's Service ports, and a TCP route forwards to the Service port of its own number`,
    hint: other
      ? `expose a ${other.protocol} port through a LoadBalancer Service instead: addLoadBalancer({ address, ports: ['${other.name}'] })`
      : `${choices ? `use one of the app's TCP ports: ${choices}` : 'add the TCP port the app serves to `ports`'}${reuse}`,
  };
}
