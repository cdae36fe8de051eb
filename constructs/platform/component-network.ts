import { ApiObject, ApiObjectProps } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { APP_NAME_LABEL, KNATIVE_SERVING_NAMESPACE } from '../app/network';
import { setPresent } from '../app/plain';
import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { reportFinding } from '../validation/finding';
import type { Namespaces } from './namespaces';
import { type IngressAllow, type IngressPeer, type NetworkPeer, type NetworkPolicyKind, type PolicyPort, renderNetworkPolicy } from './network-policy';
import { compareText } from '../text-order';

/** The annotation a namespace without a NetworkPolicy carries, with why it has none. */
export const NO_NETWORK_POLICY_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.networkPolicy}`;

/** Name of the NetworkPolicy the library writes into a platform component's namespace. */
export const PLATFORM_NETWORK_POLICY_NAME = 'platform-ingress';

/** Name of the policy the library writes into the namespace of an install whose pods only their namespace reaches. */
export const ISOLATED_NAMESPACE_POLICY_NAME = 'isolate-namespace';

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

/** Who, besides the namespace's own pods, reaches the pods of an install that {@link isolatedNamespace} confines. */
export interface IsolatedNamespaceOptions {
  /**
   * Container ports that routes send to (a chart's web front end behind a `ServiceRoute`): the cluster's
   * ingress (its Gateway or ingress controller, as the routes flavor names it) reaches them. @default []
   */
  readonly routedPorts?: readonly ServedPort[];
  /**
   * Pods of other namespaces that reach every port, e.g. the collector that scrapes the pods' metrics or a CI
   * runner, as `{ namespace, podLabels }`. @default []
   */
  readonly allowFrom?: readonly NetworkPeer[];
  /**
   * Knative Services are deployed into the namespace from outside the repository (a CI job's
   * `kn service apply`): Knative's own pods (its activator and autoscaler) reach every port, and the
   * cluster's ingress the queue-proxy's request ports (8012, 8013). @default false
   */
  readonly knativeServices?: boolean;
}

/**
 * The install's pods talk among themselves on ports its chart chooses (its database, its cache, its
 * internal services), which no list could keep up with. Its namespace gets a default-deny ingress policy
 * over every pod there that no App's own policy governs: the namespace's own pods reach them on every port,
 * the cluster's ingress on the routed ports, and the peers stated here; pods of every other namespace
 * (another tenant's) reach none. Egress stays open.
 */
export interface IsolatedNamespace {
  /** Who else reaches the pods. */
  readonly isolatedNamespace: IsolatedNamespaceOptions;
}

/** What the network policy of a component's namespace is: the ports it serves, its namespace alone, or why it has none. */
export type ComponentNetwork = ServesPorts | IsolatedNamespace | NoNetworkPolicy;

/** The ports a component serves (none: it serves nothing), for a component's `network`. Pure. */
export function servesPorts(...ports: ServedPort[]): ComponentNetwork {
  return { servesPorts: ports };
}

/**
 * An install whose pods only their own namespace reaches, besides the routes, Knative and the peers of
 * `options`, for a chart release's or component's `network`. Pure.
 */
export function isolatedNamespace(options: IsolatedNamespaceOptions = {}): ComponentNetwork {
  return { isolatedNamespace: options };
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
  if ('isolatedNamespace' in network) {
    return network.isolatedNamespace !== null && typeof network.isolatedNamespace === 'object';
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
    hint: `give the ports: network: servesPorts({ port: 9443, purpose: 'admission webhook' }); or, for pods that talk among themselves on ports the chart chooses, `
      + `network: isolatedNamespace({ routedPorts: [{ port: 8080, purpose: 'web, through the route' }] }); or state why not: network: noNetworkPolicy('…') (written to the Namespace as ${NO_NETWORK_POLICY_ANNOTATION})`,
  };
}

/** One install's network fact in a namespace. */
export interface NetworkMember {
  /** Who states it, e.g. the component's name. */
  readonly name: string;
  /** The fact. */
  readonly network?: ComponentNetwork;
}

/** What the installs of one namespace make of it: a policy's ports, its namespace alone, or the reasons it has none. */
export type NamespaceNetwork =
  | { readonly kind: 'policy'; readonly ports: readonly PolicyPort[] }
  | {
    readonly kind: 'isolated';
    /** Ports open to every source (the served ports of the namespace's other installs). */
    readonly ports: readonly PolicyPort[];
    /** Ports the cluster's ingress reaches. */
    readonly routedPorts: readonly PolicyPort[];
    /** Peers of other namespaces, on every port. */
    readonly allowFrom: readonly NetworkPeer[];
    /** Whether Knative's activator and the ingress reach every port. */
    readonly knativeServices: boolean;
  }
  | { readonly kind: 'exempt'; readonly reasons: readonly string[] };

/** The ports once each, by port and protocol. Pure. */
function sortedPorts(ports: readonly PolicyPort[]): PolicyPort[] {
  const byKey = new Map<string, PolicyPort>();
  for (const p of ports) {
    byKey.set(`${p.protocol ?? 'TCP'}/${p.port}`, { port: p.port, protocol: p.protocol ?? 'TCP' });
  }
  return [...byKey.values()].sort((a, b) => a.port - b.port || compareText(a.protocol!, b.protocol!));
}

/** The peers once each, in a stable order. Pure. */
function sortedPeers(peers: readonly NetworkPeer[]): NetworkPeer[] {
  const byKey = new Map(peers.map((p) => [JSON.stringify([p.namespace ?? '', Object.entries(p.podLabels ?? {}).sort()]), p] as const));
  return [...byKey].sort(([a], [b]) => compareText(a, b)).map(([, p]) => p);
}

/**
 * What the installs of one namespace make of it. One reason among them leaves the namespace without a
 * policy, since a policy of the namespace would govern that install's pods too. Pure.
 */
export function namespaceNetwork(members: readonly NetworkMember[]): NamespaceNetwork {
  const reasons = members.flatMap((m) => (m.network !== undefined && 'noNetworkPolicy' in m.network ? [`${m.name}: ${m.network.noNetworkPolicy}`] : []));
  if (reasons.length > 0) {
    return { kind: 'exempt', reasons: [...new Set(reasons)].sort() };
  }
  const ports = sortedPorts(members.flatMap((m) => (m.network !== undefined && 'servesPorts' in m.network ? m.network.servesPorts : [])));
  const isolated = members.flatMap((m) => (m.network !== undefined && 'isolatedNamespace' in m.network ? [m.network.isolatedNamespace] : []));
  if (isolated.length === 0) {
    return { kind: 'policy', ports };
  }
  return {
    kind: 'isolated', ports,
    routedPorts: sortedPorts(isolated.flatMap((o) => o.routedPorts ?? [])),
    allowFrom: sortedPeers(isolated.flatMap((o) => o.allowFrom ?? [])),
    knativeServices: isolated.some((o) => o.knativeServices === true),
  };
}

/** The ports of Knative's queue-proxy, in front of every revision's pods, that requests arrive at: HTTP/1 and h2c. */
const KNATIVE_QUEUE_PROXY_PORTS: readonly PolicyPort[] = [{ port: 8012, protocol: 'TCP' }, { port: 8013, protocol: 'TCP' }];

/** How the cluster writes a namespace's isolation: its policy kind, and where its ingress sends traffic from. */
export interface NamespacePolicyContext {
  /** The NetworkPolicy API of the cluster. */
  readonly kind: NetworkPolicyKind;
  /** Where the cluster's ingress sends routed traffic from. */
  readonly ingressPeer: IngressPeer;
}

/**
 * The policy of an isolated namespace, in the cluster's kind: over every pod whose name label is none of
 * `appNames` (the namespace's Apps, which their own policies govern), admitting the namespace's own pods and
 * the stated peers on every port, the ingress on the routed ports, Knative where asked, and the served ports
 * from anywhere. Pure.
 */
export function isolatedNamespacePolicy(
  namespace: string, network: Extract<NamespaceNetwork, { kind: 'isolated' }>, appNames: readonly string[], context: NamespacePolicyContext,
): Record<string, unknown> {
  const peer = context.ingressPeer;
  const fromIngress = { from: peer.pods ? [peer.pods] : [], entities: peer.ciliumEntity ? [peer.ciliumEntity] : [] };
  // An ingress the cluster has none of (no routes) admits nothing: an allow without sources would admit every one.
  const ingressKnown = fromIngress.from.length > 0 || fromIngress.entities.length > 0;
  const ingress: IngressAllow[] = [{ from: [{ namespace }, ...network.allowFrom], ports: [] }];
  if (network.routedPorts.length > 0 && ingressKnown) {
    ingress.push({ ...fromIngress, ports: network.routedPorts });
  }
  if (network.knativeServices) {
    // The activator forwards requests while a service scales from zero, and the autoscaler reads its
    // queue-proxy's metrics; once it runs, the ingress sends to the queue-proxy itself, not to other ports.
    ingress.push({ from: [{ namespace: KNATIVE_SERVING_NAMESPACE }], ports: [] });
    if (ingressKnown) {
      ingress.push({ ...fromIngress, ports: KNATIVE_QUEUE_PROXY_PORTS });
    }
  }
  if (network.ports.length > 0) {
    ingress.push({ from: [], ports: network.ports });
  }
  const names = [...new Set(appNames)].sort(compareText);
  return renderNetworkPolicy(context.kind, {
    name: ISOLATED_NAMESPACE_POLICY_NAME, namespace, labels: {}, podLabels: {},
    podRequirements: names.length > 0 ? [{ key: APP_NAME_LABEL, operator: 'NotIn', values: names }] : [],
    ingress, egress: 'any',
  });
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
const APP_NAMES = new WeakMap<Namespaces, Map<string, Set<string>>>();

/**
 * Notes that an App of this name runs in `namespace`: its pods carry its name label, and its own policy (or
 * its stated exemption) governs them, so an isolated namespace's policy leaves them out.
 */
export function stateAppPods(namespaces: Namespaces, namespace: string, appName: string): void {
  const byNamespace = APP_NAMES.get(namespaces) ?? new Map<string, Set<string>>();
  APP_NAMES.set(namespaces, byNamespace);
  byNamespace.set(namespace, (byNamespace.get(namespace) ?? new Set<string>()).add(appName));
}

/**
 * States the network fact of pods an install brings into `namespace` besides the platform's components
 * (an operator's own namespaces, an app's chart release), so that its namespace gets it too.
 */
export function stateNamespaceNetwork(namespaces: Namespaces, namespace: string, member: NetworkMember): void {
  const byNamespace = STATED.get(namespaces) ?? new Map<string, NetworkMember[]>();
  STATED.set(namespaces, byNamespace);
  byNamespace.set(namespace, [...byNamespace.get(namespace) ?? [], member]);
}

/**
 * The namespaces of everything a pod reaches by a Service's short name, by that name: the apps (each serves
 * a Service of its own name) and the Services the platform components' charts make (Loki's `loki`). Read
 * once the cluster's constructs are built, when they render.
 */
export function shortNameNamespaces(namespaces: Namespaces, components: ReadonlyArray<{ readonly namespace: string; readonly props: { readonly services?: Readonly<Record<string, unknown>> } }>): ReadonlyMap<string, readonly string[]> {
  const byName = new Map<string, string[]>();
  const add = (name: string, namespace: string) => byName.set(name, [...new Set([...(byName.get(name) ?? []), namespace])]);
  for (const [namespace, apps] of APP_NAMES.get(namespaces) ?? []) {
    apps.forEach((app) => add(app, namespace));
  }
  for (const component of components) {
    Object.keys(component.props.services ?? {}).forEach((name) => add(name, component.namespace));
  }
  return byName;
}

/** The namespaces into which an install other than a platform component brings pods the output does not show. */
export function statedNetworkNamespaces(namespaces: Namespaces): string[] {
  return [...STATED.get(namespaces)?.keys() ?? []];
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
export function applyComponentNetworks(
  namespaces: Namespaces, components: readonly NetworkComponent[], reportAt: IConstruct, context: NamespacePolicyContext = { kind: 'kubernetes', ingressPeer: {} },
): void {
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
    } else if (network.kind === 'isolated') {
      const appNames = [...APP_NAMES.get(namespaces)?.get(namespace) ?? []];
      new ApiObject(namespaces, `${namespace}-${ISOLATED_NAMESPACE_POLICY_NAME}`, isolatedNamespacePolicy(namespace, network, appNames, context) as unknown as ApiObjectProps);
    } else {
      new ApiObject(namespaces, `${namespace}-${PLATFORM_NETWORK_POLICY_NAME}`, platformNetworkPolicy(namespace, network.ports) as unknown as ApiObjectProps);
    }
  }
}
