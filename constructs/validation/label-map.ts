import { describeValue } from '../inventory/problems';
import { LABEL_VALUE, nameProblem } from './dns-names';
import type { PropProblem } from './known-props';
import { hiddenInMessages, hiddenValueText } from './secret-values';
import { qualifiedNameProblem } from './syntax';

/**
 * What is wrong with a map of labels a construct puts on its objects (fields `<field>.<key>`): checked on
 * the prop, once, rather than on every object that carries the labels.
 */
export function labelMapProblems(labels: unknown, field: string): PropProblem[] {
  if (labels === undefined || labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    return [];
  }
  const problems: PropProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) {
      problems.push({
        field: `${field}.${key}`, message: keyProblem,
        hint: 'write a label key as [prefix/]name: an optional lower-case DNS prefix and a name of letters, digits, - _ . (e.g. example.com/owner)',
      });
    }
    // A label named as a secret (`db-password`) is shown by its size: it may hold the secret.
    const shown = hiddenInMessages(key.slice(key.lastIndexOf('/') + 1), value) ? hiddenValueText(value) : describeValue(value);
    const valueProblem = typeof value === 'string' ? nameProblem(value, LABEL_VALUE, shown) : `${shown} is not text`;
    if (valueProblem) {
      problems.push({
        field: `${field}.${key}`, message: `the value of label ${key}: ${valueProblem}`,
        hint: LABEL_VALUE.hint!,
      });
    }
  }
  return problems;
}
