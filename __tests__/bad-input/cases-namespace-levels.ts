import { App, Tenant } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw } from './lab';

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

/** A Container LimitRange `lr` in namespace `web` with these bounds and defaults. */
const limitRange = (cluster: ClusterChart, limit: Record<string, unknown>) => raw(cluster, 'lr', {
  apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'web' }, spec: { limits: [{ type: 'Container', ...limit }] },
});
/** The lab's hello app (50m CPU request, 512Mi memory limit, no CPU limit) in namespace `web` unless `props` say otherwise. */
const helloApp = (cluster: ClusterChart, props: Record<string, unknown> = {}) =>
  new App(cluster, 'hello', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);

export const CASES: BadInput[] = [
  // Service externalIPs: ValidateService takes single addresses that are not special.
  { name: 'a Service external IP that is a name', build: serviceWith({ externalIPs: ['nas.lab'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[0]' },
  { name: 'a Service external IP written as a block', build: serviceWith({ externalIPs: ['10.0.8.0/24'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[0]' },
  { name: 'a Service external IP in the loopback range', build: serviceWith({ externalIPs: ['10.0.8.20', '127.0.0.1'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[1]' },
  { name: 'a Service external IP in the IPv6 link-local range', build: serviceWith({ externalIPs: ['fe80::1'] }), layer: 'schema', path: 'svc', field: 'spec.externalIPs[0]' },
  // LimitRange bounds: the LimitRanger admission refuses pods whose containers are outside min/max.
  {
    name: 'a LimitRange maximum of memory below the app\'s memory limit',
    build: (c) => { limitRange(c, { max: { memory: '256Mi' } }); helloApp(c); },
    layer: 'references', path: 'hello', field: 'resources.memoryLimit', hint: /resources\.memoryLimit.*LimitRange web\/lr/,
  },
  {
    name: 'a LimitRange default CPU limit below the app\'s CPU request, which states no CPU limit',
    build: (c) => { limitRange(c, { default: { cpu: '25m' } }); helloApp(c); },
    layer: 'references', path: 'hello', field: 'resources.cpuLimit', hint: /resources\.cpuLimit/,
  },
  {
    name: 'a LimitRange minimum of CPU above the app\'s CPU request',
    build: (c) => { limitRange(c, { min: { cpu: '100m' } }); helloApp(c); },
    layer: 'references', path: 'hello', field: 'resources.cpuRequest', hint: /resources\.cpuRequest/,
  },
  {
    name: 'a LimitRange maximum of CPU whose default limit, given to a raw container, sits below the request it states',
    build: (c) => {
      limitRange(c, { max: { cpu: '500m' } });
      raw(c, 'workload', goodDeployment('web', { containers: [{ ...goodContainer(), resources: { requests: { cpu: '800m', memory: '64Mi' }, limits: { memory: '128Mi' } } }] }));
    },
    layer: 'references', path: 'workload', field: 'spec.template.spec.containers[0].resources.requests.cpu',
  },
  {
    name: 'a memory limit under a tenant namespace\'s LimitRange minimum added beside the tenant\'s own',
    build: (c) => {
      const tenant = new Tenant(c, 'team', { namespace: 'team', owner: 'team', quota: { requestsMemory: '4Gi', limitsMemory: '8Gi', pods: 10 } });
      raw(c, 'floor', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'floor', namespace: 'team' }, spec: { limits: [{ type: 'Container', min: { memory: '1Gi' } }] } });
      helloApp(c, { namespace: 'team', labels: tenant.labels });
    },
    layer: 'references', path: 'hello', field: 'resources.memoryRequest', hint: /LimitRange team\/floor/,
  },
];
