import { ExternalHost } from '../inventory/host';
import type { PropProblem } from './known-props';

/**
 * The problems of an external host a construct names, on the prop that names it (`manager.address`): one
 * written inline rather than in the site's `externalHosts` brings its own problems (a missing address, a port
 * it does not list), which a site reports for its own machines only and nothing else would report; one of the
 * site that its cluster does not list among the machines it uses (`listed`, its README's) is refused. Pure.
 */
export function undeclaredHostProblems(field: string, host: unknown, declared: readonly ExternalHost[], listed: readonly ExternalHost[] = declared): PropProblem[] {
  if (!(host instanceof ExternalHost)) {
    return [];
  }
  if (!declared.includes(host)) {
    return host.problems.map((problem) => ({ ...problem, field: `${field}.${problem.field}` }));
  }
  if (!listed.includes(host)) {
    return [{
      field, message: `machine ${host.name} is not among the machines outside Kubernetes that this cluster uses`,
      hint: `add it to the cluster's externalHosts: externalHosts: [${[...listed.map((m) => m.name), host.name].join(', ')}]`,
    }];
  }
  return [];
}
