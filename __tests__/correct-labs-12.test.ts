import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppDevice, AppVolume, declareExternal, externalSecretsOperator, HomelabApp, host, HostService, hostPlacement, ingressNginx, IngressTls, kubePrometheusStack, localPathStorage, nfsStorage, rootInitExemption, SecretReference, ServiceRoute,
} from '../constructs';
import { hedgedocServerUrlProblems } from '../constructs/app/hedgedoc-server-url';
import { modelCacheProblems } from '../constructs/app/model-cache-home';
import { propContainers } from '../constructs/app/prop-containers';
import { seafileUrlProblems } from '../constructs/app/seafile-urls';
import { sealed } from './bad-input/cases-object-size';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { appDatabase, configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// A twelfth round of labs a user writes from the README alone, each meeting the checks added in the last release in a
// correct but less common form: Seafile's Professional Edition 12 told its host by a ConfigMap, ONLYOFFICE's Developer
// Edition with its JWT secret and header, Samba's accounts from one Secret; servers told by flags or variables to
// listen on every address, and one on the loopback behind a proxy of its pod; Roundcube's non-root image on SMTPS and
// IMAP with STARTTLS, Radicale at its own UID, Baïkal's Apache image; Vikunja, Planka and HedgeDoc behind
// ingress-nginx, Trilium's rootless image, Excalidraw pinned by digest, Penpot's frontend on its writable root;
// KubeVirt VMs of locally administered MACs, a bridge allowed to migrate and cloud-init under its camelCase keys or
// from an ExternalSecret; Caddy of a node behind a HostService; Services by hand of each family policy,
// PrometheusRules of records and alerts, MetalLB's BGP peers and advertisements; Seafile 11 and HedgeDoc told their
// scheme by a ConfigMap, Trilium under its newer and its first repository; vLLM told its options by a YAML file, an
// older vLLM's api_server serving a folder, Scrutiny's collector on each node. Each synthesizes with no finding (none is deserved), every cluster folder builds with kustomize, every
// probe and Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** Trilium of a rootless `image`, run as its own user 1000 and routed at `host`. */
function rootlessTrilium(cluster: Construct, image: string, host: string): void {
  new HomelabApp(cluster, 'trilium', {
    image, ports: [{ name: 'http', port: 8080 }], runAsUser: 1000, runAsGroup: 1000,
    env: { TRILIUM_DATA_DIR: '/home/trilium/trilium-data' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/home/trilium/trilium-data' } },
    route: { host },
  });
}

/** Planka's folders of uploads, each on a claim of its own. */
const plankaFolders = () => ({
  avatars: { volume: claim('1Gi'), mountPath: '/app/public/user-avatars' },
  backgrounds: { volume: claim('1Gi'), mountPath: '/app/public/project-background-images' },
  attachments: { volume: claim('10Gi'), mountPath: '/app/private/attachments' },
});

/** What Seafile's image does as root, as its exemptions say it. */
const SEAFILE_EXEMPTIONS = {
  runAsRoot: 'its init starts nginx, seafile and seahub as root',
  addCapabilities: rootInitExemption('supervisor', 'nginx switches its workers to its user', ['NET_BIND_SERVICE']),
  writableRootFilesystem: 'its init writes its settings and nginx config into the image',
};

/** Seafile Pro 12 told its host by the site's ConfigMap, ONLYOFFICE's Developer Edition, Samba's accounts from a Secret. */
function filesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'vault', '10.230.2');
  const lab = cluster.site;
  cluster.namespaces.ensure('seafile');
  new ApiObject(cluster, 'site-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace: 'seafile' }, data: { host: 'drive.vault.jdoe.dev' } });
  declareExternal(cluster, { secrets: [['seafile', 'seafile'], ['office', 'onlyoffice'], ['samba', 'samba-users']].map(([namespace, name]) => ({ namespace, name })) });
  const mariadb = new HomelabApp(cluster, 'mariadb', {
    namespace: 'seafile', image: 'mariadb:10.11.10', ports: [{ name: 'mysql', port: 3306 }], runAsUser: 999,
    env: { MARIADB_ROOT_PASSWORD: secret('seafile', 'seafile', 'db-root-password') },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
  });
  new HomelabApp(cluster, 'seafile', {
    image: 'seafileltd/seafile-pro-mc:12.0.14', ports: [{ name: 'http', port: 80 }],
    env: {
      DB_HOST: 'mariadb', DB_ROOT_PASSWD: secret('seafile', 'seafile', 'db-root-password'), JWT_PRIVATE_KEY: secret('seafile', 'seafile', 'jwt-key'),
      SEAFILE_SERVER_HOSTNAME: { configMapName: 'site', key: 'host' }, SEAFILE_SERVER_PROTOCOL: 'https', TIME_ZONE: 'Europe/Vienna',
    },
    persistence: { data: { volume: claim('200Gi'), mountPath: '/shared' } },
    exemptions: SEAFILE_EXEMPTIONS,
    egress: [mariadb], route: { host: 'drive', maxBodySize: 'unlimited' },
  });
  new HomelabApp(cluster, 'onlyoffice', {
    namespace: 'office', image: 'onlyoffice/documentserver-de:8.3.1', ports: [{ name: 'http', port: 80 }],
    env: { JWT_SECRET: secret('office', 'onlyoffice', 'jwt-secret'), JWT_HEADER: 'AuthorizationJwt' },
    exemptions: {
      runAsRoot: 'supervisord starts its services as root',
      addCapabilities: rootInitExemption('supervisor', 'nginx switches to its user', ['NET_BIND_SERVICE']),
      writableRootFilesystem: 'its entrypoint writes its config',
    },
    route: { host: 'office' },
  });
  new HomelabApp(cluster, 'samba', {
    image: 'ghcr.io/servercontainers/samba:a3.21.0-s4.20.6-r0', ports: [{ name: 'smb', port: 445 }],
    env: {
      ACCOUNT_anna: secret('samba', 'samba-users', 'anna'), UID_anna: '1000', ACCOUNT_ben: secret('samba', 'samba-users', 'ben'), UID_ben: '1001',
      GROUPS_anna: 'family', GROUPS_ben: 'family',
      SAMBA_VOLUME_CONFIG_family: '[family]; path=/shares/family; valid users = @family; guest ok = no; read only = no',
    },
    persistence: { family: { volume: claim('500Gi'), mountPath: '/shares/family' } },
    exemptions: {
      runAsRoot: 'smbd runs as root and switches to each user',
      addCapabilities: rootInitExemption('supervisor', 'smbd switches to the user that logs in', ['NET_BIND_SERVICE']),
      writableRootFilesystem: 'its entrypoint adds the users to /etc/passwd',
    },
    loadBalancer: { address: lab.pools.lb.at('10.230.2.201'), ports: ['smb'] },
  });
}

/** Servers told by a flag or a variable to listen on every address, and a VictoriaMetrics on the loopback behind a proxy of its own pod. */
function listenersLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'listen', '10.230.3');
  declareExternal(cluster, { secrets: [{ namespace: 'search', name: 'meili' }, { namespace: 'metrics', name: 'oauth2-proxy' }] });
  new HomelabApp(cluster, 'syncthing', {
    image: 'syncthing/syncthing:1.29.2', ports: [{ name: 'http', port: 8384 }, { name: 'sync', port: 22000 }],
    args: ['--gui-address=0.0.0.0:8384', '--home=/var/syncthing/config'],
    persistence: { data: { volume: claim('100Gi'), mountPath: '/var/syncthing' } },
    route: { host: 'sync' },
  });
  new HomelabApp(cluster, 'meilisearch', {
    namespace: 'search', image: 'getmeili/meilisearch:v1.12.3', ports: [{ name: 'http', port: 7700 }],
    args: ['meilisearch', '--http-addr', '0.0.0.0:7700', '--db-path', '/meili_data/data.ms'],
    env: { MEILI_MASTER_KEY: secret('search', 'meili', 'master-key'), MEILI_ENV: 'production' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/meili_data' } },
  });
  new HomelabApp(cluster, 'alloy', {
    namespace: 'metrics', image: 'grafana/alloy:v1.5.1', ports: [{ name: 'http', port: 12345 }],
    args: ['run', '--server.http.listen-addr=0.0.0.0:12345', '--storage.path=/var/lib/alloy/data', '/etc/alloy/config.alloy'],
    persistence: {
      data: { volume: claim('5Gi'), mountPath: '/var/lib/alloy/data' },
      config: { volume: AppVolume.configMap('alloy'), mountPath: '/etc/alloy', readOnly: true },
    },
  });
  configFile(cluster, 'metrics', 'alloy', 'config.alloy', 'logging {\n  level = "info"\n}\n');
  // VictoriaMetrics answers only its own pod; oauth2-proxy beside it is what the route reaches.
  new HomelabApp(cluster, 'victoria', {
    namespace: 'metrics', image: 'victoriametrics/victoria-metrics:v1.108.1',
    args: ['-httpListenAddr=127.0.0.1:8428', '-storageDataPath=/storage', '-retentionPeriod=1y'],
    persistence: { storage: { volume: claim('50Gi'), mountPath: '/storage' } },
    sidecars: [{
      name: 'oauth2-proxy', image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.7.1', ports: [{ name: 'http', port: 4180 }],
      args: ['--http-address=0.0.0.0:4180', '--upstream=http://127.0.0.1:8428', '--provider=github', '--email-domain=*', '--github-user=jdoe'],
      env: {
        OAUTH2_PROXY_CLIENT_ID: secret('metrics', 'oauth2-proxy', 'client-id'), OAUTH2_PROXY_CLIENT_SECRET: secret('metrics', 'oauth2-proxy', 'client-secret'),
        OAUTH2_PROXY_COOKIE_SECRET: secret('metrics', 'oauth2-proxy', 'cookie-secret'),
      },
      probes: { readiness: { httpPath: '/ping' } },
    }],
    egress: 'any', route: { host: 'metrics', port: 4180 },
  });
}

/** Roundcube's non-root image on SMTPS and IMAP by STARTTLS, Radicale at its own UID, Baïkal's Apache image. */
function calendarsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'post', '10.230.4');
  declareExternal(cluster, { secrets: [{ namespace: 'webmail', name: 'roundcube' }] });
  new HomelabApp(cluster, 'roundcube', {
    namespace: 'webmail', image: 'docker.io/roundcube/roundcubemail:1.6.10-apache-nonroot', ports: [{ name: 'http', port: 8000 }],
    env: {
      ROUNDCUBEMAIL_DEFAULT_HOST: 'tls://imap.mailbox.org', ROUNDCUBEMAIL_DEFAULT_PORT: '143',
      ROUNDCUBEMAIL_SMTP_SERVER: 'ssl://smtp.mailbox.org', ROUNDCUBEMAIL_SMTP_PORT: '465',
      ROUNDCUBEMAIL_DB_TYPE: 'sqlite', ROUNDCUBEMAIL_DES_KEY: secret('webmail', 'roundcube', 'des-key'), ROUNDCUBEMAIL_SKIN: 'elastic',
    },
    persistence: {
      db: { volume: claim('1Gi'), mountPath: '/var/roundcube/db' },
      html: { volume: AppVolume.emptyDir(), mountPath: '/var/www/html' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
      lock: { volume: AppVolume.emptyDir(), mountPath: '/var/lock/apache2' },
    },
    egress: 'any', route: { host: 'mail' },
  });
  new HomelabApp(cluster, 'radicale', {
    image: 'tomsquest/docker-radicale:3.5.1.0', ports: [{ name: 'http', port: 5232 }], runAsUser: 2999, runAsGroup: 2999,
    env: { UID: '2999', GID: '2999', TAKE_FILE_OWNERSHIP: 'false' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/data' } },
    route: { host: 'dav' },
  });
  const folder = (name: string, size: string) => ({ volume: claim(size), mountPath: `/var/www/baikal/${name}` });
  new HomelabApp(cluster, 'baikal', {
    image: 'ckulka/baikal:0.10.1-apache', ports: [{ name: 'http', port: 80 }],
    persistence: { config: folder('config', '1Gi'), specific: folder('Specific', '5Gi') },
    exemptions: {
      runAsRoot: 'Apache starts as root, then serves as www-data', addCapabilities: rootInitExemption('supervisor', 'Apache switches its workers to www-data', ['NET_BIND_SERVICE']),
      writableRootFilesystem: 'Apache writes its pid file and lock under /var/run/apache2',
    },
    route: { host: 'baikal' },
  });
}

/** Vikunja, Planka and HedgeDoc behind ingress-nginx, Trilium's rootless image, Excalidraw by digest, Penpot's frontend. */
function boardsLab(scope: Construct): void {
  const node = host('boards-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.230.5.11' });
  const lab = labSite('boards', '10.230.5', [node]);
  const cluster = k3sCluster(scope, lab, { routes: ingressNginx({ address: lab.pools.lb.at('10.230.5.200'), tls: IngressTls.none() }) });
  declareExternal(cluster, {
    secrets: [['vikunja', 'vikunja-db'], ['vikunja', 'vikunja'], ['planka', 'planka-db'], ['planka', 'planka'], ['hedgedoc', 'hedgedoc-db'], ['hedgedoc', 'hedgedoc']]
      .map(([namespace, name]) => ({ namespace, name })),
  });
  const vikunjaDb = appDatabase(cluster, 'vikunja-db', 'vikunja', 'vikunja');
  new HomelabApp(cluster, 'vikunja', {
    image: 'vikunja/vikunja:0.24.6', ports: [{ name: 'http', port: 3456 }],
    env: {
      VIKUNJA_DATABASE_TYPE: 'postgres', VIKUNJA_DATABASE_HOST: 'vikunja-db', VIKUNJA_DATABASE_USER: 'vikunja', VIKUNJA_DATABASE_DATABASE: 'vikunja',
      VIKUNJA_DATABASE_PASSWORD: secret('vikunja', 'vikunja-db', 'password'), VIKUNJA_SERVICE_JWTSECRET: secret('vikunja', 'vikunja', 'jwt-secret'),
      VIKUNJA_SERVICE_PUBLICURL: 'http://todo.boards.jdoe.dev/',
    },
    persistence: { files: { volume: claim('10Gi'), mountPath: '/app/vikunja/files' } },
    egress: [vikunjaDb], route: { host: 'todo' },
  });
  const plankaDb = appDatabase(cluster, 'planka-db', 'planka', 'planka');
  new HomelabApp(cluster, 'planka', {
    image: 'ghcr.io/plankanban/planka:1.26.2', ports: [{ name: 'http', port: 1337 }],
    env: { BASE_URL: 'http://kanban.boards.jdoe.dev', DATABASE_URL: secret('planka', 'planka-db', 'url'), SECRET_KEY: secret('planka', 'planka', 'secret-key') },
    persistence: plankaFolders(),
    egress: [plankaDb], route: { host: 'kanban' },
  });
  const hedgedocDb = appDatabase(cluster, 'hedgedoc-db', 'hedgedoc', 'hedgedoc');
  new HomelabApp(cluster, 'hedgedoc', {
    image: 'quay.io/hedgedoc/hedgedoc:1.10.3-alpine', ports: [{ name: 'http', port: 3000 }],
    env: {
      CMD_DB_URL: secret('hedgedoc', 'hedgedoc-db', 'url'), CMD_SESSION_SECRET: secret('hedgedoc', 'hedgedoc', 'session-secret'),
      CMD_DOMAIN: 'notes.boards.jdoe.dev', CMD_PROTOCOL_USESSL: 'false', CMD_ALLOW_ANONYMOUS: 'false',
    },
    persistence: { uploads: { volume: claim('5Gi'), mountPath: '/hedgedoc/public/uploads' } },
    egress: [hedgedocDb], route: { host: 'notes' },
  });
  rootlessTrilium(cluster, 'triliumnext/notes:v0.92.6-rootless', 'wiki');
  new HomelabApp(cluster, 'excalidraw', {
    image: 'excalidraw/excalidraw@sha256:5f2ab6a1f7c9e44d6f8f3ad1bd3fc1d55e2eb0cd9f1d6e6e2b1e5f0c4d2a9b7e', ports: [{ name: 'http', port: 80 }],
    sysctls: { 'net.ipv4.ip_unprivileged_port_start': '80' },
    persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run' } },
    route: { host: 'draw' },
  });
  new HomelabApp(cluster, 'penpot-frontend', {
    namespace: 'penpot', image: 'penpotapp/frontend:2.4.3', ports: [{ name: 'http', port: 8080 }], runAsUser: 1001, runAsGroup: 1001,
    env: { PENPOT_FLAGS: 'enable-login-with-password disable-registration' },
    exemptions: { writableRootFilesystem: 'its entrypoint renders nginx.conf from a template in /tmp and writes PENPOT_FLAGS into config.js' },
    egress: 'any', route: { host: 'design' },
  });
}

const rwo = (size: string) => ({ storageClassName: 'local-path', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } });

/** A hand-written VM in namespace `vms`. */
function vm(cluster: Construct, name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  new ApiObject(cluster, name, {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name, namespace: 'vms' },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [{ metadata: { name: `${name}-root` }, spec: { source: { http: { url: 'http://10.230.6.5/images/debian-12-genericcloud-amd64.qcow2' } }, storage: rwo('20Gi') } }],
      template: { metadata: { labels: { 'kubevirt.io/domain': name }, annotations }, spec },
    },
  });
}

/** VMs of locally administered and libvirt's own MACs, cloud-init under its camelCase keys, a pod-network bridge that does not migrate. */
function vmsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'virt', '10.230.6');
  cluster.namespaces.ensure('vms');
  // The user and network data sealed under the camelCase keys KubeVirt reads as well.
  new ApiObject(cluster, 'debian-init', {
    apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'debian-init', namespace: 'vms' },
    spec: { encryptedData: { userData: sealed(300), networkData: sealed(80) }, template: { metadata: { name: 'debian-init', namespace: 'vms' } } },
  });
  const disks = (name: string) => ({
    volumes: [
      { name: 'root', dataVolume: { name: `${name}-root` } },
      { name: 'cloudinit', cloudInitNoCloud: { secretRef: { name: 'debian-init' }, networkDataSecretRef: { name: 'debian-init' } } },
    ],
  });
  const domain = (mac: string, binding: Record<string, unknown>) => ({
    cpu: { cores: 2 }, memory: { guest: '2Gi' },
    devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', macAddress: mac, ...binding }] },
  });
  vm(cluster, 'debian', { evictionStrategy: 'LiveMigrateIfPossible', domain: domain('02:a1:b2:c3:d4:e5', { masquerade: {} }), networks: [{ name: 'default', pod: {} }], ...disks('debian') });
  vm(cluster, 'router', { evictionStrategy: 'None', domain: domain('52:54:00:12:34:56', { bridge: {} }), networks: [{ name: 'default', pod: {} }], ...disks('router') });
}

/** Caddy of the storage node serving the static sites through a HostService, and a second node. */
function hostCaddyLab(scope: Construct): void {
  const node = host('edge-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.230.7.11' });
  const storage = host('edge-nas', { arch: 'amd64', roles: ['worker'], address: '10.230.7.12' });
  const cluster = k3sCluster(scope, labSite('edge', '10.230.7', [node, storage]));
  cluster.namespaces.ensure('static');
  const caddy = new HostService(cluster, 'caddy', { host: storage, port: 8880, namespace: 'static' });
  new ServiceRoute(cluster, 'files', { host: 'files', namespace: caddy.namespace, serviceName: caddy.serviceName, port: caddy.port });
  new ServiceRoute(cluster, 'www', { host: 'www', namespace: caddy.namespace, serviceName: caddy.serviceName, port: caddy.port });
}

/** Services written by hand of each family policy, and PrometheusRules of records and alerts. */
function servicesLab(scope: Construct): void {
  const node = host('svc-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.230.8.11', memoryGigabytes: 32 });
  const cluster = k3sCluster(scope, labSite('svc', '10.230.8', [node]));
  cluster.namespaces.ensure('tools');
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(node), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(stack, { secrets: ['admin-user', 'admin-password'].map((key) => SecretReference.external(stack.namespace, 'grafana-admin', key)) });
  // The pool also announced over BGP to the router, aggregated to single addresses, with a community of the router's.
  new ApiObject(cluster, 'bgp-peer', {
    apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: { name: 'router', namespace: 'metallb-system' },
    spec: { myASN: 64512, peerASN: 64513, peerAddress: '10.230.8.1', holdTime: '90s', keepaliveTime: '30s' },
  });
  new ApiObject(cluster, 'bgp-advertisement', {
    apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name: 'lb', namespace: 'metallb-system' },
    spec: { ipAddressPools: ['lb'], aggregationLength: 32, localPref: 100, communities: ['64513:100'], peers: ['router'] },
  });
  new HomelabApp(cluster, 'whoami', { namespace: 'tools', image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 8080, servicePort: 80 }], env: { WHOAMI_PORT_NUMBER: '8080' } });
  const service = (name: string, spec: Record<string, unknown>) => new ApiObject(cluster, `svc-${name}`, {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'tools' },
    spec: { selector: { 'app.kubernetes.io/name': 'whoami' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
  });
  service('whoami-headless', { clusterIP: 'None' });
  service('whoami-v4', { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
  service('whoami-pinned', { clusterIP: '10.43.0.80', clusterIPs: ['10.43.0.80'] });
  new ApiObject(cluster, 'rules', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'whoami', namespace: 'tools' },
    spec: {
      groups: [
        { name: 'whoami.records', interval: '1m', rules: [{ record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }] },
        {
          name: 'whoami.alerts', rules: [{
            alert: 'WhoamiDown', expr: 'up{job="whoami"} == 0', for: '5m', keep_firing_for: '10m',
            labels: { severity: 'warning' }, annotations: { summary: 'whoami is down' },
          }],
        },
      ],
    },
  });
}

/** Seafile 11 and HedgeDoc told their scheme by the site's ConfigMap, Vikunja, Planka and Trilium under another repository's name. */
function siteSettingsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'home', '10.230.9');
  for (const namespace of ['seafile', 'hedgedoc']) {
    cluster.namespaces.ensure(namespace);
    new ApiObject(cluster, `${namespace}-site`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace }, data: { https: 'true' } });
  }
  const fromSite = { configMapName: 'site', key: 'https' };
  declareExternal(cluster, {
    secrets: [['seafile', 'seafile'], ['hedgedoc', 'hedgedoc'], ['planka', 'planka'], ['planka', 'planka-db']].map(([namespace, name]) => ({ namespace, name })),
  });
  new HomelabApp(cluster, 'seafile', {
    image: 'seafileltd/seafile-mc:11.0-latest', ports: [{ name: 'http', port: 80 }],
    env: {
      DB_HOST: '10.230.9.5', DB_ROOT_PASSWD: secret('seafile', 'seafile', 'db-root-password'), SEAFILE_ADMIN_EMAIL: 'me@jdoe.dev',
      SEAFILE_ADMIN_PASSWORD: secret('seafile', 'seafile', 'admin-password'), SEAFILE_SERVER_HOSTNAME: 'files.home.jdoe.dev', FORCE_HTTPS_IN_CONF: fromSite,
    },
    persistence: { data: { volume: claim('100Gi'), mountPath: '/shared' } },
    exemptions: SEAFILE_EXEMPTIONS,
    egress: [{ cidr: '10.230.9.5/32', ports: [{ port: 3306 }] }], route: { host: 'files', maxBodySize: 'unlimited' },
  });
  new HomelabApp(cluster, 'hedgedoc', {
    image: 'lscr.io/linuxserver/hedgedoc:1.10.3', ports: [{ name: 'http', port: 3000 }],
    env: {
      PUID: '1000', PGID: '1000', DB_HOST: '10.230.9.5', DB_PORT: '3306', DB_USER: 'hedgedoc', DB_NAME: 'hedgedoc', DB_PASS: secret('hedgedoc', 'hedgedoc', 'db-password'),
      CMD_DOMAIN: 'pad.home.jdoe.dev', CMD_PROTOCOL_USESSL: fromSite, CMD_SESSION_SECRET: secret('hedgedoc', 'hedgedoc', 'session-secret'),
    },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    exemptions: {
      runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID', writableRootFilesystem: 's6-overlay writes its service tree under /run',
      addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
    },
    egress: [{ cidr: '10.230.9.5/32', ports: [{ port: 3306 }] }], route: { host: 'pad' },
  });
  new HomelabApp(cluster, 'vikunja', {
    image: 'docker.io/vikunja/vikunja:0.24.1', ports: [{ name: 'http', port: 3456 }],
    env: { VIKUNJA_SERVICE_PUBLICURL: 'https://TASKS.home.jdoe.dev', VIKUNJA_DATABASE_TYPE: 'sqlite', VIKUNJA_DATABASE_PATH: '/db/vikunja.db' },
    persistence: { files: { volume: claim('5Gi'), mountPath: '/app/vikunja/files' }, db: { volume: claim('1Gi'), mountPath: '/db' } },
    route: { host: 'tasks' },
  });
  new HomelabApp(cluster, 'planka', {
    image: 'ghcr.io/plankanban/planka:1.26.2', ports: [{ name: 'http', port: 1337 }],
    env: { BASE_URL: 'https://boards.home.jdoe.dev/', DATABASE_URL: secret('planka', 'planka-db', 'url'), SECRET_KEY: secret('planka', 'planka', 'secret-key'), TRUST_PROXY: '1' },
    persistence: plankaFolders(),
    egress: [{ cidr: '10.230.9.5/32', ports: [{ port: 5432 }] }], route: { host: 'boards' },
  });
  rootlessTrilium(cluster, 'triliumnext/trilium:v0.95.0-rootless', 'notes');
  new HomelabApp(cluster, 'trilium-old', {
    namespace: 'trilium', image: 'zadam/trilium:0.63.7', ports: [{ name: 'http', port: 8080 }],
    env: { TRILIUM_DATA_DIR: '/home/node/trilium-data' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/home/node/trilium-data' } },
    exemptions: { runAsRoot: 'its start script gives its data to the node user and runs the server as it with su', addCapabilities: rootInitExemption('exec', 'switches to node with su') },
    route: { host: 'notes-archive' },
  });
}

/** VMs on NFS that live-migrate: a bridge on the pod network allowed to by annotation, cloud-init from an ExternalSecret. */
function migratingVmsLab(scope: Construct): void {
  const node = host('move-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.230.10.11', memoryGigabytes: 64 });
  const second = host('move-2', { arch: 'amd64', roles: ['worker'], address: '10.230.10.12', memoryGigabytes: 64 });
  const lab = labSite('move', '10.230.10', [node, second], { nfs: { nas: { server: '10.230.10.5', path: '/export/vms' } } });
  const cluster = k3sCluster(scope, lab, { storage: { fast: localPathStorage(), vm: nfsStorage(lab.nfs.nas, { storageClassName: 'nfs-vms' }) } });
  cluster.namespaces.ensure('vms');
  cluster.platform.require(externalSecretsOperator());
  new ApiObject(cluster, 'vms-store', {
    apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'vault', namespace: 'vms' },
    spec: { provider: { vault: { server: 'https://vault.move.jdoe.dev:8200', path: 'kv', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: 'vms' } } } } },
  });
  new ApiObject(cluster, 'fedora-init', {
    apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'fedora-init', namespace: 'vms' },
    spec: {
      secretStoreRef: { kind: 'SecretStore', name: 'vault' }, target: { name: 'fedora-init' },
      data: [{ secretKey: 'userdata', remoteRef: { key: 'vms/fedora', property: 'cloud-config' } }],
    },
  });
  new ApiObject(cluster, 'fedora', {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'fedora', namespace: 'vms' },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [{
        metadata: { name: 'fedora-root' },
        spec: { source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } }, storage: { storageClassName: 'nfs-vms', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '30Gi' } } } },
      }],
      template: {
        // The guest asks DHCP again when its link comes back, so it takes the new pod's address after a move.
        metadata: { labels: { 'kubevirt.io/domain': 'fedora' }, annotations: { 'kubevirt.io/allow-pod-bridge-network-live-migration': 'true' } },
        spec: {
          evictionStrategy: 'LiveMigrate',
          domain: {
            cpu: { cores: 2 }, memory: { guest: '4Gi' },
            devices: {
              disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }],
              interfaces: [{ name: 'default', bridge: {}, macAddress: '0e:00:5e:00:53:01' }],
            },
          },
          networks: [{ name: 'default', pod: {} }],
          volumes: [{ name: 'root', dataVolume: { name: 'fedora-root' } }, { name: 'cloudinit', cloudInitConfigDrive: { secretRef: { name: 'fedora-init' } } }],
        },
      },
    },
  });
}

const VLLM_OPTIONS = ['model: /models/Qwen2.5-7B-Instruct-AWQ', 'served-model-name: qwen', 'host: 0.0.0.0', 'port: 8000', 'max-model-len: 8192', 'gpu-memory-utilization: 0.45', ''].join('\n');

/** vLLM told its options by a YAML file, an older vLLM's api_server told a folder by --model, Scrutiny's collector on each node told by its variable. */
function modelServersLab(scope: Construct): void {
  const node = host('gpu-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.230.11.11', memoryGigabytes: 64, gpus: [{ vendor: 'nvidia', model: 'RTX 3090' }] });
  const cluster = k3sCluster(scope, labSite('gpu', '10.230.11', [node]), { nvidiaTimeSlicing: 2 });
  configFile(cluster, 'ai', 'vllm', 'config.yaml', VLLM_OPTIONS);
  const models = (size: string) => ({ volume: claim(size), mountPath: '/models', readOnly: true });
  const shm = { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' };
  const probes = { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 90 } };
  new HomelabApp(cluster, 'vllm', {
    namespace: 'ai', image: 'vllm/vllm-openai:v0.10.1', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' }, runAsUser: 1000, runAsGroup: 1000,
    command: ['vllm', 'serve'], args: ['--config', '/etc/vllm/config.yaml'], resources: { memoryLimit: '16Gi' }, probes,
    persistence: { models: models('100Gi'), shm, options: { volume: AppVolume.configMap('vllm'), mountPath: '/etc/vllm', readOnly: true } },
  });
  new HomelabApp(cluster, 'vllm-embed', {
    namespace: 'ai', image: 'vllm/vllm-openai:v0.6.6', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' }, runAsUser: 1000, runAsGroup: 1000,
    command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'], args: ['--model', '/models/bge-m3', '--task', 'embed', '--gpu-memory-utilization', '0.3'],
    resources: { memoryLimit: '8Gi' }, probes, persistence: { models: models('10Gi'), shm },
  });
  const web = new HomelabApp(cluster, 'scrutiny', {
    namespace: 'disks', image: 'ghcr.io/analogj/scrutiny:v0.8.1-web', ports: [{ name: 'http', port: 8080 }],
    env: { SCRUTINY_WEB_INFLUXDB_HOST: 'influxdb' },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/opt/scrutiny/config' } },
    route: { host: 'disks' },
  });
  const collector = new HomelabApp(cluster, 'scrutiny-collector', {
    namespace: 'disks', image: 'ghcr.io/analogj/scrutiny:v0.8.1-collector', controller: AppController.daemonSet(),
    env: { COLLECTOR_API_ENDPOINT: 'http://scrutiny.disks.svc.cluster.local:8080', COLLECTOR_HOST_ID: { fieldPath: 'spec.nodeName' }, COLLECTOR_CRON_SCHEDULE: '0 */6 * * *' },
    devices: [AppDevice.hostDevice('/dev/nvme0')],
    exemptions: { privileged: 'smartctl opens the disk, which only a privileged container may open by path', hostPath: "the node's disk and udev's database of it" },
    persistence: { udev: { volume: AppVolume.hostPath('/run/udev', 'Directory'), mountPath: '/run/udev', readOnly: true } },
    egress: [web],
  });
  web.addAllowFrom(collector);
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['file sharing lab', filesLab, TRAEFIK],
  ['listeners lab', listenersLab, TRAEFIK],
  ['calendars and webmail lab', calendarsLab, TRAEFIK],
  ['boards lab', boardsLab, { namespace: 'ingress-nginx', app: 'ingress-nginx' }],
  ['VMs lab', vmsLab, TRAEFIK],
  ["node's Caddy lab", hostCaddyLab, TRAEFIK],
  ['hand-written Services lab', servicesLab, TRAEFIK],
  ['site settings lab', siteSettingsLab, TRAEFIK],
  ['migrating VMs lab', migratingVmsLab, TRAEFIK],
  ['model servers lab', modelServersLab, TRAEFIK],
];

describe('a twelfth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  const fromSite = (key: string) => ({ configMapName: 'site', key });

  test("Seafile told its host or scheme by a ConfigMap or a Secret is not judged; written out wrong, or left out, it still is", () => {
    const seafile = (image: string, env: Record<string, unknown>) => seafileUrlProblems(image, env, ['files.home.jdoe.dev'], true).map((p) => `${p.severity} ${p.field}`);
    expect(seafile('seafileltd/seafile-pro-mc:12.0.14', { SEAFILE_SERVER_HOSTNAME: fromSite('host'), SEAFILE_SERVER_PROTOCOL: 'https' })).toEqual([]);
    expect(seafile('seafileltd/seafile-mc:12.0.14', { SEAFILE_SERVER_HOSTNAME: secret('seafile', 'seafile', 'host'), SEAFILE_SERVER_PROTOCOL: fromSite('protocol') })).toEqual([]);
    expect(seafile('seafileltd/seafile-mc:11.0.13', { SEAFILE_SERVER_HOSTNAME: 'files.home.jdoe.dev', FORCE_HTTPS_IN_CONF: fromSite('https') })).toEqual([]);
    expect(seafile('seafileltd/seafile-mc:11.0.13', { SEAFILE_SERVER_HOSTNAME: 'files.home.jdoe.dev' })).toEqual(['error env.FORCE_HTTPS_IN_CONF']);
    expect(seafile('seafileltd/seafile-mc:12.0.14', { SEAFILE_SERVER_HOSTNAME: fromSite('host') })).toEqual(['error env.SEAFILE_SERVER_PROTOCOL']);
    expect(seafile('seafileltd/seafile-mc:12.0.14', { SEAFILE_SERVER_PROTOCOL: 'https' })).toEqual(['warning env.SEAFILE_SERVER_HOSTNAME']);
  });

  test("HedgeDoc's CMD_PROTOCOL_USESSL read from a ConfigMap is not judged; left out behind https it still is", () => {
    const hedgedoc = (env: Record<string, unknown>) => hedgedocServerUrlProblems('quay.io/hedgedoc/hedgedoc:1.10.3', env, ['pad.home.jdoe.dev'], true).map((p) => p.field);
    expect(hedgedoc({ CMD_DOMAIN: 'pad.home.jdoe.dev', CMD_PROTOCOL_USESSL: fromSite('https') })).toEqual([]);
    expect(hedgedoc({ CMD_DOMAIN: 'pad.home.jdoe.dev' })).toEqual(['env.CMD_PROTOCOL_USESSL']);
    expect(hedgedoc({ CMD_DOMAIN: 'https://pad.home.jdoe.dev', CMD_PROTOCOL_USESSL: fromSite('https') })).toEqual(['env.CMD_DOMAIN']);
  });

  test('vLLM told its options by a YAML file names its model there and is left alone; told no model at all, it is still judged', () => {
    const cache = (words: { command?: string[]; args: string[] }) => modelCacheProblems(propContainers({ image: 'vllm/vllm-openai:v0.10.1', runAsUser: 1000, ...words }, 'vllm')).map((p) => p.field);
    expect(cache({ command: ['vllm', 'serve'], args: ['--config', '/etc/vllm/config.yaml'] })).toEqual([]);
    expect(cache({ args: ['--config=/etc/vllm/config.yaml'] })).toEqual([]);
    expect(cache({ command: ['vllm', 'serve'], args: ['--port', '8000'] })).toEqual(['image']);
    expect(cache({ command: ['vllm', 'serve'], args: ['Qwen/Qwen2.5-7B-Instruct', '--config', '/etc/vllm/config.yaml'] })).toEqual(['image']);
  });
});
