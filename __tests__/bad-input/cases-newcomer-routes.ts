import type { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { buildFleet, HomelabApp, ServiceRoute } from '../../constructs';
import type { ClusterChart, ClusterDefinition } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab, labCluster } from './lab';

// Mistakes of a first lab with routes, addresses and several clusters, written from the README alone.
// A fleet built with buildFleet inside the define function skipped the checks runSynthCli gives a fleet
// it is returned: a chart written to another folder than its definition named was synthesized there.
const edge = (folder: string, id: string, extra: Partial<ClusterDefinition> = {}): ClusterDefinition => ({
  folder, source: `charts/${folder}.ts`,
  build: (site: Construct) => labCluster(site as unknown as CdkApp, id, { hosts: [gpu1], loadBalancer: undefined, storage: {} }),
  ...extra,
});
const fleet = (...clusters: ClusterDefinition[]) => guarded((_c: ClusterChart, app: CdkApp) => buildFleet(app, { clusters }));
const web = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) =>
  new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as any));
const serviceRoute = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) =>
  new ServiceRoute(cluster, 'grafana', { host: 'grafana', namespace: 'web', serviceName: 'grafana', port: 80, ...props }));

export const CASES: BadInput[] = [
  {
    name: 'buildFleet given a folder that is not the chart id',
    build: fleet(edge('lab/edge', 'edge-cluster')),
    // On the definition's folder, not on a construct: the chart's path starts with the folder as listed.
    layer: 'props', path: '(app)', field: 'clusters[0].folder', hint: /<site name>\/<chart id>.*folder: 'lab\/edge-cluster'/,
  },
  {
    name: 'buildFleet given a folder under another site name',
    build: fleet(edge('home/edge', 'edge')),
    layer: 'props', path: '(app)', field: 'clusters[0].folder', hint: /folder: 'lab\/edge'/,
  },
  // An object prop given one value: the hint writes the object, from the prop's own shape.
  {
    name: 'a route given as its host name',
    build: web({ route: 'www' }), layer: 'props', path: 'web', field: 'route', hint: /route: \{ host: 'www' \}/,
  },
  {
    name: 'routes given as a list to the one route prop',
    build: web({ route: [{ host: 'www' }, { host: 'blog' }] }), layer: 'props', path: 'web', field: 'route', hint: /write route: \{ host: 'www' \}, and add the further route with app\.addRoute\(\{ host: 'blog' \}\)/,
  },
  {
    name: 'a GPU asked for with true',
    build: web({ gpu: true }), layer: 'props', path: 'web', field: 'gpu', hint: /gpu: \{ vendor: 'nvidia' \}.*nvidia, amd or intel/,
  },
  {
    name: 'a load balancer given the name of its pool',
    build: web({ loadBalancer: 'vips' }), layer: 'props', path: 'web', field: 'loadBalancer', hint: /loadBalancer: \{ address: site\.pools\.<pool>\.at\(…\) \}/,
  },
  {
    name: 'metrics given as a port number',
    build: web({ metrics: 9090 }), layer: 'props', path: 'web', field: 'metrics', hint: /metrics: \{ port: … \}/,
  },
  {
    name: 'probes given as a health path',
    build: web({ probes: '/healthz' }), layer: 'props', path: 'web', field: 'probes', hint: /readiness, liveness, startup/,
  },
  // A required prop under another tool's longer or shorter name: one error, not also the prop missing.
  {
    name: 'a route host written as hostname',
    build: web({ route: { hostname: 'www' } }), layer: 'props', path: 'web', field: 'route.hostname', hint: /did you mean "host"/,
  },
  {
    name: 'a ServiceRoute Service written as service',
    build: guarded((cluster: ClusterChart) => new ServiceRoute(cluster, 'grafana', { host: 'grafana', namespace: 'monitoring', service: 'grafana', port: 80 } as any)),
    layer: 'props', path: 'grafana', field: 'service', hint: /did you mean "serviceName"/,
  },
  // A ServiceRoute's host is checked as an app's route host is, on the prop: it was found only on the
  // IngressRoute's match, with no hint of the name meant.
  {
    name: 'a ServiceRoute host with the port the UI listens on',
    build: serviceRoute({ host: 'grafana.lab.test:3000' }), layer: 'props', path: 'grafana', field: 'host', hint: /host: 'grafana\.lab\.test'/,
  },
  {
    name: 'a ServiceRoute host written as a URL',
    build: serviceRoute({ host: 'https://Grafana.lab.test/' }), layer: 'props', path: 'grafana', field: 'host', hint: /host: 'grafana\.lab\.test'/,
  },
  {
    name: 'a ServiceRoute host that is an IP address',
    build: serviceRoute({ host: '10.0.8.30' }), layer: 'props', path: 'grafana', field: 'host',
  },
  // A misspelt pool, without the type checker: it was a TypeError about reading `at` of undefined.
  {
    name: 'a load-balancer address from a misspelt pool',
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], loadBalancer: { address: (lab.pools as any).vip.at('10.0.8.15') },
    })),
    layer: 'props', path: 'main', field: 'pools.vip', hint: /did you mean "vips"/,
  },
];
