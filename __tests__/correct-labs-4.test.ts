import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PoolAddress } from '../constructs';
import {
  acmeIssuer, AppController, AppDevice, AppVolume, ClusterChart, ClusterIssuer, CrossplanePostgres, declareExternal, DnsRecord, externalHost, Forgejo, ForgejoDatabase, Harbor, HomelabApp, host, hostPlacement, http01Ingress, ingressNginx, IngressTls,
  Jellyfin, JellyfinMedia, JellyfinTranscoding, k3s, k3sManifests, kubePrometheusStack, localPathStorage, MediaContainers, nfsStorage, noRoutes, Ollama, Osquery, SecretReference, ServiceRoute, site, StaticNfsVolume, talos, Tenant, traefik, WazuhAgent,
} from '../constructs';
import { admits, objectsOf, Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab, postgres } from './support/lab-sites';
import { aboutTheLab, sitesInMemory } from './support/synth';

// A fourth round of labs a user writes from the README alone, each of a shape the first three rounds did not take:
// the service constructs with their options used fully, monitoring, media from a terse spec, host agents, mail and
// VPN, backups of claims and databases. Each synthesizes with only the findings it deserves (each listed with why),
// every cluster folder builds with kustomize, every probe and Service reaches a port its pod declares, and every
// NetworkPolicy lets in the ingress on routed ports and the callers each app declares.

/** Forgejo on an external PostgreSQL of the cluster, SSH on a load balancer address of its own, a mailer whose password is a Secret. */
function forgejoPostgresLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'forge', '10.140.0');
  declareExternal(cluster, { secrets: [{ namespace: 'db', name: 'forgejo-db' }, { namespace: 'forgejo', name: 'forgejo-db' }, { namespace: 'forgejo', name: 'forgejo-mailer' }] });
  const db = postgres(cluster, 'db', 'forgejo', SecretReference.external('db', 'forgejo-db', 'password'));
  const forgejo = new Forgejo(cluster, 'forgejo', {
    version: '10.0.1',
    route: { host: 'git' },
    ssh: { loadBalancer: { address: cluster.site.pools.lb.at('10.140.0.201') } },
    database: ForgejoDatabase.postgres({ host: 'postgres.db.svc.cluster.local', password: SecretReference.external('forgejo', 'forgejo-db', 'password') }),
    settings: { service: { DISABLE_REGISTRATION: 'true' }, mailer: { ENABLED: 'true', PROTOCOL: 'smtps', SMTP_ADDR: 'smtp.fastmail.com', SMTP_PORT: '465', FROM: 'git@forge.jdoe.dev', USER: 'jdoe@fastmail.com' } },
    env: { GITEA__mailer__PASSWD: SecretReference.external('forgejo', 'forgejo-mailer', 'password') },
    resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' },
  });
  db.addAllowFrom(forgejo);
}

/** Forgejo on SQLite with SSH through Traefik's `ssh` entry point and basic auth in front of its web UI. */
function forgejoTraefikLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'gitea', '10.141.0');
  new Forgejo(cluster, 'forgejo', {
    namespace: 'git',
    storage: AppVolume.claim({ tier: 'fast', size: '50Gi' }),
    route: { host: 'code', basicAuth: SecretReference.external('git', 'forgejo-auth', 'users') },
    secretKey: SecretReference.external('git', 'forgejo-key', 'SECRET_KEY'),
  });
}

/** Harbor on an NFS image store with its database on node-local disk, behind Traefik given the read timeout a docker push of a large layer needs. */
function harborLab(scope: Construct): void {
  const lab = labSite('registry', '10.142.0', [host('registry-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.142.0.11' })], { nfs: { nas: { server: '10.142.0.5', path: '/export/k8s' } } });
  const cluster = k3sCluster(scope, lab, {
    routes: traefik({ address: lab.pools.lb.at('10.142.0.200'), readTimeout: '30m' }),
    storage: { fast: localPathStorage(), shared: nfsStorage(lab.nfs.nas) },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'registry', name: 'harbor-admin' }, { namespace: 'registry', name: 'harbor-internal' }] });
  new Harbor(cluster, 'harbor', {
    storageTier: 'shared', databaseStorageTier: 'fast', registrySize: '200Gi',
    route: { host: 'registry' },
    adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
    internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
  });
}

/** Ollama on an NVIDIA card with its home on a volume of its own, and Open WebUI calling it. */
function ollamaNvidiaLab(scope: Construct): void {
  const gpuBox = host('ai-2', { arch: 'amd64', roles: ['worker'], address: '10.143.0.12', memoryGigabytes: 64, gpus: [{ vendor: 'nvidia', model: 'RTX 3090' }] });
  const cluster = oneNodeLab(scope, 'ai', '10.143.0', {}, [gpuBox]);
  const ollama = new Ollama(cluster, 'ollama', {
    namespace: 'ai', version: '0.6.2', preferredHost: gpuBox, keepAlive: '1h', memoryLimit: '32Gi',
    modelStorage: AppVolume.claim({ tier: 'fast', size: '200Gi' }), homeStorage: AppVolume.claim({ tier: 'fast', size: '1Gi' }),
    route: { host: 'ollama' },
  });
  new HomelabApp(cluster, 'open-webui', {
    namespace: 'ai', image: 'ghcr.io/open-webui/open-webui:v0.6.5', ports: [{ name: 'http', port: 8080 }],
    env: { OLLAMA_BASE_URL: 'http://ollama:11434', WEBUI_AUTH: 'true', ENABLE_SIGNUP: 'false', WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key') },
    resources: { cpuRequest: '100m', memoryRequest: '512Mi', memoryLimit: '2Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/backend/data' } },
    egress: [ollama],
    route: { host: 'chat' },
  });
}

/** Ollama on an AMD card whose device plugin the owner installed, declared so. */
function ollamaAmdLab(scope: Construct): void {
  const lab = labSite('rocm', '10.144.0', [host('rocm-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.144.0.11', gpus: [{ vendor: 'amd', model: 'Radeon RX 7900 XTX' }] })]);
  const cluster = k3sCluster(scope, lab, { preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), { source: 'amd-gpu-device-plugin', provides: { extendedResources: ['amd.com/gpu'] } }] });
  new Ollama(cluster, 'ollama', { route: { host: 'llm' }, gpuCount: 1, supplementalGroups: [989] });
}

/** Jellyfin reading its library from a NAS export, transcoding on the iGPU through Intel's plugin, its config brought from the old server. */
function jellyfinNfsLab(scope: Construct): void {
  const node = host('media-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.145.0.11', gpus: [{ vendor: 'intel', model: 'UHD 770' }] });
  const lab = labSite('media', '10.145.0', [node], { nfs: { nas: { server: '10.145.0.5', path: '/volume1/media' } } });
  const cluster = k3sCluster(scope, lab);
  new Jellyfin(cluster, 'jellyfin', {
    version: '10.10.7',
    media: JellyfinMedia.nfs(lab.nfs.nas),
    hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 993 }),
    cacheSizeLimit: '10Gi', transcodeSizeLimit: '20Gi',
    migratedConfig: 'the /config of the old Docker host, copied into the claim before the first sync',
    env: { JELLYFIN_PublishedServerUrl: 'https://tv.media.jdoe.dev' },
    route: { host: 'tv' },
  });
}

/** The *arr apps from a terse spec on two NixOS hosts running K3s, reached on node ports of their usual numbers by a Caddy outside the cluster. */
function mediaNixosLab(scope: Construct): void {
  const server = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.146.0.11', memoryGigabytes: 32, gpus: [{ vendor: 'intel' }] });
  const agent = host('mini', { arch: 'amd64', roles: ['worker'], address: '10.146.0.12' });
  const lab = labSite('arr', '10.146.0', [server, agent]);
  const distribution = k3s({ disable: ['traefik', 'servicelb'], serviceNodePortRange: { first: 2000, last: 32767 }, serverUrl: 'https://10.146.0.11:6443', tokenFile: '/run/secrets/k3s-token', nixos: true, nixosDeployCommand: 'nixos-rebuild switch --flake .#{host} --target-host root@{host}' });
  const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [server, agent], preinstalled: [distribution], routes: noRoutes(), gitops: k3sManifests() });
  const settings = { puid: 1000, pgid: 100, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage', renderGroup: 303 };
  new MediaContainers(cluster, 'media', {
    settings, driDevices: 'intel-plugin', reservedPorts: distribution.reservedPorts,
    containers: {
      jellyfin: { image: 'lscr.io/linuxserver/jellyfin:10.10.7ubu2404-ls61', host: server, listenPort: 8096, exposePort: 8096, mediaVolumes: true, devices: ['/dev/dri:/dev/dri'] },
      sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14.2939-ls281', host: server, listenPort: 8989, exposePort: 8989, mediaVolumes: true },
      radarr: { image: 'lscr.io/linuxserver/radarr:5.21.1.9799-ls269', host: server, listenPort: 7878, exposePort: 7878, mediaVolumes: true },
      prowlarr: { image: 'lscr.io/linuxserver/prowlarr:1.33.3.5008-ls113', listenPort: 9696, exposePort: 9696, host: agent },
      plex: { image: 'lscr.io/linuxserver/plex:1.41.6.9685-d301f511a-ls262', host: server, listenPort: 32400, network: 'host', mediaVolumes: true, devices: ['/dev/dri:/dev/dri'], volumes: ['/etc/localtime:/etc/localtime:ro'] },
    },
  });
}

/** Media containers behind ingress-nginx and cert-manager, each routed under the site's domain, the downloader on a VPN. */
function mediaIngressLab(scope: Construct): void {
  const node = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.147.0.11' });
  const lab = labSite('box', '10.147.0', [node]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.147.0.200'), tls: IngressTls.perRoute('letsencrypt') }) });
  new ClusterIssuer(cluster, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev', solvers: [http01Ingress('nginx')] }),
  });
  const media = new MediaContainers(cluster, 'media', {
    settings: { puid: 1000, pgid: 1000, tz: 'Etc/UTC', configDir: '/opt/appdata', dataDir: '/mnt/data', storageDir: '/mnt/media' }, exposure: 'ingress',
    containers: {
      sabnzbd: { image: 'lscr.io/linuxserver/sabnzbd:4.5.1-ls213', host: node, listenPort: 8080, mediaVolumes: true, route: 'nzb', maxBodySize: '100Mi' },
      lidarr: { image: 'lscr.io/linuxserver/lidarr:2.10.3.4602-ls33', host: node, listenPort: 8686, mediaVolumes: true, route: 'music' },
      overseerr: { image: 'lscr.io/linuxserver/overseerr:1.34.0-ls134', host: node, listenPort: 5055, route: 'requests', healthCheck: { command: ['curl', '-f', 'http://localhost:5055/api/v1/status'], interval: '1m', retries: 3 } },
    },
  });
  // Lidarr hands its grabs to SABnzbd, a link set in its UI.
  media.apps.sabnzbd.addAllowFrom(media.apps.lidarr);
}

/** Wazuh agents enrolling each node with a manager outside the cluster, and osquery logging its schedule. */
function hostAgentsLab(scope: Construct): void {
  const nodes = [1, 2].map((i) => host(`sec-${i}`, { arch: 'amd64', roles: i === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.148.0.1${i}` }));
  const manager = externalHost('wazuh', { address: '10.148.0.5', ports: { events: 1514, enrollment: 1515 } });
  const lab = labSite('sec', '10.148.0', nodes, { externalHosts: { manager } });
  const cluster = k3sCluster(scope, lab);
  new WazuhAgent(cluster, 'wazuh-agent', {
    manager: lab.externalHosts.manager, namespace: 'security', group: 'k3s,linux', watchedFolders: ['/etc', '/usr/bin'], jsonLogs: ['/var/log/audit/audit.json'],
    registrationPassword: SecretReference.external('security', 'wazuh-enrollment', 'password'),
  });
  new Osquery(cluster, 'osquery', {
    namespace: 'security',
    schedule: { listening_ports: { query: 'SELECT pid, port, protocol, address FROM listening_ports;', interval: 300 }, users: { query: 'SELECT uid, username, shell FROM users;', interval: 3600 } },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'security', name: 'wazuh-enrollment' }] });
}

/** The monitoring stack with its alerts sent to a chat webhook, Grafana routed, an app scraped by its metrics port, its alert rule and dashboard written by hand. */
function monitoringLab(scope: Construct): void {
  const node = host('mon-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.149.0.11', memoryGigabytes: 32, cores: 8 });
  const cluster = k3sCluster(scope, labSite('mon', '10.149.0', [node]));
  const stack = cluster.platform.require(kubePrometheusStack({
    placement: hostPlacement(node), grafanaAdminSecret: 'grafana-admin', retention: '30d', retentionSize: '45GB',
    prometheusStorage: { tier: 'fast', size: '50Gi' }, grafanaStorage: { tier: 'fast', size: '2Gi' },
    alertReceiver: { kind: 'discord', url: SecretReference.external('monitoring', 'alert-webhook', 'url') },
  }));
  declareExternal(stack, {
    secrets: ['admin-user', 'admin-password', 'secret-key'].map((key) => SecretReference.external(stack.namespace, 'grafana-admin', key)).concat(SecretReference.external('monitoring', 'alert-webhook', 'url')),
  });
  new ServiceRoute(cluster, 'grafana-route', { name: 'grafana', host: 'grafana', namespace: stack.namespace, serviceName: `${stack.name}-grafana`, port: 80 });
  new HomelabApp(cluster, 'speedtest-exporter', {
    namespace: 'exporters', image: 'ghcr.io/miguelndecarvalho/speedtest-exporter:v3.5.4', ports: [{ name: 'metrics', port: 9798 }],
    metrics: { port: 'metrics', interval: '1h' },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 8080 }] }],
  });
  new ApiObject(cluster, 'speedtest-rules', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'speedtest', namespace: 'exporters' },
    spec: { groups: [{ name: 'internet', rules: [{ alert: 'SlowInternet', expr: 'speedtest_download_bits_per_second < 100e6', for: '3h', labels: { severity: 'warning' }, annotations: { summary: 'The download speed stayed under 100 Mbit/s' } }] }] },
  });
  new ApiObject(cluster, 'speedtest-dashboard', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'speedtest-dashboard', namespace: stack.namespace, labels: { grafana_dashboard: '1' } },
    data: { 'speedtest.json': JSON.stringify({ title: 'Internet', panels: [{ type: 'timeseries', title: 'Download', targets: [{ expr: 'speedtest_download_bits_per_second' }] }] }) },
  });
}

/** Maddy in namespace `mail` of `cluster`, mail of `domain`: its config file a ConfigMap, its certificate a Secret, the mail ports served as its own user on `address`. */
function maddy(cluster: ClusterChart, domain: string, address: PoolAddress): void {
  configFile(cluster, 'mail', 'maddy', 'maddy.conf', [
    `$(hostname) = mx.${domain}`, `$(primary_domain) = ${domain}`,
    'tls file /etc/maddy/tls/tls.crt /etc/maddy/tls/tls.key',
    'storage.imapsql local_mailboxes {', '    driver sqlite3', '    dsn /data/imapsql.db', '}',
    'smtp tcp://0.0.0.0:25 {', '    deliver_to &local_mailboxes', '}',
    'submission tls://0.0.0.0:465 tcp://0.0.0.0:587 {', '    deliver_to &local_mailboxes', '}',
    'imap tls://0.0.0.0:993 {', '    storage &local_mailboxes', '}', '',
  ].join('\n'));
  declareExternal(cluster, { secrets: [{ namespace: 'mail', name: 'mail-tls' }] });
  new HomelabApp(cluster, 'maddy', {
    namespace: 'mail', image: 'foxcpp/maddy:0.8.1', runAsUser: 1000, fsGroup: 1000,
    ports: [{ name: 'smtp', port: 25 }, { name: 'smtps', port: 465 }, { name: 'submission', port: 587 }, { name: 'imaps', port: 993 }],
    sysctls: { 'net.ipv4.ip_unprivileged_port_start': '25' },
    persistence: {
      config: { volume: AppVolume.configMap('maddy'), mounts: [{ mountPath: '/data/maddy.conf', subPath: 'maddy.conf' }] },
      tls: { volume: AppVolume.secret('mail-tls'), mountPath: '/etc/maddy/tls', readOnly: true },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data' },
    },
    probes: { readiness: { tcp: true, port: 25 } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 25 }] }],
    loadBalancer: { address: address, externalTrafficPolicy: 'Local' },
  });
}

/** A mail server whose config file is a ConfigMap and whose certificate is a Secret, listening on the mail ports as its own user, and a WireGuard VPN. */
function mailVpnLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'mail', '10.150.0');
  maddy(cluster, 'jdoe.dev', cluster.site.pools.lb.at('10.150.0.201'));
  declareExternal(cluster, { secrets: [{ namespace: 'vpn', name: 'wg-easy' }] });
  new HomelabApp(cluster, 'wg-easy', {
    namespace: 'vpn', image: 'ghcr.io/wg-easy/wg-easy:14.0.0', ports: [{ name: 'wireguard', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }],
    env: { WG_HOST: 'vpn.mail.jdoe.dev', WG_PORT: '51820', PORT: '51821', PASSWORD_HASH: SecretReference.external('vpn', 'wg-easy', 'password-hash') },
    sysctls: { 'net.ipv4.ip_forward': '1', 'net.ipv4.conf.all.src_valid_mark': '1' },
    exemptions: {
      runAsRoot: 'wg-easy sets up the WireGuard interface and its iptables rules as root',
      addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the wg0 interface and the NAT rules of the tunnel' },
      privileged: 'the forwarding sysctls of the tunnel, which the kubelet allows by --allowed-unsafe-sysctls',
    },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/wireguard' } },
    egress: [{ cidr: '0.0.0.0/0' }],
    loadBalancer: { address: cluster.site.pools.lb.at('10.150.0.202'), ports: ['wireguard'] },
    route: { host: 'vpn' },
  });
}

/** The mail server on a home line's public address, its MX, SPF, DKIM and DMARC records kept by external-dns in Cloudflare. */
function mailDnsLab(scope: Construct): void {
  const node = host('post-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.158.0.11', publicAddress: '203.0.113.25' });
  const lab = labSite('post', '10.158.0', [node]);
  const cluster = k3sCluster(scope, lab, { dns: { publicTarget: node, cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare', 'api-token') } } });
  declareExternal(cluster, { secrets: [{ namespace: 'external-dns', name: 'cloudflare' }] });
  maddy(cluster, 'post.jdoe.dev', lab.pools.lb.at('10.158.0.201'));
  new DnsRecord(cluster, 'mx-host', { name: 'mx.post.jdoe.dev', targets: ['203.0.113.25'] });
  new DnsRecord(cluster, 'mx', { name: 'post.jdoe.dev', recordType: 'MX', targets: ['10 mx.post.jdoe.dev'] });
  new DnsRecord(cluster, 'spf', { name: 'post.jdoe.dev', recordType: 'TXT', targets: ['v=spf1 mx -all'] });
  new DnsRecord(cluster, 'dmarc', { name: '_dmarc.post.jdoe.dev', recordType: 'TXT', targets: ['v=DMARC1; p=quarantine; rua=mailto:postmaster@post.jdoe.dev'] });
  new DnsRecord(cluster, 'dkim', { name: 'default._domainkey.post.jdoe.dev', recordType: 'TXT', targets: ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq1w'] });
}

/** A database made on request through Crossplane's PostgreSQL composition, read by Vikunja from its connection Secret, its files on an NFS folder bound as a static volume. */
function selfServiceDbLab(scope: Construct): void {
  const lab = labSite('tasks', '10.159.0', [host('tasks-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.159.0.11' })], { nfs: { nas: { server: '10.159.0.5', path: '/export/tasks', capacity: '1Ti' } } });
  const cluster = k3sCluster(scope, lab);
  const postgres = new CrossplanePostgres(cluster, 'crossplane-postgres', { group: 'database.tasks.internal', storageTier: 'fast', claimNamespaces: ['tasks'] });
  const password = SecretReference.external('tasks', 'vikunja-db-password', 'password');
  declareExternal(cluster, { secrets: [{ namespace: 'tasks', name: 'vikunja-db-password' }, { namespace: 'tasks', name: 'vikunja-jwt' }] });
  const db = postgres.claim(cluster, 'vikunja-db', { namespace: 'tasks', dbName: 'vikunja', dbUser: 'vikunja', dbSize: '5Gi', password });
  const files = new StaticNfsVolume(cluster, 'vikunja-files', { export: lab.nfs.nas, capacity: '20Gi', claim: { name: 'vikunja-files', namespace: 'tasks', size: '20Gi' } });
  new HomelabApp(cluster, 'vikunja', {
    namespace: 'tasks', image: 'vikunja/vikunja:0.24.6', ports: [{ name: 'http', port: 3456 }],
    env: {
      VIKUNJA_DATABASE_TYPE: 'postgres', VIKUNJA_DATABASE_HOST: db.key('host'), VIKUNJA_DATABASE_DATABASE: db.key('database'),
      VIKUNJA_DATABASE_USER: db.key('username'), VIKUNJA_DATABASE_PASSWORD: db.key('password'),
      VIKUNJA_SERVICE_PUBLICURL: 'https://tasks.tasks.jdoe.dev/', VIKUNJA_SERVICE_JWTSECRET: SecretReference.external('tasks', 'vikunja-jwt', 'secret'),
    },
    persistence: { files: { volume: files.volume, mountPath: '/app/vikunja/files' } },
    route: { host: 'tasks' },
  });
}

/** Talos keeping its own Flannel, Traefik on MetalLB, local-path under /var, and a tenant whose apps fit its quota. */
function talosFlannelLab(scope: Construct): void {
  const nodes = [1, 2, 3].map((i) => host(`tal-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.151.0.1${i}`, memoryGigabytes: 16, cores: 4 }));
  const lab = labSite('tal', '10.151.0', nodes);
  const cluster = k3sCluster(scope, lab, {
    preinstalled: [talos({ bootstrapNode: nodes[0], bringYourOwnCni: false, allowSchedulingOnControlPlanes: true, clusterEndpoint: '10.151.0.10' })],
    unenforcedNetworkPolicies: 'one family shares the cluster; the quota is what the tenant is for',
  });
  new Tenant(cluster, 'family', { namespace: 'family', owner: 'family', quota: { requestsMemory: '2Gi', limitsMemory: '4Gi', pods: 8 } });
  new HomelabApp(cluster, 'mealie', {
    namespace: 'family', image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', ports: [{ name: 'http', port: 9000 }], labels: { owner: 'family' },
    env: { BASE_URL: 'https://recipes.tal.jdoe.dev', ALLOW_SIGNUP: 'false', TZ: 'Europe/Berlin' },
    resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/data' } },
    route: { host: 'recipes' },
  });
}

/** Two sites of one fleet under one domain, each its own cluster and routes under its own name. */
function fleetSites(scope: Construct): void {
  for (const [name, prefix, app] of [['home', '10.152.0', 'photos'], ['cabin', '10.153.0', 'cams']] as const) {
    const node = host(`${name}-1`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `${prefix}.11` });
    const lab = site(name, { domain: 'jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/fleet.git' }, pools: { lb: { first: `${prefix}.200`, last: `${prefix}.209` } } });
    const siteScope = new Construct(scope, name);
    const cluster = k3sCluster(siteScope, lab, { domain: `${name}.jdoe.dev` });
    new HomelabApp(cluster, app, {
      image: 'ghcr.io/jdoe/viewer:3.1.0', ports: [{ name: 'http', port: 8080 }],
      env: { PUBLIC_URL: `https://${app}.${name}.jdoe.dev`, PEER_URL: name === 'home' ? 'https://cams.cabin.jdoe.dev' : 'https://photos.home.jdoe.dev' },
      egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
      route: { host: app },
    });
  }
}

/** Nightly backups of an app's claim with restic to a B2 bucket, and of its database with pg_dump, each a CronJob beside the app. */
function backupsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'docs', '10.154.0');
  declareExternal(cluster, { secrets: [{ namespace: 'docs', name: 'docs-db' }, { namespace: 'docs', name: 'restic' }] });
  const password = SecretReference.external('docs', 'docs-db', 'password');
  const db = postgres(cluster, 'docs', 'paperless', password);
  const redis = new HomelabApp(cluster, 'redis', {
    namespace: 'docs', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  new HomelabApp(cluster, 'paperless', {
    namespace: 'docs', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3', ports: [{ name: 'http', port: 8000 }],
    env: { PAPERLESS_DBHOST: 'postgres', PAPERLESS_DBUSER: 'paperless', PAPERLESS_DBPASS: password, PAPERLESS_REDIS: 'redis://redis:6379', PAPERLESS_URL: 'https://docs.docs.jdoe.dev', USERMAP_UID: '1000', USERMAP_GID: '1000' },
    exemptions: {
      runAsRoot: 'the image starts as root and drops to USERMAP_UID',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and switches to its own user; its init signals the app to stop it' },
      writableRootFilesystem: 's6-overlay writes its service tree under /run',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/usr/src/paperless/data' } },
    resources: { cpuRequest: '200m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    egress: [db, redis],
    route: { host: 'docs' },
  });
  const restic = { RESTIC_REPOSITORY: 's3:https://s3.us-west-004.backblazeb2.com/jdoe-docs', RESTIC_PASSWORD: SecretReference.external('docs', 'restic', 'password'), AWS_ACCESS_KEY_ID: SecretReference.external('docs', 'restic', 'key-id'), AWS_SECRET_ACCESS_KEY: SecretReference.external('docs', 'restic', 'application-key') };
  new HomelabApp(cluster, 'backup-files', {
    namespace: 'docs', image: 'restic/restic:0.18.0', runAsUser: 1000,
    command: ['sh', '-c', 'restic snapshots >/dev/null 2>&1 || restic init; restic backup /data --host paperless && restic forget --keep-daily 7 --keep-weekly 4 --prune'],
    env: { ...restic, RESTIC_CACHE_DIR: '/cache' },
    controller: AppController.cronJob({ schedule: '15 3 * * *', concurrencyPolicy: 'Forbid' }),
    persistence: { data: { volume: AppVolume.existingClaim('paperless-data'), mountPath: '/data', readOnly: true }, cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  new HomelabApp(cluster, 'backup-db', {
    namespace: 'docs', image: 'postgres:17.2-alpine', runAsUser: 70,
    command: ['sh', '-c', 'pg_dump -Fc -f /backup/paperless-$(date +%F).dump && find /backup -name "*.dump" -mtime +7 -delete'],
    env: { PGHOST: 'postgres', PGUSER: 'paperless', PGDATABASE: 'paperless', PGPASSWORD: password },
    controller: AppController.cronJob({ schedule: '0 3 * * *', concurrencyPolicy: 'Forbid' }),
    persistence: { backup: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/backup' } },
    egress: [db],
  });
}

/** Frigate on a Coral USB accelerator and the iGPU, its config from a ConfigMap, its MQTT password from a Secret, Mosquitto's password file from a Secret. */
function frigateLab(scope: Construct): void {
  const node = host('nvr-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.155.0.11', gpus: [{ vendor: 'intel' }] });
  const cluster = k3sCluster(scope, labSite('nvr', '10.155.0', [node]));
  declareExternal(cluster, { secrets: [{ namespace: 'nvr', name: 'mqtt' }, { namespace: 'nvr', name: 'mosquitto-passwords' }] });
  configFile(cluster, 'nvr', 'mosquitto', 'mosquitto.conf', 'listener 1883\npassword_file /mosquitto/auth/passwords\npersistence true\npersistence_location /mosquitto/data/\n');
  const mosquitto = new HomelabApp(cluster, 'mosquitto', {
    namespace: 'nvr', image: 'eclipse-mosquitto:2.0.21', runAsUser: 1883, ports: [{ name: 'mqtt', port: 1883 }],
    persistence: {
      config: { volume: AppVolume.configMap('mosquitto'), mountPath: '/mosquitto/config' },
      auth: { volume: AppVolume.secret('mosquitto-passwords'), mountPath: '/mosquitto/auth', readOnly: true },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/mosquitto/data' },
    },
  });
  configFile(cluster, 'nvr', 'frigate', 'config.yml', [
    'mqtt:', '  host: mosquitto', '  user: frigate', '  password: "{FRIGATE_MQTT_PASSWORD}"',
    'detectors:', '  coral:', '    type: edgetpu', '    device: usb',
    'ffmpeg:', '  hwaccel_args: preset-vaapi',
    // The route ends TLS; Frigate's login port then speaks plain HTTP.
    'tls:', '  enabled: false',
    'cameras:', '  driveway:', '    ffmpeg:', '      inputs:', '        - path: rtsp://10.155.0.60:554/stream1', '          roles: [detect, record]', '',
  ].join('\n'));
  new HomelabApp(cluster, 'frigate', {
    namespace: 'nvr', image: 'ghcr.io/blakeblackshear/frigate:0.15.1', ports: [{ name: 'http', port: 8971 }, { name: 'internal', port: 5000 }, { name: 'rtsp', port: 8554 }],
    env: { FRIGATE_MQTT_PASSWORD: SecretReference.external('nvr', 'mqtt', 'password'), CONFIG_FILE: '/config/config.yml' },
    gpu: { vendor: 'intel', renderGroup: 993 },
    devices: [AppDevice.hostDevice('/dev/bus/usb')],
    exemptions: {
      runAsRoot: "Frigate's image runs as root", writableRootFilesystem: 's6-overlay writes its service tree under /run',
      hostPath: 'the USB bus the Coral accelerator enumerates on again as it loads its firmware',
      privileged: "the Coral's USB device, which no device plugin of the cluster hands over, as Frigate's guide runs it",
    },
    persistence: {
      config: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml' }] },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' },
      media: { volume: AppVolume.claim({ tier: 'fast', size: '200Gi' }), mountPath: '/media/frigate' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '256Mi' }), mountPath: '/dev/shm' },
    },
    resources: { cpuRequest: '1', memoryRequest: '2Gi', memoryLimit: '4Gi' },
    egress: [mosquitto, { cidr: '10.155.0.60/32', ports: [{ port: 554 }] }],
    route: { host: 'nvr' },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };
const NGINX: Peer = { namespace: 'ingress-nginx', app: 'ingress-nginx' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['Forgejo on PostgreSQL lab', forgejoPostgresLab, TRAEFIK],
  ['Forgejo behind Traefik lab', forgejoTraefikLab, TRAEFIK],
  ['Harbor lab', harborLab, TRAEFIK],
  ['Ollama on NVIDIA lab', ollamaNvidiaLab, TRAEFIK],
  ['Ollama on AMD lab', ollamaAmdLab, TRAEFIK],
  ['Jellyfin on NFS lab', jellyfinNfsLab, TRAEFIK],
  ['NixOS media lab', mediaNixosLab, TRAEFIK],
  ['media behind ingress-nginx lab', mediaIngressLab, NGINX],
  ['host agents lab', hostAgentsLab, TRAEFIK],
  ['monitoring lab', monitoringLab, TRAEFIK],
  ['mail and VPN lab', mailVpnLab, TRAEFIK],
  ['mail DNS lab', mailDnsLab, TRAEFIK],
  ['self-service database lab', selfServiceDbLab, TRAEFIK],
  ['Talos with Flannel lab', talosFlannelLab, TRAEFIK],
  ['fleet of two sites', fleetSites, TRAEFIK],
  ['backups lab', backupsLab, TRAEFIK],
  ['Frigate lab', frigateLab, TRAEFIK],
];

describe('a fourth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS.filter(([, define]) => define !== mediaNixosLab))('the %s: no finding', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });

  test("the NixOS media lab: warned only that K3s' auto-deploy folder cannot fetch the Intel GPU plugin's upstream manifests, which its README lists as a step by hand", () => {
    expect(shownFindings(mediaNixosLab)).toEqual(['warning main/platform/installs/intel-gpu-plugin install']);
  });
});

// Grafana's Service comes of the monitoring stack's chart, which the cluster's engine renders.
describeOutputRuns(LABS, ['monitoring/kube-prometheus-stack-grafana:80']);

describe("each app's policy admits the callers the labs declare", () => {
  test('Forgejo reaches its database, Open WebUI Ollama, Frigate its broker, the backups their database; an app not declared stays out', () => {
    const forge = objectsOf(forgejoPostgresLab);
    const docs = objectsOf(backupsLab);
    expect({
      forgejo: admits(forge, 'db', 'postgres', 5432, { namespace: 'forgejo', app: 'forgejo' }),
      webui: admits(objectsOf(ollamaNvidiaLab), 'ai', 'ollama', 11434, { namespace: 'ai', app: 'open-webui' }),
      frigate: admits(objectsOf(frigateLab), 'nvr', 'mosquitto', 1883, { namespace: 'nvr', app: 'frigate' }),
      paperless: admits(docs, 'docs', 'postgres', 5432, { namespace: 'docs', app: 'paperless' }),
      dump: admits(docs, 'docs', 'postgres', 5432, { namespace: 'docs', app: 'backup-db' }),
    }).toEqual({ forgejo: true, webui: true, frigate: true, paperless: true, dump: true });
    expect(admits(docs, 'docs', 'postgres', 5432, { namespace: 'docs', app: 'backup-files' })).toBe(false);
  });
});

describe('what the labs write right, where it was refused', () => {
  test("node ports of a K3s started with a wider serviceNodePortRange lie in the cluster's range, without nodePortRange written again", () => {
    expect(shownFindings(mediaNixosLab).filter((f) => f.includes('exposePort'))).toEqual([]);
  });

  test("a config file's listen addresses (tcp://0.0.0.0:465) and calls of the pod itself (http://127.0.0.1:8080) are no calls out of the cluster", () => {
    const define = (scope: Construct) => {
      const cluster = oneNodeLab(scope, 'listen', '10.156.0');
      configFile(cluster, 'relay', 'relay', 'relay.conf', 'listen tcp://0.0.0.0:2525\nlisten tls://[::]:4650\nhealth http://127.0.0.1:8080/ready\n');
      new HomelabApp(cluster, 'relay', {
        namespace: 'relay', image: 'ghcr.io/jdoe/relay:1.2.0', ports: [{ name: 'smtp', port: 2525 }, { name: 'smtps', port: 4650 }, { name: 'http', port: 8080 }],
        env: { HEALTH_URL: 'http://127.0.0.1:8080/ready' },
        persistence: { config: { volume: AppVolume.configMap('relay'), mountPath: '/etc/relay' } },
        egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 25 }] }],
      });
    };
    expect(shownFindings(define)).toEqual([]);
  });

  test("an AMD GPU of Ollama's whose user is in no render group is a warning on supplementalGroups, the prop that takes the group", () => {
    const define = (scope: Construct) => {
      const lab = labSite('rocm2', '10.157.0', [host('rocm2-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.157.0.11', gpus: [{ vendor: 'amd' }] })]);
      const cluster = k3sCluster(scope, lab, { preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), { source: 'amd-gpu-device-plugin', provides: { extendedResources: ['amd.com/gpu'] } }] });
      new Ollama(cluster, 'ollama', {});
    };
    const findings = aboutTheLab(sitesInMemory(define).findings);
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual(['warning main/ollama supplementalGroups']);
    expect(findings[0].hint).toContain('supplementalGroups: [104]');
  });
});
