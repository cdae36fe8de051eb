import type { PropProblem } from '../validation/known-props';
import { timeZoneNameHint, timeZoneProblem } from '../validation/cron';
import { timeZoneHint, UTC_OFFSET, zoneAbbreviationMeant } from '../validation/cron-hints';
import { fixedOffsetZoneNote } from '../validation/fixed-offset-zones';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';

/**
 * A zone name as `TZ` takes it (`Europe/Oslo`, or `:Europe/Oslo` with the C library's leading colon): an
 * area and a place. A POSIX rule (`CET-1CEST,M3.5.0,M10.5.0/3`) and a bare abbreviation (`UTC`) are other
 * forms of the variable, left alone.
 */
const ZONE_NAME = /^:?([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/;

/**
 * `TZ` in the env of a container, naming a zone the tz database does not have as written (`Europe/Londn`,
 * `europe/london`): the C library finds no file of that name under `/usr/share/zoneinfo` and runs the app in
 * UTC without a word, so its logs, schedules and dates are off by the zone's offset. `UTC+2` is read as a POSIX
 * rule (the C library's), two hours west of Greenwich: four hours from the zone meant. One error per container, on `env.TZ`
 * (`sidecars[0].env.TZ`), as is a zone's name with a blank around it; the hint writes the closest name, or the tz database's name of the offset. Pure.
 */
export function timeZoneEnvProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const tz = container.env !== null && typeof container.env === 'object' ? (container.env as Record<string, unknown>).TZ : undefined;
    const offset = typeof tz === 'string' ? UTC_OFFSET.exec(tz.trim()) : null;
    const hint = offset && Number(offset[2]) !== 0 ? timeZoneHint(tz as string, (name) => timeZoneProblem(name) === undefined, (name) => `env: { TZ: '${name}' }`) : undefined;
    if (hint !== undefined) {
      return [{
        field: `${prefix}env.TZ`,
        message: `TZ "${tz}" is a POSIX rule to the C library, whose sign is turned round: it runs the container ${Number(offset![2])} hours ${offset![1] === '+' ? 'behind' : 'ahead of'} UTC, not ${offset![1] === '+' ? 'ahead of' : 'behind'} it`,
        hint,
      }];
    }
    // An abbreviation the tz database has no file of (`PST`, `CEST`) is no POSIX rule either, which needs an
    // offset after the name: the C library falls back to UTC.
    const abbreviation = typeof tz === 'string' ? /^:?([A-Za-z]{3,5})$/.exec(tz)?.[1] : undefined;
    if (abbreviation !== undefined && zoneAbbreviationMeant(abbreviation) !== undefined && timeZoneProblem(abbreviation) !== undefined) {
      return [{
        field: `${prefix}env.TZ`,
        message: `TZ "${tz}" is no zone of the tz database, nor a POSIX rule, which gives an offset after the name: the C library runs the container in UTC, without a word`,
        hint: timeZoneHint(abbreviation, (name) => timeZoneProblem(name) === undefined, (name) => `env: { TZ: '${name}' }`) as string,
      }];
    }
    // A blank copied from a .env line (`TZ=Europe/Oslo `) is part of the name the C library looks up.
    const padded = typeof tz === 'string' && tz !== tz.trim() ? ZONE_NAME.exec(tz.trim())?.[1] : undefined;
    if (padded !== undefined && timeZoneProblem(padded) === undefined) {
      return [{
        field: `${prefix}env.TZ`,
        message: `TZ ${JSON.stringify(tz)} has a blank around the zone's name: the C library finds no zone of that name and runs the container in UTC, without a word`,
        hint: `write the name alone: env: { TZ: '${padded}' }`,
      }];
    }
    const zone = typeof tz === 'string' ? ZONE_NAME.exec(tz)?.[1] : undefined;
    const problem = zone === undefined ? undefined : timeZoneProblem(zone);
    return problem === undefined ? [] : [{
      field: `${prefix}env.TZ`,
      message: `${problem}: the C library finds no zone of that name and runs the container in UTC, without a word`,
      hint: timeZoneNameHint(zone as string, (name) => `env: { TZ: '${name}' }`),
    }];
  });
}

/**
 * Warnings for a zone of the tz database that keeps one offset all year where the region it abbreviates has
 * summer time (`EST` for New York, see {@link fixedOffsetZoneNote}): in a CronJob's `timeZone`, on
 * `controller.props.timeZone`, and in a container's `TZ`, on `env.TZ` (`sidecars[0].env.TZ`). Pure.
 */
export function fixedOffsetZoneProblems(props: (PropContainersProps & { readonly controller?: unknown }) | null | undefined, app: string): Array<PropProblem & { readonly severity: 'warning' }> {
  const controller = props?.controller as { readonly kind?: unknown; readonly props?: { readonly timeZone?: unknown } } | null | undefined;
  const timeZone = controller?.kind === 'CronJob' ? controller.props?.timeZone : undefined;
  const ofController = typeof timeZone === 'string' ? fixedOffsetZoneNote(timeZone, (zone) => `timeZone: '${zone}'`) : undefined;
  const ofContainers = propContainers(props, app).flatMap(({ container, prefix }) => {
    const tz = container.env !== null && typeof container.env === 'object' ? (container.env as Record<string, unknown>).TZ : undefined;
    const note = typeof tz === 'string' ? fixedOffsetZoneNote(tz.replace(/^:/, ''), (zone) => `env: { TZ: '${zone}' }`) : undefined;
    return note === undefined ? [] : [{ severity: 'warning' as const, field: `${prefix}env.TZ`, ...note }];
  });
  return [...(ofController === undefined ? [] : [{ severity: 'warning' as const, field: 'controller.props.timeZone', ...ofController }]), ...ofContainers];
}

/** Zones that are UTC by another name: a schedule read in the controller manager's UTC runs when meant. */
const UTC_ZONE = /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal|Greenwich)([+-]?0)?$/i;

/** `@` schedules that name a time of day (midnight), and so a zone. */
const DAILY_MACRO = /^@(daily|midnight|weekly|monthly|yearly|annually)$/;

/**
 * Whether a cron schedule runs at a time of day, which a zone moves (`0 4 * * *`, `@daily`), rather than every so
 * many minutes or hours (`*\/15 * * * *`, `0 * * * *`, `@hourly`), which run alike in every zone of whole hours. Pure.
 */
function scheduleNamesAnHour(schedule: string): boolean {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length === 1) {
    return DAILY_MACRO.test(fields[0]);
  }
  // CRON_TZ= or TZ= before the fields names the zone itself (the API server refuses it; another check tells so).
  const hour = fields[0].includes('=') ? fields[2] : fields[1];
  return hour !== undefined && /\d/.test(hour) && !hour.startsWith('*');
}

/**
 * A warning for a CronJob app whose container is given a zone other than UTC in `TZ` (`Europe/Berlin`), whose
 * schedule runs at a time of day (`0 4 * * *`) and whose controller has no `timeZone`: `TZ` is the zone the
 * container's programs run in, not the one its schedule is read in; the CronJob controller reads the schedule in
 * the zone of the cluster's controller manager (the server's own, UTC on most), so the job likely runs hours from
 * when it was meant to. A warning, not an error: a schedule written in UTC on purpose beside a `TZ` for the app's
 * own clock is correct. On `controller.props.schedule`, whose hint gives the CronJob the zone. Pure.
 */
export function cronZoneProblems(props: { readonly controller?: unknown; readonly env?: unknown } | null | undefined): Array<PropProblem & { readonly severity: 'warning' }> {
  const controller = props?.controller as { readonly kind?: unknown; readonly props?: { readonly schedule?: unknown; readonly timeZone?: unknown } } | null | undefined;
  const env = props?.env;
  const tz = env !== null && typeof env === 'object' && !Array.isArray(env) ? (env as Record<string, unknown>).TZ : undefined;
  const zone = typeof tz === 'string' ? ZONE_NAME.exec(tz)?.[1] : undefined;
  const schedule = controller?.props?.schedule;
  if (controller?.kind !== 'CronJob' || controller.props?.timeZone !== undefined || typeof schedule !== 'string' || !scheduleNamesAnHour(schedule)
    || zone === undefined || UTC_ZONE.test(zone) || timeZoneProblem(zone) !== undefined) {
    return [];
  }
  return [{
    severity: 'warning',
    field: 'controller.props.schedule',
    message: `schedule "${schedule}" is read in the zone of the cluster's controller manager (the server's own, UTC on most), not in env.TZ ${zone}, `
      + "which is the zone the container's programs run in: unless the schedule is written in that zone on purpose, the job runs hours from the time meant",
    hint: `give the CronJob its zone: controller: AppController.cronJob({ schedule: '${schedule}', timeZone: '${zone}' })`,
  }];
}
