import { HELM_RELEASE_NAME, nameMeant, nameProblem } from '../validation/dns-names';
import type { PropProblem } from '../validation/known-props';

/**
 * Why `name` cannot name a Helm release, reported on `field` (the prop the name was made from: a release's
 * `name`, or the id of the construct it is named after). Helm refuses a longer name at install, and the
 * HelmRelease schema does at apply, on an object the user never wrote. Pure.
 */
export function releaseNameProblems(name: string, field: string): PropProblem[] {
  const problem = nameProblem(name, HELM_RELEASE_NAME);
  if (problem === undefined) {
    return [];
  }
  const meant = nameMeant(name, HELM_RELEASE_NAME);
  return [{
    field, message: `the ${field === 'id' ? 'id' : 'name'} names the Helm release: ${problem}`,
    hint: `${HELM_RELEASE_NAME.hint}${meant === undefined ? '' : `, e.g. '${meant}'`}`,
  }];
}
