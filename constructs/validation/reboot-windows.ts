import { closestName } from './closest-name';
import { timeZoneNameHint, timeZoneProblem } from './cron';

// kured's time window (its `--reboot-days`, `--start-time`, `--end-time` and `--time-zone`), which the
// system-upgrade-controller reads too for a Plan's `spec.window`: days by name or number, times of day in a few
// Go layouts, and a zone Go's time.LoadLocation knows. A value it cannot read stops kured at its start, and
// leaves a Plan never validated, so no node is upgraded.

/** The day names kured's time window reads, lower case (it lowers what it is given), and the numbers 0–6. */
export const WINDOW_DAYS: readonly string[] = [
  'su', 'sun', 'sunday', 'mo', 'mon', 'monday', 'tu', 'tue', 'tuesday', 'we', 'wed', 'wednesday',
  'th', 'thu', 'thursday', 'fr', 'fri', 'friday', 'sa', 'sat', 'saturday', '0', '1', '2', '3', '4', '5', '6',
];

/** The Go layouts kured tries for a time of day, as patterns: `15:04`, `15:04:05`, `03:04pm`, `15`, `03pm`, `3pm`. */
const TIME_OF_DAY_FORMS: readonly RegExp[] = [
  /^([01]?\d|2[0-3]):[0-5]\d$/,
  /^([01]?\d|2[0-3]):[0-5]\d:[0-5]\d$/,
  /^(0?[1-9]|1[0-2]):[0-5]\d(am|pm|AM|PM)$/,
  /^([01]?\d|2[0-3])$/,
  /^(0?[1-9]|1[0-2])(am|pm|AM|PM)$/,
];

/** Why kured's window refuses `day`, or undefined; `caseSensitive` where a CRD's enum lists the lower-case names only. Pure. */
export function windowDayProblem(day: string, caseSensitive: boolean): { message: string; hint: string } | undefined {
  const known = caseSensitive ? WINDOW_DAYS.includes(day) : WINDOW_DAYS.includes(day.toLowerCase());
  if (known) {
    return undefined;
  }
  const near = closestName(day.toLowerCase(), WINDOW_DAYS) ?? (WINDOW_DAYS.includes(day.toLowerCase()) ? day.toLowerCase() : undefined);
  return {
    message: `"${day}" is no day the window reads${caseSensitive && near === day.toLowerCase() ? ' (the Plan CRD lists its day names in lower case)' : ''}: `
      + 'days are named one at a time, as su, sun or sunday, or as the numbers 0 (Sunday) to 6, not as a range or in words',
    hint: near === undefined ? 'name each day: mon, tue, wed, thu, fri, sat, sun (or 0–6)' : `write "${near}"`,
  };
}

/** Why kured's window refuses `time` as a time of day, or undefined. Pure. */
export function windowTimeProblem(time: string): { message: string; hint: string } | undefined {
  if (TIME_OF_DAY_FORMS.some((form) => form.test(time))) {
    return undefined;
  }
  const spaced = /^(\d{1,2})(?::(\d\d))?\s+(am|pm)$/i.exec(time.trim());
  return {
    message: `"${time}" is no time of day the window reads, so the window is refused`,
    hint: spaced ? `write it without the space: "${spaced[1]}${spaced[2] === undefined ? '' : `:${spaced[2]}`}${spaced[3].toLowerCase()}"` : 'write a 24-hour time such as "02:00" (or "2am", "14:30", "2:30pm")',
  };
}

/** Why Go's time.LoadLocation, which kured's window calls, refuses `zone`, or undefined (the empty zone is UTC). Pure. */
export function windowZoneProblem(zone: string, write: (zone: string) => string): { message: string; hint: string } | undefined {
  if (zone === '' || zone === 'Local') {
    return undefined;
  }
  const problem = timeZoneProblem(zone);
  return problem === undefined ? undefined : { message: `${problem}: the window cannot be read`, hint: timeZoneNameHint(zone, write) };
}
