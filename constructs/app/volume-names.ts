import { DNS1123_LABEL, nameProblem } from '../validation/dns-names';
import type { PropProblem } from '../validation/known-props';

/**
 * The problem of an app volume's name (a key of `persistence`, or `addVolume`'s name), on the prop that gives
 * it: the name is the pod's volume name, an RFC 1123 label the API server checks, and also names a claim made
 * for it (`<app>-<name>`), so `Data` would otherwise be refused on objects the user never wrote. Pure.
 */
export function volumeNameProblems(name: string, field: string): PropProblem[] {
  const problem = nameProblem(name, DNS1123_LABEL);
  if (problem === undefined) {
    return [];
  }
  const meant = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, DNS1123_LABEL.maxLength) || 'data';
  return [{ field, message: `volume name ${problem}; the API server refuses it as the name of the pod's volume`, hint: `name volumes with lower-case letters, digits and '-', e.g. ${meant}` }];
}

/** The problems of the names of an app's `persistence` volumes, each on its key. Pure. */
export function persistenceNameProblems(persistence: unknown): PropProblem[] {
  if (persistence === null || typeof persistence !== 'object' || Array.isArray(persistence)) {
    return []; // the props' shape reports it
  }
  return Object.keys(persistence).flatMap((name) => volumeNameProblems(name, `persistence.${name}`));
}
