import { Forgejo, Ollama, Osquery, WazuhAgent } from '../../constructs';
import type { BadInput } from './cases';
import { hostFact } from './cases-inventory-facts';
import { guarded } from './lab';

// Props given values of every wrong type, one prop at a time, where the library read past what it reported.

/** A service construct given `props` in place of its props object (JavaScript): one error on its props. */
const serviceGiven = (name: string, service: new (scope: any, id: string, props: any) => unknown, props: unknown): BadInput =>
  ({ name, build: guarded((cluster) => new service(cluster, 'svc', props)), layer: 'props', path: 'svc', field: 'props', hint: /pass the props object/ });

export const CASES: BadInput[] = [
  // The GPU that is none was reported, and the cluster's GPU checks then read its vendor: a TypeError on the storage.
  hostFact('GPU list holding null', { gpus: [null] }, 'gpus[0]'),
  hostFact('GPU list holding a number beside a GPU', { gpus: [{ vendor: 'nvidia' }, 7] }, 'gpus[1]'),
  // Each read its options from the props before checking them: a TypeError reported on the cluster.
  serviceGiven('Forgejo given null for its props', Forgejo, null),
  serviceGiven('Ollama given null for its props', Ollama, null),
  serviceGiven('Osquery given null for its props', Osquery, null),
  serviceGiven('WazuhAgent given null for its props', WazuhAgent, null),
  serviceGiven('WazuhAgent given no props at all', WazuhAgent, undefined),
];
