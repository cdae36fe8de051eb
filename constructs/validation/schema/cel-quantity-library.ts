import type { CelFunc, CelMap } from '@bufbuild/cel';

type CelModule = typeof import('@bufbuild/cel');

/** The key that marks a CEL map as a quantity made by `quantity()`, which no JSON object of a custom resource holds. */
const QUANTITY_MARK = '\u0000quantity';

/** A quantity as Go's resource.ParseQuantity reads it: a decimal number, then an SI or binary suffix or an exponent. */
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/;

/** Powers of ten of the decimal suffixes, and the factors of the binary ones. */
const TEN_POWERS: Readonly<Record<string, number>> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * Kubernetes' quantity library, which a 1.30 API server gives every CRD rule: `isQuantity`, `quantity` and the
 * methods `sign`, `isInteger`, `asInteger`, `asApproximateFloat`, `isGreaterThan`, `isLessThan` and `compareTo`.
 * A quantity is held as a CEL map marked as one. Values are compared as doubles, so where a double could not tell
 * two quantities apart, or a number has more digits than a double keeps, the method throws and the rule is
 * skipped rather than judged on a guess. `add` and `sub` are not provided: a rule that calls them is skipped.
 */
export function kubernetesQuantityFunctions(cel: CelModule): CelFunc[] {
  const { STRING, BOOL, INT, DOUBLE, DYN } = cel.CelScalar;
  const QUANTITY_TYPE = cel.mapType(STRING, DYN);
  const method = <R>(name: string, result: Parameters<typeof cel.celMethod>[3], read: (value: number) => R) =>
    cel.celMethod(name, QUANTITY_TYPE, [], result, function get(this: CelMap) {
      return read(heldValue(this)) as never;
    });
  const comparison = <R>(name: string, result: Parameters<typeof cel.celMethod>[3], judge: (order: number) => R) =>
    cel.celMethod(name, QUANTITY_TYPE, [QUANTITY_TYPE], result, function compare(this: CelMap, other: CelMap) {
      return judge(order(heldValue(this), heldValue(other))) as never;
    });
  return [
    cel.celFunc('isQuantity', [STRING], BOOL, (text: string) => QUANTITY.test(text)),
    cel.celFunc('quantity', [STRING], QUANTITY_TYPE, (text: string) => {
      if (!QUANTITY.test(text)) {
        throw new Error(`quantities must match the regular expression '${QUANTITY.source}'`);
      }
      return new Map([[QUANTITY_MARK, text]]) as never;
    }),
    method('sign', INT, (value) => BigInt(Math.sign(value))),
    method('isInteger', BOOL, (value) => Number.isInteger(value) && Math.abs(value) < 2 ** 63),
    method('asInteger', INT, (value) => {
      if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 63) {
        throw new Error('cannot convert value to integer');
      }
      return BigInt(value);
    }),
    method('asApproximateFloat', DOUBLE, (value) => value),
    comparison('isGreaterThan', BOOL, (sign) => sign > 0),
    comparison('isLessThan', BOOL, (sign) => sign < 0),
    comparison('compareTo', INT, (sign) => BigInt(sign)),
  ];
}

/** The value of the quantity `held` stands for; throws where a double may not hold it exactly enough to judge. */
function heldValue(held: CelMap): number {
  const text = held.get(QUANTITY_MARK);
  const match = typeof text === 'string' ? QUANTITY.exec(text) : null;
  if (!match) {
    throw new Error('not a quantity');
  }
  if (match[1].replace(/[^0-9]/g, '').replace(/^0+/, '').length > 15) {
    throw new Error('more digits than a double keeps');
  }
  const suffix = match[2] ?? '';
  if (suffix in BINARY) {
    return Number(match[1]) * BINARY[suffix];
  }
  // Dividing by a power of ten rounds once, so 7000m is 7 exactly; multiplying by 0.001 may not be.
  const power = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : TEN_POWERS[suffix];
  return power < 0 ? Number(match[1]) / 10 ** -power : Number(match[1]) * 10 ** power;
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`; throws where the two are too close for doubles to tell. */
function order(a: number, b: number): number {
  if (a === b) {
    return 0;
  }
  if (Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))) {
    throw new Error('too close for doubles to compare');
  }
  return a < b ? -1 : 1;
}
