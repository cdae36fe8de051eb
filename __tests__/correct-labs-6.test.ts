import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, cilium, ciliumLoadBalancer, ciliumOnTalos, ClusterChart, declareExternal, flux, gatewayApi, HomelabApp, host, hostPlacement, Knative,
  KubeVirtManager, localPathStorage, loki, SecretReference, ServiceRoute, site, talos,
} from '../constructs';
import { turnExternalAddressNotes } from '../constructs/app/turn-external-address';
import { admits, objectsOf, Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab, postgres } from './support/lab-sites';
import { synapseWithConfigFiles } from './support/synapse-lab';

// A sixth round of labs a user writes from the README alone, each meeting the checks added since the fifth in a
// correct but less common form: curl and wget on command lines (a healthcheck CronJob to a host outside, an init
// container waiting on a Service by its full name, a probe's exec on the loopback), public URLs with a port or a
// second route, Synapse's database made with the C locale another way, coturn's public address in its config file,
// the calls' servers of another release line, object storage reached through Service aliases, an admission policy
// using every field, fixed cluster IPs inside K3s' range, KubeVirt Manager after a VM, listen ports of mounted
// files, Knative on Cilium's Gateway, Jitsi's bridge on the host's network, Garage's secret files, SeaweedFS' masters
// by their pods' names. Each synthesizes with only the findings it deserves (each listed with why),
// every cluster folder builds with kustomize, every probe and Service reaches a port its pod declares, and every
// NetworkPolicy lets in the ingress on routed ports and the callers each app declares.

/** Healthchecks: a CronJob pinging a checker outside on its port, a backup job calling an app by its full Service name, an init container waiting on wget, a probe's exec on the loopback. */
function healthchecksLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'hc', '10.190.0');
  declareExternal(cluster, { secrets: [{ namespace: 'checks', name: 'healthchecks' }, { namespace: 'passwords', name: 'vaultwarden' }] });
  const vaultwarden = new HomelabApp(cluster, 'vaultwarden', {
    namespace: 'passwords', image: 'ghcr.io/dani-garcia/vaultwarden:1.33.2', ports: [{ name: 'http', port: 8080 }],
    env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.hc.jdoe.dev', SIGNUPS_ALLOWED: 'false', ADMIN_TOKEN: SecretReference.external('passwords', 'vaultwarden', 'admin-token') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    probes: { readiness: { httpPath: '/alive' }, liveness: { command: ['curl', '-fsS', 'http://localhost:8080/alive'], periodSeconds: 30 } },
    route: { host: 'vault' },
  });
  // Every ten minutes, Vaultwarden's health by its cluster name and port, then a ping to healthchecks.io on 443.
  new HomelabApp(cluster, 'vault-ping', {
    namespace: 'checks', image: 'docker.io/curlimages/curl:8.12.1',
    command: ['sh', '-c', 'curl -fsS -m 10 --retry 3 http://vaultwarden.passwords.svc.cluster.local:8080/alive && curl -fsS -m 10 --retry 3 "https://hc-ping.com/${PING_UUID}"'],
    env: { PING_UUID: SecretReference.external('checks', 'healthchecks', 'uuid') },
    controller: AppController.cronJob({ schedule: '*/10 * * * *' }),
    egress: [vaultwarden, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  // Gotenberg converts; the worker waits for it with wget before it starts.
  const gotenberg = new HomelabApp(cluster, 'gotenberg', {
    namespace: 'checks', image: 'gotenberg/gotenberg:8.16.0', runAsUser: 1001, ports: [{ name: 'http', port: 3000 }],
    probes: { readiness: { httpPath: '/health' }, liveness: { httpPath: '/health' } },
    persistence: { tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
  });
  new HomelabApp(cluster, 'converter', {
    namespace: 'checks', image: 'ghcr.io/jdoe/converter:1.4.0', ports: [{ name: 'http', port: 8080 }],
    env: { GOTENBERG_URL: 'http://gotenberg:3000' },
    initContainers: [{ name: 'wait-for-gotenberg', image: 'busybox:1.37.0', command: ['sh', '-c', 'until wget -q -O /dev/null http://gotenberg.checks:3000/health; do sleep 2; done'] }],
    egress: [gotenberg],
  });
}

/** Public URLs: BookStack told its URL with the port the browser uses, n8n's webhooks on a second host of their own, Outline's URL with a slash. */
function publicUrlsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'urls', '10.191.0');
  const secret = (key: string) => SecretReference.external('wiki', 'apps', key);
  declareExternal(cluster, { secrets: [{ namespace: 'wiki', name: 'apps' }, { namespace: 'wiki', name: 'db' }] });
  const db = postgres(cluster, 'wiki', 'wiki', SecretReference.external('wiki', 'db', 'password'));
  new HomelabApp(cluster, 'bookstack', {
    namespace: 'wiki', image: 'ghcr.io/linuxserver/bookstack:24.12.1', ports: [{ name: 'http', port: 80 }],
    env: {
      PUID: '1000', PGID: '1000', APP_URL: 'https://books.urls.jdoe.dev:443', APP_KEY: secret('bookstack-key'),
      DB_HOST: 'mariadb.db.example', DB_PORT: '3306', DB_USERNAME: 'bookstack', DB_PASSWORD: secret('bookstack-db'), DB_DATABASE: 'bookstack',
    },
    exemptions: {
      runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 's6-overlay writes /run',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 's6-overlay chowns /config, drops to PUID and signals the app to stop it' },
    },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    egress: [{ cidr: '10.191.0.5/32', ports: [{ port: 3306 }] }],
    route: { host: 'books' },
  });
  new HomelabApp(cluster, 'n8n', {
    namespace: 'wiki', image: 'ghcr.io/n8nio/n8n:1.81.4', ports: [{ name: 'http', port: 5678 }],
    env: {
      N8N_HOST: 'n8n.urls.jdoe.dev', N8N_PROTOCOL: 'https', N8N_EDITOR_BASE_URL: 'https://n8n.urls.jdoe.dev/', WEBHOOK_URL: 'https://hooks.urls.jdoe.dev/',
      N8N_ENCRYPTION_KEY: secret('n8n-key'), N8N_USER_FOLDER: '/data',
    },
    // Its SQLite database and config under the user folder's .n8n.
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    route: { host: 'n8n' },
  });
  // The webhooks alone on a host of their own, which the forges outside call.
  new ServiceRoute(cluster, 'n8n-hooks', { name: 'n8n-hooks', host: 'hooks', path: '/webhook', namespace: 'wiki', serviceName: 'n8n', port: 5678 });
  new HomelabApp(cluster, 'outline', {
    namespace: 'wiki', image: 'outlinewiki/outline:0.82.0', ports: [{ name: 'http', port: 3000 }],
    env: {
      URL: 'https://docs.urls.jdoe.dev/', SECRET_KEY: secret('outline-secret'), UTILS_SECRET: secret('outline-utils'),
      // The password joins the URL through the kubelet's expansion of a variable given before it.
      DB_PASSWORD: SecretReference.external('wiki', 'db', 'password'), DATABASE_URL: 'postgres://wiki:$(DB_PASSWORD)@postgres:5432/wiki?sslmode=disable',
      REDIS_URL: 'redis://redis.wiki.svc.cluster.local:6379', FILE_STORAGE: 'local', FILE_STORAGE_LOCAL_ROOT_DIR: '/var/lib/outline/data',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/outline/data' } },
    egress: [db, { namespace: 'wiki', podLabels: { 'app.kubernetes.io/name': 'redis' } }],
    route: { host: 'docs' },
  });
  new HomelabApp(cluster, 'redis', {
    namespace: 'wiki', image: 'docker.io/valkey/valkey:8.0.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
    allowFrom: [{ namespace: 'wiki', podLabels: { 'app.kubernetes.io/name': 'outline' } }],
  });
  db.addAllowFrom({ namespace: 'wiki', podLabels: { 'app.kubernetes.io/name': 'outline' } });
}

/** Firefly III and its importer by the Service's full name and port, n8n in queue mode with a webhook process, all three n8n processes on one key. */
function financeLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'money', '10.192.0');
  const secret = (key: string) => SecretReference.external('finance', 'finance', key);
  declareExternal(cluster, { secrets: [{ namespace: 'finance', name: 'finance' }, { namespace: 'finance', name: 'db' }] });
  const password = SecretReference.external('finance', 'db', 'password');
  const db = postgres(cluster, 'finance', 'finance', password);
  const redis = new HomelabApp(cluster, 'redis', {
    namespace: 'finance', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  const firefly = new HomelabApp(cluster, 'firefly', {
    namespace: 'finance', image: 'docker.io/fireflyiii/core:version-6.2.10', ports: [{ name: 'http', port: 8080 }],
    env: {
      APP_KEY: secret('app-key'), APP_URL: 'https://firefly.money.jdoe.dev', TRUSTED_PROXIES: '**', DB_CONNECTION: 'pgsql', DB_HOST: 'postgres.finance.svc.cluster.local',
      DB_PORT: '5432', DB_DATABASE: 'finance', DB_USERNAME: 'finance', DB_PASSWORD: password, STATIC_CRON_TOKEN: secret('cron-token'),
    },
    persistence: { upload: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html/storage/upload' } },
    egress: [db], route: { host: 'firefly' },
  });
  new HomelabApp(cluster, 'firefly-importer', {
    namespace: 'finance', image: 'fireflyiii/data-importer:version-1.6.1', ports: [{ name: 'http', port: 8080 }],
    env: { FIREFLY_III_URL: 'http://firefly.finance.svc.cluster.local:8080', VANITY_URL: 'https://firefly.money.jdoe.dev', FIREFLY_III_ACCESS_TOKEN: secret('importer-token'), TRUSTED_PROXIES: '**' },
    egress: [firefly], route: { host: 'import' },
  });
  // Firefly's cron through wget, the token from the Secret in the URL's path.
  new HomelabApp(cluster, 'firefly-cron', {
    namespace: 'finance', image: 'alpine:3.21.2',
    command: ['sh', '-c', 'wget -qO- "http://firefly:8080/api/v1/cron/${STATIC_CRON_TOKEN}"'],
    env: { STATIC_CRON_TOKEN: secret('cron-token') },
    controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }),
    egress: [firefly],
  });
  // n8n keeps its workflows in a PostgreSQL of its own, as queue mode needs one.
  const n8nDb = new HomelabApp(cluster, 'n8n-db', {
    namespace: 'finance', image: 'postgres:16.6-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70, controller: AppController.statefulSet(),
    env: { POSTGRES_USER: 'n8n', POSTGRES_DB: 'n8n', POSTGRES_PASSWORD: secret('n8n-db-password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  const queue = {
    EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis', QUEUE_BULL_REDIS_PORT: '6379', DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-db', DB_POSTGRESDB_DATABASE: 'n8n',
    DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: secret('n8n-db-password'), N8N_ENCRYPTION_KEY: secret('n8n-key'), GENERIC_TIMEZONE: 'Europe/Berlin',
  };
  const state = { data: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } };
  new HomelabApp(cluster, 'n8n', {
    namespace: 'finance', image: 'n8nio/n8n:1.81.4', ports: [{ name: 'http', port: 5678 }],
    env: { ...queue, N8N_HOST: 'automate.money.jdoe.dev', N8N_PROTOCOL: 'https', WEBHOOK_URL: 'https://automate.money.jdoe.dev', N8N_PROXY_HOPS: '1' },
    persistence: state, egress: [n8nDb, redis], route: { host: 'automate' },
  });
  new HomelabApp(cluster, 'n8n-worker', {
    namespace: 'finance', image: 'n8nio/n8n:1.81.4', args: ['worker', '--concurrency=5'], env: queue, persistence: state,
    egress: [n8nDb, redis, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  new HomelabApp(cluster, 'n8n-webhook', {
    namespace: 'finance', image: 'n8nio/n8n:1.81.4', args: ['webhook'], ports: [{ name: 'http', port: 5678 }], env: queue, persistence: state,
    egress: [n8nDb, redis],
  });
}

/** Synapse of Element's registry on PostgreSQL made with the C locale (initdb's `--locale C`), its database named by the Service's full name. */
function synapseLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'mx', '10.193.0');
  declareExternal(cluster, { secrets: [{ namespace: 'matrix', name: 'synapse-db' }, { namespace: 'matrix', name: 'synapse-secrets' }] });
  const db = new HomelabApp(cluster, 'matrix-db', {
    namespace: 'matrix', image: 'docker.io/library/postgres:16.6-bookworm', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, runAsGroup: 999,
    controller: AppController.statefulSet(),
    env: { POSTGRES_USER: 'synapse', POSTGRES_DB: 'synapse', POSTGRES_PASSWORD: SecretReference.external('matrix', 'synapse-db', 'password'), POSTGRES_INITDB_ARGS: '-E UTF8 --locale C', PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  configFile(cluster, 'matrix', 'synapse', 'homeserver.yaml', [
    'server_name: mx.jdoe.dev', 'public_baseurl: https://matrix.mx.jdoe.dev/', 'pid_file: /data/homeserver.pid',
    'listeners:', '  - port: 8008', '    type: http', '    tls: false', '    x_forwarded: true', '    resources:', '      - names: [client, federation]',
    'database:', '  name: psycopg2', '  args:', '    host: matrix-db.matrix.svc.cluster.local', '    port: 5432', '    user: synapse', '    dbname: synapse',
    'media_store_path: /data/media_store', 'signing_key_path: /secrets/signing.key', 'report_stats: false', '',
  ].join('\n'));
  synapseWithConfigFiles(cluster, 'ghcr.io/element-hq/synapse:v1.124.0', db);
}

/** coturn whose public address its turnserver.conf gives, mounted as a file; Jitsi Videobridge told its addresses from a ConfigMap; TeamSpeak 6; LiveKit's keys in a file of a Secret. */
function callsLab(scope: Construct): void {
  const box = host('calls-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.194.0.11', publicAddress: '198.51.100.7' });
  const cluster = k3sCluster(scope, labSite('calls', '10.194.0', [box]));
  declareExternal(cluster, { secrets: [{ namespace: 'jitsi', name: 'jitsi' }, { namespace: 'livekit', name: 'livekit-keys' }] });
  configFile(cluster, 'turn', 'coturn', 'turnserver.conf', [
    'listening-port=3478', 'min-port=49160', 'max-port=49200', 'external-ip=198.51.100.7/10.194.0.11', 'realm=turn.calls.jdoe.dev', 'fingerprint', 'no-cli', 'log-file=stdout', '',
  ].join('\n'));
  new HomelabApp(cluster, 'coturn', {
    namespace: 'turn', image: 'coturn/coturn:4.6.3-alpine', args: ['--log-file=stdout', '--no-tls', '--no-dtls'],
    ports: [{ name: 'turn', port: 3478, protocol: 'UDP' }, { name: 'turn-tcp', port: 3478 }],
    persistence: { config: { volume: AppVolume.configMap('coturn'), mounts: [{ mountPath: '/etc/coturn/turnserver.conf', subPath: 'turnserver.conf' }], readOnly: true } },
    exemptions: {
      hostNetwork: 'the relay hands out ports of its range on the node address',
      addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'turnserver carries it as a file capability' },
    },
  });
  configFile(cluster, 'jitsi', 'jvb-addresses', 'advertise', '10.194.0.201,198.51.100.7');
  const prosody = new HomelabApp(cluster, 'prosody', {
    namespace: 'jitsi', image: 'jitsi/prosody:stable-10078', ports: [{ name: 'xmpp', port: 5222 }],
    env: { JVB_AUTH_PASSWORD: SecretReference.external('jitsi', 'jitsi', 'jvb') },
  });
  new HomelabApp(cluster, 'jvb', {
    namespace: 'jitsi', image: 'jitsi/jvb:stable-10078', egress: [prosody],
    env: { XMPP_SERVER: 'prosody.jitsi.svc.cluster.local', JVB_AUTH_PASSWORD: SecretReference.external('jitsi', 'jitsi', 'jvb'), JVB_ADVERTISE_IPS: { configMapName: 'jvb-addresses', key: 'advertise' } },
    ports: [{ name: 'media', port: 10000, protocol: 'UDP' }, { name: 'http', port: 8080 }],
    loadBalancer: { address: cluster.site.pools.lb.at('10.194.0.201'), ports: ['media'] },
  });
  prosody.addAllowFrom({ namespace: 'jitsi', podLabels: { 'app.kubernetes.io/name': 'jvb' } });
  new HomelabApp(cluster, 'teamspeak', {
    namespace: 'voice', image: 'teamspeaksystems/teamspeak6-server:v6.0.0-beta4', env: { TSSERVER_LICENSE_ACCEPTED: 'accept' },
    ports: [{ name: 'voice', port: 9987, protocol: 'UDP' }, { name: 'files', port: 30033 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/tsserver' } },
    loadBalancer: { address: cluster.site.pools.lb.at('10.194.0.202'), ports: ['voice', 'files'], externalTrafficPolicy: 'Local' },
  });
  configFile(cluster, 'livekit', 'livekit-config', 'livekit.yaml', 'port: 7880\nrtc:\n  tcp_port: 7881\n  port_range_start: 50000\n  port_range_end: 60000\n  use_external_ip: true\nkey_file: /etc/livekit-keys/keys.yaml\n');
  new HomelabApp(cluster, 'livekit', {
    namespace: 'livekit', image: 'docker.io/livekit/livekit-server:v1.8.3', args: ['--config', '/etc/livekit/livekit.yaml'], ports: [{ name: 'http', port: 7880 }],
    persistence: {
      config: { volume: AppVolume.configMap('livekit-config'), mountPath: '/etc/livekit', readOnly: true },
      keys: { volume: AppVolume.secret('livekit-keys'), mountPath: '/etc/livekit-keys', readOnly: true },
    },
    exemptions: { hostNetwork: 'WebRTC on a range of UDP ports' },
    route: { host: 'livekit' },
  });
}

/** Object storage reached through Service aliases: Loki on MinIO at `minio.storage:9000`, Mimir's S3 block, SeaweedFS by its masters' full names, MinIO's console and API routed by Traefik. */
function objectStoreLab(scope: Construct): void {
  const node = host('s3-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.195.0.11', memoryGigabytes: 32, cores: 8 });
  const cluster = k3sCluster(scope, labSite('s3', '10.195.0', [node]));
  declareExternal(cluster, { secrets: [{ namespace: 'storage', name: 'minio' }, { namespace: 'monitoring', name: 'loki-bucket' }, { namespace: 'mimir', name: 'mimir-s3' }] });
  new HomelabApp(cluster, 'minio', {
    namespace: 'storage', image: 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z', command: ['minio'], args: ['server', '/data', '--address', ':9000', '--console-address', ':9001'],
    ports: [{ name: 'api', port: 9000 }, { name: 'console', port: 9001 }],
    env: { MINIO_ROOT_USER: SecretReference.external('storage', 'minio', 'root-user'), MINIO_ROOT_PASSWORD: SecretReference.external('storage', 'minio', 'root-password'), MINIO_BROWSER_REDIRECT_URL: 'https://console.s3.jdoe.dev' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '200Gi' }), mountPath: '/data' } },
    allowFrom: [{ namespace: 'monitoring' }, { namespace: 'mimir' }],
    route: { host: 's3', port: 9000 },
  });
  new ServiceRoute(cluster, 'minio-console', { name: 'minio-console', host: 'console', namespace: 'storage', serviceName: 'minio', port: 9001 });
  const lokiRelease = cluster.platform.require(loki({
    placement: hostPlacement(node), storageClass: 'local-path', retention: '30d',
    bucket: { endpoint: 'http://minio.storage:9000', name: 'lab-logs', region: 'us-east-1', credentialsSecret: 'loki-bucket' },
  }));
  lokiRelease.addValues({ lokiCanary: { enabled: false } });
  configFile(cluster, 'mimir', 'mimir', 'mimir.yaml', [
    'multitenancy_enabled: false', 'common:', '  storage:', '    backend: s3', '    s3:', '      endpoint: minio.storage.svc.cluster.local:9000', '      insecure: true',
    '      bucket_name: lab-metrics', 'blocks_storage:', '  storage_prefix: blocks', '  tsdb:', '    dir: /data/tsdb', 'compactor:', '  data_dir: /data/compactor',
    'ingester:', '  ring:', '    replication_factor: 1', 'store_gateway:', '  sharding_ring:', '    replication_factor: 1', 'server:', '  http_listen_port: 9009', '',
  ].join('\n'));
  new HomelabApp(cluster, 'mimir', {
    namespace: 'mimir', image: 'grafana/mimir:2.15.0', args: ['-config.file=/etc/mimir/mimir.yaml', '-target=all'], ports: [{ name: 'http', port: 9009 }],
    env: { AWS_ACCESS_KEY_ID: SecretReference.external('mimir', 'mimir-s3', 'access-key'), AWS_SECRET_ACCESS_KEY: SecretReference.external('mimir', 'mimir-s3', 'secret-key') },
    probes: { readiness: { httpPath: '/ready' }, liveness: { httpPath: '/ready', failureThreshold: 10 } },
    persistence: { config: { volume: AppVolume.configMap('mimir'), mountPath: '/etc/mimir', readOnly: true }, data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data' } },
    egress: [{ namespace: 'storage', podLabels: { 'app.kubernetes.io/name': 'minio' } }],
  });
  const seaweed = (id: string, args: string[], ports: Array<{ name: string; port: number }>, size: string) => new HomelabApp(cluster, id, {
    namespace: 'seaweedfs', image: 'chrislusf/seaweedfs:3.85', args, ports,
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size }), mountPath: '/data' } },
    allowFrom: [{ namespace: 'seaweedfs' }],
  });
  seaweed('weed-master', ['master', '-port=9333', '-port.grpc=19333', '-mdir=/data'], [{ name: 'http', port: 9333 }, { name: 'grpc', port: 19333 }], '1Gi');
  seaweed('weed-volume', ['volume', '-port=8080', '-dir=/data', '-mserver=weed-master.seaweedfs.svc.cluster.local:9333'], [{ name: 'http', port: 8080 }, { name: 'grpc', port: 18080 }], '100Gi');
  seaweed('weed-filer', ['filer', '-port=8888', '-master=weed-master.seaweedfs:9333'], [{ name: 'http', port: 8888 }, { name: 'grpc', port: 18888 }], '5Gi');
}

/** An admission policy using every field: match constraints with a namespace selector and exclusions, parameters by a selector, variables, messages, reasons, audit annotations and match conditions. */
function admissionPolicyLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'vap', '10.196.0');
  cluster.namespaces.ensure('policy');
  new ApiObject(cluster, 'replica-limits', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'replica-limits', namespace: 'policy', labels: { 'policy.jdoe.dev/limit': 'replicas' } }, data: { max: '3' } });
  new ApiObject(cluster, 'replica-policy', {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' },
    spec: {
      failurePolicy: 'Fail',
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConstraints: {
        matchPolicy: 'Equivalent',
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'flux-system'] }] },
        resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'statefulsets'], scope: 'Namespaced' }],
        excludeResourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['UPDATE'], resources: ['deployments/scale'] }],
      },
      matchConditions: [
        { name: 'not-a-controller', expression: "!request.userInfo.username.startsWith('system:serviceaccount:kube-system:')" },
        { name: 'not-batch', expression: "object.metadata.?labels[?'tier'].orValue('') != 'batch'" },
      ],
      variables: [
        { name: 'maxReplicas', expression: "int(params.data['max'])" },
        { name: 'replicas', expression: 'has(object.spec.replicas) ? object.spec.replicas : 1' },
      ],
      validations: [{
        expression: 'variables.replicas <= variables.maxReplicas', reason: 'Invalid',
        message: 'too many replicas for this lab', messageExpression: "'at most ' + string(variables.maxReplicas) + ' replicas, asked for ' + string(variables.replicas)",
      }],
      auditAnnotations: [{ key: 'high-replica-count', valueExpression: "variables.replicas > 2 ? 'asked for ' + string(variables.replicas) : null" }],
    },
  });
  new ApiObject(cluster, 'replica-binding', {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit' },
    spec: {
      policyName: 'replica-limit', validationActions: ['Warn', 'Audit'],
      paramRef: { namespace: 'policy', selector: { matchLabels: { 'policy.jdoe.dev/limit': 'replicas' } }, parameterNotFoundAction: 'Deny' },
      matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } },
    },
  });
  new HomelabApp(cluster, 'whoami', { namespace: 'apps', image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }], route: { host: 'whoami' } });
}

/** What Kubernetes 1.30 keeps: a DNS server at a fixed cluster IP of K3s' Service range, a StatefulSet behind a partition, an Indexed Job with a backoff limit per index, the Default procMount, a CRD of two rules. */
function apiServerFieldsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'api', '10.197.0');
  configFile(cluster, 'dns', 'unbound', 'unbound.conf', 'server:\n  interface: 0.0.0.0\n  port: 5353\n  access-control: 10.0.0.0/8 allow\n  do-daemonize: no\n  username: ""\n');
  new HomelabApp(cluster, 'unbound', {
    namespace: 'dns', image: 'docker.io/mvance/unbound:1.22.0', ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }, { name: 'dns-tcp', port: 5353 }],
    persistence: { config: { volume: AppVolume.configMap('unbound'), mounts: [{ mountPath: '/opt/unbound/etc/unbound/unbound.conf', subPath: 'unbound.conf' }], readOnly: true } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }] }],
  });
  new ApiObject(cluster, 'unbound-fixed', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'unbound-fixed', namespace: 'dns' },
    spec: { clusterIP: '10.43.0.53', selector: { 'app.kubernetes.io/name': 'unbound' }, ports: [{ name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 5353, protocol: 'TCP' }] },
  });
  new ApiObject(cluster, 'renders', {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'thumbnails', namespace: 'dns' },
    spec: {
      completionMode: 'Indexed', completions: 4, parallelism: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 2,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'thumbnails' }, annotations: { 'security.homelab.dev/no-network-policy': 'a batch job that calls nothing and serves nothing' } },
        spec: {
          restartPolicy: 'Never', automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'render', image: 'busybox:1.37.0', command: ['sh', '-c', 'echo part $JOB_COMPLETION_INDEX'],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, procMount: 'Default' },
            resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
          }],
        },
      },
    },
  });
  new ApiObject(cluster, 'widgets-crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.lab.jdoe.dev' },
    spec: {
      group: 'lab.jdoe.dev', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [{
        name: 'v1', served: true, storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: {
          type: 'object', properties: { size: { type: 'integer' }, max: { type: 'integer' } },
          'x-kubernetes-validations': [{ rule: 'self.size >= 1', message: 'at least 1' }, { rule: 'self.size <= self.max', message: 'at most max', fieldPath: '.size' }],
        } } } },
      }],
    },
  });
}

/** A VM written by hand first, KubeVirt Manager added after it, both in namespaces of their own. */
function vmThenManagerLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'vmm', '10.198.0');
  cluster.namespaces.ensure('vms');
  // Sized by KubeVirt's common instance types, its disk a DataVolume imported from Fedora's cloud image.
  new ApiObject(cluster, 'fedora-vm', {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'fedora', namespace: 'vms' },
    spec: {
      runStrategy: 'RerunOnFailure', instancetype: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.medium' }, preference: { kind: 'VirtualMachineClusterPreference', name: 'fedora' },
      dataVolumeTemplates: [{ metadata: { name: 'fedora-root' }, spec: { source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } }, storage: { storageClassName: 'local-path', resources: { requests: { storage: '30Gi' } } } } }],
      template: { spec: { domain: { devices: {} }, volumes: [{ name: 'root', dataVolume: { name: 'fedora-root' } }] } },
    },
  });
  new KubeVirtManager(cluster, 'kubevirt-manager', { route: { host: 'vms' }, users: SecretReference.external('kubevirt-manager', 'kubevirt-manager-users', 'auth') });
  declareExternal(cluster, { secrets: [{ namespace: 'kubevirt-manager', name: 'kubevirt-manager-users' }] });
}

/** Listen ports read from mounted files: nginx's own nginx.conf on IPv4 and IPv6 with default_server, ntfy's server.yml on an address and port. */
function listenPortsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'listen6', '10.199.0');
  configFile(cluster, 'web', 'site-conf', 'nginx.conf', [
    'pid /tmp/nginx.pid;', 'events {}', 'http {', '  include /etc/nginx/mime.types;', '  client_body_temp_path /tmp/client_temp;', '  proxy_temp_path /tmp/proxy_temp;',
    '  server {', '    listen 8090 default_server;', '    listen [::]:8090 default_server;', '    root /usr/share/nginx/html;', '    location /healthz { return 200 "ok"; }', '  }', '}', '',
  ].join('\n'));
  new HomelabApp(cluster, 'site', {
    namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.4-alpine', runAsUser: 101, ports: [{ name: 'http', port: 8090 }],
    probes: { readiness: { httpPath: '/healthz' }, liveness: { httpPath: '/healthz' } },
    persistence: {
      conf: { volume: AppVolume.configMap('site-conf'), mounts: [{ mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' }], readOnly: true },
      tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
    },
    route: { host: 'www' },
  });
  configFile(cluster, 'ntfy', 'ntfy', 'server.yml', 'base-url: "https://ntfy.listen6.jdoe.dev"\nlisten-http: "0.0.0.0:8081"\ncache-file: /var/cache/ntfy/cache.db\nbehind-proxy: true\n');
  new HomelabApp(cluster, 'ntfy', {
    namespace: 'ntfy', image: 'binwiederhier/ntfy:v2.11.0', args: ['serve', '--config', '/etc/ntfy/server.yml'], runAsUser: 1000, fsGroup: 1000, ports: [{ name: 'http', port: 8081 }],
    probes: { readiness: { httpPath: '/v1/health' }, liveness: { httpPath: '/v1/health' } },
    persistence: {
      config: { volume: AppVolume.configMap('ntfy'), mountPath: '/etc/ntfy', readOnly: true },
      cache: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/cache/ntfy' },
    },
    route: { host: 'ntfy' },
  });
}

/** Knative Serving on Cilium's Gateway of a Talos cluster, its local Gateway at an address of a pool of its own, a function scaled to zero. */
function knativeCiliumLab(scope: Construct): void {
  const nodes = [1, 2, 3].map((i) => host(`kn-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.200.0.1${i}`, memoryGigabytes: 16, cores: 4 }));
  const lab = site('kn', {
    domain: 'kn.jdoe.dev', hosts: nodes, git: { url: 'https://github.com/jdoe/kn.git' },
    pools: { lb: { first: '10.200.0.200', last: '10.200.0.209' }, local: { first: '10.200.0.250', last: '10.200.0.250' } },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes,
    preinstalled: [talos({ bootstrapNode: nodes[0], allowSchedulingOnControlPlanes: true, clusterEndpoint: '10.200.0.10' })],
    cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium',
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['enp1s0'] }),
    routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('10.200.0.200') }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(cluster, 'knative', { eventing: false, localGatewayAddress: lab.pools.local.at('10.200.0.250'), scaleToZeroAfter: '5m' });
  new HomelabApp(cluster, 'hello', {
    namespace: 'functions', image: 'ghcr.io/knative/helloworld-go:v1.17.0', ports: [{ name: 'http', port: 8080 }],
    env: { TARGET: 'lab' }, controller: AppController.knative({ maxScale: 3 }),
  });
}

/** Jitsi Meet for the family: its web told its public URL with a slash, Jicofo and the bridge on Prosody by its full name, the bridge on the host's network, which advertises the node's address. */
function jitsiLab(scope: Construct): void {
  const box = host('meet-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.201.0.11' });
  const cluster = k3sCluster(scope, labSite('meet', '10.201.0', [box]));
  declareExternal(cluster, { secrets: [{ namespace: 'jitsi', name: 'jitsi' }] });
  const xmpp = { XMPP_DOMAIN: 'meet.jitsi', XMPP_AUTH_DOMAIN: 'auth.meet.jitsi', XMPP_INTERNAL_MUC_DOMAIN: 'internal-muc.meet.jitsi', XMPP_MUC_DOMAIN: 'muc.meet.jitsi', TZ: 'Europe/Amsterdam' };
  const prosody = new HomelabApp(cluster, 'prosody', {
    namespace: 'jitsi', image: 'jitsi/prosody:stable-10078', ports: [{ name: 'xmpp', port: 5222 }, { name: 'http', port: 5280 }],
    env: { ...xmpp, JICOFO_AUTH_PASSWORD: SecretReference.external('jitsi', 'jitsi', 'jicofo'), JVB_AUTH_PASSWORD: SecretReference.external('jitsi', 'jitsi', 'jvb') },
  });
  new HomelabApp(cluster, 'web', {
    namespace: 'jitsi', image: 'docker.io/jitsi/web:stable-10078', ports: [{ name: 'http', port: 80 }],
    env: { ...xmpp, PUBLIC_URL: 'https://meet.meet.jdoe.dev/', XMPP_BOSH_URL_BASE: 'http://prosody.jitsi.svc.cluster.local:5280', DISABLE_HTTPS: '1', ENABLE_HTTP_REDIRECT: '0' },
    exemptions: {
      runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 'its init writes the nginx and web configs from the env',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL', 'NET_BIND_SERVICE'], reason: 's6-overlay chowns its folders, drops to its user and signals nginx, which listens on 80' },
    },
    egress: [prosody],
    route: { host: 'meet' },
  });
  new HomelabApp(cluster, 'jicofo', {
    namespace: 'jitsi', image: 'jitsi/jicofo:stable-10078', ports: [{ name: 'http', port: 8888 }],
    env: { ...xmpp, XMPP_SERVER: 'prosody.jitsi.svc.cluster.local', JICOFO_AUTH_PASSWORD: SecretReference.external('jitsi', 'jitsi', 'jicofo') },
    egress: [prosody],
  });
  new HomelabApp(cluster, 'jvb', {
    namespace: 'jitsi', image: 'jitsi/jvb:stable-10078', ports: [{ name: 'media', port: 10000, protocol: 'UDP' }, { name: 'http', port: 8080 }],
    env: { ...xmpp, XMPP_SERVER: 'prosody.jitsi.svc.cluster.local', JVB_AUTH_PASSWORD: SecretReference.external('jitsi', 'jitsi', 'jvb') },
    exemptions: { hostNetwork: 'the bridge advertises the node address, where the router forwards UDP 10000' },
    egress: [prosody],
  });
  for (const caller of ['web', 'jicofo', 'jvb']) {
    prosody.addAllowFrom({ namespace: 'jitsi', podLabels: { 'app.kubernetes.io/name': caller } });
  }
}

/** Garage with its RPC secret and admin token as files of a Secret, garage.toml in a folder of its own turning the mode check off, its S3 API routed. */
function garageLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'bucket6', '10.202.0');
  declareExternal(cluster, { secrets: [{ namespace: 'garage', name: 'garage-secrets' }] });
  configFile(cluster, 'garage', 'garage-config', 'garage.toml', [
    'metadata_dir = "/var/lib/garage/meta"', 'data_dir = "/var/lib/garage/data"', 'db_engine = "sqlite"', 'replication_factor = 1',
    'rpc_bind_addr = "[::]:3901"', 'rpc_public_addr = "127.0.0.1:3901"', 'rpc_secret_file = "/run/secrets/garage/rpc-secret"',
    '# the kubelet writes Secret files readable by the pod\'s group', 'allow_world_readable_secrets = true', '',
    '[s3_api]', 's3_region = "garage"', 'api_bind_addr = "[::]:3900"', 'root_domain = ".s3.bucket6.jdoe.dev"', '',
    '[admin]', 'api_bind_addr = "[::]:3903"', 'admin_token_file = "/run/secrets/garage/admin-token"', '',
  ].join('\n'));
  new HomelabApp(cluster, 'garage', {
    namespace: 'garage', image: 'dxflrs/garage:v1.1.0', args: ['-c', '/etc/garage/garage.toml', 'server'],
    ports: [{ name: 's3', port: 3900 }, { name: 'rpc', port: 3901 }, { name: 'admin', port: 3903 }],
    probes: { readiness: { httpPath: '/health', port: 3903 }, liveness: { httpPath: '/health', port: 3903 } },
    persistence: {
      config: { volume: AppVolume.configMap('garage-config'), mountPath: '/etc/garage', readOnly: true },
      secrets: { volume: AppVolume.secret('garage-secrets'), mountPath: '/run/secrets/garage', readOnly: true },
      meta: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/garage/meta' },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '200Gi' }), mountPath: '/var/lib/garage/data' },
    },
    route: { host: 's3', port: 3900 },
  });
}

/** A nightly backup that posts its result to ntfy through the Service's own port 80 (the pod's 8080), and a watchdog that wgets an outside host by address. */
function notifyLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'notify', '10.203.0');
  configFile(cluster, 'notify', 'ntfy', 'server.yml', 'base-url: https://ntfy.notify.jdoe.dev\nlisten-http: ":8080"\nbehind-proxy: true\n');
  const ntfy = new HomelabApp(cluster, 'ntfy', {
    namespace: 'notify', image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080, servicePort: 80 }],
    probes: { readiness: { httpPath: '/v1/health' }, liveness: { httpPath: '/v1/health' } },
    persistence: { config: { volume: AppVolume.configMap('ntfy'), mountPath: '/etc/ntfy', readOnly: true } },
    route: { host: 'ntfy' },
  });
  new HomelabApp(cluster, 'backup-report', {
    namespace: 'backups', image: 'curlimages/curl:8.12.1',
    command: ['curl', '-fsS', '-X', 'POST', '-H', 'Title: nightly backup', '-H', 'Tags: floppy_disk', '-d', 'The nightly backup finished', 'http://ntfy.notify/backups'],
    controller: AppController.cronJob({ schedule: '30 4 * * *', timeZone: 'Europe/Amsterdam' }),
    egress: [ntfy],
  });
  new HomelabApp(cluster, 'router-watch', {
    namespace: 'backups', image: 'busybox:1.37.0', command: ['sh', '-c', 'wget -q -T 5 -O /dev/null http://10.203.0.1:8080/status || echo "router down"'],
    controller: AppController.cronJob({ schedule: '*/5 * * * *' }),
    egress: [{ cidr: '10.203.0.1/32', ports: [{ port: 8080 }] }],
  });
}

/** SeaweedFS with three masters of a StatefulSet naming each other by their pods' names under the headless Service, a volume server and a filer given all three. */
function seaweedHaLab(scope: Construct): void {
  const nodes = [1, 2, 3].map((i) => host(`weed-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.204.0.1${i}`, memoryGigabytes: 16, cores: 4 }));
  const cluster = k3sCluster(scope, labSite('weed', '10.204.0', nodes));
  const masters = [0, 1, 2].map((i) => `weed-master-${i}.weed-master-headless:9333`).join(',');
  new HomelabApp(cluster, 'weed-master', {
    namespace: 'seaweedfs', image: 'chrislusf/seaweedfs:3.85', controller: AppController.statefulSet(), replicas: 3,
    args: ['master', '-port=9333', '-mdir=/data', `-peers=${masters}`, '-ip=$(POD_NAME).weed-master-headless', '-ip.bind=0.0.0.0'],
    env: { POD_NAME: { fieldPath: 'metadata.name' } },
    ports: [{ name: 'http', port: 9333 }, { name: 'grpc', port: 19333 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    allowFrom: [{ namespace: 'seaweedfs' }],
  });
  new HomelabApp(cluster, 'weed-volume', {
    namespace: 'seaweedfs', image: 'chrislusf/seaweedfs:3.85', args: ['volume', '-port=8080', '-dir=/data', '-max=0', `-mserver=${masters}`],
    ports: [{ name: 'http', port: 8080 }, { name: 'grpc', port: 18080 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/data' } },
    allowFrom: [{ namespace: 'seaweedfs' }],
  });
  new HomelabApp(cluster, 'weed-filer', {
    namespace: 'seaweedfs', image: 'chrislusf/seaweedfs:3.85', args: ['filer', '-port=8888', '-master', masters, '-s3', '-s3.port=8333'],
    ports: [{ name: 'http', port: 8888 }, { name: 'grpc', port: 18888 }, { name: 's3', port: 8333 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    allowFrom: [{ namespace: 'seaweedfs' }],
    route: { host: 's3', port: 8333 },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['healthchecks lab', healthchecksLab, TRAEFIK],
  ['public URLs lab', publicUrlsLab, TRAEFIK],
  ['finance lab', financeLab, TRAEFIK],
  ['Synapse on the C locale lab', synapseLab, TRAEFIK],
  ['calls lab', callsLab, TRAEFIK],
  ['object storage through aliases lab', objectStoreLab, TRAEFIK],
  ['admission policy lab', admissionPolicyLab, TRAEFIK],
  ['API server fields lab', apiServerFieldsLab, TRAEFIK],
  ['VM then KubeVirt Manager lab', vmThenManagerLab, TRAEFIK],
  ['listen ports of mounted files lab', listenPortsLab, TRAEFIK],
  ['Knative on Cilium lab', knativeCiliumLab, 'cilium-ingress'],
  ['Jitsi Meet lab', jitsiLab, TRAEFIK],
  ['Garage lab', garageLab, TRAEFIK],
  ['notifications lab', notifyLab, TRAEFIK],
  ['SeaweedFS of three masters lab', seaweedHaLab, TRAEFIK],
];

describe('a sixth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s: no finding', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe("each app's policy admits the callers the labs declare", () => {
  test('the healthcheck reaches Vaultwarden across namespaces, the converter Gotenberg, the importer and the cron Firefly III', () => {
    const hc = objectsOf(healthchecksLab);
    const money = objectsOf(financeLab);
    expect({
      ping: admits(hc, 'passwords', 'vaultwarden', 8080, { namespace: 'checks', app: 'vault-ping' }),
      converter: admits(hc, 'checks', 'gotenberg', 3000, { namespace: 'checks', app: 'converter' }),
      importer: admits(money, 'finance', 'firefly', 8080, { namespace: 'finance', app: 'firefly-importer' }),
      cron: admits(money, 'finance', 'firefly', 8080, { namespace: 'finance', app: 'firefly-cron' }),
    }).toEqual({ ping: true, converter: true, importer: true, cron: true });
    expect(admits(hc, 'passwords', 'vaultwarden', 8080, { namespace: 'checks', app: 'converter' })).toBe(false);
  });
});

describe('what the labs write right, where it was refused', () => {
  test("coturn's turnserver.conf mounted as one file of a ConfigMap is its config file; one mounted elsewhere is not", () => {
    const box = { name: 'calls-1', address: '10.194.0.11', publicAddress: '198.51.100.7' };
    const coturn = (mountPath: string) => turnExternalAddressNotes({
      image: 'coturn/coturn:4.6.3-alpine', args: ['--log-file=stdout'],
      persistence: { config: { volume: AppVolume.configMap('coturn'), mounts: [{ mountPath, subPath: 'turnserver.conf' }] } },
    }, [box]).map((note) => note.field);
    expect(coturn('/etc/coturn/turnserver.conf')).toEqual([]);
    expect(coturn('/config/turnserver.conf')).toEqual(['args']);
  });
});
