import { AppVolume, Ollama } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodContainer, goodDeployment, guarded, labApp, podWithContainer, raw, serviceManifest } from './lab';

// What the API server or the kubelet rejects in containers and Services although the schema allows it.
const P = CONTAINER;
const w = (manifest: Record<string, unknown>) => (c: Parameters<BadInput['build']>[0]) => raw(c, 'w', manifest);
const withDeployment = (build: BadInput['build']): BadInput['build'] => (c, app) => {
  raw(c, 'workload', goodDeployment());
  build(c, app);
};
const svc = (spec: Record<string, unknown>) => withDeployment((c) => raw(c, 's', serviceManifest('web', spec)));

export const CASES: BadInput[] = [
  // Ports
  { name: 'probe path without a leading slash', build: w(podWithContainer({ readinessProbe: { httpGet: { path: 'healthz', port: 8080 } } })), layer: 'schema', path: 'w', field: `${P}.readinessProbe.httpGet.path` },
  { name: 'container port protocol HTTP', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 8080, protocol: 'HTTP' }] })), layer: 'schema', path: 'w', field: `${P}.ports[0].protocol` },
  { name: 'container port 0', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 0 }] })), layer: 'schema', path: 'w', field: `${P}.ports[0].containerPort` },
  { name: 'container port above 65535', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 70000 }] })), layer: 'schema', path: 'w', field: `${P}.ports[0].containerPort` },
  { name: 'negative container port', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: -80 }] })), layer: 'schema', path: 'w', field: `${P}.ports[0].containerPort` },
  { name: 'host port above 65535', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 70000 }] })), layer: 'schema', path: 'w', field: `${P}.ports[0].hostPort` },
  { name: 'two container ports with one name', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'http', containerPort: 8081 }] })), layer: 'schema', path: 'w', field: `${P}.ports[1].name` },
  { name: 'one container port declared twice', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'alt', containerPort: 8080 }] })), layer: 'schema', path: 'w', field: `${P}.ports[1].containerPort` },
  { name: 'one UDP port declared twice', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'a', containerPort: 53, protocol: 'UDP' }, { name: 'b', containerPort: 53, protocol: 'UDP' }] })), layer: 'schema', path: 'w', field: `${P}.ports[2].containerPort` },
  { name: 'App port 0', build: guarded(labApp('web', { ports: [{ name: 'http', port: 0 }] })), layer: 'props', path: 'web', field: 'ports[0].port' },
  { name: 'App port above 65535', build: guarded(labApp('web', { ports: [{ name: 'http', port: 65536 }] })), layer: 'props', path: 'web', field: 'ports[0].port' },
  { name: 'App ports with one name twice', build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080 }, { name: 'http', port: 8081 }] })), layer: 'props', path: 'web', field: 'ports[1].name' },
  { name: 'container port listed twice', build: w(podWithContainer({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'web', containerPort: 8080 }] })), layer: 'schema', path: 'w', field: `${P}.ports[1].containerPort` },
  { name: 'Service port 0', build: svc({ ports: [{ name: 'http', port: 0, targetPort: 8080 }] }), layer: 'schema', path: 's', field: 'spec.ports[0].port' },
  { name: 'Service port above 65535', build: svc({ ports: [{ name: 'http', port: 99999, targetPort: 8080 }] }), layer: 'schema', path: 's', field: 'spec.ports[0].port' },
  { name: 'Service target port above 65535', build: svc({ ports: [{ name: 'http', port: 80, targetPort: 80000 }] }), layer: 'schema', path: 's', field: 'spec.ports[0].targetPort' },
  { name: 'Service ports with one name twice', build: svc({ ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'http', port: 81, targetPort: 8080 }] }), layer: 'schema', path: 's', field: 'spec.ports[1].name' },
  { name: 'Service port number given twice', build: svc({ ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'alt', port: 80, targetPort: 8080 }] }), layer: 'schema', path: 's', field: 'spec.ports[1].port' },
  { name: 'Service with several ports, one unnamed', build: svc({ ports: [{ name: 'http', port: 80, targetPort: 8080 }, { port: 81, targetPort: 8080 }] }), layer: 'schema', path: 's', field: 'spec.ports[1].name' },
  // Probes
  { name: 'readiness probe without a handler', build: w(podWithContainer({ readinessProbe: { periodSeconds: 5 } })), layer: 'schema', path: 'w', field: `${P}.readinessProbe` },
  { name: 'readiness probe with two handlers', build: w(podWithContainer({ readinessProbe: { tcpSocket: { port: 8080 }, httpGet: { path: '/', port: 8080 } } })), layer: 'schema', path: 'w', field: `${P}.readinessProbe` },
  { name: 'liveness probe without a handler', build: w(podWithContainer({ livenessProbe: { failureThreshold: 3 } })), layer: 'schema', path: 'w', field: `${P}.livenessProbe` },
  { name: 'startup probe with exec and grpc', build: w(podWithContainer({ startupProbe: { exec: { command: ['true'] }, grpc: { port: 8080 } } })), layer: 'schema', path: 'w', field: `${P}.startupProbe` },
  { name: 'probe on a port name the container lacks', build: w(podWithContainer({ readinessProbe: { httpGet: { path: '/', port: 'metrics' } } })), layer: 'schema', path: 'w', field: `${P}.readinessProbe.httpGet.port` },
  { name: 'probe on a port number the container lacks', build: w(podWithContainer({ readinessProbe: { tcpSocket: { port: 9090 } } })), layer: 'schema', path: 'w', field: `${P}.readinessProbe.tcpSocket.port` },
  { name: 'probe on port 0', build: w(podWithContainer({ livenessProbe: { tcpSocket: { port: 0 } } })), layer: 'schema', path: 'w', field: `${P}.livenessProbe.tcpSocket.port` },
  { name: 'App probe on a port the app lacks', build: labApp('web', { probes: { readiness: { port: 9999 } } }), layer: 'props', path: 'web', field: 'probes.readiness.port' },
  { name: 'App probe with an HTTP path and a command', build: guarded(labApp('web', { probes: { readiness: { httpPath: '/', command: ['true'] } } })), layer: 'props', path: 'web', field: 'probes.readiness' },
  { name: 'App probe that is TCP and HTTP at once', build: guarded(labApp('web', { probes: { liveness: { httpPath: '/health', tcp: true } } })), layer: 'props', path: 'web', field: 'probes.liveness' },
  { name: 'load-balancer port name the app lacks', build: (c) => labApp('web', { loadBalancer: { address: c.site.pools.vips.at('10.0.8.15'), ports: ['dns'] } })(c), layer: 'references', path: 'web', field: 'loadBalancer.ports' },
  // Resources and replicas
  { name: 'cpu request above its limit', build: w(podWithContainer({ resources: { requests: { cpu: '2', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } } })), layer: 'schema', path: 'w', field: `${P}.resources.requests.cpu` },
  { name: 'memory request above its limit', build: w(podWithContainer({ resources: { requests: { cpu: '50m', memory: '2Gi' }, limits: { memory: '1Gi' } } })), layer: 'schema', path: 'w', field: `${P}.resources.requests.memory` },
  { name: 'memory request in decimal units above a binary limit', build: w(podWithContainer({ resources: { requests: { cpu: '50m', memory: '200M' }, limits: { memory: '128Mi' } } })), layer: 'schema', path: 'w', field: `${P}.resources.requests.memory` },
  { name: 'App memory request above its limit', build: guarded(labApp('web', { resources: { memoryRequest: '256Mi', memoryLimit: '64Mi' } })), layer: 'props', path: 'web', field: 'resources.memoryRequest' },
  { name: 'App cpu request above its limit', build: guarded(labApp('web', { resources: { cpuRequest: '2', cpuLimit: '500m' } })), layer: 'props', path: 'web', field: 'resources.cpuRequest' },
  { name: 'Ollama memory request above its limit', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'cpu', memoryRequest: '8Gi', memoryLimit: '4Gi' })), layer: 'props', path: 'ollama', field: 'memoryRequest' },
  { name: 'negative replicas', build: w(goodDeployment('web', {}, { replicas: -1 })), layer: 'schema', path: 'w', field: 'spec.replicas' },
  { name: 'App with negative replicas', build: guarded(labApp('web', { replicas: -2 })), layer: 'props', path: 'web', field: 'replicas', hint: /0 or more/ },
  { name: 'App memory limit that is no size', build: guarded(labApp('web', { resources: { memoryLimit: '1GB' } })), layer: 'props', path: 'web', field: 'resources.memoryLimit' },
  { name: 'App cpu request that is no quantity', build: guarded(labApp('web', { resources: { cpuRequest: 'fast' } })), layer: 'props', path: 'web', field: 'resources.cpuRequest' },
  { name: 'claim size with a space', build: guarded(labApp('web', { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10 Gi' }), mountPath: '/data' } } })), layer: 'props', path: 'web', field: 'persistence.data.volume.claim.size' },
  { name: 'emptyDir size limit that is no size', build: guarded(labApp('web', { persistence: { cache: { volume: AppVolume.emptyDir({ sizeLimit: 'lots' }), mountPath: '/cache' } } })), layer: 'props', path: 'web', field: 'persistence.cache.volume.emptyDir.sizeLimit' },
  // User and group ids
  { name: 'negative pod runAsUser', build: w(goodDeployment('web', { securityContext: { runAsNonRoot: true, runAsUser: -1, seccompProfile: { type: 'RuntimeDefault' } } })), layer: 'schema', path: 'w', field: 'spec.template.spec.securityContext.runAsUser' },
  { name: 'pod fsGroup above 2^31-1', build: w(goodDeployment('web', { securityContext: { runAsNonRoot: true, fsGroup: 2147483648, seccompProfile: { type: 'RuntimeDefault' } } })), layer: 'schema', path: 'w', field: 'spec.template.spec.securityContext.fsGroup' },
  { name: 'negative supplemental group', build: w(goodDeployment('web', { securityContext: { runAsNonRoot: true, supplementalGroups: [44, -1], seccompProfile: { type: 'RuntimeDefault' } } })), layer: 'schema', path: 'w', field: 'spec.template.spec.securityContext.supplementalGroups[1]' },
  { name: 'negative container runAsGroup', build: w(podWithContainer({ securityContext: { runAsGroup: -1000 } })), layer: 'schema', path: 'w', field: `${P}.securityContext.runAsGroup` },
  // Mounts
  { name: 'relative mount path', build: w(podWithContainer({ volumeMounts: [{ name: 'data', mountPath: 'data' }] }, { volumes: [{ name: 'data', emptyDir: {} }] })), layer: 'schema', path: 'w', field: `${P}.volumeMounts[0].mountPath` },
  { name: 'one mount path used twice', build: w(podWithContainer({ volumeMounts: [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data' }] }, { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }] })), layer: 'schema', path: 'w', field: `${P}.volumeMounts[1].mountPath` },
  { name: 'one mount path twice, once with a trailing slash', build: w(podWithContainer({ volumeMounts: [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data/' }] }, { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }] })), layer: 'schema', path: 'w', field: `${P}.volumeMounts[1].mountPath` },
  { name: 'mount of a volume the pod lacks', build: w(podWithContainer({ volumeMounts: [{ name: 'ghost', mountPath: '/data' }] })), layer: 'schema', path: 'w', field: `${P}.volumeMounts[0].name` },
  { name: 'two volumes with one name', build: w(podWithContainer({}, { volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }] })), layer: 'schema', path: 'w', field: 'spec.template.spec.volumes[1].name' },
  { name: 'App mount path that is relative', build: guarded(labApp('web', { persistence: { data: { volume: AppVolume.emptyDir(), mountPath: 'var/data' } } })), layer: 'props', path: 'web', field: 'persistence.data.mountPath' },
  // An app's own volume on /tmp replaces the default one; two of them on /tmp clash.
  { name: 'App mounts two volumes on /tmp', build: guarded(labApp('web', { persistence: { a: { volume: AppVolume.emptyDir(), mountPath: '/tmp' }, b: { volume: AppVolume.emptyDir(), mountPath: '/tmp/' } } })), layer: 'props', path: 'web', field: 'persistence.b.mountPath' },
  { name: 'App with two volumes on one path', build: guarded(labApp('web', { persistence: { a: { volume: AppVolume.emptyDir(), mountPath: '/srv' }, b: { volume: AppVolume.emptyDir(), mountPath: '/srv' } } })), layer: 'props', path: 'web', field: 'persistence.b.mountPath' },
  { name: 'init container mount path that is relative', build: w(podWithContainer({}, { initContainers: [{ ...goodContainer(), name: 'init', ports: undefined, readinessProbe: undefined, volumeMounts: [{ name: 'd', mountPath: 'd' }] }], volumes: [{ name: 'd', emptyDir: {} }] })), layer: 'schema', path: 'w', field: 'spec.template.spec.initContainers[0].volumeMounts[0].mountPath' },
];
