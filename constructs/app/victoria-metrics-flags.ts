import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { expandsVariable } from './command-references';

// VictoriaMetrics reads `-retentionPeriod` as it starts, with a parser of its own: a bare number is months, and a
// duration takes h, d, w or y. A value it refuses (`90days`, `3m`, a period under a day) stops the server at once,
// and the pod restarts into CrashLoopBackOff, though the API server took the manifest.

/** VictoriaMetrics' single-node image, by repository, with or without a registry. */
export const VICTORIA_METRICS_IMAGE = /^((docker\.io|quay\.io)\/)?victoriametrics\/victoria-metrics(?=[:@]|$)/;

/** vmagent's image, by repository, with or without a registry. */
export const VMAGENT_IMAGE = /^((docker\.io|quay\.io)\/)?victoriametrics\/vmagent(?=[:@]|$)/;

/** The images whose server keeps data for `-retentionPeriod`: the single node, the cluster's vmstorage and VictoriaLogs. */
const RETENTION_IMAGE = /^((docker\.io|quay\.io)\/)?victoriametrics\/(victoria-metrics|vmstorage|victoria-logs)(?=[:@]|$)/;

const DAY_MS = 24 * 3600 * 1000;
/** A month as VictoriaMetrics counts a bare number: 31 days. */
const MONTH_MS = 31 * DAY_MS;
/** The most months a bare number may give. */
const MAX_MONTHS = 1200;
/** The units of a duration, as VictoriaMetrics' MetricsQL parser reads them (after lower-casing), in milliseconds. */
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS, y: 365 * DAY_MS };
/** A number as Go's ParseFloat takes one in decimal. */
const BARE_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A duration of one or more parts (`90d`, `1y6w`). */
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/;
/** Unit words as people write them, by the letter VictoriaMetrics takes; `month` is a bare number. */
const UNIT_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^(h|hr|hrs|hours?)$/, 'h'], [/^(d|days?)$/, 'd'], [/^(w|wk|wks|weeks?)$/, 'w'], [/^(y|yr|yrs|years?)$/, 'y'], [/^(m|mo|mon|months?)$/, ''],
];

/** Why VictoriaMetrics refuses a `-retentionPeriod` value, or undefined where it takes it. Pure. */
export function refusedRetention(value: string): string | undefined {
  if (BARE_NUMBER.test(value)) {
    const months = Number(value);
    if (months > MAX_MONTHS) {
      return `a bare number counts months, and it takes at most ${MAX_MONTHS}`;
    }
    return months * MONTH_MS < DAY_MS ? 'it keeps samples for a day at least ("-retentionPeriod cannot be smaller than a day"), and a bare number counts months' : undefined;
  }
  const lower = value.toLowerCase();
  if (lower.endsWith('m')) {
    return 'a duration ending in m is refused, as m would be minutes: months are a bare number';
  }
  if (!DURATION.test(lower)) {
    return 'it takes a bare number of months or a duration with h, d, w or y';
  }
  let total = 0;
  for (const [, amount, , unit] of lower.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d|w|y)/g)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  return total < DAY_MS ? 'it keeps samples for a day at least ("-retentionPeriod cannot be smaller than a day")' : undefined;
}

/** The value VictoriaMetrics would take for what `value` means (`90days` → `90d`, `3 months` → `3`), or undefined. Pure. */
function meantRetention(value: string): string | undefined {
  const written = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = written === null ? undefined : UNIT_WORDS.find(([words]) => words.test(written[2].toLowerCase()))?.[1];
  if (written === null || unit === undefined) {
    return undefined;
  }
  const meant = `${written[1]}${unit}`;
  return refusedRetention(meant) === undefined ? meant : undefined;
}

/**
 * Containers of VictoriaMetrics (single node or vmstorage) or VictoriaLogs given a `-retentionPeriod` the server
 * refuses as it starts: one error per value, on the argument that holds it, whose hint writes the value it takes; a
 * value Kubernetes fills in from a variable of the container (`$(RETENTION)`) is left alone. Pure.
 */
export function victoriaRetentionProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !RETENTION_IMAGE.test(container.image) || container.command !== undefined || !Array.isArray(container.args)) {
      return [];
    }
    const args = container.args.map(String);
    const variables = container.env !== null && typeof container.env === 'object' ? Object.keys(container.env) : [];
    return args.flatMap((arg, i): PropProblem[] => {
      const flag = /^--?retentionPeriod(?:=(.*))?$/.exec(arg);
      const [value, at] = flag?.[1] !== undefined ? [flag[1], i] : [args[i + 1], i + 1];
      // A value Kubernetes fills in from a variable of the container (`$(RETENTION)`, from a ConfigMap) is not known here.
      const why = flag === null || value === undefined || expandsVariable(value, variables) ? undefined : refusedRetention(value);
      if (why === undefined) {
        return [];
      }
      const meant = meantRetention(value!);
      return [{
        field: `${prefix}args[${at}]`,
        message: `-retentionPeriod "${value}" is refused by ${container.image} as it starts (${why}): the server would exit at once and the pod restart into CrashLoopBackOff`,
        hint: meant !== undefined ? `write -retentionPeriod=${meant}` : 'write a duration with h, d, w or y of a day or more (-retentionPeriod=90d, -retentionPeriod=1y), or a bare number of months (-retentionPeriod=12)',
      }];
    });
  });
}
