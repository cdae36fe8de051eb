import { AddFinding, Fields, fields, list } from './manifest';

// Affinity the API server refuses (validateAffinity), although the schema allows it. Pods of a controller
// are then never created: the controller is stored, and each pod it makes is refused.

const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
/** The weights a preferred term may have. */
const MIN_WEIGHT = 1;
const MAX_WEIGHT = 100;

/**
 * The problems of a pod's `affinity` (at `path`): a required node affinity without a node selector term,
 * a preferred term's weight outside 1–100, and a pod (anti-)affinity term without a topology key. An empty
 * node selector term is allowed: it matches no node, as the API documents. Pure: reports through `add`.
 */
export function checkAffinity(affinity: Fields, path: string, add: AddFinding): void {
  if (affinity.nodeAffinity !== undefined) {
    const nodeAffinity = fields(affinity.nodeAffinity);
    if (nodeAffinity[REQUIRED] !== undefined && list(fields(nodeAffinity[REQUIRED]).nodeSelectorTerms).length === 0) {
      add(`${path}.nodeAffinity.${REQUIRED}.nodeSelectorTerms`, 'a required node affinity needs at least one node selector term; the API server refuses it without',
        'give a term with matchExpressions, e.g. { matchExpressions: [{ key: \'kubernetes.io/arch\', operator: \'In\', values: [\'amd64\'] }] }, or drop the required affinity');
    }
    list(nodeAffinity[PREFERRED]).forEach((term, i) => checkWeight(term, `${path}.nodeAffinity.${PREFERRED}[${i}]`, add));
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    if (affinity[kind] === undefined) {
      continue;
    }
    const podAffinity = fields(affinity[kind]);
    list(podAffinity[REQUIRED]).forEach((term, i) => checkTopologyKey(term, `${path}.${kind}.${REQUIRED}[${i}]`, add));
    list(podAffinity[PREFERRED]).forEach((term, i) => {
      const at = `${path}.${kind}.${PREFERRED}[${i}]`;
      checkWeight(term, at, add);
      if (term.podAffinityTerm !== undefined) {
        checkTopologyKey(fields(term.podAffinityTerm), `${at}.podAffinityTerm`, add);
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

function checkTopologyKey(term: Fields, path: string, add: AddFinding): void {
  // A missing key is the schema's to report (it is required); an empty one passes the schema.
  if (term.topologyKey === '') {
    add(`${path}.topologyKey`, 'the topology key is empty; the API server refuses a pod affinity term without one',
      'name the node label that groups nodes, e.g. kubernetes.io/hostname (one per node) or topology.kubernetes.io/zone');
  }
}
