import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, declareExternal, hostPlacement, kubePrometheusStack } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp } from './lab';

// An App's `metrics` on a cluster without prometheus-operator is one error on the prop, naming the component
// to add: the monitor it asks for would have no CRD, and leaving it out hides that nothing scrapes the app.
export const CASES: BadInput[] = [
  {
    name: 'metrics of an App on a cluster without prometheus-operator',
    build: (cluster: ClusterChart) => labApp('web', { ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }], metrics: { port: 'metrics' } })(cluster),
    layer: 'references', path: 'web', field: 'metrics', hint: /kubePrometheusStack\(/,
  },
];

/** A monitor of `kind` written by hand beside an App `web` with a `metrics` port, on a cluster with kube-prometheus-stack. */
const monitor = (kind: 'ServiceMonitor' | 'PodMonitor', endpoint: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9113 }] });
  const endpoints = kind === 'ServiceMonitor' ? { endpoints: [{ port: 'metrics', ...endpoint }] } : { podMetricsEndpoints: [{ port: 'metrics', ...endpoint }] };
  new ApiObject(cluster, 'sm', {
    apiVersion: 'monitoring.coreos.com/v1', kind, metadata: { name: 'web', namespace: 'web' },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, ...endpoints },
  });
});

// A token or key written as a query parameter of a monitor's scrape is committed in the clear: an error on the
// parameter, hinting at the endpoint's credentials from a Secret.
CASES.push(
  {
    name: "a token in a ServiceMonitor endpoint's params",
    build: monitor('ServiceMonitor', { params: { format: ['prometheus'], token: ['q7Vd93kLmZp2Xw'] } }),
    layer: 'policy', path: 'sm', field: 'spec.endpoints[0].params.token[0]', hint: /authorization: \{ type: 'Bearer', credentials/,
  },
  {
    name: "an API key in a PodMonitor endpoint's params",
    build: monitor('PodMonitor', { params: { apikey: ['c2VjcmV0a2V5MTIz'] } }),
    layer: 'policy', path: 'sm', field: 'spec.podMetricsEndpoints[0].params.apikey[0]', hint: /authorization: \{ type: 'Bearer', credentials/,
  },
);

// A backup tool run as root with every capability dropped reads only what a file's mode lets any user read: the
// 0700 folders of the apps whose claim it backs up fail. One error on its runAsRoot, with the apps' user or the one
// capability that reads every file as the hint.
const backup = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, 'backup', {
  image: 'restic/restic:0.17.1', args: ['backup', '/data'], controller: AppController.cronJob({ schedule: '0 3 * * 0' }),
  persistence: { data: { volume: AppVolume.existingClaim('web-data'), mountPath: '/data', readOnly: true } },
  ...props,
} as ConstructorParameters<typeof App>[2]));
CASES.push(
  {
    name: "restic run as root with every capability dropped to back up an app's claim",
    build: backup({ exemptions: { runAsRoot: 'restic reads the files of every app on the claim' } }),
    layer: 'props', path: 'backup', field: 'exemptions.runAsRoot', hint: /capabilities: \['DAC_READ_SEARCH'\]/,
  },
  {
    name: 'rsync run as root in a sidecar of a backup, every capability dropped',
    build: backup({
      image: 'alpine:3.20', args: ['sleep', '1'],
      persistence: { data: { volume: AppVolume.existingClaim('web-data'), mountPath: '/data', readOnly: true, containers: ['copy'] } },
      containers: [{ name: 'copy', image: 'alpine:3.20', command: ['rsync', '-a', '/data/', '/backup/'], exemptions: { runAsRoot: 'rsync reads every file' } }],
    }),
    layer: 'props', path: 'backup', field: 'containers[0].exemptions.runAsRoot', hint: /leave containers\[0\]\.exemptions\.runAsRoot out/,
  },
);

/** A component written by hand as a JavaScript user writes it, outside the type checker, with `props` over a good one. */
const handWritten = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => cluster.platform.require({
  name: 'demo', namespace: 'demo', description: 'a demo chart', network: { noNetworkPolicy: 'a demo' }, resources: { chartDefault: 'a demo' },
  ...props,
} as never));
const DEMO_CHART = { repository: 'https://charts.example.com', chart: 'demo', version: '1.2.3' };

// A component written by hand whose install lacks a key the engines read, or whose props have a key of another
// form, is an error on that key of `components.<name>`, not a failure of the code that renders the install, the
// README or the checks that read its lists.
CASES.push(
  {
    name: 'a hand-written Helm component without install.values',
    build: handWritten({ install: { type: 'helm', chart: DEMO_CHART } }),
    layer: 'props', path: 'platform', field: 'components.demo.install.values', hint: /values: \{\}/,
  },
  {
    name: 'a hand-written Helm component whose values are --set pairs',
    build: handWritten({ install: { type: 'helm', chart: DEMO_CHART, values: ['replicaCount=2'] } }),
    layer: 'props', path: 'platform', field: 'components.demo.install.values', hint: /values: \{ replicaCount: 2 \}/,
  },
  {
    name: 'a hand-written manifests component without its files',
    build: handWritten({ install: { type: 'manifests', repository: 'https://github.com/example/demo.git', tag: 'v1.0.0', path: 'deploy' } }),
    layer: 'props', path: 'platform', field: 'components.demo.install.files', hint: /files: \['install\.yaml'\]/,
  },
  {
    name: 'a hand-written component installed with Kustomize',
    build: handWritten({ install: { type: 'kustomize', path: 'deploy' } }),
    layer: 'props', path: 'platform', field: 'components.demo.install.type', hint: /type: 'helm'/,
  },
  {
    name: 'a hand-written component without a description',
    build: handWritten({ description: undefined, install: { type: 'helm', chart: DEMO_CHART, values: {} } }),
    layer: 'props', path: 'platform', field: 'components.demo.description', hint: /description: '/,
  },
  {
    name: 'a hand-written component whose dependsOn is one name, not a list',
    build: handWritten({ dependsOn: 'traefik', install: { type: 'helm', chart: DEMO_CHART, values: {} } }),
    layer: 'props', path: 'platform', field: 'components.demo.dependsOn', hint: /\['traefik'\]/,
  },
  {
    name: 'a hand-written component whose CRD group lists no kinds',
    build: handWritten({ crds: [{ group: 'demo.example.com' }], install: { type: 'helm', chart: DEMO_CHART, values: {} } }),
    layer: 'props', path: 'platform', field: 'components.demo.crds[0].kinds', hint: /kinds: \['Widget'\]/,
  },
  {
    name: 'a hand-written component without a namespace',
    build: handWritten({ namespace: undefined, install: { type: 'helm', chart: DEMO_CHART, values: {} } }),
    layer: 'props', path: 'platform', field: 'components.demo.namespace', hint: /namespace: 'demo'/,
  },
);
