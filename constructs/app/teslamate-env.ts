import type { PropProblem } from '../validation/known-props';
import { envReadFromSource } from './prop-containers';
import type { PropContainerMounts } from './prop-containers';

// TeslaMate reads its settings from the environment as its release boots (config/runtime.exs): DATABASE_USER,
// DATABASE_PASS, DATABASE_HOST and DATABASE_NAME, and MQTT_HOST unless DISABLE_MQTT is `true`, are fetched with
// `System.fetch_env!`, so one left out (or spelled DATABASE_PASSWORD, as the postgres image spells its own) stops the
// boot and the pod restarts forever. The hosts are host names alone, their ports DATABASE_PORT and MQTT_PORT: a
// compose habit of `database:5432` or `mqtt://mosquitto:1883` is looked up as a name and never connects. Without
// ENCRYPTION_KEY it starts with a random key for that run only, so the car's account must be signed in again after
// every restart of the pod.

/** TeslaMate's image, on Docker Hub and GitHub's registry. */
export const TESLAMATE_IMAGE = /^((docker\.io\/)?teslamate\/teslamate|ghcr\.io\/teslamate-org\/teslamate)(?=[:@]|$)/;

/** A host setting, the port setting beside it and the port it defaults to. */
interface HostSetting { readonly name: string; readonly portName: string; readonly defaultPort: string }
const DATABASE_HOST: HostSetting = { name: 'DATABASE_HOST', portName: 'DATABASE_PORT', defaultPort: '5432' };
const MQTT_HOST: HostSetting = { name: 'MQTT_HOST', portName: 'MQTT_PORT', defaultPort: '1883' };

/** Names other guides and images use for a setting TeslaMate reads under another name. */
const OTHER_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  DATABASE_USER: ['DATABASE_USERNAME', 'DB_USER', 'POSTGRES_USER'],
  DATABASE_PASS: ['DATABASE_PASSWORD', 'DB_PASSWORD', 'DB_PASS', 'POSTGRES_PASSWORD'],
  DATABASE_HOST: ['DATABASE_HOSTNAME', 'DB_HOST', 'POSTGRES_HOST'],
  DATABASE_NAME: ['DATABASE_DB', 'DB_NAME', 'POSTGRES_DB'],
  MQTT_HOST: ['MQTT_HOSTNAME', 'MQTT_SERVER', 'MQTT_BROKER'],
};

type TeslaMateProblem = PropProblem & { readonly severity: 'error' | 'warning' };

/** Whether an env value is set: a Secret or ConfigMap reference counts, an empty text does not. Pure. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/**
 * The host and port a host setting's text holds beyond a host name (`db:5432`, `mqtt://mosquitto:1883`), or
 * undefined for a name or an address alone (an IPv6 address, written without brackets, has several colons). Pure.
 */
export function hostWithExtras(value: string): { host: string; port?: string } | undefined {
  const schemed = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)(?::(\d+))?/i.exec(value);
  if (schemed !== null) {
    return { host: schemed[1], port: schemed[2] };
  }
  const hostPort = /^([^:[\]/]+):(\d+)$/.exec(value);
  return hostPort === null ? undefined : { host: hostPort[1], port: hostPort[2] };
}

/**
 * A container of TeslaMate's image, run by its own entrypoint (`command` unset), whose environment its boot refuses or
 * misreads: a required setting left out (an error on `env`, whose hint renames a setting spelled as another guide spells
 * it; MQTT_HOST is not asked for where DISABLE_MQTT is `true` or read from a ConfigMap or a Secret), a host setting holding a scheme or a port (an error on it), and no ENCRYPTION_KEY (a warning on `env`). Pure.
 */
export function teslaMateEnvProblems(list: readonly PropContainerMounts[]): TeslaMateProblem[] {
  return list.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !TESLAMATE_IMAGE.test(container.image) || container.command !== undefined) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const overSocket = isSet(env.DATABASE_SOCKET_DIR);
    const required = [
      ...(overSocket ? [] : ['DATABASE_USER', 'DATABASE_PASS', 'DATABASE_HOST']), 'DATABASE_NAME',
      // DISABLE_MQTT read from a ConfigMap or a Secret may turn the broker off, which synthesis cannot tell.
      ...(env.DISABLE_MQTT === 'true' || envReadFromSource(env, 'DISABLE_MQTT') ? [] : ['MQTT_HOST']),
    ];
    const missing = required.filter((name) => !isSet(env[name]));
    const renames = missing.flatMap((name) => (OTHER_SPELLINGS[name] ?? []).filter((other) => isSet(env[other])).map((other) => `${other} is read as ${name}`));
    const problems: TeslaMateProblem[] = [];
    if (missing.length > 0) {
      problems.push({
        severity: 'error', field: `${prefix}env`,
        message: `TeslaMate requires ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set: its boot fetches ${missing.length > 1 ? 'each' : 'it'} and stops without ${missing.length > 1 ? 'them' : 'it'}, so the pod restarts forever`,
        hint: renames.length > 0
          ? `rename the settings TeslaMate reads under other names: ${renames.join('; ')}`
          : `set ${missing.map((name) => `${name}: …`).join(', ')}${missing.includes('MQTT_HOST') ? ", or DISABLE_MQTT: 'true' to run without a broker" : ''}`,
      });
    }
    for (const setting of [DATABASE_HOST, MQTT_HOST]) {
      const value = env[setting.name];
      const extras = typeof value === 'string' ? hostWithExtras(value) : undefined;
      if (extras !== undefined) {
        problems.push({
          severity: 'error', field: `${prefix}env.${setting.name}`,
          message: `${setting.name} "${String(value)}" is a host name with ${extras.port === undefined ? 'a scheme' : 'a port'} in it: TeslaMate looks the whole text up as a host name, which resolves to nothing, so it never connects`,
          hint: `write the host alone and its port apart: ${setting.name}: '${extras.host}', ${setting.portName}: '${extras.port ?? setting.defaultPort}'`,
        });
      }
    }
    if (!isSet(env.ENCRYPTION_KEY)) {
      problems.push({
        severity: 'warning', field: `${prefix}env.ENCRYPTION_KEY`,
        message: 'TeslaMate is given no ENCRYPTION_KEY: it encrypts the Tesla API tokens with a random key of that run alone, so the car\'s account must be signed in again after every restart of the pod',
        hint: "keep a key in a Secret and pass it: ENCRYPTION_KEY: SecretReference.external('<namespace>', '<secret>', 'encryption-key')",
      });
    }
    return problems;
  });
}
