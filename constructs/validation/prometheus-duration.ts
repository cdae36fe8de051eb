/**
 * A duration as Prometheus, Alertmanager and Loki read one (Prometheus' `model.Duration`): `15d`, `1w`,
 * `12h30m`, units largest first, each at most once. The Prometheus CRD's `retention` and Loki's
 * `retention_period` take this form; a Go duration (`1h30m`) is one, `1.5h` is not.
 */
export const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** Milliseconds of each unit of a Prometheus duration. */
const UNIT_MILLISECONDS: Readonly<Record<string, number>> = {
  y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1,
};

/** Milliseconds of a Prometheus duration (a year is 365 days); undefined when `value` is none. Pure. */
export function prometheusDurationMilliseconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '' || !PROMETHEUS_DURATION.test(value)) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/([0-9]+)(ms|y|w|d|h|m|s)/g)) {
    total += Number(amount) * UNIT_MILLISECONDS[unit];
  }
  return total;
}
