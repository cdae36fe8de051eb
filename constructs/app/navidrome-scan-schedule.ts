import { cronParserProblem } from '../validation/cron';
import { scheduleHint } from '../validation/cron-hints';
import { goDurationText, parsedGoDuration, spokenDurationMilliseconds } from '../validation/go-duration';
import type { PropProblem } from '../validation/known-props';
import type { PropContainer } from './prop-containers';

// Navidrome reads its scan schedule as it starts: `0` or nothing turns scheduled scans off, a Go duration (`1h`)
// is run as `@every 1h`, anything else goes to robfig/cron's standard parser (five fields, `@daily`, `@every …`,
// an optional `TZ=<zone> ` in front). A schedule the parser refuses is logged ("Invalid Scanner.Schedule") and
// Navidrome exits, so the pod restarts forever without serving the library.

/** Navidrome's image, on Docker Hub or GitHub's registry, under its old owner or its own. */
export const NAVIDROME_IMAGE = /^((docker\.io|ghcr\.io)\/)?(deluan|navidrome)\/navidrome(?=[:@]|$)/;

/** The variables Navidrome reads its scan schedule from: `Scanner.Schedule`, and `ScanSchedule` of releases before 0.55. */
const SCHEDULE_VARIABLES = ['ND_SCANNER_SCHEDULE', 'ND_SCANSCHEDULE'] as const;

/** A time zone in front of a schedule, as robfig/cron reads it (`TZ=Europe/Oslo 0 3 * * *`). */
const ZONE_PREFIX = /^(CRON_)?TZ=\S+ /;

/** Why Navidrome refuses `schedule`, or undefined when it runs it (or runs no scheduled scan). Pure. */
export function navidromeScheduleProblem(schedule: string): string | undefined {
  if (schedule === '0' || schedule === '' || parsedGoDuration(schedule) !== undefined) {
    return undefined;
  }
  return cronParserProblem(schedule.replace(ZONE_PREFIX, ''));
}

/**
 * A Navidrome container (the app's main one) whose scan schedule, by either of its variables, is one Navidrome
 * refuses at its start: one problem on that variable, whose hint writes a schedule it reads. Pure.
 */
export function navidromeScanScheduleProblems(container: PropContainer): PropProblem[] {
  if (typeof container.image !== 'string' || !NAVIDROME_IMAGE.test(container.image)) {
    return [];
  }
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  return SCHEDULE_VARIABLES.flatMap((name) => {
    const schedule = env[name];
    const problem = typeof schedule === 'string' ? navidromeScheduleProblem(schedule) : undefined;
    if (problem === undefined) {
      return [];
    }
    const interval = spokenDurationMilliseconds(schedule as string);
    return [{
      field: `env.${name}`,
      message: `Navidrome reads ${name} "${schedule}" as a cron schedule and refuses it (${problem}): it logs "Invalid Scanner.Schedule" and exits as it starts, so the pod restarts forever`,
      hint: interval !== undefined && interval > 0
        ? `an interval is a Go duration, whose largest unit is the hour: ${name}: '${goDurationText(interval)}'`
        : `${scheduleHint(schedule as string, (s) => navidromeScheduleProblem(s) === undefined, 'Navidrome')}, as ${name}; or a Go duration such as '1h', or '0' for no scheduled scan`,
    }];
  });
}
