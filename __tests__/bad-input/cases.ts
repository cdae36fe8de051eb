import { App as CdkApp } from 'cdk8s';
import {
  App, AppVolume, ClusterChart, declareExternal, ExternalSecret, gatewayApi, host, SealedSecret, SecretReference, site, SopsSecret, traefik,
} from '../../constructs';
import type { ValidationLayer } from '../../constructs';
import { GATEWAY_IMPLEMENTATION } from '../support/preinstalled';
import { goodContainer, goodDeployment, gpu1, guarded, lab, labCluster, podWithContainer, raw } from './lab';

/** One bad input and the finding it must produce. */
export interface BadInput {
  /** What is wrong, as a test name. */
  readonly name: string;
  /** Builds the bad input into a fresh app; returns nothing. `cluster` is `lab/main`. */
  readonly build: (cluster: ClusterChart, app: CdkApp) => void;
  /** Build in a cluster whose routes are the Gateway API, with an implementation preinstalled. @default false */
  readonly gatewayCluster?: boolean;
  /** The expected finding. */
  readonly layer: ValidationLayer;
  /** Construct path the finding names (a suffix of it after `main/`). */
  readonly path: string;
  /** Field the finding names (exact, or a pattern). */
  readonly field: string | RegExp;
  /** What the finding's hint must say, where the hint is the point of the case. @default - any hint */
  readonly hint?: RegExp;
  /** What the finding's message must say, where how it shows the value is the point of the case. @default - any message */
  readonly message?: RegExp;
  /**
   * Whether the case needs the upstream CRD schemas to be found (a CRD the lab does not install, known from
   * the schemas beside the repository): it runs, or is skipped with the schema cases. @default false
   */
  readonly needsUpstreamSchemas?: boolean;
}

const web = (id: string, props: Partial<ConstructorParameters<typeof App>[2]> = {}) => (cluster: ClusterChart) =>
  new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });

const SEALED = `Ag${'B'.repeat(720)}==`;
const sealedWeb = (cluster: ClusterChart) => new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: SEALED } });
const service = (name: string, extra: Record<string, unknown> = {}, annotations?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'web', annotations },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...extra },
});
const withWeb = (build: (c: ClusterChart) => void) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  build(c);
};
const httpRoute = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace: 'web' }, spec,
});
const toGateway = { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }] };
const vm = (spec: Record<string, unknown>) => ({
  apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm', namespace: 'web' },
  spec: { runStrategy: 'Always', template: { spec: { domain: { devices: {} }, ...spec } } },
});
const podWith = (container: Record<string, unknown>, pod: Record<string, unknown> = {}, annotations?: Record<string, string>) =>
  goodDeployment('web', { containers: [goodContainer(container)], ...pod }, {}, annotations);
/** A Job in namespace `web` that runs one good container once; `spec` adds to its spec. */
const job = (spec: Record<string, unknown>) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'web' },
  spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [goodContainer()], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } } },
});
const secureContext = (change: Record<string, unknown>) => ({ securityContext: { ...goodContainer().securityContext as object, ...change } });

export const REFERENCE_CASES: BadInput[] = [
  { name: 'route to a port the app does not have', build: web('web', { route: { host: 'web', port: 9999 } }), layer: 'references', path: 'web', field: 'route.port' },
  { name: 'claim on a storage tier the cluster lacks', build: web('web', { persistence: { data: { volume: AppVolume.claim({ tier: 'nvme', size: '1Gi' }), mountPath: '/d' } } }), layer: 'references', path: 'web', field: 'persistence.data.volume.claim.tier' },
  { name: 'Deployment selector that misses its pods', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { selector: { matchLabels: { app: 'other' } } })), layer: 'schema', path: 'workload', field: 'spec.selector' },
  { name: 'Deployment selector expression that misses its pods', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } })), layer: 'schema', path: 'workload', field: 'spec.selector' },
  { name: 'Deployment with an empty selector', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { selector: {} })), layer: 'schema', path: 'workload', field: 'spec.selector' },
  { name: 'Deployment pods that never restart', build: (c) => raw(c, 'workload', podWithContainer({}, { restartPolicy: 'Never' })), layer: 'schema', path: 'workload', field: 'spec.template.spec.restartPolicy' },
  { name: 'Job pods without a restart policy', build: (c) => raw(c, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'web' }, spec: { template: { spec: { containers: [goodContainer()], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } } } }), layer: 'schema', path: 'job', field: 'spec.template.spec.restartPolicy' },
  { name: 'Deployment Recreate strategy with rolling update settings', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })), layer: 'schema', path: 'workload', field: 'spec.strategy.rollingUpdate' },
  { name: 'Deployment rollout that may neither surge nor take a pod down', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } })), layer: 'schema', path: 'workload', field: 'spec.strategy.rollingUpdate.maxUnavailable' },
  { name: 'Deployment maxSurge written as a bare number in a string', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { strategy: { rollingUpdate: { maxSurge: '1' } } })), layer: 'schema', path: 'workload', field: 'spec.strategy.rollingUpdate.maxSurge' },
  { name: 'Deployment minReadySeconds above the default progress deadline', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { minReadySeconds: 900 })), layer: 'schema', path: 'workload', field: 'spec.minReadySeconds' },
  { name: 'Deployment with a negative revision history', build: (c) => raw(c, 'workload', goodDeployment('web', {}, { revisionHistoryLimit: -1 })), layer: 'schema', path: 'workload', field: 'spec.revisionHistoryLimit' },
  { name: 'DaemonSet OnDelete strategy with rolling update settings', build: (c) => raw(c, 'workload', { ...goodDeployment(), kind: 'DaemonSet', spec: { ...(goodDeployment().spec as object), replicas: undefined, updateStrategy: { type: 'OnDelete', rollingUpdate: { maxUnavailable: 1 } } } }), layer: 'schema', path: 'workload', field: 'spec.updateStrategy.rollingUpdate' },
  { name: 'DaemonSet that may take no pod down and has no surge', build: (c) => raw(c, 'workload', { ...goodDeployment(), kind: 'DaemonSet', spec: { ...(goodDeployment().spec as object), replicas: undefined, updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } } }), layer: 'schema', path: 'workload', field: 'spec.updateStrategy.rollingUpdate.maxUnavailable' },
  { name: 'PodDisruptionBudget with both minAvailable and maxUnavailable', build: withWeb((c) => raw(c, 'pdb', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'web' }, spec: { minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } })), layer: 'schema', path: 'pdb', field: 'spec.maxUnavailable' },
  { name: 'PodDisruptionBudget above 100 %', build: withWeb((c) => raw(c, 'pdb', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'web' }, spec: { minAvailable: '150%', selector: { matchLabels: { app: 'web' } } } })), layer: 'schema', path: 'pdb', field: 'spec.minAvailable' },
  { name: 'Job with a negative backoff limit', build: (c) => raw(c, 'job', job({ backoffLimit: -1 })), layer: 'schema', path: 'job', field: 'spec.backoffLimit' },
  { name: 'Job with its own selector', build: (c) => raw(c, 'job', job({ selector: { matchLabels: { app: 'once' } } })), layer: 'schema', path: 'job', field: 'spec.selector' },
  { name: 'Indexed Job without its completions', build: (c) => raw(c, 'job', job({ completionMode: 'Indexed' })), layer: 'schema', path: 'job', field: 'spec.completions' },
  { name: 'CronJob written with a schedule in words', build: (c) => raw(c, 'cron', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'web' }, spec: { schedule: 'every day', jobTemplate: { spec: job({}).spec } } }), layer: 'schema', path: 'cron', field: 'spec.schedule' },
  { name: 'CronJob whose jobs may run for a negative time', build: (c) => raw(c, 'cron', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'web' }, spec: { schedule: '@daily', jobTemplate: { spec: job({ activeDeadlineSeconds: -60 }).spec } } }), layer: 'schema', path: 'cron', field: 'spec.jobTemplate.spec.activeDeadlineSeconds' },
  { name: 'pod deadline of zero seconds', build: (c) => raw(c, 'workload', podWithContainer({}, { activeDeadlineSeconds: 0 })), layer: 'schema', path: 'workload', field: 'spec.template.spec.activeDeadlineSeconds' },
  { name: 'probe with a negative period', build: (c) => raw(c, 'workload', podWithContainer({ readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: -10 } })), layer: 'schema', path: 'workload', field: 'spec.template.spec.containers[0].readinessProbe.periodSeconds' },
  { name: 'liveness probe that needs two successes', build: (c) => raw(c, 'workload', podWithContainer({ livenessProbe: { tcpSocket: { port: 8080 }, successThreshold: 2 } })), layer: 'schema', path: 'workload', field: 'spec.template.spec.containers[0].livenessProbe.successThreshold' },
  { name: 'readiness probe with a termination grace period', build: (c) => raw(c, 'workload', podWithContainer({ readinessProbe: { tcpSocket: { port: 8080 }, terminationGracePeriodSeconds: 30 } })), layer: 'schema', path: 'workload', field: 'spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds' },
  { name: 'probe on an init container', build: (c) => raw(c, 'workload', podWithContainer({}, { initContainers: [goodContainer({ name: 'init' })] })), layer: 'schema', path: 'workload', field: 'spec.template.spec.initContainers[0].readinessProbe' },
  { name: 'App liveness probe that waits a negative time', build: web('web', { probes: { liveness: { httpPath: '/', initialDelaySeconds: -5 } } }), layer: 'props', path: 'web', field: 'probes.liveness.initialDelaySeconds' },
  { name: 'env read from a Secret named in capitals', build: web('web', { env: { DB: SecretReference.external('web', 'DB_Secret', 'password') } }), layer: 'props', path: 'web', field: 'env.DB' },
  { name: 'env read from a Secret key with a space', build: web('web', { env: { DB: SecretReference.external('web', 'db', 'pass word') } }), layer: 'props', path: 'web', field: 'env.DB' },
  { name: 'envFrom a ConfigMap named with an underscore', build: (c) => raw(c, 'workload', podWithContainer({ envFrom: [{ configMapRef: { name: 'web_settings' } }] })), layer: 'schema', path: 'workload', field: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name' },
  { name: 'Secret volume named in capitals', build: (c) => raw(c, 'workload', podWithContainer({}, { volumes: [{ name: 'certs', secret: { secretName: 'Web-TLS' } }] })), layer: 'schema', path: 'workload', field: 'spec.template.spec.volumes[0].secret.secretName' },
  { name: 'ClusterIP Service with a node port', build: withWeb((c) => raw(c, 's', service('web', { ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] }))), layer: 'schema', path: 's', field: 'spec.ports[0].nodePort' },
  { name: 'ClusterIP Service with an external traffic policy', build: withWeb((c) => raw(c, 's', service('web', { externalTrafficPolicy: 'Local' }))), layer: 'schema', path: 's', field: 'spec.externalTrafficPolicy' },
  { name: 'claim without its size', build: (c) => raw(c, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'] } }), layer: 'schema', path: 'pvc', field: 'spec.resources.requests.storage' },
  { name: 'claim without an access mode', build: (c) => raw(c, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' }, spec: { resources: { requests: { storage: '1Gi' } } } }), layer: 'schema', path: 'pvc', field: 'spec.accessModes' },
  { name: 'App sidecar named like the app', build: guarded(web('web', { containers: [{ name: 'web', image: 'busybox:1.36' }] } as any)), layer: 'props', path: 'web', field: 'containers[0].name' },
  { name: 'Ingress path without a leading slash', build: (c) => raw(c, 'ing', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' }, spec: { rules: [{ host: 'web.lab.test', http: { paths: [{ path: 'api', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } }), layer: 'schema', path: 'ing', field: 'spec.rules[0].http.paths[0].path' },
  { name: 'NetworkPolicy CIDR with an octet above 255', build: (c) => raw(c, 'np', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'web' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.300/24' } }] }] } }), layer: 'schema', path: 'np', field: 'spec.ingress[0].from[0].ipBlock.cidr' },
  { name: 'NetworkPolicy port range from a named port', build: (c) => raw(c, 'np', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'web' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 'http', endPort: 9000 }] }] } }), layer: 'schema', path: 'np', field: 'spec.egress[0].ports[0].endPort' },
  { name: 'ExternalName Service without its name', build: (c) => raw(c, 's', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nas', namespace: 'web' }, spec: { type: 'ExternalName' } }), layer: 'schema', path: 's', field: 'spec.externalName' },
  { name: 'ConfigMap key with a space', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'web' }, data: { 'log level': 'debug' } }), layer: 'schema', path: 'cm', field: 'data.log level' },
  { name: 'ConfigMap key in data and binaryData', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'web' }, data: { a: 'x' }, binaryData: { a: 'eA==' } }), layer: 'schema', path: 'cm', field: 'binaryData.a' },
  { name: 'Secret key ..data', build: (c) => raw(c, 'sec', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, type: 'Opaque', data: { '..data': 'eA==' } }), layer: 'schema', path: 'sec', field: 'data...data' },
  { name: 'Service that selects no pods', build: withWeb((c) => raw(c, 's', service('web', { selector: { app: 'nothing' } }))), layer: 'references', path: 's', field: 'spec.selector' },
  { name: 'Service targetPort no container has', build: withWeb((c) => raw(c, 's', service('web', { ports: [{ port: 80, targetPort: 9090 }] }))), layer: 'references', path: 's', field: 'spec.ports[0].targetPort' },
  { name: 'Service named targetPort no container has', build: withWeb((c) => raw(c, 's', service('web', { ports: [{ port: 80, targetPort: 'metrics' }] }))), layer: 'references', path: 's', field: 'spec.ports[0].targetPort' },
  { name: 'Service targetPort with the wrong protocol', build: withWeb((c) => raw(c, 's', service('web', { ports: [{ port: 53, targetPort: 8080, protocol: 'UDP' }] }))), layer: 'references', path: 's', field: 'spec.ports[0].targetPort' },
  {
    name: 'IngressRoute to a missing Service',
    build: (c) => raw(c, 'r', { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'web' }, spec: { routes: [{ kind: 'Rule', match: 'Host(`r.lab.test`)', services: [{ name: 'ghost', port: 80 }] }] } }),
    layer: 'references', path: 'r', field: 'spec.routes[0].services[0].name',
  },
  {
    name: 'IngressRoute to a port the Service lacks',
    build: withWeb((c) => { raw(c, 's', service('web')); raw(c, 'r', { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'web' }, spec: { routes: [{ kind: 'Rule', match: 'Host(`r.lab.test`)', services: [{ name: 'web', port: 81 }] }] } }); }),
    layer: 'references', path: 'r', field: 'spec.routes[0].services[0].port',
  },
  { name: 'HTTPRoute to a missing Service', gatewayCluster: true, build: (c) => raw(c, 'r', httpRoute('r', { ...toGateway, hostnames: ['r.lab.test'], rules: [{ backendRefs: [{ name: 'ghost', port: 80 }] }] })), layer: 'references', path: 'r', field: 'spec.rules[0].backendRefs[0].name' },
  { name: 'HTTPRoute backend without a port', gatewayCluster: true, build: withWeb((c) => { raw(c, 's', service('web')); raw(c, 'r', httpRoute('r', { ...toGateway, hostnames: ['r.lab.test'], rules: [{ backendRefs: [{ name: 'web' }] }] })); }), layer: 'references', path: 'r', field: 'spec.rules[0].backendRefs[0].port' },
  { name: 'HTTPRoute to a missing Gateway', gatewayCluster: true, build: (c) => raw(c, 'r', httpRoute('r', { parentRefs: [{ name: 'other-gateway', namespace: 'gateway' }], hostnames: ['r.lab.test'] })), layer: 'references', path: 'r', field: 'spec.parentRefs[0].name' },
  { name: 'HTTPRoute to a listener the Gateway lacks', gatewayCluster: true, build: (c) => raw(c, 'r', httpRoute('r', { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'grpc' }], hostnames: ['r.lab.test'] })), layer: 'references', path: 'r', field: 'spec.parentRefs[0].sectionName' },
  {
    name: 'HTTPRoute from a namespace the listener does not admit',
    build: (c) => {
      c.namespaces.ensure('edge');
      raw(c, 'g', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'edge' }, spec: { gatewayClassName: 'cilium', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] } });
      raw(c, 'r', httpRoute('r', { parentRefs: [{ name: 'edge', namespace: 'edge' }], hostnames: ['r.lab.test'] }));
    },
    layer: 'references', path: 'r', field: 'spec.parentRefs[0].namespace',
  },
  {
    name: 'Ingress to a missing Service',
    build: (c) => raw(c, 'i', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'web' }, spec: { rules: [{ host: 'i.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'ghost', port: { number: 80 } } } }] } }] } }),
    layer: 'references', path: 'i', field: 'spec.rules[0].http.paths[0].backend.service.name',
  },
  {
    name: 'Ingress to a port name the Service lacks',
    build: withWeb((c) => { raw(c, 's', service('web')); raw(c, 'i', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'web' }, spec: { rules: [{ host: 'i.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'https' } } } }] } }] } }); }),
    layer: 'references', path: 'i', field: 'spec.rules[0].http.paths[0].backend.service.port',
  },
  {
    name: 'TCPRoute to a missing Service', gatewayCluster: true,
    build: (c) => raw(c, 't', { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 't', namespace: 'web' }, spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], rules: [{ backendRefs: [{ name: 'ghost', port: 5432 }] }] } }),
    layer: 'references', path: 't', field: 'spec.rules[0].backendRefs[0].name',
  },
  { name: 'mount of a claim that does not exist', build: web('web', { persistence: { data: { volume: AppVolume.existingClaim('ghost'), mountPath: '/d' } } }), layer: 'references', path: 'web', field: 'persistence.data.volume' },
  { name: 'VM disk on a missing claim', build: (c) => raw(c, 'vm', vm({ volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'ghost' } }] })), layer: 'references', path: 'vm', field: 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName' },
  { name: 'VM disk on a missing DataVolume', build: (c) => raw(c, 'vm', vm({ volumes: [{ name: 'root', dataVolume: { name: 'ghost' } }] })), layer: 'references', path: 'vm', field: 'spec.template.spec.volumes[0].dataVolume.name' },
  { name: 'VM on a missing Multus network', build: (c) => raw(c, 'vm', vm({ networks: [{ name: 'iot', multus: { networkName: 'web/bridge64' } }] })), layer: 'references', path: 'vm', field: 'spec.template.spec.networks[0].multus.networkName' },
  { name: 'claim of an unknown StorageClass', build: (c) => raw(c, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn', resources: { requests: { storage: '1Gi' } } } }), layer: 'references', path: 'pvc', field: 'spec.storageClassName' },
  {
    name: 'claim template of an unknown StorageClass',
    build: (c) => raw(c, 'sts', { ...goodDeployment('db'), kind: 'StatefulSet', spec: { ...(goodDeployment('db').spec as object), serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ceph', resources: { requests: { storage: '1Gi' } } } }] } }),
    layer: 'references', path: 'sts', field: 'spec.volumeClaimTemplates[0].spec.storageClassName',
  },
  // External references declare themselves; one that claims a SealedSecret the chart lacks dangles.
  { name: 'env from a Secret nobody declares', build: web('web', { env: { DB_PASSWORD: new SecretReference('web', 'db', 'password', 'sealed-secret') } }), layer: 'references', path: 'web', field: 'env.DB_PASSWORD' },
  { name: 'key a SealedSecret does not hold', build: (c) => sealedWeb(c).key('username'), layer: 'references', path: 'db', field: 'key("username")' },
  {
    name: 'env key an ExternalSecret does not sync',
    build: (c) => {
      const secret = new ExternalSecret(c, 'creds', { namespace: 'web', store: { name: 'vault' }, data: { token: { remoteKey: 'web/token' } } });
      declareExternal(c, { clusterSecretStores: ['vault'] });
      raw(c, 'w', podWith({ env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: secret.secretName, key: 'password' } } }] }));
    },
    layer: 'references', path: 'w', field: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key',
  },
  { name: 'env from a ConfigMap nobody declares', build: web('web', { env: { MODE: { configMapName: 'settings', key: 'mode' } } }), layer: 'references', path: 'web', field: 'env.MODE' },
  { name: 'ConfigMap volume nobody declares', build: web('web', { persistence: { cfg: { volume: AppVolume.configMap('settings'), mountPath: '/etc/web' } } }), layer: 'references', path: 'web', field: 'persistence.cfg.volume' },
  { name: 'Secret volume nobody declares', build: web('web', { persistence: { tls: { volume: AppVolume.secret('web-tls'), mountPath: '/tls' } } }), layer: 'references', path: 'web', field: 'persistence.tls.volume' },
  { name: 'image pull Secret nobody declares', build: (c) => raw(c, 'w', podWith({}, { imagePullSecrets: [{ name: 'registry' }] })), layer: 'references', path: 'w', field: 'spec.template.spec.imagePullSecrets[0].name' },
  { name: 'ExternalSecret against a store that does not exist', build: (c) => new ExternalSecret(c, 'creds', { namespace: 'web', store: { name: 'vault', kind: 'SecretStore' }, data: { token: { remoteKey: 'x' } } }), layer: 'references', path: 'creds/resource', field: 'spec.secretStoreRef.name' },
  { name: 'object in an undeclared namespace', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ghost' }, data: { a: 'b' } }), layer: 'references', path: 'cm', field: 'metadata.namespace' },
  { name: 'namespaced object without a namespace', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } }), layer: 'references', path: 'cm', field: 'metadata.namespace' },
  { name: 'Gateway certificate Secret nobody declares', gatewayCluster: true, build: () => undefined, layer: 'references', path: 'gateway', field: 'spec.listeners[1].tls.certificateRefs[0].name' },
];

export const INVENTORY_CASES: BadInput[] = [
  { name: 'GPU app in a cluster without that GPU', build: web('web', { gpu: { vendor: 'amd' } }), layer: 'inventory', path: 'web', field: 'gpu' },
  {
    name: 'GPU limit on a pod pinned to a host without one',
    build: (c) => raw(c, 'w', podWith({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi', 'nvidia.com/gpu': 1 } } },
      { nodeSelector: { 'kubernetes.io/hostname': 'arm1' }, tolerations: [{ key: 'dedicated', operator: 'Exists' }] })),
    layer: 'inventory', path: 'w', field: 'spec.template.spec.containers[0].resources.limits.nvidia.com/gpu',
  },
  { name: 'nodeSelector no host matches', build: (c) => raw(c, 'w', podWith({}, { nodeSelector: { 'kubernetes.io/hostname': 'n5' } })), layer: 'inventory', path: 'w', field: 'spec.template.spec.nodeSelector' },
  {
    name: 'required affinity no host matches',
    build: (c) => raw(c, 'w', podWith({}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['riscv64'] }] }] } } } })),
    layer: 'inventory', path: 'w', field: 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution',
  },
  { name: 'pinned to a tainted host without toleration', build: (c) => raw(c, 'w', podWith({}, { nodeSelector: { 'kubernetes.io/arch': 'arm64' } })), layer: 'inventory', path: 'w', field: 'spec.template.spec.tolerations' },
  { name: 'placement on a workload role no host has', build: web('web', { placement: { workloadRole: 'monitoring' } }), layer: 'inventory', path: 'web', field: 'placement.workloadRole' },
  {
    name: 'ZFS StorageClass on a pool the host lacks',
    build: (c) => raw(c, 'sc', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'zfs-tank' }, provisioner: 'zfs.csi.openebs.io', parameters: { poolname: 'tank' }, allowedTopologies: [{ matchLabelExpressions: [{ key: 'kubernetes.io/hostname', values: ['gpu1'] }] }] }),
    layer: 'inventory', path: 'sc', field: 'parameters.poolname',
  },
  { name: 'ZFSVolume on a pool the host lacks', build: (c) => raw(c, 'zv', { apiVersion: 'zfs.openebs.io/v1', kind: 'ZFSVolume', metadata: { name: 'vm-disk', namespace: 'web' }, spec: { poolName: 'vms', ownerNodeID: 'gpu1', capacity: '1073741824', volumeType: 'DATASET' } }), layer: 'inventory', path: 'zv', field: 'spec.poolName' },
  {
    name: 'static ZFS volume on a pool the host lacks',
    build: (c) => raw(c, 'pv', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'vm-disk' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '', csi: { driver: 'zfs.csi.openebs.io', volumeHandle: 'vm-disk', volumeAttributes: { 'openebs.io/poolname': 'vms' } }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['gpu1'] }] }] } } } }),
    layer: 'inventory', path: 'pv', field: 'spec.csi.volumeAttributes.openebs.io/poolname',
  },
  { name: 'claim on a ZFS pool of another host than the pod', build: web('web', { placement: { host: lab.hosts[1] }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/d' } } }), layer: 'inventory', path: 'web', field: 'persistence.data.volume' },
  { name: 'LB address outside every pool', build: withWeb((c) => raw(c, 's', service('web', { type: 'LoadBalancer' }, { 'metallb.io/loadBalancerIPs': '10.0.9.1' }))), layer: 'inventory', path: 's', field: 'metadata.annotations.metallb.io/loadBalancerIPs' },
  { name: 'LB address outside the pool it names', build: withWeb((c) => raw(c, 's', service('web', { type: 'LoadBalancer' }, { 'metallb.io/address-pool': 'dns', 'metallb.io/loadBalancerIPs': '10.0.8.11' }))), layer: 'inventory', path: 's', field: 'metadata.annotations.metallb.io/loadBalancerIPs' },
  { name: 'LB naming a pool the site lacks', build: withWeb((c) => raw(c, 's', service('web', { type: 'LoadBalancer' }, { 'metallb.io/address-pool': 'public', 'metallb.io/loadBalancerIPs': '10.0.8.11' }))), layer: 'inventory', path: 's', field: 'metadata.annotations.metallb.io/loadBalancerIPs' },
  { name: 'LB address that is no IPv4 address', build: withWeb((c) => raw(c, 's', service('web', { type: 'LoadBalancer', loadBalancerIP: '10.0.8.300' }))), layer: 'inventory', path: 's', field: 'spec.loadBalancerIP' },
  {
    name: 'LB address taken twice in a cluster',
    build: (c) => {
      web('a', { loadBalancer: { address: lab.pools.vips.at('10.0.8.12') } })(c);
      web('b', { loadBalancer: { address: lab.pools.vips.at('10.0.8.12') } })(c);
    },
    layer: 'inventory', path: 'b', field: 'loadBalancer.address',
  },
  {
    name: 'LB address taken twice across clusters of the site',
    build: (c, app) => {
      web('a', { loadBalancer: { address: lab.pools.vips.at('10.0.8.13') } })(c);
      web('b', { loadBalancer: { address: lab.pools.vips.at('10.0.8.13') } })(labCluster(app, 'edge'));
    },
    layer: 'inventory', path: 'b', field: 'loadBalancer.address',
  },
  {
    name: 'duplicate host names in the site',
    build: (_c, app) => {
      const twin = host('gpu1', { arch: 'amd64', address: '10.0.4.99' });
      labCluster(app, 'edge', { site: site('twins', { domain: 'twins.test', hosts: [gpu1, twin] }), hosts: [gpu1, twin] });
    },
    layer: 'inventory', path: 'edge', field: 'site.hosts[1].name',
  },
  {
    name: 'two hosts on one address',
    build: (_c, app) => {
      const clash = host('clash', { arch: 'amd64', address: gpu1.address });
      labCluster(app, 'edge', { site: site('clash', { domain: 'clash.test', hosts: [gpu1, clash] }), hosts: [gpu1, clash] });
    },
    layer: 'inventory', path: 'edge', field: 'site.hosts[1].address',
  },
  {
    name: 'overlapping address pools',
    build: (_c, app) => {
      const overlapping = site('overlap', {
        domain: 'overlap.test', hosts: [gpu1],
        pools: { a: { first: '10.0.9.10', last: '10.0.9.20' }, b: { first: '10.0.9.20', last: '10.0.9.30' } },
      });
      labCluster(app, 'edge', { site: overlapping, hosts: [gpu1], loadBalancer: undefined });
    },
    layer: 'inventory', path: 'edge', field: 'site.pools.b',
  },
  {
    name: 'cluster node that is not a host of its site',
    build: (_c, app) => {
      labCluster(app, 'edge', { hosts: [gpu1, host('stray', { arch: 'amd64', address: '10.0.4.77' })] });
    },
    layer: 'inventory', path: 'edge', field: 'hosts[1]',
  },
  {
    name: 'LB address that the ingress holds',
    build: (c, app) => {
      web('a', { loadBalancer: { address: lab.pools.vips.at('10.0.8.14') } })(c);
      labCluster(app, 'edge', { routes: traefik({ address: lab.pools.vips.at('10.0.8.14') }) });
    },
    layer: 'inventory', path: 'edge', field: 'routes.address',
  },
  { name: 'two apps on one host name', build: (c) => { web('a', { route: { host: 'web' } })(c); web('b', { route: { host: 'web' } })(c); }, layer: 'inventory', path: 'b', field: 'route.host' },
  {
    name: 'two HTTPRoutes on one host name and path', gatewayCluster: true,
    build: (c) => { web('a', { route: { host: 'web', path: '/api' } })(c); web('b', { route: { host: 'web.lab.test', path: '/api' } })(c); },
    layer: 'inventory', path: 'b', field: 'route.path',
  },
  { name: 'route host name that is no DNS name', build: web('web', { route: { host: 'my_web.lab.test' } }), layer: 'props', path: 'web', field: 'route.host' },
  {
    name: 'two host-network apps on one port',
    build: (c) => {
      const exemptions = { hostNetwork: 'answers mDNS' };
      web('a', { exemptions, placement: { host: lab.hosts[0] } })(c);
      web('b', { exemptions, placement: { host: lab.hosts[0] } })(c);
    },
    layer: 'inventory', path: 'b', field: 'ports[0]',
  },
  {
    name: 'more host-port replicas than hosts',
    build: (c) => raw(c, 'w', goodDeployment('web', { containers: [goodContainer({ ports: [{ containerPort: 8080, hostPort: 8080 }] })] }, { replicas: 3 }, { 'security.homelab.dev/host-network': 'exposes the port on the node' })),
    layer: 'inventory', path: 'w', field: 'spec.template.spec.containers[0].ports[0]',
  },
  { name: 'object name that is no DNS name', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Web_App', namespace: 'web' } }), layer: 'inventory', path: 'cm', field: 'metadata.name' },
  { name: 'object name over 253 characters', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${'x'.repeat(253)}`, namespace: 'web' } }), layer: 'inventory', path: 'cm', field: 'metadata.name' },
  { name: 'Service name starting with a digit', build: withWeb((c) => raw(c, 'svc', service('1web'))), layer: 'inventory', path: 'svc', field: 'metadata.name' },
  { name: 'namespace name over 63 characters', build: (c) => raw(c, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `n${'s'.repeat(63)}` } }), layer: 'inventory', path: 'ns', field: 'metadata.name' },
  { name: 'port name over 15 characters', build: guarded(web('web', { ports: [{ name: 'administration-ui', port: 8080 }] })), layer: 'props', path: 'web', field: 'ports[0].name' },
  { name: 'label value with a space', build: guarded(web('web', { labels: { team: 'media team' } })), layer: 'props', path: 'web', field: 'labels.team' },
];

export const POLICY_CASES: BadInput[] = [
  { name: 'image on the latest tag', build: guarded(web('web', { image: 'nginxinc/nginx-unprivileged:latest' })), layer: 'props', path: 'web', field: 'image' },
  { name: 'image without a tag', build: guarded(web('web', { image: 'ghcr.io/home/web' })), layer: 'props', path: 'web', field: 'image' },
  { name: 'registry port mistaken for a tag', build: guarded(web('web', { image: 'registry.lab.test:5000/web' })), layer: 'props', path: 'web', field: 'image' },
  { name: 'container without a cpu request', build: (c) => raw(c, 'w', podWith({ resources: { requests: { memory: '64Mi' }, limits: { memory: '64Mi' } } })), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].resources.requests.cpu' },
  { name: 'container without a memory limit', build: (c) => raw(c, 'w', podWith({ resources: { requests: { cpu: '10m', memory: '64Mi' } } })), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].resources.limits.memory' },
  { name: 'init container without resources', build: (c) => raw(c, 'w', podWith({}, { initContainers: [{ ...goodContainer(), name: 'init', resources: undefined, ports: undefined, readinessProbe: undefined }] })), layer: 'policy', path: 'w', field: 'spec.template.spec.initContainers[0].resources.requests.memory' },
  { name: 'container behind a Service without readiness probe', build: web('web', { probes: { readiness: false }, exemptions: { probes: 'starts slowly' } }), layer: 'policy', path: 'web', field: 'probes.readiness' },
  { name: 'RWO claim with 3 replicas', build: web('web', { replicas: 3, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/d' } } }), layer: 'policy', path: 'web', field: 'replicas' },
  { name: 'RWOP claim rolled out with RollingUpdate', build: web('web', { strategy: 'RollingUpdate', persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi', accessMode: 'ReadWriteOncePod' }), mountPath: '/d' } } }), layer: 'policy', path: 'web', field: 'strategy' },
  { name: 'plaintext Secret', build: (c) => raw(c, 's', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2' } }), layer: 'policy', path: 's', field: 'stringData.password' },
  { name: 'Secret with sops metadata but a clear value', build: (c) => raw(c, 's', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, data: { password: 'aHVudGVyMg==' }, sops: { mac: 'ENC[AES256_GCM,data:x,type:str]', version: '3.9.0' } }), layer: 'policy', path: 's', field: 'data.password' },
  { name: 'SealedSecret with a clear template value', build: (c) => raw(c, 's', { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db', namespace: 'web' }, spec: { encryptedData: { password: SEALED }, template: { data: { user: 'admin' } } } }), layer: 'policy', path: 's', field: 'spec.template.data.user' },
  { name: 'SealedSecret given a plaintext value', build: (c) => new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: 'hunter2' } }), layer: 'policy', path: 'db', field: 'encryptedData.password' },
  { name: 'SOPS Secret that is not encrypted', build: (c) => new SopsSecret(c, 'db', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, data: { password: 'aHVudGVyMg==' } } }), layer: 'policy', path: 'db', field: 'manifest.sops' },
  {
    name: 'SOPS Secret whose key order the output would change',
    build: (c) => new SopsSecret(c, 'db', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'web', name: 'db' }, data: { password: 'ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]' }, sops: { mac: 'ENC[AES256_GCM,data:m,type:str]' } } }),
    layer: 'policy', path: 'db', field: 'manifest',
  },
  { name: 'literal value under DB_PASSWORD', build: guarded(web('web', { env: { DB_PASSWORD: 'hunter2' } })), layer: 'props', path: 'web', field: 'env.DB_PASSWORD' },
  { name: 'literal value under API_KEY', build: guarded(web('web', { env: { API_KEY: 'abc123', LOG_LEVEL: 'info' } })), layer: 'props', path: 'web', field: 'env.API_KEY' },
  { name: 'database URL with its password in an env value', build: guarded(web('web', { env: { DATABASE_URL: 'postgres://app:hunter2@db:5432/app' } })), layer: 'props', path: 'web', field: 'env.DATABASE_URL' },
  ...([
    ['a YAML config file with a password', 'server:\n  port: 8080\ndatabase:\n  password: hunter2\n'],
    ['a JSON config file with an API key', '{\n  "apiKey": "abc123def",\n  "port": 80\n}\n'],
    ['an INI config file with a secret key', '[auth]\nsecret_key = s3cr3t\n'],
    ['an env file with a password', 'DB_HOST=db\nDB_PASSWORD=hunter2\n'],
  ] as const).map(([what, file]): BadInput => ({
    name: `ConfigMap with ${what}`,
    build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { 'app.conf': file } }),
    layer: 'policy', path: 'cm', field: 'data.app.conf',
  })),
  { name: 'ConfigMap with a password under a secret-looking key', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { 'log.level': 'info', 'db.password': 'hunter2' } }), layer: 'policy', path: 'cm', field: 'data.db.password' },
  { name: 'ConfigMap with a URL that carries its password', build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { dsn: 'mysql://root:toor@db:3306/app' } }), layer: 'policy', path: 'cm', field: 'data.dsn' },
  { name: 'password flag with its value in args', build: guarded(web('web', { args: ['--listen=:8080', '--admin-password=hunter2'] })), layer: 'props', path: 'web', field: 'args[1]' },
  { name: 'URL with a password in the command', build: guarded(web('web', { command: ['backup', 'mysql://root:toor@db/app'] })), layer: 'props', path: 'web', field: 'command[1]' },
  { name: 'literal value under oauth_client_secret', build: (c) => raw(c, 'w', podWith({ env: [{ name: 'oauth_client_secret', value: 's3cr3t' }] })), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].env[0].value' },
  { name: 'host network without exemption', build: (c) => raw(c, 'w', podWith({}, { hostNetwork: true })), layer: 'policy', path: 'w', field: 'spec.template.spec.hostNetwork' },
  { name: 'privileged container without exemption', build: (c) => raw(c, 'w', podWith(secureContext({ privileged: true }))), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].securityContext.privileged' },
  { name: 'root container without exemption', build: (c) => raw(c, 'w', podWith(secureContext({ runAsNonRoot: false }), { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].securityContext.runAsNonRoot' },
  { name: 'privilege escalation without exemption', build: (c) => raw(c, 'w', podWith(secureContext({ allowPrivilegeEscalation: true }))), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation' },
  { name: 'writable root filesystem without exemption', build: (c) => raw(c, 'w', podWith(secureContext({ readOnlyRootFilesystem: false }))), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem' },
  { name: 'added capability without exemption', build: (c) => raw(c, 'w', podWith(secureContext({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }))), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]' },
  { name: 'capabilities not dropped', build: (c) => raw(c, 'w', podWith(secureContext({ capabilities: {} }))), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].securityContext.capabilities.drop' },
  { name: 'no seccomp profile', build: (c) => raw(c, 'w', podWith(secureContext({ seccompProfile: undefined }), { securityContext: { runAsNonRoot: true } })), layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].securityContext.seccompProfile.type' },
  { name: 'host path without exemption', build: (c) => raw(c, 'w', podWith({}, { volumes: [{ name: 'dev', hostPath: { path: '/dev/dri' } }] })), layer: 'policy', path: 'w', field: 'spec.template.spec.volumes[0].hostPath' },
  { name: 'exemption whose namespace does not allow it', build: (c) => raw(c, 'w', podWith({}, { hostNetwork: true }, { 'security.homelab.dev/host-network': 'mDNS' })), layer: 'policy', path: 'w', field: 'spec.template.spec' },
  { name: 'namespace enforcing privileged without a reason', build: (c) => raw(c, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'wide', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } }), layer: 'policy', path: 'ns', field: 'metadata.annotations.security.homelab.dev/pod-security-reasons' },
  { name: 'namespace enforcing no level', build: (c) => raw(c, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bare' } }), layer: 'policy', path: 'ns', field: 'metadata.labels.pod-security.kubernetes.io/enforce' },
];

/** Mistakes the schema layer catches: wrong field names, wrong types, missing fields. */
export const SCHEMA_CASES: BadInput[] = [
  // Values the core definitions give only in prose, checked as enums (they need the upstream schemas).
  { name: 'claim access mode abbreviated', build: (c) => raw(c, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' }, spec: { accessModes: ['RWO'], resources: { requests: { storage: '1Gi' } } } }), layer: 'schema', path: 'pvc', field: 'spec.accessModes[0]' },
  { name: 'image pull policy misspelt', build: (c) => raw(c, 'workload', podWithContainer({ imagePullPolicy: 'IfNotPresnt' })), layer: 'schema', path: 'workload', field: 'spec.template.spec.containers[0].imagePullPolicy' },
  { name: 'Service type in lower case', build: withWeb((c) => raw(c, 's', service('web', { type: 'loadbalancer' }))), layer: 'schema', path: 's', field: 'spec.type' },
  { name: 'toleration effect misspelt', build: (c) => raw(c, 'workload', podWithContainer({}, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedul' }] })), layer: 'schema', path: 'workload', field: 'spec.template.spec.tolerations[0].effect' },
  { name: 'Service port protocol HTTP', build: withWeb((c) => raw(c, 's', service('web', { ports: [{ port: 80, targetPort: 8080, protocol: 'HTTP' }] }))), layer: 'schema', path: 's', field: 'spec.ports[0].protocol' },
  { name: 'App route host in capitals, through the Gateway API', gatewayCluster: true, build: web('web', { route: { host: 'Web' } }), layer: 'props', path: 'web', field: 'route.host' },
  { name: 'misspelt containers', build: (c) => raw(c, 'w', goodDeployment('web', { containers: undefined, contianers: [goodContainer()] })), layer: 'schema', path: 'w', field: /spec\.template\.spec/ },
  { name: 'replicas as a string', build: (c) => raw(c, 'w', goodDeployment('web', {}, { replicas: 'three' })), layer: 'schema', path: 'w', field: /spec\.replicas/ },
  { name: 'containerPort as a string', build: (c) => raw(c, 'w', podWith({ ports: [{ containerPort: '8080' }] })), layer: 'schema', path: 'w', field: /containers\[0\]\.ports\[0\]/ },
  { name: 'container without an image field name', build: (c) => raw(c, 'w', podWith({ image: undefined, img: 'nginxinc/nginx-unprivileged:1.27.0' })), layer: 'schema', path: 'w', field: /containers\[0\]/ },
  { name: 'unknown field in a Service port', build: withWeb((c) => raw(c, 's', service('web', { ports: [{ port: 80, targetport: 8080 }] }))), layer: 'schema', path: 's', field: /spec\.ports\[0\]/ },
  { name: 'IngressRoute with an unknown field', build: (c) => raw(c, 'r', { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'web' }, spec: { route: [] } }), layer: 'schema', path: 'r', field: /spec/ },
];

/** The cluster props a case runs with. */
export function clusterFor(testCase: BadInput, app: CdkApp): ClusterChart {
  return testCase.gatewayCluster
    ? labCluster(app, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [GATEWAY_IMPLEMENTATION] })
    : labCluster(app, 'main');
}
