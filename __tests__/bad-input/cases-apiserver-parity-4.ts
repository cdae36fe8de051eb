import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw, serviceManifest } from './lab';

// Fields of Services, Ingresses, NetworkPolicies, claims and volumes, Jobs and autoscalers that the API
// server refuses by its own Go validation (ValidateService, ValidateIngressSpec, ValidateNetworkPolicy,
// ValidatePersistentVolume(Claim)Spec, ValidateJob, ValidateHorizontalPodAutoscaler) although their
// OpenAPI schema allows them: reported on the field the user wrote, as the API server would.

/** Adds `manifest` as `w`, beside the good Deployment `web` it may select. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart): void => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'w', manifest);
};
const service = (spec: Record<string, unknown>) => w(serviceManifest('web', spec));
const ingress = (spec: Record<string, unknown>) => w({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' }, spec });
/** An Ingress spec with one rule for `host` whose one path is `/` to Service web:80, changed by `path`. */
const oneRule = (path: Record<string, unknown>, host = 'web.lab.test') => ({
  rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } }, ...path }] } }],
});
const PATH = 'spec.rules[0].http.paths[0]';
const policy = (spec: Record<string, unknown>) => w({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'web' }, spec: { podSelector: {}, ...spec } });
const claim = (spec: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'disk', namespace: 'web' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } }, ...spec },
});
const volume = (spec: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' },
  spec: { accessModes: ['ReadWriteMany'], capacity: { storage: '1Ti' }, storageClassName: 'manual', ...spec },
});
/** A Job that runs the good container once; `spec` adds to its spec. */
const job = (spec: Record<string, unknown>) => w({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'web' },
  spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [goodContainer()], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } } },
});
const autoscaler = (spec: Record<string, unknown>) => w({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, ...spec },
});
const cpu = (target: Record<string, unknown>) => ({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target } }] });
const PODS_SOURCE = { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } };
const scaleDown = (rules: Record<string, unknown>) => ({ behavior: { scaleDown: rules } });

/** A case of the hand-written object `w`, reported by the schema layer. */
const at = (name: string, build: (c: ClusterChart) => void, field: string, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'w', field, hint });

export const CASES: BadInput[] = [
  // Service (ValidateService).
  at('a Service port whose appProtocol has a space', service({ ports: [{ name: 'http', port: 80, targetPort: 8080, appProtocol: 'HTTP 2' }] }), 'spec.ports[0].appProtocol'),
  at('a ClientIP affinity lasting more than a day', service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 100_000 } } }),
    'spec.sessionAffinityConfig.clientIP.timeoutSeconds', /86400/),
  at('a load-balancer source range written as a bare address', service({ type: 'LoadBalancer', loadBalancerSourceRanges: ['192.168.1.10'] }),
    'spec.loadBalancerSourceRanges[0]', /192\.168\.1\.10\/32/),
  at('a Service listing IPv4 twice', service({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv4'] }), 'spec.ipFamilies[1]'),
  at('a SingleStack Service with two address families', service({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }), 'spec.ipFamilies', /PreferDualStack/),
  at('clusterIPs that do not begin with the clusterIP', service({ clusterIP: '10.43.0.10', clusterIPs: ['10.43.0.11'] }), 'spec.clusterIPs[0]'),
  at('a health-check node port on a LoadBalancer of policy Cluster', service({ type: 'LoadBalancer', healthCheckNodePort: 30100 }), 'spec.healthCheckNodePort', /Local/),
  at('allocateLoadBalancerNodePorts on a ClusterIP Service', service({ allocateLoadBalancerNodePorts: false }), 'spec.allocateLoadBalancerNodePorts'),
  // Ingress (ValidateIngressSpec).
  at('an Ingress with neither rules nor a default backend', ingress({ ingressClassName: 'traefik' }), 'spec.rules'),
  at('an Ingress host that is an IP address', ingress(oneRule({}, '192.168.1.10')), 'spec.rules[0].host', /DNS name/),
  at('an Ingress host in capitals', ingress(oneRule({}, 'Web.lab.test')), 'spec.rules[0].host'),
  at('an Ingress host with a wildcard inside', ingress(oneRule({}, 'web.*.lab.test')), 'spec.rules[0].host', /\*\.lab\.example/),
  at('an Ingress TLS host with an underscore', ingress({ ...oneRule({}), tls: [{ hosts: ['web_ui.lab.test'], secretName: 'web-tls' }] }), 'spec.tls[0].hosts[0]'),
  at('an Ingress TLS Secret name with an underscore', ingress({ ...oneRule({}), tls: [{ hosts: ['web.lab.test'], secretName: 'web_tls' }] }), 'spec.tls[0].secretName'),
  at('an Ingress with the class annotation beside ingressClassName', w({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web', annotations: { 'kubernetes.io/ingress.class': 'traefik' } },
    spec: { ...oneRule({}), ingressClassName: 'traefik' },
  }), 'metadata.annotations.kubernetes.io/ingress.class', /drop the annotation/),
  at('an IngressClass name in capitals', ingress({ ...oneRule({}), ingressClassName: 'Traefik' }), 'spec.ingressClassName'),
  at('an HTTP rule without paths', ingress({ rules: [{ host: 'web.lab.test', http: { paths: [] } }] }), 'spec.rules[0].http.paths'),
  at('an Ingress backend naming nothing', ingress(oneRule({ backend: {} })), `${PATH}.backend`),
  at('an Ingress backend Service in capitals', ingress(oneRule({ backend: { service: { name: 'Web', port: { number: 80 } } } })), `${PATH}.backend.service.name`),
  at('an Ingress backend without its Service port', ingress(oneRule({ backend: { service: { name: 'web', port: {} } } })), `${PATH}.backend.service.port`),
  at('an Ingress backend port above 65535', ingress(oneRule({ backend: { service: { name: 'web', port: { number: 80_800 } } } })), `${PATH}.backend.service.port.number`),
  at('an Ingress backend port name with an underscore', ingress(oneRule({ backend: { service: { name: 'web', port: { name: 'web_ui' } } } })), `${PATH}.backend.service.port.name`),
  // NetworkPolicy (ValidateNetworkPolicy).
  at('a NetworkPolicy port name in capitals', policy({ ingress: [{ ports: [{ port: 'HTTP' }] }] }), 'spec.ingress[0].ports[0].port'),
  at('a NetworkPolicy peer with an ipBlock and a podSelector', policy({ ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24' }, podSelector: {} }] }] }), 'spec.ingress[0].from[0]', /two peers/),
  at('a NetworkPolicy peer that names nothing', policy({ egress: [{ to: [{}] }] }), 'spec.egress[0].to[0]'),
  // Claims and volumes (ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeSpec).
  at('a claim mixing ReadWriteOncePod with ReadWriteOnce', claim({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] }), 'spec.accessModes'),
  at('a claim of a StorageClass name with an underscore', claim({ storageClassName: 'local_path' }), 'spec.storageClassName'),
  at('a PersistentVolume of an NFS export without its leading slash', volume({ nfs: { server: 'nas.lab.test', path: 'export/media' } }), 'spec.nfs.path', /\/export\/media/),
  at('a PersistentVolume of a host path climbing with ..', volume({ hostPath: { path: '/srv/../etc' } }), 'spec.hostPath.path'),
  at('a PersistentVolume mixing ReadWriteOncePod with ReadOnlyMany', volume({ accessModes: ['ReadOnlyMany', 'ReadWriteOncePod'], nfs: { server: 'nas.lab.test', path: '/export' } }), 'spec.accessModes'),
  // Jobs (ValidateJob).
  at('a backoff limit per index on a Job that is not Indexed', job({ backoffLimitPerIndex: 1 }), 'spec.backoffLimitPerIndex', /Indexed/),
  at('maxFailedIndexes without a backoff limit per index', job({ completionMode: 'Indexed', completions: 3, maxFailedIndexes: 1 }), 'spec.maxFailedIndexes'),
  at('a Job pod replacement policy the API server does not know', job({ podReplacementPolicy: 'Never' }), 'spec.podReplacementPolicy'),
  // HorizontalPodAutoscaler (ValidateHorizontalPodAutoscaler).
  at('an autoscaler whose target has no name', autoscaler({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: '' } }), 'spec.scaleTargetRef.name'),
  at('an autoscaler metric type in lower case', autoscaler({ metrics: [{ type: 'resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] }), 'spec.metrics[0].type'),
  at('an autoscaler Resource metric without its resource', autoscaler({ metrics: [{ type: 'Resource', pods: PODS_SOURCE }] }), 'spec.metrics[0].resource'),
  at('an autoscaler Resource metric with a pods source beside it', autoscaler({ metrics: [{ ...cpu({ type: 'Utilization', averageUtilization: 80 }).metrics[0], pods: PODS_SOURCE }] }), 'spec.metrics[0].pods'),
  at('an autoscaler target type the API server does not know', autoscaler(cpu({ type: 'Percent', averageUtilization: 80 })), 'spec.metrics[0].resource.target.type'),
  at('an autoscaler aiming at 0 % utilization', autoscaler(cpu({ type: 'Utilization', averageUtilization: 0 })), 'spec.metrics[0].resource.target.averageUtilization'),
  at('an autoscaler aiming at an average value of 0', autoscaler(cpu({ type: 'AverageValue', averageValue: '0' })), 'spec.metrics[0].resource.target.averageValue'),
  at('an autoscaler Resource metric aiming at nothing', autoscaler(cpu({ type: 'Utilization' })), 'spec.metrics[0].resource.target.averageUtilization'),
  at('an autoscaler Resource metric aiming at a utilization and a value', autoscaler(cpu({ type: 'Utilization', averageUtilization: 80, averageValue: '500m' })), 'spec.metrics[0].resource.target.averageValue'),
  at('an autoscaler select policy the API server does not know', autoscaler(scaleDown({ selectPolicy: 'Maximum' })), 'spec.behavior.scaleDown.selectPolicy'),
  at('an autoscaler stabilization window longer than an hour', autoscaler(scaleDown({ stabilizationWindowSeconds: 7200 })), 'spec.behavior.scaleDown.stabilizationWindowSeconds', /3600/),
  at('an autoscaler policy of period 0', autoscaler(scaleDown({ policies: [{ type: 'Pods', value: 1, periodSeconds: 0 }] })), 'spec.behavior.scaleDown.policies[0].periodSeconds'),
  at('an autoscaler policy that removes no pod', autoscaler(scaleDown({ policies: [{ type: 'Percent', value: 0, periodSeconds: 60 }] })), 'spec.behavior.scaleDown.policies[0].value'),
];
