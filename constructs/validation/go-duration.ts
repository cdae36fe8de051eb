/** A Go duration as the Flux and Kubernetes APIs take it: numbers with units, largest first or not. */
export const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** Milliseconds of a Go duration (`1m30s`, `200ms`); undefined when `value` is none. */
export function goDurationMilliseconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !GO_DURATION.test(value)) {
    return undefined;
  }
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, amount, , suffix] of value.matchAll(/([0-9]+(\.[0-9]+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * unit[suffix];
  }
  return total;
}
