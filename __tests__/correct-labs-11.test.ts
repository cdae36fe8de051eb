import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppDevice, AppVolume, declareExternal, HomelabApp, host, ingressNginx, IngressTls, rootInitExemption, SecretReference } from '../constructs';
import type { AppProps } from '../constructs';
import { keycloakStartProblems } from '../constructs/app/keycloak-start';
import { minifluxStartProblems } from '../constructs/app/miniflux-start';
import { victoriaRetentionProblems } from '../constructs/app/victoria-metrics-flags';
import { zitadelExternalProblems } from '../constructs/app/zitadel-external';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { appDatabase, configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// An eleventh round of labs a user writes from the README alone, each meeting the checks added in the last release in
// a correct but less common form: UI ports that answer TLS alone routed there as HTTPS (UniFi, a browser desktop,
// Kasm, Authentik and Kanidm behind ingress-nginx) or moved by flags and variables (Keycloak, Omada); Paperless-ngx
// run as its user on an emptyDir at /run with s6-overlay's Kubernetes switch; pgvector as PostgreSQL for Synapse and
// Outline; Miniflux's admin from files of a Secret on a moved port, Meilisearch on a port and database of its flags;
// Spoolman on a port of its variable, Moonraker as Klipper's native sidecar, µStreamer told its address by -s, OctoPrint's
// minimal image; Zitadel told its external settings by a file and its masterkey by a file, Kanidm by its server.toml;
// VictoriaMetrics' flags with two dashes, vmagent writing to two stores by one flag, vmalert's URLs, Alloy reading a
// folder; Elasticsearch's password from a file, TubeArchivist through the lab's proxy, Live TV on one media server of
// two; settings read from a ConfigMap. Each synthesizes with no finding (none is deserved), every cluster folder builds
// with kustomize, every probe and Service reaches a port its pod declares, and every NetworkPolicy lets in the
// ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

const LSIO = {
  runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
  writableRootFilesystem: 's6-overlay writes its service tree under /run',
  addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
};

/** Admin UIs on ports that answer TLS alone, routed there as HTTPS, or moved to plain HTTP by their flags. */
function adminLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'admin', '10.241.1');
  declareExternal(cluster, { secrets: [{ namespace: 'unifi', name: 'unifi-mongo' }, { namespace: 'keycloak', name: 'keycloak' }, { namespace: 'browser', name: 'firefox' }] });
  // The UniFi Network Application of linuxserver.io, its UI routed to its own HTTPS port.
  new HomelabApp(cluster, 'unifi', {
    image: 'lscr.io/linuxserver/unifi-network-application:8.6.9', ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'inform', port: 8080 }],
    env: {
      PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo', MONGO_HOST: '10.241.1.5', MONGO_PORT: '27017', MONGO_DBNAME: 'unifi', MONGO_USER: 'unifi',
      MONGO_PASS: secret('unifi', 'unifi-mongo', 'password'), MONGO_AUTHSOURCE: 'admin',
    },
    exemptions: { ...LSIO, unverifiedBackendTls: 'the controller signs its own certificate' },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    egress: [{ cidr: '10.241.1.5/32', ports: [{ port: 27017 }] }],
    route: { host: 'unifi', port: 8443 },
  });
  // Keycloak started by its flags in plain HTTP behind the route, its health on the management port.
  new HomelabApp(cluster, 'keycloak', {
    image: 'quay.io/keycloak/keycloak:26.0.7', ports: [{ name: 'http', port: 8080 }, { name: 'management', port: 9000 }],
    args: ['start', '--http-enabled=true', '--hostname=https://sso.admin.jdoe.dev', '--proxy-headers=xforwarded', '--health-enabled=true', '--db=dev-file'],
    env: { KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: secret('keycloak', 'keycloak', 'admin-password') },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/opt/keycloak/data' } },
    probes: { readiness: { httpPath: '/health/ready', port: 9000 }, liveness: { httpPath: '/health/live', port: 9000 }, startup: { httpPath: '/health/started', port: 9000, failureThreshold: 60 } },
    route: { host: 'sso' },
  });
  // linuxserver.io's Firefox in the browser, routed to its HTTPS port.
  new HomelabApp(cluster, 'firefox', {
    namespace: 'browser', image: 'lscr.io/linuxserver/firefox:1.0.0-version-131.0', ports: [{ name: 'https', port: 3001, appProtocol: 'https' }],
    env: { PUID: '1000', PGID: '1000', CUSTOM_USER: 'jdoe', PASSWORD: secret('browser', 'firefox', 'password') },
    exemptions: { ...LSIO, unverifiedBackendTls: 'its web server signs its own certificate' },
    resources: { memoryLimit: '3Gi' },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' }, shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '1Gi' }), mountPath: '/dev/shm' } },
    route: { host: 'firefox', port: 3001 },
  });
}

/** Paperless-ngx 2.15 run as its user on an emptyDir at /run s6-overlay is told to take, its Redis beside it. */
function paperLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'paper', '10.240.1');
  declareExternal(cluster, { secrets: [{ namespace: 'paperless', name: 'paperless' }] });
  const redis = new HomelabApp(cluster, 'redis', { namespace: 'paperless', image: 'docker.io/library/redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999 });
  const paperless = new HomelabApp(cluster, 'paperless', {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3', ports: [{ name: 'http', port: 8000 }], runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000,
    env: {
      S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1', PAPERLESS_REDIS: 'redis://redis:6379', PAPERLESS_URL: 'https://docs.paper.jdoe.dev',
      PAPERLESS_SECRET_KEY: secret('paperless', 'paperless', 'secret-key'), PAPERLESS_ADMIN_USER: 'jdoe', PAPERLESS_ADMIN_PASSWORD: secret('paperless', 'paperless', 'admin-password'),
      PAPERLESS_DBENGINE: 'sqlite', PAPERLESS_TIME_ZONE: 'Europe/Oslo',
    },
    resources: { memoryLimit: '3Gi' },
    exemptions: { writableRootFilesystem: 'its start writes the environment of its services under /etc and caches its NLTK data' },
    persistence: {
      data: { volume: claim('5Gi'), mountPath: '/usr/src/paperless/data' }, media: { volume: claim('50Gi'), mountPath: '/usr/src/paperless/media' },
      consume: { volume: claim('5Gi'), mountPath: '/usr/src/paperless/consume' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run' },
    },
    egress: [redis], route: { host: 'docs' },
  });
  redis.addAllowFrom(paperless);
}

/** pgvector's image as PostgreSQL's own: Synapse's database made with the C collation, Outline's on plain connections. */
function vectorsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'chat', '10.239.1');
  declareExternal(cluster, { secrets: [{ namespace: 'db', name: 'postgres' }, { namespace: 'outline', name: 'outline' }, { namespace: 'matrix', name: 'synapse' }] });
  const db = new HomelabApp(cluster, 'pgvector', {
    namespace: 'db', image: 'pgvector/pgvector:0.8.0-pg17', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, runAsGroup: 999, fsGroup: 999,
    controller: AppController.statefulSet(),
    env: {
      POSTGRES_USER: 'synapse', POSTGRES_DB: 'synapse', POSTGRES_PASSWORD: secret('db', 'postgres', 'password'),
      POSTGRES_INITDB_ARGS: '--encoding=UTF8 --lc-collate=C --lc-ctype=C', PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    persistence: {
      data: { volume: claim('20Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  const redis = new HomelabApp(cluster, 'redis', { namespace: 'outline', image: 'docker.io/library/redis:7.4.2', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999 });
  const outline = new HomelabApp(cluster, 'outline', {
    image: 'docker.getoutline.com/outlinewiki/outline:0.82.0', ports: [{ name: 'http', port: 3000 }],
    env: {
      URL: 'https://wiki.chat.jdoe.dev', SECRET_KEY: secret('outline', 'outline', 'secret-key'), UTILS_SECRET: secret('outline', 'outline', 'utils-secret'),
      DATABASE_URL: secret('outline', 'outline', 'database-url'), PGSSLMODE: 'disable', REDIS_URL: 'redis://redis:6379', FILE_STORAGE: 'local',
    },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/outline/data' } },
    egress: [db, redis], route: { host: 'wiki' },
  });
  redis.addAllowFrom(outline);
  configFile(cluster, 'matrix', 'synapse-db', 'database.yaml', [
    'database:', '  name: psycopg2', '  args:', '    user: synapse', '    database: synapse', '    host: pgvector.db.svc.cluster.local', '    cp_min: 5', '    cp_max: 10', '',
  ].join('\n'));
  const synapse = new HomelabApp(cluster, 'synapse', {
    namespace: 'matrix', image: 'ghcr.io/element-hq/synapse:v1.120.2', ports: [{ name: 'http', port: 8008 }], runAsUser: 991, runAsGroup: 991, fsGroup: 991,
    env: { SYNAPSE_CONFIG_PATH: '/data/homeserver.yaml', SYNAPSE_CONFIG_DIR: '/data' },
    persistence: {
      data: { volume: claim('10Gi'), mountPath: '/data' },
      database: { volume: AppVolume.configMap('synapse-db'), mountPath: '/config', readOnly: true },
    },
    egress: [db], route: { host: 'matrix' },
  });
  db.addAllowFrom(outline);
  db.addAllowFrom(synapse);
}

/** Miniflux's admin from files of a mounted Secret on its moved port, Meilisearch on a port and database of its flags, Linkwarden's NEXTAUTH_URL from a Secret. */
function readingLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'reading', '10.238.1');
  declareExternal(cluster, { secrets: [
    { namespace: 'miniflux', name: 'miniflux' }, { namespace: 'linkwarden', name: 'linkwarden' }, { namespace: 'search', name: 'meilisearch' }, { namespace: 'archivebox', name: 'archivebox' },
  ] });
  const minifluxDb = appDatabase(cluster, 'miniflux-db', 'miniflux', 'miniflux');
  new HomelabApp(cluster, 'miniflux', {
    image: 'ghcr.io/miniflux/miniflux:2.2.6-distroless', ports: [{ name: 'http', port: 8081 }],
    env: {
      DATABASE_URL_FILE: '/run/secrets/miniflux/database-url', RUN_MIGRATIONS: 'on', CREATE_ADMIN: 'true',
      ADMIN_USERNAME_FILE: '/run/secrets/miniflux/admin-username', ADMIN_PASSWORD_FILE: '/run/secrets/miniflux/admin-password',
      LISTEN_ADDR: '0.0.0.0:8081', BASE_URL: 'https://rss.reading.jdoe.dev',
    },
    persistence: { secrets: { volume: AppVolume.secret('miniflux'), mountPath: '/run/secrets/miniflux', readOnly: true } },
    probes: { readiness: { httpPath: '/healthcheck' } },
    egress: [minifluxDb, { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 80 }] }], route: { host: 'rss' },
  });
  const meilisearch = new HomelabApp(cluster, 'meilisearch', {
    namespace: 'search', image: 'getmeili/meilisearch:v1.12.8', ports: [{ name: 'http', port: 7701 }],
    args: ['meilisearch', '--http-addr', '0.0.0.0:7701', '--db-path', '/meili_data/db', '--env', 'production'],
    env: { MEILI_MASTER_KEY: secret('search', 'meilisearch', 'master-key'), MEILI_NO_ANALYTICS: 'true' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/meili_data' } },
  });
  const linkwardenDb = appDatabase(cluster, 'linkwarden-db', 'linkwarden', 'linkwarden');
  const linkwarden = new HomelabApp(cluster, 'linkwarden', {
    image: 'ghcr.io/linkwarden/linkwarden:v2.10.2', ports: [{ name: 'http', port: 3000 }],
    env: {
      DATABASE_URL: secret('linkwarden', 'linkwarden', 'database-url'), NEXTAUTH_SECRET: secret('linkwarden', 'linkwarden', 'nextauth-secret'),
      NEXTAUTH_URL: secret('linkwarden', 'linkwarden', 'nextauth-url'), MEILI_HOST: 'http://meilisearch.search:7701', MEILI_MASTER_KEY: secret('linkwarden', 'linkwarden', 'meili-key'),
    },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/data/data' } },
    resources: { memoryLimit: '2Gi' },
    egress: [linkwardenDb, meilisearch, { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 80 }] }], route: { host: 'links' },
  });
  meilisearch.addAllowFrom(linkwarden);
  // ArchiveBox's newer release, started as root as its image is built.
  new HomelabApp(cluster, 'archivebox', {
    image: 'archivebox/archivebox:0.7.2', ports: [{ name: 'http', port: 8000 }],
    env: { ALLOWED_HOSTS: 'archive.reading.jdoe.dev', CSRF_TRUSTED_ORIGINS: 'https://archive.reading.jdoe.dev', PUID: '1000', PGID: '1000', ADMIN_USERNAME: 'jdoe', ADMIN_PASSWORD: secret('archivebox', 'archivebox', 'admin-password') },
    persistence: { data: { volume: claim('50Gi'), mountPath: '/data' } },
    exemptions: {
      runAsRoot: 'its entrypoint starts as root, then runs ArchiveBox as PUID:PGID',
      addCapabilities: rootInitExemption('exec', 'gives /data to PUID:PGID and switches to them with gosu'),
      writableRootFilesystem: 'its entrypoint changes the ids of its user in /etc/passwd',
    },
    egress: [{ cidr: '0.0.0.0/0' }], route: { host: 'archive' },
  });
}

/** Where Klipper and Moonraker keep their files in prind's images. */
const PRINTER_DATA = '/opt/printer_data';

/** Spoolman on a port of its variable, Moonraker as a native sidecar of Klipper, µStreamer told its address by its short flag, OctoPrint's minimal image. */
function printingLab(scope: Construct): void {
  const node = host('bench-1', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.237.1.11' });
  const cluster = k3sCluster(scope, labSite('bench', '10.237.1', [node]));
  const spoolman = new HomelabApp(cluster, 'spoolman', {
    image: 'ghcr.io/donkie/spoolman:0.21.0', ports: [{ name: 'http', port: 7912 }],
    env: { SPOOLMAN_PORT: '7912', SPOOLMAN_HOST: '0.0.0.0', PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo' },
    exemptions: {
      runAsRoot: 'its entrypoint changes its user to PUID:PGID and starts the server as that user',
      addCapabilities: rootInitExemption('exec', 'switches to PUID:PGID with gosu'),
      writableRootFilesystem: 'its entrypoint changes the ids of its user in /etc/passwd',
    },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/home/app/.local/share/spoolman' } },
    route: { host: 'spools' },
  });
  cluster.namespaces.ensure('klipper');
  configFile(cluster, 'klipper', 'moonraker-conf', 'moonraker.conf',
    `[server]\nhost: 0.0.0.0\nport: 7125\nklippy_uds_address: ${PRINTER_DATA}/comms/klippy.sock\n\n[authorization]\ntrusted_clients:\n  10.42.0.0/16\n\n[spoolman]\nserver: http://spoolman.spoolman:7912\n`);
  // Moonraker runs as a sidecar that starts before Klipper, on the socket folder they share.
  new HomelabApp(cluster, 'klipper', {
    namespace: 'klipper', image: 'mkuf/klipper:v0.12.0-114-ga77d0790',
    args: ['-I', `${PRINTER_DATA}/comms/klippy.serial`, '-a', `${PRINTER_DATA}/comms/klippy.sock`, `${PRINTER_DATA}/config/printer.cfg`],
    devices: [AppDevice.hostDevice('/dev/ttyUSB0')],
    exemptions: { hostPath: 'the printer board', privileged: 'opens the printer board, which no device plugin hands over' },
    persistence: {
      comms: { volume: AppVolume.emptyDir(), mountPath: `${PRINTER_DATA}/comms`, containers: ['klipper', 'moonraker'] },
      config: { volume: claim('1Gi'), mountPath: `${PRINTER_DATA}/config`, containers: ['klipper', 'moonraker'] },
      moonraker: { volume: AppVolume.configMap('moonraker-conf'), mounts: [{ mountPath: `${PRINTER_DATA}/config/moonraker.conf`, subPath: 'moonraker.conf' }], containers: ['moonraker'] },
    },
    sidecars: [{ name: 'moonraker', image: 'mkuf/moonraker:v0.9.3-9-g2e9b5b3', args: ['-d', PRINTER_DATA], ports: [{ name: 'moonraker', port: 7125 }] }],
    egress: [spoolman],
  });
  new HomelabApp(cluster, 'webcam', {
    namespace: 'klipper', image: 'mkuf/ustreamer:f11d390', ports: [{ name: 'http', port: 8081 }],
    args: ['-s', '0.0.0.0', '-p', '8081', '-d', '/dev/video0', '-r', '1920x1080', '-m', 'MJPEG', '--drop-same-frames=30'],
    devices: [AppDevice.hostDevice('/dev/video0')],
    exemptions: { hostPath: 'the webcam', privileged: 'opens the webcam, which no device plugin hands over' },
    route: { host: 'cam' },
  });
  new HomelabApp(cluster, 'octoprint', {
    image: 'octoprint/octoprint:1.10.3-minimal', ports: [{ name: 'http', port: 5000 }],
    devices: [AppDevice.hostDevice('/dev/ttyACM0')],
    persistence: { data: { volume: claim('5Gi'), mountPath: '/octoprint' } },
    exemptions: { hostPath: 'the second printer', privileged: 'opens the printer, which no device plugin hands over' },
    route: { host: 'octoprint' },
  });
}

const ZITADEL_CONFIG = [
  'ExternalDomain: login.ids.jdoe.dev', 'ExternalPort: 443', 'ExternalSecure: true', 'TLS:', '  Enabled: false',
  'Database:', '  postgres:', '    Host: 10.236.1.5', '    Port: 5432', '    Database: zitadel', '    User:', '      Username: zitadel', '      SSL:', '        Mode: disable',
  '    Admin:', '      Username: postgres', '      SSL:', '        Mode: disable', '',
].join('\n');

/** Zitadel told its external settings by a configuration file and its masterkey by a file of a Secret, Kanidm by its server.toml, Pocket ID on a port of its variable. */
function identityLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'ids', '10.236.1');
  declareExternal(cluster, { secrets: [{ namespace: 'zitadel', name: 'zitadel' }, { namespace: 'kanidm', name: 'kanidm-tls' }] });
  configFile(cluster, 'zitadel', 'zitadel-config', 'zitadel.yaml', ZITADEL_CONFIG);
  new HomelabApp(cluster, 'zitadel', {
    image: 'ghcr.io/zitadel/zitadel:v2.66.10', ports: [{ name: 'http', port: 8080 }],
    args: ['start-from-init', '--config', '/config/zitadel.yaml', '--masterkeyFile', '/secrets/masterkey', '--tlsMode', 'external'],
    env: {
      ZITADEL_DATABASE_POSTGRES_USER_PASSWORD: secret('zitadel', 'zitadel', 'db-password'), ZITADEL_DATABASE_POSTGRES_ADMIN_PASSWORD: secret('zitadel', 'zitadel', 'postgres-password'),
    },
    persistence: {
      config: { volume: AppVolume.configMap('zitadel-config'), mountPath: '/config', readOnly: true },
      secrets: { volume: AppVolume.secret('zitadel'), mountPath: '/secrets', readOnly: true },
    },
    probes: { readiness: { httpPath: '/debug/ready' }, liveness: { httpPath: '/debug/healthz' } },
    egress: [{ cidr: '10.236.1.5/32', ports: [{ port: 5432 }] }],
    route: { host: 'login' },
  });
  configFile(cluster, 'kanidm', 'kanidm-config', 'server.toml', [
    'bindaddress = "[::]:8443"', 'ldapbindaddress = "[::]:3636"', 'db_path = "/data/kanidm.db"', 'tls_chain = "/certs/tls.crt"', 'tls_key = "/certs/tls.key"',
    'domain = "idm.ids.jdoe.dev"', 'origin = "https://idm.ids.jdoe.dev"', '',
  ].join('\n'));
  new HomelabApp(cluster, 'kanidm', {
    image: 'docker.io/kanidm/server:1.4.6', ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'ldaps', port: 3636 }],
    args: ['kanidmd', 'server', '-c', '/config/server.toml'],
    persistence: {
      data: { volume: claim('2Gi'), mountPath: '/data' },
      config: { volume: AppVolume.configMap('kanidm-config'), mountPath: '/config', readOnly: true },
      certs: { volume: AppVolume.secret('kanidm-tls'), mountPath: '/certs', readOnly: true },
    },
    exemptions: { unverifiedBackendTls: 'Kanidm serves HTTPS alone, with a certificate of the lab CA' },
    route: { host: 'idm', port: 8443 },
  });
  new HomelabApp(cluster, 'pocket-id', {
    image: 'ghcr.io/pocket-id/pocket-id:v1.6.2-distroless', ports: [{ name: 'http', port: 8080 }],
    env: { APP_URL: 'https://id.ids.jdoe.dev/', PORT: '8080', TRUST_PROXY: 'true', DB_PROVIDER: 'sqlite' },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/app/data' } },
    route: { host: 'id' },
  });
}

const SCRAPE_STATIC = `global:
  scrape_interval: 30s
scrape_configs:
  - job_name: nas
    static_configs:
      - targets: ['10.235.1.5:9100', '10.235.1.6:9100']
  - job_name: router
    metrics_path: /snmp
    static_configs:
      - targets: ['10.235.1.1']
`;

/** VictoriaMetrics told its flags with two dashes, vmagent writing to two stores by one flag, vmalert's URLs, Alloy reading a folder, Prometheus of static targets. */
function metricsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'gauges', '10.235.1');
  declareExternal(cluster, { secrets: [{ namespace: 'metrics', name: 'remote-write' }] });
  const victoria = new HomelabApp(cluster, 'victoria-metrics', {
    namespace: 'metrics', image: 'quay.io/victoriametrics/victoria-metrics:v1.110.0', controller: AppController.statefulSet(), ports: [{ name: 'http', port: 8428 }],
    args: ['--retentionPeriod=2y', '--storageDataPath=/storage', '--httpListenAddr=:8428', '--selfScrapeInterval=30s'],
    persistence: { storage: { volume: claim('50Gi'), mountPath: '/storage' } },
  });
  configFile(cluster, 'metrics', 'vmagent', 'scrape.yml', SCRAPE_STATIC);
  const vmagent = new HomelabApp(cluster, 'vmagent', {
    namespace: 'metrics', image: 'victoriametrics/vmagent:v1.110.0', ports: [{ name: 'http', port: 8429 }],
    args: [
      '-promscrape.config', '/etc/vmagent/scrape.yml', '-remoteWrite.url', 'http://victoria-metrics:8428/api/v1/write,https://metrics.jdoe.dev/api/v1/write',
      '-remoteWrite.basicAuth.passwordFile=,/secrets/password', '-remoteWrite.tmpDataPath', '/queue',
    ],
    persistence: {
      config: { volume: AppVolume.configMap('vmagent'), mountPath: '/etc/vmagent', readOnly: true },
      secrets: { volume: AppVolume.secret('remote-write'), mountPath: '/secrets', readOnly: true },
      queue: { volume: claim('2Gi'), mountPath: '/queue' },
    },
    egress: [victoria, { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 9100 }, { port: 80 }] }],
  });
  configFile(cluster, 'metrics', 'vmalert-rules', 'nas.yml', 'groups:\n  - name: nas\n    rules:\n      - alert: NasDown\n        expr: up{job="nas"} == 0\n        for: 5m\n');
  const alertmanager = new HomelabApp(cluster, 'alertmanager', {
    namespace: 'metrics', image: 'quay.io/prometheus/alertmanager:v0.28.0', ports: [{ name: 'http', port: 9093 }],
    persistence: { data: { volume: claim('1Gi'), mountPath: '/alertmanager' } },
  });
  const vmalert = new HomelabApp(cluster, 'vmalert', {
    namespace: 'metrics', image: 'victoriametrics/vmalert:v1.110.0', ports: [{ name: 'http', port: 8880 }],
    args: [
      '-rule=/etc/vmalert/*.yml', '-datasource.url=http://victoria-metrics:8428', '-remoteWrite.url=http://victoria-metrics:8428', '-remoteRead.url=http://victoria-metrics:8428',
      '-notifier.url=http://alertmanager:9093',
    ],
    persistence: { rules: { volume: AppVolume.configMap('vmalert-rules'), mountPath: '/etc/vmalert', readOnly: true } },
    egress: [victoria, alertmanager],
  });
  victoria.addAllowFrom(vmagent);
  victoria.addAllowFrom(vmalert);
  alertmanager.addAllowFrom(vmalert);
  configFile(cluster, 'logs', 'alloy', 'main.alloy', [
    'prometheus.exporter.unix "host" { }', 'prometheus.scrape "host" {', '  targets    = prometheus.exporter.unix.host.targets',
    '  forward_to = [prometheus.remote_write.victoria.receiver]', '}',
    'prometheus.remote_write "victoria" {', '  endpoint {', '    url = "http://victoria-metrics.metrics:8428/api/v1/write"', '  }', '}', '',
  ].join('\n'));
  const alloy = new HomelabApp(cluster, 'alloy', {
    namespace: 'logs', image: 'docker.io/grafana/alloy:v1.6.1', ports: [{ name: 'http', port: 12345 }],
    args: ['run', '--server.http.listen-addr', '0.0.0.0:12345', '--storage.path=/var/lib/alloy/data', '--disable-reporting', '/etc/alloy'],
    persistence: { config: { volume: AppVolume.configMap('alloy'), mountPath: '/etc/alloy', readOnly: true }, data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/alloy/data' } },
    egress: [victoria],
  });
  victoria.addAllowFrom(alloy);
  configFile(cluster, 'metrics', 'prometheus', 'prometheus.yml', SCRAPE_STATIC);
  new HomelabApp(cluster, 'prometheus', {
    namespace: 'metrics', image: 'prom/prometheus:v3.1.0', ports: [{ name: 'http', port: 9090 }], controller: AppController.statefulSet(),
    args: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', '--storage.tsdb.retention.time=30d'],
    persistence: {
      data: { volume: claim('20Gi'), mountPath: '/prometheus' },
      config: { volume: AppVolume.configMap('prometheus'), mounts: [{ mountPath: '/etc/prometheus/prometheus.yml', subPath: 'prometheus.yml', readOnly: true }] },
    },
    egress: [{ cidr: '10.235.1.0/24', ports: [{ port: 9100 }, { port: 80 }] }],
    route: { host: 'prometheus' },
  });
  new HomelabApp(cluster, 'smokeping', {
    namespace: 'smokeping', image: 'ghcr.io/linuxserver/smokeping:2.8.2-r3-ls120', ports: [{ name: 'http', port: 80 }], env: { PUID: '1000', PGID: '1000' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' }, data: { volume: claim('5Gi'), mountPath: '/data' } },
    exemptions: { ...LSIO, addCapabilities: rootInitExemption('supervisor', 's6-overlay drops to PUID; fping sends its echo requests on a raw socket', ['NET_RAW']) },
    route: { host: 'smokeping' },
  });
}

/** Elasticsearch's config folder copied to a volume by an init container, TubeArchivist through the lab's proxy, Pinchflat of Docker Hub, Live TV from Tunarr to Jellyfin alone. */
function videoLab(scope: Construct): void {
  const node = host('tube-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.234.1.11', memoryGigabytes: 32 });
  const lab = labSite('tube', '10.234.1', [node], { nfs: { media: { server: '10.234.1.5', path: '/volume1/media' } } });
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'tubearchivist', name: 'tubearchivist' }] });
  const esPassword = secret('tubearchivist', 'tubearchivist', 'elastic-password');
  // The password read from a file of the mounted Secret, which the entrypoint writes into the keystore beside the image's settings.
  const es = new HomelabApp(cluster, 'archivist-es', {
    namespace: 'tubearchivist', image: 'docker.elastic.co/elasticsearch/elasticsearch:8.17.4', controller: AppController.statefulSet(), ports: [{ name: 'http', port: 9200 }],
    env: { ELASTIC_PASSWORD_FILE: '/run/secrets/es/elastic-password', ES_JAVA_OPTS: '-Xms1g -Xmx1g', 'xpack.security.enabled': 'true', 'discovery.type': 'single-node', 'path.repo': '/usr/share/elasticsearch/data/snapshot' },
    resources: { memoryLimit: '2Gi' },
    exemptions: { writableRootFilesystem: 'the entrypoint writes bootstrap.password into the keystore under /usr/share/elasticsearch/config' },
    persistence: {
      data: { volume: claim('20Gi'), mountPath: '/usr/share/elasticsearch/data' },
      password: { volume: AppVolume.secret('tubearchivist'), mountPath: '/run/secrets/es', readOnly: true },
    },
  });
  const redis = new HomelabApp(cluster, 'archivist-redis', {
    namespace: 'tubearchivist', image: 'redis:7.4.2', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999,
    persistence: { data: { volume: claim('1Gi'), mountPath: '/data' } },
  });
  const proxy = new HomelabApp(cluster, 'squid', {
    namespace: 'proxy', image: 'docker.io/ubuntu/squid:6.6-24.04_beta', ports: [{ name: 'proxy', port: 3128 }],
    exemptions: { runAsRoot: 'its entrypoint starts squid as root, which drops to proxy', writableRootFilesystem: 'squid writes its pid and logs under /var/run and /var/log' },
    persistence: { cache: { volume: claim('10Gi'), mountPath: '/var/spool/squid' } },
  });
  const archivist = new HomelabApp(cluster, 'tubearchivist', {
    image: 'bbilly1/tubearchivist:v0.5.2', ports: [{ name: 'http', port: 8000 }],
    env: {
      ES_URL: 'http://archivist-es.tubearchivist.svc.cluster.local:9200', REDIS_CON: 'redis://archivist-redis.tubearchivist.svc.cluster.local:6379/0',
      TA_HOST: 'https://tube.tube.jdoe.dev', TA_USERNAME: 'jdoe', TA_PASSWORD: secret('tubearchivist', 'tubearchivist', 'password'), ELASTIC_PASSWORD: esPassword,
      HTTPS_PROXY: 'http://squid.proxy:3128', HTTP_PROXY: 'http://squid.proxy:3128', NO_PROXY: 'archivist-es.tubearchivist.svc.cluster.local,archivist-redis.tubearchivist.svc.cluster.local',
    },
    resources: { memoryLimit: '2Gi' },
    persistence: { youtube: { volume: AppVolume.nfs(lab.nfs.media, 'youtube'), mountPath: '/youtube' }, cache: { volume: claim('10Gi'), mountPath: '/cache' } },
    egress: [es, redis, proxy], route: { host: 'tube' },
  });
  es.addAllowFrom(archivist);
  redis.addAllowFrom(archivist);
  proxy.addAllowFrom(archivist);
  new HomelabApp(cluster, 'pinchflat', {
    image: 'keglin/pinchflat:v2025.6.6', ports: [{ name: 'http', port: 8945 }], env: { TZ: 'Europe/Oslo', BASE_ROUTE_URL: 'https://pinchflat.tube.jdoe.dev' },
    persistence: { config: { volume: claim('2Gi'), mountPath: '/config' }, downloads: { volume: AppVolume.nfs(lab.nfs.media, 'pinchflat'), mountPath: '/downloads' } },
    egress: [{ cidr: '0.0.0.0/1', ports: [{ port: 443 }] }, { cidr: '128.0.0.0/1', ports: [{ port: 443 }] }], route: { host: 'pinchflat' },
  });
  const tunarr = new HomelabApp(cluster, 'tunarr', {
    image: 'chrisbenincasa/tunarr:0.22.18', ports: [{ name: 'http', port: 8000 }],
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config/tunarr' }, media: { volume: AppVolume.nfs(lab.nfs.media), mountPath: '/media', readOnly: true } },
    route: { host: 'tunarr' },
  });
  const jellyfin = new HomelabApp(cluster, 'jellyfin', {
    image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8096 }], runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000,
    persistence: {
      config: { volume: claim('10Gi'), mountPath: '/config' }, cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' },
      media: { volume: AppVolume.nfs(lab.nfs.media), mountPath: '/media', readOnly: true },
    },
    egress: [tunarr, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], route: { host: 'jellyfin' },
  });
  tunarr.addAllowFrom(jellyfin);
  // Plex serves the films alone; its Live TV is not set up.
  new HomelabApp(cluster, 'plex', {
    image: 'plexinc/pms-docker:1.41.3.9314-a0bfb8370', ports: [{ name: 'http', port: 32400 }],
    env: { TZ: 'Europe/Oslo', PLEX_UID: '1000', PLEX_GID: '1000', ADVERTISE_IP: 'https://plex.tube.jdoe.dev:443' },
    exemptions: { runAsRoot: 'its init (s6-overlay 2) starts as root and drops to PLEX_UID', writableRootFilesystem: 's6-overlay writes its service tree under /run', addCapabilities: rootInitExemption('supervisor', 'drops to PLEX_UID') },
    persistence: { config: { volume: claim('20Gi'), mountPath: '/config' }, transcode: { volume: AppVolume.emptyDir(), mountPath: '/transcode' }, films: { volume: AppVolume.nfs(lab.nfs.media, 'films'), mountPath: '/data/films', readOnly: true } },
    route: { host: 'plex' },
  });
}

/** The Omada controller on ports of its variables, a Kasm workspace and Portainer's agentless UI on their own ports, Authentik's server and worker. */
function controllersLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'ctrl', '10.233.1');
  const lan = cluster.site.pools.lb;
  declareExternal(cluster, { secrets: [{ namespace: 'kasm', name: 'kasm' }, { namespace: 'authentik', name: 'authentik' }] });
  // Omada's ports set by its variables; the access points, told the controller's address, are adopted on the LAN's address.
  new HomelabApp(cluster, 'omada', {
    image: 'mbentley/omada-controller:5.14', ports: [{ name: 'manage', port: 8443, appProtocol: 'https' }, { name: 'adopt', port: 29814 }],
    env: { MANAGE_HTTP_PORT: '8088', MANAGE_HTTPS_PORT: '8443', PORTAL_HTTP_PORT: '8088', PORTAL_HTTPS_PORT: '8843', TZ: 'Europe/Oslo', SHOW_SERVER_LOGS: 'true' },
    exemptions: {
      runAsRoot: 'its entrypoint starts as root and runs the controller as user omada', writableRootFilesystem: 'its entrypoint writes omada.properties under /opt/tplink',
      addCapabilities: rootInitExemption('exec', 'gives its folders to omada and switches to it with gosu'), unverifiedBackendTls: 'the controller signs its own certificate',
    },
    resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/opt/tplink/EAPController/data' }, logs: { volume: claim('1Gi'), mountPath: '/opt/tplink/EAPController/logs' } },
    loadBalancer: { address: lan.at('10.233.1.201'), ports: ['adopt'] },
    route: { host: 'omada', port: 8443 },
  });
  new HomelabApp(cluster, 'kasm-chrome', {
    namespace: 'kasm', image: 'kasmweb/chrome:1.16.1', ports: [{ name: 'https', port: 6901, appProtocol: 'https' }], runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000,
    env: { VNC_PW: secret('kasm', 'kasm', 'vnc-password') },
    exemptions: { writableRootFilesystem: 'its startup writes the VNC settings and the desktop under /home/kasm-user', unverifiedBackendTls: 'KasmVNC signs its own certificate' },
    resources: { memoryLimit: '4Gi' },
    persistence: { shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '1Gi' }), mountPath: '/dev/shm' } },
    probes: { readiness: { tcp: true, port: 6901 } },
    route: { host: 'chrome', port: 6901 },
  });
  new HomelabApp(cluster, 'authentik-server', {
    namespace: 'authentik', image: 'ghcr.io/goauthentik/server:2024.12.3', args: ['server'], ports: [{ name: 'http', port: 9000 }, { name: 'metrics', port: 9300 }],
    env: {
      AUTHENTIK_SECRET_KEY: secret('authentik', 'authentik', 'secret-key'), AUTHENTIK_POSTGRESQL__HOST: '10.233.1.5', AUTHENTIK_POSTGRESQL__NAME: 'authentik',
      AUTHENTIK_POSTGRESQL__USER: 'authentik', AUTHENTIK_POSTGRESQL__PASSWORD: secret('authentik', 'authentik', 'db-password'), AUTHENTIK_REDIS__HOST: 'authentik-redis',
    },
    probes: { readiness: { httpPath: '/-/health/ready/' }, liveness: { httpPath: '/-/health/live/' } },
    egress: [{ cidr: '10.233.1.5/32', ports: [{ port: 5432 }] }, { namespace: 'authentik', podLabels: { 'app.kubernetes.io/name': 'authentik-redis' } }],
    route: { host: 'auth' },
  });
  new HomelabApp(cluster, 'authentik-redis', { namespace: 'authentik', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, allowFrom: [{ namespace: 'authentik' }] });
}

/** Settings kept in a ConfigMap per environment and read from its keys: Zitadel's external settings, Keycloak's start, Miniflux's migrations, VictoriaLogs' retention, vmagent's scrape file. */
function settingsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'staged', '10.231.1');
  declareExternal(cluster, { secrets: [{ namespace: 'zitadel', name: 'zitadel' }, { namespace: 'keycloak', name: 'keycloak' }, { namespace: 'miniflux', name: 'miniflux' }] });
  const settings = (namespace: string, data: Record<string, string>) => {
    cluster.namespaces.ensure(namespace);
    new ApiObject(cluster, `${namespace}-settings`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace }, data });
  };
  const key = (name: string) => ({ configMapName: 'settings', key: name });
  settings('zitadel', { 'external-domain': 'login.staged.jdoe.dev', 'external-port': '443', 'external-secure': 'true' });
  new HomelabApp(cluster, 'zitadel', {
    image: 'ghcr.io/zitadel/zitadel:v2.71.6', args: ['start-from-init', '--masterkeyFromEnv', '--tlsMode', 'external'], ports: [{ name: 'http', port: 8080 }],
    env: {
      ZITADEL_MASTERKEY: secret('zitadel', 'zitadel', 'masterkey'), ZITADEL_TLS_ENABLED: 'false',
      ZITADEL_EXTERNALDOMAIN: key('external-domain'), ZITADEL_EXTERNALPORT: key('external-port'), ZITADEL_EXTERNALSECURE: key('external-secure'),
      ZITADEL_DATABASE_POSTGRES_HOST: '10.231.1.5', ZITADEL_DATABASE_POSTGRES_DATABASE: 'zitadel', ZITADEL_DATABASE_POSTGRES_USER_USERNAME: 'zitadel',
      ZITADEL_DATABASE_POSTGRES_USER_PASSWORD: secret('zitadel', 'zitadel', 'db-password'), ZITADEL_DATABASE_POSTGRES_USER_SSL_MODE: 'disable',
      ZITADEL_DATABASE_POSTGRES_ADMIN_USERNAME: 'postgres', ZITADEL_DATABASE_POSTGRES_ADMIN_PASSWORD: secret('zitadel', 'zitadel', 'postgres-password'), ZITADEL_DATABASE_POSTGRES_ADMIN_SSL_MODE: 'disable',
    },
    probes: { readiness: { httpPath: '/debug/ready' }, liveness: { httpPath: '/debug/healthz' } },
    egress: [{ cidr: '10.231.1.5/32', ports: [{ port: 5432 }] }], route: { host: 'login' },
  });
  settings('keycloak', { hostname: 'https://sso.staged.jdoe.dev', 'http-enabled': 'true', 'proxy-headers': 'xforwarded', 'health-enabled': 'true' });
  new HomelabApp(cluster, 'keycloak', {
    image: 'quay.io/keycloak/keycloak:26.0.7', args: ['start'], ports: [{ name: 'http', port: 8080 }, { name: 'management', port: 9000 }],
    env: {
      KC_HOSTNAME: key('hostname'), KC_HTTP_ENABLED: key('http-enabled'), KC_PROXY_HEADERS: key('proxy-headers'), KC_HEALTH_ENABLED: key('health-enabled'),
      KC_DB: 'dev-file', KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: secret('keycloak', 'keycloak', 'admin-password'),
    },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/opt/keycloak/data' } },
    probes: { readiness: { httpPath: '/health/ready', port: 9000 }, liveness: { httpPath: '/health/live', port: 9000 } },
    route: { host: 'sso' },
  });
  settings('miniflux', { 'run-migrations': '1', 'base-url': 'https://rss.staged.jdoe.dev' });
  new HomelabApp(cluster, 'miniflux', {
    image: 'miniflux/miniflux:2.2.6', ports: [{ name: 'http', port: 8080 }],
    env: { DATABASE_URL: secret('miniflux', 'miniflux', 'database-url'), RUN_MIGRATIONS: key('run-migrations'), BASE_URL: key('base-url') },
    egress: [{ cidr: '10.231.1.5/32', ports: [{ port: 5432 }] }, { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 80 }] }], route: { host: 'rss' },
  });
  // VictoriaLogs' retention given by the ConfigMap, which Kubernetes writes into its argument.
  settings('logs', { retention: '8w' });
  new HomelabApp(cluster, 'victoria-logs', {
    namespace: 'logs', image: 'victoriametrics/victoria-logs:v1.3.2-victorialogs', controller: AppController.statefulSet(), ports: [{ name: 'http', port: 9428 }],
    args: ['-storageDataPath=/vlogs', '-retentionPeriod=$(RETENTION)'], env: { RETENTION: key('retention') },
    persistence: { data: { volume: claim('20Gi'), mountPath: '/vlogs' } },
  });
  // vmagent reading the scrape file of the stage the ConfigMap names, among the stages' files it holds.
  settings('metrics', { stage: 'staging', 'staging.yml': SCRAPE_STATIC, 'production.yml': SCRAPE_STATIC });
  new HomelabApp(cluster, 'vmagent', {
    namespace: 'metrics', image: 'victoriametrics/vmagent:v1.110.0', ports: [{ name: 'http', port: 8429 }], env: { STAGE: key('stage') },
    args: ['-promscrape.config=/etc/vmagent/$(STAGE).yml', '-remoteWrite.url=https://metrics.jdoe.dev/api/v1/write', '-remoteWrite.tmpDataPath=/queue'],
    persistence: { config: { volume: AppVolume.configMap('settings'), mountPath: '/etc/vmagent', readOnly: true }, queue: { volume: claim('2Gi'), mountPath: '/queue' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }, { cidr: '10.231.1.0/24', ports: [{ port: 9100 }] }],
  });
}

/** ingress-nginx sending HTTPS to the ports that answer TLS alone: Authentik's, Kanidm's on a port of its bind address, a browser desktop's. */
function tlsBackendsLab(scope: Construct): void {
  const lab = labSite('vault', '10.230.1', [host('vault-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.230.1.11' })]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.230.1.200'), tls: IngressTls.none() }) });
  declareExternal(cluster, { secrets: [{ namespace: 'authentik', name: 'authentik' }, { namespace: 'kanidm', name: 'kanidm-tls' }, { namespace: 'desktop', name: 'desktop' }] });
  new HomelabApp(cluster, 'authentik', {
    image: 'ghcr.io/goauthentik/server:2024.12.3', args: ['server'], ports: [{ name: 'https', port: 9443, appProtocol: 'https' }, { name: 'http', port: 9000 }],
    env: {
      AUTHENTIK_SECRET_KEY: secret('authentik', 'authentik', 'secret-key'), AUTHENTIK_POSTGRESQL__HOST: '10.230.1.5', AUTHENTIK_POSTGRESQL__USER: 'authentik',
      AUTHENTIK_POSTGRESQL__PASSWORD: secret('authentik', 'authentik', 'db-password'), AUTHENTIK_REDIS__HOST: '10.230.1.5',
    },
    probes: { readiness: { httpPath: '/-/health/ready/', port: 9000 }, liveness: { httpPath: '/-/health/live/', port: 9000 } },
    exemptions: { unverifiedBackendTls: 'Authentik signs its own certificate until one is set in its brand' },
    egress: [{ cidr: '10.230.1.5/32', ports: [{ port: 5432 }, { port: 6379 }] }],
    route: { host: 'auth', port: 9443 },
  });
  new HomelabApp(cluster, 'kanidm', {
    image: 'kanidm/server:1.5.0', ports: [{ name: 'https', port: 9443, appProtocol: 'https' }],
    env: {
      KANIDM_DOMAIN: 'idm.vault.jdoe.dev', KANIDM_ORIGIN: 'https://idm.vault.jdoe.dev', KANIDM_BINDADDRESS: '0.0.0.0:9443',
      KANIDM_TLS_CHAIN: '/certs/tls.crt', KANIDM_TLS_KEY: '/certs/tls.key', KANIDM_DB_PATH: '/data/kanidm.db',
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' }, certs: { volume: AppVolume.secret('kanidm-tls'), mountPath: '/certs', readOnly: true } },
    exemptions: { unverifiedBackendTls: 'Kanidm serves HTTPS alone, with a certificate of the lab CA' },
    route: { host: 'idm', port: 9443 },
  });
  new HomelabApp(cluster, 'desktop', {
    image: 'linuxserver/webtop:debian-xfce', ports: [{ name: 'https', port: 3001, appProtocol: 'https' }],
    env: { PUID: '1000', PGID: '1000', CUSTOM_USER: 'jdoe', PASSWORD: secret('desktop', 'desktop', 'password') },
    exemptions: { ...LSIO, unverifiedBackendTls: 'its web server signs its own certificate', floatingImage: 'the flavour tag follows the image as linuxserver.io builds it' },
    resources: { memoryLimit: '4Gi' },
    persistence: { config: { volume: claim('20Gi'), mountPath: '/config' }, shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '1Gi' }), mountPath: '/dev/shm' } },
    route: { host: 'desktop', port: 3001 },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['admin UIs lab', adminLab, TRAEFIK],
  ['paperwork lab', paperLab, TRAEFIK],
  ['vectors lab', vectorsLab, TRAEFIK],
  ['reading lab', readingLab, TRAEFIK],
  ['printing lab', printingLab, TRAEFIK],
  ['identity lab', identityLab, TRAEFIK],
  ['metrics lab', metricsLab, TRAEFIK],
  ['video lab', videoLab, TRAEFIK],
  ['controllers lab', controllersLab, TRAEFIK],
  ['settings lab', settingsLab, TRAEFIK],
  ['TLS backends lab', tlsBackendsLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
];

describe('an eleventh round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was warned', () => {
  /** Jellyfin playing Tunarr's channels, a Plex beside it with Live TV `plexTunes` or not, and `misaligned` a Tunarr that sees the media elsewhere. */
  const liveTv = (options: { plexTunes?: boolean; jellyfinTunes?: boolean; misaligned?: boolean } = {}) => (scope: Construct) => {
    const node = host('tv-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.232.1.11' });
    const lab = labSite('tv', '10.232.1', [node], { nfs: { media: { server: '10.232.1.5', path: '/volume1/media' } } });
    const cluster = k3sCluster(scope, lab);
    const media = { volume: AppVolume.nfs(lab.nfs.media, options.misaligned === true ? 'tv' : undefined), mountPath: '/media', readOnly: true };
    const tunarr = new HomelabApp(cluster, 'tunarr', {
      image: 'chrisbenincasa/tunarr:0.22.18', ports: [{ name: 'http', port: 8000 }], persistence: { config: { volume: claim('1Gi'), mountPath: '/config/tunarr' }, media },
    });
    const player = (id: string, image: string, port: number, tunes: boolean, user: Partial<AppProps>) => {
      const app = new HomelabApp(cluster, id, {
        image, ports: [{ name: 'http', port }], ...user,
        persistence: { config: { volume: claim('5Gi'), mountPath: '/config' }, media: { volume: AppVolume.nfs(lab.nfs.media), mountPath: '/media', readOnly: true } },
        egress: tunes ? [tunarr] : [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
      });
      if (tunes) {
        tunarr.addAllowFrom(app);
      }
    };
    player('jellyfin', 'jellyfin/jellyfin:10.10.7', 8096, options.jellyfinTunes ?? true, { runAsUser: 1000 });
    player('plex', 'ghcr.io/linuxserver/plex:1.41.3', 32400, options.plexTunes ?? false, { env: { PUID: '1000', PGID: '1000' }, exemptions: LSIO });
  };

  test("a second media server without Live TV is not told to reach the channel maker another plays; with none playing it, the link is still warned", () => {
    expect(shownFindings(liveTv())).toEqual([]);
    expect(shownFindings(liveTv({ plexTunes: true }))).toEqual([]);
    expect(shownFindings(liveTv({ jellyfinTunes: false }))).toEqual(['warning main/tunarr allowFrom', 'warning main/tunarr allowFrom']);
  });

  test('a link both apps declare is judged once: a shared folder seen elsewhere is warned once, on the app that mounts the inner folder elsewhere', () => {
    expect(shownFindings(liveTv({ misaligned: true }))).toEqual(['warning main/tunarr persistence.media.mountPath']);
  });
});

describe('settings read from a ConfigMap or a Secret, where they were taken for missing', () => {
  const fromConfigMap = (key: string) => ({ configMapName: 'settings', key });

  test("Zitadel's external domain and port read from a ConfigMap are left alone; left out, they are still errors", () => {
    const zitadel = (env: Record<string, unknown>) => zitadelExternalProblems('ghcr.io/zitadel/zitadel:v2.71.6', env, ['start-from-init'], ['login.staged.jdoe.dev'], true).map((p) => p.field);
    expect(zitadel({ ZITADEL_EXTERNALDOMAIN: fromConfigMap('domain'), ZITADEL_EXTERNALPORT: fromConfigMap('port') })).toEqual([]);
    expect(zitadel({ ZITADEL_EXTERNALDOMAIN: 'login.staged.jdoe.dev', ZITADEL_EXTERNALPORT: '443', ZITADEL_PORT: fromConfigMap('port') })).toEqual([]);
    expect(zitadel({})).toEqual(['env.ZITADEL_EXTERNALDOMAIN', 'env.ZITADEL_EXTERNALPORT']);
  });

  test("Miniflux's RUN_MIGRATIONS read from a ConfigMap is left alone; left out or off, it is still warned", () => {
    const miniflux = (env: Record<string, unknown>) => minifluxStartProblems({ container: { image: 'miniflux/miniflux:2.2.6', env }, prefix: '', mountPaths: new Set() }).map((p) => `${p.severity} ${p.field}`);
    expect(miniflux({ RUN_MIGRATIONS: fromConfigMap('run-migrations') })).toEqual([]);
    expect(miniflux({ RUN_MIGRATIONS: '0' })).toEqual(['warning env']);
    expect(miniflux({})).toEqual(['warning env']);
  });

  test("VictoriaLogs' retention written by Kubernetes from a variable of the container is left alone; from no variable, or refused, it is still an error", () => {
    const retention = (args: string[], env: Record<string, unknown> = {}) => victoriaRetentionProblems([{ container: { image: 'victoriametrics/victoria-logs:v1.3.2-victorialogs', args, env }, prefix: '', mountPaths: new Set() }]).map((p) => p.field);
    expect(retention(['-retentionPeriod=$(RETENTION)'], { RETENTION: fromConfigMap('retention') })).toEqual([]);
    expect(retention(['-retentionPeriod', '$(RETENTION)'], { RETENTION: '8w' })).toEqual([]);
    expect(retention(['-retentionPeriod=$(RETENTION)'])).toEqual(['args[0]']);
    expect(retention(['-retentionPeriod=90days'], { RETENTION: '8w' })).toEqual(['args[0]']);
  });

  test("Keycloak's HTTP and health switches read from a ConfigMap are left alone; turned off, they are still errors", () => {
    const keycloak = (env: Record<string, unknown>) => keycloakStartProblems({
      image: 'quay.io/keycloak/keycloak:26.0.7', args: ['start'], ports: [{ name: 'http', port: 8080 }, { name: 'management', port: 9000 }],
      env: { KC_HOSTNAME: 'https://sso.staged.jdoe.dev', KC_PROXY_HEADERS: 'xforwarded', ...env }, probes: { readiness: { httpPath: '/health/ready', port: 9000 } }, route: { host: 'sso' },
    } as never, 'keycloak').map((p) => p.field);
    expect(keycloak({ KC_HTTP_ENABLED: fromConfigMap('http-enabled'), KC_HEALTH_ENABLED: fromConfigMap('health-enabled') })).toEqual([]);
    expect(keycloak({ KC_HTTP_ENABLED: 'false', KC_HEALTH_ENABLED: 'false' })).toEqual(['env.KC_HTTP_ENABLED', 'probes.readiness.httpPath']);
  });
});
