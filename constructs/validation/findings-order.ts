import type { Finding } from './finding';

/**
 * `findings` with the errors first, each kind in the order found: a run that stops prints its cause before the
 * warnings that the part of the lab built so far gave. Pure.
 */
export function errorsFirst(findings: readonly Finding[]): Finding[] {
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
}

/** How many errors and warnings `findings` hold, as a status line says it: `1 error(s), 2 warning(s)`. Pure. */
export function findingCounts(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `${errors} error(s), ${findings.length - errors} warning(s)`;
}
