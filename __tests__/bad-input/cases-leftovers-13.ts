import { ApiObject } from 'cdk8s';
import { App, declareExternal, hostPlacement, kubePrometheusStack } from '../../constructs';
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
