import { NO_NETWORK_POLICY_ANNOTATION, PLATFORM_NETWORK_POLICY_NAME } from '../platform/component-network';
import type { SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { type Fields, fields, labelSelectorMatches, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { SelectorIndex } from './label-index';
import type { ObjectIndex } from './object-index';
import type { PodTemplate } from './pod-spec';

/** The kinds of policy that restrict pods' traffic. */
export const NETWORK_POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy'];

/**
 * Whether a label selector selects the pods of a chart or an operator, whatever their labels: those of a pod
 * without labels. An empty selector does; so does one that only leaves out pods by label (`NotIn` the names
 * of the namespace's Apps, whose own policies select them). Pure.
 */
function selectsUnnamedPods(selector: unknown): boolean {
  return labelSelectorMatches(withoutLabelSource(fields(selector)), {});
}

/**
 * Whether `policy` governs every pod of its namespace that no App's own policy names: a NetworkPolicy whose
 * `podSelector`, a CiliumNetworkPolicy whose `endpointSelector` (in `spec` or one of `specs`), selects pods
 * without labels. Pure.
 */
export function governsWholeNamespace(policy: SynthesizedObject): boolean {
  const manifest = fields(policy.manifest);
  if (text(manifest.kind) === 'NetworkPolicy') {
    return selectsUnnamedPods(fields(manifest.spec).podSelector);
  }
  const specs = [fields(manifest.spec), ...list(manifest.specs)].filter((spec) => Object.keys(spec).length > 0);
  return specs.some((spec) => spec.endpointSelector !== undefined && selectsUnnamedPods(spec.endpointSelector));
}

const LABEL_SOURCE = /^(k8s|any):/;

function withSource(key: string): boolean {
  return key.startsWith('k8s:') || key.startsWith('any:');
}

/** Whether a selector reads as it is written: every key plain, every expression's key text. */
function plainSelector(matchLabels: Record<string, string>, matchExpressions: readonly Fields[]): boolean {
  for (const key in matchLabels) {
    if (withSource(key)) {
      return false;
    }
  }
  return matchExpressions.every((e) => typeof e.key === 'string' && !withSource(e.key));
}

/** Cilium's label sources (`k8s:app`, `any:app`) name the same pod label as a plain key. Pure. */
export function withoutLabelSource(selector: Fields): Fields {
  const matchLabels = stringMap(selector.matchLabels);
  const matchExpressions = list(selector.matchExpressions);
  // Nearly every selector is plain (every NetworkPolicy's is): it is read as it is, without a copy of each key.
  if (plainSelector(matchLabels, matchExpressions)) {
    return { matchLabels, matchExpressions };
  }
  const strip = (key: string) => key.replace(LABEL_SOURCE, '');
  return {
    matchLabels: Object.fromEntries(Object.entries(matchLabels).map(([key, value]) => [strip(key), value])),
    matchExpressions: matchExpressions.map((e) => ({ ...e, key: strip(text(e.key) ?? '') })),
  };
}

/**
 * The pod selectors of the policies of each namespace: a NetworkPolicy's `podSelector`, a
 * CiliumNetworkPolicy's `endpointSelector`s (one without, a node policy, selects no pod). Pure; built once
 * per cluster, so that each pod template is matched against the selectors of its own namespace that may select it.
 */
export function policyPodSelectors(index: ObjectIndex): Map<string, SelectorIndex> {
  const byNamespace = new Map<string, SelectorIndex>();
  for (const policy of index.of(...NETWORK_POLICY_KINDS)) {
    const manifest = fields(policy.manifest);
    const selectors = text(manifest.kind) === 'NetworkPolicy'
      ? [fields(fields(manifest.spec).podSelector)]
      : [fields(manifest.spec), ...list(manifest.specs)].filter((spec) => spec.endpointSelector !== undefined).map((spec) => withoutLabelSource(fields(spec.endpointSelector)));
    const namespace = namespaceOf(policy);
    let namespaceSelectors = byNamespace.get(namespace);
    if (namespaceSelectors === undefined) {
      namespaceSelectors = new SelectorIndex();
      byNamespace.set(namespace, namespaceSelectors);
    }
    selectors.forEach((selector) => namespaceSelectors.add(selector));
  }
  return byNamespace;
}

/**
 * Namespaces with a policy over every pod. Only these cover the pods of a chart or an operator, which
 * carry none of the labels an App's own policy selects. Pure.
 */
export function wholeNamespacePolicies(index: ObjectIndex): Set<string> {
  return new Set(index.of(...NETWORK_POLICY_KINDS).filter(governsWholeNamespace).map(namespaceOf));
}

/**
 * Pod templates that state why they have no NetworkPolicy (an App's `exemptions.networkPolicy`) in a
 * namespace whose platform components listed their ports: the namespace's `platform-ingress` policy
 * governs these pods too and denies ingress to every port of theirs it does not list. Pure.
 */
export function exemptPodsUnderPlatformPolicy(index: ObjectIndex, templates: readonly PodTemplate[]): Finding[] {
  const platform = new Map(index.of('NetworkPolicy')
    .filter((p) => text(fields(p.manifest.metadata).name) === PLATFORM_NETWORK_POLICY_NAME)
    .map((p) => [namespaceOf(p), p] as const));
  const findings: Finding[] = [];
  const reported = new Set<SynthesizedObject>();
  for (const template of templates) {
    const policy = platform.get(template.namespace);
    if (policy === undefined || template.annotations[NO_NETWORK_POLICY_ANNOTATION] === undefined || reported.has(template.object)) {
      continue;
    }
    reported.add(template.object);
    const ports = list(fields(list(fields(policy.manifest.spec).ingress)[0]).ports).map((p) => String(p.port));
    findings.push(objectFinding(template.object, {
      layer: 'policy', severity: 'error', field: 'exemptions.networkPolicy',
      message: `its pods state that they have no NetworkPolicy, but namespace "${template.namespace}" has the ${PLATFORM_NETWORK_POLICY_NAME} NetworkPolicy of its platform components, which denies ingress to every port ${ports.length > 0 ? `but ${ports.join(', ')}` : 'of its pods'}; nothing could reach the pods' own ports`,
      hint: 'drop exemptions.networkPolicy so that the app renders its own policy, which lets its ports through beside the components\', or put the app in a namespace of its own',
    }));
  }
  return findings;
}
