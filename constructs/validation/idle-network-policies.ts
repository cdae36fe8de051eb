import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { type Fields, fields, labelSelectorMatches, list, namespaceOf, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { governsWholeNamespace } from './namespace-policies';
import { containersOf, type PodTemplate, podTemplateIndexIn, podTemplates, podTemplatesIn, vmPodLabels } from './pod-spec';
import { podsShownIn } from './shown-pods';

/** Labels a controller puts on the pods it makes, which their template does not carry: a selector of them is not judged. */
const CONTROLLER_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index',
  'job-name', 'controller-uid', 'batch.kubernetes.io/job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index',
]);

function namesControllerLabel(selector: Fields): boolean {
  return [...Object.keys(fields(selector.matchLabels)), ...list(selector.matchExpressions).map((e) => text(e.key) ?? '')].some((key) => CONTROLLER_LABELS.has(key));
}

/** How to select pods that exist: by the `app.kubernetes.io/name` their templates carry, or their labels. */
export function selectorHint(templates: ReadonlyArray<{ readonly labels: Record<string, string> }>): string {
  const names = [...new Set(templates.map((template) => template.labels['app.kubernetes.io/name']).filter((name): name is string => name !== undefined))].sort();
  return names.length > 0
    ? `select the pods it is for by the labels their template has (app.kubernetes.io/name: ${names.join(' or ')})`
    : `make the selector match the labels of the pod template it is for (${templates.slice(0, 3).map((t) => JSON.stringify(t.labels)).join(', ')})`;
}

/**
 * A policy whose pods all run on the host's network, which the CNI enforces no policy on, and whose ingress keeps
 * some port those pods declare from some address (a rule `from` the LAN alone, a default deny): written to keep the
 * LAN off a DHCP server or an agent, it limits nothing. One error on `spec.podSelector`. A policy that admits
 * everyone on every declared port, as an App's for such pods does, claims no limit and is left alone.
 */
function hostNetworkOnly(policy: SynthesizedObject, selected: readonly PodTemplate[]): Finding[] {
  if (selected.length === 0 || !selected.every((template) => template.spec.hostNetwork === true)) {
    return [];
  }
  const spec = fields(policy.manifest.spec);
  const types = list(spec.policyTypes).length > 0 ? (spec.policyTypes as unknown[]) : ['Ingress'];
  if (!types.includes('Ingress')) {
    return [];
  }
  const open = new Set<string>();
  for (const rule of list(spec.ingress)) {
    if (list(rule.from).length > 0) {
      continue;
    }
    if (list(rule.ports).length === 0) {
      return [];
    }
    list(rule.ports).forEach((port) => open.add(`${text(port.protocol) ?? 'TCP'}/${String(port.port)}`));
  }
  const limited = selected.flatMap((template) => containersOf(template)).flatMap(({ container }) => list(container.ports))
    .find((port) => {
      const protocol = text(port.protocol) ?? 'TCP';
      return !open.has(`${protocol}/${String(port.containerPort)}`) && !(typeof port.name === 'string' && open.has(`${protocol}/${port.name}`));
    });
  if (limited === undefined) {
    return [];
  }
  const workloads = selected.map((t) => `${String(t.object.manifest.kind)} ${String(fields(t.object.manifest.metadata).name)}`).join(', ');
  return [objectFinding(policy, {
    layer: 'policy', severity: 'error', field: 'spec.podSelector',
    message: `selects only pods on the host's network (${workloads}), which the CNI enforces no NetworkPolicy on: the limit it sets on port ${String(limited.containerPort)} (and any other) `
      + 'is never applied, and every address reaches those pods on every port they bind',
    hint: "limit what reaches the node with the host's firewall (nftables, Talos' ingress firewall), or run the pods on the pod network; then delete the policy",
  })];
}

/**
 * Hand-written NetworkPolicies whose `podSelector` selects no pod of a namespace whose pods the output all
 * shows (made by the output, with no chart's, operator's or external Service's pods): a policy left behind
 * by an app renamed (its pods now carry another `app.kubernetes.io/name`) or moved, or written with the labels
 * a Helm chart gives (`app: sonarr`), which governs nothing, so the traffic it was to let in is refused by the
 * app's own policy. One error on `spec.podSelector`, as a Service that selects no pod is one on its selector.
 * A rule's peer of the policy's own namespace (no `namespaceSelector`) that selects no pod there admits, or
 * lets out to, no one through that peer: a finding on the peer's `podSelector` (see `peerOfOwnNamespace`).
 */
export function idleNetworkPolicies(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const findings: Finding[] = index.of('NetworkPolicy').flatMap((policy) => namespaceNameSelectors(policy, index));
  for (const { policy, namespace, templates, selectsNone } of policiesOverShownPods(cluster, index, 'NetworkPolicy')) {
    /** The other namespaces whose pods the output shows carrying the labels `selector` asks for. */
    const otherNamespacesOf = (selector: Fields) => [...new Set(podTemplates(cluster.objects)
      .filter((template) => template.namespace !== namespace && labelSelectorMatches(selector, template.labels)).map((template) => template.namespace))].sort();
    const labeled = podTemplateIndexIn(cluster.objects, namespace);
    const spec = fields(policy.manifest.spec);
    const selector = fields(spec.podSelector);
    // A policy of every pod of its namespace (`podSelector: {}`) selects them all, however many there are.
    const wholeNamespace = governsWholeNamespace(policy);
    if (!wholeNamespace && selectsNone(selector)) {
      findings.push(objectFinding(policy, {
        layer: 'policy', severity: 'error', field: 'spec.podSelector',
        message: `selects no pod of namespace "${namespace}" (${JSON.stringify(selector)}), so it governs nothing: the traffic it lets in stays refused`,
        hint: `${selectorHint(templates)}, or delete the policy if its app is gone`,
      }));
    } else if (!wholeNamespace) {
      findings.push(...hostNetworkOnly(policy, labeled.selectedBy(selector)));
    }
    for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
      list(spec[direction]).forEach((rule, i) => list(rule[peersKey]).forEach((peer, j) => {
        const peerSelector = fields(peer.podSelector);
        if (peer.podSelector !== undefined && peer.namespaceSelector === undefined && Object.keys(peerSelector).length > 0 && selectsNone(peerSelector)) {
          findings.push(peerOfOwnNamespace(policy, `spec.${direction}[${i}].${peersKey}[${j}]`, direction, peerSelector, otherNamespacesOf(peerSelector), templates));
        }
      }));
    }
  }
  return findings;
}

/** A policy of a namespace whose pods the output all shows, with those pods and a test of a selector that takes none of them. */
export interface PolicyOverShownPods {
  readonly policy: SynthesizedObject;
  readonly namespace: string;
  readonly templates: readonly PodTemplate[];
  /** Whether a label selector selects no pod of the namespace (a template's or a KubeVirt VM's launcher pod's); a selector of a label a controller sets is never judged. */
  readonly selectsNone: (selector: Fields) => boolean;
}

/**
 * The policies of `kind` in namespaces whose pods the output all shows (made by the output, with no chart's,
 * operator's or external Service's pods) and that hold some: the ones whose selectors can be judged. Pure.
 */
export function policiesOverShownPods(cluster: SynthesizedCluster, index: ObjectIndex, kind: string): PolicyOverShownPods[] {
  const policies = index.of(kind);
  if (policies.length === 0) {
    return [];
  }
  const shown = podsShownIn(cluster);
  const vms = vmPodLabels(cluster.objects);
  return policies.flatMap((policy) => {
    const namespace = namespaceOf(policy);
    const templates = podTemplatesIn(cluster.objects, namespace);
    if (!shown(namespace) || templates.length === 0) {
      return [];
    }
    const labeled = podTemplateIndexIn(cluster.objects, namespace);
    const selectsNone = (selector: Fields) => !namesControllerLabel(selector)
      && !labeled.someSelectedBy(selector)
      && !vms.some((vm) => vm.namespace === namespace && labelSelectorMatches(selector, vm.labels));
    return [{ policy, namespace, templates, selectsNone }];
  });
}

/**
 * A rule's peer without a `namespaceSelector`, which takes pods of the policy's own namespace only, that selects
 * none there. Where pods of other namespaces carry the labels it asks for (the app a database is for, in a
 * namespace of its own), the peer surely misses the pods it was written for: an error whose hint adds their
 * namespace. Otherwise a warning, whose hint names the labels of the namespace's own pods. Pure.
 */
function peerOfOwnNamespace(policy: SynthesizedObject, path: string, direction: 'ingress' | 'egress', selector: Fields, elsewhere: readonly string[], templates: readonly PodTemplate[]): Finding {
  const namespace = namespaceOf(policy);
  const admits = direction === 'ingress' ? 'admits' : 'lets out to';
  if (elsewhere.length > 0) {
    return objectFinding(policy, {
      layer: 'policy', severity: 'error', field: `${path}.podSelector`,
      message: `matches no pod of namespace "${namespace}" (${JSON.stringify(selector)}), the only namespace a peer without namespaceSelector takes; the pods it names are in `
        + `namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}: the rule ${admits} none of them`,
      hint: `add their namespace to the same peer: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '${elsewhere[0]}' } }, podSelector: ${selectorText(selector)} }`,
    });
  }
  return objectFinding(policy, {
    layer: 'policy', severity: 'warning', field: `${path}.podSelector`,
    message: `matches no pod of namespace "${namespace}" (${JSON.stringify(selector)}): the rule ${admits} no one through this peer`,
    hint: selectorHint(templates),
  });
}

/** A label selector as a chart writes it: `{ matchLabels: { 'app': 'web' } }`, or as JSON where it has expressions. Pure. */
function selectorText(selector: Fields): string {
  const labels = Object.entries(fields(selector.matchLabels));
  return list(selector.matchExpressions).length > 0
    ? JSON.stringify(selector)
    : `{ matchLabels: { ${labels.map(([key, value]) => `'${key}': '${String(value)}'`).join(', ')} } }`;
}

/** Labels guides name a namespace by, which no namespace carries unless someone sets it. */
const NAME_LIKE_LABELS: readonly string[] = ['name', 'namespace'];

/**
 * A rule's peer that picks a namespace of the output by a label of its name (`namespaceSelector: { matchLabels:
 * { name: 'ldap' } }`, as older guides write it) that the Namespace, rendered here with its labels, does not carry:
 * the peer takes no namespace, and the rule admits, or lets out to, no one through it. The API server sets
 * `kubernetes.io/metadata.name` on every namespace, which the hint names. One error on the peer's `namespaceSelector`.
 */
function namespaceNameSelectors(policy: SynthesizedObject, index: ObjectIndex): Finding[] {
  const spec = fields(policy.manifest.spec);
  const findings: Finding[] = [];
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[direction]).forEach((rule, i) => list(rule[peersKey]).forEach((peer, j) => {
      const matchLabels = fields(fields(peer.namespaceSelector).matchLabels);
      for (const key of NAME_LIKE_LABELS) {
        const value = text(matchLabels[key]);
        const namespace = value === undefined ? undefined : index.find('Namespace', '', value);
        if (namespace === undefined || fields(fields(namespace.manifest.metadata).labels)[key] === value) {
          continue;
        }
        findings.push(objectFinding(policy, {
          layer: 'policy', severity: 'error', field: `spec.${direction}[${i}].${peersKey}[${j}].namespaceSelector`,
          message: `selects namespaces by label ${key}: ${value}, which namespace "${value}" does not carry (the repository renders its labels): `
            + `the peer takes no namespace, and the rule ${direction === 'ingress' ? 'admits' : 'lets out to'} no one through it`,
          hint: `select the namespace by the label the API server gives every namespace: namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '${value}' } }`,
        }));
      }
    }));
  }
  return findings;
}
