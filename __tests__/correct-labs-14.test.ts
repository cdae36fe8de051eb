import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppDevice, AppVolume, declareExternal, gatewayApi, HomelabApp, host, ingressNginx, IngressTls, k3s, rootInitExemption, SecretReference,
} from '../constructs';
import type { AppProps, ClusterChart } from '../constructs';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { appDatabase, configFile, denyIngress, hardenedWorkload, k3sCluster, labSite, mongoReplicaSet, oneNodeLab, opsCrd } from './support/lab-sites';

// A fourteenth round of labs a user writes from the README alone, each meeting the checks added in the last release in
// a correct but less common form: Sunshine's stream on a load balancer with its web UI routed over HTTPS and RomM on
// MariaDB by its full Service name; n8n's queue mode told by a ConfigMap, on Docker's n8n registry, its workers run by
// their own command line; Mattermost's address at a second route host, Rocket.Chat's port moved, Zulip behind
// ingress-nginx; NocoDB's password filled in by Kubernetes, Metabase's enterprise image on MySQL from a Secret,
// Baserow's all-in-one image on its embedded database; readsb given its dongle by a device plugin, rtl_433 by its
// config file and feeders calling BEASTHOST by its full name; CUPS and the AirPrint relay on the host's network, a
// wildcard expanded by a shell; a CRD whose rules call Kubernetes' list, regex and set functions and compare typed
// values; pod-deletion-cost on workload templates. Each synthesizes with no finding (none is deserved), every cluster
// folder builds with kustomize, every probe and Service reaches a port its pod declares, and every NetworkPolicy lets
// in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const fromConfigMap = (configMapName: string, key: string) => ({ configMapName, key });

/**
 * MySQL or MariaDB (`image`, user 999) as `id` in `namespace`, its database and user `user`, its passwords the keys
 * `db-password` and `root-password` of Secret `user`, under the variables and socket folder of its image.
 */
function mysqlDatabase(cluster: ClusterChart, id: string, namespace: string, user: string, image: string): HomelabApp {
  const vars = image.startsWith('mariadb') ? 'MARIADB' : 'MYSQL';
  return new HomelabApp(cluster, id, {
    namespace, image, controller: AppController.statefulSet(), runAsUser: 999, ports: [{ name: 'mysql', port: 3306 }],
    env: {
      [`${vars}_DATABASE`]: user, [`${vars}_USER`]: user, [`${vars}_PASSWORD`]: secret(namespace, user, 'db-password'),
      [`${vars}_ROOT_PASSWORD`]: secret(namespace, user, 'root-password'),
    },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: vars === 'MARIADB' ? '/run/mysqld' : '/var/run/mysqld' } },
  });
}

/** Sunshine's stream on a load balancer, its web UI routed over HTTPS; RomM on MariaDB named by its full Service name. */
function streamingLab(scope: Construct): void {
  const gamer = host('play-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.232.1.11', gpus: [{ vendor: 'amd' }] });
  const lab = labSite('play', '10.232.1', [gamer], { nfs: { roms: { server: '10.232.1.5', path: '/export/roms' } } });
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'retro', name: 'romm' }] });
  new HomelabApp(cluster, 'sunshine', {
    namespace: 'games', image: 'ghcr.io/lizardbyte/sunshine:v2025.628.4510', runAsUser: 1000, runAsGroup: 1000,
    ports: [
      { name: 'pair', port: 47984, appProtocol: 'https' }, { name: 'gamestream', port: 47989 }, { name: 'web', port: 47990, appProtocol: 'https' },
      { name: 'rtsp', port: 48010 }, { name: 'video', port: 47998, protocol: 'UDP' }, { name: 'control', port: 47999, protocol: 'UDP' }, { name: 'audio', port: 48000, protocol: 'UDP' },
    ],
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' } },
    exemptions: { unverifiedBackendTls: 'Sunshine signs its own certificate' },
    loadBalancer: { address: lab.pools.lb.at('10.232.1.201'), ports: ['pair', 'gamestream', 'rtsp', 'video', 'control', 'audio'] },
    route: { host: 'sunshine', port: 47990 },
  });
  const mariadb = mysqlDatabase(cluster, 'romm-db', 'retro', 'romm', 'mariadb:11.4.4');
  new HomelabApp(cluster, 'romm', {
    namespace: 'retro', image: 'ghcr.io/rommapp/romm:3.7.3', ports: [{ name: 'http', port: 8080 }],
    env: {
      DB_HOST: 'romm-db.retro.svc.cluster.local', DB_PORT: '3306', DB_NAME: 'romm', DB_USER: secret('retro', 'romm', 'db-user'),
      DB_PASSWD: secret('retro', 'romm', 'db-password'), ROMM_AUTH_SECRET_KEY: secret('retro', 'romm', 'auth-secret-key'),
    },
    exemptions: { writableRootFilesystem: 'nginx and the bundled Valkey write under /var and /tmp' },
    persistence: {
      library: { volume: AppVolume.nfs(lab.nfs.roms), mountPath: '/romm/library' },
      resources: { volume: claim('10Gi'), mountPath: '/romm/resources' }, assets: { volume: claim('5Gi'), mountPath: '/romm/assets' },
      config: { volume: claim('1Gi'), mountPath: '/romm/config' },
    },
    egress: [mariadb], route: { host: 'games' },
  });
}

/** n8n's queue mode told by a ConfigMap, on Docker's n8n registry: workers by their own command line, a webhook processor, the Redis host by its full name. */
function automationLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'flows', '10.232.2');
  declareExternal(cluster, { secrets: [{ namespace: 'automation', name: 'n8n' }, { namespace: 'automation', name: 'n8n-db' }] });
  cluster.namespaces.ensure('automation');
  new ApiObject(cluster, 'n8n-settings', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n8n-settings', namespace: 'automation' }, data: { 'executions-mode': 'queue' },
  });
  const db = appDatabase(cluster, 'n8n-db', 'automation', 'n8n');
  const redis = new HomelabApp(cluster, 'valkey', {
    namespace: 'automation', image: 'valkey/valkey:8.0.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  const env: NonNullable<AppProps['env']> = {
    DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-db', DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: secret('automation', 'n8n-db', 'password'),
    EXECUTIONS_MODE: fromConfigMap('n8n-settings', 'executions-mode'), QUEUE_BULL_REDIS_HOST: 'valkey.automation.svc.cluster.local', QUEUE_BULL_REDIS_PORT: '6379',
    N8N_ENCRYPTION_KEY: secret('automation', 'n8n', 'encryption-key'), N8N_HOST: 'n8n.flows.jdoe.dev', N8N_PROTOCOL: 'https', WEBHOOK_URL: 'https://hooks.flows.jdoe.dev/',
  };
  const n8n = (id: string, props: Partial<AppProps>) => new HomelabApp(cluster, id, {
    namespace: 'automation', image: 'docker.n8n.io/n8nio/n8n:1.80.3', env, ports: [{ name: 'http', port: 5678 }], egress: [db, redis],
    persistence: { home: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } }, ...props,
  });
  n8n('n8n', {
    route: { host: 'n8n' },
    initContainers: [{ name: 'wait-for-db', image: 'busybox:1.37.0', command: ['sh', '-c', 'until nc -z n8n-db 5432; do sleep 2; done'] }],
  });
  n8n('n8n-worker', { command: ['n8n', 'worker', '--concurrency=5'], replicas: 2 });
  n8n('n8n-webhook', { command: ['n8n', 'webhook'], env: { ...env, EXECUTIONS_MODE: 'queue' }, route: { host: 'hooks' } });
}

/** Mattermost's address at its second route host, Rocket.Chat on a port it is told, Zulip behind ingress-nginx. */
function chatLab(scope: Construct): void {
  const node = host('talk-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.232.3.11' });
  const lab = labSite('talk', '10.232.3', [node]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.232.3.200'), tls: IngressTls.none() }) });
  declareExternal(cluster, { secrets: [{ namespace: 'mattermost', name: 'mmuser-db' }] });
  const mmDb = appDatabase(cluster, 'mattermost-db', 'mattermost', 'mmuser');
  const mattermost = new HomelabApp(cluster, 'mattermost', {
    namespace: 'mattermost', image: 'mattermost/mattermost-enterprise-edition:10.5.2', runAsUser: 2000, runAsGroup: 2000,
    ports: [{ name: 'http', port: 8065 }],
    env: {
      DB_PASSWORD: secret('mattermost', 'mmuser-db', 'password'), MM_SQLSETTINGS_DRIVERNAME: 'postgres',
      MM_SQLSETTINGS_DATASOURCE: 'postgres://mmuser:$(DB_PASSWORD)@mattermost-db:5432/mmuser?sslmode=disable&connect_timeout=10',
      MM_SERVICESETTINGS_SITEURL: 'https://chat.talk.jdoe.dev', MM_SERVICESETTINGS_LISTENADDRESS: ':8065',
    },
    persistence: Object.fromEntries(['data', 'logs', 'config', 'plugins', 'client/plugins'].map((folder) => [folder.replace('/', '-'), { volume: claim('1Gi'), mountPath: `/mattermost/${folder}` }])),
    egress: [mmDb], route: { host: 'mattermost' },
  });
  mattermost.addRoute({ host: 'chat' });
  const mongo = mongoReplicaSet(cluster, 'rocketchat', 'mongo:6.0.19');
  new HomelabApp(cluster, 'rocketchat', {
    namespace: 'rocketchat', image: 'rocketchat/rocket.chat:7.2.1', ports: [{ name: 'http', port: 3100 }],
    env: {
      MONGO_URL: 'mongodb://mongodb:27017/rocketchat?replicaSet=rs0', MONGO_OPLOG_URL: 'mongodb://mongodb:27017/local?replicaSet=rs0',
      ROOT_URL: 'https://team.talk.jdoe.dev/', PORT: '3100', DEPLOY_METHOD: 'docker',
    },
    egress: [mongo], route: { host: 'team' },
  });
  const memcached = new HomelabApp(cluster, 'memcached', { namespace: 'zulip', image: 'memcached:1.6.34-alpine', ports: [{ name: 'memcached', port: 11211 }] });
  const redis = new HomelabApp(cluster, 'redis', { namespace: 'zulip', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }] });
  new HomelabApp(cluster, 'zulip', {
    namespace: 'zulip', image: 'ghcr.io/zulip/zulip-server:10.3-0', ports: [{ name: 'http', port: 80 }],
    env: {
      SETTING_EXTERNAL_HOST: 'zulip.talk.jdoe.dev', DISABLE_HTTPS: 'True', SSL_CERTIFICATE_GENERATION: 'self-signed', LOADBALANCER_IPS: '10.42.0.0/16,10.232.3.0/24',
      SETTING_MEMCACHED_LOCATION: 'memcached.zulip.svc.cluster.local:11211', SETTING_REDIS_HOST: 'redis.zulip.svc.cluster.local',
    },
    exemptions: { runAsRoot: 'its entrypoint writes the configuration and starts supervisord as root' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/data' } },
    egress: [memcached, redis], route: { host: 'zulip' },
  });
}

/** NocoDB's password filled in by Kubernetes, Metabase's enterprise image on MySQL from a Secret, Baserow's all-in-one image on its embedded database. */
function dashboardsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'boards', '10.232.4');
  declareExternal(cluster, { secrets: [{ namespace: 'nocodb', name: 'nocodb-db' }, { namespace: 'metabase', name: 'metabase' }, { namespace: 'baserow', name: 'baserow' }] });
  const nocoDb = appDatabase(cluster, 'nocodb-db', 'nocodb', 'nocodb');
  new HomelabApp(cluster, 'nocodb', {
    namespace: 'nocodb', image: 'nocodb/nocodb:0.263.0', ports: [{ name: 'http', port: 8080 }],
    env: {
      DB_PASSWORD: secret('nocodb', 'nocodb-db', 'password'), NC_DB: 'pg://nocodb-db:5432?u=nocodb&p=$(DB_PASSWORD)&d=nocodb',
      NC_AUTH_JWT_SECRET: secret('nocodb', 'nocodb-db', 'jwt-secret'), NC_PUBLIC_URL: 'https://tables.boards.jdoe.dev',
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/usr/app/data' } },
    egress: [nocoDb], route: { host: 'tables' },
  });
  const mysql = mysqlDatabase(cluster, 'metabase-db', 'metabase', 'metabase', 'mysql:8.4.3');
  new HomelabApp(cluster, 'metabase', {
    namespace: 'metabase', image: 'metabase/metabase-enterprise:v1.52.4', ports: [{ name: 'http', port: 3000 }],
    env: {
      MB_DB_TYPE: 'mysql', MB_DB_DBNAME: 'metabase', MB_DB_PORT: '3306', MB_DB_HOST: 'metabase-db',
      MB_DB_USER: secret('metabase', 'metabase', 'db-user'), MB_DB_PASS: secret('metabase', 'metabase', 'db-password'), MB_SITE_URL: 'https://metabase.boards.jdoe.dev',
    },
    persistence: { tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
    egress: [mysql], route: { host: 'metabase' },
  });
  new HomelabApp(cluster, 'baserow', {
    namespace: 'baserow', image: 'baserow/baserow:1.31.1', ports: [{ name: 'http', port: 80 }],
    env: { BASEROW_PUBLIC_URL: 'https://baserow.boards.jdoe.dev', SECRET_KEY: secret('baserow', 'baserow', 'secret-key') },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/baserow/data' } },
    exemptions: {
      runAsRoot: 'its entrypoint starts as root and supervisord runs the services as baserow_docker_user (9999)',
      addCapabilities: rootInitExemption('supervisor', 'switches to baserow_docker_user (9999)'),
      writableRootFilesystem: 'its start script moves the supervisor files of its embedded Redis and PostgreSQL into /baserow/supervisor/includes',
    },
    route: { host: 'baserow' },
  });
}

/** readsb given its dongle by a device plugin, rtl_433 told its dongle and outputs by its config file, feeders calling BEASTHOST by its full name. */
function radioLab(scope: Construct): void {
  const pi = host('air-pi', {
    arch: 'arm64', roles: ['worker'], address: '10.232.5.21',
    usbDevices: { adsb: { vendorId: '0bda', productId: '2838' }, ism: { vendorId: '0bda', productId: '2838' } },
  });
  const nuc = host('air-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.232.5.11' });
  const lab = labSite('air', '10.232.5', [nuc, pi]);
  const cluster = k3sCluster(scope, lab, {
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), { source: 'generic-device-plugin', provides: { extendedResources: ['squat.ai/rtlsdr'] } }],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'sensors', name: 'influx' }, { namespace: 'planes', name: 'feeders' }] });
  new HomelabApp(cluster, 'ultrafeeder', {
    namespace: 'planes', image: 'ghcr.io/sdr-enthusiasts/docker-adsb-ultrafeeder:latest-build-712', route: { host: 'planes' }, allowFrom: [{ namespace: 'planes' }],
    ports: [{ name: 'http', port: 80 }, { name: 'beast', port: 30005 }],
    env: { READSB_DEVICE_TYPE: 'rtlsdr', READSB_RTLSDR_DEVICE: '00001090', READSB_GAIN: '43.9', READSB_LAT: '48.2', READSB_LON: '16.37', READSB_ALT: '180m' },
    devices: [AppDevice.plugin('squat.ai/rtlsdr')], placement: { host: pi }, exemptions: { runAsRoot: 's6-overlay starts as root' },
    // The Flightradar24 feeder beside readsb in its pod reads the Beast port on the pod's own loopback.
    sidecars: [{
      name: 'fr24', image: 'ghcr.io/sdr-enthusiasts/docker-flightradar24:latest-build-786',
      env: { BEASTHOST: 'localhost', BEASTPORT: '30005', FR24KEY: secret('planes', 'feeders', 'fr24') },
    }],
    egress: 'any',
  });
  new HomelabApp(cluster, 'piaware', {
    namespace: 'planes', image: 'ghcr.io/sdr-enthusiasts/docker-piaware:latest-build-612', ports: [{ name: 'http', port: 8080 }], egress: 'any',
    exemptions: { runAsRoot: 's6-overlay starts as root' },
    env: { BEASTHOST: 'ultrafeeder.planes.svc.cluster.local', FEEDER_ID: secret('planes', 'feeders', 'piaware') },
  });
  const influx = new HomelabApp(cluster, 'influxdb', {
    namespace: 'sensors', image: 'influxdb:2.7.11-alpine', runAsUser: 1000, ports: [{ name: 'http', port: 8086 }], controller: AppController.statefulSet(),
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/influxdb2' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/influxdb2' } },
  });
  configFile(cluster, 'sensors', 'rtl433', 'rtl_433.conf', 'device :00000433\nfrequency 868M\nconvert si\nreport_meta time:iso\n');
  new HomelabApp(cluster, 'rtl433', {
    namespace: 'sensors', image: 'hertzg/rtl_433:25.02-alpine',
    args: ['-c', '/etc/rtl_433/rtl_433.conf', '-F', 'influx://influxdb:8086/api/v2/write?org=home&bucket=sensors,token=$(INFLUX_TOKEN)'],
    env: { INFLUX_TOKEN: secret('sensors', 'influx', 'token') },
    persistence: { conf: { volume: AppVolume.configMap('rtl433'), mountPath: '/etc/rtl_433', readOnly: true } },
    devices: [AppDevice.plugin('squat.ai/rtlsdr')], placement: { host: pi }, egress: [influx],
  });
}

/** CUPS on a print server's host network with AirPrint, the AirPrint relay of another printer, a wildcard a shell expands. */
function printingLab(scope: Construct): void {
  const printer = host('ink-pi', { arch: 'arm64', roles: ['worker'], address: '10.232.6.21', usbDevices: { laser: { vendorId: '04f9', productId: '0042' } } });
  const node = host('ink-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.232.6.11' });
  const lab = labSite('ink', '10.232.6', [node, printer], { nfs: { books: { server: '10.232.6.5', path: '/export/books' } } });
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'printing', name: 'cups' }] });
  new HomelabApp(cluster, 'cups', {
    namespace: 'printing', image: 'anujdatar/cups:25.01.01', ports: [{ name: 'ipp', port: 631 }],
    env: { CUPSADMIN: 'printadmin', CUPSPASSWORD: secret('printing', 'cups', 'admin-password'), TZ: 'Europe/Vienna' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/etc/cups' } },
    devices: [AppDevice.hostDevice('/dev/bus/usb')], placement: { host: printer },
    exemptions: {
      runAsRoot: 'its init starts cupsd as root', writableRootFilesystem: 's6-overlay writes its service tree under /run',
      hostNetwork: 'AirPrint printers are announced by mDNS on the LAN', hostPath: 'the USB printer', privileged: 'the USB backend opens the printer',
    },
  });
  new HomelabApp(cluster, 'airprint', {
    namespace: 'printing', image: 'chuckcharlie/cups-avahi-airprint:2.0.1', ports: [{ name: 'ipp', port: 631 }],
    env: { CUPSADMIN: 'relayadmin', CUPSPASSWORD: secret('printing', 'cups', 'relay-password') },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' }, services: { volume: claim('1Gi'), mountPath: '/services' } },
    placement: { host: node },
    exemptions: {
      runAsRoot: 'its start script adds the admin user and starts cupsd as root', writableRootFilesystem: 'its start script writes /etc/cups',
      addCapabilities: rootInitExemption('supervisor', 'cupsd runs its filters as lp'), hostNetwork: 'AirPrint printers are announced by mDNS on the LAN',
    },
  });
  new HomelabApp(cluster, 'kiwix', {
    namespace: 'library', image: 'ghcr.io/kiwix/kiwix-serve:3.7.0-2', ports: [{ name: 'http', port: 8080 }],
    command: ['/bin/sh', '-c', 'exec kiwix-serve --port=8080 /data/*.zim'],
    persistence: { zim: { volume: AppVolume.nfs(lab.nfs.books), mountPath: '/data', readOnly: true } }, route: { host: 'library' },
  });
}

/** A CRD whose rules call Kubernetes' list, regex and set functions and compare timestamps and durations, and a resource that keeps them. */
function operatorLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'ops2', '10.232.7');
  const spec = {
    type: 'object', required: ['targets', 'window', 'retention'],
    'x-kubernetes-validations': [
      { rule: 'self.priorities.isSorted()', message: 'priorities must be sorted' },
      { rule: 'self.weights.sum() == 100', message: 'weights must add up to 100' },
      { rule: "self.targets.all(t, t.find('^[a-z]+') != '')", message: 'each target starts with a letter' },
      { rule: "sets.contains(['daily', 'weekly', 'monthly'], self.tiers)", message: 'tiers are daily, weekly or monthly' },
      { rule: "self.retention <= duration('8760h')", message: 'retention is a year at most' },
      { rule: "self.window.notBefore < timestamp('2100-01-01T00:00:00Z')", message: 'a window before 2100' },
      { rule: 'self.ratio / 2.0 <= 0.5', message: 'ratio at most 1' },
    ],
    properties: {
      targets: { type: 'array', items: { type: 'string', maxLength: 63 }, maxItems: 16 },
      priorities: { type: 'array', items: { type: 'integer' }, maxItems: 8 },
      weights: { type: 'array', items: { type: 'integer' }, maxItems: 8 },
      tiers: { type: 'array', items: { type: 'string', maxLength: 16 }, maxItems: 3, 'x-kubernetes-list-type': 'set' },
      retention: { type: 'string', format: 'duration' },
      window: { type: 'object', properties: { notBefore: { type: 'string', format: 'date-time' } }, required: ['notBefore'] },
      ratio: { type: 'number' },
    },
  };
  opsCrd(cluster, 'BackupPlan', spec);
  cluster.namespaces.ensure('photos');
  new ApiObject(cluster, 'photos-plan', {
    apiVersion: 'ops.jdoe.dev/v1', kind: 'BackupPlan', metadata: { name: 'photos', namespace: 'photos' },
    spec: {
      targets: ['immich-library', 'immich-db'], priorities: [1, 2, 5], weights: [60, 40], tiers: ['daily', 'monthly'],
      retention: '720h', window: { notBefore: '2026-01-01T02:00:00Z' }, ratio: 0.8,
    },
  });
}

/** Workloads whose pod templates carry a pod-deletion-cost, written as a whole number in the range the API server reads. */
function scaleDownLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'shrink', '10.232.8');
  cluster.namespaces.ensure('web');
  const deployment = (name: string, cost: string) => hardenedWorkload(cluster, name, {
    kind: 'Deployment', namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', port: 8080, user: 101, scratch: '/tmp',
    annotations: { 'controller.kubernetes.io/pod-deletion-cost': cost },
  });
  deployment('keep-longest', '2147483647');
  deployment('remove-first', '-100');
  denyIngress(cluster, 'web');
}

/** On Gateway API: n8n's webhook processor routed by path on the main process's host, Activepieces' address at its second route host. */
function gatewayLab(scope: Construct): void {
  const node = host('gw-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.232.9.11' });
  const lab = labSite('gw', '10.232.9', [node]);
  const cluster = k3sCluster(scope, lab, {
    routes: gatewayApi({ gatewayClassName: 'envoy-gateway', address: lab.pools.lb.at('10.232.9.200') }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), GATEWAY_IMPLEMENTATION],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }, { namespace: 'n8n', name: 'n8n' }, { namespace: 'n8n', name: 'n8n-db' }, { namespace: 'activepieces', name: 'activepieces' }, { namespace: 'activepieces', name: 'ap-db' }] });
  const db = appDatabase(cluster, 'n8n-db', 'n8n', 'n8n');
  const redis = new HomelabApp(cluster, 'redis', { namespace: 'n8n', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }], persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } } });
  const env: NonNullable<AppProps['env']> = {
    DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-db', DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: secret('n8n', 'n8n-db', 'password'),
    EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis', N8N_ENCRYPTION_KEY: secret('n8n', 'n8n', 'encryption-key'),
    N8N_HOST: 'n8n.gw.jdoe.dev', N8N_PROTOCOL: 'https', WEBHOOK_URL: 'https://n8n.gw.jdoe.dev/',
  };
  const n8n = (id: string, props: Partial<AppProps>) => new HomelabApp(cluster, id, {
    namespace: 'n8n', image: 'n8nio/n8n:1.81.0', env, ports: [{ name: 'http', port: 5678 }], egress: [db, redis],
    persistence: { home: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } }, ...props,
  });
  n8n('n8n', { route: { host: 'n8n' } });
  n8n('n8n-worker', { args: ['worker'] });
  n8n('n8n-webhook', { args: ['webhook'], route: { host: 'n8n', path: '/webhook/' } });
  const apDb = appDatabase(cluster, 'ap-db', 'activepieces', 'ap');
  const activepieces = new HomelabApp(cluster, 'activepieces', {
    namespace: 'activepieces', image: 'activepieces/activepieces:0.39.2', ports: [{ name: 'http', port: 80 }], egress: [apDb],
    exemptions: { runAsRoot: 'the image runs nginx and the server as root' },
    env: {
      AP_FRONTEND_URL: 'https://automate.gw.jdoe.dev', AP_ENCRYPTION_KEY: secret('activepieces', 'activepieces', 'encryption-key'), AP_JWT_SECRET: secret('activepieces', 'activepieces', 'jwt-secret'),
      AP_POSTGRES_HOST: 'ap-db', AP_POSTGRES_PORT: '5432', AP_POSTGRES_DATABASE: 'ap', AP_POSTGRES_USERNAME: 'ap', AP_POSTGRES_PASSWORD: secret('activepieces', 'ap-db', 'password'), AP_REDIS_TYPE: 'MEMORY',
    },
    route: { host: 'flows' },
  });
  activepieces.addRoute({ host: 'automate' });
}

/** Element Web and Rocket.Chat told their ports by a ConfigMap, Mattermost by a config file it is pointed at. */
function chatPortsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'talk2', '10.232.10');
  cluster.namespaces.ensure('matrix');
  cluster.namespaces.ensure('rocketchat');
  new ApiObject(cluster, 'element-settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'element-settings', namespace: 'matrix' }, data: { port: '8080' } });
  new ApiObject(cluster, 'rocketchat-settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rocketchat-settings', namespace: 'rocketchat' }, data: { port: '3000' } });
  configFile(cluster, 'matrix', 'element', 'config.json', JSON.stringify({ default_server_config: { 'm.homeserver': { base_url: 'https://matrix.talk2.jdoe.dev', server_name: 'talk2.jdoe.dev' } } }));
  new HomelabApp(cluster, 'element', {
    namespace: 'matrix', image: 'vectorim/element-web:v1.11.97', runAsUser: 101, ports: [{ name: 'http', port: 8080 }], env: { ELEMENT_WEB_PORT: fromConfigMap('element-settings', 'port') },
    persistence: {
      config: { volume: AppVolume.configMap('element'), mounts: [{ mountPath: '/app/config.json', subPath: 'config.json' }], readOnly: true },
      conf: { volume: AppVolume.emptyDir(), mountPath: '/etc/nginx/conf.d' }, cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' },
    },
    route: { host: 'element' },
  });
  const mongo = mongoReplicaSet(cluster, 'rocketchat', 'mongo:7.0.16');
  new HomelabApp(cluster, 'rocketchat', {
    namespace: 'rocketchat', image: 'registry.rocket.chat/rocketchat/rocket.chat:7.3.0', ports: [{ name: 'http', port: 3000 }],
    env: { MONGO_URL: 'mongodb://mongodb:27017/rocketchat?replicaSet=rs0', ROOT_URL: 'https://rocketchat.talk2.jdoe.dev', PORT: fromConfigMap('rocketchat-settings', 'port') },
    egress: [mongo], route: { host: 'rocketchat' },
  });
  configFile(cluster, 'mattermost', 'mattermost-config', 'config.json', JSON.stringify({ ServiceSettings: { SiteURL: 'https://mattermost.talk2.jdoe.dev', ListenAddress: ':8080' } }));
  new HomelabApp(cluster, 'mattermost', {
    namespace: 'mattermost', image: 'mattermost/mattermost-team-edition:10.6.1', runAsUser: 2000, ports: [{ name: 'http', port: 8080 }],
    env: { MM_CONFIG: '/etc/mattermost/config.json' },
    persistence: {
      config: { volume: AppVolume.configMap('mattermost-config'), mountPath: '/etc/mattermost', readOnly: true },
      ...Object.fromEntries(['data', 'logs', 'plugins'].map((folder) => [folder, { volume: claim('1Gi'), mountPath: `/mattermost/${folder}` }])),
    },
    egress: 'any', route: { host: 'mattermost' },
  });
}

/** Two receivers on one Raspberry Pi, each opening its own dongle by serial, rtl_433 signing in to its broker in its comma-separated options. */
function twoDonglesLab(scope: Construct): void {
  const pi = host('sdr-pi', {
    arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.232.11.21',
    usbDevices: { ism: { vendorId: '0bda', productId: '2838' }, ais: { vendorId: '0bda', productId: '2838' } },
  });
  const lab = labSite('sdr', '10.232.11', [pi]);
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'radio', name: 'mqtt' }] });
  const dongle = { devices: [AppDevice.hostDevice('/dev/bus/usb')], placement: { host: pi }, exemptions: { hostPath: 'the RTL-SDR dongles', privileged: 'libusb opens the dongle' } };
  configFile(cluster, 'radio', 'mosquitto', 'mosquitto.conf', 'listener 1883\npassword_file /mosquitto/config/passwords\n');
  const broker = new HomelabApp(cluster, 'mosquitto', {
    namespace: 'radio', image: 'eclipse-mosquitto:2.0.21', ports: [{ name: 'mqtt', port: 1883 }],
    persistence: { config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] } },
  });
  new HomelabApp(cluster, 'rtl433', {
    namespace: 'radio', image: 'hertzg/rtl_433:25.02',
    args: ['-d', ':00000433', '-f', '868M', '-F', 'mqtt://mosquitto:1883,user=$(MQTT_USER),pass=$(MQTT_PASS),retain=0,events=rtl_433/events'],
    env: { MQTT_USER: 'rtl433', MQTT_PASS: secret('radio', 'mqtt', 'password') },
    egress: [broker], ...dongle,
  });
  new HomelabApp(cluster, 'ais-catcher', {
    namespace: 'radio', image: 'ghcr.io/jvde-github/ais-catcher:v0.61', ports: [{ name: 'http', port: 8100 }], args: ['-d', '00000162', '-N', '8100'],
    route: { host: 'ships' }, ...dongle,
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['game streaming lab', streamingLab, TRAEFIK],
  ['workflow automation lab', automationLab, TRAEFIK],
  ['team chat lab', chatLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
  ['dashboards lab', dashboardsLab, TRAEFIK],
  ['radio lab', radioLab, TRAEFIK],
  ['printing lab', printingLab, TRAEFIK],
  ['CRD rules lab', operatorLab, TRAEFIK],
  ['pod-deletion-cost lab', scaleDownLab, TRAEFIK],
  ['Gateway API lab', gatewayLab, { namespace: 'envoy-gateway-system' }],
  ['chat ports lab', chatPortsLab, TRAEFIK],
  ['two dongles lab', twoDonglesLab, TRAEFIK],
];

describe('a fourteenth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  /** The findings of an n8n main process told WEBHOOK_URL `url`, beside a webhook processor routed at `webhookHost` (none where undefined). */
  const n8nFindings = (url: string, webhookHost?: string) => shownFindings((scope) => {
    const cluster = oneNodeLab(scope, 'hooks', '10.232.12');
    const env = { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-db', EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis', WEBHOOK_URL: url };
    const n8n = (id: string, props: Partial<AppProps>) => new HomelabApp(cluster, id, {
      namespace: 'n8n', image: 'n8nio/n8n:1.81.0', env, ports: [{ name: 'http', port: 5678 }], egress: 'any',
      persistence: { home: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } }, ...props,
    });
    n8n('n8n', { route: { host: 'n8n' } });
    if (webhookHost !== undefined) {
      n8n('n8n-webhook', { args: ['webhook'], route: { host: webhookHost } });
    }
  }).filter((finding) => finding.includes('main/n8n env.WEBHOOK_URL'));

  test("n8n's WEBHOOK_URL at the host of its webhook processors' route passes; at a host no route of the instance serves it still is an error", () => {
    expect(n8nFindings('https://hooks.hooks.jdoe.dev/', 'hooks')).toEqual([]);
    expect(n8nFindings('https://hooks.hooks.jdoe.dev/')).toEqual(['error main/n8n env.WEBHOOK_URL']);
    expect(n8nFindings('https://elsewhere.hooks.jdoe.dev/', 'hooks')).toEqual(['error main/n8n env.WEBHOOK_URL']);
  });

  /** The findings of Mattermost declaring port 8080, pointed by MM_CONFIG at a config.json whose ServiceSettings are `settings`. */
  const mattermostFindings = (settings: Record<string, unknown>) => shownFindings((scope) => {
    const cluster = oneNodeLab(scope, 'mm', '10.232.13');
    configFile(cluster, 'chat', 'mattermost-config', 'config.json', JSON.stringify({ ServiceSettings: settings }));
    new HomelabApp(cluster, 'mattermost', {
      namespace: 'chat', image: 'mattermost/mattermost-team-edition:10.6.1', runAsUser: 2000, ports: [{ name: 'http', port: 8080 }],
      env: { MM_CONFIG: '/etc/mattermost/config.json' },
      persistence: { config: { volume: AppVolume.configMap('mattermost-config'), mountPath: '/etc/mattermost', readOnly: true } },
      egress: 'any', route: { host: 'mattermost' },
    });
  });

  test("Mattermost's listen port read from the config.json MM_CONFIG names passes; another port there is still a warning", () => {
    expect(mattermostFindings({ ListenAddress: ':8080' })).toEqual([]);
    expect(mattermostFindings({ ListenAddress: ':8065' })).toEqual(['warning main/mattermost ports[0].port']);
  });
});
