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

/** InfluxDB 2 in namespace `energy` on a claim of its data and one of its CLI configs, set up by `env`. */
const influxdb = (env: Record<string, EnvValue>) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'influxdb', {
  namespace: 'energy', image: 'influxdb:2.7.11', ports: [{ name: 'http', port: 8086 }],
  env: { DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_ADMIN_TOKEN: token, ...env },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/influxdb2' },
    config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/influxdb2' },
  },
  probes: { readiness: { httpPath: '/health' } },
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
];
