import { scheduleHint, timeZoneHint } from './cron-hints';
import { closestName } from './closest-name';
import { goDurationMilliseconds, type PropProblem } from './known-props';
import { parsedGoDuration } from './go-duration';

/** Macros the CronJob controller accepts in place of five fields. */
const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly namesFrom?: number;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  // The CronJob controller's parser (robfig/cron) refuses 7 for Sunday, unlike some crons.
  { name: 'day of week', min: 0, max: 6, names: DAYS, namesFrom: 0 },
];

/**
 * Why a CronJob schedule would be refused (five fields, a macro or `@every <duration>`, values in range, no `TZ=` prefix),
 * or undefined when it is valid. Pure.
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  return scheduleProblem(schedule, true);
}

/**
 * Why robfig/cron's standard parser (which Go programs schedule their own work with: Navidrome's scans) refuses a
 * schedule, or undefined when it takes it: {@link cronScheduleProblem} without what the API server adds (a `TZ=`
 * prefix, which the caller reads) and without the checks of a schedule that parses but runs rarely or never. Pure.
 */
export function cronParserProblem(schedule: string): string | undefined {
  return scheduleProblem(schedule, false);
}

function scheduleProblem(schedule: string, strict: boolean): string | undefined {
  const trimmed = schedule.trim();
  if (strict && /^(CRON_)?TZ=/.test(trimmed)) {
    return 'a time zone in the schedule is refused by the API server; use `timeZone`';
  }
  // The parser (robfig/cron) splits five fields at any blanks, but reads a macro as the whole text, blanks and all.
  if (trimmed.startsWith('@') && trimmed !== schedule) {
    return `the macro "${trimmed}" has blanks around it, which the API server's parser reads as part of it`;
  }
  if (trimmed.startsWith('@every ')) {
    // The controller's parser takes a Go duration here, and runs the Job that long after the last one.
    const interval = trimmed.slice('@every '.length);
    // The parser itself takes any Go duration, and runs one shorter than a second each second.
    if (!strict) {
      return parsedGoDuration(interval) === undefined ? `"@every" takes a Go duration, such as 1h30m, not "${interval}"` : undefined;
    }
    return (goDurationMilliseconds(interval) ?? 0) >= 1000 ? undefined : `"@every" takes a Go duration of a second or more, such as 1h30m, not "${interval}"`;
  }
  if (trimmed.startsWith('@')) {
    return MACROS.has(trimmed) ? undefined : `unknown macro "${trimmed}"`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has ${parts.length}`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i], strict);
    if (problem) {
      return `${FIELDS[i].name} "${parts[i]}": ${problem}`;
    }
  }
  return strict ? missingDayProblem(parts) : undefined;
}

/** The most days each month has (February's 29th comes in leap years). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A day of month that none of the schedule's months has (`30 2`, `31 4,6`): the controller never makes a
 * Job. Only when the day of week is `*` or `?`: with both days restricted the controller runs on either.
 */
function missingDayProblem(parts: readonly string[]): string | undefined {
  const [, , dayText, monthText, weekdayText] = parts;
  if (weekdayText !== '*' && weekdayText !== '?') {
    return undefined;
  }
  const days = valuesOf(dayText, FIELDS[2]);
  const months = valuesOf(monthText, FIELDS[3]);
  const longest = Math.max(...[...months].map((m) => DAYS_IN_MONTH[m - 1]));
  if ([...days].some((d) => d <= longest)) {
    return undefined;
  }
  const named = [...months].map((m) => MONTHS[m - 1]).join(', ');
  return `day of month "${dayText}" never comes in month "${monthText}" (${named}: at most ${longest} days), so the schedule never fires`;
}

/** The values a field that passed {@link fieldProblem} matches; `N/step` runs from N to the field's end, as the controller reads it. */
function valuesOf(text: string, field: CronField): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, step] = item.split('/');
    const bounds = range === '*' || range === '?' ? [field.min, field.max] : range.split('-').map((b) => valueOf(b, field)!);
    const last = bounds.length === 2 ? bounds[1] : step !== undefined ? field.max : bounds[0];
    for (let v = bounds[0]; v <= last; v += Number(step ?? 1)) {
      values.add(v);
    }
  }
  return values;
}

/** Why a field is refused; `strict` also refuses a step longer than the field spans, which the parser takes. */
function fieldProblem(text: string, field: CronField, strict: boolean): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0 || (step !== undefined && !/^\d+$/.test(step)) || step === '0') {
      return 'a step is one positive number';
    }
    if (strict && step !== undefined && Number(step) > field.max - field.min) {
      return `a step of ${step} is more than the ${field.min}-${field.max} a ${field.name} spans, so it matches only the first value`;
    }
    if (range === '*' || range === '?') {
      continue;
    }
    const bounds = range.split('-');
    if (bounds.length > 2) {
      return 'a range has two ends';
    }
    const values = bounds.map((b) => valueOf(b, field));
    if (values.some((v) => v === undefined)) {
      return `values lie in ${field.min}-${field.max}${field.names ? ` or are ${field.names.join(', ')}` : ''}`;
    }
    if (values.length === 2 && values[0]! > values[1]!) {
      return 'a range runs from low to high';
    }
  }
  return undefined;
}

function valueOf(text: string, field: CronField): number | undefined {
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) {
    return index + (field.namesFrom ?? 0);
  }
  if (!/^\d+$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : undefined;
}

/**
 * What the API server refuses of a CronJob's schedule and time zone, on the fields under `prefix`
 * (`spec.` of a rendered CronJob, `controller.props.` of an app's), so that an app reports them once, on
 * the props its user wrote, with the words a hand-written CronJob gets. Pure.
 */
export function cronTimingProblems(timing: { readonly schedule?: unknown; readonly timeZone?: unknown }, prefix: string): PropProblem[] {
  const problems: PropProblem[] = [];
  const schedule = typeof timing.schedule === 'string' ? cronScheduleProblem(timing.schedule) : undefined;
  if (schedule) {
    problems.push({
      field: `${prefix}schedule`, message: `schedule "${timing.schedule}" is not valid: ${schedule}`,
      hint: scheduleHint(timing.schedule as string, (s) => cronScheduleProblem(s) === undefined),
    });
  }
  const zone = typeof timing.timeZone === 'string' ? timeZoneProblem(timing.timeZone) : undefined;
  if (zone) {
    problems.push({
      field: `${prefix}timeZone`, message: zone,
      hint: timeZoneHint(timing.timeZone as string, (z) => timeZoneProblem(z) === undefined) ?? timeZoneNameHint(timing.timeZone as string, (zone) => `timeZone: '${zone}'`),
    });
  }
  return problems;
}

/**
 * Why the API server would refuse a CronJob's time zone, or undefined. It loads the name as Go's
 * `time.LoadLocation` does, which is case-sensitive: `europe/oslo` and `utc` are unknown there, though
 * the runtime's own zone lookup here would take them. Pure.
 */
export function timeZoneProblem(timeZone: string): string | undefined {
  // Names known valid as written are answered without the runtime's zone lookup, whose first call loads
  // its locale data (some 20 ms): the canonical names, and the tz database's fixed zones (`UTC`, `Etc/UTC`).
  if (canonicalTimeZones().has(timeZone) || TZDATA_THREE_LETTER_NAMES.has(timeZone) || ETC_ZONE.test(timeZone)) {
    return undefined;
  }
  let known: string;
  try {
    known = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone "${timeZone}"`;
  }
  if (/^[A-Z]{3}$/.test(timeZone) && !TZDATA_THREE_LETTER_NAMES.has(timeZone)) {
    return `unknown time zone "${timeZone}": the tz database, which the API server reads, has no such name`;
  }
  if (known !== timeZone && known.toLowerCase() === timeZone.toLowerCase()) {
    return `time zone names are case-sensitive: "${timeZone}" is written "${known}"`;
  }
  // An alias (`US/Pacific`) resolves to another name here, so only its spelling can be judged: every
  // part of an IANA name starts with a capital.
  if (timeZone.split('/').some((part) => /^[a-z]/.test(part))) {
    return `time zone names are case-sensitive: each part of "${timeZone}" starts with a capital (this one is ${known})`;
  }
  return undefined;
}

/**
 * The names of three capitals in the tz database. The runtime here also takes Java's old abbreviations
 * (`PST`, `IST`, `JST`, `BST`, `CST`), which Go's `time.LoadLocation`, and so the API server, does not know.
 */
const TZDATA_THREE_LETTER_NAMES: ReadonlySet<string> = new Set(['CET', 'EET', 'EST', 'GMT', 'HST', 'MET', 'MST', 'PRC', 'ROC', 'ROK', 'UCT', 'UTC', 'WET']);

/** The tz database's `Etc/` zones: UTC under its names, and the fixed offsets `Etc/GMT-14` to `Etc/GMT+12`. */
const ETC_ZONE = /^Etc\/(?:UTC|UCT|GMT|GMT0|GMT[+-]0|Greenwich|Universal|Zulu|GMT-(?:1[0-4]|[1-9])|GMT\+(?:1[0-2]|[1-9]))$/;

/**
 * How to write a time zone {@link timeZoneProblem} refuses: the tz database's name closest to it (a typo,
 * another letter case), written by `write` as its prop takes it (`timeZone: 'Europe/London'`), or what such
 * a name looks like when none is close. Pure.
 */
export function timeZoneNameHint(timeZone: string, write: (zone: string) => string): string {
  const closest = closestName(timeZone, [...canonicalTimeZones()]);
  return closest === undefined ? 'an IANA name as written in the tz database, such as `Europe/Oslo` or `Etc/UTC`' : `write the tz database's name: ${write(closest)}`;
}

let canonicalZones: ReadonlySet<string> | undefined;

/**
 * The runtime's canonical zone names, each of which the lookup below would accept as written. Asking
 * for the list costs about 2 ms; the first zone lookup through a date format loads locale data and
 * costs 12–18 ms, a tenth of a small synth, so the usual, canonical name skips it.
 */
function canonicalTimeZones(): ReadonlySet<string> {
  const supportedValuesOf = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
  canonicalZones ??= new Set(supportedValuesOf?.('timeZone') ?? []);
  return canonicalZones;
}
