import { AppVolume, ClusterChart, HomelabApp, SecretReference } from '../../constructs';
import type { EnvValue } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user monitors the house's energy from the README alone: InfluxDB 2 set up on its first start by the
// official image's DOCKER_INFLUXDB_INIT_* variables, its admin token and password from a Secret, beside Telegraf,
// EMQX, Node-RED, evcc and Grafana. Each mistake passed synthesis and then stopped InfluxDB as it first started.

/** The admin password and token of InfluxDB, from the Secret the owner makes. */
const password = SecretReference.external('energy', 'influxdb-auth', 'password');
const token = SecretReference.external('energy', 'influxdb-auth', 'token');

/** The claim of InfluxDB's data, and the one of its CLI's configuration unless `dataOnly`. */
const volumes = (dataOnly: boolean) => ({
  data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/influxdb2' },
  ...(dataOnly ? {} : { config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/influxdb2' } }),
});
/** InfluxDB 2 in namespace `energy`, set up by `env`, on its claims. */
const influxdb = (env: Record<string, EnvValue>, dataOnly = false) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'influxdb', {
  namespace: 'energy', image: 'influxdb:2.7.11', ports: [{ name: 'http', port: 8086 }],
  env: { DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_ADMIN_TOKEN: token, ...env },
  persistence: volumes(dataOnly), probes: { readiness: { httpPath: '/health' } },
}));
/** Every variable the setup mode needs. */
const SETUP = { DOCKER_INFLUXDB_INIT_USERNAME: 'admin', DOCKER_INFLUXDB_INIT_PASSWORD: password, DOCKER_INFLUXDB_INIT_ORG: 'home', DOCKER_INFLUXDB_INIT_BUCKET: 'energy' };

export const CASES: BadInput[] = [
  {
    name: "InfluxDB's setup mode given without its organization and bucket, the token thought to be enough",
    build: influxdb({ DOCKER_INFLUXDB_INIT_USERNAME: 'admin', DOCKER_INFLUXDB_INIT_PASSWORD: password }),
    layer: 'props', path: 'influxdb', field: 'env.DOCKER_INFLUXDB_INIT_MODE', hint: /DOCKER_INFLUXDB_INIT_ORG: …, DOCKER_INFLUXDB_INIT_BUCKET: …/,
  },
  {
    name: "InfluxDB's init mode written as a switch",
    build: influxdb({ ...SETUP, DOCKER_INFLUXDB_INIT_MODE: 'true' }),
    layer: 'props', path: 'influxdb', field: 'env.DOCKER_INFLUXDB_INIT_MODE', hint: /DOCKER_INFLUXDB_INIT_MODE: 'setup'/,
  },
  {
    name: "InfluxDB's bucket retention written in years",
    build: influxdb({ ...SETUP, DOCKER_INFLUXDB_INIT_RETENTION: '1y' }),
    layer: 'props', path: 'influxdb', field: 'env.DOCKER_INFLUXDB_INIT_RETENTION', hint: /'365d'/,
  },
  {
    name: "InfluxDB's bucket retention written in words",
    build: influxdb({ ...SETUP, DOCKER_INFLUXDB_INIT_RETENTION: '30 days' }),
    layer: 'props', path: 'influxdb', field: 'env.DOCKER_INFLUXDB_INIT_RETENTION', hint: /'30d'/,
  },
  {
    name: 'InfluxDB set up with a claim of its data alone, nothing where influx setup writes the CLI configuration',
    build: influxdb(SETUP, true),
    layer: 'props', path: 'influxdb', field: 'env.DOCKER_INFLUXDB_INIT_MODE', hint: /mountPath: '\/etc\/influxdb2'/,
  },
];
