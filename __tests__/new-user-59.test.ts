import { ApiObject, App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import * as library from '../constructs';
import {
  App, AppController, AppVolume, cilium, ciliumLoadBalancer, ciliumOnTalos, ClusterChart, declareExternal, flux, gatewayApi, host,
  hostPlacement, kubePrometheusStack, localPathStorage, loki, site, talos,
} from '../constructs';
import type { Finding } from '../constructs';
import { guarded } from './bad-input/lab';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A new user's monitored home lab, from the README alone: three Talos nodes with Flux, kube-prometheus-stack with
// values added (Alertmanager to Telegram and ntfy, Grafana with a Loki data source and dashboards from ConfigMaps),
// Loki with Promtail, monitors and rules of their own apps, blackbox probes of their routes, the disks' SMART data,
// the UPS through NUT and the router through SNMP, Uptime Kuma and Gatus.

const n1 = host('talos-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.59.11', memoryGigabytes: 32, cores: 8 });
const n2 = host('talos-2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.59.12', memoryGigabytes: 32, cores: 8 });
const n3 = host('talos-3', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.59.13', memoryGigabytes: 32, cores: 8 });
const lab = site('watched', {
  domain: 'watched.example', hosts: [n1, n2, n3], git: { url: 'https://github.com/jdoe/home-ops.git' },
  pools: { lb: { first: '192.168.59.200', last: '192.168.59.220' } },
});

/** The Alertmanager configuration the user writes: critical alerts to Telegram, the rest to ntfy, the heartbeat to null. */
const ALERTMANAGER_CONFIG = {
  route: {
    receiver: 'ntfy', group_by: ['alertname', 'namespace'], group_wait: '30s', group_interval: '5m', repeat_interval: '12h',
    routes: [
      { receiver: 'null', matchers: ['alertname = "Watchdog"'] },
      { receiver: 'telegram', matchers: ['severity = "critical"'] },
    ],
  },
  receivers: [
    { name: 'null' },
    { name: 'ntfy', webhook_configs: [{ url_file: '/etc/alertmanager/secrets/alert-urls/ntfy' }] },
    { name: 'telegram', telegram_configs: [{ bot_token_file: '/etc/alertmanager/secrets/alert-urls/telegram-token', chat_id: -1001234567890, parse_mode: 'HTML' }] },
  ],
};

/** The lab, with `extra` added to its cluster. */
function monitoredLab(scope: CdkApp, extra: (cluster: ClusterChart) => void = () => undefined): void {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [n1, n2, n3],
    preinstalled: [talos({ bootstrapNode: n1, allowSchedulingOnControlPlanes: true, clusterEndpoint: '192.168.59.10' })],
    cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium',
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['enp1s0'] }),
    routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('192.168.59.200') }),
    storage: { fast: localPathStorage() },
    gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }, { namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'monitoring', name: 'alert-urls' }] });
  const stack = cluster.platform.require(kubePrometheusStack({
    placement: hostPlacement(n1), grafanaAdminSecret: 'grafana-admin', retention: '30d',
  }));
  stack.addValues({
    alertmanager: { config: ALERTMANAGER_CONFIG, alertmanagerSpec: { secrets: ['alert-urls'] } },
    grafana: { additionalDataSources: [{ name: 'Loki', type: 'loki', access: 'proxy', url: 'http://loki-gateway.monitoring.svc' }] },
  });
  cluster.platform.require(loki({ placement: hostPlacement(n2), storageClass: 'local-path', retention: '14d' }));
  new App(cluster, 'promtail', {
    namespace: 'logs', image: 'grafana/promtail:3.0.0', args: ['-config.file=/etc/promtail/promtail.yaml'], controller: AppController.daemonSet(),
    ports: [{ name: 'http', port: 3101 }], metrics: { port: 'http' }, egress: [{ namespace: 'monitoring' }],
    persistence: { pods: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true } },
    exemptions: { hostPath: 'reads the pod logs of the node', runAsRoot: 'the pod logs are readable by root alone' },
  });
  new App(cluster, 'wiki', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }],
    route: { host: 'wiki' }, allowFrom: [{ namespace: 'monitoring' }],
  });
  new ApiObject(cluster, 'wiki-monitor', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'wiki', namespace: 'wiki', labels: { release: 'kube-prometheus-stack' } },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'wiki' } }, endpoints: [{ port: 'metrics', interval: '30s', scrapeTimeout: '10s' }] },
  });
  new ApiObject(cluster, 'wiki-rules', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'wiki', namespace: 'wiki', labels: { release: 'kube-prometheus-stack' } },
    spec: { groups: [{ name: 'wiki', rules: [{ alert: 'WikiDown', expr: 'up{job="wiki"} == 0', for: '5m', labels: { severity: 'critical' }, annotations: { summary: 'Wiki {{ $labels.instance }} is down' } }] }] },
  });
  new App(cluster, 'blackbox', {
    namespace: 'exporters', image: 'quay.io/prometheus/blackbox-exporter:v0.26.0', ports: [{ name: 'http', port: 9115 }], allowFrom: [{ namespace: 'monitoring' }],
    egress: [{ cidr: '192.168.59.200/32', ports: [{ port: 443 }] }],
  });
  new ApiObject(cluster, 'wiki-probe', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'Probe', metadata: { name: 'wiki', namespace: 'monitoring' },
    spec: { prober: { url: 'blackbox.exporters.svc:9115' }, module: 'http_2xx', interval: '60s', scrapeTimeout: '15s', targets: { staticConfig: { static: ['https://wiki.watched.example'] } } },
  });
  new ApiObject(cluster, 'wiki-dashboard', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wiki-dashboard', namespace: 'monitoring', labels: { grafana_dashboard: '1' } },
    data: { 'wiki.json': JSON.stringify({ title: 'Wiki', uid: 'wiki', panels: [], schemaVersion: 39 }) },
  });
  new App(cluster, 'smartctl', {
    namespace: 'exporters', image: 'quay.io/prometheuscommunity/smartctl-exporter:v0.13.0', controller: AppController.daemonSet(),
    ports: [{ name: 'metrics', port: 9633 }], metrics: { port: 'metrics' },
    exemptions: { privileged: "reads the SMART data of the node's disks", runAsRoot: "opens the disks' device nodes" },
  });
  new App(cluster, 'nut-exporter', {
    namespace: 'exporters', image: 'ghcr.io/druggeri/nut_exporter:3.1.1', ports: [{ name: 'metrics', port: 9199 }], metrics: { port: 'metrics' },
    env: { NUT_EXPORTER_SERVER: '192.168.59.5' }, egress: [{ cidr: '192.168.59.5/32', ports: [{ port: 3493 }] }],
  });
  new App(cluster, 'snmp-exporter', {
    namespace: 'exporters', image: 'quay.io/prometheus/snmp-exporter:v0.28.0', ports: [{ name: 'http', port: 9116 }], metrics: { port: 'http' },
    egress: [{ cidr: '192.168.59.1/32', ports: [{ port: 161, protocol: 'UDP' }] }],
  });
  extra(cluster);
}

const findingsOf = (extra?: (cluster: ClusterChart) => void): Finding[] => aboutTheLab(synthInMemory((scope) => monitoredLab(scope as CdkApp, extra)).findings);
const shown = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message}`);

test('the monitored lab synthesizes with no finding', () => {
  expect(shown(findingsOf())).toEqual([]);
});

test('what it writes runs: the receivers reach Alertmanager, Promtail reads the pod logs as root, Prometheus reaches the exporter', () => {
  const objects = manifestsOf(synthInMemory((scope) => monitoredLab(scope as CdkApp)), 'watched/main');
  const release = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'kube-prometheus-stack');
  expect(release.spec.values.alertmanager.config.receivers.map((r: { name: string }) => r.name)).toEqual(['null', 'ntfy', 'telegram']);
  expect(release.spec.values.alertmanager.alertmanagerSpec.secrets).toEqual(['alert-urls']);
  const promtail = objects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'promtail').spec.template.spec;
  expect(promtail.volumes.map((v: { hostPath?: { path: string } }) => v.hostPath?.path)).toContain('/var/log/pods');
  expect(promtail.containers[0].securityContext.runAsUser ?? promtail.securityContext.runAsUser).toBe(0);
  // The cluster's policies are Cilium's: the wiki's admits the monitoring namespace on the exporter's port.
  const wiki = objects.find((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.namespace === 'wiki');
  const admitsMonitoring = wiki.spec.ingress.some((rule: { fromEndpoints?: Array<{ matchLabels: Record<string, string> }>; toPorts?: Array<{ ports: Array<{ port: string }> }> }) =>
    (rule.fromEndpoints ?? []).some((peer) => peer.matchLabels['k8s:io.kubernetes.pod.namespace'] === 'monitoring')
    && (rule.toPorts ?? []).some((to) => to.ports.some((p) => p.port === '9113')));
  expect(admitsMonitoring).toBe(true);
});

describe('Alertmanager values Alertmanager takes are left alone', () => {
  const withConfig = (change: (config: typeof ALERTMANAGER_CONFIG) => Record<string, unknown>) => findingsOf((cluster) => {
    cluster.platform.get('kube-prometheus-stack')!.addValues({ alertmanager: { config: change(ALERTMANAGER_CONFIG) } });
  });

  test('a root route that does not continue, a Telegram message in MarkdownV2 and a Pushover receiver read from files', () => {
    expect(shown(withConfig((config) => ({
      route: { ...config.route, continue: false },
      receivers: [
        ...config.receivers.slice(0, 2),
        { name: 'telegram', telegram_configs: [{ bot_token_file: '/etc/alertmanager/secrets/alert-urls/telegram-token', chat_id: -1001234567890, parse_mode: 'MarkdownV2', send_resolved: true }] },
        { name: 'pushover', pushover_configs: [{ user_key_file: '/etc/alertmanager/secrets/alert-urls/pushover-user', token_file: '/etc/alertmanager/secrets/alert-urls/pushover-token', priority: '1' }] },
      ],
    })))).toEqual([]);
  });

  test('a Probe on the prober address given as host and port with its scheme apart', () => {
    expect(shown(findingsOf((cluster) => new ApiObject(cluster, 'kuma-probe', {
      apiVersion: 'monitoring.coreos.com/v1', kind: 'Probe', metadata: { name: 'kuma', namespace: 'monitoring' },
      spec: { prober: { url: 'blackbox.exporters.svc:9115', scheme: 'http', path: '/probe' }, module: 'http_2xx', targets: { staticConfig: { static: ['https://status.watched.example'] } } },
    })))).toEqual([]);
  });
});

/**
 * The same kind of lab as plain JavaScript writes it, run without a type checker: the stack, Loki, Alloy shipping
 * the pod logs, Alertmanager to Pushover, and Uptime Kuma on a claim.
 */
const MONITORED_LAB_JS = `
const { App, AppController, AppVolume, ClusterChart, host, site, talos, cilium, ciliumOnTalos, ciliumLoadBalancer, gatewayApi, localPathStorage, flux,
  kubePrometheusStack, loki, hostPlacement, declareExternal } = lib;
const [t1, t2, t3] = ['11', '12', '13'].map((n, i) => host('js-' + (i + 1), { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.' + n }));
const lab = site('watched-js', {
  domain: 'js.watched.example', hosts: [t1, t2, t3], git: { url: 'https://github.com/jdoe/home-ops.git' },
  pools: { lb: { first: '192.168.60.200', last: '192.168.60.210' } },
});
const cluster = new ClusterChart(scope, 'main', {
  site: lab, hosts: [t1, t2, t3], preinstalled: [talos({ bootstrapNode: t1, allowSchedulingOnControlPlanes: true, clusterEndpoint: '192.168.60.10' })],
  cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium', loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['enp1s0'] }),
  routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('192.168.60.200') }), storage: { fast: localPathStorage() }, gitops: flux(),
});
declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }, { namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'monitoring', name: 'pushover' }] });
cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(t1), grafanaAdminSecret: 'grafana-admin', retention: '15d' })).addValues({
  alertmanager: {
    alertmanagerSpec: { secrets: ['pushover'] },
    config: {
      route: { receiver: 'pushover', group_by: ['alertname'], routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }] },
      receivers: [{ name: 'null' }, { name: 'pushover', pushover_configs: [{ user_key_file: '/etc/alertmanager/secrets/pushover/user', token_file: '/etc/alertmanager/secrets/pushover/token' }] }],
    },
  },
});
cluster.platform.require(loki({ placement: hostPlacement(t2), storageClass: 'local-path', retention: '30d' }));
new App(cluster, 'alloy', {
  image: 'grafana/alloy:v1.5.1', args: ['run', '--server.http.listen-addr=0.0.0.0:12345', '/etc/alloy/config.alloy'], controller: AppController.daemonSet(),
  ports: [{ name: 'http', port: 12345 }], egress: [{ namespace: 'monitoring' }],
  persistence: { pods: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true } },
  exemptions: { hostPath: 'reads the pod logs of the node', runAsRoot: 'the pod logs are readable by root alone' },
});
new App(cluster, 'uptime-kuma', {
  image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'], ports: [{ name: 'http', port: 3001 }], controller: AppController.statefulSet(),
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } }, route: { host: 'status' },
});
`;

test('the lab as plain JavaScript synthesizes with no finding', () => {
  // As runSynthCli runs a definition: what it throws is a finding, shown with the others.
  const define = guarded((scope: Construct) => new Function('lib', 'scope', MONITORED_LAB_JS)(library, scope));
  expect(shown(aboutTheLab(synthInMemory(define).findings))).toEqual([]);
});
