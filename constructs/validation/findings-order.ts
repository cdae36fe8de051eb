import type { Finding } from './finding';

/** Whether `finding` is about a fact of the inventory itself (a host, a site, a pool), which every chart builds on. */
const onInventoryFact = (finding: Finding): boolean => finding.constructPath.startsWith('inventory/');

/**
 * `findings` in the order a report prints them, each group in the order found: the errors of the inventory's
 * facts, then the other errors, then the warnings. A fact written wrong is the cause of whatever a chart built
 * from it, so it comes first, and a run that stops prints its cause before the warnings of the part built. Pure.
 */
export function reportOrder(findings: readonly Finding[]): Finding[] {
  const errors = findings.filter((f) => f.severity === 'error');
  return [...errors.filter(onInventoryFact), ...errors.filter((f) => !onInventoryFact(f)), ...findings.filter((f) => f.severity !== 'error')];
}

/** How many errors and warnings `findings` hold, as a status line says it: `1 error(s), 2 warning(s)`. Pure. */
export function findingCounts(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `${errors} error(s), ${findings.length - errors} warning(s)`;
}
