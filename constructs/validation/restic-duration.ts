import { spokenDurationMilliseconds } from './go-duration';

/** A duration as restic's `forget --keep-within` reads it: numbers of years, months, days and hours (`1y6m`, `7d`, `36h`). */
const RESTIC_DURATION = /^(\d+[ymdh])+$/;

/** Hours of each unit a restic duration may be written in, for a duration written in another tool's units. */
const RESTIC_UNIT_HOURS: ReadonlyArray<[string, number]> = [['d', 24], ['h', 1]];

/** What restic's forget says of a duration it cannot read, for messages. */
export const RESTIC_DURATION_UNITS = 'its forget takes years (y), months (m), days (d) and hours (h) alone';

/**
 * Whether restic's `forget --keep-within` cannot read `within` (a week, `1w`, or a word, `7days`, fails every
 * forget), and then the restic duration meant (`7d`), if one is clear. Undefined for a duration restic reads. Pure.
 */
export function resticDurationProblem(within: string): { readonly meant?: string } | undefined {
  if (RESTIC_DURATION.test(within)) {
    return undefined;
  }
  const milliseconds = spokenDurationMilliseconds(within);
  const hours = milliseconds === undefined ? undefined : milliseconds / 3_600_000;
  const meant = hours === undefined || hours <= 0 || !Number.isInteger(hours) ? undefined
    : RESTIC_UNIT_HOURS.map(([unit, each]) => (hours % each === 0 ? `${hours / each}${unit}` : undefined)).find((text) => text !== undefined);
  return { meant };
}
