import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, hostPlacement, kubePrometheusStack, loki } from '../../constructs';
import type { KubePrometheusStackOptions } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user adds monitoring, logs and alerts to the lab as the charts' READMEs and Grafana's export dialog
// show them: monitors with their own timeouts, PrometheusRules beside a narrowed rule selector, dashboards
// exported from another Grafana, Alertmanager's routing written by hand, Loki and Grafana scaled up, and a log
// shipper run as a DaemonSet of the lab. Each passed synthesis and then scraped, alerted or showed nothing, or
// left a release that never installs.

/** The monitoring stack on gpu1 with `options`, its Grafana admin Secret made by hand, and what `build` adds. */
const watched = (build: (cluster: ClusterChart, stack: ReturnType<ClusterChart['platform']['require']>) => unknown, options: Partial<KubePrometheusStackOptions> = {}) => guarded((cluster: ClusterChart) => {
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', ...options }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  build(cluster, stack);
});
/** An App `web` serving HTTP on 8080 and nginx's exporter on a port named `metrics`, open to Prometheus' namespace. */
const web = (cluster: ClusterChart) => new App(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }], allowFrom: [{ namespace: 'monitoring' }],
});
/** A monitor of `kind` written by hand in namespace `web` whose one endpoint is `endpoint`, beside the App `web`. */
const monitor = (kind: 'ServiceMonitor' | 'PodMonitor', endpoint: Record<string, unknown>) => watched((cluster) => {
  web(cluster);
  new ApiObject(cluster, 'sm', {
    apiVersion: 'monitoring.coreos.com/v1', kind, metadata: { name: 'web', namespace: 'web' },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, [kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints']: [{ port: 'metrics', ...endpoint }] },
  });
});
/** A PrometheusRule `web` in namespace `web`, with the stack's Prometheus narrowed by `prometheusSpec`. */
const narrowedRules = (prometheusSpec: Record<string, unknown>) => watched((cluster, stack) => {
  stack.addValues({ prometheus: { prometheusSpec } });
  web(cluster);
  new ApiObject(cluster, 'rules', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'web', namespace: 'web' },
    spec: { groups: [{ name: 'web', rules: [{ alert: 'WebDown', expr: 'up{job="web"} == 0', for: '5m', labels: { severity: 'critical' } }] }] },
  });
});
/** ConfigMaps in namespace `web` labelled for the dashboard sidecar, one per entry of `dataByName`. */
const dashboards = (dataByName: Record<string, Record<string, string>>) => watched((cluster) => {
  cluster.namespaces.ensure('web');
  Object.entries(dataByName).forEach(([name, data]) => new ApiObject(cluster, name, {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'web', labels: { grafana_dashboard: '1' } }, data,
  }));
});
/** A dashboard of one panel, with `extra` fields. */
const dashboardJson = (extra: Record<string, unknown> = {}) => JSON.stringify({ title: 'Web', uid: 'web', panels: [{ type: 'timeseries', title: 'Requests' }], ...extra });
/** The stack given Alertmanager's configuration through `addValues`, as the chart's README shows it. */
const alertmanagerConfig = (config: Record<string, unknown>) => watched((_cluster, stack) => stack.addValues({ alertmanager: { config } }));
/** A route of Alertmanager to `null` whose second child route is `route`. */
const routed = (route: Record<string, unknown>) => alertmanagerConfig({
  route: { receiver: 'null', routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }, { receiver: 'null', ...route }] }, receivers: [{ name: 'null' }],
});
/** A log shipper `promtail` run by the lab as a DaemonSet with the node's folder `hostFolder` mounted; `props` add to it. */
const shipper = (hostFolder: string, props: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'promtail', {
  image: 'grafana/promtail:3.0.0', args: ['-config.file=/etc/promtail/config.yml'], controller: AppController.daemonSet(), ports: [{ name: 'http', port: 3101 }],
  persistence: { logs: { volume: AppVolume.hostPath(hostFolder), mountPath: hostFolder, readOnly: true } },
  ...props,
  exemptions: { hostPath: 'reads the pod logs of the node', ...props.exemptions as object },
}));
const STACK = 'platform/installs/kube-prometheus-stack';

export const CASES: BadInput[] = [
  // Timeouts copied from an exporter's README, longer than the interval the lab scrapes at.
  {
    name: 'a ServiceMonitor whose scrapeTimeout is longer than its interval',
    build: monitor('ServiceMonitor', { interval: '15s', scrapeTimeout: '30s' }),
    layer: 'references', path: 'sm', field: 'spec.endpoints[0].scrapeTimeout', hint: /scrapeTimeout: '15s'/,
  },
  {
    name: "a PodMonitor whose scrapeTimeout is longer than the operator's default interval",
    build: monitor('PodMonitor', { scrapeTimeout: '45s' }),
    layer: 'references', path: 'sm', field: 'spec.podMetricsEndpoints[0].scrapeTimeout', message: /interval 30s/,
  },
  // Relabelings copied from a blog post and edited in place.
  {
    name: 'a ServiceMonitor relabeling whose regular expression leaves a group open',
    build: monitor('ServiceMonitor', { relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], regex: '(.*', targetLabel: 'node' }] }),
    layer: 'references', path: 'sm', field: 'spec.endpoints[0].relabelings[0].regex', message: /does not compile/,
  },
  {
    name: 'a metric relabeling that renames by replace without a targetLabel',
    build: monitor('PodMonitor', { metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'nginx_(.*)', replacement: 'web_$1' }] }),
    layer: 'references', path: 'sm', field: 'spec.podMetricsEndpoints[0].metricRelabelings[0].targetLabel', hint: /action: 'keep' or 'drop'/,
  },
  // The chart's README narrows what Prometheus reads to the release's label; the lab's rules do not carry it.
  {
    name: 'a PrometheusRule without the release label the rule selector asks for',
    build: narrowedRules({ ruleSelector: { matchLabels: { release: 'kube-prometheus-stack' } } }),
    layer: 'references', path: 'rules', field: 'metadata.labels', hint: /label the PrometheusRule/,
  },
  {
    name: 'a PrometheusRule in a namespace the rule namespace selector does not pick',
    build: narrowedRules({ ruleNamespaceSelector: { matchLabels: { monitoring: 'enabled' } } }),
    layer: 'references', path: 'rules', field: 'metadata.namespace', message: /alerts never fire/,
  },
  // A query copied from a dashboard of a Prometheus that scrapes more often than the lab's.
  {
    name: 'an alert on rate over 30s where Prometheus scrapes every 30s',
    build: watched((cluster) => {
      cluster.namespaces.ensure('web');
      new ApiObject(cluster, 'rules', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'web', namespace: 'web' },
        spec: { groups: [{ name: 'web', rules: [{ alert: 'WebErrors', expr: 'sum by (job) (rate(nginx_http_requests_total{status=~"5.."}[30s])) > 1', for: '5m' }] }] },
      });
    }),
    layer: 'references', path: 'rules', field: 'spec.groups[0].rules[0].expr', hint: /\[2m\]/,
  },
  {
    name: 'a recording rule of the chart values on increase over 45s where Prometheus scrapes every 30s',
    build: watched((_cluster, stack) => stack.addValues({ additionalPrometheusRulesMap: { web: { groups: [{ name: 'web', rules: [{ record: 'job:errors:increase', expr: 'sum by (job) (increase(errors_total[45s]))' }] }] } } })),
    layer: 'references', path: STACK, field: 'addValues.additionalPrometheusRulesMap.web.groups[0].rules[0].expr', message: /never records a value/,
  },
  // Dashboards downloaded from grafana.com or exported from another Grafana.
  {
    name: 'a dashboard exported for sharing externally, its data source an input',
    build: dashboards({ 'web-dashboard': { 'web.json': dashboardJson({ __inputs: [{ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }], panels: [{ type: 'timeseries', datasource: { uid: '${DS_PROMETHEUS}' } }] }) } }),
    layer: 'references', path: 'web-dashboard', field: 'data.web.json', hint: /uid in place of \$\{DS_PROMETHEUS\} \(prometheus/,
  },
  {
    name: 'a dashboard pasted as JSON with a trailing comma',
    build: dashboards({ 'web-dashboard': { 'web.json': '{ "title": "Web", "panels": [ { "type": "timeseries" }, ] }' } }),
    layer: 'references', path: 'web-dashboard', field: 'data.web.json', message: /is no JSON/,
  },
  {
    name: 'a dashboard under a ConfigMap key without .json',
    build: dashboards({ 'web-dashboard': { 'web-dashboard': dashboardJson() } }),
    layer: 'references', path: 'web-dashboard', field: 'data.web-dashboard', hint: /web-dashboard\.json/,
  },
  {
    name: 'two dashboards of one uid, a copy edited under another title',
    build: dashboards({ nodes: { 'nodes.json': dashboardJson({ uid: 'nodes', title: 'Nodes' }) }, 'nodes-full': { 'nodes-full.json': dashboardJson({ uid: 'nodes', title: 'Nodes (full)' }) } }),
    layer: 'references', path: 'nodes-full', field: 'data.nodes-full.json', message: /nodes\.json of ConfigMap web\/nodes/,
  },
  // Scaled up for availability, on storage that one pod alone may use.
  {
    name: "Loki's single binary scaled to three replicas on the filesystem store",
    build: guarded((c: ClusterChart) => c.platform.require(loki({ placement: hostPlacement(gpu1), storageClass: 'local-path' })).addValues({ singleBinary: { replicas: 3 } })),
    layer: 'props', path: 'platform/installs/loki', field: 'addValues.singleBinary.replicas', hint: /object store/,
  },
  {
    name: 'two Grafanas on its one ReadWriteOnce claim',
    build: watched((_cluster, stack) => stack.addValues({ grafana: { replicas: 2 } }), { grafanaStorage: { tier: 'local', size: '1Gi' } }),
    layer: 'props', path: STACK, field: 'addValues.grafana.replicas',
  },
  {
    name: "Prometheus' claim template given in values on a StorageClass the cluster lacks",
    build: watched((_cluster, stack) => stack.addValues({ prometheus: { prometheusSpec: { storageSpec: { volumeClaimTemplate: { spec: { storageClassName: 'longhorn', resources: { requests: { storage: '20Gi' } } } } } } } })),
    layer: 'references', path: STACK, field: 'addValues.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName',
  },
  // Durations of the values written as people say them.
  {
    name: "Prometheus' scrape interval in values written in seconds without a unit",
    build: watched((_cluster, stack) => stack.addValues({ prometheus: { prometheusSpec: { scrapeInterval: '60' } } })),
    layer: 'props', path: STACK, field: 'addValues.prometheus.prometheusSpec.scrapeInterval',
  },
  {
    name: "Prometheus' global scrape timeout longer than its interval",
    build: watched((_cluster, stack) => stack.addValues({ prometheus: { prometheusSpec: { scrapeInterval: '15s', scrapeTimeout: '30s' } } })),
    layer: 'props', path: STACK, field: 'addValues.prometheus.prometheusSpec.scrapeTimeout', message: /global scrape timeout greater than scrape interval/,
  },
  {
    name: "an Alertmanager route's group_wait written with a space",
    build: alertmanagerConfig({ route: { receiver: 'null', group_wait: '30 s' }, receivers: [{ name: 'null' }] }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.group_wait', hint: /'30s'/,
  },
  {
    name: "Alertmanager's resolve_timeout written in words",
    build: alertmanagerConfig({ global: { resolve_timeout: '5 minutes' }, route: { receiver: 'null' }, receivers: [{ name: 'null' }] }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.global.resolve_timeout',
  },
  {
    name: 'an Alertmanager route that repeats its notifications every 0s',
    build: routed({ matchers: ['severity = "critical"'], repeat_interval: '0s' }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.routes[1].repeat_interval', message: /repeat_interval of zero/,
  },
  // Matchers of Alertmanager's routes.
  {
    name: 'an Alertmanager matcher whose regular expression leaves a bracket open',
    build: routed({ matchers: ['instance =~ "[nuc|pi"'] }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.routes[1].matchers[0]', message: /\[nuc\|pi/,
  },
  {
    name: 'an Alertmanager matcher written without its operator',
    build: routed({ matchers: ['severity critical'] }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.routes[1].matchers[0]', hint: /severity = "critical"/,
  },
  {
    name: 'an Alertmanager match_re of the older form that does not compile',
    build: routed({ match_re: { service: '(web|api' } }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.routes[1].match_re.service',
  },
  {
    name: 'an Alertmanager inhibition rule whose source matcher has no operator',
    build: alertmanagerConfig({ route: { receiver: 'null' }, receivers: [{ name: 'null' }], inhibit_rules: [{ source_matchers: ['severity critical'], target_matchers: ['severity = "warning"'], equal: ['namespace'] }] }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.inhibit_rules[0].source_matchers[0]',
  },
  {
    name: 'an Alertmanager route muted by a time interval the configuration does not define',
    build: alertmanagerConfig({
      route: { receiver: 'null', routes: [{ receiver: 'null', matchers: ['severity = "warning"'], mute_time_intervals: ['nights'] }] }, receivers: [{ name: 'null' }],
      time_intervals: [{ name: 'night', time_intervals: [{ times: [{ start_time: '22:00', end_time: '24:00' }] }] }],
    }),
    layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.routes[0].mute_time_intervals[0]', hint: /'night'/,
  },
  // Routes by severity, written as the owner says it rather than as the rules write it.
  {
    name: 'an Alertmanager route matching severity "Critical", which the rules write in lower case',
    build: routed({ matchers: ['severity = "Critical"'] }),
    layer: 'references', path: STACK, field: 'addValues.alertmanager.config.route.routes[1].matchers[0]', hint: /severity = "critical"/,
  },
  {
    name: "an Alertmanager route matching a severity one letter off the lab's own rule",
    build: watched((cluster, stack) => {
      stack.addValues({ alertmanager: { config: { route: { receiver: 'null', routes: [{ receiver: 'null', match: { severity: 'pages' } }] }, receivers: [{ name: 'null' }] } } });
      cluster.namespaces.ensure('web');
      new ApiObject(cluster, 'rules', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'web', namespace: 'web' },
        spec: { groups: [{ name: 'web', rules: [{ alert: 'WebDown', expr: 'up{job="web"} == 0', labels: { severity: 'page' } }] }] },
      });
    }),
    layer: 'references', path: STACK, field: 'addValues.alertmanager.config.route.routes[0].match.severity', hint: /severity: 'page'/,
  },
  // A log shipper as the lab's own DaemonSet, left to the library's non-root default.
  {
    name: "Promtail reading the node's /var/log as the non-root default user",
    build: shipper('/var/log'),
    layer: 'props', path: 'promtail', field: 'persistence.logs.volume', hint: /runAsRoot/,
  },
  {
    name: "a log shipper reading /var/log/pods as the user of its image",
    build: shipper('/var/log/pods', { runAsUser: 10001, runAsGroup: 10001 }),
    layer: 'props', path: 'promtail', field: 'persistence.logs.volume',
  },
];
