import { Fact, factValue, isPlaceholder, PendingFact, pendingFact, Placeholder, placeholderInfoProblem } from '../inventory/placeholder';
import type { InventoryProblem } from '../inventory/problems';
import { nodePathFor } from '../app/volumes';
import { absoluteMountPathMeant } from '../app/mount-paths';

/** Site-wide settings every media container shares (its PUID/PGID/TZ and host folders); any may be a placeholder. */
export interface MediaSettings {
  /** User id the media files belong to; passed as `PUID`. */
  readonly puid: Fact<number>;
  /** Group id the media files belong to; passed as `PGID`. */
  readonly pgid: Fact<number>;
  /** Time zone, e.g. `America/Toronto`; passed as `TZ`. */
  readonly tz: Fact<string>;
  /** Host folder holding one config folder per container: `<configDir>/<name>`. */
  readonly configDir: Fact<string>;
  /** Host folder whose `files` sub-folder is mounted read-write at `/files`. */
  readonly dataDir: Fact<string>;
  /** Host folder whose `media` sub-folder is mounted read-only at `/media`. */
  readonly storageDir: Fact<string>;
  /** Host group id of `render` (owns `/dev/dri/renderD*`), added to containers given `/dev/dri`. @default - none */
  readonly renderGroup?: Fact<number>;
  /** Host group id of `video` (owns `/dev/dri/card*`), added to containers given `/dev/dri`. @default - none */
  readonly videoGroup?: Fact<number>;
}

/** The value of a setting, known or a placeholder. */
export function settingValue<T extends string | number>(setting: Fact<T>): T {
  return factValue(setting);
}

/** The settings that are still placeholders, in field order. */
export function pendingMediaSettings(settings: MediaSettings, where = 'media settings'): PendingFact[] {
  return Object.entries(settings)
    .filter(([, setting]) => isPlaceholder(setting))
    .map(([key, setting]) => pendingFact(setting, `${where} ${key}`));
}

/** What is wrong with the settings' placeholders (see {@link placeholderInfoProblem}); fields are `settings.<key>`. */
export function mediaSettingsProblems(settings: MediaSettings): InventoryProblem[] {
  return Object.entries(settings)
    .filter((entry): entry is [string, Placeholder<string | number>] => isPlaceholder(entry[1]))
    .flatMap(([key, setting]) => placeholderInfoProblem(setting, `settings.${key}`) ?? []);
}

/** The settings that are user or group ids of the node, with what each is in a hint. */
const ID_SETTINGS = {
  puid: 'that `id -u` prints for the user who owns the media files', pgid: 'that `id -g` prints for the group that owns the media files',
  renderGroup: 'that `getent group render` prints', videoGroup: 'that `getent group video` prints',
} as const;

/** The largest id a pod's `runAsUser`, `runAsGroup` or supplemental group takes. */
const MAX_ID = 2147483647;

/**
 * User and group id settings that are no id (`-5`, `1.5`, `'1000'`): the containers would run as, or be
 * given, an id the API server refuses. Reported on the setting, not on the pod fields built from it. Pure.
 */
export function mediaIdProblems(settings: MediaSettings | undefined): Array<{ field: string; message: string; hint: string }> {
  return (Object.keys(ID_SETTINGS) as Array<keyof typeof ID_SETTINGS>).flatMap((key) => {
    const setting = settings?.[key];
    const id: unknown = setting === undefined ? undefined : settingValue(setting);
    if (id === undefined || (typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= MAX_ID)) {
      return [];
    }
    return [{
      field: `settings.${key}`,
      message: `${key} ${JSON.stringify(id)} is no ${key === 'puid' ? 'user' : 'group'} id: an id is a whole number from 0 to ${MAX_ID}`,
      hint: `write the number ${ID_SETTINGS[key]}, e.g. ${key}: ${key === 'renderGroup' ? 104 : key === 'videoGroup' ? 44 : 1000}`,
    }];
  });
}

/** The settings that name host folders, each mounted into the containers as a hostPath volume. */
const FOLDER_SETTINGS = ['configDir', 'dataDir', 'storageDir'] as const;

/**
 * Host folder settings that are no absolute path of the node (`config`, `./config`, as a compose `.env`
 * may have them): the container runtime would resolve them against its own working folder. Also an empty
 * one (the sub-folders would land at the node's root), one with blanks around it or written as compose's
 * `src:dst` (the blanks or the colon would be part of the folder's name), and one that is no text
 * (JavaScript, `as any`). Pure.
 */
export function mediaFolderProblems(settings: MediaSettings | undefined): Array<{ field: string; message: string; hint: string }> {
  return FOLDER_SETTINGS.flatMap((key) => {
    const setting = settings?.[key];
    const folder = setting === undefined ? undefined : settingValue(setting);
    const problem = (message: string, hint: string) => [{ field: `settings.${key}`, message, hint }];
    if (folder === undefined) {
      return [];
    }
    if (typeof folder !== 'string') {
      return problem(`${key} is ${JSON.stringify(folder)}, not a folder of the node`, `write the host folder as text, from the node's root, e.g. ${key}: '/srv/${key.replace(/Dir$/, '')}'`);
    }
    if (folder === '') {
      return problem(`${key} is empty, so its sub-folders would be made at the node's root`, `write the host folder from the node's root, e.g. '/srv/media'`);
    }
    if (folder.trim() !== '' && folder !== folder.trim()) {
      // A blank a `.env` line ended in is part of the folder's name: every container would mount `<folder >/<sub>`.
      return problem(`${key} ${JSON.stringify(folder)} has blanks around it, which would be part of the folder's name: the node has no such folder, and the containers that mount one under it would not start`,
        `write the folder alone: ${key}: '${folder.trim()}'`);
    }
    if (/^[A-Za-z]:[\\/]|\\/.test(folder)) {
      // A folder of the machine the compose file was written on: the nodes are Linux, whose paths have '/'.
      return problem(`${key} "${folder}" is a Windows path; the folder is one of the node, a Linux path from its root`,
        `write the folder as the node has it, e.g. ${key}: '${absoluteMountPathMeant(folder)}'`);
    }
    if (folder.includes(':')) {
      return problem(`${key} "${folder}" has a ':', as compose's "host:container" volumes do; here it is one host folder, and the colon would be part of its name`,
        `write the host folder alone: ${key}: '${folder.slice(0, folder.indexOf(':')) || '/srv/media'}' (where the containers see it is fixed)`);
    }
    return folder.startsWith('/') ? [] : problem(`${key} "${folder}" is no absolute path of the node; the container runtime would resolve it against its own working folder`,
      `write the folder from the node's root, e.g. '${nodePathFor(folder)}'`);
  });
}

/** The host folder `<setting>/<sub>`, with no `//` where the setting ends in `/` (`/srv/config/`). Pure. */
export function mediaFolder(setting: Fact<string>, sub: string): string {
  return `${settingValue(setting).replace(/\/+$/, '')}/${sub}`;
}
