import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { settingWritesSecret } from '../constructs/validation/secret-values';
import {
  AppController, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, hostPlacement, k3s, kubePrometheusStack,
  localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import { shownFindings } from './support/lab-output';

// The physical side of a home lab, written from the README alone: Scrutiny with its InfluxDB and a collector on every
// node, Network UPS Tools on the host with the USB UPS and its exporter, the IPMI and SNMP exporters probing machines
// outside the cluster, the UniFi Network Application with its MongoDB and the Omada controller on the host's network,
// NetBox with PostgreSQL, Redis and its worker, and ntopng on the NAS's mirror port. Each synthesizes with only the
// findings it deserves.

const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.20.5', memoryGigabytes: 32, cores: 8 });
const node2 = host('node2', { arch: 'amd64', roles: ['worker'], address: '192.168.20.6' });
const node3 = host('node3', { arch: 'amd64', roles: ['worker'], address: '192.168.20.7' });
const rack = site('rack', {
  domain: 'rack.jdoe.dev', hosts: [nas, node2, node3], git: { url: 'https://github.com/jdoe/rack.git' },
  pools: { vips: { first: '192.168.20.240', last: '192.168.20.250' } },
});

/** Cluster `main` of site `rack`: three K3s nodes, Traefik on MetalLB, local-path, Flux and the monitoring stack. */
function rackCluster(scope: Construct): ClusterChart {
  const cluster = new ClusterChart(scope, 'main', {
    site: rack, hosts: [nas, node2, node3], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: rack.pools.vips.at('192.168.20.240') }), loadBalancer: metalLb({ pools: [rack.pools.vips] }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(nas), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(stack, { secrets: ['admin-user', 'admin-password'].map((key) => SecretReference.external(stack.namespace, 'grafana-admin', key)) });
  return cluster;
}

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });

/** Scrutiny: InfluxDB, the web and API, and a collector on every node that reads the node's disks. */
function addScrutiny(cluster: ClusterChart): void {
  const token = SecretReference.external('scrutiny', 'influxdb', 'token');
  const influx = new HomelabApp(cluster, 'scrutiny-influxdb', {
    namespace: 'scrutiny', image: 'influxdb:2.7.11', ports: [{ name: 'http', port: 8086 }],
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/influxdb2' }, config: { volume: claim('1Gi'), mountPath: '/etc/influxdb2' } },
    env: {
      DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_USERNAME: 'admin', DOCKER_INFLUXDB_INIT_PASSWORD: SecretReference.external('scrutiny', 'influxdb', 'password'),
      DOCKER_INFLUXDB_INIT_ORG: 'scrutiny', DOCKER_INFLUXDB_INIT_BUCKET: 'metrics', DOCKER_INFLUXDB_INIT_ADMIN_TOKEN: token,
    },
  });
  const web = new HomelabApp(cluster, 'scrutiny-web', {
    namespace: 'scrutiny', image: 'ghcr.io/analogj/scrutiny:v0.8.1-web', ports: [{ name: 'http', port: 8080 }],
    env: {
      SCRUTINY_WEB_INFLUXDB_HOST: 'scrutiny-influxdb', SCRUTINY_WEB_INFLUXDB_PORT: '8086', SCRUTINY_WEB_INFLUXDB_TOKEN: token,
      SCRUTINY_WEB_INFLUXDB_ORG: 'scrutiny', SCRUTINY_WEB_INFLUXDB_BUCKET: 'metrics',
    },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/opt/scrutiny/config' } },
    route: { host: 'scrutiny' }, egress: [influx],
  });
  new HomelabApp(cluster, 'scrutiny-collector', {
    namespace: 'scrutiny', image: 'ghcr.io/analogj/scrutiny:v0.8.1-collector', controller: AppController.daemonSet(),
    env: { COLLECTOR_API_ENDPOINT: 'http://scrutiny-web:8080', COLLECTOR_HOST_ID: { fieldPath: 'spec.nodeName' } },
    persistence: { udev: { volume: AppVolume.hostPath('/run/udev'), mountPath: '/run/udev', readOnly: true } },
    exemptions: { privileged: "reads the SMART data of every disk of the node", runAsRoot: "opens the disks' device nodes", hostPath: "udev's data on the disks" },
    egress: [web],
  });
}

/** Network UPS Tools: upsd on the NAS with the USB UPS, and the exporter that reads it. */
function addNut(cluster: ClusterChart): void {
  const password = SecretReference.external('nut', 'upsmon', 'password');
  const upsd = new HomelabApp(cluster, 'nut-upsd', {
    namespace: 'nut', image: 'instantlinux/nut-upsd:2.8.2-r2', ports: [{ name: 'nut', port: 3493 }], placement: { host: nas },
    env: { NAME: 'ups', DRIVER: 'usbhid-ups', API_USER: 'upsmon', API_PASSWORD: password },
    persistence: { usb: { volume: AppVolume.hostPath('/dev/bus/usb'), mountPath: '/dev/bus/usb' } },
    exemptions: { privileged: 'the UPS driver talks to the USB device', runAsRoot: 'upsd drops to its nut user', hostPath: 'the USB bus' },
  });
  new HomelabApp(cluster, 'nut-exporter', {
    namespace: 'nut', image: 'ghcr.io/druggeri/nut_exporter:3.1.1', ports: [{ name: 'metrics', port: 9199 }],
    env: { NUT_EXPORTER_SERVER: 'nut-upsd', NUT_EXPORTER_USERNAME: 'upsmon', NUT_EXPORTER_PASSWORD: password },
    metrics: { port: 'metrics', path: '/ups_metrics' }, egress: [upsd],
  });
}

/** The IPMI and SNMP exporters, each probing machines outside the cluster through a Probe of the stack. */
function addExporters(cluster: ClusterChart): void {
  declareExternal(cluster, { secrets: [{ namespace: 'exporters', name: 'ipmi-exporter-config' }, { namespace: 'exporters', name: 'snmp-auth' }] });
  new HomelabApp(cluster, 'ipmi-exporter', {
    namespace: 'exporters', image: 'prometheuscommunity/ipmi-exporter:v1.9.0', ports: [{ name: 'http', port: 9290 }],
    args: ['--config.file=/config/ipmi.yml'], persistence: { config: { volume: AppVolume.secret('ipmi-exporter-config'), mountPath: '/config' } },
    egress: [{ cidr: '192.168.30.0/24', ports: [{ port: 623, protocol: 'UDP' }] }], allowFrom: [{ namespace: 'monitoring' }],
  });
  new HomelabApp(cluster, 'snmp-exporter', {
    namespace: 'exporters', image: 'prom/snmp-exporter:v0.28.0', ports: [{ name: 'http', port: 9116 }],
    args: ['--config.file=/etc/snmp_exporter/snmp.yml', '--config.file=/config/auth.yml'],
    persistence: { auth: { volume: AppVolume.secret('snmp-auth'), mountPath: '/config' } },
    egress: [{ cidr: '192.168.1.0/24', ports: [{ port: 161, protocol: 'UDP' }] }], allowFrom: [{ namespace: 'monitoring' }],
  });
  const probe = (id: string, prober: string, path: string, module: string, targets: string[]) => new ApiObject(cluster, id, {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'Probe', metadata: { name: id, namespace: 'exporters' },
    spec: { prober: { url: prober, path }, module, interval: '1m', scrapeTimeout: '30s', targets: { staticConfig: { static: targets } } },
  });
  probe('switches', 'snmp-exporter.exporters:9116', '/snmp', 'if_mib', ['192.168.1.2', '192.168.1.3']);
  probe('bmcs', 'ipmi-exporter:9290', '/ipmi', 'default', ['192.168.30.11', '192.168.30.12']);
}

/** The UniFi Network Application with its MongoDB, and the Omada controller, both on the host's network for L2 discovery. */
function addControllers(cluster: ClusterChart): void {
  const mongo = new HomelabApp(cluster, 'unifi-db', {
    namespace: 'unifi', image: 'mongo:7.0.14', ports: [{ name: 'mongo', port: 27017 }], controller: AppController.statefulSet(), runAsUser: 999, runAsGroup: 999,
    persistence: { data: { volume: claim('10Gi'), mountPath: '/data/db' } },
  });
  const lsio = { runAsRoot: 'linuxserver.io images start as root', writableRootFilesystem: 's6-overlay writes /run', addCapabilities: rootInitExemption('supervisor', 's6-overlay switches to PUID:PGID') };
  new HomelabApp(cluster, 'unifi', {
    namespace: 'unifi', image: 'lscr.io/linuxserver/unifi-network-application:9.0.114', placement: { host: nas },
    ports: [
      { name: 'https', port: 8443, appProtocol: 'https' }, { name: 'inform', port: 8080 }, { name: 'stun', port: 3478, protocol: 'UDP' },
      { name: 'discovery', port: 10001, protocol: 'UDP' },
    ],
    env: {
      PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin', MONGO_HOST: 'unifi-db', MONGO_PORT: '27017', MONGO_USER: 'unifi',
      MONGO_PASS: SecretReference.external('unifi', 'mongo', 'password'), MONGO_DBNAME: 'unifi', MONGO_AUTHSOURCE: 'admin',
    },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    exemptions: { ...lsio, hostNetwork: 'access points look for the controller by broadcast on UDP 10001', unverifiedBackendTls: 'the controller signs its own certificate' },
    route: { host: 'unifi' }, egress: [mongo],
  });
  new HomelabApp(cluster, 'omada', {
    namespace: 'omada', image: 'mbentley/omada-controller:5.15', placement: { host: node2 },
    ports: [
      { name: 'https', port: 8043, appProtocol: 'https' }, { name: 'discovery', port: 29810, protocol: 'UDP' },
      { name: 'manager', port: 29811 }, { name: 'adopt', port: 29812 }, { name: 'upgrade', port: 29813 }, { name: 'manager-v2', port: 29814 },
    ],
    env: { TZ: 'Europe/Berlin', MANAGE_HTTPS_PORT: '8043', PORT_DISCOVERY: '29810' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/opt/tplink/EAPController/data' }, logs: { volume: claim('1Gi'), mountPath: '/opt/tplink/EAPController/logs' } },
    exemptions: {
      runAsRoot: 'its entrypoint switches to the omada user', writableRootFilesystem: 'the controller writes under /opt/tplink',
      addCapabilities: rootInitExemption('exec', 'the entrypoint hands its folders to the omada user'),
      hostNetwork: 'devices look for the controller by broadcast on UDP 29810', unverifiedBackendTls: 'the controller signs its own certificate',
    },
    route: { host: 'omada' },
  });
}

/** NetBox with PostgreSQL, Redis and its worker, behind its route. */
function addNetbox(cluster: ClusterChart, allowedHosts = 'netbox.rack.jdoe.dev localhost'): void {
  const pg = new HomelabApp(cluster, 'netbox-postgres', {
    namespace: 'netbox', image: 'postgres:16.4', ports: [{ name: 'pg', port: 5432 }], runAsUser: 999, runAsGroup: 999,
    // initdb as user 999 cannot take over the claim's root, which the kubelet leaves root's: the data goes in a folder of its own.
    env: { POSTGRES_DB: 'netbox', POSTGRES_USER: 'netbox', POSTGRES_PASSWORD: SecretReference.external('netbox', 'netbox', 'db-password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
  const redis = new HomelabApp(cluster, 'netbox-redis', {
    namespace: 'netbox', image: 'valkey/valkey:8.0.1', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, runAsGroup: 999,
    persistence: { data: { volume: claim('1Gi'), mountPath: '/data' } },
  });
  const env = {
    DB_HOST: 'netbox-postgres', DB_NAME: 'netbox', DB_USER: 'netbox', DB_PASSWORD: SecretReference.external('netbox', 'netbox', 'db-password'),
    REDIS_HOST: 'netbox-redis', REDIS_CACHE_HOST: 'netbox-redis', SECRET_KEY: SecretReference.external('netbox', 'netbox', 'secret-key'), ALLOWED_HOSTS: allowedHosts,
  };
  new HomelabApp(cluster, 'netbox', {
    namespace: 'netbox', image: 'netboxcommunity/netbox:v4.1.7', ports: [{ name: 'http', port: 8080 }], runAsUser: 999, runAsGroup: 0, env,
    persistence: { media: { volume: claim('5Gi'), mountPath: '/opt/netbox/netbox/media' } }, route: { host: 'netbox' }, egress: [pg, redis],
    probes: { readiness: { httpPath: '/login/', httpHost: 'localhost' }, startup: { httpPath: '/login/', httpHost: 'localhost', failureThreshold: 30 } },
  });
  new HomelabApp(cluster, 'netbox-worker', {
    namespace: 'netbox', image: 'netboxcommunity/netbox:v4.1.7', runAsUser: 999, runAsGroup: 0, env, egress: [pg, redis],
    command: ['/opt/netbox/venv/bin/python', '/opt/netbox/netbox/manage.py', 'rqworker'],
  });
}

/** ntopng on the NAS's mirror port, with its Redis. */
function addNtopng(cluster: ClusterChart): void {
  const redis = new HomelabApp(cluster, 'ntopng-redis', {
    namespace: 'ntopng', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, runAsGroup: 999,
  });
  new HomelabApp(cluster, 'ntopng', {
    namespace: 'ntopng', image: 'ntop/ntopng:6.2', ports: [{ name: 'http', port: 3000 }], placement: { host: nas },
    args: ['-i', 'enp3s0', '-r', 'ntopng-redis.ntopng:6379', '-w', '3000'],
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/ntopng' } },
    exemptions: {
      hostNetwork: 'captures the mirror port of the NAS', runAsRoot: 'opens a packet socket',
      addCapabilities: { capabilities: ['NET_RAW'], reason: 'captures packets with libpcap' },
    },
    route: { host: 'ntopng' }, egress: [redis],
  });
}

function hardwareLab(scope: Construct): void {
  const cluster = rackCluster(scope);
  addScrutiny(cluster);
  addNut(cluster);
  addExporters(cluster);
  addControllers(cluster);
  addNetbox(cluster);
  addNtopng(cluster);
}

test('the hardware and network lab synthesizes with only the findings it deserves', () => {
  expect(shownFindings(hardwareLab)).toEqual([]);
});

test("NetBox's ALLOWED_HOSTS of any name, or of the lab's domain and every name under it, admits its route", () => {
  for (const allowed of ['*', '.rack.jdoe.dev', 'NetBox.rack.jdoe.dev']) {
    expect(shownFindings((scope) => addNetbox(rackCluster(scope), allowed))).toEqual([]);
  }
});

test("ntopng collecting flows from nProbe, off the host's network and without NET_RAW, is left alone", () => {
  expect(shownFindings((scope) => new HomelabApp(rackCluster(scope), 'ntopng', {
    namespace: 'ntopng', image: 'ntop/ntopng:6.2', ports: [{ name: 'http', port: 3000 }], args: ['-i', 'tcp://nprobe.ntopng:5556', '-w', '3000'],
  }))).toEqual([]);
});

test("ntopng given its options in a ntopng.conf under /etc/ntopng is left to them", () => {
  expect(shownFindings((scope) => {
    const cluster = rackCluster(scope);
    new ApiObject(cluster, 'ntopng-conf', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ntopng-conf', namespace: 'ntopng' }, data: { 'ntopng.conf': '-i=tcp://192.168.20.9:5556\n-w=3000\n' } });
    new HomelabApp(cluster, 'ntopng', {
      namespace: 'ntopng', image: 'ntop/ntopng:6.2', ports: [{ name: 'http', port: 3000 }],
      persistence: { conf: { volume: AppVolume.configMap('ntopng-conf'), mountPath: '/etc/ntopng' } },
    });
  })).toEqual([]);
});

test("Scrutiny's web image reads no disk", () => {
  expect(shownFindings((scope) => {
    new HomelabApp(rackCluster(scope), 'scrutiny-web', { namespace: 'scrutiny', image: 'ghcr.io/analogj/scrutiny:v0.8.1-web', ports: [{ name: 'http', port: 8080 }] });
  })).toEqual([]);
});

test("an SNMP community string is a secret of a config file, but the devices' default public is not", () => {
  expect(['Sw1tchR3adOnly', 'private', 'public', 'PUBLIC', '${SNMP_COMMUNITY}'].map((value) => settingWritesSecret('community', value))).toEqual([true, true, false, false, false]);
});
