import { AddFinding, fields, Fields, list } from './manifest';

/**
 * What the API server checks in a Job's `successPolicy` (validateJobSpec, validateSuccessPolicy) although
 * the schema allows it: the policy is for an Indexed Job only, has at least one rule, and each rule names a
 * count of succeeded indexes or the indexes themselves, within the Job's completions, as rising ranges
 * (`0,2-4`), and a count no larger than those indexes. Kubernetes 1.30 drops the field instead of refusing
 * it; 1.31 and later refuse it. `spec` is the Job's spec, at `path`. Pure: reports through `add`.
 */
export function checkSuccessPolicy(spec: Fields, path: string, add: AddFinding): void {
  if (spec.successPolicy === undefined) {
    return;
  }
  if (spec.completionMode !== 'Indexed') {
    add(`${path}.successPolicy`, 'a success policy counts the succeeded indexes of an Indexed Job, and this Job is not Indexed; the API server refuses it',
      'set completionMode: Indexed with completions, or drop successPolicy (a Job succeeds once its completions succeed)');
    return;
  }
  const rules = list(fields(spec.successPolicy).rules);
  if (rules.length === 0) {
    add(`${path}.successPolicy.rules`, 'the success policy has no rule', 'give a rule, e.g. { succeededIndexes: \'0\' } (the Job succeeds once index 0 does), or drop successPolicy');
  }
  // A missing completions is reported with the Indexed Job's other fields.
  const completions = typeof spec.completions === 'number' ? spec.completions : undefined;
  rules.forEach((rule, r) => {
    const at = `${path}.successPolicy.rules[${r}]`;
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
      add(at, 'the rule names neither succeededCount nor succeededIndexes', 'give succeededIndexes (e.g. \'0\'), succeededCount, or both');
      return;
    }
    const indexes = typeof rule.succeededIndexes === 'string' && completions !== undefined ? indexesOf(rule.succeededIndexes, completions) : undefined;
    if (typeof indexes === 'string') {
      const lastIndex = (completions ?? 1) - 1;
      add(`${at}.succeededIndexes`, `succeededIndexes ${JSON.stringify(rule.succeededIndexes)}: ${indexes}`,
        `list indexes below ${String(completions)} as rising, separate ranges, e.g. ${lastIndex >= 2 ? `0,2-${lastIndex}` : '0'}`);
    }
    const count = rule.succeededCount;
    if (typeof count !== 'number' || completions === undefined) {
      return;
    }
    if (count > completions) {
      add(`${at}.succeededCount`, `succeededCount ${count} is more than the Job's ${completions} completions`, `set succeededCount to ${completions} or less`);
    } else if (typeof indexes === 'number' && count > indexes) {
      add(`${at}.succeededCount`, `succeededCount ${count} is more than the ${indexes} indexes of succeededIndexes`, `set succeededCount to ${indexes} or less, or list more indexes`);
    }
  });
}

/**
 * How many indexes an index list (`0,2-4`) names, or why the API server cannot parse it
 * (validateIndexesFormat): whole numbers below `completions`, ranges of a first no larger than their last,
 * each range after the one before it.
 */
function indexesOf(value: string, completions: number): number | string {
  if (value === '') {
    return 0;
  }
  let total = 0;
  let last = -1;
  for (const part of value.split(',')) {
    const bounds = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (bounds === null) {
      return `"${part}" is no index or range of indexes`;
    }
    const [first, end] = [Number(bounds[1]), Number(bounds[2] ?? bounds[1])];
    if (end >= completions) {
      return `index ${end} is not below the Job's ${completions} completions`;
    } else if (first > end) {
      return `range ${part} runs backwards`;
    } else if (first <= last) {
      return `${part} does not come after the indexes before it`;
    }
    total += end - first + 1;
    last = end;
  }
  return total;
}
