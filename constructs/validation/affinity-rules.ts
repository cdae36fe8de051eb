import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { AddFinding, Fields, fields, list } from './manifest';
import { checkLabelSelector } from './selector-rules';
import { qualifiedNameProblem } from './syntax';

// Affinity the API server refuses (validateAffinity), although the schema allows it. Pods of a controller
// are then never created: the controller is stored, and each pod it makes is refused.

const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
/** The weights a preferred term may have. */
const MIN_WEIGHT = 1;
const MAX_WEIGHT = 100;

/**
 * The problems of a pod's `affinity` (at `path`): a required node affinity without a node selector term,
 * node selector requirements the API server refuses (see `checkNodeSelectorTerm`), a preferred term's
 * weight outside 1–100, and a pod (anti-)affinity term the API server refuses (see `checkPodAffinityTerm`).
 * An empty node selector term is allowed: it matches no node, as the API documents. Pure: reports through `add`.
 */
export function checkAffinity(affinity: Fields, path: string, add: AddFinding): void {
  if (affinity.nodeAffinity !== undefined) {
    const nodeAffinity = fields(affinity.nodeAffinity);
    if (nodeAffinity[REQUIRED] !== undefined) {
      checkNodeSelector(fields(nodeAffinity[REQUIRED]), `${path}.nodeAffinity.${REQUIRED}`, add);
    }
    list(nodeAffinity[PREFERRED]).forEach((term, i) => {
      checkWeight(term, `${path}.nodeAffinity.${PREFERRED}[${i}]`, add);
      checkNodeSelectorTerm(fields(term.preference), `${path}.nodeAffinity.${PREFERRED}[${i}].preference`, add);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    if (affinity[kind] === undefined) {
      continue;
    }
    const podAffinity = fields(affinity[kind]);
    list(podAffinity[REQUIRED]).forEach((term, i) => checkPodAffinityTerm(term, `${path}.${kind}.${REQUIRED}[${i}]`, add));
    list(podAffinity[PREFERRED]).forEach((term, i) => {
      const at = `${path}.${kind}.${PREFERRED}[${i}]`;
      checkWeight(term, at, add);
      if (term.podAffinityTerm !== undefined) {
        checkPodAffinityTerm(fields(term.podAffinityTerm), `${at}.podAffinityTerm`, add);
      }
    });
  }
}

function checkWeight(term: Fields, path: string, add: AddFinding): void {
  const weight = term.weight;
  if (typeof weight === 'number' && Number.isInteger(weight) && (weight < MIN_WEIGHT || weight > MAX_WEIGHT)) {
    add(`${path}.weight`, `weight ${weight} is not within ${MIN_WEIGHT}–${MAX_WEIGHT}`, `give the preference a weight from ${MIN_WEIGHT} to ${MAX_WEIGHT}; the scheduler adds the weights of the terms a node meets`);
  }
}

/**
 * A required node selector, of a pod's node affinity or a PersistentVolume's (ValidateNodeSelector): at
 * least one term, each as `checkNodeSelectorTerm` takes it.
 */
export function checkNodeSelector(selector: Fields, path: string, add: AddFinding): void {
  const terms = list(selector.nodeSelectorTerms);
  if (terms.length === 0) {
    add(`${path}.nodeSelectorTerms`, 'a required node selector needs at least one node selector term; the API server refuses it without',
      'give a term with matchExpressions, e.g. { matchExpressions: [{ key: \'kubernetes.io/arch\', operator: \'In\', values: [\'amd64\'] }] }, or drop the requirement');
  }
  terms.forEach((term, t) => checkNodeSelectorTerm(term, `${path}.nodeSelectorTerms[${t}]`, add));
}

/** The values each node selector operator takes: at least one, none, or exactly one (a whole number for Gt and Lt). */
const NODE_OPERATOR_VALUES: Readonly<Record<string, { readonly ok: (count: number) => boolean; readonly needs: string; readonly hint: string }>> = {
  In: { ok: (n) => n > 0, needs: 'needs at least one value', hint: 'list the label values to match, or use Exists' },
  NotIn: { ok: (n) => n > 0, needs: 'needs at least one value', hint: 'list the label values to avoid, or use DoesNotExist' },
  Exists: { ok: (n) => n === 0, needs: 'takes no values', hint: 'drop values, or use In' },
  DoesNotExist: { ok: (n) => n === 0, needs: 'takes no values', hint: 'drop values, or use NotIn' },
  Gt: { ok: (n) => n === 1, needs: 'takes exactly one value', hint: "give one whole number as text, e.g. values: ['4']" },
  Lt: { ok: (n) => n === 1, needs: 'takes exactly one value', hint: "give one whole number as text, e.g. values: ['4']" },
};

/**
 * Why the API server refuses the values of a node selector requirement for its operator, or undefined
 * (also for an unknown operator: the schema reports it). Pure.
 */
function nodeRequirementValuesProblem(requirement: Fields): { readonly message: string; readonly hint: string } | undefined {
  const rule = typeof requirement.operator === 'string' ? NODE_OPERATOR_VALUES[requirement.operator] : undefined;
  const count = Array.isArray(requirement.values) ? requirement.values.length : 0;
  return rule === undefined || rule.ok(count) ? undefined : { message: `operator ${String(requirement.operator)} ${rule.needs}, not ${count}`, hint: rule.hint };
}

/**
 * One node selector term (ValidateNodeSelectorTerm): each label requirement with a label key and the
 * values its operator takes, and each field requirement on `metadata.name` with In or NotIn of one node
 * name, the only field a node selector may select on.
 */
function checkNodeSelectorTerm(term: Fields, path: string, add: AddFinding): void {
  list(term.matchExpressions).forEach((requirement, r) => {
    const at = `${path}.matchExpressions[${r}]`;
    const keyProblem = typeof requirement.key === 'string' ? qualifiedNameProblem(requirement.key) : undefined;
    if (keyProblem) {
      add(`${at}.key`, keyProblem, 'select on a node label key, e.g. kubernetes.io/hostname');
    }
    const problem = nodeRequirementValuesProblem(requirement);
    if (problem) {
      add(`${at}.values`, problem.message, problem.hint);
    }
  });
  list(term.matchFields).forEach((requirement, r) => {
    const problem = nodeFieldRequirementProblem(requirement);
    if (problem) {
      add(`${path}.matchFields[${r}].${problem.field}`, problem.message, problem.hint);
    }
  });
}

/**
 * Why the API server refuses a node selector's field requirement (ValidateNodeFieldSelectorRequirement),
 * at `field` within it, or undefined: it selects on `metadata.name` alone, by In or NotIn of one node name.
 */
function nodeFieldRequirementProblem(requirement: Fields): { readonly field: string; readonly message: string; readonly hint: string } | undefined {
  const values: unknown[] = Array.isArray(requirement.values) ? requirement.values : [];
  const nameProblemOf = typeof values[0] === 'string' ? nameProblem(values[0], DNS1123_SUBDOMAIN) : undefined;
  if (requirement.key !== 'metadata.name') {
    return { field: 'key', message: `a node selector selects on the field metadata.name only, not ${JSON.stringify(requirement.key)}`, hint: 'select on metadata.name, or on a node label in matchExpressions' };
  } else if ((requirement.operator !== 'In' && requirement.operator !== 'NotIn') || values.length !== 1) {
    return { field: 'values', message: 'a field requirement takes operator In or NotIn with exactly one node name', hint: "select one node, e.g. { key: 'metadata.name', operator: 'In', values: ['node-1'] }" };
  }
  return nameProblemOf === undefined ? undefined : { field: 'values[0]', message: `node name ${nameProblemOf}`, hint: 'give the node\'s name as kubectl get nodes lists it' };
}

/**
 * Whether the API server refuses a node selector term for the values of a requirement or a field
 * requirement: such a term is reported by `checkNodeSelectorTerm`, and placement checks leave it alone.
 */
export function isRefusedNodeSelectorTerm(term: Fields): boolean {
  return list(term.matchExpressions).some((e) => nodeRequirementValuesProblem(e) !== undefined) || list(term.matchFields).some((e) => nodeFieldRequirementProblem(e) !== undefined);
}

/**
 * A pod (anti-)affinity term (validatePodAffinityTerm): a topology key that is a label key, label and
 * namespace selectors the API server takes (see `checkLabelSelector`), and namespaces that are namespace names.
 */
function checkPodAffinityTerm(term: Fields, path: string, add: AddFinding): void {
  checkTopologyKey(term, path, add);
  checkLabelSelector(term.labelSelector, `${path}.labelSelector`, add);
  checkLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`, add);
  (Array.isArray(term.namespaces) ? term.namespaces as unknown[] : []).forEach((namespace, n) => {
    const problem = typeof namespace === 'string' ? nameProblem(namespace, DNS1123_LABEL) : undefined;
    if (problem) {
      add(`${path}.namespaces[${n}]`, `namespace ${problem}`, 'name the namespace as kubectl get namespaces lists it, or select namespaces by label with namespaceSelector');
    }
  });
}

function checkTopologyKey(term: Fields, path: string, add: AddFinding): void {
  // A missing key is the schema's to report (it is required); an empty one passes the schema.
  if (term.topologyKey === '') {
    add(`${path}.topologyKey`, 'the topology key is empty; the API server refuses a pod affinity term without one',
      'name the node label that groups nodes, e.g. kubernetes.io/hostname (one per node) or topology.kubernetes.io/zone');
  } else if (typeof term.topologyKey === 'string' && qualifiedNameProblem(term.topologyKey) !== undefined) {
    add(`${path}.topologyKey`, `topology key: ${String(qualifiedNameProblem(term.topologyKey))}`,
      'name a node label key that groups nodes, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone');
  }
}
