import { setPresent } from '../app/plain';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';

/** Which NetworkPolicy API a cluster's CNI enforces. */
export type NetworkPolicyKind =
  /** `networking.k8s.io/v1` NetworkPolicy: any CNI that enforces policies (Calico, kube-router, Cilium, …). */
  | 'kubernetes'
  /** `cilium.io/v2` CiliumNetworkPolicy, which also knows Cilium's entities (its own ingress proxy, the host). */
  | 'cilium';

/** Where traffic may come from. */
export interface NetworkPeer {
  /** Namespace of the peer pods. @default - every namespace */
  readonly namespace?: string;
  /** Labels of the peer pods. @default - every pod of the namespace */
  readonly podLabels?: Record<string, string>;
}

/** An address outside the cluster that pods may connect to, on some ports. */
export interface AddressPeer {
  /** The network, IPv4 or IPv6, as address/prefix without host bits, e.g. `10.0.0.10/32` for one machine or `fd00::/64`. */
  readonly cidr: string;
  /** Ports; empty means every port. @default [] */
  readonly ports?: readonly PolicyPort[];
}

/** Where pods may connect to: pods of the cluster, or an address outside it. */
export type EgressPeer = NetworkPeer | AddressPeer;

/** Whether an egress peer is an address outside the cluster. */
export function isAddressPeer(peer: EgressPeer): peer is AddressPeer {
  return typeof (peer as Partial<AddressPeer>).cidr === 'string';
}

/** How an ingress controller's traffic reaches a backend. */
export interface IngressPeer {
  /** The ingress controller's pods, where they are ordinary pods. @default - none (see `ciliumEntity`) */
  readonly pods?: NetworkPeer;
  /**
   * The Cilium entity the traffic comes from when the proxy is Cilium's own (its Gateway API and
   * Ingress run in the node's Envoy and appear as the `ingress` entity), which only a
   * CiliumNetworkPolicy can name.
   * @default - none
   */
  readonly ciliumEntity?: string;
  /**
   * The container ports the controller's pods take plain HTTP and HTTPS on, as policies name them (a Service's
   * port 443 is its pods' 8443 under Traefik's chart), where the pods are ordinary pods.
   * @default - not known: a call of a routed host is not judged against the caller's egress
   */
  readonly podPorts?: { readonly http: number; readonly https: number };
}

/** A port of the pods, as policies name them (container ports, not Service ports). */
export interface PolicyPort {
  /** Container port. */
  readonly port: number;
  /** Protocol. @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

/** A requirement of a pod selector on one label, as Kubernetes' label selectors write it. */
export interface LabelRequirement {
  /** The label key, e.g. `app.kubernetes.io/name`. */
  readonly key: string;
  /** How the label is compared: `NotIn` also matches pods without the label. */
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** The values of `In` and `NotIn`. @default [] */
  readonly values?: readonly string[];
}

/** One allow of ingress: from some sources to some ports. */
export interface IngressAllow {
  /** Peers; empty means from anywhere (inside and outside the cluster). */
  readonly from: readonly NetworkPeer[];
  /** Cilium entities (`ingress`, `host`, `world`), honoured by CiliumNetworkPolicy only. @default [] */
  readonly entities?: readonly string[];
  /**
   * Networks the traffic may also come from (`10.0.0.1/32`), honoured by Kubernetes NetworkPolicy only: a
   * CiliumNetworkPolicy names the nodes by the entities `host` and `remote-node` instead, since Cilium does
   * not match node addresses by CIDR. @default []
   */
  readonly addresses?: readonly string[];
  /** Ports; empty means every port. */
  readonly ports: readonly PolicyPort[];
}

/** An app's policy: default-deny ingress except the allows; DNS egress, and egress elsewhere as stated. */
export interface AppNetworkPolicy {
  /** Object name. */
  readonly name: string;
  /** Namespace. */
  readonly namespace: string;
  /** Labels of the object. */
  readonly labels: Record<string, string>;
  /** Labels of the pods it governs; none: every pod that meets `podRequirements`. */
  readonly podLabels: Record<string, string>;
  /** Further requirements the pods it governs meet. @default [] */
  readonly podRequirements?: readonly LabelRequirement[];
  /** Ingress allows; none at all means no ingress. */
  readonly ingress: readonly IngressAllow[];
  /** Egress besides DNS: anywhere, or only to these peers. */
  readonly egress: 'any' | readonly EgressPeer[];
  /**
   * Where the Kubernetes API answers once its Service address is translated, for pods that read it under a
   * listed egress (see {@link clusterApiServer}); a peer without ports is reached on 6443. Cilium names the
   * API server as the `kube-apiserver` entity instead, on the same ports. @default - no egress to the API server
   */
  readonly apiServer?: readonly AddressPeer[];
  /**
   * Peers of a listed egress that use their node's network, which no pod selector matches: the networks of
   * the nodes each may run on (`<address>/32`), on its ports. Cilium names the nodes by the entities `host`
   * and `remote-node` instead, since it does not match node addresses by CIDR. @default []
   */
  readonly egressToNodes?: readonly NodeEgress[];
}

/** Egress to a peer on its nodes' network: the nodes' networks and the peer's ports. */
export interface NodeEgress {
  /** Networks of the nodes (`<address>/32`, `<address>/128`). */
  readonly addresses: readonly string[];
  /** The peer's ports; empty means every port. */
  readonly ports: readonly PolicyPort[];
}

/** Cilium's entities for the nodes: the pod's own (`host`) and the others (`remote-node`). */
export const NODE_ENTITIES: readonly string[] = ['host', 'remote-node'];

/** The port the API server listens on, where connections to its Service address are translated to. */
const API_SERVER_PORT: PolicyPort = { port: 6443, protocol: 'TCP' };

/** The API server's port of a distribution declared by name whose API server does not listen on 6443, by its name in lower case: MicroK8s' on 16443. */
const DISTRIBUTION_API_SERVER_PORTS: Readonly<Record<string, number>> = { microk8s: 16443 };

/**
 * Where a cluster's pods reach the Kubernetes API once its Service address is translated: where a
 * preinstalled declaration says it answers (a control plane hosted elsewhere, k0smotron's on a node port of
 * its management cluster), else the API server's port of each address (`<address>/32`, `/128`) of the
 * control-plane hosts: 6443, or the port of the distribution declared (MicroK8s' 16443). Pure.
 */
export function clusterApiServer(declared: ReadonlyArray<{ readonly apiServer?: readonly AddressPeer[]; readonly distribution?: string }>, controlPlaneNetworks: readonly string[]): AddressPeer[] {
  const hosted = declared.flatMap((p) => p.apiServer ?? []);
  const distribution = declared.find((p) => typeof p.distribution === 'string')?.distribution?.trim().toLowerCase();
  const own = distribution === undefined ? undefined : DISTRIBUTION_API_SERVER_PORTS[distribution];
  const port: PolicyPort = own === undefined ? API_SERVER_PORT : { port: own, protocol: 'TCP' };
  return hosted.length > 0 ? [...hosted] : controlPlaneNetworks.map((cidr) => ({ cidr, ports: [port] }));
}

/** The ports of an API server peer: its own, or the API server's. */
const apiServerPorts = (peer: AddressPeer): readonly PolicyPort[] => ((peer.ports ?? []).length > 0 ? peer.ports! : [API_SERVER_PORT]);

/** The API server's peers by their ports, in first-seen order: one rule for each set of ports. */
function apiServerRules(peers: readonly AddressPeer[]): Array<{ ports: readonly PolicyPort[]; cidrs: string[] }> {
  const byPorts = new Map<string, { ports: readonly PolicyPort[]; cidrs: string[] }>();
  for (const peer of peers) {
    const ports = apiServerPorts(peer);
    const key = JSON.stringify(ports.map((p) => [p.port, p.protocol ?? 'TCP']));
    const rule = byPorts.get(key) ?? { ports, cidrs: [] };
    byPorts.set(key, rule);
    rule.cidrs.push(peer.cidr);
  }
  return [...byPorts.values()];
}

/** The cluster DNS pods every app may ask. */
export const CLUSTER_DNS: NetworkPeer = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } };

const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/**
 * A `networking.k8s.io/v1` NetworkPolicy. Pure. Its spec is built with keys in sorted order and absent
 * values left out, the form synthesis writes, so that synthesis takes it without a sorted copy.
 */
export function kubernetesNetworkPolicy(policy: AppNetworkPolicy): Record<string, unknown> {
  const peer = (p: NetworkPeer) => {
    const json: Record<string, unknown> = {
      namespaceSelector: p.namespace !== undefined ? { matchLabels: { [NAMESPACE_LABEL]: p.namespace } } : {},
    };
    setPresent(json, 'podSelector', p.podLabels ? { matchLabels: p.podLabels } : undefined);
    return json;
  };
  const ports = (list: readonly PolicyPort[]) => (list.length > 0
    ? list.map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }))
    : undefined);
  const ingress = policy.ingress
    .filter((allow) => allow.from.length > 0 || (allow.entities ?? []).length === 0)
    .map((allow) => {
      const json: Record<string, unknown> = {};
      const blocks = (allow.addresses ?? []).map((cidr) => ({ ipBlock: { cidr } }));
      setPresent(json, 'from', allow.from.length > 0 ? [...allow.from.map(peer), ...blocks] : undefined);
      setPresent(json, 'ports', ports(allow.ports));
      return json;
    });
  const dns = { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], to: [peer(CLUSTER_DNS)] };
  const egress = policy.egress === 'any' ? [dns, {}] : [dns, ...policy.egress.map((p) => {
    if (!isAddressPeer(p)) {
      return { to: [peer(p)] };
    }
    const json: Record<string, unknown> = {};
    setPresent(json, 'ports', ports(p.ports ?? []));
    json.to = [{ ipBlock: { cidr: p.cidr } }];
    return json;
  }), ...(policy.egressToNodes ?? []).filter((nodes) => nodes.addresses.length > 0).map((nodes) => {
    const json: Record<string, unknown> = {};
    setPresent(json, 'ports', ports(nodes.ports));
    json.to = nodes.addresses.map((cidr) => ({ ipBlock: { cidr } }));
    return json;
  }), ...apiServerRules(policy.apiServer ?? []).map((rule) => ({ ports: ports(rule.ports), to: rule.cidrs.map((cidr) => ({ ipBlock: { cidr } })) }))];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: policy.name, namespace: policy.namespace, labels: policy.labels },
    spec: {
      egress,
      ingress,
      podSelector: podSelectorOf(policy, (key) => key),
      policyTypes: ['Ingress', 'Egress'],
    },
  };
}

/** A `cilium.io/v2` CiliumNetworkPolicy. Pure. */
export function ciliumNetworkPolicy(policy: AppNetworkPolicy): Record<string, unknown> {
  // Without the namespace label a Cilium selector means the policy's own namespace; every namespace is a
  // match expression on the label's existence.
  const endpoint = (p: NetworkPeer) => (p.namespace !== undefined
    ? { matchLabels: { 'k8s:io.kubernetes.pod.namespace': p.namespace, ...prefixed(p.podLabels) } }
    : { matchLabels: p.podLabels ? prefixed(p.podLabels) : undefined, matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] });
  const toPorts = (list: readonly PolicyPort[]) => (list.length > 0
    ? [{ ports: list.map((p) => ({ port: String(p.port), protocol: p.protocol ?? 'TCP' })) }]
    : undefined);
  const ingress = policy.ingress.flatMap((allow) => {
    const rules: Record<string, unknown>[] = [];
    if (allow.from.length > 0) {
      rules.push({ fromEndpoints: allow.from.map(endpoint), toPorts: toPorts(allow.ports) });
    }
    if ((allow.entities ?? []).length > 0) {
      rules.push({ fromEntities: [...allow.entities!], toPorts: toPorts(allow.ports) });
    }
    if (allow.from.length === 0 && (allow.entities ?? []).length === 0) {
      rules.push({ fromEntities: ['all'], toPorts: toPorts(allow.ports) });
    }
    return rules;
  });
  const dns = {
    toEndpoints: [endpoint(CLUSTER_DNS)],
    toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }],
  };
  const egress = policy.egress === 'any'
    ? [dns, { toEntities: ['all'] }]
    : [dns, ...policy.egress.map((p) => (isAddressPeer(p)
      ? { toCIDR: [p.cidr], toPorts: toPorts(p.ports ?? []) }
      : { toEndpoints: [endpoint(p)] })),
    ...(policy.egressToNodes ?? []).map((nodes) => ({ toEntities: [...NODE_ENTITIES], toPorts: toPorts(nodes.ports) })),
    ...(policy.apiServer !== undefined ? [{ toEntities: ['kube-apiserver'], toPorts: toPorts(apiServerEntityPorts(policy.apiServer)) }] : [])];
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: policy.name, namespace: policy.namespace, labels: policy.labels },
    // Keys in sorted order, the form synthesis writes.
    spec: {
      egress,
      endpointSelector: podSelectorOf(policy, (key) => `k8s:${key}`),
      // An empty rule puts the pods into default deny without allowing anything.
      ingress: ingress.length > 0 ? ingress : [{}],
    },
  };
}

/**
 * The selector of the pods a policy governs: its labels (as given, which Cilium reads from any source) and
 * its requirements, whose keys `requirementKey` writes in the policy kind's form. Keys in sorted order.
 */
function podSelectorOf(policy: AppNetworkPolicy, requirementKey: (key: string) => string): Record<string, unknown> {
  const selector: Record<string, unknown> = {};
  setPresent(selector, 'matchExpressions', (policy.podRequirements ?? []).length > 0
    ? policy.podRequirements!.map((r) => {
      const expression: Record<string, unknown> = { key: requirementKey(r.key), operator: r.operator };
      setPresent(expression, 'values', r.values !== undefined && r.values.length > 0 ? [...r.values] : undefined);
      return expression;
    })
    : undefined);
  setPresent(selector, 'matchLabels', Object.keys(policy.podLabels).length > 0 || policy.podRequirements === undefined ? policy.podLabels : undefined);
  return selector;
}

/** The ports of every API server peer once each, the API server's own where none is declared. */
function apiServerEntityPorts(peers: readonly AddressPeer[]): PolicyPort[] {
  const ports = peers.length > 0 ? peers.flatMap(apiServerPorts) : [API_SERVER_PORT];
  return ports.filter((p, i) => ports.findIndex((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP')) === i);
}

function prefixed(labels: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).map(([k, v]) => [`k8s:${k}`, v]));
}

/** The policy object for the cluster's kind. Pure. */
export function renderNetworkPolicy(kind: NetworkPolicyKind, policy: AppNetworkPolicy): Record<string, unknown> {
  return kind === 'cilium' ? ciliumNetworkPolicy(policy) : kubernetesNetworkPolicy(policy);
}

/**
 * Whether the cluster writes CiliumNetworkPolicies (`networkPolicy: 'cilium'`) while nothing brings Cilium.
 * That one choice is the error, on `networkPolicy`; what follows from it (each policy's missing CRD, the
 * policies its pod network leaves unenforced) is not reported again.
 */
export function ciliumPoliciesWithoutCilium(cluster: ClusterChart): boolean {
  return cluster.networkPolicy === 'cilium' && !cluster.platform.providesKind('cilium.io', 'CiliumNetworkPolicy');
}

/**
 * Reports a cluster whose apps write CiliumNetworkPolicies (`networkPolicy: 'cilium'`) while nothing
 * brings Cilium: every policy would lack its CRD, and the cause is the cluster's choice, not the apps.
 */
export function checkNetworkPolicyProvider(cluster: ClusterChart): void {
  cluster.onPrepare(() => {
    if (ciliumPoliciesWithoutCilium(cluster)) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'networkPolicy',
        message: `cluster "${cluster.clusterName}" writes CiliumNetworkPolicies (networkPolicy: 'cilium'), but its pod network is not Cilium`,
        hint: "set cni: cilium({ … }) on the cluster, or drop networkPolicy: 'cilium' for Kubernetes NetworkPolicies",
      });
    }
  });
}
