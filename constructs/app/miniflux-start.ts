import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// Miniflux sets itself up as it starts, from its environment: `RUN_MIGRATIONS` brings the database's schema to its
// release, and `CREATE_ADMIN` creates the first user from `ADMIN_USERNAME` and `ADMIN_PASSWORD`. Without the
// migrations it finds a fresh database's schema out of date and exits ("the database schema is not up to date"); asked
// to create the admin without a name or a password it exits too (its validator refuses the empty field; releases before
// 2.0.50 asked for them on a terminal, which a pod has not, and exited with "This is not a terminal"). Either way the pod
// restarts forever and nobody can log in.

/** Miniflux's images, as published on Docker Hub, GitHub's and Quay's registries. */
export const MINIFLUX_IMAGE = /^((docker\.io|ghcr\.io|quay\.io)\/)?miniflux\/miniflux(?=[:@]|$)/;

/** The words Miniflux reads a switch as on by (`parseBool`, any case); every other value is off. */
const ON_WORDS = ['1', 'yes', 'true', 'on'];

/** Whether `value` turns a switch of Miniflux on, as it reads it. Pure. */
function switchedOn(value: unknown): boolean {
  return typeof value === 'string' && ON_WORDS.includes(value.toLowerCase());
}

/** Whether `name` is given by value or by its `_FILE` (a Secret mounted as a file), as Miniflux reads both; empty is none. */
function given(env: Readonly<Record<string, unknown>>, name: string): boolean {
  return [env[name], env[`${name}_FILE`]].some((value) => value !== undefined && value !== null && value !== '');
}

/** Whether a word of a command line runs Miniflux's migrations and exits (`-migrate`, `--migrate`, or the `migrate` command of newer releases). */
const MIGRATE_WORD = /^(--?)?migrate$/;

/**
 * A container of Miniflux's image, run by its own entrypoint (`command` unset), that would exit as it starts: told
 * to create the admin (`CREATE_ADMIN` on) without `ADMIN_USERNAME` or `ADMIN_PASSWORD` (nor their `_FILE`), an error
 * on `env.CREATE_ADMIN`; or not told to run the migrations, while no other container of the pod (`siblings`, an init
 * container running `miniflux -migrate`) runs them, a warning on `env` (a database migrated by hand, or by a Job of
 * its own, starts it as well); RUN_MIGRATIONS read from a Secret or a ConfigMap is left alone. A container given `args` other than `-debug` (a command of its own, `-migrate`, or a
 * configuration file, `-c`, which may set these) is left alone. Pure.
 */
export function minifluxStartProblems({ container, prefix }: PropContainerMounts, siblings: readonly PropContainerMounts[] = []): Array<PropProblem & { readonly severity: 'error' | 'warning' }> {
  // Any argument but -debug runs a command of its own or reads a configuration file, which may set these.
  const args = Array.isArray(container.args) ? container.args.filter((word) => !/^--?debug$/.test(String(word))) : [];
  if (typeof container.image !== 'string' || !MINIFLUX_IMAGE.test(container.image) || container.command !== undefined || args.length > 0) {
    return [];
  }
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  const missing = ['ADMIN_USERNAME', 'ADMIN_PASSWORD'].filter((name) => !given(env, name));
  const admin = switchedOn(env.CREATE_ADMIN) && missing.length > 0 ? [{
    severity: 'error' as const,
    field: `${prefix}env.CREATE_ADMIN`,
    message: `Miniflux is told to create its admin (CREATE_ADMIN: '${String(env.CREATE_ADMIN)}') without ${missing.join(' or ')}: it refuses a user without a name or a password and exits as it starts (releases before 2.0.50 asked on a terminal, which a pod has not), so the pod restarts forever and nobody can log in`,
    hint: `set ${missing.map((name) => (name === 'ADMIN_PASSWORD' ? `${name}: SecretReference.external(namespace, name, key)` : `${name}: 'admin'`)).join(' and ')}; or leave CREATE_ADMIN out and create the admin once with kubectl exec -it deploy/<app> -- miniflux -create-admin`,
  }] : [];
  const migratedBeside = siblings.some(({ container: other }) => other !== container
    && [...(Array.isArray(other.command) ? other.command : []), ...(Array.isArray(other.args) ? other.args : [])].some((word) => typeof word === 'string' && MIGRATE_WORD.test(word)));
  // RUN_MIGRATIONS read from a Secret or a ConfigMap may be on, as synthesis cannot read it.
  const fromReference = env.RUN_MIGRATIONS !== undefined && env.RUN_MIGRATIONS !== null && typeof env.RUN_MIGRATIONS === 'object';
  const migrations = switchedOn(env.RUN_MIGRATIONS) || fromReference || migratedBeside ? [] : [{
    severity: 'warning' as const,
    field: `${prefix}env`,
    message: `Miniflux is not told to run its database migrations (RUN_MIGRATIONS${env.RUN_MIGRATIONS === undefined ? ' is not set' : ` is '${String(env.RUN_MIGRATIONS)}', which it reads as off`}): on a fresh database, and after each upgrade, it finds the schema out of date and exits as it starts ("the database schema is not up to date"), unless the migrations are run another way`,
    hint: "RUN_MIGRATIONS: '1', as Miniflux's own compose file sets it; or run miniflux -migrate in an init container before it",
  }];
  return [...admin, ...migrations];
}
