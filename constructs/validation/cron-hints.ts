// Schedules and time zones written for another scheduler, answered with what a CronJob takes for the same
// times: Quartz, Spring and node-cron put seconds first (and Quartz a year last), Vixie cron takes
// `CRON_TZ=` and 7 for Sunday and `@reboot`, a crontab line holds its command (and /etc/crontab's its user),
// Jenkins writes `H` for a time it picks, and a time zone is often written as an offset from GMT.

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
 * `valid` tells a schedule the API server takes; `runner` names what reads the schedule (another controller
 * that parses schedules as the CronJob controller does). Pure.
 */
export function scheduleHint(schedule: string, valid: (schedule: string) => boolean, runner = 'a CronJob'): string {
  const trimmed = schedule.trim();
  if (trimmed !== schedule && valid(trimmed)) {
    return `write it without the blanks: schedule: '${trimmed}'`;
  }
  const zone = /^(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(trimmed);
  if (zone && valid(zone[2])) {
    return `give the time zone its own prop: schedule: '${zone[2]}', timeZone: '${zone[1]}'`;
  }
  if (trimmed === '@reboot') {
    return "a CronJob does not run at boot: work to do when the app starts is one of its initContainers, a task run once is a Job (an App's controller: AppController.job())";
  }
  const every = /^@every\s+(.+)$/.exec(trimmed);
  const interval = every ? goInterval(every[1]) : undefined;
  if (interval !== undefined && valid(`@every ${interval}`)) {
    return `"@every" takes a Go duration, whose largest unit is the hour: schedule: '@every ${interval}'`;
  }
  const calendar = systemdCalendar(trimmed);
  if (calendar !== undefined && valid(calendar)) {
    return `this is a systemd timer's OnCalendar, which ${runner} does not read: write it as cron's five fields, schedule: '${calendar}'`;
  }
  const parts = trimmed.split(/\s+/);
  const crontab = parts.length > 5 ? crontabLine(parts, valid) : undefined;
  if (crontab !== undefined) {
    return crontab;
  }
  const jenkins = parts.map((field) => field.replace(/^H\((\d+)-\d+\)/, '$1').replace(/^H\//, '*/').replace(/^H$/, '0'));
  if (parts.length === 5 && parts.some((field) => /^H(\(|\/|$)/.test(field)) && valid(jenkins.join(' '))) {
    return `Jenkins' H (a time it picks from the job's name) has no form here: write the time, e.g. schedule: '${jenkins.join(' ')}'`;
  }
  if (parts.length === 5 && parts[1] === '24' && valid([parts[0], '0', ...parts.slice(2)].join(' '))) {
    return `midnight is hour 0 (hours lie in 0-23): schedule: '${[parts[0], '0', ...parts.slice(2)].join(' ')}'`;
  }
  const quartz = parts.length === 5 ? quartzOnly(parts, runner) : undefined;
  if (quartz !== undefined) {
    return quartz;
  }
  const withoutSeconds = parts.length === 6 ? parts.slice(1) : parts.length === 7 ? parts.slice(1, 6) : undefined;
  if (withoutSeconds && valid(withoutSeconds.join(' '))) {
    return `the first of ${parts.length} fields reads as seconds${parts.length === 7 ? ' and the last as a year' : ''} (Quartz, Spring, node-cron), which ${runner} has not: schedule: '${withoutSeconds.join(' ')}'`;
  }
  const sunday = parts.length === 5 ? sundayAsZero(parts[4]) : undefined;
  if (sunday !== undefined && valid([...parts.slice(0, 4), sunday].join(' '))) {
    return `Sunday is 0 (or SUN) here, not 7: schedule: '${[...parts.slice(0, 4), sunday].join(' ')}'`;
  }
  return FIVE_FIELDS;
}

/**
 * The five cron fields of a systemd timer's OnCalendar expression in its common forms: every N minutes
 * (`*:0/5`, `*:00/15`), hourly at a minute (`*:30`), daily at a time (`03:00`, `*-*-* 03:00:00`), and a weekday at
 * a time (`Mon *-*-* 04:00:00`, `Sun 02:30`); undefined for anything else. Pure.
 */
function systemdCalendar(expression: string): string | undefined {
  const step = /^\*:0*(\d+)\/(\d+)(?::0+)?$/.exec(expression);
  if (step) {
    return Number(step[1]) === 0 ? `*/${Number(step[2])} * * * *` : `${Number(step[1])}/${Number(step[2])} * * * *`;
  }
  const hourly = /^\*:(\d{1,2})(?::0+)?$/.exec(expression);
  if (hourly) {
    return `${Number(hourly[1])} * * * *`;
  }
  const timed = /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+)?(?:\*-\*-\*\s+)?(\d{1,2}):(\d{2})(?::0+)?$/i.exec(expression);
  if (timed) {
    return `${Number(timed[3])} ${Number(timed[2])} * * ${timed[1] === undefined ? '*' : timed[1].toUpperCase()}`;
  }
  return undefined;
}

/** A field of a schedule, as cron and Quartz write them (numbers, `*`, `?`, steps, ranges, lists, day and month names). */
const SCHEDULE_FIELD = /^(?:[\d*?,/\-LW#]+|(?:MON|TUE|WED|THU|FRI|SAT|SUN|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:[-,/][\w]+)*)$/i;

/**
 * The hint for a crontab line (`0 3 * * * /usr/local/bin/backup.sh`, or /etc/crontab's with the user before the
 * command), whose first five fields are a valid schedule and whose rest is no schedule field; else undefined.
 */
function crontabLine(parts: readonly string[], valid: (schedule: string) => boolean): string | undefined {
  const [schedule, rest] = [parts.slice(0, 5).join(' '), parts.slice(5)];
  if (!valid(schedule) || SCHEDULE_FIELD.test(rest[0])) {
    return undefined;
  }
  // /etc/crontab's lines name the user between the schedule and the command.
  const user = rest.length > 1 && /^[a-z_][a-z0-9_-]*$/.test(rest[0]) && !rest[0].includes('/') ? rest[0] : undefined;
  const command = user === undefined ? rest : rest.slice(1);
  return `a crontab line's command${user ? ` (and /etc/crontab's user, ${user})` : ''} is no part of the schedule: schedule: '${schedule}', `
    + `with the command as the app's command: [${command.map((word) => `'${word}'`).join(', ')}]${user === 'root' ? " (as root only with exemptions: { runAsRoot: '…' })" : ''}`;
}

/** Units of an interval as people write them, in Go's units (`d` and `w` in hours, which Go's largest unit is). */
const INTERVAL_UNITS: ReadonlyArray<[RegExp, string, number]> = [
  [/^(?:w|wk|weeks?)$/i, 'h', 168], [/^(?:d|days?)$/i, 'h', 24], [/^(?:h|hrs?|hours?)$/i, 'h', 1],
  [/^(?:m|mins?|minutes?)$/i, 'm', 1], [/^(?:s|secs?|seconds?)$/i, 's', 1],
];

/** A whole-number interval written with another unit (`1d`, `2 weeks`, `30 minutes`) as a Go duration (`24h`), or undefined. */
function goInterval(text: string): string | undefined {
  const written = /^(\d+)\s*([a-z]+)$/i.exec(text.trim());
  const unit = written ? INTERVAL_UNITS.find(([pattern]) => pattern.test(written[2])) : undefined;
  return written && unit ? `${Number(written[1]) * unit[2]}${unit[1]}` : undefined;
}

/**
 * The hint for Quartz's `L` (last), `W` (nearest weekday) or `#` (n-th weekday of the month) in a five-field
 * schedule, which cron has no form for; undefined when the schedule has none.
 */
function quartzOnly(parts: readonly string[], runner: string): string | undefined {
  const [, , dayOfMonth, , dayOfWeek] = parts;
  if (/#/.test(dayOfWeek)) {
    return `${runner} has no n-th weekday of the month (Quartz's #): schedule the days it falls on, and the weekday, in the command, `
      + `e.g. schedule: '${parts[0]} ${parts[1]} * * *' with [ "$(date +%u)" = <weekday> ] && [ "$(date +%d)" -ge <first day> ] && [ "$(date +%d)" -le <last day> ] before it`;
  }
  if (/W/i.test(dayOfMonth)) {
    return `${runner} has no nearest weekday of a day (Quartz's W): schedule the day and the days beside it, and let the command test which of them it is`;
  }
  if (/L/i.test(dayOfMonth) || /L/i.test(dayOfWeek)) {
    return `${runner} has no last day of the month (Quartz's L): schedule days 28-31 and let the command test the day, `
      + `e.g. schedule: '${parts[0]} ${parts[1]} 28-31 * *' with [ "$(date -d tomorrow +%d)" = 01 ] && before it`;
  }
  return undefined;
}

/** Abbreviations of zones that the tz database does not have, and the place each is most often meant for. */
const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', MDT: 'America/Denver', CST: 'America/Chicago', CDT: 'America/Chicago',
  EDT: 'America/New_York', BST: 'Europe/London', CEST: 'Europe/Berlin', IST: 'Asia/Kolkata', JST: 'Asia/Tokyo',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', AST: 'America/Halifax',
};

/** The tz database's name of the place an abbreviation it has not (`PST`, `cest`) most often means, or undefined. Pure. */
export function zoneAbbreviationMeant(timeZone: string): string | undefined {
  return ZONE_ABBREVIATIONS[timeZone.trim().toUpperCase()];
}

/** An offset from GMT or UTC as people write it (`GMT+1`, `UTC - 5`): its sign and hours. */
export const UTC_OFFSET = /^(?:GMT|UTC)\s*([+-])\s*(\d{1,2})$/i;

/**
 * How to write a time zone the API server refuses, when it is an offset from GMT or UTC (`GMT+1`), a name
 * written with spaces for the tz database's `_` (`America/New York`), or an abbreviation the tz database
 * has not (`PST`); else undefined. `valid` tells a zone the API server takes; `write` writes a zone as its
 * prop takes it. Pure.
 */
export function timeZoneHint(timeZone: string, valid: (timeZone: string) => boolean,
  write: (zone: string) => string = (zone) => `timeZone: '${zone}'`): string | undefined {
  const underscored = timeZone.trim().replace(/\s+/g, '_');
  if (underscored !== timeZone.trim() && valid(underscored)) {
    return `the tz database writes a space in a place's name as _: ${write(underscored)}`;
  }
  const meant = zoneAbbreviationMeant(timeZone);
  if (meant !== undefined) {
    return `the tz database names zones by a place, which also follows its summer time: ${write(meant)} (or the place you meant)`;
  }
  const offset = UTC_OFFSET.exec(timeZone.trim());
  if (!offset || Number(offset[2]) > 14) {
    return undefined;
  }
  // The tz database names fixed offsets the POSIX way, with the sign turned round: GMT+1 is Etc/GMT-1.
  const zone = Number(offset[2]) === 0 ? 'Etc/UTC' : `Etc/GMT${offset[1] === '+' ? '-' : '+'}${Number(offset[2])}`;
  return `a fixed offset is ${zone} in the tz database (whose sign is turned round): ${write(zone)}; the name of the place, such as 'Europe/Oslo', also follows its summer time`;
}
