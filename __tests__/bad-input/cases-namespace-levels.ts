import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, raw } from './lab';

// What the API server refuses in the namespaces of a cluster that its own objects set up: a Service's
// external IPs, and the limits a LimitRange puts on the containers of its namespace.

/** The lab's web Deployment with a Service in front of it whose spec takes `extra`. */
const serviceWith = (extra: Record<string, unknown>) => (cluster: ClusterChart) => {
  raw(cluster, 'workload', goodDeployment());
  raw(cluster, 'svc', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...extra },
  });
};

export const CASES: BadInput[] = [
  // Service externalIPs: ValidateService takes single addresses that are not special.
  { name: 'a Service external IP that is a name', build: serviceWith({ externalIPs: ['nas.lab'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[0]' },
  { name: 'a Service external IP written as a block', build: serviceWith({ externalIPs: ['10.0.8.0/24'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[0]' },
  { name: 'a Service external IP in the loopback range', build: serviceWith({ externalIPs: ['10.0.8.20', '127.0.0.1'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[1]' },
  { name: 'a Service external IP in the IPv6 link-local range', build: serviceWith({ externalIPs: ['fe80::1'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[0]' },
];
