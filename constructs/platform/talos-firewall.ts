import { parseIpAddress } from '../inventory/ip-address';
import { networkBounds } from '../inventory/vlan';
import type { PropProblem } from '../validation/known-props';
import { splitEntryHint } from '../validation/text-lists';
import { clusterSubnetProblem } from './talos-network';

// Talos' ingress firewall: which machines may open a connection to a node's own services (Talos' API,
// the Kubernetes API, etcd, the kubelet, ports that pods bind on the node). Without it every network a
// node has an address on reaches all of them, the LAN included. Pure: the cluster is read elsewhere.

/** Talos' API (apid), which talosctl and the other nodes' apid reach. */
const APID_PORT = 50000;
/** Talos' trustd, where a joining node gets its certificates from the control-plane nodes. */
const TRUSTD_PORT = 50001;
/** The Kubernetes API server on a control-plane node. */
const API_SERVER_PORT = 6443;
/** The kubelet's API: logs, exec and metrics, for the API server and the pods that scrape it. */
const KUBELET_PORT = 10250;
/** etcd's client and peer ports, between the control-plane nodes only. */
const ETCD_PORTS = '2379-2380';
/** The VXLAN port of Talos' built-in Flannel, which carries pod traffic between the nodes. */
const FLANNEL_VXLAN_PORT = 4789;
/** The port of Talos' host DNS on every node, where CoreDNS forwards names outside the cluster (forwardKubeDNSToHost). */
const HOST_DNS_PORT = 53;
/** The UDP port tailscaled takes for WireGuard and its peers' direct connections. */
const TAILSCALE_PORT = 41641;

/** The ingress firewall option of `talos()`. */
export interface TalosIngressFirewall {
  /**
   * The networks whose machines may reach the nodes from outside the cluster (CIDR blocks): Talos' API
   * (50000) for talosctl, the Kubernetes API (6443) for kubectl, and the ports pods bind on a node for
   * clients (`traefik({ hostPorts: true })`). `[TAILNET_SUBNET]` answers the tailnet only, not the LAN.
   */
  readonly reachableFrom: string[];
}

/** The firewall option of `talos()`. */
export interface TalosFirewallProps {
  /**
   * Closes every node to connections nothing in the cluster needs (Talos' ingress firewall: the document
   * `NetworkDefaultActionConfig` with `ingress: block`, and a `NetworkRuleConfig` per service). The nodes
   * and their pods keep the ports they use of each other: trustd, the Kubernetes API, the kubelet, etcd
   * (control-plane nodes only), Flannel's VXLAN, Talos' host DNS, and the ports platform components bind
   * on the nodes (node-exporter's 9100); `reachableFrom` keeps Talos' API, the Kubernetes API and client
   * host ports; with `tailscaleExtension` WireGuard's 41641/udp stays open to all. A step applies it to the
   * running nodes in talosctl's try mode first, which reverts it unless it is applied again. It takes
   * Talos' own Flannel only (`bringYourOwnCni: false`): another CNI's ports between the nodes are its own.
   * @default - none: every network a node has an address on reaches all its services
   */
  readonly ingressFirewall?: TalosIngressFirewall;
}

/** A port pods bind on the nodes, and who reaches it. */
export interface TalosNodePort {
  /** What binds it, for the step's text and the rule's name, e.g. `kube-prometheus-stack`. */
  readonly owner: string;
  /** The port. */
  readonly port: number;
  /** Its protocol. @default 'TCP' */
  readonly protocol?: string;
  /** Whether clients outside the cluster reach it too (a host-port ingress), not the cluster alone. @default false */
  readonly clients?: boolean;
}

/** What the rules of one cluster are made from. */
export interface TalosFirewallInputs {
  /** {@link TalosIngressFirewall.reachableFrom}. */
  readonly reachableFrom: readonly string[];
  /** Every node's address. */
  readonly nodes: readonly string[];
  /** The control-plane nodes' addresses. */
  readonly controlPlanes: readonly string[];
  /** The pods' network: a pod that reaches its own node's address arrives from its own. */
  readonly podSubnets: readonly string[];
  /** Whether the nodes run Tailscale's extension. */
  readonly tailscale: boolean;
  /** Ports pods bind on the nodes. */
  readonly nodePorts: readonly TalosNodePort[];
}

/** One `NetworkRuleConfig`: who may reach `ports` over `protocol`. */
export interface TalosFirewallRule {
  /** The document's name, unique among the rules, e.g. `kubelet-ingress`. */
  readonly name: string;
  /** Ports, each a number or a range written `2379-2380`. */
  readonly ports: ReadonlyArray<number | string>;
  /** Their protocol. */
  readonly protocol: 'tcp' | 'udp';
  /** The blocks (CIDR) whose machines may connect. */
  readonly from: readonly string[];
}

/** An address as the single-address block a rule takes. */
function hostBlock(address: string): string {
  const parsed = parseIpAddress(address);
  return parsed === undefined ? address : `${parsed.text}/${parsed.family === 4 ? 32 : 128}`;
}

/** `blocks` without repeats and without a block that an earlier or wider one of them holds. */
function unique(blocks: readonly string[]): string[] {
  const bounds = blocks.map((b) => networkBounds(b));
  const holds = (outer: number, inner: number) => {
    const [o, i] = [bounds[outer], bounds[inner]];
    return o !== undefined && i !== undefined && o.family === i.family && o.first <= i.first && i.last <= o.last;
  };
  return blocks.filter((block, i) => blocks.indexOf(block) === i && !blocks.some((_other, j) => j !== i && blocks[j] !== block && holds(j, i)));
}

/** The rules of `inputs`, the nodes' own before the components'. Pure. */
export function talosFirewallRules(inputs: TalosFirewallInputs): TalosFirewallRule[] {
  const nodes = inputs.nodes.map(hostBlock);
  // A node reaches another from its own address (Flannel masquerades pods that leave the pod network); a pod
  // reaches its own node from its pod address.
  const cluster = unique([...nodes, ...inputs.podSubnets]);
  const outside = unique([...inputs.reachableFrom, ...cluster]);
  const rule = (name: string, port: number | string, from: readonly string[], protocol: 'tcp' | 'udp' = 'tcp'): TalosFirewallRule => ({ name, ports: [port], protocol, from });
  return [
    rule('apid-ingress', APID_PORT, unique([...inputs.reachableFrom, ...nodes])),
    rule('trustd-ingress', TRUSTD_PORT, nodes),
    rule('kubernetes-api-ingress', API_SERVER_PORT, outside),
    rule('kubelet-ingress', KUBELET_PORT, cluster),
    rule('etcd-ingress', ETCD_PORTS, inputs.controlPlanes.map(hostBlock)),
    rule('flannel-vxlan-ingress', FLANNEL_VXLAN_PORT, nodes, 'udp'),
    rule('host-dns-udp-ingress', HOST_DNS_PORT, inputs.podSubnets, 'udp'),
    rule('host-dns-tcp-ingress', HOST_DNS_PORT, inputs.podSubnets),
    ...(inputs.tailscale ? [rule('tailscale-ingress', TAILSCALE_PORT, ['0.0.0.0/0', '::/0'], 'udp')] : []),
    ...inputs.nodePorts.map((p) => {
      const protocol = (p.protocol ?? 'TCP').toLowerCase() === 'udp' ? 'udp' as const : 'tcp' as const;
      return rule(`${p.clients ? 'client' : 'cluster'}-${p.port}-${protocol}-ingress`, p.port, p.clients ? outside : cluster, protocol);
    }),
  ];
}

/** The machine-config documents of `rules`: block by default, then one rule document each. Pure. */
export function talosFirewallDocuments(rules: readonly TalosFirewallRule[]): Record<string, unknown>[] {
  return [
    { apiVersion: 'v1alpha1', kind: 'NetworkDefaultActionConfig', ingress: 'block' },
    ...rules.map((r) => ({
      apiVersion: 'v1alpha1', kind: 'NetworkRuleConfig', name: r.name,
      portSelector: { ports: r.ports, protocol: r.protocol },
      ingress: r.from.map((subnet) => ({ subnet })),
    })),
  ];
}

/** The file the step writes the documents to. */
const FIREWALL_FILE = 'ingress-firewall.yaml';

/** How long talosctl's try mode keeps the firewall before it reverts it. */
const TRY_TIMEOUT = '5m';

/**
 * The owner's step that closes the running nodes (`nodes`, their addresses) with `rules`: written as a
 * multi-document patch, tried first. Pure.
 */
export function talosFirewallStep(inputs: TalosFirewallInputs, rules: readonly TalosFirewallRule[]): { action: string; command: string } {
  const documents = talosFirewallDocuments(rules).map((d) => `'${JSON.stringify(d)}'`).join(" '---' ");
  const nodes = inputs.nodes.join(',');
  const components = inputs.nodePorts.map((p) => `${p.port}/${(p.protocol ?? 'TCP').toLowerCase()} of ${p.owner}`);
  return {
    action: `close the nodes to every network but ${inputs.reachableFrom.join(', ')} (Talos' ingress firewall), once the cluster runs: Talos' API (${APID_PORT}) `
      + `and the Kubernetes API (${API_SERVER_PORT}) answer those networks and the nodes; trustd (${TRUSTD_PORT}), the kubelet (${KUBELET_PORT}), etcd `
      + `(${ETCD_PORTS}, control-plane nodes only), Flannel's VXLAN (${FLANNEL_VXLAN_PORT}/udp) and Talos' host DNS answer the nodes and their pods`
      + `${components.length > 0 ? `, as do ${components.join(', ')}` : ''}${inputs.tailscale ? `; Tailscale's WireGuard (${TAILSCALE_PORT}/udp) stays open to all` : ''}. `
      + `A mistake here locks talosctl out of the nodes, so the command only tries it (Talos reverts it after ${TRY_TIMEOUT}): once talosctl health and kubectl get nodes `
      + `have answered and Talos has reverted it, run the same talosctl patch without --mode=try --timeout ${TRY_TIMEOUT} to keep it. `
      + 'When a node joins later, run that kept patch again as the README then writes it, whose rules name the new node too: the nodes admit trustd, the kubelet '
      + "and Flannel's VXLAN only from the nodes their rules name, so until then they refuse the new node's join and its pods' traffic",
    command: `printf '%s\\n' ${documents} > ${FIREWALL_FILE} && talosctl patch mc --nodes ${nodes} --patch @${FIREWALL_FILE} --mode=try --timeout ${TRY_TIMEOUT} `
      + '&& talosctl health && kubectl get nodes',
  };
}

/** What the firewall option of `talos()` cannot take beyond its types. Pure. */
export function talosFirewallProblems(props: TalosFirewallProps): PropProblem[] {
  const firewall = props?.ingressFirewall;
  if (firewall === undefined || typeof firewall !== 'object' || firewall === null || !Array.isArray(firewall.reachableFrom)) {
    return [];
  }
  if (firewall.reachableFrom.length === 0) {
    return [{
      field: 'ingressFirewall.reachableFrom',
      message: 'reachableFrom is an empty list: only the nodes themselves would reach Talos\' API, and talosctl could no longer reach any node',
      hint: "list the networks talosctl and kubectl connect from, e.g. reachableFrom: [TAILNET_SUBNET] ('100.64.0.0/10') for a tailnet",
    }];
  }
  const isBlock = (text: string) => clusterSubnetProblem(text, '') === undefined;
  return firewall.reachableFrom.flatMap((subnet, i, all): PropProblem[] => {
    if (typeof subnet !== 'string') {
      return [];
    }
    const problem = clusterSubnetProblem(subnet, "'100.64.0.0/10' for a Tailscale tailnet, or '192.168.1.0/24' for a LAN");
    if (problem === undefined) {
      return [];
    }
    const split = splitEntryHint('ingressFirewall.reachableFrom', all, i, isBlock);
    return [split
      ? { field: `ingressFirewall.reachableFrom[${i}]`, message: `"${subnet}" holds several networks in one text`, hint: split }
      : { field: `ingressFirewall.reachableFrom[${i}]`, ...problem }];
  });
}
