import type { PropProblem } from '../validation/known-props';
import { DNS1123_SUBDOMAIN, nameMeant, nameProblem } from '../validation/dns-names';
import { dataKeyProblem } from '../validation/syntax';

/**
 * The problems of the name and keys of the Secret a secret construct makes, on the props the user wrote:
 * its name (`name`, or the construct id when none is given) must be an object name, and each key (of the
 * prop `keysField`) one a Secret's data takes. The API server would refuse the object otherwise, and the
 * same mistake would come back under the rendered object's fields. Pure.
 */
export function secretPropProblems(id: string, name: string | undefined, keys: readonly string[], keysField: string): PropProblem[] {
  const problems: PropProblem[] = [];
  const secretName = name ?? id;
  const invalid = nameProblem(secretName, DNS1123_SUBDOMAIN);
  if (invalid !== undefined) {
    problems.push({
      field: 'name',
      message: name === undefined ? `the Secret is named by the construct id, and ${invalid}` : `name ${invalid}`,
      hint: `give name: '${nameMeant(secretName, DNS1123_SUBDOMAIN) ?? 'db-credentials'}' (lower-case letters, digits, '-' and '.')`,
    });
  }
  for (const key of keys) {
    const keyProblem = dataKeyProblem(key);
    if (keyProblem !== undefined) {
      problems.push({
        field: `${keysField}.${key}`, message: `${keyProblem}, so the API server would refuse the Secret`,
        hint: `name keys with letters, digits, '-', '_' and '.' only (they become file names when mounted), e.g. '${key.replace(/[^-._a-zA-Z0-9]+/g, '_')}'`,
      });
    }
  }
  return problems;
}
