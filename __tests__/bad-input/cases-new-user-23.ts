import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, hostPlacement, kubePrometheusStack, loki, ServiceRoute } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user watching the lab: kube-prometheus-stack with ServiceMonitors, PodMonitors and PrometheusRules
// written by hand beside the apps, as the operator's documentation shows them. Each passed synthesis and
// scraped or alerted on nothing: a selector that matched no Service of the namespace the monitor looks in,
// an endpoint port the Service lacks, a port the app's NetworkPolicy closes to Prometheus.

/** The monitoring stack on gpu1, its Grafana admin Secret made by hand, and what `build` adds. */
const watched = (build: (cluster: ClusterChart) => unknown) => guarded((cluster: ClusterChart) => {
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  build(cluster);
});
/** An App `web` serving HTTP on 8080 and nginx's exporter on a port named `metrics`, without the `metrics` prop. */
const web = (cluster: ClusterChart) => new App(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }], route: { host: 'www' },
});
/** A monitor of `kind` written by hand in `namespace` with `spec`, beside the App `web`. */
const monitor = (kind: 'ServiceMonitor' | 'PodMonitor', spec: Record<string, unknown>, namespace = 'web') => watched((cluster) => {
  web(cluster);
  new ApiObject(cluster, 'sm', { apiVersion: 'monitoring.coreos.com/v1', kind, metadata: { name: 'web', namespace }, spec });
});
/** A PrometheusRule `web` of namespace `web` whose one group holds `rules` (and any further `groups`). */
const rules = (ruleList: Array<Record<string, unknown>>, groups: Array<Record<string, unknown>> = []) => watched((cluster) => {
  web(cluster);
  new ApiObject(cluster, 'rules', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'web', namespace: 'web' },
    spec: { groups: [{ name: 'web', rules: ruleList }, ...groups] },
  });
});
/** The stack given Alertmanager's configuration through `addValues`, as the chart's README shows it. */
const alertmanagerConfig = (config: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  stack.addValues({ alertmanager: { config } });
  stack.addValues({ grafana: { defaultDashboardsTimezone: 'browser' } });
});
const DISCORD = { name: 'discord', discord_configs: [{ webhook_url_file: '/etc/alertmanager/secrets/alertmanager-discord/url' }] };
/** A ConfigMap `dash` in namespace `web` holding a dashboard exported from Grafana, with `labels`. */
const dashboard = (labels: Record<string, string>) => watched((cluster) => {
  web(cluster);
  new ApiObject(cluster, 'dash', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-dashboard', namespace: 'web', labels },
    data: { 'web.json': JSON.stringify({ title: 'Web', panels: [{ type: 'timeseries', title: 'Requests' }] }) },
  });
});
const BY_NAME = { matchLabels: { 'app.kubernetes.io/name': 'web' } };

export const CASES: BadInput[] = [
  {
    name: 'a ServiceMonitor selecting app: web, a label the App does not give its Service',
    build: monitor('ServiceMonitor', { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'metrics' }] }),
    layer: 'references', path: 'sm', field: 'spec.selector', hint: /app\.kubernetes\.io\/name/,
  },
  {
    name: 'a PodMonitor selecting app: web, a label the App does not give its pods',
    build: monitor('PodMonitor', { selector: { matchLabels: { app: 'web' } }, podMetricsEndpoints: [{ port: 'metrics' }] }),
    layer: 'references', path: 'sm', field: 'spec.selector',
  },
  {
    name: "a ServiceMonitor put in the stack's namespace, where it looks for the app's Service",
    build: monitor('ServiceMonitor', { selector: BY_NAME, endpoints: [{ port: 'metrics' }] }, 'monitoring'),
    layer: 'references', path: 'sm', field: 'spec.selector', hint: /matchNames: \['web'\]/,
  },
  {
    name: 'a ServiceMonitor endpoint naming a port the Service lacks',
    build: monitor('ServiceMonitor', { selector: BY_NAME, endpoints: [{ port: 'metric' }] }),
    layer: 'references', path: 'sm', field: 'spec.endpoints[0].port', hint: /'metrics'/,
  },
  {
    name: 'a PodMonitor endpoint naming a port no container has',
    build: monitor('PodMonitor', { selector: BY_NAME, podMetricsEndpoints: [{ port: 'prometheus' }] }),
    layer: 'references', path: 'sm', field: 'spec.podMetricsEndpoints[0].port',
  },
  {
    name: "a ServiceMonitor scraping the App's routed port, which its NetworkPolicy opens to the ingress alone",
    build: monitor('ServiceMonitor', { selector: BY_NAME, endpoints: [{ port: 'http', path: '/metrics' }] }),
    layer: 'references', path: 'sm', field: 'spec.endpoints[0].port', hint: /metrics: \{ port: 'http' \}/,
  },
  // The operator's admission webhook loads each PrometheusRule as Prometheus' rule loader does: the CRD's
  // schema takes any text as `expr`, and these were refused only when Flux applied them.
  {
    name: 'an alert grouped by a label written without parentheses',
    build: rules([{ alert: 'WebErrors', expr: 'sum by job (rate(http_requests_total{code=~"5.."}[5m])) > 1', for: '5m' }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr', message: /by \(job\)/,
  },
  {
    name: 'an alert whose rate( is never closed',
    build: rules([{ alert: 'WebErrors', expr: 'rate(http_requests_total[5m] > 1', for: '5m' }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr', message: /never closed/,
  },
  {
    name: 'an alert over a range written 5min',
    build: rules([{ alert: 'WebErrors', expr: 'rate(http_requests_total[5min]) > 1' }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr', message: /\[5min\] is no range/,
  },
  {
    name: "an alert copied from a Grafana panel, its range Grafana's $__rate_interval",
    build: rules([{ alert: 'WebErrors', expr: 'sum(rate(http_requests_total{code=~"5.."}[$__rate_interval])) > 1' }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr', message: /Grafana variable/,
  },
  {
    name: 'an alert whose comparison has nothing on its right',
    build: rules([{ alert: 'WebDown', expr: 'up{job="web"} ==' }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr',
  },
  {
    name: 'an alert summary whose template action is never closed',
    build: rules([{ alert: 'WebDown', expr: 'up == 0', annotations: { summary: '{{ $labels.instance } is down' } }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].annotations.summary',
  },
  {
    name: 'a recording rule given a for',
    build: rules([{ record: 'job:up:sum', expr: 'sum by (job) (up)', for: '5m' }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].for',
  },
  {
    name: 'two rule groups of one name',
    build: rules([{ alert: 'WebDown', expr: 'up == 0' }], [{ name: 'web', rules: [{ alert: 'WebSlow', expr: 'up < 1' }] }]),
    layer: 'schema', path: 'rules', field: 'spec.groups[1].name',
  },
  // Alertmanager refuses a configuration whose routes name a receiver it does not define, and the operator
  // keeps the last one it took: the alerts went on to the chart's null receiver, and nothing said so.
  {
    name: 'an Alertmanager route to a receiver the configuration does not define',
    build: alertmanagerConfig({ route: { receiver: 'discord', routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }] }, receivers: [{ name: 'null' }, DISCORD] }),
    layer: 'props', path: 'platform/installs/kube-prometheus-stack', field: 'addValues.alertmanager.config.route.routes[0].receiver', hint: /'null', 'discord'/,
  },
  {
    name: "Alertmanager receivers written without the chart's null, which its Watchdog route still names",
    build: alertmanagerConfig({ route: { receiver: 'discord' }, receivers: [DISCORD] }),
    layer: 'props', path: 'platform/installs/kube-prometheus-stack', field: 'addValues.alertmanager.config.route.routes[0].receiver', hint: /keep \{ name: 'null' \}/,
  },
  {
    name: 'an Alertmanager receiver defined twice',
    build: alertmanagerConfig({ route: { receiver: 'discord' }, receivers: [{ name: 'null' }, DISCORD, DISCORD] }),
    layer: 'props', path: 'platform/installs/kube-prometheus-stack', field: 'addValues.alertmanager.config.receivers[2].name',
  },
  // The stack runs node-exporter on every node on the host's port 9100; a second one of the user's own, on
  // the host network, could never bind it, which the host-port check did not count.
  {
    name: "a node-exporter DaemonSet of the user's own beside the stack's",
    build: watched((cluster) => new App(cluster, 'node-exporter', {
      image: 'quay.io/prometheus/node-exporter:v1.8.2', controller: AppController.daemonSet(), ports: [{ name: 'metrics', port: 9100 }],
      metrics: { port: 'metrics' }, exemptions: { hostNetwork: 'reads the host network statistics', hostPid: 'reads the host processes' },
    })),
    layer: 'inventory', path: 'node-exporter', field: 'ports[0]', message: /kube-prometheus-stack/,
  },
  {
    name: "metrics path written with the exporter's query",
    build: watched((cluster) => new App(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }],
      metrics: { port: 'metrics', path: '/metrics?format=prometheus' },
    })),
    layer: 'props', path: 'web', field: 'metrics.path', hint: /path: '\/metrics'/,
  },
  // Grafana routed by hand: the chart names its Service after the release, on port 80; the route took the
  // Service on trust, and every request answered 404 from Traefik.
  {
    name: 'a route to Grafana by the name its pod has',
    build: watched((cluster) => new ServiceRoute(cluster, 'grafana', { host: 'grafana', namespace: 'monitoring', serviceName: 'grafana', port: 80 })),
    layer: 'references', path: 'grafana/route', field: 'spec.routes[0].services[0].name', hint: /serviceName: 'kube-prometheus-stack-grafana'/,
  },
  {
    name: "a route to Grafana's Service on the pod's port 3000",
    build: watched((cluster) => new ServiceRoute(cluster, 'grafana', { host: 'grafana', namespace: 'monitoring', serviceName: 'kube-prometheus-stack-grafana', port: 3000 })),
    layer: 'references', path: 'grafana/route', field: 'spec.routes[0].services[0].port', hint: /80 \(http-web\)/,
  },
  // Dashboards as ConfigMaps: the stack's Grafana loads them through its sidecar, which watches every
  // namespace for grafana_dashboard: "1" alone; these were applied and never showed in Grafana.
  {
    name: 'a dashboard ConfigMap labelled grafana_dashboards',
    build: dashboard({ grafana_dashboards: '1' }),
    layer: 'references', path: 'dash', field: 'metadata.labels.grafana_dashboards', hint: /grafana_dashboard: '1'/,
  },
  {
    name: 'a dashboard ConfigMap labelled grafana_dashboard: "true"',
    build: dashboard({ grafana_dashboard: 'true' }),
    layer: 'references', path: 'dash', field: 'metadata.labels.grafana_dashboard',
  },
  {
    name: 'a dashboard ConfigMap without the sidecar label',
    build: dashboard({ app: 'web' }),
    layer: 'references', path: 'dash', field: 'metadata.labels',
  },
  {
    name: "a ServiceMonitor written by hand beside the one the App's metrics prop renders",
    build: watched((cluster) => {
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }], metrics: { port: 'metrics' } });
      new ApiObject(cluster, 'sm', { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web-metrics', namespace: 'web' }, spec: { selector: BY_NAME, endpoints: [{ port: 'metrics' }] } });
    }),
    layer: 'references', path: 'sm', field: 'spec.endpoints[0].port', hint: /metrics prop renders one/,
  },
  // Rules given as the chart's values, which it renders as PrometheusRules at install: no schema reads them first.
  {
    name: "an alert of the chart's additionalPrometheusRulesMap waiting 5 minutes",
    build: guarded((cluster: ClusterChart) => {
      const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      stack.addValues({ additionalPrometheusRulesMap: { web: { groups: [{ name: 'web', rules: [{ alert: 'WebDown', expr: 'up{job="web"} == 0', for: '5 minutes' }] }] } } });
    }),
    layer: 'props', path: 'platform/installs/kube-prometheus-stack', field: 'addValues.additionalPrometheusRulesMap.web.groups[0].rules[0].for', hint: /'5m'/,
  },
  {
    name: "an alert of the chart's additionalPrometheusRules grouped without parentheses",
    build: guarded((cluster: ClusterChart) => {
      const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      stack.addValues({ additionalPrometheusRules: [{ name: 'web', groups: [{ name: 'web', rules: [{ alert: 'WebDown', expr: 'sum by job (up) == 0' }] }] }] });
    }),
    layer: 'props', path: 'platform/installs/kube-prometheus-stack', field: 'addValues.additionalPrometheusRules[0].groups[0].rules[0].expr',
  },
  // A log shipper on every node, root to read the pods' logs: the README's `runAsRoot` is an exemption,
  // written at the top of the props, and the hint offered runAsGroup.
  {
    name: 'runAsRoot written beside the props rather than under exemptions',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'promtail', {
      image: 'grafana/promtail:3.3.2', controller: AppController.daemonSet({ everyNode: true }), args: ['-config.file=/etc/promtail/config.yml'],
      ports: [{ name: 'http', port: 3101 }], persistence: { logs: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true } },
      exemptions: { hostPath: 'reads the pod logs of its node' }, runAsRoot: 'reads the root-owned logs',
    } as never)),
    layer: 'props', path: 'promtail', field: 'runAsRoot', hint: /exemptions: \{ runAsRoot/,
  },
  {
    name: "a route to Loki's gateway on its container's port 8080",
    build: guarded((cluster: ClusterChart) => {
      cluster.platform.require(loki({ placement: hostPlacement(gpu1) }));
      new ServiceRoute(cluster, 'loki', { host: 'logs', namespace: 'monitoring', serviceName: 'loki-gateway', port: 8080 });
    }),
    layer: 'references', path: 'loki/route', field: 'spec.routes[0].services[0].port', hint: /80 \(http\)/,
  },
  // A nightly backup that reports to the lab's uptime monitor: the push or ping URL is the monitor's
  // credential, and it was committed as plain env.
  {
    name: "an Uptime Kuma push URL written in a backup job's env",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'backup', {
      image: 'restic/restic:0.17.1', args: ['backup', '/data'], controller: AppController.cronJob({ schedule: '0 3 * * *' }),
      env: { KUMA_PUSH_URL: 'https://uptime.lab.test/api/push/Xk3pQ9vR2m?status=up&msg=OK' },
    })),
    layer: 'props', path: 'backup', field: 'env.KUMA_PUSH_URL', message: /Uptime Kuma push URL/,
  },
  {
    name: "a Healthchecks ping URL written in a backup job's env",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'backup', {
      image: 'restic/restic:0.17.1', args: ['backup', '/data'], controller: AppController.cronJob({ schedule: '0 3 * * *' }),
      env: { HC_PING_URL: 'https://hc-ping.com/3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a63' },
    })),
    layer: 'props', path: 'backup', field: 'env.HC_PING_URL', message: /Healthchecks ping URL/,
  },
  {
    name: "a ServiceMonitor reading the exporter's basic auth from a Secret nothing makes",
    build: watched((cluster) => {
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }], allowFrom: [{ namespace: 'monitoring' }] });
      new ApiObject(cluster, 'sm', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web', namespace: 'web' },
        spec: { selector: BY_NAME, endpoints: [{ port: 'metrics', basicAuth: { username: { name: 'web-metrics', key: 'user' }, password: { name: 'web-metrics', key: 'password' } } }] },
      });
    }),
    layer: 'references', path: 'sm', field: 'spec.endpoints[0].basicAuth.password.name',
  },
  // Prometheus narrowed by values copied from the chart's README: the App's own monitor was then never read.
  {
    name: "Prometheus reading only monitors labelled release, beside an App's monitor",
    build: guarded((cluster: ClusterChart) => {
      const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      stack.addValues({ prometheus: { prometheusSpec: { serviceMonitorSelector: { matchLabels: { release: 'kube-prometheus-stack' } } } } });
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }], metrics: { port: 'metrics' } });
    }),
    layer: 'references', path: 'web/service-monitor', field: 'metadata.labels', hint: /serviceMonitorSelector/,
  },
  {
    name: "Prometheus reading monitors only in labelled namespaces, beside an App's monitor",
    build: guarded((cluster: ClusterChart) => {
      const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      stack.addValues({ prometheus: { prometheusSpec: { serviceMonitorNamespaceSelector: { matchLabels: { monitoring: 'enabled' } } } } });
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }], metrics: { port: 'metrics' } });
    }),
    layer: 'references', path: 'web/service-monitor', field: 'metadata.namespace', hint: /serviceMonitorNamespaceSelector/,
  },
];
