import { AppVolume } from '../../constructs';
import type { BadInput } from './cases';
import { besideWeb as w, CONTAINER, goodContainer, goodDeployment, guarded, labApp, refusedAtW as at, serviceManifest } from './lab';

// Pod fields (ephemeral containers, node selectors, class names, spread constraints, pod affinity terms,
// volumes and the files they write, Windows options), containers' mounts, devices, hooks and huge pages,
// StatefulSet claim template names, autoscaler metrics, claim selectors, Services'
// load-balancer classes and ExternalName address families, the application protocols of endpoint ports,
// webhook configurations, admission policies and their bindings, and CSIDrivers that the API server refuses
// by its own Go validation (ValidatePodSpec, ValidatePodTemplateSpec, ValidateService, ValidateEndpoints,
// ValidateEndpointSlice, admissionregistration and storage validation) although their OpenAPI schema
// allows them: reported on the field the user wrote.

const POD = 'spec.template.spec';
const api = (pod: Record<string, unknown>) => w(goodDeployment('api', pod));
const volume = (source: Record<string, unknown>) => api({ volumes: [{ name: 'data', ...source }] });
const withContainer = (extra: Record<string, unknown>, pod: Record<string, unknown> = {}) => api({ containers: [goodContainer(extra)], ...pod });
const spread = (constraint: Record<string, unknown>) => api({
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'api' } }, ...constraint }],
});
const ANTI = `${POD}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]`;
const antiAffinity = (term: Record<string, unknown>) => api({
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'api' } }, ...term }] } },
});
const pv = (spec: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' },
  spec: { capacity: { storage: '100Gi' }, accessModes: ['ReadWriteMany'], storageClassName: '', ...spec },
});
const service = (spec: Record<string, unknown>) => w(serviceManifest('web', spec));
const endpoints = (port: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'nas', namespace: 'web' }, subsets: [{ addresses: [{ ip: '192.168.1.20' }], ports: [{ name: 'https', port: 443, ...port }] }],
});
const slice = (port: Record<string, unknown>) => w({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
  addressType: 'IPv4', endpoints: [{ addresses: ['192.168.1.20'] }], ports: [{ name: 'https', port: 443, protocol: 'TCP', ...port }],
});
const HOOK = {
  name: 'validate.pods.lab.example', sideEffects: 'None', admissionReviewVersions: ['v1'],
  clientConfig: { service: { namespace: 'web', name: 'policy-webhook', path: '/validate-pods' } },
  rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
};
const webhooks = (...hooks: Array<Record<string, unknown>>) => w({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'pods.lab.example' }, webhooks: hooks.map((hook) => ({ ...HOOK, ...hook })),
});
const POLICY_SPEC = {
  failurePolicy: 'Fail', validations: [{ expression: 'object.spec.replicas <= 5' }],
  matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
};
const policy = (spec: Record<string, unknown>) => w({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' }, spec: { ...POLICY_SPEC, ...spec },
});
const binding = (spec: Record<string, unknown>) => w({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit' }, spec: { policyName: 'replica-limit', validationActions: ['Deny'], ...spec },
});
const csiDriver = (spec: Record<string, unknown>, name = 'nfs.csi.k8s.io') => w({ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name }, spec: { attachRequired: false, ...spec } });
const autoscaler = (metric: Record<string, unknown>) => w({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, metrics: [metric] },
});
const statefulSet = (claimName: string) => w({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'web' },
  spec: {
    serviceName: 'db', selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [goodContainer({ name: 'db', volumeMounts: [{ name: claimName, mountPath: '/data' }] })], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } },
    volumeClaimTemplates: [{ metadata: { name: claimName }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } }],
  },
});

export const CASES: BadInput[] = [
  // Pod fields (ValidatePodTemplateSpec, ValidatePodSpec).
  at('an ephemeral container in a pod template', api({ ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }] }), `${POD}.ephemeralContainers`, /kubectl debug/),
  at('a node selector key with a space', api({ nodeSelector: { 'gpu present': 'true' } }), `${POD}.nodeSelector.gpu present`),
  at('a node selector value with a slash', api({ nodeSelector: { 'kubernetes.io/arch': 'linux/amd64' } }), `${POD}.nodeSelector.kubernetes.io/arch`),
  at('a priorityClassName in capitals', api({ priorityClassName: 'Lab-Critical' }), `${POD}.priorityClassName`, /lab-critical/),
  at('a runtimeClassName with an underscore', api({ runtimeClassName: 'nvidia_runtime' }), `${POD}.runtimeClassName`),
  // Topology spread constraints (validateTopologySpreadConstraints).
  at('a spread constraint of an empty topology key', spread({ topologyKey: '' }), `${POD}.topologySpreadConstraints[0].topologyKey`, /kubernetes\.io\/hostname/),
  at('a spread constraint selecting In no values', spread({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }),
    `${POD}.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values`),
  // Pod affinity terms (validatePodAffinityTerm).
  at('a pod anti-affinity term selecting Exists with values', antiAffinity({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['api'] }] } }),
    `${ANTI}.labelSelector.matchExpressions[0].values`),
  at('a pod anti-affinity term selecting namespaces by a key with a space', antiAffinity({ namespaceSelector: { matchLabels: { 'team name': 'media' } } }),
    `${ANTI}.namespaceSelector.matchLabels.team name`),
  at('a pod anti-affinity term on a topology key with a space', antiAffinity({ topologyKey: 'kubernetes.io/host name' }), `${ANTI}.topologyKey`),
  // Volumes (ValidateVolumes) and the files they write (ValidateLocalNonReservedPath, validateDownwardAPIVolumeFile).
  at('a claim volume of no claim name', volume({ persistentVolumeClaim: { claimName: '' } }), `${POD}.volumes[0].persistentVolumeClaim.claimName`),
  at('an NFS volume of no server', volume({ nfs: { server: '', path: '/export/media' } }), `${POD}.volumes[0].nfs.server`),
  at('a PersistentVolume of an NFS export of no server', pv({ nfs: { server: '', path: '/export/media' } }), 'spec.nfs.server'),
  at('a host path volume of no path', volume({ hostPath: { path: '' } }), `${POD}.volumes[0].hostPath.path`),
  { name: 'an App host path volume of no path', build: guarded(labApp('web', { persistence: { media: { volume: AppVolume.hostPath(''), mountPath: '/media' } }, exemptions: { hostPath: 'the media disk' } })),
    layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /\/srv\/media/ },
  at('a ConfigMap file at a path starting with ..', volume({ configMap: { name: 'settings', items: [{ key: 'app.yaml', path: '..app.yaml' }] } }),
    `${POD}.volumes[0].configMap.items[0].path`),
  at('a downwardAPI file holding the node name', volume({ downwardAPI: { items: [{ path: 'node', fieldRef: { fieldPath: 'spec.nodeName' } }] } }),
    `${POD}.volumes[0].downwardAPI.items[0].fieldRef.fieldPath`, /env/),
  at('a projected downwardAPI file holding the pod IP', volume({ projected: { sources: [{ downwardAPI: { items: [{ path: 'ip', fieldRef: { fieldPath: 'status.podIP' } }] } }] } }),
    `${POD}.volumes[0].projected.sources[0].downwardAPI.items[0].fieldRef.fieldPath`),
  at('a Secret file of no key', volume({ secret: { secretName: 'creds', items: [{ key: '', path: 'token' }] } }), `${POD}.volumes[0].secret.items[0].key`),
  at('a downwardAPI file of a label key with a space', volume({ downwardAPI: { items: [{ path: 'team', fieldRef: { fieldPath: "metadata.labels['team name']" } }] } }),
    `${POD}.volumes[0].downwardAPI.items[0].fieldRef.fieldPath`),
  at('an env var reading a pod field of apiVersion v2', withContainer({ env: [{ name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } }] }),
    `${CONTAINER}.env[0].valueFrom.fieldRef.apiVersion`),
  // Claims (ValidatePersistentVolumeClaimSpec).
  at('a claim selecting volumes In no values', w({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'media', namespace: 'web' },
    spec: { accessModes: ['ReadWriteMany'], storageClassName: '', resources: { requests: { storage: '1Ti' } }, selector: { matchExpressions: [{ key: 'share', operator: 'In', values: [] }] } },
  }), 'spec.selector.matchExpressions[0].values'),
  // Containers (ValidateVolumeMounts, ValidateVolumeDevices, validateLifecycle, ValidateResourceRequirements).
  at('a recursively read-only mount that is not read-only', withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data', recursiveReadOnly: 'Enabled' }] }, { volumes: [{ name: 'data', emptyDir: {} }] }),
    `${CONTAINER}.volumeMounts[0].recursiveReadOnly`, /readOnly: true/),
  at('a block device path that climbs with ..', withContainer({ volumeDevices: [{ name: 'disk', devicePath: '/dev/../xvdb' }] }, { volumes: [{ name: 'disk', persistentVolumeClaim: { claimName: 'disk' } }] }),
    `${CONTAINER}.volumeDevices[0].devicePath`),
  at('a preStop hook running an empty command', withContainer({ lifecycle: { preStop: { exec: { command: [] } } } }), `${CONTAINER}.lifecycle.preStop.exec.command`),
  at('a postStart hook calling port 0', withContainer({ lifecycle: { postStart: { httpGet: { path: '/warm', port: 0 } } } }), `${CONTAINER}.lifecycle.postStart.httpGet.port`),
  at('an absolute sub-path expression', withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr: '/$(POD_NAME)' }] }, { volumes: [{ name: 'data', emptyDir: {} }] }),
    `${CONTAINER}.volumeMounts[0].subPathExpr`),
  at('a sub-path expression that climbs with ..', withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr: '../$(POD_NAME)' }] }, { volumes: [{ name: 'data', emptyDir: {} }] }),
    `${CONTAINER}.volumeMounts[0].subPathExpr`),
  at('huge pages without cpu or memory', withContainer({ resources: { requests: { 'hugepages-2Mi': '64Mi' }, limits: { 'hugepages-2Mi': '64Mi' } } }), `${CONTAINER}.resources`, /memory/),
  at('Windows options in a Linux pod', api({ os: { name: 'linux' }, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, windowsOptions: { runAsUserName: 'app' } } }),
    `${POD}.securityContext.windowsOptions`),
  // StatefulSets (their claim templates name volumes of their pods).
  at('a StatefulSet claim template named in capitals', statefulSet('Data'), 'spec.volumeClaimTemplates[0].metadata.name', /data/),
  // Autoscalers (ValidateHorizontalPodAutoscaler).
  at('an autoscaler Pods metric of no name', autoscaler({ type: 'Pods', pods: { metric: { name: '' }, target: { type: 'AverageValue', averageValue: '10' } } }), 'spec.metrics[0].pods.metric.name'),
  at('an autoscaler Object metric describing an object of no name', autoscaler({
    type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: '' }, metric: { name: 'requests_per_second' }, target: { type: 'Value', value: '100' } },
  }), 'spec.metrics[0].object.describedObject.name'),
  at('an autoscaler ContainerResource metric of no container', autoscaler({
    type: 'ContainerResource', containerResource: { name: 'cpu', container: '', target: { type: 'Utilization', averageUtilization: 80 } },
  }), 'spec.metrics[0].containerResource.container'),
  // Services (ValidateService).
  at('a loadBalancerClass with a space', service({ type: 'LoadBalancer', loadBalancerClass: 'io.cilium/l2 announcer' }), 'spec.loadBalancerClass'),
  at('an ExternalName Service with an address family policy', service({ type: 'ExternalName', externalName: 'nas.lab.test', ports: [], ipFamilyPolicy: 'SingleStack' }), 'spec.ipFamilyPolicy'),
  at('an ExternalName Service with cluster IPs', service({ type: 'ExternalName', externalName: 'nas.lab.test', ports: [], clusterIPs: ['10.43.0.20'] }), 'spec.clusterIPs'),
  at('a Service of three cluster IPs', service({ ipFamilyPolicy: 'RequireDualStack', clusterIPs: ['10.43.0.20', 'fd00::20', '10.43.0.21'] }), 'spec.clusterIPs', /one IPv4 and one IPv6/),
  at('a traffic distribution the API server does not know', service({ trafficDistribution: 'PreferZone' }), 'spec.trafficDistribution', /PreferClose/),
  at('an ExternalName Service with address families', service({ type: 'ExternalName', externalName: 'nas.lab.test', ports: [], ipFamilies: ['IPv4'] }), 'spec.ipFamilies'),
  // Endpoints and EndpointSlices (ValidateEndpoints, ValidateEndpointSlice).
  at('an Endpoints port appProtocol with a space', endpoints({ appProtocol: 'HTTP 2' }), 'subsets[0].ports[0].appProtocol'),
  at('an EndpointSlice port appProtocol with two slashes', slice({ appProtocol: 'kubernetes.io/h2c/tls' }), 'ports[0].appProtocol'),
  // Webhook configurations (ValidateValidatingWebhookConfiguration, ValidateMutatingWebhookConfiguration).
  at('a webhook name of two parts', webhooks({ name: 'pods.example' }), 'webhooks[0].name', /three parts/),
  at('a webhook name used twice', webhooks({}, { rules: [] }), 'webhooks[1].name'),
  at('a webhook with side effects', webhooks({ sideEffects: 'Some' }), 'webhooks[0].sideEffects', /None/),
  at('a webhook of an AdmissionReview version the API server does not send', webhooks({ admissionReviewVersions: ['v2'] }), 'webhooks[0].admissionReviewVersions'),
  at('a webhook timeout of a minute', webhooks({ timeoutSeconds: 60 }), 'webhooks[0].timeoutSeconds'),
  at('a webhook of a URL and a Service', webhooks({ clientConfig: { ...HOOK.clientConfig, url: 'https://webhook.lab.test/validate' } }), 'webhooks[0].clientConfig'),
  at('a webhook URL of plain http', webhooks({ clientConfig: { url: 'http://webhook.lab.test/validate' } }), 'webhooks[0].clientConfig.url', /https/),
  at('a webhook Service path without its leading slash', webhooks({ clientConfig: { service: { ...HOOK.clientConfig.service, path: 'validate-pods' } } }), 'webhooks[0].clientConfig.service.path'),
  at('a webhook Service path of a segment in capitals', webhooks({ clientConfig: { service: { ...HOOK.clientConfig.service, path: '/Validate/pods' } } }), 'webhooks[0].clientConfig.service.path'),
  at('a webhook Service port of 0', webhooks({ clientConfig: { service: { ...HOOK.clientConfig.service, port: 0 } } }), 'webhooks[0].clientConfig.service.port'),
  at('a webhook rule of every operation and CREATE', webhooks({ rules: [{ ...HOOK.rules[0], operations: ['*', 'CREATE'] }] }), 'webhooks[0].rules[0].operations'),
  at('a webhook namespace selector In no values', webhooks({ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: [] }] } }),
    'webhooks[0].namespaceSelector.matchExpressions[0].values'),
  // ValidatingAdmissionPolicies and their bindings (ValidateValidatingAdmissionPolicy(Binding)).
  at('an admission policy without validations', policy({ validations: [] }), 'spec.validations'),
  at('an admission policy without matchConstraints', policy({ matchConstraints: undefined }), 'spec.matchConstraints'),
  at('an admission policy binding that denies and warns', binding({ validationActions: ['Deny', 'Warn'] }), 'spec.validationActions', /Deny/),
  at('an admission policy binding of no action', binding({ validationActions: [] }), 'spec.validationActions'),
  at('an admission policy binding of no policy', binding({ policyName: '' }), 'spec.policyName'),
  // CSIDrivers (ValidateCSIDriver).
  at('a CSIDriver token valid for a minute', csiDriver({ tokenRequests: [{ audience: 'vault', expirationSeconds: 60 }] }), 'spec.tokenRequests[0].expirationSeconds'),
  at('a CSIDriver asking for one audience twice', csiDriver({ tokenRequests: [{ audience: 'vault' }, { audience: 'vault' }] }), 'spec.tokenRequests[1].audience'),
  at('a CSIDriver volume lifecycle mode in lower case', csiDriver({ volumeLifecycleModes: ['persistent'] }), 'spec.volumeLifecycleModes[0]'),
  { ...at('a CSIDriver name longer than 63 characters', csiDriver({}, `${'nfs'.repeat(22)}.csi.k8s.io`), 'metadata.name', /63/), layer: 'inventory' },
];
