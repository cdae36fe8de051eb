import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, hostPlacement, kubePrometheusStack } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user monitors a home lab from the README alone: kube-prometheus-stack with values added, monitors and
// rules of their own apps, Alertmanager sending to Telegram, Pushover or ntfy, Grafana and Loki, blackbox probes
// and exporters of the hosts' disks. Each mistake passed synthesis and then scraped, alerted or shipped nothing.

type Stack = ReturnType<ClusterChart['platform']['require']>;
/** The monitoring stack on gpu1, its Grafana admin Secret declared external, and what `build` adds. */
const monitored = (build: (cluster: ClusterChart, stack: Stack) => unknown) => guarded((cluster: ClusterChart) => {
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  build(cluster, stack);
});
/** An App `paperless` serving HTTP on 8000 and its exporter on a port named `metrics`, open to the monitoring namespace. */
const exporterApp = (cluster: ClusterChart) => new App(cluster, 'paperless', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9100 }], allowFrom: [{ namespace: 'monitoring' }],
});
/** A hand-written object of `kind` in group monitoring.coreos.com, named `paperless` in its namespace. */
const monitoring = (cluster: ClusterChart, id: string, kind: string, spec: Record<string, unknown>, namespace = 'paperless') => new ApiObject(cluster, id, {
  apiVersion: 'monitoring.coreos.com/v1', kind, metadata: { name: 'paperless', namespace, labels: { release: 'kube-prometheus-stack' } }, spec,
});
/** The App and a ServiceMonitor of it whose one endpoint is `endpoint`. */
const serviceMonitor = (endpoint: Record<string, unknown>) => monitored((cluster) => {
  exporterApp(cluster);
  monitoring(cluster, 'sm', 'ServiceMonitor', { selector: { matchLabels: { 'app.kubernetes.io/name': 'paperless' } }, endpoints: [{ port: 'metrics', ...endpoint }] });
});
/** A PrometheusRule of one alert, `rule` added to it. */
const alertRule = (rule: Record<string, unknown>) => monitored((cluster) => {
  cluster.namespaces.ensure('paperless');
  monitoring(cluster, 'rules', 'PrometheusRule', { groups: [{ name: 'paperless', rules: [{ alert: 'PaperlessDown', expr: 'up{job="paperless"} == 0', for: '5m', labels: { severity: 'critical' }, ...rule }] }] });
});
/** The stack given Alertmanager's configuration through `addValues`. */
const alertmanagerConfig = (config: Record<string, unknown>) => monitored((_cluster, stack) => stack.addValues({ alertmanager: { config } }));
/** A configuration whose root route sends to `phone`, the receiver `receiver` adds to. */
const toPhone = (receiver: Record<string, unknown>, route: Record<string, unknown> = {}) => alertmanagerConfig({
  route: { receiver: 'phone', routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }], ...route }, receivers: [{ name: 'null' }, { name: 'phone', ...receiver }],
});
/** A blackbox-exporter Probe of `targets`, with `spec` added. */
const probe = (spec: Record<string, unknown>) => monitored((cluster) => {
  cluster.namespaces.ensure('paperless');
  monitoring(cluster, 'probe', 'Probe', { prober: { url: 'blackbox-exporter.monitoring.svc:9115' }, module: 'http_2xx', targets: { staticConfig: { static: ['https://paperless.lab.example'] } }, ...spec });
});
const STACK = 'platform/installs/kube-prometheus-stack';

export const CASES: BadInput[] = [
  { name: 'a ServiceMonitor endpoint selecting the exporter port by number', build: serviceMonitor({ port: 9100 }), layer: 'schema', path: 'sm', field: 'spec.endpoints[0].port' },
  { name: 'a ServiceMonitor interval written as a bare number', build: serviceMonitor({ interval: 30 }), layer: 'schema', path: 'sm', field: 'spec.endpoints[0].interval' },
  { name: 'a ServiceMonitor interval written in words', build: serviceMonitor({ interval: '1 minute' }), layer: 'schema', path: 'sm', field: 'spec.endpoints[0].interval' },
  { name: 'an alert whose for is written 5 minutes', build: alertRule({ for: '5 minutes' }), layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].for' },
  { name: 'an alert label whose template action is never closed', build: alertRule({ labels: { severity: 'critical', instance: '{{ $labels.instance }' } }), layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].labels.instance', hint: /\{\{ \$labels\.instance \}\}/ },
  { name: 'an alert whose PromQL compares with a single =', build: alertRule({ expr: 'up{job="paperless"} = 0' }), layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr', message: /comparison is written ==/ },
  { name: "an Alertmanager route's group_wait written as a number", build: toPhone({ webhook_configs: [{ url_file: '/etc/alertmanager/secrets/ntfy/url' }] }, { group_wait: 30 }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.group_wait' },
  { name: "an Alertmanager route's group_by written as one string", build: toPhone({ webhook_configs: [{ url_file: '/etc/alertmanager/secrets/ntfy/url' }] }, { group_by: 'alertname' }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.group_by', hint: /\['alertname'\]/ },
  { name: 'a Telegram receiver whose bot token is written inline', build: toPhone({ telegram_configs: [{ bot_token: '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', chat_id: -1001234567890 }] }), layer: 'policy', path: STACK, field: 'values.alertmanager.config.receivers[1].telegram_configs[0].bot_token' },
  { name: 'a Telegram receiver whose chat id is written in quotes', build: toPhone({ telegram_configs: [{ bot_token_file: '/etc/alertmanager/secrets/telegram/token', chat_id: '-1001234567890' }] }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.receivers[1].telegram_configs[0].chat_id', hint: /chat_id: -1001234567890/ },
  { name: 'a Telegram receiver with parse_mode in lower case', build: toPhone({ telegram_configs: [{ bot_token_file: '/etc/alertmanager/secrets/telegram/token', chat_id: -1001234567890, parse_mode: 'markdown' }] }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.receivers[1].telegram_configs[0].parse_mode', hint: /'Markdown'/ },
  { name: 'an ntfy webhook with sendResolved spelled as the AlertmanagerConfig resource spells it', build: toPhone({ webhook_configs: [{ url_file: '/etc/alertmanager/secrets/ntfy/url', sendResolved: true }] }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.receivers[1].webhook_configs[0].sendResolved', hint: /write send_resolved/ },
  { name: 'a Telegram receiver whose token file is given as token_file', build: toPhone({ telegram_configs: [{ token_file: '/etc/alertmanager/secrets/telegram/token', chat_id: -1001234567890 }] }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.receivers[1].telegram_configs[0].token_file', hint: /write bot_token_file/ },
  { name: 'a Telegram receiver without its chat id', build: toPhone({ telegram_configs: [{ bot_token_file: '/etc/alertmanager/secrets/telegram/token' }] }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.receivers[1].telegram_configs[0].chat_id', message: /no chat_id/ },
  { name: 'a Pushover receiver given its user key file but no application token', build: toPhone({ pushover_configs: [{ user_key_file: '/etc/alertmanager/secrets/pushover/user' }] }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.receivers[1].pushover_configs[0].token_file', message: /neither token nor token_file/ },
  { name: 'a Pushover receiver whose keys are written inline', build: toPhone({ pushover_configs: [{ user_key: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG', token: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi' }] }), layer: 'policy', path: STACK, field: /^values\.alertmanager\.config\.receivers\[1\]\.pushover_configs\[0\]\.(user_key|token)$/ },
  { name: 'an ntfy webhook whose URL with its token is written inline', build: toPhone({ webhook_configs: [{ url: 'https://ntfy.lab.example/alerts?auth=tk_abcdefghijklmnopqrstuvwxyz123' }] }), layer: 'policy', path: STACK, field: 'values.alertmanager.config.receivers[1].webhook_configs[0].url', message: /credential in its query/ },
  { name: 'an Alertmanager root route with matchers', build: alertmanagerConfig({ route: { receiver: 'null', matchers: ['severity = "critical"'] }, receivers: [{ name: 'null' }] }), layer: 'props', path: STACK, field: 'addValues.alertmanager.config.route.matchers', hint: /child route/ },
  { name: "Alertmanager's configuration given as the text of its file", build: monitored((_c, stack) => stack.addValues({ alertmanager: { config: 'route:\n  receiver: telegram\nreceivers:\n  - name: telegram\n' } })), layer: 'props', path: STACK, field: 'addValues.alertmanager.config', hint: /yaml\.load/ },
  { name: "Prometheus' retention written as a number of days", build: guarded((cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', retention: 30 as unknown as string }))), layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.retention', hint: /retention: '30d'/ },
  {
    name: 'Fluent Bit tailing /var/log/containers without the /var/log/pods its links point into',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'fluent-bit', {
      image: 'cr.fluentbit.io/fluent/fluent-bit:3.2.4', controller: AppController.daemonSet(), ports: [{ name: 'http', port: 2020 }],
      persistence: { containers: { volume: AppVolume.hostPath('/var/log/containers'), mountPath: '/var/log/containers', readOnly: true } },
      exemptions: { hostPath: 'tails the container logs of the node', runAsRoot: 'the container logs are readable by root alone' },
    })),
    layer: 'props', path: 'fluent-bit', field: 'persistence.containers.volume', hint: /AppVolume\.hostPath\('\/var\/log\/pods'\)/,
  },
  {
    name: 'smartctl-exporter run as a DaemonSet without access to the disks',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'smartctl', {
      image: 'quay.io/prometheuscommunity/smartctl-exporter:v0.13.0', controller: AppController.daemonSet(), ports: [{ name: 'metrics', port: 9633 }],
    })),
    layer: 'props', path: 'smartctl', field: 'image', hint: /privileged: /,
  },
  { name: "Grafana's admin password written inline in values", build: monitored((_c, stack) => stack.addValues({ grafana: { adminPassword: 'correct-horse-battery' } })), layer: 'policy', path: STACK, field: 'values.grafana.adminPassword' },
  { name: 'a dashboard ConfigMap larger than a ConfigMap may hold', build: monitored((cluster) => { cluster.namespaces.ensure('paperless'); new ApiObject(cluster, 'dash', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dash', namespace: 'paperless', labels: { grafana_dashboard: '1' } }, data: { 'big.json': JSON.stringify({ title: 'Big', uid: 'big', panels: [], pad: 'x'.repeat(1100000) }) } }); }), layer: 'schema', path: 'dash', field: /data/ },
  { name: 'a blackbox Probe whose prober URL carries its scheme', build: probe({ prober: { url: 'http://blackbox-exporter.monitoring.svc:9115' } }), layer: 'references', path: 'probe', field: 'spec.prober.url', hint: /url: 'blackbox-exporter\.monitoring\.svc:9115' \}/ },
  { name: 'a blackbox Probe without the label the probe selector asks for', build: monitored((cluster, stack) => { stack.addValues({ prometheus: { prometheusSpec: { probeSelector: { matchLabels: { probe: 'blackbox' } } } } }); cluster.namespaces.ensure('paperless'); monitoring(cluster, 'probe', 'Probe', { prober: { url: 'blackbox-exporter.monitoring.svc:9115' }, module: 'http_2xx', targets: { staticConfig: { static: ['https://paperless.lab.example'] } } }); }), layer: 'references', path: 'probe', field: 'metadata.labels', message: /probe nothing/ },
  { name: 'a blackbox Probe whose scrape timeout is longer than its interval', build: probe({ interval: '10s', scrapeTimeout: '30s' }), layer: 'references', path: 'probe', field: 'spec.scrapeTimeout' },
];
