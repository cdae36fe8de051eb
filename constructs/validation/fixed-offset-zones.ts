// A few of the tz database's names of three capitals keep one offset the whole year. A newcomer writes them for
// the region they abbreviate, whose clocks go forward in summer, and the zone then runs an hour off for much of
// the year without any error.

/** A fixed-offset name of the tz database, and the place most often meant by it, whose zone has summer time. */
interface FixedOffsetName {
  /** The offset the name keeps all year. */
  readonly offset: string;
  /** The tz database's name of the place most often meant. */
  readonly place: string;
  /** That place, in words. */
  readonly city: string;
}

/**
 * The fixed-offset names that people take for a region with summer time. Since tzdata 2024b `EST` is a link
 * to America/Panama and `MST` to America/Phoenix, neither of which changes its clocks. `HST` is left out:
 * Hawaii has no summer time, so it is what people mean by it.
 */
const FIXED_OFFSET_NAMES: Readonly<Record<string, FixedOffsetName>> = {
  EST: { offset: 'UTC-5', place: 'America/New_York', city: 'New York' },
  MST: { offset: 'UTC-7', place: 'America/Denver', city: 'Denver' },
};

/**
 * A note on a time zone that the tz database has but that keeps one offset all year (`EST`, `MST`), where
 * the region it abbreviates moves its clocks an hour forward from March to November: what reads the zone
 * (a CronJob's schedule, a program's clock) is an hour off there for most of the year. Meant as a warning, as
 * a place without summer time (Panama, Arizona) is right to use it. `write` writes a zone as its prop takes
 * it (`timeZone: 'America/New_York'`); undefined for any other zone. Pure.
 */
export function fixedOffsetZoneNote(timeZone: string, write: (zone: string) => string): { message: string; hint: string } | undefined {
  const name = Object.prototype.hasOwnProperty.call(FIXED_OFFSET_NAMES, timeZone) ? FIXED_OFFSET_NAMES[timeZone] : undefined;
  return name === undefined ? undefined : {
    message: `time zone "${timeZone}" is a fixed offset, ${name.offset} all year, with no summer time: in ${name.city}, whose clocks go `
      + 'forward from March to November, it runs an hour behind the local time for most of the year',
    hint: `name the place, whose zone follows its summer time: ${write(name.place)} (or the place you meant; keep '${timeZone}' only where clocks never change)`,
  };
}
