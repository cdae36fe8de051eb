import { LABEL_VALUE, nameProblem } from './dns-names';
import { AddFinding, fields, Fields, list } from './manifest';
import { qualifiedNameProblem } from './syntax';

const SET_OPERATORS: readonly unknown[] = ['In', 'NotIn'];
const EXISTENCE_OPERATORS: readonly unknown[] = ['Exists', 'DoesNotExist'];

/**
 * What the API server rejects in a label selector (`matchLabels` and `matchExpressions`) although the
 * schema allows it: keys that are no qualified names, values that are no label values, `In` or `NotIn` without values, `Exists` or `DoesNotExist` with values. Does nothing for an
 * absent selector.
 */
export function checkLabelSelector(selector: unknown, path: string, add: AddFinding): void {
  if (selector === undefined) {
    return;
  }
  const record = fields(selector);
  if (record.matchLabels !== undefined) {
    checkSelectorMap(record.matchLabels, `${path}.matchLabels`, add);
  }
  if (record.matchExpressions !== undefined) {
    list(record.matchExpressions).forEach((expression, i) => checkRequirement(expression, `${path}.matchExpressions[${i}]`, add));
  }
}

/** The keys and values of an equality selector (a Service's `selector`, a `matchLabels`). */
export function checkSelectorMap(map: unknown, path: string, add: AddFinding): void {
  const record = fields(map);
  for (const key in record) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) {
      add(`${path}.${key}`, keyProblem, 'select by a label key, e.g. app.kubernetes.io/name');
    }
    const value = record[key];
    const valueProblem = typeof value === 'string' ? nameProblem(value, LABEL_VALUE) : undefined;
    if (valueProblem) {
      add(`${path}.${key}`, valueProblem, "a label value has at most 63 letters, digits, '-', '_' and '.', beginning and ending with a letter or digit");
    }
  }
}

/**
 * Whether the API server refuses an equality selector (a pod's `nodeSelector`) for a key or value: such a
 * selector is reported by `checkSelectorMap`, and placement checks leave it alone. Pure.
 */
export function isRefusedSelectorMap(map: Readonly<Record<string, string>>): boolean {
  return Object.keys(map).some((key) => qualifiedNameProblem(key) !== undefined || nameProblem(map[key], LABEL_VALUE) !== undefined);
}

/**
 * Whether the API server refuses a label selector for a key, value or requirement: such a selector is
 * reported by `checkLabelSelector`, and checks of what it selects leave it alone. Pure.
 */
export function isRefusedLabelSelector(selector: unknown): boolean {
  let refused = false;
  checkLabelSelector(selector, '', () => {
    refused = true;
  });
  return refused;
}

function checkRequirement(expression: Fields, path: string, add: AddFinding): void {
  const key = expression.key;
  const keyProblem = typeof key === 'string' ? qualifiedNameProblem(key) : undefined;
  if (keyProblem) {
    add(`${path}.key`, keyProblem, 'select by a label key, e.g. app.kubernetes.io/name');
  }
  const operator = expression.operator;
  const values = Array.isArray(expression.values) ? expression.values as unknown[] : [];
  if (SET_OPERATORS.includes(operator)) {
    if (values.length === 0) {
      add(`${path}.values`, `operator ${String(operator)} needs at least one value`, 'list the label values to match, or use Exists');
    }
  } else if (EXISTENCE_OPERATORS.includes(operator)) {
    if (values.length > 0) {
      add(`${path}.values`, `operator ${String(operator)} takes no values`, 'drop values, or use In or NotIn');
    }
  }
  values.forEach((value, v) => {
    const problem = typeof value === 'string' ? nameProblem(value, LABEL_VALUE) : undefined;
    if (problem) {
      add(`${path}.values[${v}]`, problem, 'match label values: at most 63 letters, digits, \'-\', \'_\' and \'.\'');
    }
  });
}
