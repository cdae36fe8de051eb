import { sizeProblem } from '../app/quantities';
import type { PropProblem } from '../validation/known-props';

/**
 * The problems of a service's size props (`registrySize`, `cacheSizeLimit`; `prefix` names the object they
 * sit in, `claim.`), each on the prop as written:
 * a service puts them into a claim, an emptyDir or a chart's values, where the API server refuses a
 * docker size (`100GB`) that no check of the props would otherwise have read. Pure.
 */
export function sizePropProblems<P extends object>(props: P, fields: readonly (keyof P & string)[], prefix = ''): PropProblem[] {
  return fields.flatMap((field) => {
    const value = props[field];
    const problem = value === undefined ? undefined : sizeProblem(value, `${prefix}${field}`);
    return problem ? [{ field: `${prefix}${field}`, ...problem }] : [];
  });
}
