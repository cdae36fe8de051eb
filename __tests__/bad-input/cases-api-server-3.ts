import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodContainer, goodDeployment, raw } from './lab';

// Hand-written workloads, pod volumes, probes and endpoints that the API server refuses by its own Go
// validation (pkg/apis/apps/validation, pkg/apis/core/validation, pkg/apis/discovery/validation) although
// their OpenAPI schema allows them, or whose pods the StatefulSet controller could never create: each
// reported on the field the user wrote.

const POD = 'spec.template.spec';
/** Adds `manifest` as `w`, beside the good Deployment `web`. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart): void => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'w', manifest);
};
/** The good Deployment `web` with `pod` merged into its pod spec. */
const pod = (spec: Record<string, unknown>) => (c: ClusterChart): void => {
  raw(c, 'w', goodDeployment('web', spec));
};
/** A StatefulSet `db` in namespace `web`, with `spec` merged into its spec and `podSpec` into its pod's. */
const statefulSet = (spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}) => (c: ClusterChart): void => {
  const manifest = goodDeployment('db', podSpec, { serviceName: 'db', ...spec });
  raw(c, 'w', { ...manifest, kind: 'StatefulSet' });
};
/** A DaemonSet `agent` in namespace `web` whose pod spec has `podSpec` merged in. */
const daemonSet = (podSpec: Record<string, unknown>) => (c: ClusterChart): void => {
  const { replicas: _replicas, ...spec } = goodDeployment('agent', podSpec).spec as Record<string, unknown>;
  raw(c, 'w', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'web' }, spec });
};
/** The good Deployment `web` whose container mounts the projected volume `p` of `sources`. */
const projected = (sources: unknown[]) => pod({
  volumes: [{ name: 'p', projected: { sources } }],
  containers: [goodContainer({ volumeMounts: [{ name: 'p', mountPath: '/p', readOnly: true }] })],
});
/** A claim `data` of 1Gi in namespace `web` on the cluster's `local` class, with `spec` merged in. */
const claim = (spec: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local', resources: { requests: { storage: '1Gi' } }, ...spec },
});
const httpProbe = (httpGet: Record<string, unknown>) => pod({ containers: [goodContainer({ readinessProbe: { httpGet: { path: '/', port: 8080, ...httpGet } } })] });

export const CASES: BadInput[] = [
  // StatefulSets
  { name: 'StatefulSet whose ordinals start below 0', build: statefulSet({ ordinals: { start: -1 } }), layer: 'schema', path: 'w', field: 'spec.ordinals.start' },
  { name: 'StatefulSet claim retention written in lower case', build: statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'delete' } }), layer: 'schema', path: 'w', field: 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted' },
  { name: 'StatefulSet claim retention "Keep" on scale-down', build: statefulSet({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Keep' } }), layer: 'schema', path: 'w', field: 'spec.persistentVolumeClaimRetentionPolicy.whenScaled' },
  { name: 'StatefulSet whose serviceName is no DNS label (its pods\' subdomain)', build: statefulSet({ serviceName: 'db.headless' }), layer: 'schema', path: 'w', field: 'spec.serviceName', hint: /db-headless/ },
  { name: 'StatefulSet whose serviceName is in upper case', build: statefulSet({ serviceName: 'DB' }), layer: 'schema', path: 'w', field: 'spec.serviceName' },
  // A deadline on the pods of a workload that keeps them running
  { name: 'Deployment pod template with activeDeadlineSeconds', build: pod({ activeDeadlineSeconds: 300 }), layer: 'schema', path: 'w', field: `${POD}.activeDeadlineSeconds` },
  { name: 'StatefulSet pod template with activeDeadlineSeconds', build: statefulSet({}, { activeDeadlineSeconds: 300 }), layer: 'schema', path: 'w', field: `${POD}.activeDeadlineSeconds` },
  { name: 'DaemonSet pod template with activeDeadlineSeconds', build: daemonSet({ activeDeadlineSeconds: 300 }), layer: 'schema', path: 'w', field: `${POD}.activeDeadlineSeconds` },
  // Pod fields with a closed set of values
  { name: 'mount propagation written in camel case', build: pod({ volumes: [{ name: 'x', emptyDir: {} }], containers: [goodContainer({ volumeMounts: [{ name: 'x', mountPath: '/x', mountPropagation: 'hostToContainer' }] })] }), layer: 'schema', path: 'w', field: `${CONTAINER}.volumeMounts[0].mountPropagation` },
  { name: 'pod OS name capitalized', build: pod({ os: { name: 'Linux' } }), layer: 'schema', path: 'w', field: `${POD}.os.name` },
  // Probe and hook headers
  { name: 'HTTP probe header name with a space', build: httpProbe({ httpHeaders: [{ name: 'X Auth', value: 'a' }] }), layer: 'schema', path: 'w', field: `${CONTAINER}.readinessProbe.httpGet.httpHeaders[0].name` },
  { name: 'HTTP probe header name with an underscore', build: httpProbe({ httpHeaders: [{ name: 'X_Forwarded_Proto', value: 'https' }] }), layer: 'schema', path: 'w', field: `${CONTAINER}.readinessProbe.httpGet.httpHeaders[0].name`, hint: /X-Forwarded-Proto/ },
  { name: 'preStop HTTP hook header name with a colon', build: pod({ containers: [goodContainer({ lifecycle: { preStop: { httpGet: { path: '/drain', port: 8080, httpHeaders: [{ name: 'Authorization:', value: 'x' }] } } } })] }), layer: 'schema', path: 'w', field: `${CONTAINER}.lifecycle.preStop.httpGet.httpHeaders[0].name` },
  // envFrom
  { name: 'envFrom entry with a ConfigMap and a Secret', build: pod({ containers: [goodContainer({ envFrom: [{ configMapRef: { name: 'settings', optional: true }, secretRef: { name: 'creds', optional: true } }] })] }), layer: 'schema', path: 'w', field: `${CONTAINER}.envFrom[0]` },
  { name: 'envFrom entry naming no source', build: pod({ containers: [goodContainer({ envFrom: [{ prefix: 'APP_' }] })] }), layer: 'schema', path: 'w', field: `${CONTAINER}.envFrom[0]` },
  // Projected volumes
  { name: 'projected service account token valid for one minute', build: projected([{ serviceAccountToken: { path: 'token', expirationSeconds: 60 } }]), layer: 'schema', path: 'w', field: `${POD}.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds` },
  { name: 'projected service account token at an absolute path', build: projected([{ serviceAccountToken: { path: '/var/run/token' } }]), layer: 'schema', path: 'w', field: `${POD}.volumes[0].projected.sources[0].serviceAccountToken.path` },
  { name: 'projected ConfigMaps writing one file path twice', build: projected([{ configMap: { name: 'a', optional: true, items: [{ key: 'k', path: 'app.yaml' }] } }, { configMap: { name: 'b', optional: true, items: [{ key: 'k', path: 'app.yaml' }] } }]), layer: 'schema', path: 'w', field: `${POD}.volumes[0].projected.sources[1].configMap.items[0].path` },
  { name: 'projected source with a ConfigMap and a Secret', build: projected([{ configMap: { name: 'a', optional: true }, secret: { name: 'b', optional: true } }]), layer: 'schema', path: 'w', field: `${POD}.volumes[0].projected.sources[0]` },
  // Claims filled from another object
  { name: 'claim restored from a VolumeSnapshot without its API group', build: claim({ dataSource: { kind: 'VolumeSnapshot', name: 'db-daily' } }), layer: 'schema', path: 'w', field: 'spec.dataSource.apiGroup', hint: /snapshot\.storage\.k8s\.io/ },
  { name: 'claim whose dataSource and dataSourceRef differ', build: claim({ dataSource: { kind: 'PersistentVolumeClaim', name: 'old' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'other' } }), layer: 'schema', path: 'w', field: 'spec.dataSource' },
  // Endpoints
  { name: 'Endpoints port protocol in lower case', build: w({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'nas', namespace: 'web' }, subsets: [{ addresses: [{ ip: '192.168.1.20' }], ports: [{ name: 'http', port: 80, protocol: 'tcp' }] }] }), layer: 'schema', path: 'w', field: 'subsets[0].ports[0].protocol' },
  { name: 'EndpointSlice port protocol "HTTP"', build: w({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } }, addressType: 'IPv4', endpoints: [{ addresses: ['192.168.1.20'] }], ports: [{ name: 'http', port: 80, protocol: 'HTTP' }] }), layer: 'schema', path: 'w', field: 'ports[0].protocol' },
];
