import type { PropProblem } from '../validation/known-props';
import { IMMICH_SERVER_IMAGE } from './household-app-images';
import { calledService } from '../validation/app-calls';

// Immich's server keeps its search embeddings in a vector column: at each start it looks for VectorChord, pgvecto.rs or
// pgvector among the database's available extensions and stops with "The … extension is not available in this Postgres
// instance" when it finds none. The official PostgreSQL image and PostGIS ship none of them, so Immich beside such a
// database, the one a newcomer already knows, never starts; Immich's own PostgreSQL image ships them all.

/** PostgreSQL images that ship none of the vector extensions Immich reads: the official one and PostGIS. */
const VECTORLESS_POSTGRES_IMAGE = /^(docker\.io\/)?((library\/)?postgres|postgis\/postgis)(?=[:@]|$)/;
/** The PostgreSQL major releases Immich's own image is built for. */
const IMMICH_POSTGRES_MAJORS = ['14', '15', '16', '17'];
/** The host Immich's server calls when neither `DB_URL` nor `DB_HOSTNAME` is set, the name its compose file gives the database. */
const DEFAULT_DATABASE_HOST = 'database';

/** An app of the cluster, as the check reads it. */
export interface ClusterAppImage {
  readonly name: string;
  readonly namespace: string;
  readonly image: unknown;
}

/** The variable that names Immich's database host (`DB_URL` before `DB_HOSTNAME`, as the server reads them) and its value, when written out. */
function databaseHostSetting(env: Readonly<Record<string, unknown>>): { field: string; value: string } | undefined {
  for (const name of ['DB_URL', 'DB_HOSTNAME']) {
    if (env[name] !== undefined) {
      return typeof env[name] === 'string' ? { field: `env.${name}`, value: env[name] } : undefined;
    }
  }
  return { field: 'env', value: DEFAULT_DATABASE_HOST };
}

/** Immich's own PostgreSQL image for the major release of `image`'s tag, as its compose file names it. */
function immichPostgresImage(image: string): string {
  const major = /:(\d+)/.exec(image)?.[1];
  return `ghcr.io/immich-app/postgres:${major !== undefined && IMMICH_POSTGRES_MAJORS.includes(major) ? major : '14'}-vectorchord0.4.3-pgvectors0.2.0`;
}

/**
 * Immich's server (`image`) of namespace `namespace` whose database host, read from `env`, is an app of `apps` running
 * a PostgreSQL image without a vector extension: one problem on the variable that names it (`env` where none does,
 * as the server then calls `database`). `apps` is asked for Immich's server alone. Nothing where the host comes from a
 * Secret or is no app of the cluster. Pure.
 */
export function immichVectorDatabaseProblems(image: unknown, env: Readonly<Record<string, unknown>>, namespace: string, apps: () => readonly ClusterAppImage[]): PropProblem[] {
  const setting = typeof image === 'string' && IMMICH_SERVER_IMAGE.test(image) ? databaseHostSetting(env) : undefined;
  const called = setting === undefined ? undefined : calledService(setting.field === 'env' ? 'DB_HOSTNAME' : setting.field.slice('env.'.length), setting.value, namespace);
  const database = called === undefined ? undefined : apps().find((app) => app.name === called.name && app.namespace === called.namespace);
  if (setting === undefined || database === undefined || typeof database.image !== 'string' || !VECTORLESS_POSTGRES_IMAGE.test(database.image)) {
    return [];
  }
  const named = setting.field === 'env' ? `with neither DB_URL nor DB_HOSTNAME set, it calls ${DEFAULT_DATABASE_HOST}` : `${setting.field.slice('env.'.length)} names ${database.name}`;
  return [{
    field: setting.field,
    message: `Immich's server keeps its search in a vector extension of its database (VectorChord, pgvecto.rs or pgvector), and ${named}, `
      + `whose image "${database.image}" ships none: the server stops at its start with "The extension is not available in this Postgres instance"`,
    hint: `run ${database.name} on Immich's own PostgreSQL image, of the same major release as its data: image: '${immichPostgresImage(database.image)}'`,
  }];
}
