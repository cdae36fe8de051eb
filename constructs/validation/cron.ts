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
  { name: 'day of week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
];

/**
 * Why a CronJob schedule would be refused (five fields or a macro, values in range, no `TZ=` prefix),
 * or undefined when it is valid. Pure.
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (/^(CRON_)?TZ=/.test(trimmed)) {
    return 'a time zone in the schedule is refused by the API server; use `timeZone`';
  }
  if (trimmed.startsWith('@')) {
    return MACROS.has(trimmed) ? undefined : `unknown macro "${trimmed}"`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has ${parts.length}`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem) {
      return `${FIELDS[i].name} "${parts[i]}": ${problem}`;
    }
  }
  return undefined;
}

function fieldProblem(text: string, field: CronField): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0 || (step !== undefined && !/^\d+$/.test(step)) || step === '0') {
      return 'a step is one positive number';
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

/** Whether the runtime knows an IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
