import type { BadInput } from './cases';
import { hostFact } from './cases-inventory-facts';

// Props given values of every wrong type, one prop at a time, where the library read past what it reported.

export const CASES: BadInput[] = [
  // The GPU that is none was reported, and the cluster's GPU checks then read its vendor: a TypeError on the storage.
  hostFact('GPU list holding null', { gpus: [null] }, 'gpus[0]'),
  hostFact('GPU list holding a number beside a GPU', { gpus: [{ vendor: 'nvidia' }, 7] }, 'gpus[1]'),
];
