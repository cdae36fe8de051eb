import { ApiObject, ApiObjectProps } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { setPresent } from '../app/plain';
import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { reportFinding } from '../validation/finding';
import type { Namespaces } from './namespaces';
import type { PolicyPort } from './network-policy';
import { compareText } from '../text-order';

/** The annotation a namespace without a NetworkPolicy carries, with why it has none. */
export const NO_NETWORK_POLICY_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.networkPolicy}`;

/** Name of the NetworkPolicy the library writes into a platform component's namespace. */
export const PLATFORM_NETWORK_POLICY_NAME = 'platform-ingress';

/** A port a component's pods serve, which the policy of its namespace lets through from anywhere. */
export interface ServedPort extends PolicyPort {
  /** What reaches the port, for people, e.g. `admission webhook, called by the API server`. */
  readonly purpose: string;
}

/**
 * The pods of the component serve exactly these ports: its namespace gets a `networking.k8s.io/v1`
 * NetworkPolicy (which every CNI that enforces policies knows) that denies ingress to every other port
 * and lets these through from anywhere. From anywhere, because the API server that calls a webhook often
 * sits on a node's host network, which a policy cannot name by pod or namespace. Egress stays open:
 * controllers call the API server and services outside the cluster.
 */
export interface ServesPorts {
  /** The container ports; none for pods that serve nothing, whose ingress is then denied altogether. */
  readonly servesPorts: readonly ServedPort[];
}

/**
 * The component's namespace gets no NetworkPolicy, for this reason, written as the
 * `security.homelab.dev/no-network-policy` annotation of its Namespace.
 */
export interface NoNetworkPolicy {
  /** Why not, e.g. `the speakers run on the host network, which NetworkPolicies do not govern`. */
  readonly noNetworkPolicy: string;
}

/** What the network policy of a component's namespace is: the ports it serves, or why it has none. */
export type ComponentNetwork = ServesPorts | NoNetworkPolicy;

/** The ports a component serves (none: it serves nothing), for a component's `network`. Pure. */
export function servesPorts(...ports: ServedPort[]): ComponentNetwork {
  return { servesPorts: ports };
}

/** A component whose namespace gets no NetworkPolicy, and why, for a component's `network`. Pure. */
export function noNetworkPolicy(reason: string): ComponentNetwork {
  return { noNetworkPolicy: reason };
}

/** Whether a network fact is stated: ports (maybe none), or a reason that says something. Pure. */
export function hasNetworkFact(network: ComponentNetwork | undefined): boolean {
  if (network === null || typeof network !== 'object') {
    return false;
  }
  return 'servesPorts' in network ? Array.isArray(network.servesPorts) : String(network.noNetworkPolicy ?? '').trim() !== '';
}

/**
 * The message and hint for an install (`what`, e.g. `component "x"`) of pods the output does not show that
 * states no network fact: one wording for platform components and apps' chart releases alike.
 */
export function missingNetworkFact(what: string, namespace: string): { message: string; hint: string } {
  return {
    message: `${what} states neither the ports its pods serve nor why namespace "${namespace}" has no NetworkPolicy, so every pod may talk to its pods`,
    hint: `give the ports: network: servesPorts({ port: 9443, purpose: 'admission webhook' }), or state why not: network: noNetworkPolicy('…') (written to the Namespace as ${NO_NETWORK_POLICY_ANNOTATION})`,
  };
}

/** One install's network fact in a namespace. */
export interface NetworkMember {
  /** Who states it, e.g. the component's name. */
  readonly name: string;
  /** The fact. */
  readonly network?: ComponentNetwork;
}

/** What the installs of one namespace make of it: a policy's ports, or the reasons it has none. */
export type NamespaceNetwork =
  | { readonly kind: 'policy'; readonly ports: readonly PolicyPort[] }
  | { readonly kind: 'exempt'; readonly reasons: readonly string[] };

/**
 * What the installs of one namespace make of it. One reason among them leaves the namespace without a
 * policy, since a policy of the namespace would govern that install's pods too. Pure.
 */
export function namespaceNetwork(members: readonly NetworkMember[]): NamespaceNetwork {
  const reasons = members.flatMap((m) => (m.network !== undefined && 'noNetworkPolicy' in m.network ? [`${m.name}: ${m.network.noNetworkPolicy}`] : []));
  if (reasons.length > 0) {
    return { kind: 'exempt', reasons: [...new Set(reasons)].sort() };
  }
  const ports = new Map<string, PolicyPort>();
  for (const m of members) {
    for (const p of m.network !== undefined && 'servesPorts' in m.network ? m.network.servesPorts : []) {
      ports.set(`${p.protocol ?? 'TCP'}/${p.port}`, { port: p.port, protocol: p.protocol ?? 'TCP' });
    }
  }
  return { kind: 'policy', ports: [...ports.values()].sort((a, b) => a.port - b.port || compareText(a.protocol!, b.protocol!)) };
}

/**
 * An ingress-only NetworkPolicy over every pod of `namespace`: the ports let through from anywhere, every
 * other port denied. Pure; keys in the sorted order synthesis writes.
 */
export function platformNetworkPolicy(namespace: string, ports: readonly PolicyPort[]): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  // No rule at all denies every ingress; a rule without ports would allow every port.
  setPresent(spec, 'ingress', ports.length > 0 ? [{ ports: ports.map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' })) }] : undefined);
  spec.podSelector = {};
  spec.policyTypes = ['Ingress'];
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: PLATFORM_NETWORK_POLICY_NAME, namespace }, spec };
}

const STATED = new WeakMap<Namespaces, Map<string, NetworkMember[]>>();

/**
 * States the network fact of pods an install brings into `namespace` besides the platform's components
 * (an operator's own namespaces, an app's chart release), so that its namespace gets it too.
 */
export function stateNamespaceNetwork(namespaces: Namespaces, namespace: string, member: NetworkMember): void {
  const byNamespace = STATED.get(namespaces) ?? new Map<string, NetworkMember[]>();
  STATED.set(namespaces, byNamespace);
  byNamespace.set(namespace, [...byNamespace.get(namespace) ?? [], member]);
}

/** A platform component as this module needs it. */
export interface NetworkComponent {
  /** Its name. */
  readonly name: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Its props, of which the network fact. */
  readonly props: { readonly network?: ComponentNetwork };
}

/**
 * Gives each namespace the repository declares for platform components (and for the installs that stated
 * a fact with {@link stateNamespaceNetwork}) its network fact: the policy of the ports they serve, or the
 * annotation with why it has none. A component without the fact is an error reported on `reportAt`: its
 * pods come from a chart or upstream files, which the policy checks of the output cannot see. A namespace
 * made outside the repository has no Namespace object to carry either, and is left to its maker.
 */
export function applyComponentNetworks(namespaces: Namespaces, components: readonly NetworkComponent[], reportAt: IConstruct): void {
  const byNamespace = new Map<string, NetworkMember[]>();
  const add = (namespace: string, member: NetworkMember) => byNamespace.set(namespace, [...byNamespace.get(namespace) ?? [], member]);
  for (const component of components.filter((c) => namespaces.has(c.namespace))) {
    if (!hasNetworkFact(component.props.network)) {
      reportFinding(reportAt, { layer: 'policy', severity: 'error', field: `components.${component.name}.network`, ...missingNetworkFact(`component "${component.name}"`, component.namespace) });
    }
    add(component.namespace, { name: component.name, network: component.props.network });
  }
  for (const [namespace, members] of STATED.get(namespaces) ?? []) {
    members.filter(() => namespaces.has(namespace)).forEach((m) => add(namespace, m));
  }
  for (const [namespace, members] of [...byNamespace].sort(([a], [b]) => compareText(a, b))) {
    if (!members.every((m) => hasNetworkFact(m.network))) {
      continue; // reported above; no policy that would cut off the pods of the install that stated nothing
    }
    const network = namespaceNetwork(members);
    if (network.kind === 'exempt') {
      (namespaces.node.tryFindChild(namespace) as ApiObject | undefined)?.metadata.addAnnotation(NO_NETWORK_POLICY_ANNOTATION, network.reasons.join('; '));
    } else {
      new ApiObject(namespaces, `${namespace}-${PLATFORM_NETWORK_POLICY_NAME}`, platformNetworkPolicy(namespace, network.ports) as unknown as ApiObjectProps);
    }
  }
}
