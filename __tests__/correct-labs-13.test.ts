import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, declareExternal, HomelabApp, host, HostService, ingressNginx, IngressTls, k3s, rootInitExemption, SecretReference, site, vlan,
} from '../constructs';
import { clickhouseUserSetupProblems } from '../constructs/app/clickhouse-user-setup';
import { gitSyncRootProblems } from '../constructs/app/git-sync-root';
import { propContainers } from '../constructs/app/prop-containers';
import { teslaMateEnvProblems } from '../constructs/app/teslamate-env';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// A thirteenth round of labs a user writes from the README alone, each meeting the checks added in the last release in
// a correct but less common form: ClickHouse for Plausible told to skip its user setup by a ConfigMap and ClickHouse
// 25.1.3 given its user by a Secret, Plausible 3 under two hosts; Ghost 5 on STARTTLS and Ghost 6 on SMTPS behind
// ingress-nginx; git-sync told its root by a ConfigMap, by `--root` as two words under nginx's folder and by a flag
// Kubernetes fills in; Paperless-ngx as its user with s6-overlay's /run switch, its consume folder on NFS polled, Tika
// and Gotenberg as Services or sidecars; Docmost's URLs built from variables or on rediss://; TeslaMate told to run
// without its broker by a ConfigMap, Homebridge on the host's network, Scrypted's plain console, MediaMTX by its file;
// Woodpecker's agent making a namespace per organization, a Job and a CronJob by hand with pod failure policies and an
// EndpointSlice; a hand-written CRD of OpenAPI 3.0 bounds, nullable and int-or-string fields; a HostService of an
// IPv6-only host; Live TV linked both ways between Jellyfin and ErsatzTV, and from Threadfin to the children's Jellyfin.
// Each synthesizes with no finding (none is deserved), every cluster folder builds with kustomize, every probe and
// Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const fromConfigMap = (configMapName: string, key: string) => ({ configMapName, key });

/** ClickHouse for Plausible told to skip its user setup by a ConfigMap, ClickHouse 25.1.3 given its user by a Secret, Plausible 3. */
function analyticsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'stats', '10.231.1');
  cluster.namespaces.ensure('plausible');
  new ApiObject(cluster, 'events-settings', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'events-settings', namespace: 'plausible' }, data: { 'skip-user-setup': '1' },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'plausible', name: 'plausible' }, { namespace: 'warehouse', name: 'clickhouse' }] });
  const data = (size: string) => ({ volume: claim(size), mountPath: '/var/lib/clickhouse' });
  const logs = { volume: AppVolume.emptyDir(), mountPath: '/var/log/clickhouse-server' };
  const events = new HomelabApp(cluster, 'plausible-events-db', {
    namespace: 'plausible', image: 'clickhouse/clickhouse-server:25.3-alpine', controller: AppController.statefulSet(), runAsUser: 101,
    ports: [{ name: 'http', port: 8123 }], env: { CLICKHOUSE_SKIP_USER_SETUP: fromConfigMap('events-settings', 'skip-user-setup') },
    persistence: { data: data('20Gi'), logs },
  });
  const plausible = new HomelabApp(cluster, 'plausible', {
    namespace: 'plausible', image: 'ghcr.io/plausible/community-edition:v3.0.1', ports: [{ name: 'http', port: 8000 }],
    command: ['sh', '-c', '/entrypoint.sh db createdb && /entrypoint.sh db migrate && /entrypoint.sh run'],
    env: {
      BASE_URL: 'https://plausible.stats.jdoe.dev/', SECRET_KEY_BASE: secret('plausible', 'plausible', 'secret-key-base'),
      DATABASE_URL: secret('plausible', 'plausible', 'database-url'), CLICKHOUSE_DATABASE_URL: 'http://plausible-events-db:8123/plausible_events_db',
    },
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/plausible' } },
    egress: [events, { cidr: '10.231.1.5/32', ports: [{ port: 5432 }] }], route: { host: 'plausible' },
  });
  plausible.addRoute({ host: 'analytics' });
  new HomelabApp(cluster, 'clickhouse', {
    namespace: 'warehouse', image: 'clickhouse:25.1.3', controller: AppController.statefulSet(), runAsUser: 101,
    ports: [{ name: 'http', port: 8123 }, { name: 'native', port: 9000 }],
    env: { CLICKHOUSE_USER: 'warehouse', CLICKHOUSE_PASSWORD: secret('warehouse', 'clickhouse', 'password'), CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT: '1' },
    persistence: { data: data('50Gi'), logs, users: { volume: AppVolume.emptyDir(), mountPath: '/etc/clickhouse-server/users.d' } },
  });
}

/** Ghost 5 on STARTTLS, Ghost 6 on SMTPS with the TLS left to the port, both behind ingress-nginx at their route hosts. */
function blogsLab(scope: Construct): void {
  const node = host('blogs-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.231.2.11' });
  const lab = labSite('blogs', '10.231.2', [node]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.231.2.200'), tls: IngressTls.none() }) });
  declareExternal(cluster, { secrets: [{ namespace: 'journal', name: 'ghost' }, { namespace: 'recipes', name: 'ghost' }] });
  const ghost = (namespace: string, image: string, url: string, mail: Record<string, string>) => new HomelabApp(cluster, `ghost-${namespace}`, {
    namespace, image, ports: [{ name: 'http', port: 2368 }], runAsUser: 1000, runAsGroup: 1000,
    env: {
      url, NODE_ENV: 'production', database__client: 'sqlite3', database__connection__filename: '/var/lib/ghost/content/data/ghost.db',
      mail__transport: 'SMTP', mail__from: `Blog <blog@blogs.jdoe.dev>`, mail__options__auth__user: 'blog@blogs.jdoe.dev',
      mail__options__auth__pass: secret(namespace, 'ghost', 'smtp-password'), ...mail,
    },
    persistence: { content: { volume: claim('5Gi'), mountPath: '/var/lib/ghost/content' } },
    egress: 'any', route: { host: namespace },
  });
  ghost('journal', 'ghost:5.116.2-alpine', 'http://journal.blogs.jdoe.dev', { mail__options__host: 'smtp.eu.mailgun.org', mail__options__port: '587', mail__options__secure: 'false' });
  ghost('recipes', 'docker.io/library/ghost:6.3.0', 'http://recipes.blogs.jdoe.dev/', { mail__options__host: 'smtp.fastmail.com', mail__options__port: '465' });
}

/** Static sites kept by git-sync: its root named by a ConfigMap, by `--root` as two words under nginx's own folder, and by a flag Kubernetes fills in (git-sync 3). */
function staticSitesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'pages', '10.231.3');
  cluster.namespaces.ensure('sites');
  new ApiObject(cluster, 'sync-settings', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sync', namespace: 'sites' }, data: { root: '/srv/git', repo: 'https://github.com/jdoe/handbook.git', 'slides-root': '/git' },
  });
  configFile(cluster, 'sites', 'handbook-nginx', 'default.conf', 'server {\n  listen 8080;\n  root /srv/git/handbook;\n  index index.html;\n}\n');
  configFile(cluster, 'sites', 'docs-nginx', 'default.conf', 'server {\n  listen 8080;\n  root /usr/share/nginx/html/site;\n  index index.html;\n}\n');
  const nginx = 'nginxinc/nginx-unprivileged:1.27.3-alpine';
  new HomelabApp(cluster, 'handbook', {
    namespace: 'sites', image: nginx, ports: [{ name: 'http', port: 8080 }],
    sidecars: [{
      name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.4.0',
      env: { GITSYNC_REPO: fromConfigMap('sync', 'repo'), GITSYNC_ROOT: fromConfigMap('sync', 'root'), GITSYNC_LINK: 'handbook', GITSYNC_PERIOD: '5m' },
    }],
    persistence: {
      site: { volume: AppVolume.emptyDir(), mountPath: '/srv/git', containers: ['handbook', 'git-sync'] },
      nginx: { volume: AppVolume.configMap('handbook-nginx'), mountPath: '/etc/nginx/conf.d', containers: ['handbook'] },
    },
    egress: 'any', route: { host: 'handbook' },
  });
  new HomelabApp(cluster, 'docs', {
    namespace: 'sites', image: nginx, ports: [{ name: 'http', port: 8080 }],
    sidecars: [{
      name: 'sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.4',
      args: ['--repo', 'https://github.com/jdoe/docs.git', '--ref', 'gh-pages', '--root', '/usr/share/nginx/html', '--link', 'site', '--period', '10m'],
    }],
    persistence: {
      html: { volume: AppVolume.emptyDir(), mountPath: '/usr/share/nginx/html', containers: ['docs', 'sync'] },
      nginx: { volume: AppVolume.configMap('docs-nginx'), mountPath: '/etc/nginx/conf.d', containers: ['docs'] },
    },
    egress: 'any', route: { host: 'docs' },
  });
  new HomelabApp(cluster, 'slides', {
    namespace: 'sites', image: 'caddy:2.9.1-alpine', ports: [{ name: 'http', port: 8080 }], command: ['caddy', 'file-server', '--root', '/git/slides', '--listen', ':8080'],
    sidecars: [{
      name: 'sync', image: 'registry.k8s.io/git-sync/git-sync:v3.6.9', env: { SLIDES_ROOT: fromConfigMap('sync', 'slides-root') },
      args: ['--repo=https://github.com/jdoe/slides.git', '--root=$(SLIDES_ROOT)', '--dest=slides', '--wait=300'],
    }],
    persistence: { git: { volume: AppVolume.emptyDir(), mountPath: '/git', containers: ['slides', 'sync'] } },
    egress: 'any', route: { host: 'slides' },
  });
}

/** Paperless-ngx run as its user with s6-overlay told to take its /run, its consume folder on NFS polled, Tika and Gotenberg beside it; and one told its origins and parsers by the release's other names. */
function paperworkLab(scope: Construct): void {
  const node = host('paper-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.231.4.11' });
  const lab = labSite('paper', '10.231.4', [node], { nfs: { scans: { server: '10.231.4.5', path: '/export/scans' } } });
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'paperless', name: 'paperless' }, { namespace: 'archive', name: 'paperless' }] });
  const redis = new HomelabApp(cluster, 'redis', { namespace: 'paperless', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } } });
  const tika = new HomelabApp(cluster, 'tika', { namespace: 'paperless', image: 'apache/tika:3.1.0.0', ports: [{ name: 'http', port: 9998 }], runAsUser: 35002 });
  const gotenberg = new HomelabApp(cluster, 'gotenberg', {
    namespace: 'paperless', image: 'gotenberg/gotenberg:8.17.3', ports: [{ name: 'http', port: 3000 }], runAsUser: 1001,
    args: ['gotenberg', '--chromium-disable-javascript=true', '--chromium-allow-list=file:///tmp/.*'],
  });
  const folders = () => ({
    data: { volume: claim('10Gi'), mountPath: '/usr/src/paperless/data' }, media: { volume: claim('100Gi'), mountPath: '/usr/src/paperless/media' },
    run: { volume: AppVolume.emptyDir(), mountPath: '/run' },
  });
  const paperless = new HomelabApp(cluster, 'paperless', {
    namespace: 'paperless', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3', ports: [{ name: 'http', port: 8000 }], runAsUser: 1000, runAsGroup: 1000,
    env: {
      PAPERLESS_REDIS: 'redis://redis:6379', PAPERLESS_SECRET_KEY: secret('paperless', 'paperless', 'secret-key'), PAPERLESS_URL: 'https://docs.paper.jdoe.dev',
      PAPERLESS_CSRF_TRUSTED_ORIGINS: 'https://docs.paper.jdoe.dev, https://paperless.paper.jdoe.dev', PAPERLESS_CONSUMER_POLLING: '30',
      PAPERLESS_TIKA_ENABLED: 'true', PAPERLESS_TIKA_ENDPOINT: 'http://tika:9998', PAPERLESS_TIKA_GOTENBERG_ENDPOINT: 'http://gotenberg:3000',
      S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1',
    },
    persistence: { ...folders(), consume: { volume: AppVolume.nfs(lab.nfs.scans), mountPath: '/usr/src/paperless/consume' } },
    egress: [redis, tika, gotenberg], route: { host: 'docs' },
  });
  paperless.addRoute({ host: 'paperless' });
  // An archive instance whose parsers run in its own pod, its consume folder moved onto the NFS export.
  new HomelabApp(cluster, 'paperless-archive', {
    namespace: 'archive', image: 'docker.io/paperlessngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }], runAsUser: 1000, runAsGroup: 1000,
    env: {
      PAPERLESS_REDIS: 'redis://localhost:6379', PAPERLESS_SECRET_KEY: secret('archive', 'paperless', 'secret-key'), PAPERLESS_URL: 'https://archive.paper.jdoe.dev',
      PAPERLESS_CONSUMPTION_DIR: '/scans/inbox', PAPERLESS_CONSUMER_POLLING: secret('archive', 'paperless', 'polling'), PAPERLESS_TIKA_ENABLED: '1',
      S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1',
    },
    sidecars: [
      { name: 'redis', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999 },
      { name: 'tika', image: 'apache/tika:3.1.0.0', ports: [{ name: 'tika', port: 9998 }], runAsUser: 35002 },
      { name: 'gotenberg', image: 'gotenberg/gotenberg:8.17.3', ports: [{ name: 'gotenberg', port: 3000 }], runAsUser: 1001 },
    ],
    persistence: { ...folders(), scans: { volume: AppVolume.nfs(lab.nfs.scans), mountPath: '/scans' } },
    route: { host: 'archive' },
  });
}

/** Docmost told its Redis by a URL that takes its password from a variable, and its database by a Secret; a second one on GitHub's registry over TLS. */
function wikiLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'wiki', '10.231.5');
  declareExternal(cluster, { secrets: [{ namespace: 'docmost', name: 'docmost' }, { namespace: 'team', name: 'docmost' }] });
  const redis = new HomelabApp(cluster, 'redis', {
    namespace: 'docmost', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999,
    command: ['sh', '-c', 'exec redis-server --requirepass "$REDIS_PASSWORD"'], env: { REDIS_PASSWORD: secret('docmost', 'docmost', 'redis-password') },
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  new HomelabApp(cluster, 'docmost', {
    namespace: 'docmost', image: 'docmost/docmost:0.8.4', ports: [{ name: 'http', port: 3000 }],
    env: {
      APP_URL: 'https://docs.wiki.jdoe.dev', APP_SECRET: secret('docmost', 'docmost', 'app-secret'), DATABASE_URL: secret('docmost', 'docmost', 'database-url'),
      REDIS_PASSWORD: secret('docmost', 'docmost', 'redis-password'), REDIS_URL: 'redis://:$(REDIS_PASSWORD)@redis:6379',
    },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/app/data/storage' } },
    egress: [redis, { cidr: '10.231.5.5/32', ports: [{ port: 5432 }] }], route: { host: 'docs' },
  });
  new HomelabApp(cluster, 'docmost-team', {
    namespace: 'team', image: 'ghcr.io/docmost/docmost:0.20.4', ports: [{ name: 'http', port: 3000 }],
    env: {
      APP_URL: 'https://team.wiki.jdoe.dev', APP_SECRET: secret('team', 'docmost', 'app-secret'), DB_PASSWORD: secret('team', 'docmost', 'db-password'),
      DATABASE_URL: 'postgresql://docmost:$(DB_PASSWORD)@10.231.5.5:5432/team?schema=public', REDIS_URL: 'rediss://cache.wiki.jdoe.dev:6380',
    },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/app/data/storage' } },
    egress: [{ cidr: '10.231.5.5/32', ports: [{ port: 5432 }] }, { cidr: '10.231.5.6/32', ports: [{ port: 6380 }] }], route: { host: 'team' },
  });
}

/** TeslaMate told to run without its broker by a ConfigMap, its database by a Secret; Homebridge on the host's network, Scrypted's plain console, MediaMTX by its file. */
function drivewayLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'drive', '10.231.6');
  const lab = cluster.site;
  cluster.namespaces.ensure('teslamate');
  new ApiObject(cluster, 'teslamate-settings', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'teslamate', namespace: 'teslamate' }, data: { 'disable-mqtt': 'true', 'db-host': '10.231.6.5' },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'teslamate', name: 'teslamate-db' }, { namespace: 'teslamate', name: 'teslamate' }] });
  const db = (key: string) => secret('teslamate', 'teslamate-db', key);
  new HomelabApp(cluster, 'teslamate', {
    namespace: 'teslamate', image: 'teslamate/teslamate:2.0.0', ports: [{ name: 'http', port: 4000 }],
    env: {
      DATABASE_USER: db('user'), DATABASE_PASS: db('password'), DATABASE_NAME: db('name'), DATABASE_HOST: fromConfigMap('teslamate', 'db-host'),
      DISABLE_MQTT: fromConfigMap('teslamate', 'disable-mqtt'), ENCRYPTION_KEY: secret('teslamate', 'teslamate', 'encryption-key'), TZ: 'Europe/Berlin',
    },
    egress: 'any', route: { host: 'car' },
  });
  new HomelabApp(cluster, 'homebridge', {
    namespace: 'home', image: 'homebridge/homebridge:2024-12-19', ports: [{ name: 'http', port: 8581 }],
    exemptions: {
      hostNetwork: 'HomeKit finds the bridge by mDNS on the LAN', runAsRoot: 'its init installs plugins and starts hb-service as root',
      writableRootFilesystem: 'its init writes its service tree under /run',
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/homebridge' } },
    route: { host: 'homebridge' },
  });
  new HomelabApp(cluster, 'scrypted', {
    namespace: 'cameras', image: 'koush/scrypted:v0.139.0-noble-lite', ports: [{ name: 'http', port: 11080 }],
    exemptions: { runAsRoot: 'the image installs its plugins as root' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/server/volume' } }, route: { host: 'scrypted' },
  });
  configFile(cluster, 'cameras', 'mediamtx', 'mediamtx.yml', ['rtspTransports: [tcp]', 'webrtcLocalUDPAddress: :8189', 'paths:', '  porch:', '    source: publisher', ''].join('\n'));
  new HomelabApp(cluster, 'mediamtx', {
    namespace: 'cameras', image: 'bluenviron/mediamtx:1.11.3-ffmpeg', args: ['/config/mediamtx.yml'],
    ports: [{ name: 'rtsp', port: 8554 }, { name: 'webrtc', port: 8889 }, { name: 'webrtc-ice', port: 8189, protocol: 'UDP' }],
    persistence: { config: { volume: AppVolume.configMap('mediamtx'), mountPath: '/config', readOnly: true } },
    loadBalancer: { address: lab.pools.lb.at('10.231.6.201'), ports: ['rtsp', 'webrtc-ice'] }, route: { host: 'cams', port: 8889 },
  });
}

/** A container written by hand, as the README's hardened defaults set one: non-root, no capabilities, a read-only root. */
const handWritten = (name: string, image: string, command: string[]) => ({
  name, image, command,
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
  securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65532, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
});

/** Woodpecker's agent making a namespace per organization, a Job and a CronJob written by hand with pod failure policies, a NAS's EndpointSlice. */
function ciLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'ci', '10.231.7');
  cluster.namespaces.ensure('woodpecker', { podSecurity: 'baseline', reason: 'Woodpecker pipeline steps' });
  declareExternal(cluster, { secrets: [{ namespace: 'woodpecker', name: 'woodpecker' }] });
  const agentSecret = secret('woodpecker', 'woodpecker', 'agent-secret');
  const server = new HomelabApp(cluster, 'woodpecker-server', {
    namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-server:v3.5.2', ports: [{ name: 'http', port: 8000 }, { name: 'grpc', port: 9000 }],
    env: {
      WOODPECKER_HOST: 'https://ci.ci.jdoe.dev', WOODPECKER_GITHUB: 'true', WOODPECKER_AGENT_SECRET: agentSecret,
      WOODPECKER_GITHUB_CLIENT: secret('woodpecker', 'woodpecker', 'github-client'), WOODPECKER_GITHUB_SECRET: secret('woodpecker', 'woodpecker', 'github-secret'),
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/var/lib/woodpecker' } },
    egress: 'any', route: { host: 'ci' },
  });
  const agent = new HomelabApp(cluster, 'woodpecker-agent', {
    namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-agent:v3.5.2', ports: [{ name: 'health', port: 3000 }],
    env: {
      WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_AGENT_SECRET: agentSecret, WOODPECKER_BACKEND: 'kubernetes',
      WOODPECKER_BACKEND_K8S_NAMESPACE: 'ci-steps', WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION: 'True', WOODPECKER_BACKEND_K8S_STORAGE_RWX: 'false',
    },
    serviceAccount: {
      reason: 'makes a namespace for each organization and runs pipeline steps as pods there',
      clusterRules: [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'create'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }, { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims', 'services', 'secrets'], verbs: ['create', 'delete'] },
      ],
    },
    egress: 'any',
  });
  server.addAllowFrom(agent);
  cluster.namespaces.ensure('maintenance');
  // The maintenance pods serve nothing: every ingress is closed, what they call is open.
  new ApiObject(cluster, 'maintenance-policy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-ingress', namespace: 'maintenance' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
  const pod = (name: string, command: string[]) => ({
    restartPolicy: 'Never', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [handWritten(name, 'ghcr.io/jdoe/lab-tools:1.4.0', command)],
  });
  new ApiObject(cluster, 'reindex', {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'reindex', namespace: 'maintenance' },
    spec: {
      backoffLimit: 4,
      podFailurePolicy: { rules: [
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        { action: 'FailJob', onExitCodes: { containerName: 'reindex', operator: 'In', values: [2, 3] } },
      ] },
      template: { metadata: { labels: { 'batch.kubernetes.io/job-name': 'reindex', 'app.kubernetes.io/name': 'reindex' } }, spec: pod('reindex', ['reindex', '--all']) },
    },
  });
  new ApiObject(cluster, 'prune', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'prune', namespace: 'maintenance' },
    spec: {
      schedule: '30 4 * * 0', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid',
      jobTemplate: { spec: {
        podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'NotIn', values: [0, 1] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
        template: { metadata: { labels: { 'app.kubernetes.io/name': 'prune' } }, spec: pod('prune', ['prune', '--older-than=30d']) },
      } },
    },
  });
  new ApiObject(cluster, 'nas-service', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'nas', namespace: 'maintenance' }, spec: { ports: [{ name: 'https', port: 5001, targetPort: 5001 }] },
  });
  new ApiObject(cluster, 'nas-slice', {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'maintenance', labels: { 'kubernetes.io/service-name': 'nas' } },
    addressType: 'IPv4', endpoints: [{ addresses: ['10.231.7.5'], conditions: { ready: true } }, { addresses: ['10.231.7.6'], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 5001, protocol: 'TCP' }],
  });
}

/** A CRD written by hand for a home-made operator, its bounds exclusive in OpenAPI 3.0's way, nullable and int-or-string fields, and a resource of it. */
function operatorLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'ops', '10.231.8');
  const schedule = {
    type: 'object', required: ['target', 'every'],
    properties: {
      target: { type: 'string', pattern: '^[a-z0-9-]+$', maxLength: 63 },
      every: { type: 'string', enum: ['hourly', 'daily', 'weekly'] },
      keep: { type: 'integer', format: 'int32', minimum: 0, exclusiveMinimum: true, maximum: 365, default: 7 },
      ratio: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true, nullable: true },
      port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      options: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      hosts: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' }, maxItems: 16 },
      note: { type: 'string', nullable: true },
    },
  };
  new ApiObject(cluster, 'snapshots-crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'snapshots.ops.jdoe.dev' },
    spec: {
      group: 'ops.jdoe.dev', scope: 'Namespaced', names: { kind: 'Snapshot', plural: 'snapshots', singular: 'snapshot', listKind: 'SnapshotList', shortNames: ['snap'] },
      versions: [{
        name: 'v1alpha1', served: true, storage: true, subresources: { status: {} },
        additionalPrinterColumns: [{ name: 'Every', type: 'string', jsonPath: '.spec.every' }, { name: 'Keep', type: 'integer', jsonPath: '.spec.keep' }],
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: schedule, status: { type: 'object', properties: { last: { type: 'string', format: 'date-time', nullable: true } } } } } },
      }],
    },
  });
  cluster.namespaces.ensure('photos');
  new ApiObject(cluster, 'photos-snapshot', {
    apiVersion: 'ops.jdoe.dev/v1alpha1', kind: 'Snapshot', metadata: { name: 'photos', namespace: 'photos' },
    spec: { target: 'photos-library', every: 'daily', keep: 14, ratio: 0.25, port: 'https', labels: { owner: 'jdoe' }, options: { compress: true, level: 3 }, hosts: ['nas'], note: null },
  });
}

/** Caddy of a node reached by IPv6 alone, behind a HostService, beside the dual-stack node of the cluster. */
function ipv6HostLab(scope: Construct): void {
  const node = host('six-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.231.9.11', ipv6Address: 'fd00:231:9::11' });
  const printer = host('six-print', { arch: 'arm64', address: 'fd00:231:9::21' });
  const vlans = { lan: vlan('lan', { id: 1, cidr: '10.231.9.0/24', gateway: '10.231.9.1' }), lan6: vlan('lan6', { id: 6, cidr: 'fd00:231:9::/64', gateway: 'fd00:231:9::1' }) };
  const lab = site<'lb', never, never, never>('six', {
    domain: 'six.jdoe.dev', hosts: [node, printer], vlans, git: { url: 'https://github.com/jdoe/six.git' }, pools: { lb: { first: '10.231.9.200', last: '10.231.9.209' } },
  });
  const cluster = k3sCluster(scope, lab, {
    hosts: [node, printer],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'], extraServerFlags: ['--cluster-cidr=10.42.0.0/16,fd00:42::/56', '--service-cidr=10.43.0.0/16,fd00:43::/112'] })],
  });
  new HostService(cluster, 'octoprint', { host: printer, port: 5000, namespace: 'printing' });
}

/** Jellyfin playing ErsatzTV's channels while ErsatzTV reads Jellyfin's library, each link declared on both sides; the children's Jellyfin on Threadfin's; Plex for the films alone. */
function liveTvLab(scope: Construct): void {
  const node = host('tv-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.231.10.11' });
  const lab = labSite('tv', '10.231.10', [node], { nfs: { media: { server: '10.231.10.5', path: '/export/media' } } });
  const cluster = k3sCluster(scope, lab);
  const media = { volume: AppVolume.nfs(lab.nfs.media), mountPath: '/media', readOnly: true };
  const jellyfin = (id: string, namespace: string, egress: HomelabApp) => new HomelabApp(cluster, id, {
    namespace, egress: [egress], image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8096 }], runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000,
    persistence: { config: { volume: claim('10Gi'), mountPath: '/config' }, cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' }, media },
    route: { host: id },
  });
  const ersatztv = new HomelabApp(cluster, 'ersatztv', {
    namespace: 'tv', image: 'jasongdove/ersatztv:v25.1.0', ports: [{ name: 'http', port: 8409 }], runAsUser: 1000, runAsGroup: 1000,
    env: { TZ: 'Europe/Vienna' },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/root/.local/share/ersatztv' }, transcode: { volume: AppVolume.emptyDir(), mountPath: '/root/.local/share/etv-transcode' }, media },
    // ErsatzTV reads the films and shows it schedules from Jellyfin's library, through Jellyfin's API.
    egress: [{ namespace: 'tv', podLabels: { 'app.kubernetes.io/name': 'jellyfin' } }], route: { host: 'channels' },
  });
  const family = jellyfin('jellyfin', 'tv', ersatztv);
  ersatztv.addAllowFrom(family);
  family.addAllowFrom(ersatztv);
  const threadfin = new HomelabApp(cluster, 'threadfin', {
    namespace: 'kids', image: 'fyb3roptik/threadfin:1.2.27', ports: [{ name: 'http', port: 34400 }], runAsUser: 31337, runAsGroup: 31337,
    persistence: { config: { volume: claim('1Gi'), mountPath: '/home/threadfin/conf' }, tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp/threadfin' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  const kids = jellyfin('jellyfin-kids', 'kids', threadfin);
  threadfin.addAllowFrom(kids);
  new HomelabApp(cluster, 'plex', {
    namespace: 'films', image: 'plexinc/pms-docker:1.41.3.9314-a0bfb8370', ports: [{ name: 'http', port: 32400 }],
    env: { TZ: 'Europe/Vienna', PLEX_UID: '1000', PLEX_GID: '1000', ADVERTISE_IP: 'https://plex.tv.jdoe.dev:443' },
    exemptions: { runAsRoot: 'its init (s6-overlay 2) starts as root and drops to PLEX_UID', writableRootFilesystem: 's6-overlay writes its service tree under /run', addCapabilities: rootInitExemption('supervisor', 'drops to PLEX_UID') },
    persistence: { config: { volume: claim('20Gi'), mountPath: '/config' }, transcode: { volume: AppVolume.emptyDir(), mountPath: '/transcode' }, media },
    route: { host: 'plex' },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['analytics lab', analyticsLab, TRAEFIK],
  ['blogs lab', blogsLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
  ['static sites lab', staticSitesLab, TRAEFIK],
  ['paperwork lab', paperworkLab, TRAEFIK],
  ['wiki lab', wikiLab, TRAEFIK],
  ['driveway lab', drivewayLab, TRAEFIK],
  ['CI and maintenance lab', ciLab, TRAEFIK],
  ['home-made operator lab', operatorLab, TRAEFIK],
  ["IPv6 node's service lab", ipv6HostLab, TRAEFIK],
  ['Live TV lab', liveTvLab, TRAEFIK],
];

describe('a thirteenth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("ClickHouse told CLICKHOUSE_SKIP_USER_SETUP by a ConfigMap or a Secret is left alone; without it, 25.1.3 on a read-only root is still judged", () => {
    const clickhouse = (env: Record<string, unknown>) => clickhouseUserSetupProblems(propContainers({ image: 'clickhouse/clickhouse-server:25.3-alpine', ports: [{ name: 'http', port: 8123 }], env }, 'ch'))
      .map((p) => p.field);
    expect(clickhouse({ CLICKHOUSE_SKIP_USER_SETUP: fromConfigMap('events-settings', 'skip-user-setup') })).toEqual([]);
    expect(clickhouse({ CLICKHOUSE_SKIP_USER_SETUP: secret('plausible', 'plausible', 'skip') })).toEqual([]);
    expect(clickhouse({ CLICKHOUSE_SKIP_USER_SETUP: '1' })).toEqual([]);
    expect(clickhouse({})).toEqual(['image']);
    expect(clickhouse({ CLICKHOUSE_SKIP_USER_SETUP: 'yes' })).toEqual(['image']);
  });

  test('git-sync given its root by a ConfigMap or by a flag Kubernetes fills in is taken as given; no root, or one on no shared volume, still is an error', () => {
    const gitSync = (sync: Record<string, unknown>) => {
      const props = {
        image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', sidecars: [{ name: 'sync', image: 'registry.k8s.io/git-sync/git-sync:v4.4.0', ...sync }],
        persistence: { site: { volume: AppVolume.emptyDir(), mountPath: '/git', containers: ['web', 'sync'] } },
      };
      return gitSyncRootProblems(props, 'web', propContainers(props, 'web')).map((p) => p.field);
    };
    expect(gitSync({ env: { GITSYNC_ROOT: fromConfigMap('sync', 'root') } })).toEqual([]);
    expect(gitSync({ env: { ROOT: fromConfigMap('sync', 'root') }, args: ['--root=$(ROOT)'] })).toEqual([]);
    expect(gitSync({ env: { GITSYNC_ROOT: '/git' } })).toEqual([]);
    expect(gitSync({ env: {} })).toEqual(['sidecars[0].env']);
    expect(gitSync({ args: ['--root=$(ROOT)'] })).toEqual(['sidecars[0].args[0]']);
    expect(gitSync({ env: { GITSYNC_ROOT: '/srv/git' } })).toEqual(['sidecars[0].env.GITSYNC_ROOT']);
  });

  test('TeslaMate told DISABLE_MQTT by a ConfigMap is not asked for a broker; told nothing, it still is', () => {
    const required = { DATABASE_USER: 'teslamate', DATABASE_PASS: secret('teslamate', 'db', 'password'), DATABASE_NAME: 'teslamate', DATABASE_HOST: 'db', ENCRYPTION_KEY: secret('teslamate', 'tm', 'key') };
    const teslamate = (env: Record<string, unknown>) => teslaMateEnvProblems(propContainers({ image: 'teslamate/teslamate:2.0.0', env: { ...required, ...env } }, 'teslamate'))
      .map((p) => `${p.field} ${/requires (\S+),/.exec(p.message)?.[1] ?? p.message}`);
    expect(teslamate({ DISABLE_MQTT: fromConfigMap('teslamate', 'disable-mqtt') })).toEqual([]);
    expect(teslamate({ DISABLE_MQTT: 'true' })).toEqual([]);
    expect(teslamate({})).toEqual(['env MQTT_HOST']);
    expect(teslamate({ DISABLE_MQTT: 'false' })).toEqual(['env MQTT_HOST']);
  });
});
