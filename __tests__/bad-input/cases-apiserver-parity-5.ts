import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw } from './lab';

// Fields of Jobs and CronJobs, Ingress backends and IngressClasses, autoscaling/v1 autoscalers,
// PodDisruptionBudgets, PriorityClasses, RuntimeClasses, ResourceQuotas, LimitRanges, RBAC roles and bindings,
// ConfigMaps and Secrets, StorageClasses, Endpoints and EndpointSlices, and the metadata of every object
// that the API server refuses by its own Go validation (pkg/apis/*/validation and apimachinery's
// ValidateObjectMeta) although their OpenAPI schema allows them: reported on the field the user wrote.

/** Adds `manifest` as `w`, beside the good Deployment `web` it may select. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart): void => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'w', manifest);
};
const POD = { restartPolicy: 'Never', containers: [goodContainer()], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } };
const job = (spec: Record<string, unknown>) => w({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'web' }, spec: { ...spec, template: { spec: POD } },
});
const cron = (spec: Record<string, unknown>) => w({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'web' },
  spec: { schedule: '0 3 * * *', ...spec, jobTemplate: { spec: { template: { spec: POD } } } },
});
const ingress = (backend: Record<string, unknown>) => w({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
  spec: { ingressClassName: 'traefik', defaultBackend: backend },
});
const ingressClass = (spec: Record<string, unknown>) => w({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'lab' }, spec });
const PARAMETERS = { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'lab' };
const autoscalerV1 = (spec: Record<string, unknown>) => w({
  apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, ...spec },
});
const budget = (spec: Record<string, unknown>) => w({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});
const priorityClass = (fields: Record<string, unknown>) => w({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value: 1000, ...fields });
const runtimeClass = (fields: Record<string, unknown>) => w({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', ...fields });
const quota = (spec: Record<string, unknown>) => w({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'web', namespace: 'web' }, spec });
const limits = (limit: Record<string, unknown>) => w({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'web', namespace: 'web' }, spec: { limits: [limit] } });
const role = (kind: 'Role' | 'ClusterRole', rule: Record<string, unknown>) => w({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'reader', ...(kind === 'Role' ? { namespace: 'web' } : {}) }, rules: [rule],
});
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', fields: Record<string, unknown>) => w({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'reader', ...(kind === 'RoleBinding' ? { namespace: 'web' } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
  subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'web' }], ...fields,
});
const configMap = (fields: Record<string, unknown>) => w({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, ...fields });
const secret = (fields: Record<string, unknown>) => w({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'web' }, ...fields });
const storageClass = (fields: Record<string, unknown>) => w({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path', ...fields });
const endpoints = (subset: Record<string, unknown>) => w({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'nas', namespace: 'web' }, subsets: [subset] });
const slice = (fields: Record<string, unknown>) => w({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
  addressType: 'IPv4', endpoints: [{ addresses: ['192.168.1.20'] }], ports: [{ name: 'nfs', port: 2049, protocol: 'TCP' }], ...fields,
});
const configWith = (metadata: Record<string, unknown>) => w({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web', ...metadata }, data: { a: 'b' } });

/** A case of the hand-written object `w`, reported by the schema layer. */
const at = (name: string, build: (c: ClusterChart) => void, field: string, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'w', field, hint });

export const CASES: BadInput[] = [
  // Jobs and CronJobs (ValidateJob, ValidateCronJob).
  at('an Indexed Job of more than 100 000 pods at once', job({ completionMode: 'Indexed', completions: 200_000, parallelism: 200_000 }), 'spec.parallelism', /100000/),
  at('an Indexed Job with a backoff limit per index, over 100 000 completions and 20 000 pods at once', job({ completionMode: 'Indexed', completions: 200_000, parallelism: 20_000, backoffLimitPerIndex: 1 }), 'spec.parallelism', /10000/),
  at('an Indexed Job that may fail more indexes than it has', job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 5 }), 'spec.maxFailedIndexes'),
  at('a CronJob with a negative starting deadline', cron({ startingDeadlineSeconds: -10 }), 'spec.startingDeadlineSeconds'),
  at('a CronJob keeping a negative number of successful jobs', cron({ successfulJobsHistoryLimit: -1 }), 'spec.successfulJobsHistoryLimit'),
  at('a CronJob keeping a negative number of failed jobs', cron({ failedJobsHistoryLimit: -1 }), 'spec.failedJobsHistoryLimit'),
  at('a CronJob schedule with TZ= beside a timeZone', cron({ schedule: 'TZ=Europe/Berlin 0 3 * * *', timeZone: 'Europe/Berlin' }), 'spec.schedule'),
  at('a CronJob schedule with CRON_TZ=', cron({ schedule: 'CRON_TZ=Europe/Berlin 0 3 * * *' }), 'spec.schedule'),
  at('a CronJob time zone that is no IANA zone', cron({ timeZone: 'Mars/Olympus' }), 'spec.timeZone'),
  // Ingress resource backends and IngressClasses (ValidateIngressSpec, ValidateIngressClass).
  at('an Ingress backend with a Service and a resource', ingress({ service: { name: 'web', port: { number: 80 } }, resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } }), 'spec.defaultBackend'),
  at('an Ingress resource backend without its kind', ingress({ resource: { apiGroup: 'k8s.example.com', name: 'assets' } }), 'spec.defaultBackend.resource'),
  at('an Ingress resource backend of an empty kind', ingress({ resource: { apiGroup: 'k8s.example.com', kind: '', name: 'assets' } }), 'spec.defaultBackend.resource.kind'),
  at('an Ingress resource backend without its name', ingress({ resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: '' } }), 'spec.defaultBackend.resource.name'),
  at('an Ingress resource backend whose API group has a slash', ingress({ resource: { apiGroup: 'k8s.example.com/v1', kind: 'StorageBucket', name: 'assets' } }), 'spec.defaultBackend.resource.apiGroup'),
  at('an IngressClass controller without a domain', ingressClass({ controller: 'traefik' }), 'spec.controller', /traefik\.io\/ingress-controller/),
  at('an IngressClass controller with a space', ingressClass({ controller: 'example.com/ingress controller' }), 'spec.controller'),
  at('an IngressClass without its controller', ingressClass({}), 'spec.controller'),
  at('IngressClass parameters of scope Namespace without a namespace', ingressClass({ controller: 'traefik.io/ingress-controller', parameters: { ...PARAMETERS, scope: 'Namespace' } }), 'spec.parameters.namespace'),
  at('IngressClass parameters of scope Cluster with a namespace', ingressClass({ controller: 'traefik.io/ingress-controller', parameters: { ...PARAMETERS, scope: 'Cluster', namespace: 'web' } }), 'spec.parameters.namespace'),
  at('IngressClass parameters of a scope the API server does not know', ingressClass({ controller: 'traefik.io/ingress-controller', parameters: { ...PARAMETERS, scope: 'Global' } }), 'spec.parameters.scope'),
  at('IngressClass parameters without their kind', ingressClass({ controller: 'traefik.io/ingress-controller', parameters: { apiGroup: 'k8s.example.com', name: 'lab' } }), 'spec.parameters'),
  at('IngressClass parameters whose name has a slash', ingressClass({ controller: 'traefik.io/ingress-controller', parameters: { ...PARAMETERS, name: 'lab/main' } }), 'spec.parameters.name'),
  // HorizontalPodAutoscaler autoscaling/v1.
  at('an autoscaling/v1 autoscaler aiming at 0 % CPU', autoscalerV1({ targetCPUUtilizationPercentage: 0 }), 'spec.targetCPUUtilizationPercentage'),
  at('an autoscaling/v1 autoscaler of no replicas at least', autoscalerV1({ minReplicas: 0 }), 'spec.minReplicas'),
  at('an autoscaling/v1 autoscaler whose maximum is below its minimum', autoscalerV1({ minReplicas: 4 }), 'spec.maxReplicas'),
  // PodDisruptionBudget, PriorityClass, RuntimeClass.
  at('a budget eviction policy the API server does not know', budget({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Always' }), 'spec.unhealthyPodEvictionPolicy'),
  at('a budget selector with an In expression of no values', budget({ minAvailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }), 'spec.selector.matchExpressions[0].values'),
  at('a PriorityClass below the lowest priority', priorityClass({ value: -3_000_000_000 }), 'value'),
  at('a PriorityClass preemption policy the API server does not know', priorityClass({ preemptionPolicy: 'Always' }), 'preemptionPolicy'),
  at('a RuntimeClass handler with an underscore', runtimeClass({ handler: 'run_sc' }), 'handler'),
  at('a RuntimeClass overhead that is negative', runtimeClass({ overhead: { podFixed: { memory: '-64Mi' } } }), 'overhead.podFixed.memory'),
  at('a RuntimeClass overhead of a resource with no valid name', runtimeClass({ overhead: { podFixed: { 'cpu cores': '250m' } } }), 'overhead.podFixed.cpu cores'),
  at('a RuntimeClass node selector key with a space', runtimeClass({ scheduling: { nodeSelector: { 'sandbox ok': 'true' } } }), 'scheduling.nodeSelector.sandbox ok'),
  // ResourceQuota and LimitRange (ValidateResourceQuota, ValidateLimitRange).
  at('a quota of a resource name the API server does not know', quota({ hard: { cpus: '4' } }), 'spec.hard.cpus', /requests\.cpu/),
  at('a quota that is negative', quota({ hard: { pods: '-1' } }), 'spec.hard.pods'),
  at('a quota scope the API server does not know', quota({ hard: { pods: '10' }, scopes: ['Expensive'] }), 'spec.scopes[0]'),
  at('a quota of Terminating and NotTerminating pods', quota({ hard: { pods: '10' }, scopes: ['Terminating', 'NotTerminating'] }), 'spec.scopes'),
  at('a BestEffort quota of CPU', quota({ hard: { 'requests.cpu': '2' }, scopes: ['BestEffort'] }), 'spec.hard.requests.cpu'),
  at('a quota of Terminating pods limiting Services', quota({ hard: { services: '2' }, scopes: ['Terminating'] }), 'spec.hard.services'),
  at('a quota scope selector In with no values', quota({ hard: { pods: '10' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: [] }] } }), 'spec.scopeSelector.matchExpressions[0].values'),
  at('a quota scope selector Exists with values', quota({ hard: { pods: '10' }, scopeSelector: { matchExpressions: [{ scopeName: 'Terminating', operator: 'Exists', values: ['x'] }] } }), 'spec.scopeSelector.matchExpressions[0].values'),
  at('a quota selector of BestEffort and NotBestEffort pods', quota({ hard: { pods: '10' }, scopeSelector: { matchExpressions: [{ scopeName: 'BestEffort', operator: 'Exists' }, { scopeName: 'NotBestEffort', operator: 'Exists' }] } }), 'spec.scopeSelector'),
  at('a quota selector of Terminating pods by value', quota({ hard: { pods: '10' }, scopeSelector: { matchExpressions: [{ scopeName: 'Terminating', operator: 'In', values: ['true'] }] } }), 'spec.scopeSelector.matchExpressions[0].operator'),
  at('a quota of half a pod', quota({ hard: { pods: '1500m' } }), 'spec.hard.pods'),
  at('a LimitRange of a type the API server does not know', limits({ type: 'Volume', max: { storage: '10Gi' } }), 'spec.limits[0].type'),
  at('a PersistentVolumeClaim limit with neither a min nor a max of storage', limits({ type: 'PersistentVolumeClaim', default: { storage: '1Gi' } }), 'spec.limits[0].max.storage'),
  at('a Container limit of storage', limits({ type: 'Container', max: { storage: '10Gi' } }), 'spec.limits[0].max.storage', /PersistentVolumeClaim/),
  at('a LimitRange default above its max', limits({ type: 'Container', max: { memory: '1Gi' }, default: { memory: '2Gi' } }), 'spec.limits[0].default.memory'),
  at('a LimitRange ratio below 1', limits({ type: 'Container', maxLimitRequestRatio: { cpu: '0.5' } }), 'spec.limits[0].maxLimitRequestRatio.cpu'),
  // RBAC (ValidateRole, ValidateRoleBinding).
  at('a ClusterRole rule granting no verb', role('ClusterRole', { apiGroups: [''], resources: ['pods'], verbs: [] }), 'rules[0].verbs'),
  at('a Role granting a non-resource URL', role('Role', { nonResourceURLs: ['/healthz'], verbs: ['get'] }), 'rules[0].nonResourceURLs'),
  at('a ClusterRole rule granting resources and a non-resource URL', role('ClusterRole', { apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/healthz'], verbs: ['get'] }), 'rules[0].nonResourceURLs'),
  at('a binding of a role of another API group', binding('RoleBinding', { roleRef: { apiGroup: 'rbac.k8s.io', kind: 'Role', name: 'reader' } }), 'roleRef.apiGroup'),
  at('a ClusterRoleBinding of a Role', binding('ClusterRoleBinding', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' } }), 'roleRef.kind'),
  at('a ClusterRoleBinding of a ServiceAccount without its namespace', binding('ClusterRoleBinding', { subjects: [{ kind: 'ServiceAccount', name: 'web' }] }), 'subjects[0].namespace'),
  at('a User subject without the RBAC API group', binding('RoleBinding', { subjects: [{ kind: 'User', name: 'alice' }] }), 'subjects[0].apiGroup'),
  at('a subject of a kind the API server does not know', binding('RoleBinding', { subjects: [{ kind: 'Team', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }] }), 'subjects[0].kind'),
  at('a ServiceAccount subject name in capitals', binding('RoleBinding', { subjects: [{ kind: 'ServiceAccount', name: 'Web', namespace: 'web' }] }), 'subjects[0].name'),
  // ConfigMaps and Secrets (ValidateConfigMap, ValidateSecret).
  at('a ConfigMap key with a slash', configMap({ data: { 'conf/app.yaml': 'a: b' } }), 'data.conf/app.yaml'),
  at('a ConfigMap key that is ..', configMap({ data: { '..': 'a' } }), 'data...'),
  at('a ConfigMap key in data and binaryData', configMap({ data: { logo: 'x' }, binaryData: { logo: 'eA==' } }), 'binaryData.logo'),
  at('a ConfigMap over 1 MiB', configMap({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }), 'data'),
  at('a Secret key with a space', secret({ stringData: { 'api key': 'x' } }), 'stringData.api key'),
  at('a TLS Secret without its key', secret({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'x' } }), 'data', /tls\.key/),
  at('a basic-auth Secret with neither user nor password', secret({ type: 'kubernetes.io/basic-auth', stringData: { token: 'x' } }), 'data'),
  at('an ssh-auth Secret without its private key', secret({ type: 'kubernetes.io/ssh-auth', stringData: { key: 'x' } }), 'data'),
  at('a service-account-token Secret without its ServiceAccount', secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 'token', namespace: 'web', annotations: { 'lab.example.com/for': 'web' } } }), 'metadata.annotations.kubernetes.io/service-account.name'),
  // StorageClass, Endpoints and EndpointSlices.
  at('a StorageClass reclaim policy the API server does not know', storageClass({ reclaimPolicy: 'Recycle' }), 'reclaimPolicy'),
  at('a StorageClass binding mode the API server does not know', storageClass({ volumeBindingMode: 'Later' }), 'volumeBindingMode'),
  at('a StorageClass topology term with no expressions', storageClass({ allowedTopologies: [{ matchLabelExpressions: [] }] }), 'allowedTopologies[0].matchLabelExpressions'),
  at('a StorageClass topology expression with no values', storageClass({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: [] }] }] }), 'allowedTopologies[0].matchLabelExpressions[0].values'),
  at('a StorageClass parameter with an empty key', storageClass({ parameters: { '': 'x' } }), 'parameters'),
  at('an Endpoints address that is no IP', endpoints({ addresses: [{ ip: 'nas.lab.test' }], ports: [{ name: 'nfs', port: 2049 }] }), 'subsets[0].addresses[0].ip'),
  at('an Endpoints address that is loopback', endpoints({ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'nfs', port: 2049 }] }), 'subsets[0].addresses[0].ip'),
  at('an Endpoints port of 0', endpoints({ addresses: [{ ip: '192.168.1.20' }], ports: [{ name: 'nfs', port: 0 }] }), 'subsets[0].ports[0].port'),
  at('an Endpoints subset with two ports, one unnamed', endpoints({ addresses: [{ ip: '192.168.1.20' }], ports: [{ name: 'nfs', port: 2049 }, { port: 111 }] }), 'subsets[0].ports[1].name'),
  at('an Endpoints subset of no address', endpoints({ ports: [{ name: 'nfs', port: 2049 }] }), 'subsets[0].addresses'),
  at('an EndpointSlice IPv4 address that is IPv6', slice({ endpoints: [{ addresses: ['fd00::20'] }] }), 'endpoints[0].addresses[0]'),
  at('an EndpointSlice address that is link-local', slice({ endpoints: [{ addresses: ['169.254.10.1'] }] }), 'endpoints[0].addresses[0]'),
  at('an EndpointSlice port name in capitals', slice({ ports: [{ name: 'NFS', port: 2049, protocol: 'TCP' }] }), 'ports[0].name'),
  at('an EndpointSlice endpoint of no address', slice({ endpoints: [{ addresses: [] }] }), 'endpoints[0].addresses'),
  // Metadata (ValidateObjectMeta).
  at('a generateName with an underscore', w({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'settings_', namespace: 'web' }, data: { a: 'b' } }), 'metadata.generateName'),
  at('a finalizer with a space', configWith({ finalizers: ['lab.example.com/keep it'] }), 'metadata.finalizers[0]'),
  at('an owner reference without its uid', configWith({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: '' }] }), 'metadata.ownerReferences[0].uid'),
  at('two owner references that are both controllers', configWith({ ownerReferences: [
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: '6b8e0c3c-0000-4000-8000-000000000001', controller: true },
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: '6b8e0c3c-0000-4000-8000-000000000002', controller: true },
  ] }), 'metadata.ownerReferences[1].controller'),
  at('an owner reference without its apiVersion', configWith({ ownerReferences: [{ apiVersion: '', kind: 'Deployment', name: 'web', uid: '6b8e0c3c-0000-4000-8000-000000000001' }] }), 'metadata.ownerReferences[0].apiVersion'),
  at('annotations over 256 KiB', configWith({ annotations: { 'lab.example.com/blob': 'x'.repeat(256 * 1024 + 1) } }), 'metadata.annotations'),
];
