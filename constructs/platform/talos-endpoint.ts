import { parseIpv4, parseIpv6 } from '../inventory/ip';
import { addressInUrl } from '../inventory/ip-address';
import { DNS_NAME } from '../validation/dns-names';
import type { PropProblem } from '../validation/known-props';
import type { AddressPool } from '../inventory/address-pool';
import type { TalosPatch } from './talos-steps';
import { ClusterRange, rangeHolding } from './cluster-ranges';

// Where kubectl, CI and the nodes reach the API server of a Talos cluster: its cluster endpoint. A node's
// own address makes that node the one way in; a DNS name with every control-plane node's address (or a
// VIP) keeps the API reachable while any one of them is down.

/** Port of the Kubernetes API server on a Talos control-plane node. */
export const TALOS_API_SERVER_PORT = 6443;

/** Names of the machine itself, which every client of the endpoint would take for its own. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

/** The cluster-endpoint option of `talos()`. */
export interface TalosEndpointProps {
  /**
   * The host of the API server's cluster endpoint (`https://<clusterEndpoint>:6443` in the generated configs and
   * in the kubeconfig): a DNS name that resolves to every control-plane node's address (one A record each,
   * so clients reach another API server while one node is down), or a VIP that moves between them (a
   * load balancer, or Talos' `machine.network.interfaces[].vip`, which the owner sets up). The API server's
   * certificate names it too (`cluster.apiServer.certSANs`). For a DNS name the steps say which records to
   * make, before `talosctl bootstrap`: the nodes reach the API server by it.
   * @default - the bootstrap node's address, which makes that node the only way to the API server
   */
  readonly clusterEndpoint?: string;
}

/** Whether `endpoint` is an IP address (a VIP), not a DNS name. */
export function isEndpointAddress(endpoint: string): boolean {
  return parseIpv4(endpoint) !== undefined || parseIpv6(endpoint) !== undefined;
}

/** The endpoint as a URL host: an IPv6 address goes in brackets. */
export function endpointUrl(endpoint: string): string {
  return `https://${addressInUrl(endpoint)}:${TALOS_API_SERVER_PORT}`;
}

/** The control-plane patch that puts the endpoint in the API server's certificate, which clients check by that name. */
export function talosEndpointPatch(endpoint: string): TalosPatch {
  return {
    what: `the API server's certificate names ${endpoint} too (cluster.apiServer.certSANs), which kubectl checks when it connects by that name`,
    patch: { cluster: { apiServer: { certSANs: [endpoint] } } },
  };
}

/**
 * The step that makes a DNS-name endpoint resolve to every control-plane address, before bootstrap:
 * the kubeconfig and the nodes reach the API server by that name.
 */
export function talosEndpointRecordsStep(endpoint: string, controlPlaneAddresses: readonly string[], tailnetResolver = false): string {
  // Tailscale's resolver answers a name outside the tailnet's own only through Split DNS, from a nameserver
  // that must answer before the cluster runs.
  const where = tailnetResolver
    ? 'in the DNS the nodes ask, Tailscale\'s resolver: in the DNS page of the Tailscale admin console, send the name\'s domain (Split DNS) to a nameserver '
      + 'on the tailnet outside this cluster that holds these records, which the machines that run kubectl on the tailnet then ask too'
    : 'in the DNS the nodes ask and the machines that run kubectl ask';
  return `DNS name of the API server, the cluster endpoint of the configs: answer ${endpoint} with every control-plane node's address `
    + `(${controlPlaneAddresses.join(', ')}; one record each, so kubectl, CI and the nodes reach another API server while one node is down), ${where}, `
    + 'before bootstrap: the nodes and the kubeconfig below reach the API server by this name. '
    + `Check it where you run kubectl: nslookup ${endpoint}`;
}

/**
 * The step that makes a VIP endpoint answer, before bootstrap: the configs, the nodes and the kubeconfig
 * reach the API server at it, and nothing of the repository or of `talosctl gen config` sets it up.
 */
export function talosEndpointVipStep(vip: string, controlPlaneAddresses: readonly string[]): string {
  const patch = JSON.stringify({ machine: { network: { interfaces: [{ interface: '<interface>', vip: { ip: vip } }] } } });
  return `VIP of the API server, the cluster endpoint of the configs: nothing makes ${vip} answer by itself. Before bootstrap, give it to the `
    + `control-plane nodes (${controlPlaneAddresses.join(', ')}) as Talos' shared VIP, on the interface each has on that network, keeping `
    + `its addressing (dhcp: true or its addresses, as it has them): talosctl patch mc --nodes ${controlPlaneAddresses.join(',')} --patch '${patch}'; `
    + `or put a load balancer of their port ${TALOS_API_SERVER_PORT} at that address. Talos' VIP is taken by a control-plane node once etcd runs, `
    + 'so the kubeconfig below reaches the API server at it after bootstrap';
}

/** What `clusterEndpoint` cannot take beyond its type: a URL, a port, anything that is no DNS name or address. Pure. */
export function talosEndpointProblems(props: TalosEndpointProps): PropProblem[] {
  const endpoint = props?.clusterEndpoint;
  if (typeof endpoint !== 'string') {
    return [];
  }
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?\[?([^/\]]+?)\]?(?::\d+)?(?:\/.*)?$/i.exec(endpoint.trim())?.[1];
  if ([endpoint, host ?? ''].some((name) => LOOPBACK_HOSTS.includes(name.trim().toLowerCase()))) {
    return [{
      field: 'clusterEndpoint',
      message: `"${endpoint}" is the machine itself, as KubePrism is on every node (localhost:7445), and the cluster endpoint is where talosctl, kubectl and `
        + 'the nodes that join reach the API server from elsewhere: the configs and the kubeconfig would name each client\'s own machine',
      hint: "leave clusterEndpoint out to use the bootstrap node's address, or give a DNS name of every control-plane node or a VIP; Cilium reaches KubePrism through cilium({ ...ciliumOnTalos() })",
    }];
  }
  if (isEndpointAddress(endpoint) || (DNS_NAME.pattern.test(endpoint) && endpoint.length <= DNS_NAME.maxLength)) {
    return [];
  }
  const written = host !== undefined && host !== endpoint && (isEndpointAddress(host) || DNS_NAME.pattern.test(host.toLowerCase()));
  return [{
    field: 'clusterEndpoint',
    message: `"${endpoint}" is no DNS name or IP address, and the steps make the endpoint https://<clusterEndpoint>:${TALOS_API_SERVER_PORT} from it`,
    hint: written
      ? `write the host alone, without scheme or port: clusterEndpoint: '${host!.toLowerCase()}'`
      : "write a DNS name in lower case that resolves to the control-plane nodes (e.g. 'kube.lab.example'), or a VIP such as '192.168.1.10'",
  }];
}

/**
 * What is wrong with a VIP as the API server's address where the cluster runs (`option`, `talos()`'s
 * `clusterEndpoint` by default, or the host of `k3s()`'s `serverUrl`, where kube-vip or keepalived puts it):
 * inside one of its pod or Service `ranges` the nodes reach a cluster address, never the control plane; inside
 * a load-balancer pool the load balancer may hand it to a Service, and two machines answer for it.
 * `controlPlanes` are the control-plane nodes' addresses, for the hint. A DNS name has none of these. Pure.
 */
export function endpointAddressProblems(endpoint: unknown, ranges: readonly ClusterRange[], pools: readonly AddressPool[], controlPlanes: readonly string[], option = 'clusterEndpoint'): PropProblem[] {
  if (typeof endpoint !== 'string' || !isEndpointAddress(endpoint)) {
    return [];
  }
  const range = rangeHolding(endpoint, ranges);
  const pool = pools.find((p) => p.contains(endpoint));
  return [
    ...(range === undefined ? [] : [{
      field: option,
      message: `the API server's endpoint ${endpoint} lies in ${range.cidr}, ${range.label}: the nodes would reach a cluster address there, never the control plane`,
      hint: `give ${option} a VIP on the control-plane nodes' network (${controlPlanes.join(', ') || 'their addresses'}), or a DNS name of them`,
    }]),
    ...(pool === undefined ? [] : [{
      field: option,
      message: `the API server's endpoint ${endpoint} lies in pool "${pool.name}" (${pool.range}), whose addresses the load balancer hands to Services: two machines would answer for it`,
      hint: `give ${option} a VIP outside every load-balancer pool, or take the pool's addresses from elsewhere`,
    }]),
  ];
}
