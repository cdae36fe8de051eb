import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { acmeIssuer, AppController, AppVolume, ClusterIssuer, cloudflareDns01, declareExternal, externalSecretsOperator, IngressTls, ingressNginx, HomelabApp, host, rootInitExemption, SecretReference } from '../constructs';
import { navidromeMusicFolderProblems } from '../constructs/app/navidrome-music-folder';
import { urlBaseProblems } from '../constructs/app/url-base';
import { objectsOf, type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// A ninth round of labs a user writes from the README alone, each meeting the checks added since the eighth in a
// correct but less common form: netboot.xyz's TFTP kept on port 69 among other dnsmasq options, chronyd started by
// its own command with -x among its short options, FreeRADIUS behind a load balancer that keeps the clients'
// addresses, Kea handing out servers by option code; Navidrome's music in two folders mounted under its library, its
// schedule given with a time zone; Gatus told a folder of configuration files, ntfy started by its serve flags;
// PostgreSQL 18 keeping its data below the claim; a GPU app that leaves a GPU for its surged pod, its volumes written
// by hand; two media stacks kept apart; Immich pinned before 1.118, Dozzle's and Diun's Kubernetes modes; Vault
// stores of AppRole, token and client TLS; Matrix on ingress-nginx's Prefix paths with a dot. Each synthesizes with
// no finding (none is deserved), every cluster folder builds with kustomize, every probe and Service reaches a port
// its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });

const KEA = `// Kea reads comments, which JSON does not.
{
  "Dhcp4": {
    "interfaces-config": { "interfaces": ["eno1"] },
    "lease-database": { "type": "memfile", "persist": true, "name": "/var/lib/kea/dhcp4.leases" },
    "subnet4": [{
      "id": 1, "subnet": "10.240.0.0/24", "pools": [{ "pool": "10.240.0.100 - 10.240.0.199" }],
      "next-server": "10.240.0.202", "boot-file-name": "netboot.xyz.kpxe",
      "option-data": [
        { "name": "routers", "data": "10.240.0.1" },
        { "code": 6, "data": "10.240.0.1" },
        { "code": 42, "data": "10.240.0.201, 10.240.0.203" }
      ]
    }]
  }
}
`;

const CHRONY = 'pool time.cloudflare.com iburst\nallow 10.240.0.0/24\nlocal stratum 10\n';

/** Network services of the LAN: Kea handing out servers by option code, two NTP servers, netboot.xyz and FreeRADIUS. */
function networkLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'wires', '10.240.0');
  const lan = cluster.site.pools.lb;
  configFile(cluster, 'kea', 'kea-config', 'kea-dhcp4.conf', KEA);
  new HomelabApp(cluster, 'kea', {
    namespace: 'kea', image: 'docker.cloudsmith.io/isc/docker/kea-dhcp4:2.6.1', ports: [{ name: 'dhcp', port: 67, protocol: 'UDP' }],
    placement: { host: cluster.hosts[0] }, probes: { readiness: { command: ['pgrep', 'kea-dhcp4'] } },
    exemptions: {
      hostNetwork: 'DHCP answers broadcasts on the LAN', runAsRoot: 'Kea opens raw sockets',
      addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'NET_RAW'], reason: 'DHCP on port 67 over raw sockets' },
    },
    persistence: {
      config: { volume: AppVolume.configMap('kea-config'), mounts: [{ mountPath: '/etc/kea/kea-dhcp4.conf', subPath: 'kea-dhcp4.conf' }] },
      leases: { volume: claim('1Gi'), mountPath: '/var/lib/kea' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/kea' },
    },
  });
  // dockurr/chrony with its switch off passes -x; a second server runs chronyd by a command of its own, -x among -d's letters.
  const ntp = { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'NTP is served on port 123' } };
  const chronyFolders = { lib: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/chrony' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/chrony' } };
  new HomelabApp(cluster, 'chrony', {
    namespace: 'ntp', image: 'dockurr/chrony:4.6.1', ports: [{ name: 'ntp', port: 123, protocol: 'UDP' }],
    env: { NTP_SERVERS: 'time.cloudflare.com', ENABLE_SYSCLK: 'false' },
    exemptions: { ...ntp, runAsRoot: 'its entrypoint writes chrony.conf and chronyd drops to the chrony user', writableRootFilesystem: 'its entrypoint writes /etc/chrony/chrony.conf' },
    persistence: chronyFolders, probes: { readiness: { command: ['chronyc', 'tracking'] } },
    loadBalancer: { address: lan.at('10.240.0.201') },
  });
  configFile(cluster, 'ntp', 'chrony-conf', 'chrony.conf', CHRONY);
  new HomelabApp(cluster, 'chrony-2', {
    namespace: 'ntp', image: 'cturra/ntp:4.6-r0', ports: [{ name: 'ntp', port: 123, protocol: 'UDP' }],
    command: ['/usr/sbin/chronyd', '-dx', '-u', 'chrony', '-f', '/etc/chrony/chrony.conf'],
    exemptions: ntp,
    persistence: { ...chronyFolders, conf: { volume: AppVolume.configMap('chrony-conf'), mountPath: '/etc/chrony', readOnly: true } },
    probes: { readiness: { command: ['chronyc', 'tracking'] } },
    loadBalancer: { address: lan.at('10.240.0.203') },
  });
  // Only TFTP and the boot assets behind the load balancer, on one address; the menu editor on 3000 is left unrouted.
  const supervisor = rootInitExemption('supervisor', 'supervisord stays root and runs the web app and dnsmasq as PUID:PGID');
  new HomelabApp(cluster, 'netbootxyz', {
    namespace: 'netboot', image: 'docker.io/netbootxyz/netbootxyz:0.7.6-nbxyz3', env: { MENU_VERSION: '2.0.84', TFTPD_OPTS: '--tftp-no-blocksize  --tftp-single-port' },
    ports: [{ name: 'assets', port: 80 }, { name: 'tftp', port: 69, protocol: 'UDP' }], loadBalancer: { address: lan.at('10.240.0.202') },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' }, assets: { volume: claim('20Gi'), mountPath: '/assets' } },
    exemptions: { runAsRoot: 'its init adds its user and supervisord runs nginx, dnsmasq and the web app', writableRootFilesystem: 'its init script adds its user to /etc/passwd', addCapabilities: supervisor },
  });
  configFile(cluster, 'radius', 'raddb', 'clients.conf', 'client aps {\n  ipaddr = 10.240.0.0/24\n  secret = $ENV{RADIUS_AP_SECRET}\n}\n');
  new HomelabApp(cluster, 'freeradius', {
    namespace: 'radius', image: 'freeradius/freeradius-server:3.2.6',
    ports: [{ name: 'auth', port: 1812, protocol: 'UDP' }, { name: 'acct', port: 1813, protocol: 'UDP' }],
    exemptions: { runAsRoot: 'radiusd starts as root and drops to freerad' },
    env: { RADIUS_AP_SECRET: SecretReference.external('radius', 'radius-secrets', 'ap-secret') },
    persistence: { clients: { volume: AppVolume.configMap('raddb'), mounts: [{ mountPath: '/etc/raddb/clients.conf', subPath: 'clients.conf' }] } },
    probes: { readiness: { command: ['pgrep', 'freeradius'] } },
    loadBalancer: { address: lan.at('10.240.0.204'), externalTrafficPolicy: 'Local' },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'radius', name: 'radius-secrets' }] });
}

/** Navidrome reading two NAS folders mounted under its library, its schedule in a time zone of its own, its data moved to a claim; Komga under a path of its host. */
function musicLab(scope: Construct): void {
  const node = host('tunes-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.241.0.11' });
  const lab = labSite('tunes', '10.241.0', [node], { nfs: { music: { server: '10.241.0.5', path: '/volume1/music' } } });
  const cluster = k3sCluster(scope, lab);
  const share = (folder: string, mountPath: string) => ({ volume: AppVolume.nfs(lab.nfs.music, folder), mountPath, readOnly: true });
  new HomelabApp(cluster, 'navidrome', {
    namespace: 'music', image: 'ghcr.io/navidrome/navidrome:0.55.2', ports: [{ name: 'http', port: 4533 }], runAsUser: 1000, fsGroup: 1000,
    env: { ND_DATAFOLDER: '/var/lib/navidrome', ND_SCANNER_SCHEDULE: 'CRON_TZ=Europe/Oslo 30 4 * * 1-5', ND_LOGLEVEL: 'info' },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/var/lib/navidrome' }, flac: share('flac', '/music/flac'), rips: share('vinyl-rips', '/music/vinyl') },
    route: { host: 'music' },
  });
  // Comics under a path of the same host, Komga told its context path as an argument its entrypoint hands to Spring Boot.
  new HomelabApp(cluster, 'komga', {
    namespace: 'music', image: 'gotson/komga:1.14.1', ports: [{ name: 'http', port: 25600 }], runAsUser: 1000, fsGroup: 1000,
    args: ['--server.servlet.context-path=/comics'], env: { JAVA_TOOL_OPTIONS: '-Xmx1g' }, resources: { memoryLimit: '1536Mi' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' }, comics: share('comics', '/data') }, route: { host: 'music', path: '/comics' },
  });
  // A second library told by ND_MUSICFOLDER, its schedule a Go duration under the name of releases before 0.55.
  new HomelabApp(cluster, 'navidrome-kids', {
    namespace: 'music', image: 'deluan/navidrome:0.54.5', ports: [{ name: 'http', port: 4533 }], runAsUser: 1000, fsGroup: 1000,
    env: { ND_MUSICFOLDER: '/srv/kids/', ND_SCANSCHEDULE: '12h' },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/data' }, kids: share('kids', '/srv/kids') },
    route: { host: 'kids-music' },
  });
}

const GATUS_ENDPOINTS = 'endpoints:\n  - name: music\n    url: https://music.status.jdoe.dev\n    interval: 5m\n    conditions:\n      - "[STATUS] == 200"\n';

/** Gatus told a folder of configuration files, ntfy started by its serve command with its settings as flags. */
function statusLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'status', '10.242.0');
  configFile(cluster, 'gatus', 'gatus-endpoints', 'endpoints.yaml', GATUS_ENDPOINTS);
  configFile(cluster, 'gatus', 'gatus-storage', 'storage.yaml', 'storage:\n  type: sqlite\n  path: /data/data.db\n');
  new HomelabApp(cluster, 'gatus', {
    namespace: 'gatus', image: 'ghcr.io/twin/gatus:v5.15.0', ports: [{ name: 'http', port: 8080 }],
    env: { GATUS_CONFIG_PATH: '/etc/gatus' },
    persistence: {
      endpoints: { volume: AppVolume.configMap('gatus-endpoints'), mounts: [{ mountPath: '/etc/gatus/endpoints.yaml', subPath: 'endpoints.yaml' }] },
      storage: { volume: AppVolume.configMap('gatus-storage'), mounts: [{ mountPath: '/etc/gatus/storage.yaml', subPath: 'storage.yaml' }] },
      data: { volume: claim('1Gi'), mountPath: '/data' },
    },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'status' },
  });
  new HomelabApp(cluster, 'ntfy', {
    namespace: 'ntfy', image: 'binwiederhier/ntfy:v2.11.0', ports: [{ name: 'http', port: 8080 }],
    args: ['serve', '--listen-http', ':8080', '--base-url', 'https://ntfy.status.jdoe.dev', '--cache-file', '/var/cache/ntfy/cache.db', '--behind-proxy'],
    persistence: { cache: { volume: claim('1Gi'), mountPath: '/var/cache/ntfy' } },
    route: { host: 'ntfy' },
  });
}

/** PostgreSQL 18 on its claim at /var/lib/postgresql, run as its own user: the entrypoint makes its data folder below. */
function databaseLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'records', '10.243.0');
  declareExternal(cluster, { secrets: [{ namespace: 'records', name: 'db' }] });
  const password = SecretReference.external('records', 'db', 'password');
  new HomelabApp(cluster, 'postgres', {
    namespace: 'records', image: 'postgres:18.1', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, runAsGroup: 999, fsGroup: 999,
    env: { POSTGRES_USER: 'records', POSTGRES_DB: 'records', POSTGRES_PASSWORD: password },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
}

/** An inference server on a host of two GPUs, one replica of one GPU reading its models from the NAS: the surged pod takes the free GPU, so it rolls. */
function gpuLab(scope: Construct): void {
  const node = host('brain-1', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.244.0.11', memoryGigabytes: 64,
    gpus: [{ vendor: 'nvidia', model: 'RTX 3060' }, { vendor: 'nvidia', model: 'RTX 3060' }],
  });
  const lab = labSite('brain', '10.244.0', [node], { nfs: { models: { server: '10.244.0.5', path: '/volume1/models' } } });
  const cluster = k3sCluster(scope, lab);
  new HomelabApp(cluster, 'llama', {
    namespace: 'ai', image: 'ghcr.io/ggml-org/llama.cpp:server-cuda-b4000', ports: [{ name: 'http', port: 8080 }], gpu: { vendor: 'nvidia' }, resources: { memoryLimit: '12Gi' },
    args: ['--host', '0.0.0.0', '--port', '8080', '-m', '/models/qwen2.5-7b-instruct-q4_k_m.gguf', '-ngl', '99'],
    // Volumes as a JSON file of the lab writes them, each with the field its kind is made from.
    persistence: {
      models: { volume: { type: 'nfs', export: lab.nfs.models, path: '/volume1/models' } as AppVolume, mountPath: '/models', readOnly: true },
      cache: { volume: { type: 'emptyDir', emptyDir: {} } as AppVolume, mountPath: '/root/.cache' },
      shm: { volume: { type: 'emptyDir', emptyDir: { memory: true, sizeLimit: '2Gi' } } as AppVolume, mountPath: '/dev/shm' },
    },
    route: { host: 'llama' },
  });
}

const LSIO = {
  runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
  writableRootFilesystem: 's6-overlay writes its service tree under /run',
  addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
};

/** Two media stacks kept apart, each with its own Prowlarr, *arr app and download client: neither calls the other's. `wired` leaves the children's Sonarr without its links. */
function twoStacks(scope: Construct, wired = true): void {
  const node = host('reels-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.245.0.11' });
  const lab = labSite('reels', '10.245.0', [node], { nfs: { media: { server: '10.245.0.5', path: '/volume1/media' } } });
  const cluster = k3sCluster(scope, lab);
  const env = { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo' };
  for (const [namespace, folder] of [['media', 'data'], ['kids', 'kids']] as const) {
    const data = { volume: AppVolume.nfs(lab.nfs.media, folder), mountPath: '/data' };
    const app = (id: string, image: string, port: number, withData: boolean) => new HomelabApp(cluster, `${namespace}-${id}`, {
      namespace, image, ports: [{ name: 'http', port }], env, exemptions: LSIO,
      persistence: { config: { volume: claim('1Gi'), mountPath: '/config' }, ...(withData ? { data } : {}) }, route: { host: `${id}-${namespace}` },
    });
    const qbittorrent = app('qbittorrent', 'lscr.io/linuxserver/qbittorrent:5.0.3', 8080, true);
    const prowlarr = app('prowlarr', 'lscr.io/linuxserver/prowlarr:1.30.2', 9696, false);
    const sonarr = app('sonarr', 'lscr.io/linuxserver/sonarr:4.0.12', 8989, true);
    if (wired || namespace === 'media') {
      prowlarr.addAllowFrom(sonarr);
      qbittorrent.addAllowFrom(sonarr);
      sonarr.addAllowFrom(prowlarr);
    }
  }
}
const twoStacksLab = (scope: Construct) => twoStacks(scope);

/** A compose folder moved over: Immich pinned before 1.118 on its old port, Dozzle told its Kubernetes mode by a flag, Diun's Docker provider switched off beside its Kubernetes one. */
function composeLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'moved', '10.246.0');
  declareExternal(cluster, { secrets: [{ namespace: 'photos', name: 'immich-db' }] });
  const password = SecretReference.external('photos', 'immich-db', 'password');
  const db = new HomelabApp(cluster, 'database', {
    namespace: 'photos', image: 'docker.io/tensorchord/pgvecto-rs:pg14-v0.2.0', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, fsGroup: 999,
    env: { POSTGRES_USER: 'immich', POSTGRES_DB: 'immich', POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    controller: AppController.statefulSet(),
  });
  const redis = new HomelabApp(cluster, 'redis', { namespace: 'photos', image: 'docker.io/valkey/valkey:8.0.2', ports: [{ name: 'redis', port: 6379 }] });
  // The machine learning moved to a port of its own by IMMICH_PORT, which the server calls by its URL.
  const ml = new HomelabApp(cluster, 'immich-machine-learning', {
    namespace: 'photos', image: 'ghcr.io/immich-app/immich-machine-learning:v1.117.0', ports: [{ name: 'http', port: 3013 }],
    env: { IMMICH_PORT: '3013' }, persistence: { cache: { volume: claim('10Gi'), mountPath: '/cache' } },
  });
  new HomelabApp(cluster, 'immich', {
    namespace: 'photos', image: 'ghcr.io/immich-app/immich-server:v1.117.0', ports: [{ name: 'http', port: 3001 }],
    env: {
      DB_HOSTNAME: 'database', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: password, REDIS_HOSTNAME: 'redis',
      IMMICH_MACHINE_LEARNING_URL: 'http://immich-machine-learning:3013',
    },
    persistence: { upload: { volume: claim('100Gi'), mountPath: '/usr/src/app/upload' } },
    egress: [db, redis, ml], route: { host: 'photos' },
  });
  new HomelabApp(cluster, 'dozzle', {
    namespace: 'logs', image: 'amir20/dozzle:v8.11.7', ports: [{ name: 'http', port: 8080 }], args: ['--mode', 'k8s'],
    serviceAccount: { reason: 'Dozzle shows the logs of the pods', clusterRules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'nodes'], verbs: ['get', 'list', 'watch'] }] },
    route: { host: 'logs' },
  });
  new HomelabApp(cluster, 'diun', {
    namespace: 'diun', image: 'crazymax/diun:4.29.0',
    env: { TZ: 'Europe/Oslo', DIUN_WATCH_SCHEDULE: '0 */6 * * *', DIUN_PROVIDERS_DOCKER: 'false', DIUN_PROVIDERS_KUBERNETES: 'true', DIUN_PROVIDERS_KUBERNETES_WATCHBYDEFAULT: 'true' },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/data' } },
    serviceAccount: { reason: 'Diun lists the pods whose images it watches', clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
}


/** Matrix behind ingress-nginx on Prefix paths with a dot and an underscore, which its admission takes. */
function matrixLab(scope: Construct): void {
  const lab = labSite('chat', '10.247.0', [host('chat-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.247.0.11' })]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.247.0.200'), tls: IngressTls.perRoute('letsencrypt') }) });
  new ClusterIssuer(cluster, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })] }),
  });
  configFile(cluster, 'matrix', 'well-known', 'server', '{ "m.server": "chat.chat.jdoe.dev:443" }\n');
  new HomelabApp(cluster, 'well-known', {
    namespace: 'matrix', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }],
    persistence: {
      files: { volume: AppVolume.configMap('well-known'), mountPath: '/usr/share/nginx/html/.well-known/matrix', readOnly: true },
      cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' }, tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
    },
    route: { host: 'chat', path: '/.well-known/matrix' },
  });
  new HomelabApp(cluster, 'conduit', {
    namespace: 'matrix', image: 'matrixconduit/matrix-conduit:v0.9.0', ports: [{ name: 'http', port: 6167 }],
    env: { CONDUIT_SERVER_NAME: 'chat.jdoe.dev', CONDUIT_DATABASE_PATH: '/var/lib/matrix-conduit', CONDUIT_DATABASE_BACKEND: 'rocksdb', CONDUIT_PORT: '6167', CONDUIT_ADDRESS: '0.0.0.0', CONDUIT_ALLOW_REGISTRATION: 'false' },
    persistence: { db: { volume: claim('10Gi'), mountPath: '/var/lib/matrix-conduit' } },
    route: { host: 'chat', path: '/_matrix' },
  });
}

/** A Vault read by a namespaced store through AppRole (its references naming their own namespace) and by a cluster store with a token and client TLS of the vault namespace. */
function vaultLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'keys', '10.248.0');
  cluster.platform.require(externalSecretsOperator());
  declareExternal(cluster, { secrets: [{ namespace: 'web', name: 'vault-approle' }, { namespace: 'vault', name: 'vault-token' }, { namespace: 'vault', name: 'vault-client' }] });
  const vault = { server: 'https://vault.keys.jdoe.dev', path: 'secret', version: 'v2' };
  cluster.namespaces.ensure('web');
  new ApiObject(cluster, 'web-vault', {
    apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'vault', namespace: 'web' },
    spec: { provider: { vault: { ...vault, auth: { appRole: { path: 'approle', roleRef: { name: 'vault-approle', key: 'role-id', namespace: 'web' }, secretRef: { name: 'vault-approle', key: 'secret-id', namespace: 'web' } } } } } },
  });
  new ApiObject(cluster, 'lab-vault', {
    apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'lab-vault' },
    spec: {
      provider: {
        vault: {
          ...vault, version: 'v1', auth: { tokenSecretRef: { name: 'vault-token', key: 'token', namespace: 'vault' } },
          tls: { certSecretRef: { name: 'vault-client', key: 'tls.crt', namespace: 'vault' }, keySecretRef: { name: 'vault-client', key: 'tls.key', namespace: 'vault' } },
        },
      },
    },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['network lab', networkLab, TRAEFIK],
  ['music lab', musicLab, TRAEFIK],
  ['status lab', statusLab, TRAEFIK],
  ['database lab', databaseLab, TRAEFIK],
  ['GPU lab', gpuLab, TRAEFIK],
  ['two media stacks lab', twoStacksLab, TRAEFIK],
  ['compose lab', composeLab, TRAEFIK],
  ['Vault stores lab', vaultLab, TRAEFIK],
  ['Matrix behind ingress-nginx lab', matrixLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
];

describe('a ninth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("Komga's context path is read from its arguments too, and one that is not the route's path is still an error", () => {
    const komga = (args: string[]) => urlBaseProblems('gotson/komga:1.14.1', {}, 'komga', [{ intent: { host: 'media', path: '/comics' }, field: 'route' }], args).map((p) => `${p.severity} ${p.field}`);
    expect(komga(['--server.servlet.context-path=/comics'])).toEqual([]);
    expect(komga(['--server.servlet.context-path', '/comics/'])).toEqual([]);
    expect(komga(['--server.servlet.context-path=/komga'])).toEqual(['error args']);
    expect(komga([])).toEqual(['warning route.path']);
  });

  test('the inference server, one replica of one GPU on a host of two, rolls out: the surged pod takes the free GPU', () => {
    const deployment = objectsOf(gpuLab).find((o) => o.kind === 'Deployment' && o.metadata.name === 'llama');
    expect(deployment?.spec.strategy.type).toBe('RollingUpdate');
  });

  test("a Sonarr of the second stack wired to none of its apps is still told of each link, its own stack's and the other's", () => {
    expect(shownFindings((scope) => twoStacks(scope, false)).sort()).toEqual([
      'warning main/kids-prowlarr allowFrom', 'warning main/kids-qbittorrent allowFrom', 'warning main/kids-sonarr allowFrom',
      'warning main/media-prowlarr allowFrom', 'warning main/media-qbittorrent allowFrom', 'warning main/media-sonarr allowFrom',
    ]);
  });

  test("Navidrome's library holds the folders mounted below it; a library beside them is still told", () => {
    const navidrome = (env: Record<string, string>, ...paths: string[]) => navidromeMusicFolderProblems({
      container: { image: 'ghcr.io/navidrome/navidrome:0.55.2', env }, prefix: '', mountPaths: new Set(['/data', ...paths]),
    }).map((p) => `${p.severity} ${p.field}`);
    expect(navidrome({}, '/music/flac', '/music/vinyl')).toEqual([]);
    expect(navidrome({ ND_MUSICFOLDER: '/srv/music/' }, '/srv/music/flac')).toEqual([]);
    expect(navidrome({}, '/musicbox/flac')).toEqual(['warning env']);
    expect(navidrome({ ND_MUSICFOLDER: '/srv/music' }, '/srv/flac')).toEqual(['error env.ND_MUSICFOLDER']);
  });
});
