import { ApiObject } from 'cdk8s';
import { App, AppVolume, ClusterChart, declareExternal, hostPlacement, kubePrometheusStack, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user puts one page in front of the lab and wants to be told when something breaks, from the README alone:
// Homepage with its widgets' API keys, ntfy for the phone (logins, iOS push through ntfy.sh), and the monitoring
// stack's Alertmanager sending to Telegram. Each mistake passed synthesis and then never served, or never told anyone.

/** ntfy as its guides run it, on 8080 behind the route `ntfy`, its user database on a claim; `props` change it. */
const ntfy = (props: Record<string, unknown> = {}, env: Record<string, string> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'ntfy', {
  image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
  env: { NTFY_LISTEN_HTTP: ':8080', NTFY_BASE_URL: 'https://ntfy.lab.test', NTFY_AUTH_FILE: '/var/lib/ntfy/user.db', NTFY_AUTH_DEFAULT_ACCESS: 'deny-all', ...env },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/ntfy' } },
  route: { host: 'ntfy' },
  ...props,
}));

/** Homepage with its services.yaml in a ConfigMap it mounts at /app/config, the Jellyfin widget's key given by `key`. */
const homepage = (key: string) => guarded((cluster: ClusterChart) => {
  new ApiObject(cluster, 'homepage-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'homepage', namespace: 'homepage' },
    data: {
      'settings.yaml': 'title: Lab\n',
      'services.yaml': `- Media:\n    - Jellyfin:\n        href: https://jellyfin.lab.test\n        widget:\n          type: jellyfin\n          url: https://jellyfin.lab.test\n          key: ${key}\n`,
    },
  });
  new App(cluster, 'homepage', {
    image: 'ghcr.io/gethomepage/homepage:v1.2.0', ports: [{ name: 'http', port: 3000 }],
    env: { HOMEPAGE_ALLOWED_HOSTS: 'home.lab.test', HOMEPAGE_VAR_JELLYFIN_KEY: SecretReference.external('homepage', 'homepage-keys', 'jellyfin') },
    persistence: { config: { volume: AppVolume.configMap('homepage'), mountPath: '/app/config' } },
    route: { host: 'home' },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'homepage', name: 'homepage-keys' }] });
});

/** Homepage told to read the cluster from inside (`mode: cluster`), written as its Kubernetes guide does, with no `serviceAccount`. */
const homepageInCluster = guarded((cluster: ClusterChart) => {
  new ApiObject(cluster, 'homepage-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'homepage', namespace: 'homepage' },
    data: { 'kubernetes.yaml': 'mode: cluster\n', 'widgets.yaml': '- kubernetes:\n    cluster:\n      show: true\n    nodes:\n      show: true\n' },
  });
  new App(cluster, 'homepage', {
    image: 'ghcr.io/gethomepage/homepage:v1.2.0', ports: [{ name: 'http', port: 3000 }], env: { HOMEPAGE_ALLOWED_HOSTS: 'home.lab.test' },
    persistence: { config: { volume: AppVolume.configMap('homepage'), mountPath: '/app/config' } },
    route: { host: 'home' },
  });
});

/** Gatus checking Jellyfin, its ConfigMap mounted at `mountPath`, with `env` and its configuration's `storage` section first. */
const gatus = (mountPath: string, env: Record<string, string> = {}, storage = '') => guarded((cluster: ClusterChart) => {
  new ApiObject(cluster, 'gatus-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gatus', namespace: 'gatus' },
    data: { 'config.yaml': storage + 'endpoints:\n  - name: jellyfin\n    url: https://jellyfin.lab.test/health\n    conditions:\n      - "[STATUS] == 200"\n' },
  });
  new App(cluster, 'gatus', {
    image: 'twinproduction/gatus:v5.17.0', ports: [{ name: 'http', port: 8080 }], env,
    persistence: { config: { volume: AppVolume.configMap('gatus'), mountPath } }, route: { host: 'status' },
  });
});

/** The monitoring stack, Alertmanager sending critical alerts to Telegram, with `spec` as its `alertmanagerSpec`. */
const telegram = (spec: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'monitoring', name: 'alert-tokens' }] });
  stack.addValues({
    alertmanager: {
      alertmanagerSpec: spec,
      config: {
        route: { receiver: 'phone', routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }] },
        receivers: [{ name: 'null' }, { name: 'phone', telegram_configs: [{ bot_token_file: '/etc/alertmanager/secrets/telegram/token', chat_id: -1001234567890 }] }],
      },
    },
  });
});
const STACK = 'platform/installs/kube-prometheus-stack';

/** The monitoring stack's Alertmanager posting every alert to ntfy's Service, with ntfy admitting `allowFrom`. */
const toNtfy = (allowFrom: Array<{ namespace: string }>) => guarded((cluster: ClusterChart) => {
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  stack.addValues({
    alertmanager: {
      config: {
        route: { receiver: 'ntfy', routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }] },
        receivers: [{ name: 'null' }, { name: 'ntfy', webhook_configs: [{ url: 'http://ntfy.ntfy:8080/alerts' }] }],
      },
    },
  });
  new App(cluster, 'ntfy', {
    image: 'binwiederhier/ntfy:v2.11.0', args: ['serve', '--listen-http', ':8080'], ports: [{ name: 'http', port: 8080 }], allowFrom, route: { host: 'ntfy' },
  });
});

export const CASES: BadInput[] = [
  { name: "ntfy run without the command that starts its server (compose's `command: serve` left out)", build: ntfy({ args: undefined }), layer: 'props', path: 'ntfy', field: 'args', hint: /args: \['serve'\]/ },
  { name: "ntfy's user database on a path no volume holds", build: ntfy({ persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/cache/ntfy' } } }), layer: 'props', path: 'ntfy', field: 'env.NTFY_AUTH_FILE', hint: /mountPath: '\/var\/lib\/ntfy'/ },
  { name: "ntfy's base URL written with a trailing slash", build: ntfy({}, { NTFY_BASE_URL: 'https://ntfy.lab.test/' }), layer: 'props', path: 'ntfy', field: 'env.NTFY_BASE_URL', hint: /'https:\/\/ntfy\.lab\.test'/ },
  {
    name: "ntfy told to forward iOS pushes through ntfy.sh without its own base URL",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'ntfy', {
      image: 'binwiederhier/ntfy:v2.11.0', args: ['serve', '--listen-http', ':8080'], ports: [{ name: 'http', port: 8080 }], env: { NTFY_UPSTREAM_BASE_URL: 'https://ntfy.sh' }, route: { host: 'ntfy' },
    })),
    layer: 'props', path: 'ntfy', field: 'env.NTFY_UPSTREAM_BASE_URL', hint: /NTFY_BASE_URL/,
  },
  {
    name: 'ntfy with logins turned on but no user database',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'ntfy', {
      image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
      env: { NTFY_LISTEN_HTTP: ':8080', NTFY_BASE_URL: 'https://ntfy.lab.test', NTFY_ENABLE_LOGIN: 'true', NTFY_AUTH_DEFAULT_ACCESS: 'deny-all' }, route: { host: 'ntfy' },
    })),
    layer: 'props', path: 'ntfy', field: 'env.NTFY_ENABLE_LOGIN', hint: /NTFY_AUTH_FILE/,
  },
  { name: "a Homepage widget key naming a variable the container's env does not set", build: homepage('"{{HOMEPAGE_VAR_JELLYFIN_API_KEY}}"'), layer: 'references', path: 'homepage', field: 'env', message: /HOMEPAGE_VAR_JELLYFIN_API_KEY}}, which this container's env does not set/ },
  { name: 'a Homepage widget key naming a variable without the HOMEPAGE_VAR_ prefix', build: homepage('"{{JELLYFIN_KEY}}"'), layer: 'references', path: 'homepage-config', field: 'data.services.yaml', hint: /\{\{HOMEPAGE_VAR_JELLYFIN_KEY\}\}/ },
  { name: "Homepage's Kubernetes widget in cluster mode without a ServiceAccount", build: homepageInCluster, layer: 'references', path: 'homepage', field: /serviceAccount/, hint: /serviceAccount: \{ reason/ },
  { name: "Gatus' endpoints mounted at /app/config, where Glance reads its own", build: gatus('/app/config'), layer: 'references', path: 'gatus', field: 'persistence.config.volume', hint: /GATUS_CONFIG_PATH: '\/app\/config\/config\.yaml'/ },
  { name: "Gatus' SQLite results beside its configuration, in the ConfigMap's read-only folder", build: gatus('/config', { GATUS_CONFIG_PATH: '/config/config.yaml' }, 'storage:\n  type: sqlite\n  path: /config/data.db\n'), layer: 'references', path: 'gatus-config', field: 'data.config.yaml', message: /lies in \/config, the ConfigMap mounted there, which is read-only/, hint: /^keep the file out of \/config, storage\.path: \/data\/data\.db, and mount a claim at \/data/ },
  { name: "Gatus' SQLite results on a path no volume holds", build: gatus('/config', {}, 'storage:\n  type: sqlite\n  path: /data/data.db\n'), layer: 'references', path: 'gatus-config', field: 'data.config.yaml', hint: /mountPath: '\/data'/ },
  { name: 'GATUS_CONFIG_PATH naming a file no volume holds', build: gatus('/config', { GATUS_CONFIG_PATH: '/etc/gatus/config.yaml' }), layer: 'references', path: 'gatus', field: 'env.GATUS_CONFIG_PATH' },
  { name: "Alertmanager's webhook to ntfy's Service, whose policy admits the ingress alone", build: toNtfy([]), layer: 'policy', path: STACK, field: 'values.alertmanager.config.receivers[1].webhook_configs[0].url', hint: /allowFrom: \[\{ namespace: 'monitoring' \}\]/ },
  {
    name: "a Telegram receiver's bot token file in a Secret Alertmanager does not mount",
    build: telegram({ secrets: ['alert-tokens'] }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.receivers[1].telegram_configs[0].bot_token_file', hint: /secrets: \['alert-tokens', 'telegram'\]/,
  },
];
