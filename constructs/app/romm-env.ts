import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// RomM reads its settings from the environment as it imports its configuration (backend/config): it raises and exits
// without ROMM_AUTH_SECRET_KEY, and it reads the database's address, user and password from DB_HOST, DB_USER and
// DB_PASSWD alone, and stops without either of the two. DB_HOST defaults to 127.0.0.1, the pod itself, and is joined
// with DB_PORT into its connection, so a host written with its port names no host; a password given under another
// name, as the database's own image spells it (DB_PASSWORD, MARIADB_PASSWORD), is never read. Each setting may be
// given as a file instead: RomM reads the file `<name>_FILE` names (a Secret's key mounted in the pod) into `<name>`.

/** RomM's image, on Docker Hub and GitHub's registry, and its former name. */
export const ROMM_IMAGE = /^(ghcr\.io\/|(docker\.io\/)?)(rommapp\/romm|zurdi15\/romm)(?=[:@]|$)/;

/** Names a lab gives RomM's database settings that RomM never reads, with the name it reads. */
const MISSPELT: ReadonlyMap<string, string> = new Map([
  ['DB_PASSWORD', 'DB_PASSWD'], ['DB_PASS', 'DB_PASSWD'], ['MARIADB_PASSWORD', 'DB_PASSWD'], ['MYSQL_PASSWORD', 'DB_PASSWD'],
  ['DB_USERNAME', 'DB_USER'], ['MARIADB_USER', 'DB_USER'], ['MYSQL_USER', 'DB_USER'],
]);

/** The port RomM's driver calls the database on unless DB_PORT says otherwise. */
const DEFAULT_DB_PORTS: Readonly<Record<string, number>> = { mariadb: 3306, mysql: 3306, postgresql: 5432 };

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/**
 * Whether `env` gives RomM the setting `name`: itself, or `<name>_FILE`, the path of a file (a mounted Secret's key)
 * whose contents RomM reads into it as it starts. Pure.
 */
const isGiven = (env: Readonly<Record<string, unknown>>, name: string): boolean => isSet(env[name]) || isSet(env[`${name}_FILE`]);

/** The port numbers the containers of `list` declare. Pure. */
function declaredPorts(list: readonly PropContainerMounts[]): Set<number> {
  return new Set(list.flatMap(({ container }) => (Array.isArray(container.ports) ? container.ports : [])
    .map((port: unknown) => (port !== null && typeof port === 'object' ? (port as { port?: unknown }).port : undefined))
    .filter((port): port is number => typeof port === 'number')));
}

/**
 * A container of RomM's image, run by its own entrypoint (`command` unset), whose start fails (a setting counts as given
 * by its `<name>_FILE` too): no
 * ROMM_AUTH_SECRET_KEY (an error on `env`), no DB_HOST where no container of the pod serves the database's port (an
 * error on `env`), a DB_HOST with its port (an error on it), or no DB_USER or DB_PASSWD: an error on a variable of
 * another name that holds it (whose hint renames it), else one on `env`. Pure.
 */
export function rommEnvProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap(({ container, prefix }): PropProblem[] => {
    if (typeof container.image !== 'string' || !ROMM_IMAGE.test(container.image) || container.command !== undefined) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const driver = typeof env.ROMM_DB_DRIVER === 'string' ? env.ROMM_DB_DRIVER : 'mariadb';
    const dbPort = typeof env.DB_PORT === 'string' && /^\d+$/.test(env.DB_PORT) ? Number(env.DB_PORT) : DEFAULT_DB_PORTS[driver];
    const problems: PropProblem[] = [];
    if (!isGiven(env, 'ROMM_AUTH_SECRET_KEY')) {
      problems.push({
        field: `${prefix}env`,
        message: 'RomM requires ROMM_AUTH_SECRET_KEY, which is not set: it raises "ROMM_AUTH_SECRET_KEY environment variable is not set!" as it starts, so the pod restarts forever',
        hint: "set ROMM_AUTH_SECRET_KEY: SecretReference.external('<namespace>', '<secret>', 'auth-secret-key'), a key made with openssl rand -hex 32",
      });
    }
    if (!isGiven(env, 'DB_HOST') && (dbPort === undefined || !declaredPorts(list).has(dbPort))) {
      problems.push({
        field: `${prefix}env`,
        message: "RomM is given no DB_HOST, which defaults to 127.0.0.1: that is the pod itself, where no database listens, so RomM's start stops at its first query",
        hint: "set DB_HOST to the database's Service (DB_HOST: 'romm-db', or '<service>.<namespace>' in another namespace), with DB_NAME, DB_USER and DB_PASSWD",
      });
    }
    const hostWithPort = typeof env.DB_HOST === 'string' ? /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:]+):(\d+)\/?$/i.exec(env.DB_HOST.trim()) : null;
    if (hostWithPort !== null) {
      problems.push({
        field: `${prefix}env.DB_HOST`,
        message: `DB_HOST "${String(env.DB_HOST)}" carries a port: RomM builds its connection from DB_HOST and DB_PORT apart, so the host it calls is no name DNS knows, and its start stops at its first query`,
        hint: `give the host and the port apart: DB_HOST: '${hostWithPort[1]}', DB_PORT: '${hostWithPort[2]}'`,
      });
    }
    const missing: string[] = [];
    for (const meant of ['DB_USER', 'DB_PASSWD']) {
      if (isGiven(env, meant)) {
        continue;
      }
      const misspelt = [...MISSPELT].filter(([given, reads]) => reads === meant && isSet(env[given])).map(([given]) => given);
      if (misspelt.length === 0) {
        missing.push(meant);
      }
      problems.push(...misspelt.map((given) => ({
        field: `${prefix}env.${given}`,
        message: `RomM reads the database's ${meant === 'DB_PASSWD' ? 'password' : 'user'} from ${meant} and never reads ${given}: without ${meant} it stops as it starts ("Missing database credentials"), so the pod restarts forever`,
        hint: `name the variable ${meant}: RomM reads DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWD (the MARIADB_* names belong to the database's own container)`,
      })));
    }
    if (missing.length > 0) {
      problems.push({
        field: `${prefix}env`,
        message: `RomM requires ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not set: it stops as it starts ("Missing database credentials"), so the pod restarts forever`,
        hint: `set ${missing.map((name) => (name === 'DB_USER' ? "DB_USER: 'romm'" : "DB_PASSWD: SecretReference.external('<namespace>', '<secret>', 'password')")).join(' and ')}, the user and password the database's own container creates`,
      });
    }
    return problems;
  });
}
