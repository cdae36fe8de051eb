import type { Construct } from 'constructs';
import { AppController, AppVolume, declareExternal, HomelabApp, host, ingressNginx, IngressTls, rootInitExemption, SecretReference } from '../constructs';
import type { AppProps, ClusterChart } from '../constructs';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// A fifteenth round of labs a user writes from the README alone, each meeting the checks added in the last release in
// a correct but less common form: OpenBao from Quay on three raft replicas whose config file names its pods under
// their headless Service, an init container waiting for its first pod, Vault's older image on one; Vaultwarden's
// current image on a port it is told, Passbolt's non-root image and Infisical behind ingress-nginx; SearXNG from
// GitHub's registry on an older tag, Whoogle and LibreTranslate given their folders, FreshRSS's Alpine image; restic's
// REST server started by name with its repositories' path, Duplicati allowing two route hosts, UrBackup on the host's
// network; Vector reading its config files by a wildcard after its short -c, CUPS pinned by digest; Vaultwarden's
// last release with its websocket server, Passbolt's Pro image told its URL by a ConfigMap, Whoogle's key folder
// moved, SearXNG's port from a ConfigMap, the REST server started by args. Each synthesizes with no
// finding (none is deserved), every cluster folder builds with kustomize, every probe and Service reaches a port its
// pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const web = [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }];

/** OpenBao's raft settings: three nodes that join each other by their pods' names under the headless Service. */
const OPENBAO_CONFIG = `ui = true
disable_mlock = true
listener "tcp" {
  address = "[::]:8200"
  cluster_address = "[::]:8201"
  tls_disable = true
}
storage "raft" {
  path = "/openbao/data"
${[0, 1, 2].map((ordinal) => `  retry_join {\n    leader_api_addr = "http://openbao-${ordinal}.openbao-headless.secrets.svc.cluster.local:8200"\n  }`).join('\n')}
}
`;

/** OpenBao on three raft replicas from Quay, its probes mapping each state; Vault's older image on one replica. */
function secretStoreLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'vault', '10.233.1');
  configFile(cluster, 'secrets', 'openbao-config', 'config.hcl', OPENBAO_CONFIG);
  const openbao = new HomelabApp(cluster, 'openbao', {
    namespace: 'secrets', image: 'quay.io/openbao/openbao:2.1.1', controller: AppController.statefulSet(), replicas: 3, runAsUser: 100, runAsGroup: 1000,
    ports: [{ name: 'http', port: 8200 }, { name: 'cluster', port: 8201 }],
    command: ['bao', 'server', '-config=/openbao/config/config.hcl'],
    env: { BAO_API_ADDR: 'http://$(POD_IP):8200', BAO_CLUSTER_ADDR: 'http://$(POD_NAME).openbao-headless.secrets.svc.cluster.local:8201' },
    probes: { readiness: { httpPath: '/v1/sys/health?standbyok=1&perfstandbyok=true' }, liveness: { httpPath: '/v1/sys/health?standbyok=true&sealedcode=200&uninitcode=200' } },
    persistence: {
      data: { volume: claim('5Gi'), mountPath: '/openbao/data' },
      config: { volume: AppVolume.configMap('openbao-config'), mountPath: '/openbao/config', readOnly: true },
    },
    route: { host: 'bao' },
  });
  new HomelabApp(cluster, 'secrets-sync', {
    namespace: 'secrets', image: 'ghcr.io/jdoe/secrets-sync:1.2.0', ports: [{ name: 'metrics', port: 9090 }],
    env: { BAO_ADDR: 'http://openbao-headless.secrets.svc.cluster.local:8200' },
    initContainers: [{ name: 'wait-for-leader', image: 'busybox:1.37.0', command: ['sh', '-c', 'until wget -q -O- http://openbao-0.openbao-headless:8200/v1/sys/health; do sleep 2; done'] }],
    egress: [openbao],
  });
  new HomelabApp(cluster, 'vault', {
    namespace: 'vault', image: 'vault:1.13.3', controller: AppController.statefulSet(), runAsUser: 100, runAsGroup: 1000,
    ports: [{ name: 'http', port: 8200 }],
    env: { SKIP_SETCAP: 'true', VAULT_LOCAL_CONFIG: '{"storage": {"file": {"path": "/vault/file"}}, "listener": [{"tcp": {"address": "0.0.0.0:8200", "tls_disable": true}}], "disable_mlock": true, "ui": true}' },
    args: ['server'],
    probes: { readiness: { httpPath: '/v1/sys/health?sealedcode=204&uninitcode=204' } },
    persistence: { file: { volume: claim('1Gi'), mountPath: '/vault/file' }, logs: { volume: AppVolume.emptyDir(), mountPath: '/vault/logs' } },
    route: { host: 'vault' },
  });
}

/** Vaultwarden's current Alpine image on a port it is told, Passbolt's non-root image and Infisical, behind ingress-nginx. */
function passwordLab(scope: Construct): void {
  const node = host('pw-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.233.2.11' });
  const lab = labSite('pw', '10.233.2', [node]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.233.2.200'), tls: IngressTls.none() }) });
  declareExternal(cluster, { secrets: [{ namespace: 'vaultwarden', name: 'vaultwarden' }, { namespace: 'passbolt', name: 'passbolt' }, { namespace: 'infisical', name: 'infisical' }] });
  new HomelabApp(cluster, 'vaultwarden', {
    namespace: 'vaultwarden', image: 'vaultwarden/server:1.33.2-alpine', ports: [{ name: 'http', port: 8080 }],
    env: { DOMAIN: 'https://vault.pw.jdoe.dev', ROCKET_PORT: '8080', SIGNUPS_ALLOWED: 'false', ADMIN_TOKEN: secret('vaultwarden', 'vaultwarden', 'admin-token') },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' } }, egress: web, route: { host: 'vault' },
  });
  const passboltDb = new HomelabApp(cluster, 'passbolt-db', {
    namespace: 'passbolt', image: 'mariadb:11.4.4', controller: AppController.statefulSet(), runAsUser: 999, ports: [{ name: 'mysql', port: 3306 }],
    env: {
      MARIADB_DATABASE: 'passbolt', MARIADB_USER: 'passbolt', MARIADB_PASSWORD: secret('passbolt', 'passbolt', 'db-password'),
      MARIADB_ROOT_PASSWORD: secret('passbolt', 'passbolt', 'root-password'),
    },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
  });
  new HomelabApp(cluster, 'passbolt', {
    namespace: 'passbolt', image: 'passbolt/passbolt:4.11.0-1-ce-non-root', ports: [{ name: 'http', port: 8080 }, { name: 'https', port: 4433 }],
    env: {
      APP_FULL_BASE_URL: 'https://passbolt.pw.jdoe.dev', DATASOURCES_DEFAULT_HOST: 'passbolt-db.passbolt.svc.cluster.local',
      DATASOURCES_DEFAULT_USERNAME: 'passbolt', DATASOURCES_DEFAULT_DATABASE: 'passbolt', DATASOURCES_DEFAULT_PASSWORD: secret('passbolt', 'passbolt', 'db-password'),
      PASSBOLT_SSL_FORCE: 'false',
    },
    persistence: { gpg: { volume: claim('100Mi'), mountPath: '/etc/passbolt/gpg' }, jwt: { volume: claim('100Mi'), mountPath: '/etc/passbolt/jwt' } },
    exemptions: { writableRootFilesystem: 'nginx and PHP-FPM write their caches and sockets under /var and /tmp' },
    egress: [passboltDb, ...web], route: { host: 'passbolt', port: 8080 },
  });
  const redis = new HomelabApp(cluster, 'redis', {
    namespace: 'infisical', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  new HomelabApp(cluster, 'infisical', {
    namespace: 'infisical', image: 'infisical/infisical:v0.117.1-postgres', ports: [{ name: 'http', port: 8080 }],
    env: {
      SITE_URL: 'https://secrets.pw.jdoe.dev', ENCRYPTION_KEY: secret('infisical', 'infisical', 'encryption-key'), AUTH_SECRET: secret('infisical', 'infisical', 'auth-secret'),
      DB_CONNECTION_URI: secret('infisical', 'infisical', 'db-uri'), REDIS_URL: 'redis://redis.infisical.svc.cluster.local:6379',
    },
    egress: [redis, ...web], route: { host: 'secrets' },
  });
}

/**
 * SearXNG (`searxng`: its image and variables) on port 8888 and Whoogle (`whoogle`: its image, its variables and the
 * folder they keep its key in, on a claim) in namespace `search`, each routed at its own name.
 */
function searchApps(cluster: ClusterChart, searxng: { image: string; env: AppProps['env'] }, whoogle: { image: string; env: AppProps['env']; configDir: string }): void {
  new HomelabApp(cluster, 'searxng', {
    namespace: 'search', image: searxng.image, ports: [{ name: 'http', port: 8888 }], runAsUser: 977, runAsGroup: 977, env: searxng.env,
    persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/etc/searxng' } }, egress: web, route: { host: 'search' },
  });
  new HomelabApp(cluster, 'whoogle', {
    namespace: 'search', image: whoogle.image, ports: [{ name: 'http', port: 5000 }], runAsUser: 927, runAsGroup: 927, env: whoogle.env,
    persistence: { config: { volume: claim('100Mi'), mountPath: whoogle.configDir }, build: { volume: AppVolume.emptyDir(), mountPath: '/whoogle/app/static/build' } },
    egress: web, route: { host: 'whoogle' },
  });
}

/** SearXNG from GitHub's registry on an uWSGI tag, Whoogle's key on a claim, LibreTranslate by its flags, FreshRSS's Alpine image. */
function readingLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'read', '10.233.3');
  declareExternal(cluster, { secrets: [{ namespace: 'search', name: 'searxng' }] });
  searchApps(cluster, {
    image: 'ghcr.io/searxng/searxng:2025.6.30-39c50dc',
    env: { BIND_ADDRESS: '0.0.0.0:8888', SEARXNG_BASE_URL: 'https://search.read.jdoe.dev/', SEARXNG_SECRET: secret('search', 'searxng', 'secret-key') },
  }, { image: 'ghcr.io/benbusby/whoogle-search:0.9.1', env: { WHOOGLE_CONFIG_URL: 'https://whoogle.read.jdoe.dev' }, configDir: '/config' });
  new HomelabApp(cluster, 'libretranslate', {
    namespace: 'translate', image: 'libretranslate/libretranslate:v1.7.2', ports: [{ name: 'http', port: 5000 }], runAsUser: 1032, runAsGroup: 1032,
    args: ['--load-only', 'en,es,it', '--req-limit', '60'],
    persistence: { models: { volume: AppVolume.emptyDir(), mountPath: '/home/libretranslate/.local' } }, egress: web, route: { host: 'translate' },
  });
  new HomelabApp(cluster, 'freshrss', {
    namespace: 'reader', image: 'freshrss/freshrss:1.26.3-alpine', ports: [{ name: 'http', port: 80 }], env: { CRON_MIN: '3,33', TZ: 'Europe/Madrid' },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/var/www/FreshRSS/data' }, extensions: { volume: claim('100Mi'), mountPath: '/var/www/FreshRSS/extensions' } },
    exemptions: {
      runAsRoot: 'its entrypoint writes its settings and crontab as root', addCapabilities: rootInitExemption('supervisor', 'Apache runs its workers as www-data'),
      writableRootFilesystem: 'its entrypoint edits its Apache and PHP settings under /etc',
    },
    egress: web, route: { host: 'rss' },
  });
}

/** restic's REST server from GitHub's registry started by name with --path, Duplicati allowing two route hosts, UrBackup on the host's network. */
function backupLab(scope: Construct): void {
  const node = host('bk-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.233.4.11' });
  const lab = labSite('bk', '10.233.4', [node], { nfs: { nas: { server: '10.233.4.5', path: '/volume1/backups' } } });
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'backup', name: 'rest-server-htpasswd' }, { namespace: 'backup', name: 'duplicati' }] });
  new HomelabApp(cluster, 'rest-server', {
    namespace: 'backup', image: 'ghcr.io/restic/rest-server:0.14.0', ports: [{ name: 'http', port: 8000 }],
    command: ['rest-server', '--path', '/srv/restic', '--listen', ':8000', '--htpasswd-file', '/etc/rest-server/.htpasswd', '--append-only', '--prometheus'],
    persistence: {
      repos: { volume: AppVolume.nfs(lab.nfs.nas, 'restic'), mountPath: '/srv/restic' },
      users: { volume: AppVolume.secret('rest-server-htpasswd'), mountPath: '/etc/rest-server', readOnly: true },
    },
    route: { host: 'restic' },
  });
  const duplicati = new HomelabApp(cluster, 'duplicati', {
    namespace: 'backup', image: 'duplicati/duplicati:2.1.0.5_stable_2025-03-04', ports: [{ name: 'http', port: 8200 }],
    env: {
      SETTINGS_ENCRYPTION_KEY: secret('backup', 'duplicati', 'settings-key'), DUPLICATI__WEBSERVICE_PASSWORD: secret('backup', 'duplicati', 'web-password'),
      DUPLICATI__WEBSERVICE_ALLOWED_HOSTNAMES: 'duplicati.bk.jdoe.dev; Backup.bk.jdoe.dev',
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' }, backups: { volume: AppVolume.nfs(lab.nfs.nas, 'duplicati'), mountPath: '/backups' } },
    route: { host: 'duplicati' },
  });
  duplicati.addRoute({ host: 'backup' });
  new HomelabApp(cluster, 'urbackup', {
    namespace: 'backup', image: 'uroni/urbackup-server:2.5.33',
    ports: [{ name: 'fastcgi', port: 55413 }, { name: 'http', port: 55414 }, { name: 'internet', port: 55415 }, { name: 'discovery', port: 35623, protocol: 'UDP' }],
    env: { TZ: 'Europe/Madrid', PUID: '0', PGID: '0' },
    persistence: {
      backups: { volume: AppVolume.nfs(lab.nfs.nas, 'urbackup'), mountPath: '/backups' }, database: { volume: claim('5Gi'), mountPath: '/var/urbackup' },
    },
    exemptions: { hostNetwork: 'clients find the server by UDP broadcast on the LAN', runAsRoot: 'urbackupsrv starts as root', writableRootFilesystem: 'writes under /etc/urbackup' },
    route: { host: 'urbackup', port: 55414 },
  });
}

/** Vaultwarden's last release with its websocket server, Passbolt's non-root Pro image told its URL by a ConfigMap, Whoogle's key folder moved, SearXNG's port from a ConfigMap. */
function olderReleasesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'older', '10.233.6');
  configFile(cluster, 'passbolt', 'passbolt-settings', 'base-url', 'https://passbolt.older.jdoe.dev');
  configFile(cluster, 'search', 'searxng-settings', 'port', '8888');
  declareExternal(cluster, { secrets: [{ namespace: 'passbolt', name: 'passbolt' }] });
  new HomelabApp(cluster, 'vaultwarden', {
    namespace: 'vaultwarden', image: 'vaultwarden/server:1.30.5', ports: [{ name: 'http', port: 8080 }, { name: 'websocket', port: 3012 }],
    env: { DOMAIN: 'https://vault.older.jdoe.dev/', ROCKET_PORT: '8080', WEBSOCKET_ENABLED: 'true' },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' } }, route: { host: 'vault' },
  });
  new HomelabApp(cluster, 'passbolt', {
    namespace: 'passbolt', image: 'passbolt/passbolt:4.11.0-1-pro-non-root', ports: [{ name: 'http', port: 8080 }],
    env: {
      APP_FULL_BASE_URL: { configMapName: 'passbolt-settings', key: 'base-url' }, DATASOURCES_DEFAULT_HOST: secret('passbolt', 'passbolt', 'db-host'),
      DATASOURCES_DEFAULT_PASSWORD: secret('passbolt', 'passbolt', 'db-password'),
    },
    persistence: { gpg: { volume: claim('100Mi'), mountPath: '/etc/passbolt/gpg' }, jwt: { volume: claim('100Mi'), mountPath: '/etc/passbolt/jwt' } },
    exemptions: { writableRootFilesystem: 'nginx and PHP-FPM write their caches and sockets under /var and /tmp' },
    egress: 'any', route: { host: 'passbolt' },
  });
  searchApps(cluster, {
    image: 'searxng/searxng:2025.11.7-b9b46431b', env: { GRANIAN_PORT: { configMapName: 'searxng-settings', key: 'port' }, SEARXNG_BASE_URL: 'https://search.older.jdoe.dev/' },
  }, { image: 'benbusby/whoogle-search:0.9.3', env: { CONFIG_VOLUME: '/var/lib/whoogle' }, configDir: '/var/lib/whoogle' });
  new HomelabApp(cluster, 'rest-server', {
    namespace: 'backup', image: 'restic/rest-server:0.13.0', ports: [{ name: 'http', port: 8000 }],
    args: ['rest-server', '--path=/data', '--no-auth', '--append-only'],
    persistence: { data: { volume: claim('100Gi'), mountPath: '/data' } }, route: { host: 'restic' },
  });
}

/** A log shipper reading every file a wildcard names, by its short flag; CUPS pinned by digest on the host's network, sharing a network printer. */
function printAndLogsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'print', '10.233.5');
  declareExternal(cluster, { secrets: [{ namespace: 'printing', name: 'cups' }] });
  new HomelabApp(cluster, 'cups', {
    namespace: 'printing', image: `anujdatar/cups:25.01.01@sha256:${'4f'.repeat(32)}`, ports: [{ name: 'ipp', port: 631 }],
    env: { CUPSADMIN: 'printadmin', CUPSPASSWORD: secret('printing', 'cups', 'admin-password'), TZ: 'Europe/Madrid' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/etc/cups' } },
    exemptions: {
      runAsRoot: 'its init starts cupsd as root', writableRootFilesystem: 's6-overlay writes its service tree under /run',
      addCapabilities: rootInitExemption('supervisor', 'cupsd runs its filters as lp'), hostNetwork: 'AirPrint printers are announced by mDNS on the LAN',
    },
  });
  configFile(cluster, 'logs', 'vector-config', 'sources.yaml', 'sources:\n  kube:\n    type: kubernetes_logs\nsinks:\n  out:\n    type: console\n    inputs: [kube]\n    encoding:\n      codec: json\n');
  new HomelabApp(cluster, 'vector', {
    namespace: 'logs', image: 'timberio/vector:0.43.1-distroless-libc', ports: [{ name: 'api', port: 8686 }],
    command: ['vector', '-c', '/etc/vector/*.yaml'],
    probes: { readiness: { httpPath: '/health' } }, env: { VECTOR_API_ENABLED: 'true', VECTOR_API_ADDRESS: '0.0.0.0:8686' },
    persistence: { config: { volume: AppVolume.configMap('vector-config'), mountPath: '/etc/vector', readOnly: true }, data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/vector' } },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['secret store lab', secretStoreLab, TRAEFIK],
  ['password manager lab', passwordLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
  ['search and reading lab', readingLab, TRAEFIK],
  ['backup server lab', backupLab, TRAEFIK],
  ['printing and log shipping lab', printAndLogsLab, TRAEFIK],
  ['older releases lab', olderReleasesLab, TRAEFIK],
];

describe('a fifteenth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  /** The findings on the command of a container started as `command`, with a config folder mounted. */
  const commandFindings = (image: string, command: string[]) => shownFindings((scope) => {
    const cluster = oneNodeLab(scope, 'glob', '10.233.12');
    new HomelabApp(cluster, 'shipper', {
      namespace: 'logs', image, ports: [{ name: 'http', port: 8686 }], command, probes: { readiness: { httpPath: '/health' } },
      persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/etc/shipper' } },
    });
  }).filter((finding) => finding.includes(' command['));

  test("Vector's short -c with a wildcard passes, as Vector expands it; another program's -c with a wildcard is still an error", () => {
    expect(commandFindings('timberio/vector:0.43.1-alpine', ['/usr/bin/vector', '-c', '/etc/shipper/*.yaml'])).toEqual([]);
    expect(commandFindings('nginx:1.27.3-alpine', ['nginx', '-c', '/etc/shipper/*.conf', '-g', 'daemon off;'])).toEqual(['error main/shipper command[2]']);
  });
});
