import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// Metabase reads the connection of its application database from MB_DB_TYPE, MB_DB_HOST, MB_DB_PORT, MB_DB_DBNAME,
// MB_DB_USER and MB_DB_PASS. A guide or a habit of other images writes the password as MB_DB_PASSWORD and the user as
// MB_DB_USERNAME, which Metabase never reads: it then signs in to PostgreSQL or MySQL without them, is refused, and
// stops as it starts, so the pod restarts forever. On the embedded H2 database (MB_DB_TYPE unset or h2) none is read.

/** Metabase's images, open source and enterprise. */
const METABASE_IMAGE = /^(docker\.io\/)?metabase\/metabase(-enterprise)?(?=[:@]|$)/;

/** The settings Metabase reads a sign-in from, each with the names it does not read that are written for it. */
const OTHER_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  MB_DB_PASS: ['MB_DB_PASSWORD', 'MB_DB_PASSWD'],
  MB_DB_USER: ['MB_DB_USERNAME'],
};

/** Whether an env value is set: a Secret or ConfigMap reference counts, an empty text does not. Pure. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/**
 * A container of Metabase's image on a PostgreSQL or MySQL application database (MB_DB_TYPE other than h2) given
 * its password or user under a name Metabase does not read, while the name it reads is unset: one error on each such
 * variable, whose hint renames it. Pure.
 */
export function metabaseEnvProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !METABASE_IMAGE.test(container.image)) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const type = typeof env.MB_DB_TYPE === 'string' ? env.MB_DB_TYPE.trim().toLowerCase() : env.MB_DB_TYPE;
    if (!isSet(type) || type === 'h2') {
      return [];
    }
    return Object.entries(OTHER_SPELLINGS).filter(([read]) => !isSet(env[read])).flatMap(([read, others]) => others.filter((other) => isSet(env[other])).map((other) => ({
      field: `${prefix}env.${other}`,
      message: `Metabase reads its application database's ${read === 'MB_DB_PASS' ? 'password' : 'user'} from ${read}, never from ${other}: it signs in to the database without it, is refused, and stops as it starts, so the pod restarts forever`,
      hint: `rename the variable: ${read}: <the value of ${other}>`,
    })));
  });
}
