import { load } from 'js-yaml';
import { PLAIN_POSTGRES_IMAGE } from '../app/database-data';
import type { SynthesizedCluster } from '../synth/collect';
import { calledService } from './app-calls';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { fields, list, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplatesSelectedBy } from './pod-spec';

// Synapse refuses to start on a PostgreSQL database whose collation is not C ("Database has incorrect collation"),
// unless its config allows an unsafe locale. PostgreSQL's official image creates its database with the locale of its
// own LANG, en_US.utf8, unless POSTGRES_INITDB_ARGS (or the environment initdb reads) says otherwise: a Synapse whose
// homeserver.yaml names such a server's Service never starts.

/** Synapse's images, the Matrix.org Foundation's and Element's. */
const SYNAPSE_IMAGE = /^((docker\.io\/)?matrixdotorg|ghcr\.io\/element-hq)\/synapse(?=[:@]|$)/;

/** The locale the official image's Dockerfile sets (`ENV LANG en_US.utf8`), which initdb takes unless told otherwise. */
const IMAGE_LANG = 'en_US.utf8';

/** Where the official image runs init scripts from, which may create Synapse's database with its own locale. */
const INIT_SCRIPTS = '/docker-entrypoint-initdb.d';

/** What Synapse's database section names: the server's host and the database, for PostgreSQL's drivers. */
interface SynapseDatabase {
  readonly host: string;
  /** The database Synapse opens; psycopg's default is the user's name. @default - none given */
  readonly database?: string;
  /** The ConfigMap key and setting that name the host, for the message. */
  readonly where: string;
}

/** The PostgreSQL database a homeserver.yaml names, unless it allows an unsafe locale or names none. Pure. */
function synapseDatabase(file: string, where: string): SynapseDatabase | undefined {
  let config: unknown;
  try {
    config = load(file);
  } catch {
    return undefined;
  }
  const database = fields(fields(config).database);
  const args = fields(database.args);
  const host = text(args.host);
  if (!['psycopg2', 'psycopg'].includes(text(database.name) ?? '') || database.allow_unsafe_locale === true || host === undefined) {
    return undefined;
  }
  const name = text(args.database) ?? text(args.dbname) ?? text(args.user);
  return { host, ...(name === undefined ? {} : { database: name }), where };
}

/** A locale category of a new database: its collation (`LC_COLLATE`) or its character classes (`LC_CTYPE`). */
export type InitdbCategory = 'collate' | 'ctype';

/**
 * The locale initdb gives a new database in `category` from a container's env: `--lc-collate` (`--lc-ctype`) of
 * POSTGRES_INITDB_ARGS, else its `--locale` (`--no-locale` is C), else LC_ALL, LC_COLLATE (LC_CTYPE) or LANG of the
 * env, else the image's own LANG. Pure.
 */
export function initdbLocale(env: Readonly<Record<string, string>>, category: InitdbCategory = 'collate'): { readonly locale: string; readonly from: string } {
  const args = env.POSTGRES_INITDB_ARGS ?? '';
  const option = (flag: string) => new RegExp(`(?:^|\\s)--${flag}(?:=|\\s+)["']?([^\\s"']+)`).exec(args)?.[1];
  const own = option(`lc-${category}`);
  if (own !== undefined) {
    return { locale: own, from: 'POSTGRES_INITDB_ARGS' };
  }
  const locale = /(?:^|\s)--no-locale(?:\s|$)/.test(args) ? 'C' : option('locale');
  if (locale !== undefined) {
    return { locale, from: 'POSTGRES_INITDB_ARGS' };
  }
  for (const name of ['LC_ALL', `LC_${category.toUpperCase()}`, 'LANG']) {
    if (env[name] !== undefined && env[name] !== '') {
      return { locale: env[name], from: name };
    }
  }
  return { locale: IMAGE_LANG, from: "the image's LANG" };
}

/** The variables that decide the database initdb creates and its locale (see {@link initdbLocale}). */
const INITDB_VARIABLES = new Set(['POSTGRES_INITDB_ARGS', 'LC_ALL', 'LC_COLLATE', 'LC_CTYPE', 'LANG', 'POSTGRES_DB', 'POSTGRES_USER']);

/**
 * Synapse apps whose homeserver.yaml (a ConfigMap mounted into them) names a Service of PostgreSQL's official image
 * whose initdb would create the database with a collation other than C: an error on that server's env (its
 * POSTGRES_INITDB_ARGS where it has one), whose hint writes the arguments. A server that runs init scripts, whose
 * POSTGRES_DB is not the database Synapse opens (made by hand, with a locale of its own), or whose initdb settings
 * come from a ConfigMap or a Secret, is left alone.
 */
export function checkSynapseDatabaseLocale(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  const told = new Set<string>();
  for (const { template, configMap, key, file } of imageConfigFiles(cluster, SYNAPSE_IMAGE)) {
    const database = synapseDatabase(file, `ConfigMap ${text(fields(configMap.manifest.metadata).name) ?? ''}'s ${key}`);
    const called = database === undefined ? undefined : calledService('DB_HOST', database.host, template.namespace);
    const service = called === undefined ? undefined : index.find('Service', called.namespace, called.name);
    const selector = stringMap(fields(service?.manifest.spec).selector);
    if (database === undefined || called === undefined || service === undefined || Object.keys(selector).length === 0) {
      continue;
    }
    for (const server of podTemplatesSelectedBy(cluster.objects, called.namespace, selector)) {
      for (const { container, path, init } of containersOf(server)) {
        if (init || !PLAIN_POSTGRES_IMAGE.test(text(container.image) ?? '') || list(container.volumeMounts).some((m) => text(m.mountPath)?.replace(/\/+$/, '') === INIT_SCRIPTS)) {
          continue;
        }
        const entries = list(container.env);
        // A setting read from a ConfigMap or a Secret (envFrom, valueFrom) is not known here: its database is not judged.
        if (list(container.envFrom).length > 0 || entries.some((e) => typeof e.name === 'string' && INITDB_VARIABLES.has(e.name) && typeof e.value !== 'string')) {
          continue;
        }
        const env = Object.fromEntries(entries.flatMap((e) => (typeof e.name === 'string' && typeof e.value === 'string' ? [[e.name, e.value]] : [])));
        const created = env.POSTGRES_DB ?? env.POSTGRES_USER ?? 'postgres';
        // Synapse checks a new database's collation, then its character classes: each must be C.
        const wrong = (['collate', 'ctype'] as const).map((category) => ({ category, ...initdbLocale(env, category) })).find((made) => made.locale !== 'C');
        if (wrong === undefined || (database.database !== undefined && database.database !== created)) {
          continue;
        }
        const { locale, from } = wrong;
        const what = wrong.category === 'collate' ? 'collation' : 'character classes (LC_CTYPE)';
        const at = entries.findIndex((e) => e.name === 'POSTGRES_INITDB_ARGS');
        const field = at < 0 ? `${path}.env` : `${path}.env[${at}]`;
        const toldKey = `${server.object.constructPath}\n${field}`;
        if (told.has(toldKey)) {
          continue;
        }
        told.add(toldKey);
        findings.push(objectFinding(server.object, {
          layer: 'references', severity: 'error', field,
          message: `Synapse keeps its data in this PostgreSQL (${database.where}, database.args.host: ${database.host}), whose initdb creates database "${created}" with ${what} ${locale} (from ${from}): `
            + `Synapse refuses to start on a new database whose collation or character classes are not C ("Database is incorrectly configured")${/^c\./i.test(locale) ? `, and ${locale} is not C to it` : ''}`,
          hint: "create it with C: POSTGRES_INITDB_ARGS: '--encoding=UTF8 --lc-collate=C --lc-ctype=C' (initdb reads it on an empty data folder alone: a database made already is dumped and restored into a new one), "
            + 'or set allow_unsafe_locale: true under database in homeserver.yaml',
        }));
      }
    }
  }
  return findings;
}
