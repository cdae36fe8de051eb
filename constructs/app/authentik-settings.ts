import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';

/** Authentik's server image, whose `server` and `worker` read the same settings. */
export const AUTHENTIK_IMAGE = /^ghcr\.io\/goauthentik\/server(?=[:@]|$)/;

/**
 * Sections of Authentik's configuration that hold settings of their own (`postgresql.host`), which its
 * environment names with a double underscore between section and setting (`AUTHENTIK_POSTGRESQL__HOST`).
 */
const SECTIONS = ['POSTGRESQL', 'REDIS', 'LISTEN', 'EMAIL', 'OUTPOSTS', 'ERROR_REPORTING', 'CACHE', 'WEB', 'WORKER', 'STORAGE', 'LDAP', 'EVENTS', 'SESSIONS'];

/** A variable that names a section's setting with one underscore (`AUTHENTIK_POSTGRESQL_HOST`): its section and setting. */
const ONE_UNDERSCORE = new RegExp(`^AUTHENTIK_(${SECTIONS.join('|')})_([A-Z0-9][A-Z0-9_]*)$`);

/**
 * Variables of Authentik's server containers that name a setting of a section with one underscore
 * (`AUTHENTIK_POSTGRESQL_HOST`, as most images spell their settings): Authentik splits a name at double
 * underscores alone, so it reads a top-level setting nobody uses, and the server keeps its default (a database on
 * `localhost`), waiting for it forever. One error per variable, whose hint writes the double underscore. Pure.
 */
export function authentikSettingProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !AUTHENTIK_IMAGE.test(container.image) || container.env === null || typeof container.env !== 'object') {
      return [];
    }
    return Object.keys(container.env as Record<string, unknown>).flatMap((name) => {
      const match = ONE_UNDERSCORE.exec(name);
      if (match === null) {
        return [];
      }
      const meant = `AUTHENTIK_${match[1]}__${match[2]}`;
      return [{
        field: `${prefix}env.${name}`,
        message: `Authentik reads ${name} as a top-level setting "${name.slice('AUTHENTIK_'.length).toLowerCase()}", which it does not have: it splits a variable into section and setting at a double underscore alone, so ${match[1].toLowerCase()}.${match[2].toLowerCase()} keeps its default`,
        hint: `write the section and setting apart with two underscores: ${meant}`,
      }];
    });
  });
}
