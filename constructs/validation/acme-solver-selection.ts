import { fields, list, stringMap, type Fields } from './manifest';

// cert-manager does not try an issuer's solvers in turn: for each name of a Certificate it picks one
// solver by its selector, and only that one. A DNS-01 solver selected for another zone leaves a wildcard
// name to an HTTP-01 solver, which ACME refuses for wildcards.

/** The solver cert-manager picks for a name, with its index in `spec.acme.solvers`. */
export interface SelectedSolver {
  readonly index: number;
  readonly solver: Fields;
}

/**
 * The solver cert-manager's ACME issuer picks for `dnsName` of a Certificate labelled `labels`, as its
 * solver selection does: solvers whose `matchLabels` the Certificate does not carry are out; a solver that
 * lists the name in `dnsNames` wins; else the one with the longest `dnsZones` entry the name is at or
 * under; else the first solver that selects by neither. Undefined when none fits. Pure.
 */
export function selectedSolver(solvers: unknown, dnsName: string, labels: Readonly<Record<string, string>> = {}): SelectedSolver | undefined {
  const candidates = list(solvers).map((solver, index) => ({ index, solver, selector: fields(solver.selector) }))
    .filter(({ selector }) => Object.entries(stringMap(selector.matchLabels)).every(([key, value]) => labels[key] === value));
  const names = (selector: Fields) => strings(selector.dnsNames);
  const zones = (selector: Fields) => strings(selector.dnsZones);
  const byName = candidates.find(({ selector }) => names(selector).includes(dnsName));
  if (byName) {
    return { index: byName.index, solver: byName.solver };
  }
  let best: { index: number; solver: Fields } | undefined;
  let bestLength = -1;
  for (const candidate of candidates) {
    for (const zone of zones(candidate.selector)) {
      if ((dnsName === zone || dnsName.endsWith(`.${zone}`)) && zone.length > bestLength) {
        best = candidate;
        bestLength = zone.length;
      }
    }
  }
  if (best) {
    return { index: best.index, solver: best.solver };
  }
  const fallback = candidates.find(({ selector }) => names(selector).length === 0 && zones(selector).length === 0);
  return fallback ? { index: fallback.index, solver: fallback.solver } : undefined;
}

/** How a solver selects names, for findings: `dnsZones other.org`, or `every name`. */
export function solverSelection(solver: Fields): string {
  const selector = fields(solver.selector);
  const parts = [
    Array.isArray(selector.dnsNames) && selector.dnsNames.length > 0 ? `dnsNames ${selector.dnsNames.map(String).join(', ')}` : '',
    Array.isArray(selector.dnsZones) && selector.dnsZones.length > 0 ? `dnsZones ${selector.dnsZones.map(String).join(', ')}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('; ') : 'every name';
}

/** The kind of challenge a solver answers: `dns01`, `http01`, or `unknown`. */
export function solverKind(solver: Fields): string {
  return solver.dns01 !== undefined ? 'dns01' : solver.http01 !== undefined ? 'http01' : 'unknown';
}

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : []).filter((v): v is string => typeof v === 'string');
}
