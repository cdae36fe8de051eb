import type { PropProblem } from '../validation/known-props';
import { calledService } from '../validation/app-calls';
import { REDIS_IMAGE } from './database-data';

// One Redis or Valkey for several apps is split by database number: each client SELECTs its number as it
// connects. A number at or above the server's `databases` (16 unless set) is refused with "ERR DB index is out of
// range", so the app never connects; two unrelated apps on one number share one keyspace, where keys of the same
// name clash and a FLUSHDB of either (a cache cleared on upgrade) empties the other's too.

/** The number of databases Redis and Valkey keep unless `databases` says otherwise (their redis.conf / valkey.conf). */
const DEFAULT_DATABASES = 16;
/** A Redis or Valkey URL: its host (with a user and password before it) and the database number of its path. */
const REDIS_URL = /^(?:redis|rediss|valkey|valkeys):\/\/(?:[^@/]*@)?[^/?#]+(?:\/(\d*))?(?:[?#].*)?$/i;
/** A variable that names the Redis host alone, with the prefix its database number's variable shares (Immich's `REDIS_HOSTNAME`). */
const HOST_VARIABLE = /^(.*REDIS_)(HOST|HOSTNAME)$/;
/** The variables, after that prefix, that give the database number beside a host variable (Immich's `REDIS_DBINDEX`). */
const NUMBER_SUFFIXES = ['DBINDEX', 'DB_INDEX', 'DB', 'DATABASE'];

/** An app of the cluster as the check reads it. */
export interface RedisCheckApp {
  readonly name: string;
  readonly namespace: string;
  readonly image: unknown;
  readonly env: Readonly<Record<string, unknown>>;
  /** The main container's command and arguments, in order. */
  readonly words: readonly unknown[];
}

/** A Redis database an app's env selects: the variable that says so, the Service called and the number. */
interface DatabaseCall {
  readonly field: string;
  readonly service: { readonly name: string; readonly namespace: string };
  readonly number: number;
  /** How to write the variable with another number. */
  readonly withNumber: (n: number) => string;
}

/**
 * The Redis databases `env` of an app of namespace `namespace` selects: each Redis or Valkey URL (its path's
 * number, 0 without one) and each `…REDIS_HOST` or `…REDIS_HOSTNAME` with its `…REDIS_DBINDEX` (`_DB`,
 * `_DATABASE`), 0 without one. A value from a Secret, or a number that is no whole number, is not read. Pure.
 */
export function redisDatabaseCalls(env: Readonly<Record<string, unknown>>, namespace: string): DatabaseCall[] {
  const calls: DatabaseCall[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== 'string') {
      continue;
    }
    const url = REDIS_URL.exec(value.trim());
    const service = calledService(name, value.trim(), namespace);
    if (url !== null && service !== undefined && (url[1] === undefined || /^\d+$/.test(url[1]) || url[1] === '')) {
      const base = value.trim().replace(/(\/\d*)?([?#].*)?$/, '');
      const query = /[?#].*$/.exec(value.trim())?.[0] ?? '';
      calls.push({ field: `env.${name}`, service, number: Number(url[1] || 0), withNumber: (n) => `${name}: '${base}/${n}${query}'` });
      continue;
    }
    const host = HOST_VARIABLE.exec(name);
    if (host === null || service === undefined) {
      continue;
    }
    const numberName = NUMBER_SUFFIXES.map((suffix) => `${host[1]}${suffix}`).find((candidate) => env[candidate] !== undefined);
    const number = numberName === undefined ? '0' : env[numberName];
    if (typeof number === 'string' && /^\s*\d+\s*$/.test(number)) {
      const written = numberName ?? `${host[1]}DBINDEX`;
      calls.push({ field: `env.${numberName ?? name}`, service, number: Number(number), withNumber: (n) => `${written}: '${n}'` });
    }
  }
  return calls;
}

/**
 * The number of databases a Redis or Valkey server keeps, from its command line (`--databases 4`); the default
 * where none is given, undefined where a config file or `REDIS_ARGS` may set it. Pure.
 */
export function redisDatabaseCount(words: readonly unknown[], env: Readonly<Record<string, unknown>>): number | undefined {
  const strings = words.filter((word): word is string => typeof word === 'string');
  const at = strings.findIndex((word) => word === '--databases' || word.startsWith('--databases='));
  if (at >= 0) {
    const given = strings[at].includes('=') ? strings[at].slice(strings[at].indexOf('=') + 1) : strings[at + 1];
    return given !== undefined && /^\d+$/.test(given) ? Number(given) : undefined;
  }
  return strings.some((word) => word.endsWith('.conf')) || env.REDIS_ARGS !== undefined ? undefined : DEFAULT_DATABASES;
}

/**
 * The problems of the Redis databases `app` selects on Redis or Valkey servers among the cluster's apps
 * (`clusterApps`, in the cluster's order, `app` among them as `self`; read only when `app` selects one): an error for a number the server does not keep, and a warning where an app of
 * another namespace, earlier among them, selects the same number of the same server (apps of one namespace are one
 * stack, such as a web app and its worker, that share their keys on purpose). Pure.
 */
export function redisDatabaseProblems(
  app: RedisCheckApp, clusterApps: () => ReadonlyArray<RedisCheckApp & { readonly self: boolean }>,
): Array<PropProblem & { severity: 'error' | 'warning' }> {
  const calls = redisDatabaseCalls(app.env, app.namespace);
  if (calls.length === 0) {
    return []; // the cluster's apps are read only for an app that selects a database
  }
  const listed = clusterApps();
  const own = listed.findIndex((other) => other.self);
  const apps = listed.map((other, i) => (i === own ? app : other));
  const serverOf = (service: DatabaseCall['service']) => apps.find((other) => other.name === service.name && other.namespace === service.namespace
    && typeof other.image === 'string' && REDIS_IMAGE.test(other.image));
  const problems: Array<PropProblem & { severity: 'error' | 'warning' }> = [];
  const earlier = apps.slice(0, Math.max(0, own)).filter((other) => other.namespace !== app.namespace);
  for (const call of calls) {
    const server = serverOf(call.service);
    if (server === undefined) {
      continue;
    }
    const count = redisDatabaseCount(server.words, server.env);
    const taken = new Map(apps.filter((other) => other !== app).flatMap((other) => redisDatabaseCalls(other.env, other.namespace)
      .filter((c) => serverOf(c.service) === server).map((c) => [c.number, other] as const)));
    const free = Array.from({ length: count ?? DEFAULT_DATABASES }, (_, n) => n).find((n) => !taken.has(n));
    const ownNumber = free === undefined ? '' : `${call.withNumber(free)}, a number no other app of ${server.name} selects`;
    if (count !== undefined && call.number >= count) {
      problems.push({
        severity: 'error', field: call.field,
        message: `${call.field.slice('env.'.length)} selects database ${call.number} of ${server.name}, which keeps ${count} (0 to ${count - 1}${count === DEFAULT_DATABASES ? ', its default' : ''}): `
          + 'it answers "ERR DB index is out of range" and the app never connects',
        hint: `write ${ownNumber === '' ? 'a number below it' : ownNumber}; or raise the server's own setting: args: ['--databases', '${call.number + 1}']`,
      });
      continue;
    }
    const sharer = earlier.find((other) => redisDatabaseCalls(other.env, other.namespace).some((c) => c.number === call.number && serverOf(c.service) === server));
    if (sharer !== undefined) {
      problems.push({
        severity: 'warning', field: call.field,
        message: `${call.field.slice('env.'.length)} selects database ${call.number} of ${server.name}, which ${sharer.name} (namespace ${sharer.namespace}) selects too: `
          + 'the two share one keyspace, where keys of the same name clash and a FLUSHDB of either (a cache cleared on an upgrade) empties the other\'s',
        hint: `give ${app.name} a database of its own: ${ownNumber === '' ? `raise the server's args: ['--databases', '${(count ?? DEFAULT_DATABASES) + 1}']` : ownNumber}`,
      });
    }
  }
  return problems;
}
