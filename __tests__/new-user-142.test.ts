// A new user's monitoring and alerting from the README alone: a K3s cluster of two hosts (a server that runs the
// monitoring stack and a NAS), kube-prometheus-stack with its node-exporter and Alertmanager sending to the lab's
// ntfy, Loki with Promtail on every node, Uptime Kuma and Gatus, smartctl_exporter on every node, a speed-test
// exporter of the lab's own with its ServiceMonitor and PrometheusRule, and a Grafana dashboard ConfigMap. Written the
// obvious way it synthesizes with no finding; the mistakes of a first monitoring lab (ports, selectors, durations,
// receivers, units, host paths, exemptions, a token in the open) are each one finding on the field that holds them.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, hostPlacement, k3s, kubePrometheusStack, localPathStorage, loki, metalLb, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps, KubePrometheusStackOptions, LokiOptions } from '../constructs';
import { guarded } from './bad-input/lab';
import { schemasMissing, testWhen } from './support/shared';
import { aboutTheLab, synthInMemory } from './support/synth';

const srv = host('srv', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.10', cores: 8, memoryGigabytes: 32 });
const nas = host('nas', { arch: 'amd64', roles: ['worker'], address: '192.168.50.11', cores: 4, memoryGigabytes: 16 });
const watch = site('watch', { domain: 'watch.example.net', hosts: [srv, nas], git: { url: 'https://github.com/jdoe/watch.git' }, pools: { vips: { first: '192.168.50.240', last: '192.168.50.250' } } });

const PROMTAIL = 'server:\n  http_listen_port: 9080\npositions:\n  filename: /run/promtail/positions.yaml\nclients:\n  - url: http://loki.monitoring:3100/loki/api/v1/push\n'
  + 'scrape_configs:\n  - job_name: pods\n    kubernetes_sd_configs:\n      - role: pod\n    relabel_configs:\n      - source_labels: [__meta_kubernetes_pod_node_name]\n        action: keep\n        regex: $HOSTNAME\n'
  + '      - source_labels: [__meta_kubernetes_pod_uid, __meta_kubernetes_pod_container_name]\n        separator: /\n        target_label: __path__\n        replacement: /var/log/pods/*$1/*.log\n';
const GATUS = 'metrics: true\nstorage:\n  type: sqlite\n  path: /data/data.db\nalerting:\n  ntfy:\n    url: http://ntfy.ntfy:8080\n    topic: lab\n'
  + 'endpoints:\n  - name: grafana\n    url: http://kube-prometheus-stack-grafana.monitoring:80/api/health\n    interval: 1m\n    conditions:\n      - "[STATUS] == 200"\n    alerts:\n      - type: ntfy\n';
const RULES = { groups: [{ name: 'speedtest', rules: [{ alert: 'SlowInternet', expr: 'avg_over_time(speedtest_download_bits_per_second[30m]) < 50e6', for: '30m', labels: { severity: 'warning' }, annotations: { summary: 'The line is slow' } }] }] };
const DASHBOARD = JSON.stringify({ title: 'Speed test', uid: 'speedtest', panels: [{ type: 'timeseries', title: 'Download', targets: [{ expr: 'speedtest_download_bits_per_second' }] }] });

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly stack?: Partial<KubePrometheusStackOptions>;
  readonly stackValues?: Record<string, unknown>;
  readonly loki?: Partial<LokiOptions>;
  readonly monitor?: Record<string, unknown>;
  readonly rules?: Record<string, unknown>;
  readonly promtailConfig?: string;
  readonly gatusConfig?: string;
  readonly dashboard?: { labels?: Record<string, string>; data?: Record<string, string> };
}

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const object = (c: ClusterChart, id: string, manifest: Record<string, unknown>) => new ApiObject(c, id, manifest as never);
  const c = new ClusterChart(scope, 'main', {
    site: watch, hosts: [srv, nas], storage: { fast: localPathStorage() }, gitops: flux(),
    routes: traefik({ address: watch.pools.vips.at('192.168.50.240') }), loadBalancer: metalLb({ pools: [watch.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const stack = c.platform.require(kubePrometheusStack({
    placement: hostPlacement(srv), grafanaAdminSecret: 'grafana-admin', retention: '15d', retentionSize: '16GB',
    prometheusStorage: { tier: 'fast', size: '20Gi' }, grafanaStorage: { tier: 'fast', size: '1Gi' },
    alertReceiver: { kind: 'webhook', url: SecretReference.external('monitoring', 'alert-webhook', 'url') },
    ...changes.stack,
  }));
  if (changes.stackValues !== undefined) {
    stack.addValues(changes.stackValues);
  }
  c.platform.require(loki({ placement: hostPlacement(srv), storageClass: 'local-path', storageSize: '20Gi', retention: '14d', ...changes.loki }));
  declareExternal(c, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'monitoring', name: 'alert-webhook' }] });

  object(c, 'promtail-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'promtail', namespace: 'logging' }, data: { 'promtail.yaml': changes.promtailConfig ?? PROMTAIL } });
  app(c, 'promtail', {
    namespace: 'logging', image: 'grafana/promtail:3.3.2', controller: AppController.daemonSet(), ports: [{ name: 'http', port: 9080 }],
    args: ['-config.file=/etc/promtail/promtail.yaml', '-config.expand-env=true'], env: { HOSTNAME: { fieldPath: 'spec.nodeName' } },
    persistence: {
      config: { volume: AppVolume.configMap('promtail'), mountPath: '/etc/promtail' },
      pods: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true },
      positions: { volume: AppVolume.emptyDir(), mountPath: '/run/promtail' },
    },
    exemptions: { hostPath: "reads the logs of its node's pods", runAsRoot: 'the runtime leaves container logs readable by root alone' },
    serviceAccount: { reason: 'finds the pods of its node', clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
    metrics: { port: 'http' },
  });

  const ntfy = app(c, 'ntfy', {
    namespace: 'ntfy', image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
    env: { NTFY_BASE_URL: 'https://ntfy.watch.example.net', NTFY_LISTEN_HTTP: ':8080', NTFY_CACHE_FILE: '/var/cache/ntfy/cache.db' },
    persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/cache/ntfy' } },
    allowFrom: [{ namespace: 'monitoring' }], route: { host: 'ntfy' },
  });
  app(c, 'uptime-kuma', {
    namespace: 'uptime', image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' } },
    probes: { readiness: { httpPath: '/' } }, route: { host: 'uptime' }, egress: 'any',
  });
  object(c, 'gatus-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gatus', namespace: 'gatus' }, data: { 'config.yaml': changes.gatusConfig ?? GATUS } });
  app(c, 'gatus', {
    namespace: 'gatus', image: 'twinproduction/gatus:v5.17.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { config: { volume: AppVolume.configMap('gatus'), mountPath: '/config' }, data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    route: { host: 'status' }, metrics: { port: 'http' }, egress: [ntfy, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  app(c, 'smartctl-exporter', {
    namespace: 'smartctl', image: 'prometheuscommunity/smartctl-exporter:v0.13.0', controller: AppController.daemonSet(), ports: [{ name: 'metrics', port: 9633 }],
    exemptions: { privileged: 'smartctl opens each disk of the node', runAsRoot: 'smartctl reads the disks as root' }, metrics: { port: 'metrics' },
    allowFrom: [{ namespace: 'monitoring' }],
  });

  app(c, 'speedtest', {
    namespace: 'speedtest', image: 'miguelndecarvalho/speedtest-exporter:v3.5.4', ports: [{ name: 'metrics', port: 9798 }],
    allowFrom: [{ namespace: 'monitoring' }], egress: 'any',
  });
  object(c, 'speedtest-monitor', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'speedtest', namespace: 'speedtest' },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'speedtest' } }, endpoints: [{ port: 'metrics', interval: '5m', scrapeTimeout: '2m' }], ...changes.monitor },
  });
  object(c, 'speedtest-rules', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'speedtest', namespace: 'speedtest' }, spec: changes.rules ?? RULES,
  });
  object(c, 'speedtest-dashboard', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'speedtest-dashboard', namespace: 'monitoring', labels: changes.dashboard?.labels ?? { grafana_dashboard: '1' } },
    data: changes.dashboard?.data ?? { 'speedtest.json': DASHBOARD },
  });
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => aboutTheLab(synthOf(changes).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);

describe('the lab written the obvious way', () => {
  const result = synthOf();

  test('synthesizes with no finding', () => {
    expect(aboutTheLab(result.findings)).toEqual([]);
  });

  testWhen(schemasMissing())('every object passes the upstream schemas', () => {
    expect(result.findings.filter((f) => f.layer === 'schema')).toEqual([]);
  });
});

/** An alert rule of the speed test with `change` made to it. */
const rule = (change: Record<string, unknown>): Changes => ({ rules: { groups: [{ name: 'speedtest', rules: [{ ...RULES.groups[0].rules[0], ...change }] }] } });
/** Alertmanager's routes and receivers written through addValues, in place of alertReceiver. */
const alerting = (config: Record<string, unknown>): Changes => ({ stack: { alertReceiver: undefined }, stackValues: { alertmanager: { config } } });
const WATCHDOG = { receiver: 'null', matchers: ['alertname = "Watchdog"'] };

const MISTAKES: Array<[string, Changes, string[]]> = [
  ["the monitor selecting compose's app label", { monitor: { selector: { matchLabels: { app: 'speedtest' } } } }, [
    "error main/speedtest-monitor spec.selector: selects no Service in namespace speedtest ({\"matchLabels\":{\"app\":\"speedtest\"}}), the only place it looks: Prometheus would scrape nothing | match the labels of the Services to scrape; those of namespace speedtest: speedtest {\"app.kubernetes.io/name\":\"speedtest\"}",
  ]],
  ["the monitor selecting another namespace's app", { monitor: { selector: { matchLabels: { 'app.kubernetes.io/name': 'gatus' } } } }, [
    "error main/speedtest-monitor spec.selector: selects no Service in namespace speedtest ({\"matchLabels\":{\"app.kubernetes.io/name\":\"gatus\"}}), the only place it looks: Prometheus would scrape nothing | a Service of namespace gatus matches (gatus): put the ServiceMonitor in namespace gatus, or look there from here: namespaceSelector: { matchNames: ['gatus'] }",
  ]],
  ["the monitor's endpoint naming the container's port by a name the container does not give it", { monitor: { endpoints: [{ targetPort: 'web', interval: '5m', scrapeTimeout: '2m' }] } }, [
    'error main/speedtest-monitor spec.endpoints[0].targetPort: targetPort "web" is no container port of the pods behind the selected targets (Deployment speedtest/speedtest): '
      + "the Prometheus operator keeps only the targets of that container port, so Prometheus would scrape nothing | name one of their container ports ('metrics'), or name the Service's port instead: port: '<name>' (targetPort is deprecated)",
  ]],
  ['smartctl_exporter run as a Deployment, as a single-host guide runs it', { apps: { 'smartctl-exporter': { controller: AppController.deployment() } } }, [
    "warning main/smartctl-exporter controller: smartctl_exporter reads its node's disks, and as a Deployment of one pod it runs on one of the cluster's 2 nodes, whichever the scheduler picks: the others are never read"
      + ' | run it on every node: controller: AppController.daemonSet(); or, for one node, place it there: placement: { host: <host> }',
  ]],
  ['a scrape timeout longer than its interval', { monitor: { endpoints: [{ port: 'metrics', interval: '1m', scrapeTimeout: '2m' }] } }, [
    "error main/speedtest-monitor spec.endpoints[0].scrapeTimeout: scrapeTimeout 2m is longer than the scrape interval 1m: the Prometheus operator rejects the ServiceMonitor and scrapes none of its endpoints (\"scrapeTimeout greater than scrapeInterval\") | give a timeout no longer than the interval (scrapeTimeout: '1m' at most), or a longer interval (interval: '2m')",
  ]],
  ['a range in minutes as Grafana writes them', rule({ expr: 'avg_over_time(speedtest_download_bits_per_second[30min]) < 50e6' }), [
    "error main/speedtest-rules spec.groups[0].rules[0].expr: expr \"avg_over_time(speedtest_download_bits_per_second[30min]) < 50e6\" is no PromQL: [30min] is no range: write a duration, units largest first (5m, 1h30m, 7d), or a subquery [1h:5m]; the Prometheus operator's webhook refuses the PrometheusRule | write the query as Prometheus' expression browser takes it, e.g. sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) > 1",
  ]],
  ['the query quoted twice', rule({ expr: '"avg_over_time(speedtest_download_bits_per_second[30m]) < 50e6"' }), [
    "error main/speedtest-rules spec.groups[0].rules[0].expr: expr \"avg_over_time(speedtest_download_bits_per_second[30m]) < 50e6\" is a string literal, the query in quotes: it parses, but Prometheus evaluates it to a string, not a vector, so the rule fails at every evaluation (\"rule result is not a vector or scalar\") and never fires | write the query without the quotes around it: expr: 'avg_over_time(speedtest_download_bits_per_second[30m]) < 50e6'",
  ]],
  ['a route to a receiver never defined', alerting({ route: { receiver: 'ntfy', routes: [WATCHDOG] }, receivers: [{ name: 'null' }, { name: 'pager', webhook_configs: [{ url: 'http://ntfy.ntfy:8080/alerts' }] }] }), [
    "error main/platform/installs/kube-prometheus-stack addValues.alertmanager.config.route.receiver: the route sends alerts to receiver \"ntfy\", which the configuration does not define: Alertmanager refuses the whole configuration | the receivers are 'null', 'pager'; name one of them, or define \"ntfy\" under alertmanager.config.receivers",
  ]],
  ['a Discord webhook written into the values', alerting({ route: { receiver: 'discord', routes: [WATCHDOG] }, receivers: [{ name: 'null' }, { name: 'discord', discord_configs: [{ webhook_url: 'https://discord.com/api/webhooks/1234567890/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab' }] }] }), [
    "error main/platform/installs/kube-prometheus-stack values.alertmanager.config.receivers[1].discord_configs[0].webhook_url: holds a Discord webhook URL, whose path is its credential; a secret would be committed in the clear | keep the value in a SealedSecret, a SopsSecret or an ExternalSecret and give the chart its name: most charts read one through a value such as existingSecret or *.secretName (see the chart's values.yaml)",
  ]],
  ["Prometheus' retention as text", { stack: { retention: '15 days' } }, [
    "error main/platform components.kube-prometheus-stack.retention: retention \"15 days\" is no Prometheus duration, which the Prometheus CRD refuses | write a number and a unit, largest unit first: '15d', '2w', '12h'",
  ]],
  ['the receiver URL with its token as text', { stack: { alertReceiver: { kind: 'webhook', url: 'https://ntfy.sh/lab-alerts?auth=QmFzaWMgZG9lOnNlY3JldA' as never } } }, [
    "error main/platform components.kube-prometheus-stack.alertReceiver.url: alertReceiver.url is text of 54 characters, not a SecretReference (sealedSecret.key('…'), SecretReference.external(…)) | a secret written as text would be committed in the clear: seal it into a SealedSecret (kubeseal --raw) or a SopsSecret and pass its key, sealedSecret.key('<key>'), or name a Secret made outside the repository: SecretReference.external('<namespace>', '<secret>', '<key>')",
  ]],
  ['ntfy as the receiver kind', { stack: { alertReceiver: { kind: 'ntfy' as never, url: SecretReference.external('monitoring', 'alert-webhook', 'url') } } }, [
    "error main/platform components.kube-prometheus-stack.alertReceiver.kind: alertReceiver.kind \"ntfy\" is no receiver this stack writes | use one of webhook, slack, discord, msteams; 'webhook' is Alertmanager's generic format",
  ]],
  ["Promtail pushing to Loki's Service by its URL's scheme, on port 80, which Loki's gateway serves", { promtailConfig: PROMTAIL.replace('http://loki.monitoring:3100/', 'http://loki.monitoring/') }, [
    "error main/promtail-config data.promtail.yaml: ConfigMap promtail's promtail.yaml calls Service loki.monitoring on port 80, the port of its URL's scheme (the URL names none), which the Service its platform component's chart makes does not serve: every connection would be refused"
      + ' | Service loki.monitoring serves 3100 (http-metrics), 9095 (grpc): call one of these, written after the host in the URL; port 80 is served by loki-gateway.monitoring',
  ]],
  ["Loki's retention in words", { loki: { retention: '2 weeks' } }, [
    "error main/platform components.loki.retention: retention \"2 weeks\" is no Prometheus duration, which Loki refuses | write retention: '14d'",
  ]],
  ["Promtail given the node's /var/log/containers alone", { apps: { promtail: { persistence: {
    config: { volume: AppVolume.configMap('promtail'), mountPath: '/etc/promtail' }, pods: { volume: AppVolume.hostPath('/var/log/containers'), mountPath: '/var/log/containers', readOnly: true },
    positions: { volume: AppVolume.emptyDir(), mountPath: '/run/promtail' },
  } } } }, [
    "error main/promtail persistence.pods.volume: the app mounts the node's /var/log/containers without /var/log/pods: each log there is a link into /var/log/pods, which the container does not have, so a log shipper finds only broken links and sends nothing | mount the folder the links point into at the same path: persistence: { pods: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true } }, beside pods",
  ]],
  ['Promtail not run as root', { apps: { promtail: { exemptions: { hostPath: "reads the logs of its node's pods" } } } }, [
    "error main/promtail persistence.pods.volume: the app mounts the node's logs but runs as a user other than root: the container runtime leaves each container's log readable by root alone (mode 0640), so a log shipper reads none of them and sends nothing | run it as root, which reads them with every capability dropped: exemptions: { runAsRoot: 'reads the container logs of the node, which only root may read' } beside its hostPath exemption",
  ]],
  ['smartctl_exporter without its privilege', { apps: { 'smartctl-exporter': { exemptions: { runAsRoot: 'smartctl reads the disks as root' } } } }, [
    "error main/smartctl-exporter image: the main container runs smartctl_exporter, which reads each disk's SMART data through its device node, and the container is given no disk: it finds no device and reports no disk, so no disk alert would ever fire | run it privileged as root, as its chart does, so it sees every disk of the node: exemptions: { privileged: 'reads the SMART data of the node\\'s disks', runAsRoot: 'opens the disks\\' device nodes' }; or give it each disk, devices: [AppDevice.hostDevice('/dev/sda')], with exemptions.hostPath, runAsRoot and addCapabilities SYS_RAWIO (SATA) and SYS_ADMIN (NVMe)",
  ]],
  ["ntfy's token in Gatus' configuration", { gatusConfig: GATUS.replace('    topic: lab\n', '    topic: lab\n    token: tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2\n') }, [
    "error main/gatus-config data.config.yaml: the file \"config.yaml\" sets token on line 9, and a ConfigMap is committed in the clear | leave the value out of the file: most programs read it from an environment variable or a file of its own (a Secret's key, mounted), or fill it in from one at start-up",
  ]],
  ["the metrics port by its number", { apps: { gatus: { metrics: { port: 8080 as never } } } }, [
    "error main/gatus metrics.port: metrics.port is the number 8080, where it names the app's port that serves metrics | write the name of port 8080: metrics: { port: 'http' }",
  ]],
  ['the dashboard without the sidecar\'s label', { dashboard: { labels: {} } }, [
    "error main/speedtest-dashboard metadata.labels: holds a Grafana dashboard (speedtest.json) that no pod mounts, and has no label grafana_dashboard: the dashboard sidecar of kube-prometheus-stack's Grafana loads only ConfigMaps labelled grafana_dashboard: '1', so the dashboard would never show | label it as the sidecar watches for, in any namespace: labels: { grafana_dashboard: '1' }",
  ]],
  ['a dashboard exported for sharing externally', { dashboard: { data: { 'speedtest.json': JSON.stringify({ __inputs: [{ name: 'DS_PROMETHEUS', type: 'datasource' }], title: 'Speed', uid: 'sp', panels: [{ datasource: '${DS_PROMETHEUS}' }] }) } } }, [
    "error main/speedtest-dashboard data.speedtest.json: uses the data source input ${DS_PROMETHEUS} of a dashboard exported for sharing externally: Grafana's provisioning fills in no inputs, so every panel of it shows \"Datasource ${DS_PROMETHEUS} was not found\" | write the data source's uid in place of ${DS_PROMETHEUS} (prometheus for the stack's Prometheus), or export the dashboard again without \"Export for sharing externally\"",
  ]],
];
/** Mistakes that only the upstream schemas of the monitoring CRDs answer. */
const SCHEMA_MISTAKES: Array<[string, Changes, string[]]> = [
  ["the monitor's port by its number", { monitor: { endpoints: [{ port: 9798, interval: '5m', scrapeTimeout: '2m' }] } }, [
    "error main/speedtest-monitor spec.endpoints[0].port: must be string (got 9798) | see the monitoring.coreos.com/v1 ServiceMonitor schema; the API server rejects this object as written",
  ]],
  ["an alert's for in words", rule({ for: '30 minutes' }), [
    "error main/speedtest-rules spec.groups[0].rules[0].for: must match pattern ^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$ (got \"30 minutes\") | see the monitoring.coreos.com/v1 PrometheusRule schema; the API server rejects this object as written",
  ]],
];

describe('a first monitoring lab', () => {
  test.each(MISTAKES)('%s is one finding', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });

  test("the monitor's endpoint naming the container's port by its number, which the container has, is no finding", () => {
    expect(shown({ monitor: { endpoints: [{ targetPort: 9798, interval: '5m', scrapeTimeout: '2m' }] } })).toEqual([]);
  });

  testWhen(schemasMissing()).each(SCHEMA_MISTAKES)('%s is one finding', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});
