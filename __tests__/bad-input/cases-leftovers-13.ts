import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { labApp } from './lab';

// An App's `metrics` on a cluster without prometheus-operator is one error on the prop, naming the component
// to add: the monitor it asks for would have no CRD, and leaving it out hides that nothing scrapes the app.
export const CASES: BadInput[] = [
  {
    name: 'metrics of an App on a cluster without prometheus-operator',
    build: (cluster: ClusterChart) => labApp('web', { ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }], metrics: { port: 'metrics' } })(cluster),
    layer: 'references', path: 'web', field: 'metrics', hint: /kubePrometheusStack\(/,
  },
];
