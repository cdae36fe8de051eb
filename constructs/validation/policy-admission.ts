import type { SynthesizedObject } from '../synth/collect';
import { IpBlock, networkOf, parseIpBlock } from '../inventory/ip';
import { fields, labelSelectorMatches, list, namespaceOf, stringMap, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { NETWORK_POLICY_KINDS, withoutLabelSource } from './namespace-policies';

// Whether the rendered NetworkPolicies and CiliumNetworkPolicies of a cluster let one pod reach a port of
// another. Only what the objects say for certain counts as a refusal: an address block or an entity that
// may hold pods, or a rule this reading does not know, answers `maybe`.

/** A pod as policies see it: its namespace, that namespace's labels and its own labels. */
export interface PolicyPod {
  readonly namespace: string;
  readonly namespaceLabels: Record<string, string>;
  readonly labels: Record<string, string>;
  /**
   * For a pod on its host's network, the addresses of the nodes it may run on: its traffic comes from, and
   * reaches it at, one of them, which no pod selector matches, and no policy governs the pod itself. For a
   * machine outside the cluster (`outside`), its own address, where the call names it (`http://[fd00::10]:8123`).
   * @default - a pod of the pod network, or a machine whose address is not known here
   */
  readonly hostAddresses?: readonly string[];
  /**
   * A machine outside the cluster: no pod or namespace selector takes it, an address block may; one that holds its
   * address (`hostAddresses`, where the call names the address) surely does. @default false
   */
  readonly outside?: boolean;
  /**
   * A pod of a cluster whose CNI is Cilium, which matches address blocks to no pod it manages (its docs: CIDR rules
   * do not apply where both ends are its endpoints): an `ipBlock` that holds the pod's address surely does not take
   * it. @default false - an address block may take a pod, as Calico's and kube-router's do
   */
  readonly missedByAddressBlocks?: boolean;
  /**
   * A proxy Cilium runs in the node and gives an identity of its own rather than a pod's (`ingress`: the Envoy of
   * its Gateway API and Ingress): no pod, namespace or endpoint selector takes it; an entity rule of that name, or
   * `all`, does. @default - a pod
   */
  readonly ciliumEntity?: string;
}

/** A port of the pod that receives the connection: its number, its name when it has one, its protocol. */
export interface PolicyTarget {
  readonly port: number;
  readonly name?: string;
  readonly protocol: string;
}

/** What the policies answer for a connection in one direction. */
export type Admission = 'admits' | 'refuses' | 'maybe';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** The label Cilium gives every endpoint for its pod's namespace, which a selector may name. */
export const CILIUM_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
const CILIUM_NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
/** Cilium entities that take in every pod of the cluster; entities of nodes, the outside world or proxies take in none. */
const POD_ENTITIES = ['all', 'cluster'];
const NON_POD_ENTITIES = ['host', 'remote-node', 'world', 'ingress', 'kube-apiserver', 'health', 'init', 'unmanaged'];

/** The labels of namespace `namespace` as selectors read them (the API server always sets its name label). */
export function namespaceLabels(index: ObjectIndex, namespace: string): Record<string, string> {
  const object = index.find('Namespace', '', namespace);
  return { ...stringMap(fields(object?.manifest.metadata).labels), [NAMESPACE_NAME_LABEL]: namespace };
}

/**
 * Whether the policies of the cluster let `from` connect to `target` of `to`, in the direction
 * `direction`: `ingress` reads the policies that select `to`, `egress` those that select `from`. Pure.
 */
export function policyAdmission(index: ObjectIndex, direction: 'ingress' | 'egress', from: PolicyPod, to: PolicyPod, target: PolicyTarget): Admission {
  const [own, peer] = direction === 'ingress' ? [to, from] : [from, to];
  if (own.hostAddresses !== undefined) {
    return 'admits'; // a pod on its host's network is in the node's network namespace, which no policy isolates
  }
  let ownLabels: Record<string, string> | undefined;
  const answers = policiesIn(index, own.namespace)
    .flatMap((policy) => (text(policy.manifest.kind) === 'NetworkPolicy'
      ? kubernetesAnswer(policy, direction, own, peer, target)
      // Cilium names nodes by entity (host, remote-node), which this reading does not tell apart by node.
      : peer.hostAddresses !== undefined || peer.outside ? ['maybe' as const]
        : ciliumAnswers(policy, direction, own, ownLabels ??= ciliumLabels(own), peer, target)));
  if (answers.length === 0 || answers.includes('admits')) {
    return 'admits'; // no policy isolates the pod in this direction, or one lets the connection through
  }
  return answers.includes('maybe') ? 'maybe' : 'refuses';
}

const policiesByNamespace = new WeakMap<ObjectIndex, Map<string, SynthesizedObject[]>>();

/** The NetworkPolicies and CiliumNetworkPolicies of `namespace`, grouped once per index: a cluster asks for them per call of every app. */
function policiesIn(index: ObjectIndex, namespace: string): readonly SynthesizedObject[] {
  let byNamespace = policiesByNamespace.get(index);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    for (const policy of index.of(...NETWORK_POLICY_KINDS)) {
      const here = byNamespace.get(namespaceOf(policy));
      if (here === undefined) {
        byNamespace.set(namespaceOf(policy), [policy]);
      } else {
        here.push(policy);
      }
    }
    policiesByNamespace.set(index, byNamespace);
  }
  return byNamespace.get(namespace) ?? [];
}

/** A NetworkPolicy's answer, or none when it does not isolate `own` in `direction`. */
function kubernetesAnswer(policy: SynthesizedObject, direction: 'ingress' | 'egress', own: PolicyPod, peer: PolicyPod, target: PolicyTarget): Admission[] {
  const spec = fields(policy.manifest.spec);
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes as unknown[] : ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
  if (!types.includes(direction === 'ingress' ? 'Ingress' : 'Egress') || !labelSelectorMatches(fields(spec.podSelector), own.labels)) {
    return [];
  }
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const rules = list(spec[direction]).map((rule): Admission => {
    if (!kubernetesPortsTake(rule.ports, target)) {
      return 'refuses';
    }
    const peers = list(rule[peersKey]);
    if (peers.length === 0) {
      return 'admits';
    }
    const matches = peers.map((p): Admission => {
      if (p.ipBlock !== undefined) {
        return peer.hostAddresses !== undefined ? ipBlockTakes(fields(p.ipBlock), peer.hostAddresses) : peer.missedByAddressBlocks === true && !peer.outside ? 'refuses' : 'maybe';
      }
      if (peer.ciliumEntity !== undefined) {
        // Selectors match endpoints by their namespace and labels, which Cilium's own identities have none of.
        return 'refuses';
      }
      if (peer.hostAddresses !== undefined || peer.outside) {
        return 'refuses'; // pod and namespace selectors match pods' addresses, never a node's or an outside machine's
      }
      const namespaceMatches = p.namespaceSelector === undefined ? peer.namespace === own.namespace : labelSelectorMatches(fields(p.namespaceSelector), peer.namespaceLabels);
      const podMatches = p.podSelector === undefined || labelSelectorMatches(fields(p.podSelector), peer.labels);
      return namespaceMatches && podMatches ? 'admits' : 'refuses';
    });
    return strongest(matches);
  });
  return [rules.length === 0 ? 'refuses' : strongest(rules)];
}

/**
 * Whether an ipBlock takes the node addresses a host-network peer may use: all of them (outside its
 * `except`), none, or some (`maybe`, as the node the pod lands on decides). A block it cannot read is `maybe`.
 */
function ipBlockTakes(block: Record<string, unknown>, addresses: readonly string[]): Admission {
  const cidr = parseIpBlock(text(block.cidr));
  const excepted = (Array.isArray(block.except) ? block.except as unknown[] : []).map((e) => parseIpBlock(e));
  if (cidr === undefined || excepted.some((e) => e === undefined)) {
    return 'maybe';
  }
  const taken = addresses.map((address) => {
    const single = parseIpBlock(address);
    return single !== undefined && blockHolds(cidr, single) && !excepted.some((e) => blockHolds(e!, single));
  });
  return taken.every(Boolean) ? 'admits' : taken.some(Boolean) ? 'maybe' : 'refuses';
}

/** Whether `outer` holds every address of `inner`. */
function blockHolds(outer: IpBlock, inner: IpBlock): boolean {
  const hostBits = BigInt(outer.bits - outer.prefix);
  return inner.family === outer.family && inner.prefix >= outer.prefix && networkOf(inner) >> hostBits === networkOf(outer) >> hostBits;
}

/** Whether a NetworkPolicy rule's `ports` take `target` (none listed takes every port). */
function kubernetesPortsTake(ports: unknown, target: PolicyTarget): boolean {
  const listed = list(ports);
  return listed.length === 0 || listed.some((p) => (text(p.protocol) ?? 'TCP') === target.protocol && portMatches(p.port, p.endPort, target));
}

function portMatches(port: unknown, endPort: unknown, target: PolicyTarget): boolean {
  if (port === undefined) {
    return true;
  }
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    return port === target.name;
  }
  const first = Number(port);
  const last = typeof endPort === 'number' ? endPort : first;
  return first === 0 || (target.port >= first && target.port <= last);
}

/** The answers of a CiliumNetworkPolicy's specs that select `own` and isolate it in `direction`. */
function ciliumAnswers(policy: SynthesizedObject, direction: 'ingress' | 'egress', own: PolicyPod, ownLabels: Record<string, string>, peer: PolicyPod, target: PolicyTarget): Admission[] {
  const manifest = fields(policy.manifest);
  const specs = [fields(manifest.spec), ...list(manifest.specs)].filter((spec) => spec.endpointSelector !== undefined);
  return specs.flatMap((spec): Admission[] => {
    if (spec[direction] === undefined || !labelSelectorMatches(withoutLabelSource(fields(spec.endpointSelector)), ownLabels)) {
      return [];
    }
    // A deny rule or a spec that turns default-deny off is past what this reading decides.
    if (spec[`${direction}Deny`] !== undefined || fields(spec.enableDefaultDeny)[direction] === false) {
      return ['maybe'];
    }
    const prefix = direction === 'ingress' ? 'from' : 'to';
    const rules = list(spec[direction]).map((rule): Admission => {
      if (!ciliumPortsTake(rule.toPorts, target)) {
        return 'refuses';
      }
      const known = new Set([`${prefix}Endpoints`, `${prefix}Entities`, 'toPorts']);
      if (Object.keys(rule).some((key) => !known.has(key))) {
        return 'maybe'; // CIDRs, services, FQDNs, requirements
      }
      const endpoints = list(rule[`${prefix}Endpoints`]).map((selector): Admission => {
        if (peer.ciliumEntity !== undefined) {
          return 'refuses';
        }
        const selectorFields = withoutLabelSource(fields(selector));
        const namespaced = [...Object.keys(stringMap(selectorFields.matchLabels)), ...list(selectorFields.matchExpressions).map((e) => text(e.key) ?? '')]
          .some((key) => key === CILIUM_NAMESPACE_LABEL || key.startsWith(CILIUM_NAMESPACE_LABELS_PREFIX));
        const sameNamespace = namespaced || peer.namespace === own.namespace;
        return sameNamespace && labelSelectorMatches(selectorFields, ciliumLabels(peer)) ? 'admits' : 'refuses';
      });
      const entities = (Array.isArray(rule[`${prefix}Entities`]) ? rule[`${prefix}Entities`] as unknown[] : []).map((entity) => entityTakes(String(entity), peer));
      return [...endpoints, ...entities].length === 0 ? 'refuses' : strongest([...endpoints, ...entities]);
    });
    return [rules.length === 0 ? 'refuses' : strongest(rules)];
  });
}

/** Whether a rule's entity takes `peer`: a pod, or one of Cilium's own identities (`all` takes every one, `cluster` perhaps). */
function entityTakes(entity: string, peer: PolicyPod): Admission {
  if (peer.ciliumEntity !== undefined) {
    return entity === peer.ciliumEntity || entity === 'all' ? 'admits' : entity === 'cluster' ? 'maybe' : 'refuses';
  }
  return POD_ENTITIES.includes(entity) ? 'admits' : NON_POD_ENTITIES.includes(entity) ? 'refuses' : 'maybe';
}

/** Whether a Cilium rule's `toPorts` take `target` (none listed takes every port). */
function ciliumPortsTake(toPorts: unknown, target: PolicyTarget): boolean {
  const entries = list(toPorts);
  return entries.length === 0 || entries.some((entry) => {
    const ports = list(entry.ports);
    return ports.length === 0 || ports.some((p) => ['ANY', target.protocol].includes(text(p.protocol) ?? 'ANY') && portMatches(p.port, p.endPort, target));
  });
}

/** The labels Cilium gives a pod's endpoint: its own, its namespace's name, and its namespace's labels. */
function ciliumLabels(pod: PolicyPod): Record<string, string> {
  return {
    ...pod.labels,
    [CILIUM_NAMESPACE_LABEL]: pod.namespace,
    ...Object.fromEntries(Object.entries(pod.namespaceLabels).map(([key, value]) => [`${CILIUM_NAMESPACE_LABELS_PREFIX}${key}`, value])),
  };
}

/** The answer of several alternatives: one that admits lets the connection through. */
function strongest(answers: readonly Admission[]): Admission {
  return answers.includes('admits') ? 'admits' : answers.includes('maybe') ? 'maybe' : 'refuses';
}
