import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, hostPlacement, k3s, kubePrometheusStack, localPathStorage, SecretReference, site, traefik,
} from '../constructs';
import { shownFindings } from './support/lab-output';

// A new user's page of the lab and the ways it tells them something broke, from the README alone, written the
// obvious way: Homepage reading the cluster with its widgets' keys from a Secret, Glance, Gatus (two, one told its folder) checking apps inside
// and outside the cluster and alerting through ntfy, ntfy with logins and iOS push (set by its env, by its flags and by
// its server.yml), Gotify, and Alertmanager sending to ntfy and Telegram with their tokens in mounted Secrets.
// The checks of ntfy's settings, Homepage's variables and cluster mode, Gatus' configuration path and Alertmanager's
// files leave all of it alone.

/** A ConfigMap `name` of namespace `namespace` holding `data`. */
const configMap = (cluster: ClusterChart, namespace: string, name: string, data: Record<string, string>) =>
  new ApiObject(cluster, `${namespace}-${name}-config`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });

/** ntfy `id` serving on 8080 behind its route, with `props` added. */
const ntfy = (cluster: ClusterChart, id: string, props: Record<string, unknown>) => new HomelabApp(cluster, id, {
  image: 'binwiederhier/ntfy:v2.11.0', ports: [{ name: 'http', port: 8080 }], route: { host: id }, ...props,
});

function dashboardLab(scope: Construct): void {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.80.10' });
  const lab = site('glance', { domain: 'lab.jdoe.dev', hosts: [nuc], git: { url: 'https://github.com/jdoe/glance.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(nuc), grafanaAdminSecret: 'grafana-admin' }));
  stack.addValues({
    alertmanager: {
      alertmanagerSpec: { secrets: ['alert-tokens'] },
      config: {
        route: { receiver: 'ntfy', routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }, { receiver: 'telegram', matchers: ['severity = "critical"'] }] },
        receivers: [
          { name: 'null' },
          { name: 'ntfy', webhook_configs: [{ url: 'http://ntfy.ntfy:8080/alerts', http_config: { authorization: { credentials_file: '/etc/alertmanager/secrets/alert-tokens/ntfy' } } }] },
          { name: 'telegram', telegram_configs: [{ bot_token_file: '/etc/alertmanager/secrets/alert-tokens/telegram', chat_id: -1001234567890, parse_mode: 'HTML' }] },
        ],
      },
    },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'monitoring', name: 'alert-tokens' }, { namespace: 'homepage', name: 'homepage-keys' }, { namespace: 'gotify', name: 'gotify' }] });

  configMap(cluster, 'homepage', 'homepage', {
    'kubernetes.yaml': 'mode: cluster\n',
    'settings.yaml': 'title: Lab\n',
    'widgets.yaml': '- kubernetes:\n    cluster:\n      show: true\n    nodes:\n      show: true\n',
    'services.yaml': '- Media:\n    - Jellyfin:\n        href: https://jellyfin.lab.jdoe.dev\n        widget:\n          type: jellyfin\n          url: http://jellyfin.media:8096\n          key: {{HOMEPAGE_VAR_JELLYFIN_KEY}}\n'
      + '    - Gotify:\n        href: https://gotify.lab.jdoe.dev\n        widget:\n          type: gotify\n          url: http://gotify.gotify:8080\n          key: "{{HOMEPAGE_FILE_GOTIFY_KEY}}"\n',
  });
  new HomelabApp(cluster, 'homepage', {
    image: 'ghcr.io/gethomepage/homepage:v1.2.0', ports: [{ name: 'http', port: 3000 }],
    env: {
      HOMEPAGE_ALLOWED_HOSTS: 'home.lab.jdoe.dev', LOG_TARGETS: 'stdout',
      HOMEPAGE_VAR_JELLYFIN_KEY: SecretReference.external('homepage', 'homepage-keys', 'jellyfin'), HOMEPAGE_FILE_GOTIFY_KEY: '/run/keys/gotify',
    },
    persistence: { config: { volume: AppVolume.configMap('homepage'), mountPath: '/app/config' }, keys: { volume: AppVolume.secret('homepage-keys'), mountPath: '/run/keys', readOnly: true } },
    serviceAccount: {
      reason: 'shows the cluster and discovers its services',
      clusterRules: [
        { apiGroups: [''], resources: ['namespaces', 'pods', 'nodes'], verbs: ['get', 'list'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list'] },
        { apiGroups: ['traefik.io'], resources: ['ingressroutes'], verbs: ['get', 'list'] },
        { apiGroups: ['metrics.k8s.io'], resources: ['nodes', 'pods'], verbs: ['get', 'list'] },
      ],
    },
    route: { host: 'home' },
  });

  configMap(cluster, 'glance', 'glance', { 'glance.yml': 'pages:\n  - name: Home\n    columns:\n      - size: full\n        widgets:\n          - type: monitor\n            sites:\n              - title: Jellyfin\n                url: https://jellyfin.lab.jdoe.dev\n' });
  new HomelabApp(cluster, 'glance', {
    image: 'glanceapp/glance:v0.8.4', ports: [{ name: 'http', port: 8080 }],
    persistence: { config: { volume: AppVolume.configMap('glance'), mountPath: '/app/config' } }, route: { host: 'glance' },
  });

  configMap(cluster, 'gatus', 'gatus', {
    'config.yaml': 'storage:\n  type: sqlite\n  path: /data/data.db\nalerting:\n  ntfy:\n    url: http://ntfy.ntfy:8080\n    topic: lab-alerts\n    priority: 4\n'
      + 'endpoints:\n  - name: jellyfin\n    url: http://jellyfin.media:8096/health\n    interval: 1m\n    conditions:\n      - "[STATUS] == 200"\n    alerts:\n      - type: ntfy\n'
      + '  - name: website\n    url: https://jdoe.dev\n    conditions:\n      - "[STATUS] == 200"\n      - "[CERTIFICATE_EXPIRATION] > 48h"\n',
  });
  new HomelabApp(cluster, 'gatus', {
    image: 'twinproduction/gatus:v5.17.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { config: { volume: AppVolume.configMap('gatus'), mountPath: '/config' }, data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    route: { host: 'status' },
  });
  // A second Gatus of the same endpoints, told the folder its ConfigMap is mounted at.
  configMap(cluster, 'status-lan', 'gatus', { 'endpoints.yaml': 'endpoints:\n  - name: router\n    url: https://192.168.80.1\n    client:\n      insecure: true\n    conditions:\n      - "[STATUS] == 200"\n' });
  new HomelabApp(cluster, 'gatus-lan', {
    namespace: 'status-lan', image: 'ghcr.io/twin/gatus:v5.17.0', ports: [{ name: 'http', port: 8080 }], env: { GATUS_CONFIG_PATH: '/etc/gatus' },
    persistence: { config: { volume: AppVolume.configMap('gatus'), mountPath: '/etc/gatus' } },
  });
  new HomelabApp(cluster, 'jellyfin', {
    namespace: 'media', image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8096 }],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' }, cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' } },
    allowFrom: [{ namespace: 'gatus' }, { namespace: 'homepage' }], route: { host: 'jellyfin' },
  });

  // One ntfy set by its env, one by its flags, one by the server.yml it mounts.
  ntfy(cluster, 'ntfy', {
    args: ['serve'],
    env: {
      NTFY_BASE_URL: 'https://ntfy.lab.jdoe.dev', NTFY_LISTEN_HTTP: ':8080', NTFY_UPSTREAM_BASE_URL: 'https://ntfy.sh', NTFY_BEHIND_PROXY: 'true',
      NTFY_AUTH_FILE: '/var/lib/ntfy/user.db', NTFY_AUTH_DEFAULT_ACCESS: 'deny-all', NTFY_ENABLE_LOGIN: 'true', NTFY_CACHE_FILE: '/var/lib/ntfy/cache.db',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/ntfy' } },
    allowFrom: [{ namespace: 'gatus' }, { namespace: 'monitoring' }],
  });
  ntfy(cluster, 'push', {
    args: ['serve', '--listen-http=:8080', '--base-url', 'https://push.lab.jdoe.dev', '--auth-file=/var/lib/ntfy/user.db', '--enable-login'],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/ntfy' } },
  });
  configMap(cluster, 'notify', 'notify', { 'server.yml': 'base-url: https://notify.lab.jdoe.dev\nlisten-http: ":8080"\nauth-file: /var/lib/ntfy/user.db\n' });
  ntfy(cluster, 'notify', {
    args: ['serve'], env: { NTFY_UPSTREAM_BASE_URL: 'https://ntfy.sh', NTFY_ENABLE_LOGIN: 'true' },
    persistence: { config: { volume: AppVolume.configMap('notify'), mountPath: '/etc/ntfy' }, data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/ntfy' } },
  });

  new HomelabApp(cluster, 'gotify', {
    image: 'gotify/server:2.6.1', ports: [{ name: 'http', port: 8080 }],
    env: { GOTIFY_SERVER_PORT: '8080', GOTIFY_DEFAULTUSER_PASS: SecretReference.external('gotify', 'gotify', 'admin-password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
    allowFrom: [{ namespace: 'homepage' }], route: { host: 'gotify' },
  });
}

test("a new user's dashboards, status page and notifications synthesize without findings", () => {
  expect(shownFindings(dashboardLab)).toEqual([]);
});
