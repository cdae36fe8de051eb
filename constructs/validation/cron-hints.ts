// Schedules and time zones written for another scheduler, answered with what a CronJob takes for the same
// times: Quartz, Spring and node-cron put seconds first (and Quartz a year last), Vixie cron takes
// `CRON_TZ=` and 7 for Sunday and `@reboot`, and a time zone is often written as an offset from GMT.

/** The hint for a schedule the API server refuses whose form says nothing more specific. */
const FIVE_FIELDS = 'five fields, minute hour day-of-month month day-of-week (`0 3 * * 0`), or a macro such as `@daily`';

/** The day-of-week field with 7 for Sunday written as 0 (`7` → `0`, `5-7` → `5-6,0`), or undefined when it has none. */
function sundayAsZero(field: string): string | undefined {
  let changed = false;
  const items = field.split(',').flatMap((item) => {
    if (item === '7') {
      changed = true;
      return ['0'];
    }
    const range = /^(\d)-7$/.exec(item);
    if (range) {
      changed = true;
      return range[1] === '6' ? ['6', '0'] : [`${range[1]}-6`, '0'];
    }
    return [item];
  });
  return changed ? [...new Set(items)].join(',') : undefined;
}

/**
 * How to write `schedule`, which the API server refuses, so that a CronJob runs at the times it meant;
 * `valid` tells a schedule the API server takes. Pure.
 */
export function scheduleHint(schedule: string, valid: (schedule: string) => boolean): string {
  const trimmed = schedule.trim();
  const zone = /^(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(trimmed);
  if (zone && valid(zone[2])) {
    return `give the time zone its own prop: schedule: '${zone[2]}', timeZone: '${zone[1]}'`;
  }
  if (trimmed === '@reboot') {
    return "a CronJob does not run at boot: work to do when the app starts is one of its initContainers, a task run once is a Job (an App's controller: AppController.job())";
  }
  const parts = trimmed.split(/\s+/);
  const withoutSeconds = parts.length === 6 ? parts.slice(1) : parts.length === 7 ? parts.slice(1, 6) : undefined;
  if (withoutSeconds && valid(withoutSeconds.join(' '))) {
    return `the first of ${parts.length} fields reads as seconds${parts.length === 7 ? ' and the last as a year' : ''} (Quartz, Spring, node-cron), which a CronJob has not: schedule: '${withoutSeconds.join(' ')}'`;
  }
  const sunday = parts.length === 5 ? sundayAsZero(parts[4]) : undefined;
  if (sunday !== undefined && valid([...parts.slice(0, 4), sunday].join(' '))) {
    return `Sunday is 0 (or SUN) here, not 7: schedule: '${[...parts.slice(0, 4), sunday].join(' ')}'`;
  }
  return FIVE_FIELDS;
}

/** An offset from GMT or UTC as people write it (`GMT+1`, `UTC - 5`): its sign and hours. */
export const UTC_OFFSET = /^(?:GMT|UTC)\s*([+-])\s*(\d{1,2})$/i;

/**
 * How to write a time zone that is an offset from GMT or UTC (`GMT+1`), which the API server refuses, written
 * by `write` as its prop takes it; else undefined. Pure.
 */
export function timeZoneHint(timeZone: string, write: (zone: string) => string = (zone) => `timeZone: '${zone}'`): string | undefined {
  const offset = UTC_OFFSET.exec(timeZone.trim());
  if (!offset || Number(offset[2]) > 14) {
    return undefined;
  }
  // The tz database names fixed offsets the POSIX way, with the sign turned round: GMT+1 is Etc/GMT-1.
  const zone = Number(offset[2]) === 0 ? 'Etc/UTC' : `Etc/GMT${offset[1] === '+' ? '-' : '+'}${Number(offset[2])}`;
  return `a fixed offset is ${zone} in the tz database (whose sign is turned round): ${write(zone)}; the name of the place, such as 'Europe/Oslo', also follows its summer time`;
}
