import { parsedGoDuration } from './go-duration';

const HOUR = 3_600_000;

/** The macros of robfig/cron, which the backup operators' schedules take, and their intervals. */
const MACRO_INTERVALS: Readonly<Record<string, number>> = {
  '@hourly': HOUR, '@daily': 24 * HOUR, '@midnight': 24 * HOUR, '@weekly': 7 * 24 * HOUR,
};

const NUMBER = /^\d+$/;

/**
 * The time between two runs of a five-field schedule (a `CRON_TZ=` prefix aside) whose runs are all the same
 * distance apart: a macro, `@every <duration>`, every hour at one minute, every N hours where N divides a day, every
 * day at one time, or one day of the week at one time. Undefined for any other schedule, whose gaps differ.
 */
export function scheduleIntervalMilliseconds(schedule: string): number | undefined {
  const bare = schedule.trim().replace(/^CRON_TZ=\S+\s+/, '');
  if (MACRO_INTERVALS[bare] !== undefined) {
    return MACRO_INTERVALS[bare];
  }
  const every = /^@every\s+(\S+)$/.exec(bare);
  if (every) {
    return parsedGoDuration(every[1]);
  }
  const parts = bare.split(/\s+/);
  if (parts.length !== 5 || !NUMBER.test(parts[0]) || parts[2] !== '*' || parts[3] !== '*') {
    return undefined;
  }
  const [, hour, , , weekday] = parts;
  const everyHours = /^\*\/(\d+)$/.exec(hour);
  if (weekday === '*') {
    if (hour === '*') {
      return HOUR;
    }
    if (everyHours && 24 % Number(everyHours[1]) === 0) {
      return Number(everyHours[1]) * HOUR;
    }
    return NUMBER.test(hour) ? 24 * HOUR : undefined;
  }
  return NUMBER.test(hour) && NUMBER.test(weekday) ? 7 * 24 * HOUR : undefined;
}
