import { formatIpBlock, networkOf, parseIpBlock, parseIpv4, parseIpv6 } from '../inventory/ip';
import { canonicalIp } from '../inventory/ip-address';
import type { PropProblem } from '../validation/known-props';
import { splitEntryHint } from '../validation/text-lists';
import type { TalosPatch } from './talos-steps';

// How the nodes of a Talos cluster resolve names and which of their networks the cluster runs on: the
// options of `talos()` that become machine-config steps, and what those options cannot take.

/** Tailscale's resolver on every machine of a tailnet ("quad-100"): MagicDNS names and the tailnet's Split DNS domains. */
export const TAILSCALE_RESOLVER = '100.100.100.100';

/** The block Tailscale gives its machines' IPv4 addresses from (CGNAT space). */
export const TAILNET_SUBNET = '100.64.0.0/10';

/** The interface Talos' Tailscale extension gives the tailnet on every node. */
export const TAILSCALE_INTERFACE = 'tailscale0';

/**
 * The patch that has Talos' Flannel carry the pods' traffic between the nodes over the tailnet: Flannel
 * takes the interface of the node's default route (the LAN) unless told otherwise, which would send that
 * traffic unencrypted over the LAN, from addresses that are not the nodes' on the tailnet.
 */
export const TALOS_FLANNEL_OVER_TAILNET: TalosPatch = {
  what: `Talos' Flannel carries the pods' traffic between the nodes over the tailnet (cluster.network.cni.flannel.extraArgs --iface=${TAILSCALE_INTERFACE}), `
    + "not over the interface of the node's default route",
  patch: { cluster: { network: { cni: { name: 'flannel', flannel: { extraArgs: [`--iface=${TAILSCALE_INTERFACE}`] } } } } },
};

/** Networking options of `talos()`. */
export interface TalosNetworkProps {
  /**
   * DNS servers of every node, in order (`machine.network.nameservers`; IP addresses). The same step keeps
   * Talos' host DNS forwarding CoreDNS to the node (`machine.features.hostDNS.forwardKubeDNSToHost`), so pods
   * resolve names outside the cluster through them too. `[TAILSCALE_RESOLVER]` makes tailnet names resolve
   * for the kubelet's NFS mounts, containerd's pulls and pods: the Tailscale extension runs in a container of
   * its own and cannot point the node's resolver at itself.
   * @default - the resolvers Talos finds (DHCP, or 8.8.8.8 and 1.1.1.1)
   */
  readonly nameservers?: string[];
  /**
   * The nodes' networks the cluster runs on, for nodes with more than one (CIDR blocks): etcd advertises its
   * address there (`cluster.etcd.advertisedSubnets`) and the kubelet takes its node IP from them
   * (`machine.kubelet.nodeIP.validSubnets`). `[TAILNET_SUBNET]` keeps the cluster's traffic on a Tailscale
   * tailnet instead of the LAN.
   * @default - the addresses Talos picks, usually the LAN's
   */
  readonly clusterSubnets?: string[];
  /**
   * The pods' network (`cluster.network.podSubnets`; CIDR blocks): the controller manager gives each node a
   * block of it as its PodCIDR, which Cilium's `kubernetes` IPAM and Flannel take the pods' addresses from.
   * Written when the design names it, so the configs do not depend on Talos' default staying the same; it
   * must not overlap the nodes' LAN or the Services' network (10.96.0.0/12).
   * @default - Talos' own, 10.244.0.0/16
   */
  readonly podSubnets?: string[];
  /**
   * Join every node to a tailnet with Talos' Tailscale system extension (`siderolabs/tailscale`): the steps
   * make the Image Factory schematic and installer image that carry it, and the auth key it logs in with,
   * which stays out of Git. With `nameservers: [TAILSCALE_RESOLVER]` the extension also takes the tailnet's
   * DNS settings (`tailscale up --accept-dns=true`), without which that resolver answers no Split DNS domain.
   * @default false
   */
  readonly tailscaleExtension?: boolean;
}

/** The patches that keep etcd (control-plane nodes) and the kubelet (every node) on `subnets`. */
export function talosClusterSubnetsPatches(subnets: readonly string[]): { everyNode: TalosPatch; controlPlane: TalosPatch } {
  return {
    everyNode: {
      what: `the kubelet takes its node IP on ${subnets.join(', ')} (machine.kubelet.nodeIP.validSubnets)`,
      patch: { machine: { kubelet: { nodeIP: { validSubnets: subnets } } } },
    },
    controlPlane: {
      what: `etcd advertises its address on ${subnets.join(', ')}, not on another network of the node (cluster.etcd.advertisedSubnets)`,
      patch: { cluster: { etcd: { advertisedSubnets: subnets } } },
    },
  };
}

/** The patch that gives the pods' addresses from `subnets`. */
export function talosPodSubnetsPatch(subnets: readonly string[]): TalosPatch {
  return {
    what: `the pods' addresses come from ${subnets.join(', ')}, each node's PodCIDR a block of it (cluster.network.podSubnets)`,
    patch: { cluster: { network: { podSubnets: subnets } } },
  };
}

/**
 * The patch that points every node's resolver, and through Talos' host DNS CoreDNS, at `nameservers`;
 * with `why` when it must wait for the running nodes: Tailscale's resolver answers only once the node is
 * on the tailnet, and the first install pulls its image by name.
 */
export function talosNameserversPatch(nameservers: readonly string[]): TalosPatch & { why?: string } {
  const patch = { machine: { network: { nameservers }, features: { hostDNS: { enabled: true, forwardKubeDNSToHost: true } } } };
  const what = `resolve names through ${nameservers.join(', ')} (machine.network.nameservers), and let CoreDNS send names outside the cluster to the `
    + "node's resolver (machine.features.hostDNS.forwardKubeDNSToHost), so the kubelet, containerd and pods resolve alike";
  return nameservers.includes(TAILSCALE_RESOLVER)
    ? {
      what, patch,
      why: `${TAILSCALE_RESOLVER} answers on the tailnet only, so this waits until tailscale status lists every node (the first install pulls its image `
        + 'through the LAN\'s resolver); and turn on Override local DNS in the DNS page of the Tailscale admin console, with the global nameservers the '
        + `tailnet should use: otherwise ${TAILSCALE_RESOLVER} answers only the tailnet's own names and every other name fails (tailscale/tailscale#12760)`,
    }
    : { what, patch };
}

/** What the networking options of `talos()` cannot take beyond their types. Pure. */
export function talosNetworkProblems(props: TalosNetworkProps): PropProblem[] {
  const isAddress = (server: string) => parseIpv4(server) !== undefined || parseIpv6(server) !== undefined;
  const nameservers = (Array.isArray(props?.nameservers) ? props.nameservers : []).flatMap((server, i, all): PropProblem[] => {
    if (typeof server !== 'string' || isAddress(server)) {
      return [];
    }
    // Several servers in one text, as resolv.conf or a router's form lists them, are the list's entries.
    const split = splitEntryHint('nameservers', all, i, isAddress);
    return [split ? { field: `nameservers[${i}]`, message: `"${server}" holds several DNS servers in one text`, hint: split } : {
      field: `nameservers[${i}]`, message: `"${server}" is no IP address, and Talos takes its DNS servers by address`,
      hint: `write the server's address, e.g. '${TAILSCALE_RESOLVER}' for Tailscale's resolver`,
    }];
  });
  const subnets = (Array.isArray(props?.clusterSubnets) ? props.clusterSubnets : []).flatMap((subnet, i): PropProblem[] => {
    const problem = typeof subnet === 'string' ? clusterSubnetProblem(subnet, `'${TAILNET_SUBNET}' for a Tailscale tailnet`) : undefined;
    return problem === undefined ? [] : [{ field: `clusterSubnets[${i}]`, ...problem }];
  });
  const podSubnets = (Array.isArray(props?.podSubnets) ? props.podSubnets : []).flatMap((subnet, i): PropProblem[] => {
    const problem = typeof subnet === 'string' ? clusterSubnetProblem(subnet, "'10.244.0.0/16', Talos' own") : undefined;
    return problem === undefined ? [] : [{ field: `podSubnets[${i}]`, ...problem }];
  });
  const seen = new Map<string, number>();
  (Array.isArray(props?.nameservers) ? props.nameservers : []).forEach((server, i) => {
    const key = typeof server === 'string' ? canonicalIp(server) : undefined;
    if (key === undefined) {
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      nameservers.push({
        field: `nameservers[${i}]`, message: `"${server}" is listed already, as nameservers[${first}]; the node's resolver would ask it twice and use no other server in its place`,
        hint: 'list each DNS server once',
      });
    } else {
      seen.set(key, i);
    }
  });
  return [...nameservers, ...subnets, ...podSubnets, ...emptyListProblems(props)];
}

/**
 * Why `subnet` cannot be one of the networks of Talos' config (the nodes' or the pods'), or undefined when it can.
 * A block with host bits set (`10.244.1.0/16`) is refused: Talos would widen it to its whole network
 * without a word, which is seldom the network that was meant. Pure.
 */
export function clusterSubnetProblem(subnet: string, example: string): { readonly message: string; readonly hint: string } | undefined {
  const block = parseIpBlock(subnet);
  if (block === undefined) {
    return { message: `"${subnet}" is no CIDR block, and Talos takes its networks as blocks`, hint: `write the network as address/prefix, e.g. ${example}` };
  }
  const network = networkOf(block);
  if (network === block.address) {
    return undefined;
  }
  const written = formatIpBlock(block.family, network, block.prefix);
  return {
    message: `"${subnet}" has host bits set: the network of /${block.prefix} is ${written}, which Talos would take instead`,
    hint: `write '${written}' for that network, or the prefix of the network you meant with its host bits cleared`,
  };
}

/** Lists of `talos()` given empty, which would be taken as not given at all: a default the user did not choose. */
function emptyListProblems(props: TalosNetworkProps): PropProblem[] {
  const defaults: Array<[keyof TalosNetworkProps, string]> = [
    ['nameservers', 'the resolvers Talos finds (DHCP, or 8.8.8.8 and 1.1.1.1)'],
    ['clusterSubnets', 'the addresses Talos picks'],
    ['podSubnets', "Talos' own pod network, 10.244.0.0/16"],
  ];
  return defaults.flatMap(([field, fallback]): PropProblem[] => Array.isArray(props?.[field]) && (props[field] as unknown[]).length === 0 ? [{
    field, message: `${field} is an empty list, which leaves ${fallback}`, hint: `list at least one, or leave ${field} out for ${fallback}`,
  }] : []);
}
