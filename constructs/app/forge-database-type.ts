import type { PropProblem } from '../validation/known-props';
import { FORGE_IMAGES } from './image-listen-ports';
import type { PropContainerMounts } from './prop-containers';
import { meantDatabaseType } from './database-type-spellings';
import { imageRows } from './image-rows';

// Gitea and Forgejo read `[database] DB_TYPE` as written and connect only for mysql, postgres, mssql and sqlite3: any
// other word stops them with "unknown database type". Their images write a `GITEA__database__DB_TYPE` variable (Forgejo's
// also `FORGEJO__database__DB_TYPE`) into app.ini at every start, so a spelling as PostgreSQL's own name or another
// tool's (`postgresql`, `mariadb`, `sqlite`) comes back after each restart, whatever the install page chose.

/** The database types Gitea and Forgejo connect to, as their `DB_TYPE` takes them. */
const DATABASE_TYPES = ['mysql', 'postgres', 'mssql', 'sqlite3'] as const;

/** The forges whose images take DB_TYPE from the environment, each with the variables it reads. */
const FORGES = [
  { name: 'Gitea', image: FORGE_IMAGES.gitea, variables: ['GITEA__database__DB_TYPE'] },
  { name: 'Forgejo', image: FORGE_IMAGES.forgejo, variables: ['FORGEJO__database__DB_TYPE', 'GITEA__database__DB_TYPE'] },
] as const;

/**
 * Why `value`, a DB_TYPE setting of Gitea's or Forgejo's app.ini, stops the forge, as a finding's message and hint,
 * whose fix `written` writes as the user gave the setting; undefined for a type it connects to. Pure.
 */
export function forgeDatabaseTypeProblem(forge: 'Gitea' | 'Forgejo', value: string, written: (type: string) => string): { message: string; hint: string } | undefined {
  if ((DATABASE_TYPES as readonly string[]).includes(value)) {
    return undefined;
  }
  const meant = meantDatabaseType(value, DATABASE_TYPES);
  return {
    message: `${forge} reads DB_TYPE as written and connects only to ${DATABASE_TYPES.join(', ')}: with "${value}", which its image writes into app.ini at every start, it stops with "unknown database type" and the pod restarts forever`,
    hint: `write ${meant === undefined ? `one of ${DATABASE_TYPES.join(', ')} (MariaDB is mysql): ${written('postgres')}` : written(meant)}`,
  };
}

/**
 * Containers of Gitea's or Forgejo's image given a database type in the environment that the forge does not know: one
 * error on each such variable, whose hint writes the type meant. A value read from a ConfigMap or a Secret is left
 * alone. Pure.
 */
export function forgeDatabaseTypeProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap(({ container, prefix }) => {
    const image = container.image;
    const forge = typeof image === 'string' ? imageRows(FORGES, image)[0] : undefined;
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    return (forge?.variables ?? []).flatMap((name) => {
      const value = env[name];
      const problem = typeof value === 'string' ? forgeDatabaseTypeProblem(forge!.name, value, (type) => `${name}: '${type}'`) : undefined;
      return problem === undefined ? [] : [{ field: `${prefix}env.${name}`, ...problem }];
    });
  });
}
