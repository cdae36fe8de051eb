/**
 * A value the owner still has to confirm: used as if it were real, and listed by the construct that
 * reads it so the cluster's notes can say what is still open.
 */
export interface ToConfirm<T extends string | number> {
  /** The value in use until the owner confirms or replaces it. */
  readonly value: T;
  /** What to check, e.g. `uid the media files belong to`. */
  readonly toConfirm: string;
}

/** A setting that is either known or still to confirm. */
export type Setting<T extends string | number> = T | ToConfirm<T>;

/** Marks a value the owner still has to confirm. */
export function toConfirm<T extends string | number>(value: T, what: string): ToConfirm<T> {
  return { value, toConfirm: what };
}

/** The value of a setting, confirmed or not. */
export function settingValue<T extends string | number>(setting: Setting<T>): T {
  return typeof setting === 'object' ? setting.value : setting;
}

/** Site-wide settings every media container shares (what the containers' PUID/PGID/TZ and host paths come from). */
export interface MediaSettings {
  /** User id the media files belong to; passed as `PUID`. */
  readonly puid: Setting<number>;
  /** Group id the media files belong to; passed as `PGID`. */
  readonly pgid: Setting<number>;
  /** Time zone, e.g. `America/Toronto`; passed as `TZ`. */
  readonly tz: Setting<string>;
  /** Host folder holding one config folder per container: `<configDir>/<name>`. */
  readonly configDir: Setting<string>;
  /** Host folder whose `files` sub-folder is mounted read-write at `/files`. */
  readonly dataDir: Setting<string>;
  /** Host folder whose `media` sub-folder is mounted read-only at `/media`. */
  readonly storageDir: Setting<string>;
  /** Host group id of `render` (owns `/dev/dri/renderD*`), added to containers given `/dev/dri`. @default - none */
  readonly renderGroup?: Setting<number>;
  /** Host group id of `video` (owns `/dev/dri/card*`), added to containers given `/dev/dri`. @default - none */
  readonly videoGroup?: Setting<number>;
}

/** The settings still to confirm, as `<setting> = <value>: <what to check>` lines, in field order. */
export function settingsToConfirm(settings: MediaSettings): string[] {
  return Object.entries(settings)
    .filter((entry): entry is [string, ToConfirm<string | number>] => typeof entry[1] === 'object' && entry[1] !== null)
    .map(([key, setting]) => `${key} = ${setting.value}: ${setting.toConfirm}`);
}
