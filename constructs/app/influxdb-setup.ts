import type { PropProblem } from '../validation/known-props';
import { INFLUXDB_IMAGE } from './stateful-servers';
import type { PropContainer } from './prop-containers';

// The official InfluxDB 2 image sets itself up on its first start when `DOCKER_INFLUXDB_INIT_MODE` is given: its
// entrypoint runs `influx setup` with the user, password, organization and bucket of its variables. A mode other
// than `setup` (or `upgrade`, which releases up to 2.7 also take), or any of those four left out, makes the
// entrypoint log an error and exit 1 before influxd starts, and `influx setup` refuses a retention that is no
// duration of its units (no years nor months): the pod restarts forever and the database is never made.

/** The modes the entrypoint runs; `upgrade` (from InfluxDB 1's data) is gone from its newest releases. */
const INIT_MODES = ['setup', 'upgrade'];

/** What the entrypoint requires in either mode; the user and password may come from `<NAME>_FILE` instead. */
const REQUIRED_INIT_VARIABLES = ['DOCKER_INFLUXDB_INIT_USERNAME', 'DOCKER_INFLUXDB_INIT_PASSWORD', 'DOCKER_INFLUXDB_INIT_ORG', 'DOCKER_INFLUXDB_INIT_BUCKET'];

/** A retention `influx setup` reads: `0` (keep forever) or whole numbers of its units, `30d`, `1w2d`, `720h`. */
const INFLUX_DURATION = /^(0|(\d+(ns|us|µs|ms|s|m|h|d|w))+)$/;

/** Units people write that InfluxDB has no unit for, with the number of days each is. */
const SPOKEN_UNITS: ReadonlyArray<{ readonly unit: RegExp; readonly days: number }> = [
  { unit: /^(y|yr|yrs|years?)$/i, days: 365 },
  { unit: /^(mo|mon|months?)$/i, days: 30 },
  { unit: /^(w|weeks?)$/i, days: 7 },
  { unit: /^(d|days?)$/i, days: 1 },
];

/** `retention` as `influx setup` reads it (`1y` is `365d`), or undefined when no unit of it is known. Pure. */
export function influxRetentionText(retention: string): string | undefined {
  const spoken = /^\s*(\d+)\s*([a-zµ]+)\s*$/i.exec(retention);
  if (spoken === null) {
    return undefined;
  }
  const days = SPOKEN_UNITS.find((s) => s.unit.test(spoken[2]))?.days;
  return days === undefined ? undefined : `${Number(spoken[1]) * days}d`;
}

/** Whether the variable `name` is given, by value or by its `_FILE`: the entrypoint treats an empty one as none. */
function given(env: Record<string, unknown>, name: string): boolean {
  return [env[name], env[`${name}_FILE`]].some((value) => value !== undefined && value !== null && value !== '');
}

/**
 * The official InfluxDB 2 image's main container (run by its own entrypoint, `command` unset) given
 * `DOCKER_INFLUXDB_INIT_MODE` whose first-start setup would stop the container: a mode the entrypoint does not
 * know, a variable it requires left out, or a retention `influx setup` refuses. One problem each. Pure.
 */
export function influxdbSetupProblems(container: PropContainer): PropProblem[] {
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
  if (missing.length === 0) {
    return retentionProblems;
  }
  return [{
    field: 'env.DOCKER_INFLUXDB_INIT_MODE',
    message: `InfluxDB's ${String(mode)} mode needs ${missing.join(', ')}, which the app does not set: its entrypoint logs "missing parameter, cannot init InfluxDB" and exits before influxd starts, so the pod restarts forever`,
    hint: `set ${missing.map((name) => `${name}: …`).join(', ')} (the password from a Secret: SecretReference.external(namespace, name, key)), or leave DOCKER_INFLUXDB_INIT_MODE out to set it up in its web page`,
  }, ...retentionProblems];
}
