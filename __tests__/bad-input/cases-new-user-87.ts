import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user builds a second observability stack from the README alone: VictoriaMetrics and vmagent scraping the
// cluster, Grafana Alloy shipping the pod logs. Each mistake synthesized clean and then kept the server from
// starting, from being reached, or from finding anything to scrape.

/** vmagent's scrape configuration, discovering the node-exporters through the Kubernetes API. */
const SCRAPE = 'scrape_configs:\n  - job_name: node-exporter\n    kubernetes_sd_configs:\n      - role: endpoints\n';

/** VictoriaMetrics on a claim in namespace `metrics`, `props` changed. */
const victoriaMetrics = (cluster: ClusterChart, props: Partial<AppProps> = {}) => new App(cluster, 'victoria-metrics', {
  namespace: 'metrics', image: 'victoriametrics/victoria-metrics:v1.106.1', controller: AppController.statefulSet(),
  args: ['-retentionPeriod=90d', '-storageDataPath=/storage'], ports: [{ name: 'http', port: 8428 }],
  persistence: { storage: { volume: AppVolume.claim({ tier: 'local', size: '20Gi' }), mountPath: '/storage' } },
  ...props,
});

/** vmagent writing to `victoria-metrics`, with its scrape configuration, its queue and its ServiceAccount; `props` changed. */
const vmagent = (cluster: ClusterChart, props: Partial<AppProps> = {}) => {
  new ApiObject(cluster, 'vmagent-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vmagent', namespace: 'metrics' }, data: { 'scrape.yml': SCRAPE } });
  return new App(cluster, 'vmagent', {
    namespace: 'metrics', image: 'victoriametrics/vmagent:v1.106.1', ports: [{ name: 'http', port: 8429 }],
    args: ['-promscrape.config=/etc/vmagent/scrape.yml', '-remoteWrite.url=http://victoria-metrics:8428/api/v1/write', '-remoteWrite.tmpDataPath=/queue'],
    persistence: {
      config: { volume: AppVolume.configMap('vmagent'), mountPath: '/etc/vmagent' },
      queue: { volume: AppVolume.emptyDir({ sizeLimit: '1Gi' }), mountPath: '/queue' },
    },
    serviceAccount: { reason: 'discovers the scrape targets', clusterRules: [{ apiGroups: [''], resources: ['endpoints', 'services', 'pods'], verbs: ['get', 'list', 'watch'] }] },
    ...props,
  });
};

/** The two, VictoriaMetrics admitting vmagent unless `admitted` is false; `agent` changes vmagent's props. */
const metricsStack = (agent: Partial<AppProps>, admitted = true) => guarded((cluster: ClusterChart) => {
  const server = victoriaMetrics(cluster);
  const writer = vmagent(cluster, agent);
  if (admitted) {
    server.addAllowFrom(writer);
  }
});

export const CASES: BadInput[] = [
  {
    name: 'Grafana Alloy as a DaemonSet with its port declared but run without --server.http.listen-addr',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'alloy', {
      namespace: 'logs', image: 'grafana/alloy:v1.5.1', args: ['run', '/etc/alloy/config.alloy'], controller: AppController.daemonSet(),
      ports: [{ name: 'http', port: 12345 }],
      persistence: { pods: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true } },
      exemptions: { hostPath: 'reads the pod logs of the node', runAsRoot: 'the pod logs are readable by root alone' },
    })),
    layer: 'props', path: 'alloy', field: 'args', hint: /'--server\.http\.listen-addr=0\.0\.0\.0:12345'/,
  },
  {
    name: "VictoriaMetrics' retention written as 90days",
    build: guarded((cluster: ClusterChart) => victoriaMetrics(cluster, { args: ['-retentionPeriod=90days', '-storageDataPath=/storage'] })),
    layer: 'props', path: 'victoria-metrics', field: 'args[0]', hint: /-retentionPeriod=90d$/,
  },
  {
    name: 'vmagent run on its read-only root without -remoteWrite.tmpDataPath or a volume for its queue',
    build: metricsStack({
      args: ['-promscrape.config=/etc/vmagent/scrape.yml', '-remoteWrite.url=http://victoria-metrics:8428/api/v1/write'],
      persistence: { config: { volume: AppVolume.configMap('vmagent'), mountPath: '/etc/vmagent' } },
    }),
    layer: 'props', path: 'vmagent', field: 'image', hint: /-remoteWrite\.tmpDataPath/,
  },
  {
    name: 'vmagent discovering its targets through the Kubernetes API without a serviceAccount',
    build: metricsStack({ serviceAccount: undefined }),
    layer: 'references', path: 'vmagent', field: /serviceAccount/, hint: /serviceAccount: \{ reason: .*'endpoints', 'services', 'pods'/,
  },
  {
    name: 'vmagent remote-writing to a VictoriaMetrics whose policy does not admit it',
    build: metricsStack({}, false),
    layer: 'policy', path: 'vmagent', field: 'args[1]', hint: /allowFrom: \[vmagent\] on victoria-metrics/,
  },
];
