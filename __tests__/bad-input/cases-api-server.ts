import { ApiObject } from 'cdk8s';
import { AppVolume, SealedSecret } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodDeployment, guarded, labApp, podWithContainer, raw, serviceManifest } from './lab';

// Objects the API server refuses for rules its OpenAPI schema does not carry: pod fields, lifecycle hooks,
// label selectors, RBAC, autoscalers and the small cluster-wide kinds.
const P = CONTAINER;
const POD = 'spec.template.spec';
const w = (manifest: Record<string, unknown>) => (c: Parameters<BadInput['build']>[0]) => raw(c, 'w', manifest);
const pod = (spec: Record<string, unknown>) => w(goodDeployment('web', spec));
const withWeb = (id: string, manifest: Record<string, unknown>): BadInput['build'] => (c) => {
  raw(c, 'workload', goodDeployment());
  raw(c, id, manifest);
};
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { 'app.yaml': 'level: info' } };
const withSettings = (spec: Record<string, unknown>): BadInput['build'] => (c) => {
  raw(c, 'settings', configMap);
  raw(c, 'w', goodDeployment('web', spec));
};
const policy = (spec: Record<string, unknown>) => w({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'web' }, spec: { podSelector: {}, ...spec } });
const RBAC = 'rbac.authorization.k8s.io';
const role = (kind: 'Role' | 'ClusterRole', rules: unknown[]) =>
  w({ apiVersion: `${RBAC}/v1`, kind, metadata: { name: 'reader', ...(kind === 'Role' ? { namespace: 'web' } : {}) }, rules });
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', subjects: unknown[], roleKind = 'ClusterRole') => w({
  apiVersion: `${RBAC}/v1`, kind, metadata: { name: 'readers', ...(kind === 'RoleBinding' ? { namespace: 'web' } : {}) },
  roleRef: { apiGroup: RBAC, kind: roleKind, name: 'view' }, subjects,
});
const autoscaler = (spec: Record<string, unknown>) => withWeb('hpa', {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...spec },
});

/** A kind a controller defines in the cluster from `definition`, and an object of that kind. */
export const generated = (definition: Record<string, unknown>, object: Record<string, unknown>): BadInput['build'] => (c) => {
  new ApiObject(c.platform.configScope('definitions'), 'definition', definition as any);
  raw(c, 'w', object);
};
export const XRD = {
  apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition', metadata: { name: 'xbuckets.storage.lab.test' },
  spec: {
    group: 'storage.lab.test', names: { kind: 'XBucket', plural: 'xbuckets' }, claimNames: { kind: 'Bucket', plural: 'buckets' },
    versions: [{ name: 'v1alpha1', served: true, referenceable: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { sizeGigabytes: { type: 'integer' } } } } } } }],
  },
};
export const TEMPLATE = {
  apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8sallowedrepos' },
  spec: {
    crd: { spec: { names: { kind: 'K8sAllowedRepos' }, validation: { openAPIV3Schema: { type: 'object', properties: { repos: { type: 'array', items: { type: 'string' } } } } } } },
    targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: 'package k8sallowedrepos\nviolation[{"msg": "no"}] { false }\n' }],
  },
};

export const CASES: BadInput[] = [
  // Versions and kinds Kubernetes 1.30 does not serve
  { name: 'HorizontalPodAutoscaler as autoscaling/v2beta2, which 1.26 removed', build: w({ apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 } }), layer: 'schema', path: 'w', field: 'apiVersion' },
  { name: 'a misspelled kind of apps/v1', build: w({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'web', namespace: 'web' }, spec: {} }), layer: 'schema', path: 'w', field: 'kind' },
  { name: 'Ingress as extensions/v1beta1', build: w({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' }, spec: {} }), layer: 'schema', path: 'w', field: 'apiVersion' },
  // Pods: host aliases, env sources, spreading
  { name: 'host alias with a name for its IP', build: pod({ hostAliases: [{ ip: 'nas', hostnames: ['nas.lab.test'] }] }), layer: 'schema', path: 'w', field: `${POD}.hostAliases[0].ip` },
  { name: 'env var with a value and a valueFrom', build: w(podWithContainer({ env: [{ name: 'POD', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })), layer: 'schema', path: 'w', field: `${P}.env[0].valueFrom` },
  { name: 'env var reading a pod field the downward API does not give', build: w(podWithContainer({ env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'metadata.nodeName' } } }] })), layer: 'schema', path: 'w', field: `${P}.env[0].valueFrom.fieldRef.fieldPath` },
  { name: 'topology spread with a skew of 0', build: pod({ topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] }), layer: 'schema', path: 'w', field: `${POD}.topologySpreadConstraints[0].maxSkew` },
  // Ingress backends
  { name: 'Ingress backend with a Service and a resource', build: withWeb('w', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' }, spec: { rules: [{ host: 'web.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } }, resource: { kind: 'Bucket', name: 'b' } } }] } }] } }), layer: 'schema', path: 'w', field: 'spec.rules[0].http.paths[0].backend' },
  { name: 'Ingress Service port given by number and name', build: withWeb('w', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' }, spec: { rules: [{ host: 'web.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80, name: 'http' } } } }] } }] } }), layer: 'schema', path: 'w', field: 'spec.rules[0].http.paths[0].backend.service.port' },
  // Services
  { name: 'ExternalName Service pointing at a URL', build: w(serviceManifest('ext', { type: 'ExternalName', externalName: 'https://nas.lab.test', selector: undefined, ports: undefined })), layer: 'schema', path: 'w', field: 'spec.externalName' },
  { name: 'ExternalName Service with a cluster IP', build: w(serviceManifest('ext', { type: 'ExternalName', externalName: 'nas.lab.test', clusterIP: '10.43.0.5', selector: undefined, ports: undefined })), layer: 'schema', path: 'w', field: 'spec.clusterIP' },
  { name: 'Service target port named beyond 15 characters', build: withWeb('w', serviceManifest('web', { ports: [{ name: 'http', port: 80, targetPort: 'http-for-the-web-app' }] })), layer: 'schema', path: 'w', field: 'spec.ports[0].targetPort' },
  { name: 'Service affinity settings without ClientIP affinity', build: withWeb('w', serviceManifest('web', { sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })), layer: 'schema', path: 'w', field: 'spec.sessionAffinityConfig' },
  { name: 'ClusterIP Service with load-balancer source ranges', build: withWeb('w', serviceManifest('web', { loadBalancerSourceRanges: ['10.0.0.0/8'] })), layer: 'schema', path: 'w', field: 'spec.loadBalancerSourceRanges' },
  // Other kinds
  { name: 'TLS Secret without its key', build: w({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'web' }, type: 'kubernetes.io/tls', data: {} }), layer: 'schema', path: 'w', field: 'data' },
  { name: 'Deployment with an empty container list', build: pod({ containers: [] }), layer: 'schema', path: 'w', field: `${POD}.containers` },
  { name: 'PersistentVolume without its size', build: w({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' }, spec: { accessModes: ['ReadWriteMany'], nfs: { server: '10.0.0.5', path: '/media' } } }), layer: 'schema', path: 'w', field: 'spec.capacity.storage' },
  { name: 'PersistentVolume with two sources', build: w({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' }, spec: { capacity: { storage: '1Ti' }, accessModes: ['ReadWriteMany'], hostPath: { path: '/media' }, nfs: { server: '10.0.0.5', path: '/media' } } }), layer: 'schema', path: 'w', field: 'spec.nfs' },
  { name: 'LimitRange whose default is above its max', build: w({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'web' }, spec: { limits: [{ type: 'Container', default: { memory: '2Gi' }, max: { memory: '1Gi' } }] } }), layer: 'schema', path: 'w', field: 'spec.limits[0].default.memory' },
  // Kinds a controller generates from another object of the cluster
  { name: 'Crossplane claim with a field its XRD does not declare', build: generated(XRD, { apiVersion: 'storage.lab.test/v1alpha1', kind: 'Bucket', metadata: { name: 'media', namespace: 'web' }, spec: { sizeGigabyte: 100 } }), layer: 'schema', path: 'w', field: 'spec' },
  { name: 'Crossplane claim with a size as text', build: generated(XRD, { apiVersion: 'storage.lab.test/v1alpha1', kind: 'Bucket', metadata: { name: 'media', namespace: 'web' }, spec: { sizeGigabytes: '100' } }), layer: 'schema', path: 'w', field: 'spec.sizeGigabytes' },
  { name: 'Gatekeeper constraint matching "namespace" instead of "namespaces"', build: generated(TEMPLATE, { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name: 'lab-registry' }, spec: { match: { namespace: ['web'] }, parameters: { repos: ['registry.lab.test/'] } } }), layer: 'schema', path: 'w', field: 'spec.match' },
  { name: 'Crossplane claim in the same layer as its XRD', build: (c) => { raw(c, 'definition', XRD); raw(c, 'w', { apiVersion: 'storage.lab.test/v1alpha1', kind: 'Bucket', metadata: { name: 'media', namespace: 'web' }, spec: { sizeGigabytes: 100 } }); }, layer: 'references', path: 'w', field: 'kind' },
  { name: 'Gatekeeper constraint with a parameter its template does not declare', build: generated(TEMPLATE, { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name: 'lab-registry' }, spec: { parameters: { repositories: ['registry.lab.test/'] } } }), layer: 'schema', path: 'w', field: 'spec.parameters' },
  // Pod fields
  { name: 'volume with two sources', build: pod({ volumes: [{ name: 'cache', emptyDir: {}, hostPath: { path: '/srv' } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].hostPath` },
  { name: 'ConfigMap volume item that climbs out with ..', build: withSettings({ volumes: [{ name: 'cfg', configMap: { name: 'settings', items: [{ key: 'app.yaml', path: '../app.yaml' }] } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].configMap.items[0].path` },
  { name: 'ConfigMap volume item at an absolute path', build: withSettings({ volumes: [{ name: 'cfg', configMap: { name: 'settings', items: [{ key: 'app.yaml', path: '/etc/app.yaml' }] } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].configMap.items[0].path` },
  { name: 'file mode 644 written in decimal', build: withSettings({ volumes: [{ name: 'cfg', configMap: { name: 'settings', defaultMode: 644 } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].configMap.defaultMode` },
  { name: 'projected item that climbs out with ..', build: withSettings({ volumes: [{ name: 'cfg', projected: { sources: [{ configMap: { name: 'settings', items: [{ key: 'app.yaml', path: 'a/../../b' }] } }] } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].projected.sources[0].configMap.items[0].path` },
  { name: 'hostPath volume that climbs with ..', build: pod({ volumes: [{ name: 'media', hostPath: { path: '/srv/../etc' } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].hostPath.path` },
  { name: 'NFS volume at a relative path', build: pod({ volumes: [{ name: 'media', nfs: { server: 'nas.lab.test', path: 'export/media' } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].nfs.path` },
  { name: 'App hostPath volume at a relative path', build: guarded(labApp('web', { persistence: { media: { volume: AppVolume.hostPath('media'), mountPath: '/media' } }, exemptions: { hostPath: 'the media disk' } })), layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /hostPath\('\/media'\)/ },
  { name: 'toleration Exists with a value', build: pod({ tolerations: [{ key: 'gpu', operator: 'Exists', value: 'true' }] }), layer: 'schema', path: 'w', field: `${POD}.tolerations[0].value` },
  { name: 'toleration Equal without a key', build: pod({ tolerations: [{ operator: 'Equal', value: 'true' }] }), layer: 'schema', path: 'w', field: `${POD}.tolerations[0].operator` },
  { name: 'tolerationSeconds on a NoSchedule toleration', build: pod({ tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] }), layer: 'schema', path: 'w', field: `${POD}.tolerations[0].tolerationSeconds` },
  { name: 'dnsPolicy None without nameservers', build: pod({ dnsPolicy: 'None' }), layer: 'schema', path: 'w', field: `${POD}.dnsConfig.nameservers` },
  { name: 'DNS nameserver that is no address', build: pod({ dnsConfig: { nameservers: ['dns.lab.test'] } }), layer: 'schema', path: 'w', field: `${POD}.dnsConfig.nameservers[0]` },
  { name: 'four DNS nameservers', build: pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'] } }), layer: 'schema', path: 'w', field: `${POD}.dnsConfig.nameservers` },
  { name: 'pod host name with an underscore', build: pod({ hostname: 'web_1' }), layer: 'schema', path: 'w', field: `${POD}.hostname` },
  // Containers
  { name: 'preStop hook with two handlers', build: w(podWithContainer({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] }, sleep: { seconds: 5 } } } })), layer: 'schema', path: 'w', field: `${P}.lifecycle.preStop` },
  { name: 'postStart hook without a handler', build: w(podWithContainer({ lifecycle: { postStart: {} } })), layer: 'schema', path: 'w', field: `${P}.lifecycle.postStart` },
  { name: 'absolute subPath', build: w(podWithContainer({ volumeMounts: [{ name: 'cache', mountPath: '/cache', subPath: '/web' }] }, { volumes: [{ name: 'cache', emptyDir: {} }] })), layer: 'schema', path: 'w', field: `${P}.volumeMounts[0].subPath` },
  { name: 'subPath that climbs out with ..', build: w(podWithContainer({ volumeMounts: [{ name: 'cache', mountPath: '/cache', subPath: '../web' }] }, { volumes: [{ name: 'cache', emptyDir: {} }] })), layer: 'schema', path: 'w', field: `${P}.volumeMounts[0].subPath` },
  { name: 'subPath and subPathExpr together', build: w(podWithContainer({ volumeMounts: [{ name: 'cache', mountPath: '/cache', subPath: 'web', subPathExpr: '$(POD_NAME)' }] }, { volumes: [{ name: 'cache', emptyDir: {} }] })), layer: 'schema', path: 'w', field: `${P}.volumeMounts[0].subPathExpr` },
  // Label selectors
  { name: 'NetworkPolicy selector In without values', build: policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }), layer: 'schema', path: 'w', field: 'spec.podSelector.matchExpressions[0].values' },
  { name: 'NetworkPolicy peer selector Exists with values', build: policy({ ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists', values: ['media'] }] } }] }] }), layer: 'schema', path: 'w', field: 'spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values' },
  { name: 'NetworkPolicy selector with a label value that has a space', build: policy({ podSelector: { matchLabels: { app: 'my web' } } }), layer: 'schema', path: 'w', field: 'spec.podSelector.matchLabels.app' },
  { name: 'NetworkPolicy port 0', build: policy({ ingress: [{ ports: [{ port: 0 }] }] }), layer: 'schema', path: 'w', field: 'spec.ingress[0].ports[0].port' },
  { name: 'Service selector value with a space', build: withWeb('s', serviceManifest('web', { selector: { app: 'web server' } })), layer: 'schema', path: 's', field: 'spec.selector.app' },
  { name: 'PodDisruptionBudget selector key with a space', build: withWeb('pdb', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'web' }, spec: { maxUnavailable: 1, selector: { matchLabels: { 'my app': 'web' } } } }), layer: 'schema', path: 'pdb', field: 'spec.selector.matchLabels.my app' },
  // Services
  { name: 'Service cluster IP that is no address', build: withWeb('s', serviceManifest('web', { clusterIP: '10.43.0.300' })), layer: 'schema', path: 's', field: 'spec.clusterIP' },
  { name: "hand-written node port outside the cluster's range", build: withWeb('s', serviceManifest('web', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 8080 }] })), layer: 'schema', path: 's', field: 'spec.ports[0].nodePort' },
  // RBAC
  { name: 'Role rule without verbs', build: role('Role', [{ apiGroups: [''], resources: ['pods'], verbs: [] }]), layer: 'schema', path: 'w', field: 'rules[0].verbs' },
  { name: 'Role rule with a non-resource URL', build: role('Role', [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]), layer: 'schema', path: 'w', field: 'rules[0].nonResourceURLs' },
  { name: 'ClusterRole rule with resources and non-resource URLs', build: role('ClusterRole', [{ apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/metrics'], verbs: ['get'] }]), layer: 'schema', path: 'w', field: 'rules[0].nonResourceURLs' },
  { name: 'ClusterRole resource rule without API groups', build: role('ClusterRole', [{ resources: ['pods'], verbs: ['get'] }]), layer: 'schema', path: 'w', field: 'rules[0].apiGroups' },
  { name: 'ClusterRole resource rule without resources', build: role('ClusterRole', [{ apiGroups: [''], verbs: ['get'] }]), layer: 'schema', path: 'w', field: 'rules[0].resources' },
  { name: 'ClusterRoleBinding ServiceAccount without a namespace', build: binding('ClusterRoleBinding', [{ kind: 'ServiceAccount', name: 'reader' }]), layer: 'schema', path: 'w', field: 'subjects[0].namespace' },
  { name: 'ClusterRoleBinding that binds a Role', build: binding('ClusterRoleBinding', [{ kind: 'ServiceAccount', name: 'reader', namespace: 'web' }], 'Role'), layer: 'schema', path: 'w', field: 'roleRef.kind' },
  { name: 'RoleBinding User subject without the RBAC API group', build: binding('RoleBinding', [{ kind: 'User', name: 'me' }]), layer: 'schema', path: 'w', field: 'subjects[0].apiGroup' },
  { name: 'RoleBinding ServiceAccount subject with an API group', build: binding('RoleBinding', [{ kind: 'ServiceAccount', name: 'reader', apiGroup: RBAC }]), layer: 'schema', path: 'w', field: 'subjects[0].apiGroup' },
  { name: 'RoleBinding ServiceAccount name with an underscore', build: binding('RoleBinding', [{ kind: 'ServiceAccount', name: 'my_reader' }]), layer: 'schema', path: 'w', field: 'subjects[0].name' },
  // Other kinds
  { name: 'autoscaler maximum below its minimum', build: autoscaler({ minReplicas: 3, maxReplicas: 2 }), layer: 'schema', path: 'hpa', field: 'spec.maxReplicas' },
  { name: 'autoscaler minimum of 0', build: autoscaler({ minReplicas: 0, maxReplicas: 2 }), layer: 'schema', path: 'hpa', field: 'spec.minReplicas' },
  { name: 'StorageClass provisioner with a space', build: w({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'slow' }, provisioner: 'local path' }), layer: 'schema', path: 'w', field: 'provisioner' },
  { name: 'PriorityClass above the highest user priority', build: w({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'urgent' }, value: 2_000_000_000 }), layer: 'schema', path: 'w', field: 'value' },
  { name: 'SealedSecret key with a space', build: guarded((c) => new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { 'db password': `Ag${'B'.repeat(720)}==` } })), layer: 'props', path: 'db', field: 'encryptedData.db password' },
  { name: 'ConfigMap above 1 MiB', build: w({ ...configMap, data: { 'big.txt': 'x'.repeat(1_100_000) } }), layer: 'schema', path: 'w', field: 'data' },
  { name: 'Secret above 1 MiB', build: w({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'big', namespace: 'web' }, data: { 'blob.bin': 'A'.repeat(1_500_000) } }), layer: 'schema', path: 'w', field: 'data' },
];

