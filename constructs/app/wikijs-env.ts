import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { meantDatabaseType } from './database-type-spellings';

// Wiki.js 2's image builds its config.yml from the environment: `db.type` from DB_TYPE, the sign-in from DB_USER and
// DB_PASS (or a file named by DB_PASS_FILE). It picks a database client by the type as written, knowing mysql, postgres,
// mariadb, mssql and sqlite alone, and stops as it starts on any other word ("Invalid DB Type"), so the pod restarts
// forever: PostgreSQL's own name (`postgresql`) or SQLite's file format (`sqlite3`) is the usual slip. The sign-in
// written as other images name it (DB_USERNAME, DB_PASSWORD, as BookStack's image reads it) is never read: Wiki.js
// signs in without it, is refused, and after its last attempt stops too.

/** Wiki.js' images, on GitHub's registry and on Docker Hub. */
const WIKIJS_IMAGE = /^((ghcr\.io|docker\.io)\/)?requarks\/wiki(?=[:@]|$)/;

/** The database types Wiki.js 2 connects to, as its DB_TYPE takes them. */
const DATABASE_TYPES = ['mysql', 'postgres', 'mariadb', 'mssql', 'sqlite'] as const;

/** The sign-in settings Wiki.js reads, each with the names other images read that are written for it. */
const SIGN_IN_SPELLINGS: Readonly<Record<string, { readonly what: string; readonly others: readonly string[]; readonly alsoSetBy?: string }>> = {
  DB_USER: { what: 'user', others: ['DB_USERNAME'] },
  DB_PASS: { what: 'password', others: ['DB_PASSWORD', 'DB_PASSWD'], alsoSetBy: 'DB_PASS_FILE' },
};

/** Whether an env value is set: a Secret or ConfigMap reference counts, an empty text does not. Pure. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** The problem of DB_TYPE `value`, written as Wiki.js does not take it, at `field`; undefined for a type it takes. Pure. */
function databaseTypeProblem(value: string, field: string): PropProblem | undefined {
  if ((DATABASE_TYPES as readonly string[]).includes(value)) {
    return undefined;
  }
  const meant = meantDatabaseType(value, DATABASE_TYPES);
  return {
    field,
    message: `Wiki.js picks its database client by DB_TYPE as written and knows ${DATABASE_TYPES.join(', ')} alone: with "${value}" it stops as it starts ("Invalid DB Type"), and the pod restarts forever`,
    hint: meant === undefined ? `write one of ${DATABASE_TYPES.join(', ')}: DB_TYPE: 'postgres'` : `write DB_TYPE: '${meant}'`,
  };
}

/**
 * Containers of Wiki.js' image given a DB_TYPE it does not know, or its database user or password under a name it
 * does not read while the name it reads is unset (on a database server: not SQLite): one error on each such
 * variable, whose hint writes the type meant or renames it. A value read from a ConfigMap or a Secret is a name's
 * value, not a type, and is left to it. Pure.
 */
export function wikijsEnvProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !WIKIJS_IMAGE.test(container.image)) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const type = env.DB_TYPE;
    const typeProblem = typeof type === 'string' ? databaseTypeProblem(type, `${prefix}env.DB_TYPE`) : undefined;
    const onServer = typeof type !== 'string' || !/^sqlite3?$/i.test(type.trim());
    const renamed = !onServer ? [] : Object.entries(SIGN_IN_SPELLINGS)
      .filter(([read, { alsoSetBy }]) => !isSet(env[read]) && (alsoSetBy === undefined || !isSet(env[alsoSetBy])))
      .flatMap(([read, { what, others }]) => others.filter((other) => isSet(env[other])).map((other) => ({
        field: `${prefix}env.${other}`,
        message: `Wiki.js reads its database ${what} from ${read}, never from ${other}: it signs in without it, is refused, and stops after its last attempt, so the pod restarts forever`,
        hint: `rename the variable: ${read}: <the value of ${other}>`,
      })));
    return [...(typeProblem === undefined ? [] : [typeProblem]), ...renamed];
  });
}
