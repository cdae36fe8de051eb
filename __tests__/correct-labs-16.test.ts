import { ApiObject, App } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppDevice, AppVolume, declareExternal, HomelabApp, host, ingressNginx, IngressTls, k3s, rootInitExemption, SecretReference } from '../constructs';
import type { AppProps, Finding } from '../constructs';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { appDatabase, configFile, denyIngress, hardenedWorkload, k3sCluster, labSite, mongoReplicaSet, oneNodeLab, opsCrd } from './support/lab-sites';

// A sixteenth round of labs a user writes from the README alone, each meeting the checks added in the last releases in
// a correct but less common form: Mattermost's address and listen address on an older release, Rocket.Chat's official
// library image, Zulip's proxies told by a ConfigMap, Element Web from GitHub's registry on a port it is told; Baserow's
// all-in-one image on an outside PostgreSQL, NocoDB's whole NC_DB from a Secret, Metabase's database as one connection
// URI; readsb's protobuf image and AIS-catcher by a device plugin, rtl_433 publishing to a broker by its full name and
// reading a dongle served by rtl_tcp as its config file says; Sunshine's stream on a load balancer from Docker Hub's
// image, RomM on PostgreSQL given its secret key and password as files; CUPS privileged for a USB printer as the root
// its image starts as; WordPress' PHP-FPM behind an nginx sidecar, InvenTree's site URL from a ConfigMap; SonarQube's
// temporary folder moved by its variable, Nexus' heap and direct memory under its limit; a CRD whose rules call
// Kubernetes' URL and quantity libraries, and pod-deletion-cost on a StatefulSet; SonarQube's LTS image told its
// folders by its sonar.properties, Mattermost and Rocket.Chat under paths of one host, Sunshine's web UI probed over
// HTTPS, Wolf on the host's network. Each synthesizes with only the findings it deserves (one: CUPS off the host's
// network announces no printer), every cluster folder builds with kustomize, every probe and Service reaches a port its
// pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const fromConfigMap = (configMapName: string, key: string) => ({ configMapName, key });
const web = [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }];

/** Mattermost's older release on a listen address, Rocket.Chat's library image, Zulip told its proxies by a ConfigMap, Element Web from GitHub's registry. */
function chatLab(scope: Construct): void {
  const node = host('chat-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.234.1.11' });
  const lab = labSite('chat', '10.234.1', [node]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.234.1.200'), tls: IngressTls.none() }) });
  declareExternal(cluster, { secrets: [{ namespace: 'mattermost', name: 'mattermost-db' }, { namespace: 'zulip', name: 'zulip' }] });
  const mmDb = appDatabase(cluster, 'mattermost-db', 'mattermost', 'mattermost');
  new HomelabApp(cluster, 'mattermost', {
    namespace: 'mattermost', image: 'mattermost/mattermost-team-edition:9.11.6', runAsUser: 2000, runAsGroup: 2000, ports: [{ name: 'http', port: 8000 }],
    env: {
      MM_SQLSETTINGS_DRIVERNAME: 'postgres', MM_SQLSETTINGS_DATASOURCE: secret('mattermost', 'mattermost-db', 'datasource'),
      MM_SERVICESETTINGS_SITEURL: 'https://mattermost.chat.jdoe.dev/', MM_SERVICESETTINGS_LISTENADDRESS: '0.0.0.0:8000',
    },
    persistence: Object.fromEntries(['config', 'data', 'logs', 'plugins', 'client/plugins'].map((folder) => [folder.replace('/', '-'), { volume: claim('1Gi'), mountPath: `/mattermost/${folder}` }])),
    egress: [mmDb, ...web], route: { host: 'mattermost' },
  });
  const mongo = mongoReplicaSet(cluster, 'rocketchat', 'mongo:6.0.19');
  new HomelabApp(cluster, 'rocketchat', {
    namespace: 'rocketchat', image: 'rocket.chat:6.13.1', ports: [{ name: 'http', port: 3000 }],
    env: { MONGO_URL: 'mongodb://mongodb.rocketchat.svc.cluster.local:27017/rocketchat?replicaSet=rs0', ROOT_URL: 'https://rocket.chat.jdoe.dev' },
    egress: [mongo], route: { host: 'rocket' },
  });
  configFile(cluster, 'zulip', 'zulip-proxies', 'ips', '10.42.0.0/16');
  const memcached = new HomelabApp(cluster, 'memcached', { namespace: 'zulip', image: 'memcached:1.6.34-alpine', ports: [{ name: 'memcached', port: 11211 }] });
  const redis = new HomelabApp(cluster, 'redis', { namespace: 'zulip', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }] });
  new HomelabApp(cluster, 'zulip', {
    namespace: 'zulip', image: 'zulip/docker-zulip:9.4-0', ports: [{ name: 'http', port: 80 }],
    env: {
      SETTING_EXTERNAL_HOST: 'zulip.chat.jdoe.dev', DISABLE_HTTPS: 'True', SSL_CERTIFICATE_GENERATION: 'self-signed', LOADBALANCER_IPS: fromConfigMap('zulip-proxies', 'ips'),
      SETTING_MEMCACHED_LOCATION: 'memcached:11211', SETTING_REDIS_HOST: 'redis', SECRETS_secret_key: secret('zulip', 'zulip', 'secret-key'),
    },
    exemptions: { runAsRoot: 'its entrypoint writes the configuration and starts supervisord as root' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/data' } },
    egress: [memcached, redis], route: { host: 'zulip' },
  });
  new HomelabApp(cluster, 'element', {
    namespace: 'matrix', image: 'ghcr.io/element-hq/element-web:v1.11.90', runAsUser: 101, ports: [{ name: 'http', port: 8088 }], env: { ELEMENT_WEB_PORT: '8088' },
    persistence: { conf: { volume: AppVolume.emptyDir(), mountPath: '/etc/nginx/conf.d' }, cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' } },
    route: { host: 'element' },
  });
}

/** Baserow's all-in-one image on an outside PostgreSQL, NocoDB's NC_DB whole from a Secret, Metabase's database as one connection URI. */
function tablesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'tables', '10.234.2');
  declareExternal(cluster, { secrets: [{ namespace: 'baserow', name: 'baserow-db' }, { namespace: 'nocodb', name: 'nocodb-db' }, { namespace: 'metabase', name: 'metabase-db' }] });
  const baserowDb = appDatabase(cluster, 'baserow-db', 'baserow', 'baserow');
  new HomelabApp(cluster, 'baserow', {
    namespace: 'baserow', image: 'baserow/baserow:1.29.3', ports: [{ name: 'http', port: 80 }],
    env: {
      BASEROW_PUBLIC_URL: 'https://baserow.tables.jdoe.dev', DATABASE_HOST: 'baserow-db', DATABASE_NAME: 'baserow', DATABASE_USER: 'baserow',
      DATABASE_PASSWORD: secret('baserow', 'baserow-db', 'password'), SECRET_KEY: secret('baserow', 'baserow-db', 'secret-key'),
    },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/baserow/data' } },
    exemptions: {
      runAsRoot: 'its entrypoint starts as root and supervisord runs the services as baserow_docker_user (9999)',
      addCapabilities: rootInitExemption('supervisor', 'switches to baserow_docker_user (9999)'),
      writableRootFilesystem: 'its start script moves the supervisor files of its embedded Redis into /baserow/supervisor/includes',
    },
    egress: [baserowDb, ...web], route: { host: 'baserow' },
  });
  const nocoDb = appDatabase(cluster, 'nocodb-db', 'nocodb', 'nocodb');
  new HomelabApp(cluster, 'nocodb', {
    namespace: 'nocodb', image: 'nocodb/nocodb:0.258.0', ports: [{ name: 'http', port: 8080 }],
    env: { NC_DB: secret('nocodb', 'nocodb-db', 'nc-db'), NC_AUTH_JWT_SECRET: secret('nocodb', 'nocodb-db', 'jwt-secret'), NC_PUBLIC_URL: 'https://noco.tables.jdoe.dev' },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/usr/app/data' } },
    egress: [nocoDb], route: { host: 'noco' },
  });
  const metabaseDb = appDatabase(cluster, 'metabase-db', 'metabase', 'metabase');
  new HomelabApp(cluster, 'metabase', {
    namespace: 'metabase', image: 'metabase/metabase:v0.51.9', ports: [{ name: 'http', port: 3000 }],
    env: { MB_DB_TYPE: 'postgres', MB_DB_CONNECTION_URI: secret('metabase', 'metabase-db', 'connection-uri'), MB_SITE_URL: 'https://metabase.tables.jdoe.dev' },
    resources: { memoryLimit: '2Gi' },
    persistence: { tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
    egress: [metabaseDb], route: { host: 'metabase' },
  });
}

/** readsb's protobuf image and AIS-catcher given their dongles by a device plugin, rtl_433 publishing to a broker by its full name. */
function radioLab(scope: Construct): void {
  const pi = host('rf-pi', {
    arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.234.3.21',
    usbDevices: { adsb: { vendorId: '0bda', productId: '2838' }, ais: { vendorId: '0bda', productId: '2838' }, ism: { vendorId: '0bda', productId: '2838' } },
  });
  const lab = labSite('rf', '10.234.3', [pi]);
  const cluster = k3sCluster(scope, lab, {
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), { source: 'generic-device-plugin', provides: { extendedResources: ['squat.ai/rtlsdr'] } }],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'radio', name: 'mqtt' }] });
  const dongle = { devices: [AppDevice.plugin('squat.ai/rtlsdr')], placement: { host: pi } };
  new HomelabApp(cluster, 'readsb', {
    namespace: 'radio', image: 'ghcr.io/sdr-enthusiasts/docker-readsb-protobuf:latest-build-512', ports: [{ name: 'http', port: 8080 }, { name: 'beast', port: 30005 }],
    env: { READSB_DEVICE_TYPE: 'rtlsdr', READSB_RTLSDR_DEVICE: '00001090', READSB_LAT: '41.39', READSB_LON: '2.17', READSB_GAIN: 'autogain', READSB_NET_ENABLE: 'true' },
    exemptions: { runAsRoot: 's6-overlay starts as root' }, route: { host: 'planes' }, ...dongle,
  });
  new HomelabApp(cluster, 'ais-catcher', {
    namespace: 'radio', image: 'ghcr.io/jvde-github/ais-catcher:v0.60', ports: [{ name: 'http', port: 8100 }],
    args: ['-d:0', '-gr', 'TUNER', 'auto', 'RTLAGC', 'on', '-N', '8100', 'SHARE_LOC', 'off'], route: { host: 'ships' }, ...dongle,
  });
  configFile(cluster, 'radio', 'mosquitto', 'mosquitto.conf', 'listener 1883\nallow_anonymous false\npassword_file /mosquitto/secrets/passwords\n');
  const broker = new HomelabApp(cluster, 'mosquitto', {
    namespace: 'radio', image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }],
    persistence: {
      config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
      passwords: { volume: AppVolume.secret('mqtt'), mountPath: '/mosquitto/secrets', readOnly: true },
    },
  });
  new HomelabApp(cluster, 'rtl433', {
    namespace: 'radio', image: 'ghcr.io/hertzg/rtl_433_docker:25.02',
    args: ['-d', ':00000433', '-M', 'time:iso', '-F', 'mqtt://mosquitto.radio.svc.cluster.local:1883,user=rtl433,pass=$(MQTT_PASSWORD),retain=1'],
    env: { MQTT_PASSWORD: secret('radio', 'mqtt', 'rtl433-password') }, egress: [broker], ...dongle,
  });
  // The garage's weather sensors reach a second dongle on another Pi, which serves it with rtl_tcp; the config file names it.
  configFile(cluster, 'radio', 'rtl433-garage', 'rtl_433.conf', 'device rtl_tcp:10.234.3.30:1234\nfrequency 433.92M\noutput json\nreport_meta time:iso\n');
  new HomelabApp(cluster, 'rtl433-garage', {
    namespace: 'radio', image: 'hertzg/rtl_433:25.02-alpine', args: ['-c', '/etc/rtl_433/rtl_433.conf'],
    persistence: { conf: { volume: AppVolume.configMap('rtl433-garage'), mountPath: '/etc/rtl_433', readOnly: true } },
    egress: [{ cidr: '10.234.3.30/32', ports: [{ port: 1234 }] }],
  });
}

/** Sunshine from Docker Hub with its stream on a load balancer and its web UI over HTTPS, RomM on PostgreSQL. */
function gamesLab(scope: Construct): void {
  const box = host('den-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.234.4.11', gpus: [{ vendor: 'intel' }] });
  const lab = labSite('den', '10.234.4', [box], { nfs: { roms: { server: '10.234.4.5', path: '/export/roms' } } });
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'retro', name: 'romm' }, { namespace: 'retro', name: 'romm-db' }] });
  new HomelabApp(cluster, 'sunshine', {
    namespace: 'games', image: 'lizardbyte/sunshine:v2025.122.141614-ubuntu-24.04', runAsUser: 1000, runAsGroup: 1000,
    ports: [
      { name: 'https', port: 47984, appProtocol: 'https' }, { name: 'http', port: 47989 }, { name: 'webui', port: 47990, appProtocol: 'https' }, { name: 'rtsp', port: 48010 },
      { name: 'video', port: 47998, protocol: 'UDP' }, { name: 'control', port: 47999, protocol: 'UDP' }, { name: 'audio', port: 48000, protocol: 'UDP' },
    ],
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' } },
    exemptions: { unverifiedBackendTls: 'Sunshine signs its own certificate' },
    loadBalancer: { address: lab.pools.lb.at('10.234.4.202'), ports: ['https', 'http', 'rtsp', 'video', 'control', 'audio'] },
    route: { host: 'stream', port: 47990 },
  });
  const db = appDatabase(cluster, 'romm-db', 'retro', 'romm');
  new HomelabApp(cluster, 'romm', {
    namespace: 'retro', image: 'rommapp/romm:3.10.2', ports: [{ name: 'http', port: 8080 }],
    env: {
      ROMM_DB_DRIVER: 'postgresql', DB_HOST: 'romm-db', DB_NAME: 'romm', DB_USER: 'romm',
      DB_PASSWD_FILE: '/run/secrets/romm-db/password', ROMM_AUTH_SECRET_KEY_FILE: '/run/secrets/romm/auth-secret-key',
    },
    exemptions: { writableRootFilesystem: 'nginx and the bundled Valkey write under /var and /tmp' },
    persistence: {
      library: { volume: AppVolume.nfs(lab.nfs.roms), mountPath: '/romm/library', readOnly: true },
      resources: { volume: claim('10Gi'), mountPath: '/romm/resources' }, assets: { volume: claim('5Gi'), mountPath: '/romm/assets' },
      // RomM reads a variable's value from the file its <name>_FILE names.
      'db-password': { volume: AppVolume.secret('romm-db'), mountPath: '/run/secrets/romm-db', readOnly: true },
      'auth-key': { volume: AppVolume.secret('romm'), mountPath: '/run/secrets/romm', readOnly: true },
    },
    egress: [db, ...web], route: { host: 'roms' },
  });
}

/** CUPS privileged for a USB printer as the root its image starts as, shared through a load balancer; WordPress' PHP-FPM behind nginx; InvenTree's site URL from a ConfigMap. */
function officeLab(scope: Construct): void {
  const box = host('desk-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.234.5.11', usbDevices: { printer: { vendorId: '04f9', productId: '0042' } } });
  const lab = labSite('desk', '10.234.5', [box]);
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'printing', name: 'cups' }, { namespace: 'blog', name: 'wordpress-db' }, { namespace: 'inventree', name: 'inventree-db' }] });
  new HomelabApp(cluster, 'cups', {
    namespace: 'printing', image: 'anujdatar/cups:24.05.01', ports: [{ name: 'ipp', port: 631 }],
    env: { CUPSADMIN: 'printadmin', CUPSPASSWORD: secret('printing', 'cups', 'admin-password'), TZ: 'Europe/Madrid' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/etc/cups' } },
    devices: [AppDevice.hostDevice('/dev/bus/usb')], placement: { host: box },
    exemptions: {
      runAsRoot: 'its init starts cupsd as root', writableRootFilesystem: 's6-overlay writes its service tree under /run',
      hostPath: 'the USB printer', privileged: 'the USB backend opens the printer',
    },
    loadBalancer: { address: lab.pools.lb.at('10.234.5.201'), ports: ['ipp'] },
  });
  const wpDb = appDatabase(cluster, 'wordpress-db', 'blog', 'wordpress');
  configFile(cluster, 'blog', 'wordpress-nginx', 'default.conf', [
    'server {', '  listen 8080;', '  root /var/www/html;', '  index index.php;', '  location / { try_files $uri $uri/ /index.php?$args; }',
    '  location ~ \\.php$ { include fastcgi_params; fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name; fastcgi_pass 127.0.0.1:9000; }', '}', '',
  ].join('\n'));
  new HomelabApp(cluster, 'wordpress', {
    namespace: 'blog', image: 'wordpress:6.7.1-php8.3-fpm-alpine', runAsUser: 82, runAsGroup: 82, ports: [{ name: 'php-fpm', port: 9000 }],
    env: {
      WORDPRESS_DB_HOST: 'wordpress-db', WORDPRESS_DB_USER: 'wordpress', WORDPRESS_DB_NAME: 'wordpress', WORDPRESS_DB_PASSWORD: secret('blog', 'wordpress-db', 'password'),
    },
    sidecars: [{ name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }] }],
    persistence: {
      html: { volume: claim('5Gi'), mountPath: '/var/www/html', containers: ['wordpress', 'nginx'] },
      nginx: { volume: AppVolume.configMap('wordpress-nginx'), mountPath: '/etc/nginx/conf.d', readOnly: true, containers: ['nginx'] },
    },
    egress: [wpDb, ...web], route: { host: 'blog', port: 8080 },
  });
  configFile(cluster, 'inventree', 'inventree-settings', 'site-url', 'https://parts.desk.jdoe.dev');
  const invDb = appDatabase(cluster, 'inventree-db', 'inventree', 'inventree');
  const inventreeEnv = {
    INVENTREE_DB_ENGINE: 'postgresql', INVENTREE_DB_NAME: 'inventree', INVENTREE_DB_HOST: 'inventree-db', INVENTREE_DB_PORT: '5432', INVENTREE_DB_USER: 'inventree',
    INVENTREE_DB_PASSWORD: secret('inventree', 'inventree-db', 'password'), INVENTREE_SITE_URL: fromConfigMap('inventree-settings', 'site-url'),
  };
  new HomelabApp(cluster, 'inventree', {
    namespace: 'inventree', image: 'ghcr.io/inventree/inventree:0.16.9', ports: [{ name: 'http', port: 8000 }], env: inventreeEnv,
    persistence: { data: { volume: claim('10Gi'), mountPath: '/home/inventree/data' } }, egress: [invDb], route: { host: 'parts' },
  });
  new HomelabApp(cluster, 'inventree-worker', {
    namespace: 'inventree', image: 'ghcr.io/inventree/inventree:0.16.9', command: ['invoke', 'worker'], env: { ...inventreeEnv, INVENTREE_SITE_URL: 'https://parts.desk.jdoe.dev/' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/home/inventree/data' } }, egress: [invDb],
  });
}

/** SonarQube's temporary folder moved by its variable and its three JVMs sized under its limit; Nexus' heap and direct memory under its limit. */
function codeQualityLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'qa', '10.234.6');
  declareExternal(cluster, { secrets: [{ namespace: 'sonarqube', name: 'sonarqube-db' }] });
  const db = appDatabase(cluster, 'sonarqube-db', 'sonarqube', 'sonarqube');
  new HomelabApp(cluster, 'sonarqube', {
    namespace: 'sonarqube', image: 'sonarqube:10.7.0-community', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 9000 }],
    env: {
      SONAR_JDBC_URL: 'jdbc:postgresql://sonarqube-db:5432/sonarqube', SONAR_JDBC_USERNAME: 'sonarqube', SONAR_JDBC_PASSWORD: secret('sonarqube', 'sonarqube-db', 'password'),
      SONAR_PATH_TEMP: '/tmp/sonarqube', SONAR_WEB_JAVAOPTS: '-Xmx512m -Xms128m', SONAR_CE_JAVAOPTS: '-Xmx512m -Xms128m', SONAR_SEARCH_JAVAOPTS: '-Xmx1g -Xms1g -XX:MaxDirectMemorySize=256m',
    },
    resources: { memoryRequest: '2Gi', memoryLimit: '4Gi' },
    persistence: {
      data: { volume: claim('10Gi'), mountPath: '/opt/sonarqube/data' }, extensions: { volume: claim('1Gi'), mountPath: '/opt/sonarqube/extensions' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/logs' },
    },
    egress: [db, ...web], route: { host: 'sonar' },
  });
  new HomelabApp(cluster, 'nexus', {
    namespace: 'nexus', image: 'sonatype/nexus3:3.76.0-java17-alpine', runAsUser: 200, runAsGroup: 200, ports: [{ name: 'http', port: 8081 }],
    env: { INSTALL4J_ADD_VM_PARAMS: '-Xms1g -Xmx1g -XX:MaxDirectMemorySize=1g -Djava.util.prefs.userRoot=/nexus-data/javaprefs' },
    resources: { memoryRequest: '2Gi', memoryLimit: '3Gi' },
    persistence: { data: { volume: claim('50Gi'), mountPath: '/nexus-data' } },
    probes: { readiness: { httpPath: '/service/rest/v1/status' } },
    egress: web, route: { host: 'nexus' },
  });
}

/** A CRD whose rules call Kubernetes' URL and quantity libraries, a resource that keeps them, and pod-deletion-cost on a StatefulSet's pods. */
function operatorLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'ops3', '10.234.7');
  const spec = {
    type: 'object', required: ['endpoint', 'size', 'limit'],
    'x-kubernetes-validations': [
      { rule: "isURL(self.endpoint) && url(self.endpoint).getScheme() == 'https'", message: 'the endpoint is an https URL' },
      { rule: "url(self.endpoint).getHostname().endsWith('.jdoe.dev')", message: 'the endpoint is a host of the lab' },
      { rule: "!has(self.port) || url(self.endpoint).getPort() == '' || url(self.endpoint).getPort() == string(self.port)", message: 'the port matches the endpoint' },
      { rule: 'isQuantity(self.size) && quantity(self.size).isGreaterThan(quantity("1Gi"))', message: 'the cache holds more than 1Gi' },
      { rule: 'quantity(self.size).compareTo(quantity(self.limit)) <= 0', message: 'the size fits in the limit' },
      { rule: 'quantity(self.limit).asApproximateFloat() <= 1099511627776.0', message: 'a limit of 1Ti at most' },
    ],
    properties: {
      endpoint: { type: 'string', maxLength: 253 }, port: { type: 'integer', minimum: 1, maximum: 65535 },
      size: { type: 'string', maxLength: 16 }, limit: { type: 'string', maxLength: 16 },
    },
  };
  opsCrd(cluster, 'Cache', spec);
  cluster.namespaces.ensure('mirror');
  new ApiObject(cluster, 'npm-cache', {
    apiVersion: 'ops.jdoe.dev/v1', kind: 'Cache', metadata: { name: 'npm', namespace: 'mirror' },
    spec: { endpoint: 'https://registry.ops3.jdoe.dev:8443/npm/', port: 8443, size: '20Gi', limit: '500Gi' },
  });
  hardenedWorkload(cluster, 'registry', {
    kind: 'StatefulSet', namespace: 'mirror', image: 'registry:2.8.3', port: 5000, user: 1000, scratch: '/var/lib/registry',
    annotations: { 'controller.kubernetes.io/pod-deletion-cost': '0' },
  });
  denyIngress(cluster, 'mirror');
}

/**
 * Settings in files and under paths: SonarQube's LTS image told its temporary folder by the sonar.properties it mounts,
 * Mattermost and Rocket.Chat served under a path of one host, Sunshine's web UI probed over HTTPS, Wolf on the host's
 * network with its own stream ports.
 */
function settingsLab(scope: Construct): void {
  const box = host('den2-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.234.8.11', gpus: [{ vendor: 'intel' }] });
  const lab = labSite('den2', '10.234.8', [box]);
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'sonarqube', name: 'sonarqube-db' }, { namespace: 'chat', name: 'mattermost-db' }] });
  configFile(cluster, 'sonarqube', 'sonar-properties', 'sonar.properties', [
    'sonar.jdbc.url=jdbc:postgresql://sonarqube-db:5432/sonarqube', 'sonar.jdbc.username=sonarqube', 'sonar.path.temp=/opt/sonarqube/data/temp', 'sonar.web.port=9000', '',
  ].join('\n'));
  const sonarDb = appDatabase(cluster, 'sonarqube-db', 'sonarqube', 'sonarqube');
  new HomelabApp(cluster, 'sonarqube', {
    namespace: 'sonarqube', image: 'sonarqube:9.9.8-community', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 9000 }],
    env: { SONAR_JDBC_PASSWORD: secret('sonarqube', 'sonarqube-db', 'password'), SONAR_ES_BOOTSTRAP_CHECKS_DISABLE: 'true' },
    resources: { memoryLimit: '3Gi' },
    persistence: {
      data: { volume: claim('10Gi'), mountPath: '/opt/sonarqube/data' }, extensions: { volume: claim('1Gi'), mountPath: '/opt/sonarqube/extensions' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/logs' },
      conf: { volume: AppVolume.configMap('sonar-properties'), mounts: [{ mountPath: '/opt/sonarqube/conf/sonar.properties', subPath: 'sonar.properties' }], readOnly: true },
    },
    egress: [sonarDb, ...web], route: { host: 'sonar' },
  });
  const mmDb = appDatabase(cluster, 'mattermost-db', 'chat', 'mattermost');
  new HomelabApp(cluster, 'mattermost', {
    namespace: 'chat', image: 'mattermost/mattermost-team-edition:10.5.2', runAsUser: 2000, runAsGroup: 2000, ports: [{ name: 'http', port: 8065 }],
    env: {
      MM_SQLSETTINGS_DRIVERNAME: 'postgres', MM_SQLSETTINGS_DATASOURCE: secret('chat', 'mattermost-db', 'datasource'),
      MM_SERVICESETTINGS_SITEURL: 'https://team.den2.jdoe.dev/mattermost',
    },
    persistence: Object.fromEntries(['config', 'data', 'logs', 'plugins', 'client/plugins'].map((folder) => [folder.replace('/', '-'), { volume: claim('1Gi'), mountPath: `/mattermost/${folder}` }])),
    egress: [mmDb], route: { host: 'team', path: '/mattermost' },
  });
  const mongo = mongoReplicaSet(cluster, 'chat', 'mongo:7.0.16');
  new HomelabApp(cluster, 'rocketchat', {
    namespace: 'chat', image: 'registry.rocket.chat/rocketchat/rocket.chat:7.4.1', ports: [{ name: 'http', port: 3000 }],
    env: { MONGO_URL: 'mongodb://mongodb:27017/rocketchat?replicaSet=rs0', ROOT_URL: 'https://team.den2.jdoe.dev/rocketchat' },
    egress: [mongo], route: { host: 'team', path: '/rocketchat' },
  });
  new HomelabApp(cluster, 'sunshine', {
    namespace: 'games', image: 'ghcr.io/lizardbyte/sunshine:v2025.628.4510', runAsUser: 1000, runAsGroup: 1000,
    ports: [
      { name: 'https', port: 47984, appProtocol: 'https' }, { name: 'http', port: 47989 }, { name: 'webui', port: 47990, appProtocol: 'https' }, { name: 'rtsp', port: 48010 },
      { name: 'video', port: 47998, protocol: 'UDP' }, { name: 'control', port: 47999, protocol: 'UDP' }, { name: 'audio', port: 48000, protocol: 'UDP' },
    ],
    probes: { readiness: { port: 47990, httpPath: '/' }, liveness: { port: 47990, httpPath: '/' } },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' } },
    exemptions: { unverifiedBackendTls: 'Sunshine signs its own certificate' },
    loadBalancer: { address: lab.pools.lb.at('10.234.8.202'), ports: ['https', 'http', 'rtsp', 'video', 'control', 'audio'] },
    route: { host: 'stream', port: 47990 },
  });
  new HomelabApp(cluster, 'wolf', {
    namespace: 'wolf', image: `ghcr.io/games-on-whales/wolf:stable@sha256:${'9c'.repeat(32)}`,
    ports: [
      { name: 'https', port: 47984, appProtocol: 'https' }, { name: 'http', port: 47989 }, { name: 'rtsp', port: 48010 }, { name: 'control', port: 47999, protocol: 'UDP' },
      { name: 'video', port: 48100, protocol: 'UDP' }, { name: 'audio', port: 48200, protocol: 'UDP' },
    ],
    env: { WOLF_RENDER_NODE: '/dev/dri/renderD128', XDG_RUNTIME_DIR: '/tmp/sockets' },
    gpu: { vendor: 'intel' },
    persistence: { config: { volume: claim('10Gi'), mountPath: '/etc/wolf' } },
    exemptions: { runAsRoot: 'Wolf manages its app containers and input devices as root', hostNetwork: 'Moonlight clients find Wolf by mDNS on the LAN', writableRootFilesystem: 'Wolf writes its sockets and state under /tmp and /etc/wolf' },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['team chat lab', chatLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
  ['tables and dashboards lab', tablesLab, TRAEFIK],
  ['radio receivers lab', radioLab, TRAEFIK],
  ['game streaming lab', gamesLab, TRAEFIK],
  ['office lab', officeLab, TRAEFIK],
  ['code quality lab', codeQualityLab, TRAEFIK],
  ['CRD rules lab', operatorLab, TRAEFIK],
  ['settings in files lab', settingsLab, TRAEFIK],
];

/**
 * The findings a lab deserves, by its name: CUPS shared by its address on a load balancer announces no printer by mDNS
 * to the LAN, a warning, as clients that add the printer by its IPP address still print.
 */
const DESERVED: Readonly<Record<string, readonly string[]>> = { 'office lab': ['warning main/cups exemptions.hostNetwork'] };

describe('a sixteenth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (name, define) => {
    expect(shownFindings(define)).toEqual(DESERVED[name] ?? []);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  /**
   * The findings on `field` (`image` unless given) of an app given `props`, beside a ConfigMap of an rtl_433 config
   * file mounted at /etc/rtl_433. An error on the props stops the App's construction, so the findings are read from the
   * tree as it was left.
   */
  const findingsOn = (props: Partial<AppProps> & { image: string }, field = 'image'): string[] => {
    const app = new App();
    try {
      const cluster = oneNodeLab(app, 'moved', '10.234.12');
      configFile(cluster, 'tools', 'settings', 'rtl_433.conf', 'device rtl_tcp:10.234.12.30:1234\n');
      new HomelabApp(cluster, 'tool', {
        namespace: 'tools', ports: [{ name: 'http', port: 9000 }], egress: 'any', resources: { memoryLimit: '4Gi' },
        persistence: { conf: { volume: AppVolume.configMap('settings'), mountPath: '/etc/rtl_433', readOnly: true }, data: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/data' } },
        ...props,
      });
    } catch {
      // The error is reported on the App.
    }
    return app.node.findAll().flatMap((construct) => construct.node.metadata.map(({ data }) => data as Partial<Finding>)
      .filter((finding) => finding.field === field).map((finding) => `${String(finding.severity)} ${construct.node.path} ${field}`));
  };
  const imageFindings = (props: Partial<AppProps> & { image: string }) => findingsOn(props);

  test("SonarQube's temporary folder moved by SONAR_PATH_TEMP passes; left on the read-only root it still is an error", () => {
    expect(imageFindings({ image: 'sonarqube:10.7.0-community', env: { SONAR_PATH_TEMP: '/tmp/sonarqube' } })).toEqual([]);
    expect(imageFindings({ image: 'sonarqube:10.7.0-community' })).toEqual(['error main/tool image']);
  });

  test("SonarQube mounting its sonar.properties, where sonar.path.temp may move the folder, passes", () => {
    expect(imageFindings({
      image: 'sonarqube:9.9.8-community',
      persistence: {
        data: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/data' },
        conf: { volume: AppVolume.configMap('settings'), mounts: [{ mountPath: '/opt/sonarqube/conf/sonar.properties', subPath: 'rtl_433.conf' }], readOnly: true },
      },
    })).toEqual([]);
  });

  test("rtl_433 told its source by a config file passes; a dongle named on its command line without USB devices still is an error", () => {
    expect(imageFindings({ image: 'hertzg/rtl_433:25.02', args: ['-c', '/etc/rtl_433/rtl_433.conf'] })).toEqual([]);
    expect(imageFindings({ image: 'hertzg/rtl_433:25.02', args: ['-c', '/etc/rtl_433/rtl_433.conf', '-d', ':00000433'] })).toEqual(['error main/tool image']);
    expect(imageFindings({ image: 'hertzg/rtl_433:25.02', args: ['-f', '868M'] })).toEqual(['error main/tool image']);
  });

  test("RomM given its secret key and database password as files passes; given neither way it still is an error", () => {
    const romm = (env: Record<string, string>) => findingsOn({
      image: 'rommapp/romm:3.10.2', ports: [{ name: 'http', port: 8080 }], env: { DB_HOST: 'romm-db', DB_USER: 'romm', ...env },
      persistence: { secrets: { volume: AppVolume.secret('romm'), mountPath: '/run/secrets/romm', readOnly: true } },
      exemptions: { writableRootFilesystem: 'nginx and the bundled Valkey write under /var and /tmp' },
    }, 'env');
    expect(romm({ ROMM_AUTH_SECRET_KEY_FILE: '/run/secrets/romm/auth-key', DB_PASSWD_FILE: '/run/secrets/romm/db-password' })).toEqual([]);
    expect(romm({ DB_PASSWD_FILE: '/run/secrets/romm/db-password' })).toEqual(['error main/tool env']);
    expect(romm({ ROMM_AUTH_SECRET_KEY_FILE: '/run/secrets/romm/auth-key' })).toEqual(['error main/tool env']);
  });
});
