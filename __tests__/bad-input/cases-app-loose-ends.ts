import { ServiceRoute } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, labApp, raw } from './lab';

// Loose ends of an app: probe mistakes named on the probe props, routes named on their own props and
// reported once, and the container fields the API server or the node checks although the schema does not.

const CONTAINER = 'spec.template.spec.containers[0]';
const withContainer = (extra: Record<string, unknown>) => goodDeployment('web', { containers: [goodContainer(extra)] });

export const CASES: BadInput[] = [
  // Probes: the prop the user wrote, not the Deployment's field rendered from it.
  {
    name: 'readiness probe path without its leading slash',
    build: labApp('web', { probes: { readiness: { httpPath: 'healthz' } } }),
    layer: 'props', path: 'web', field: 'probes.readiness.httpPath', hint: /\/healthz/,
  },
  {
    name: 'readiness probe on a port the app does not have',
    build: labApp('web', { probes: { readiness: { tcp: true, port: 9999 } } }),
    layer: 'props', path: 'web', field: 'probes.readiness.port', hint: /8080/,
  },
  {
    name: 'liveness HTTP probe on a port the app does not have',
    build: labApp('web', { probes: { liveness: { httpPath: '/healthz', port: 9090 } } }),
    layer: 'props', path: 'web', field: 'probes.liveness.port', hint: /8080/,
  },
  {
    name: 'startup probe path without its leading slash',
    build: labApp('web', { probes: { startup: { httpPath: 'ready', failureThreshold: 30 } } }),
    layer: 'props', path: 'web', field: 'probes.startup.httpPath', hint: /\/ready/,
  },
  // Routes.
  {
    name: 'route path neither absolute nor free of a query string',
    build: guarded(labApp('web', { route: { host: 'web', path: 'search?q=1' } })),
    layer: 'props', path: 'web', field: 'route.path', hint: /give the path alone: \/search /,
  },
  {
    name: "ServiceRoute's wildcard host, which Traefik cannot express",
    build: guarded((c) => new ServiceRoute(c, 'grafana', { host: '*.grafana', namespace: 'monitoring', serviceName: 'grafana', port: 80 })),
    layer: 'references', path: 'grafana', field: 'host',
  },
  // Container fields the schema leaves open.
  {
    name: 'hand-written container port whose hostIP is no IP address',
    build: (c) => raw(c, 'w', withContainer({ ports: [{ name: 'http', containerPort: 8080, hostIP: 'node1' }] })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.ports[0].hostIP`, hint: /IP|address/,
  },
  {
    name: 'hand-written envFrom prefix that makes no valid variable name',
    build: (c) => raw(c, 'w', withContainer({ envFrom: [{ prefix: '1DB=', secretRef: { name: 'db', optional: true } }] })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.envFrom[0].prefix`, hint: /letters, digits/,
  },
];

/** A hand-written Deployment `web` whose native sidecar serves the Service's port 9100 without a readiness probe. */
function servedSidecar(annotations?: Record<string, string>) {
  const sidecar = { ...goodContainer({ name: 'metrics', ports: [{ name: 'metrics', containerPort: 9100 }] }), readinessProbe: undefined, restartPolicy: 'Always' };
  return goodDeployment('web', { initContainers: [sidecar] }, {}, annotations);
}
const metricsService = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-metrics', namespace: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'metrics', port: 9100, targetPort: 9100 }] },
};

CASES.push({
  name: 'hand-written native sidecar that serves a Service without a readiness probe',
  build: (c) => {
    raw(c, 'w', servedSidecar());
    raw(c, 'svc', metricsService);
  },
  layer: 'policy', path: 'w', field: 'spec.template.spec.initContainers[0].readinessProbe',
});
