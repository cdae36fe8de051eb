import type { Host } from '../inventory/host';
import { parseIpAddress } from '../inventory/ip-address';
import { networkBounds, Vlan, VlanNetwork } from '../inventory/vlan';
import type { PropProblem } from '../validation/known-props';
import { TAILNET_SUBNET } from './talos-network';
import { cidrBlocks, ClusterRange, distributionRanges, KNOWN_DISTRIBUTIONS, overlaps, RangeVlanProblem, rangeVlanProblems } from './cluster-ranges';

// How a Talos cluster's networks meet the site's: `clusterSubnets` are networks the nodes have addresses
// on, and the pod and Service ranges Talos gives the cluster are no network of the site.

/** Talos' default pod and Service ranges (`cluster.network.podSubnets`, `serviceSubnets`); `talos({ podSubnets })` replaces the first. */
export const TALOS_CLUSTER_RANGES: ReadonlyArray<{ readonly cidr: string; readonly what: string }> = talosClusterRanges();

/** Whether `address` lies in `network`. Pure. */
function holds(network: VlanNetwork, address: string): boolean {
  const value = parseIpAddress(address);
  return value !== undefined && value.family === network.family && value.value >= network.first && value.value <= network.last;
}

/**
 * Whether node `host` has an address in `network`: its inventory address, its maintenance address, a VLAN it has an
 * interface on, or, with the Tailscale extension, its tailnet address (which the inventory need not know). Pure.
 */
function nodeOn(network: VlanNetwork, host: Host<any, any>, maintenance: string | undefined, tailnet: boolean): boolean {
  const tailnetNetwork = networkBounds(TAILNET_SUBNET)!;
  return host.addresses.some((a) => holds(network, a)) || (maintenance !== undefined && holds(network, maintenance))
    || host.vlanInterfaces.some((link) => link.vlan.network !== undefined && overlaps(network, link.vlan.network))
    || (tailnet && overlaps(network, tailnetNetwork));
}

/** The options of `talos()` the checks of its subnets read. */
export interface TalosSubnetOptions {
  readonly clusterSubnets?: readonly unknown[];
  readonly tailscaleExtension?: boolean;
  readonly maintenanceAddresses?: Readonly<Record<string, unknown>>;
}

/**
 * What is wrong with `clusterSubnets` for the cluster's `nodes` on the site's `vlans`: a block in which no node
 * has an address (Talos takes the kubelet's node IP and etcd's address only from these networks; the pod or
 * Service range written here, as other tools name their pod CIDRs, is the usual one), a block inside
 * another of the list (it adds nothing), and, when every block holds a node, a node that none holds (its
 * kubelet would find no node IP). Blocks that are no CIDR block are reported already. Pure.
 */
export function clusterSubnetProblems(options: TalosSubnetOptions, hosts: readonly Host<any, any>[], vlans: readonly Vlan[]): PropProblem[] {
  // A node whose address is no address has that error of its own: no block is wrong for it.
  const nodes = hosts.filter((host) => host.addresses.every((a) => parseIpAddress(a) !== undefined));
  const written = Array.isArray(options?.clusterSubnets) ? options.clusterSubnets : [];
  const networks = written.map((subnet) => networkBounds(subnet));
  const maintenance = (host: Host<any, any>): string | undefined => {
    const address = options?.maintenanceAddresses?.[host.name];
    return typeof address === 'string' ? address : undefined;
  };
  const tailnet = options?.tailscaleExtension === true;
  const onNetworks = nodeNetworks(nodes, vlans);
  const meant = onNetworks.length > 0 ? `clusterSubnets: [${onNetworks.map((n) => `'${n}'`).join(', ')}]` : 'the networks of the nodes\' addresses';
  const problems: PropProblem[] = [];
  const empty: number[] = [];
  networks.forEach((network, i) => {
    if (network === undefined) {
      return;
    }
    const outer = networks.findIndex((other, j) => other !== undefined && j !== i && other.family === network.family
      && other.first <= network.first && network.last <= other.last && (other.prefix < network.prefix || j < i));
    if (outer !== -1) {
      problems.push({
        field: `clusterSubnets[${i}]`, message: `"${String(written[i])}" lies within clusterSubnets[${outer}] ("${String(written[outer])}"), so it adds no network`,
        hint: `list each network once: leave clusterSubnets[${i}] out`,
      });
    } else if (!nodes.some((host) => nodeOn(network, host, maintenance(host), tailnet))) {
      empty.push(i);
    }
  });
  // The pod and Service ranges written together, as other tools take them, are one mistake: one error on the list.
  const whole = empty.length > 1 && empty.length === networks.filter((n) => n !== undefined).length;
  const rangesOf = (i: number) => TALOS_CLUSTER_RANGES.filter((r) => overlaps(networks[i]!, networkBounds(r.cidr)!)).map((r) => `${String(written[i])} is Talos' ${r.what}`);
  const said = (i: number[]) => i.map((n) => `"${String(written[n])}"`).join(', ');
  for (const group of whole ? [empty] : empty.map((i) => [i])) {
    const inGroup = group.flatMap(rangesOf);
    problems.push({
      field: whole ? 'clusterSubnets' : `clusterSubnets[${group[0]}]`,
      message: `${said(group)} ${group.length > 1 ? 'hold' : 'holds'} no address of a node (${nodes.map((h) => `${h.name} ${h.addresses.join(', ')}`).join('; ')}): `
        + `Talos takes the kubelet's node IP and etcd's address from clusterSubnets only${inGroup.length > 0 ? `, and ${inGroup.join(', ')}, not a network of the nodes` : ''}`,
      hint: `clusterSubnets are the networks the nodes' own addresses are on (not the pod or Service ranges: the pod range is podSubnets, ${TALOS_CLUSTER_RANGES[0].cidr} unless given, the Service range Talos' ${TALOS_CLUSTER_RANGES[1].cidr}): write ${meant}, or leave clusterSubnets out`,
    });
  }
  if (problems.length === 0 && networks.some((n) => n !== undefined)) {
    const stranded = nodes.filter((host) => !networks.some((n) => n !== undefined && nodeOn(n, host, maintenance(host), tailnet)));
    if (stranded.length > 0) {
      problems.push({
        field: 'clusterSubnets',
        message: `no block of clusterSubnets holds an address of ${stranded.map((h) => `node ${h.name} (${h.addresses.join(', ')})`).join(', ')}, so its kubelet would find no node IP and it would never join`,
        hint: `add the network of its address: ${meant}`,
      });
    }
  }
  return problems;
}

/** The networks of the site that hold the nodes' addresses, in order, as written in the inventory. Pure. */
function nodeNetworks(nodes: readonly Host<any, any>[], vlans: readonly Vlan[]): string[] {
  const found = nodes.flatMap((host) => host.addresses.map((a) => vlans.find((v) => v.contains(a))?.cidr).filter((c): c is string => c !== undefined));
  return [...new Set(found)];
}

/**
 * The pod and Service ranges a Talos cluster runs with: the pod range of `podSubnets` when given (blocks that
 * are no CIDR block have errors of their own), else Talos' defaults. Pure.
 */
export function talosClusterRanges(podSubnets?: readonly unknown[]): ReadonlyArray<ClusterRange> {
  return distributionRanges({ distribution: KNOWN_DISTRIBUTIONS.talos.name, clusterRanges: { pods: cidrBlocks(podSubnets) } });
}

/** VLANs of the site inside the Talos cluster's pod or Service range (`podSubnets` when given, else Talos' defaults). Pure. */
export function talosRangeVlanProblems(vlans: readonly Vlan[], podSubnets?: readonly unknown[]): RangeVlanProblem[] {
  return rangeVlanProblems(vlans, talosClusterRanges(podSubnets));
}
