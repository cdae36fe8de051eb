import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EnvValue } from '../constructs';
import { AppController, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import { influxRetentionText } from '../constructs/app/influxdb-setup';
import { shownFindings } from './support/lab-output';

// A house's energy monitoring, written from the README alone: InfluxDB 2 set up on its first start from a Secret,
// Telegraf reading MQTT and SNMP into it, EMQX as the broker in a StatefulSet, Node-RED, evcc with its evcc.yaml
// naming the wallbox and inverter on the LAN, and Grafana, each admitted where it calls. It synthesizes with no
// finding, and so do the InfluxDB setups its entrypoint runs.

const pi = host('energy-1', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.1.10', memoryGigabytes: 8, cores: 4 });
const house = site('house', {
  domain: 'house.jdoe.dev', hosts: [pi], git: { url: 'https://github.com/jdoe/house.git' },
  pools: { vips: { first: '192.168.1.240', last: '192.168.1.245' } },
});

/** Cluster `main` of the house: one K3s node, Traefik on MetalLB, local-path and Flux, the Secrets made by hand. */
function houseCluster(scope: Construct): ClusterChart {
  const cluster = new ClusterChart(scope, 'main', {
    site: house, hosts: [pi], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: house.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [house.pools.vips] }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: ['influxdb-auth', 'node-red', 'emqx'].map((name) => ({ namespace: 'energy', name })) });
  return cluster;
}

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const token = SecretReference.external('energy', 'influxdb-auth', 'token');
/** The four variables InfluxDB's setup needs, its password from the Secret. */
const SETUP: Record<string, EnvValue> = {
  DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_USERNAME: 'admin', DOCKER_INFLUXDB_INIT_ORG: 'home', DOCKER_INFLUXDB_INIT_BUCKET: 'energy',
  DOCKER_INFLUXDB_INIT_PASSWORD: SecretReference.external('energy', 'influxdb-auth', 'password'),
};

/** InfluxDB 2 with `env`, on a claim of its data and one of its CLI's configuration. */
const influxdb = (cluster: ClusterChart, env: Record<string, EnvValue>) => new HomelabApp(cluster, 'influxdb', {
  namespace: 'energy', image: 'influxdb:2.7.11', ports: [{ name: 'http', port: 8086 }], env,
  persistence: { data: { volume: claim('20Gi'), mountPath: '/var/lib/influxdb2' }, config: { volume: claim('100Mi'), mountPath: '/etc/influxdb2' } },
  probes: { readiness: { httpPath: '/health' } },
});

const TELEGRAF_CONF = `[agent]
  interval = "10s"

[[outputs.influxdb_v2]]
  urls = ["http://influxdb:8086"]
  token = "$INFLUX_TOKEN"
  organization = "home"
  bucket = "energy"

[[inputs.mqtt_consumer]]
  servers = ["tcp://emqx:1883"]
  topics = ["shellies/#", "evcc/#"]
  data_format = "value"
  data_type = "float"

[[inputs.snmp]]
  agents = ["udp://192.168.1.2:161"]
  version = 2
  community = "public"
`;

const EVCC_YAML = `network:
  port: 7070
mqtt:
  broker: emqx:1883
  topic: evcc
chargers:
  - name: wallbox
    type: template
    template: go-e-v3
    host: 192.168.1.30
meters:
  - name: grid
    type: template
    template: sma-home-manager
    usage: grid
    host: 192.168.1.40
  - name: pv
    type: template
    template: fronius-solarapi-v1
    usage: pv
    host: 192.168.1.41
site:
  title: Home
  meters:
    grid: grid
    pv: [pv]
loadpoints:
  - title: Garage
    charger: wallbox
    mode: pv
influx:
  url: http://influxdb:8086
  database: energy
  org: home
  token: \${INFLUX_TOKEN}
`;

/** A ConfigMap `name` of namespace `energy` holding `data`. */
const configMap = (cluster: ClusterChart, name: string, data: Record<string, string>) => new ApiObject(cluster, `${name}-config`, {
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'energy' }, data,
});

function energyLab(scope: Construct): void {
  const cluster = houseCluster(scope);
  const influx = influxdb(cluster, { ...SETUP, DOCKER_INFLUXDB_INIT_RETENTION: '52w', DOCKER_INFLUXDB_INIT_ADMIN_TOKEN: token });
  const lan = { cidr: '192.168.1.0/24' };
  const emqx = new HomelabApp(cluster, 'emqx', {
    namespace: 'energy', image: 'emqx/emqx:5.8.4', controller: AppController.statefulSet(),
    ports: [{ name: 'mqtt', port: 1883 }, { name: 'ws', port: 8083 }, { name: 'dashboard', port: 18083 }],
    env: { EMQX_NODE__NAME: 'emqx@127.0.0.1', EMQX_DASHBOARD__DEFAULT_PASSWORD: SecretReference.external('energy', 'emqx', 'password') },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/opt/emqx/data' } },
    route: { host: 'emqx', port: 18083 },
  });
  configMap(cluster, 'telegraf', { 'telegraf.conf': TELEGRAF_CONF });
  new HomelabApp(cluster, 'telegraf', {
    namespace: 'energy', image: 'telegraf:1.33.1', env: { INFLUX_TOKEN: token },
    persistence: { config: { volume: AppVolume.configMap('telegraf'), mountPath: '/etc/telegraf' } },
    egress: [influx, emqx, lan],
  });
  new HomelabApp(cluster, 'node-red', {
    namespace: 'energy', image: 'nodered/node-red:4.0.8', ports: [{ name: 'http', port: 1880 }],
    env: { NODE_RED_CREDENTIAL_SECRET: SecretReference.external('energy', 'node-red', 'credential-secret'), TZ: 'Europe/Berlin' },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/data' } },
    route: { host: 'nodered' }, egress: [influx, emqx],
  });
  configMap(cluster, 'evcc', { 'evcc.yaml': EVCC_YAML });
  new HomelabApp(cluster, 'evcc', {
    namespace: 'energy', image: 'evcc/evcc:0.133.0', ports: [{ name: 'http', port: 7070 }], env: { INFLUX_TOKEN: token },
    command: ['evcc', '--config', '/etc/evcc.yaml', '--database', '/data/evcc.db'],
    persistence: {
      config: { volume: AppVolume.configMap('evcc'), mounts: [{ mountPath: '/etc/evcc.yaml', subPath: 'evcc.yaml' }] },
      data: { volume: claim('1Gi'), mountPath: '/data' },
    },
    route: { host: 'evcc' }, egress: [influx, emqx, lan],
  });
  new HomelabApp(cluster, 'grafana', {
    namespace: 'energy', image: 'grafana/grafana:11.4.0', ports: [{ name: 'http', port: 3000 }],
    persistence: { data: { volume: claim('1Gi'), mountPath: '/var/lib/grafana' } },
    route: { host: 'grafana' }, egress: [influx],
  });
}

test('the energy lab synthesizes with no finding', () => {
  expect(shownFindings(energyLab)).toEqual([]);
});

test("InfluxDB's setup with its user and password from files, a retention of its units or none kept forever, is left alone", () => {
  for (const env of [
    { ...SETUP, DOCKER_INFLUXDB_INIT_RETENTION: '30d' },
    { ...SETUP, DOCKER_INFLUXDB_INIT_RETENTION: '0' },
    { ...SETUP, DOCKER_INFLUXDB_INIT_RETENTION: '1w12h' },
    { ...SETUP, DOCKER_INFLUXDB_INIT_USERNAME: '', DOCKER_INFLUXDB_INIT_USERNAME_FILE: '/run/secrets/influxdb/username' },
  ]) {
    expect(shownFindings((scope) => influxdb(houseCluster(scope), env))).toEqual([]);
  }
});

test('InfluxDB run without an init mode, set up in its web page, needs none of the setup variables', () => {
  expect(shownFindings((scope) => influxdb(houseCluster(scope), {}))).toEqual([]);
});

test('a retention written in spoken units is rewritten in days', () => {
  expect(['1y', '2 years', '6mo', '30 days', '4 weeks', '1 fortnight'].map(influxRetentionText)).toEqual(['365d', '730d', '180d', '30d', '28d', undefined]);
});
