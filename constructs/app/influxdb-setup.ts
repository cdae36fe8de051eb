import type { PropProblem } from '../validation/known-props';
import { INFLUXDB_IMAGE } from './stateful-servers';
import type { PropContainer, PropContainerMounts } from './prop-containers';

// The official InfluxDB 2 image sets itself up on its first start when `DOCKER_INFLUXDB_INIT_MODE` is given: its
// entrypoint runs `influx setup` with the user, password, organization and bucket of its variables. A mode other
// than `setup` (or `upgrade`, which releases up to 2.7 also take), or any of those four left out, makes the
// entrypoint log an error and exit 1 before influxd starts, and `influx setup` refuses a retention that is no
// duration of its units (no years nor months): the pod restarts forever and the database is never made. So does a
// setup with nothing mounted at /etc/influxdb2, where `influx setup` writes the CLI's configuration with the admin
// token, on the read-only root.

/** The modes the entrypoint runs; `upgrade` (from InfluxDB 1's data) is gone from its newest releases. */
const INIT_MODES = ['setup', 'upgrade'];

/** What the entrypoint requires in either mode; the user and password may come from `<NAME>_FILE` instead. */
const REQUIRED_INIT_VARIABLES = ['DOCKER_INFLUXDB_INIT_USERNAME', 'DOCKER_INFLUXDB_INIT_PASSWORD', 'DOCKER_INFLUXDB_INIT_ORG', 'DOCKER_INFLUXDB_INIT_BUCKET'];

/** A retention `influx setup` reads: `0` (keep forever) or whole numbers of its units, `30d`, `1w2d`, `720h`. */
const INFLUX_DURATION = /^(0|(\d+(ns|us|\u00b5s|ms|s|m|h|d|w))+)$/;

/** Units people write that InfluxDB has no unit for, with the number of days each is. */
const SPOKEN_UNITS: ReadonlyArray<{ readonly unit: RegExp; readonly days: number }> = [
  { unit: /^(y|yr|yrs|years?)$/i, days: 365 },
  { unit: /^(mo|mon|months?)$/i, days: 30 },
  { unit: /^(w|weeks?)$/i, days: 7 },
  { unit: /^(d|days?)$/i, days: 1 },
];

/** `retention` as `influx setup` reads it (`1y` is `365d`), or undefined when no unit of it is known. Pure. */
export function influxRetentionText(retention: string): string | undefined {
  const spoken = /^\s*(\d+)\s*([a-z\u00b5]+)\s*$/i.exec(retention);
  if (spoken === null) {
    return undefined;
  }
  const days = SPOKEN_UNITS.find((s) => s.unit.test(spoken[2]))?.days;
  return days === undefined ? undefined : `${Number(spoken[1]) * days}d`;
}

/** The folder the image keeps the CLI's configuration in (`INFLUX_CONFIGS_PATH`), a volume of its Dockerfile. */
const CONFIG_FOLDER = '/etc/influxdb2';

/** Whether the variable `name` is given, by value or by its `_FILE`: the entrypoint treats an empty one as none. */
function given(env: Record<string, unknown>, name: string): boolean {
  return [env[name], env[`${name}_FILE`]].some((value) => value !== undefined && value !== null && value !== '');
}

/**
 * Containers of the official InfluxDB 2 image, run by its own entrypoint (`command` unset), given
 * `DOCKER_INFLUXDB_INIT_MODE` whose first-start setup would stop the container: a mode the entrypoint does not
 * know, a variable it requires left out, a retention `influx setup` refuses, or nothing mounted where it writes the
 * CLI's configuration on the read-only root. One problem each. Pure.
 */
export function influxdbSetupProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix, mountPaths }) => setupProblems(container, mountPaths)
    .map((problem) => ({ ...problem, field: `${prefix}${problem.field}` })));
}

/** The problems of one container's setup, on fields of the container. Pure. */
function setupProblems(container: PropContainer, mountPaths: ReadonlySet<string>): PropProblem[] {
  const influx = typeof container.image === 'string' ? INFLUXDB_IMAGE.exec(container.image) : null;
  if (influx === null || influx[3] !== '2' || container.command !== undefined) {
    return [];
  }
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  const mode = env.DOCKER_INFLUXDB_INIT_MODE;
  if (mode === undefined || mode === '') {
    return [];
  }
  if (typeof mode === 'string' && !INIT_MODES.includes(mode)) {
    return [{
      field: 'env.DOCKER_INFLUXDB_INIT_MODE',
      message: `InfluxDB's entrypoint knows the init mode 'setup' alone, not "${mode}": it logs "found invalid DOCKER_INFLUXDB_INIT_MODE" and exits before influxd starts, so the pod restarts forever`,
      hint: "DOCKER_INFLUXDB_INIT_MODE: 'setup' (it runs once, while the data folder holds no database yet)",
    }];
  }
  const missing = REQUIRED_INIT_VARIABLES.filter((name) => !given(env, name));
  const retention = env.DOCKER_INFLUXDB_INIT_RETENTION;
  const retentionProblems: PropProblem[] = typeof retention === 'string' && retention !== '' && !INFLUX_DURATION.test(retention) ? [{
    field: 'env.DOCKER_INFLUXDB_INIT_RETENTION',
    message: `influx setup reads the retention "${retention}" as no duration (its units are ns, us, ms, s, m, h, d and w, no months nor years): the first start fails and the entrypoint exits, so the bucket is never made`,
    hint: `DOCKER_INFLUXDB_INIT_RETENTION: '${influxRetentionText(retention) ?? '30d'}' (or '0' to keep the data forever)`,
  }] : [];
  const exemptions = container.exemptions ?? {};
  const configs = env.INFLUX_CONFIGS_PATH ?? `${CONFIG_FOLDER}/influx-configs`;
  const configFolder = typeof configs === 'string' ? configs.slice(0, configs.lastIndexOf('/')) || '/' : undefined;
  const configProblems: PropProblem[] = configFolder === undefined || missing.length > 0 || exemptions.writableRootFilesystem !== undefined
    || exemptions.privileged !== undefined || [...mountPaths, '/tmp'].some((path) => configFolder === path || configFolder.startsWith(`${path}/`)) ? [] : [{
      field: 'env.DOCKER_INFLUXDB_INIT_MODE',
      message: `InfluxDB's ${String(mode)} mode writes the CLI's configuration, with the admin token, to ${String(configs)}, where nothing is mounted on the read-only root: influx setup fails, the entrypoint removes the new database and exits, so the pod restarts forever`,
      hint: `mount a volume there, as the image's guide does: persistence: { config: { volume: AppVolume.claim({ tier, size: '100Mi' }), mountPath: '${configFolder}' } }`,
    }];
  if (missing.length === 0) {
    return [...retentionProblems, ...configProblems];
  }
  return [{
    field: 'env.DOCKER_INFLUXDB_INIT_MODE',
    message: `InfluxDB's ${String(mode)} mode needs ${missing.join(', ')}, which the app does not set: its entrypoint logs "missing parameter, cannot init InfluxDB" and exits before influxd starts, so the pod restarts forever`,
    hint: `set ${missing.map((name) => `${name}: …`).join(', ')} (the password from a Secret: SecretReference.external(namespace, name, key)), or leave DOCKER_INFLUXDB_INIT_MODE out to set it up in its web page`,
  }, ...retentionProblems];
}
