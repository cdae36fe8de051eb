import type { PropProblem } from '../validation/known-props';
import type { RouteBodyLimit } from './route-flavor';

// The largest request body a route lets through, in one spelling every flavor can render exactly: a whole
// number of Ki, Mi or Gi (nginx's `k`, `m` and `g`, which are binary too), or `unlimited`. nginx's own `m`
// reads as milli to Kubernetes quantities, and a decimal `M` or a fraction has no nginx unit, so both are
// refused with the binary size they meant rather than rendered as something else.

/** A size of request body: a whole number of `Ki`, `Mi` or `Gi` (`'20Mi'`, `'10Gi'`), or `'unlimited'`. */
export type BodySize = `${number}${'Ki' | 'Mi' | 'Gi'}` | 'unlimited';

/** The binary units a body size takes, with their bytes and nginx's letter for them. */
const UNITS: Readonly<Record<string, { readonly bytes: number; readonly nginx: string }>> = {
  Ki: { bytes: 1024, nginx: 'k' },
  Mi: { bytes: 1024 ** 2, nginx: 'm' },
  Gi: { bytes: 1024 ** 3, nginx: 'g' },
};

/** Other spellings of a unit, as nginx, Docker or a file manager write it, with the binary unit they mean. */
const MEANT_UNITS: Readonly<Record<string, string>> = {
  k: 'Ki', K: 'Ki', KB: 'Ki', kB: 'Ki', KiB: 'Ki',
  m: 'Mi', M: 'Mi', MB: 'Mi', MiB: 'Mi',
  g: 'Gi', G: 'Gi', GB: 'Gi', GiB: 'Gi',
};

const WHOLE = /^([0-9]+)(Ki|Mi|Gi)$/;

/**
 * The problems of a route's `maxBodySize` as written (`field` names it): a bare number, a unit other than
 * `Ki`, `Mi` or `Gi`, a fraction, zero or a negative size; none for no value. The one place the option is
 * judged, for every route flavor. Pure.
 */
export function bodySizeProblems(value: unknown, field: string): PropProblem[] {
  if (value === undefined || value === 'unlimited' || (typeof value === 'string' && WHOLE.test(value) && Number(WHOLE.exec(value)![1]) > 0)) {
    return [];
  }
  const problem = (message: string, hint: string): PropProblem[] => [{ field, message: `${field} ${message}`, hint }];
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) {
    return problem(`is ${JSON.stringify(value) ?? String(value)}, not a size`, "write the size with its unit, e.g. maxBodySize: '512Mi', or maxBodySize: 'unlimited'");
  }
  const match = /^(-?)([0-9]*\.?[0-9]+)\s*([A-Za-z]*)$/.exec(text);
  if (!match) {
    return problem(`"${text}" is not a size`, "write a whole number of Ki, Mi or Gi, e.g. maxBodySize: '512Mi', or maxBodySize: 'unlimited'");
  }
  const [, minus, amount, unit] = match;
  const binary = UNITS[unit] ? unit : MEANT_UNITS[unit];
  const meant = (n: string, u: string) => `maxBodySize: '${n}${u}'`;
  if (minus) {
    return problem(`"${text}" is a negative size`, `give the largest body the route lets through, e.g. ${meant(amount, binary ?? 'Mi')}, or 'unlimited'`);
  }
  if (unit === '') {
    return problem(`${typeof value === 'number' ? value : `"${text}"`} is a bare number, which nginx reads as bytes and Traefik too, where one meant megabytes`,
      `write the unit: ${meant(amount, 'Mi')} for ${amount} mebibytes, or ${meant(amount, 'Ki')}`);
  }
  if (binary === undefined) {
    return problem(`"${text}" has the unit "${unit}", which neither nginx nor this option reads`, `write the size in Ki, Mi or Gi, e.g. ${meant(amount.split('.')[0] || '1', 'Mi')}`);
  }
  if (Number(amount) === 0) {
    return problem(`"${text}" is zero, which nginx and Traefik read as no limit at all`, "write maxBodySize: 'unlimited' for no limit, or the largest size the route lets through");
  }
  const whole = wholeSize(Number(amount) * UNITS[binary].bytes);
  if (unit !== binary) {
    const milli = unit === 'm' ? " (nginx's m; to Kubernetes quantities m is milli)" : '';
    return problem(`"${text}" writes its unit as ${unit}${milli}, where this option takes Ki, Mi or Gi, which nginx and Traefik read alike`, `write ${meant(whole.amount, whole.unit)}`);
  }
  return problem(`"${text}" is not a whole number of ${unit}, which nginx cannot read`, `write ${meant(whole.amount, whole.unit)}`);
}

/** The largest whole binary unit `bytes` is a multiple of, rounded up to a whole Ki. Pure. */
function wholeSize(bytes: number): { amount: string; unit: string } {
  const ki = Math.ceil(bytes / 1024);
  for (const unit of ['Gi', 'Mi'] as const) {
    const per = UNITS[unit].bytes / 1024;
    if (ki % per === 0) {
      return { amount: String(ki / per), unit };
    }
  }
  return { amount: String(ki), unit: 'Ki' };
}

/** The bytes of a body size that `bodySizeProblems` accepts; undefined for `unlimited`. Pure. */
export function bodySizeBytes(size: BodySize): number | undefined {
  const match = WHOLE.exec(size);
  return match ? Number(match[1]) * UNITS[match[2]].bytes : undefined;
}

/** A body size as nginx's `client_max_body_size` reads it: `20m`, `512k`, `2g`, or `0` for no limit. Pure. */
export function nginxBodySize(size: BodySize): string {
  const match = WHOLE.exec(size);
  return match ? `${match[1]}${UNITS[match[2]].nginx}` : '0';
}

/**
 * A route's body limit: the `maxBodySize` it was given, else what the service behind it needs (`serviceNeed`,
 * which only an ingress that caps bodies by itself renders), else none. Pure.
 */
export function routeBodyLimit(given: BodySize | undefined, serviceNeed?: BodySize): RouteBodyLimit | undefined {
  if (given !== undefined) {
    return { size: given };
  }
  return serviceNeed !== undefined ? { size: serviceNeed, atLeast: true } : undefined;
}
