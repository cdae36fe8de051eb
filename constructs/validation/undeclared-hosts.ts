import { ExternalHost } from '../inventory/host';
import type { PropProblem } from './known-props';

/**
 * The problems of an external host written inline in a construct's props rather than in the site's
 * `externalHosts` (a missing address, a port it does not list), on the prop that names it (`manager.address`):
 * a site reports the problems of its own machines, and nothing else would report these. Pure.
 */
export function undeclaredHostProblems(field: string, host: unknown, declared: readonly ExternalHost[]): PropProblem[] {
  if (!(host instanceof ExternalHost) || declared.includes(host)) {
    return [];
  }
  return host.problems.map((problem) => ({ ...problem, field: `${field}.${problem.field}` }));
}
