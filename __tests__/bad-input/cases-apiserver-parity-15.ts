import { declareExternal, hostPlacement, kubePrometheusStack } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, gpu1, guarded, raw, refusedAtW } from './lab';

// Hand-written objects that a strict API server refuses, or takes and never acts on: the pods of a
// ReplicationController or a PodTemplate, checked as any workload's; CertificateSigningRequests
// (pkg/apis/certificates/validation); a pod priority that is not its PriorityClass's (the Priority admission
// plugin); the versions of a CRD and the CEL validation rules of their schemas; and autoscalers of a kind
// without a scale subresource, which the API server takes although the controller never scales them.

/** The hand-written object `w`. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', manifest);
};
const POD_CONTEXT = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
/** The pod template of the good Deployment `web`, with `pod` laid over its spec and `metadata` over its metadata. */
export const podTemplate = (pod: Record<string, unknown> = {}, metadata: Record<string, unknown> = { labels: { app: 'web' } }) => ({
  metadata, spec: { containers: [goodContainer()], securityContext: POD_CONTEXT, ...pod },
});
/** A ReplicationController `web` of namespace `web` running `template`, with `spec` laid over its spec. */
export const controller = (template: Record<string, unknown> = podTemplate(), spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web', namespace: 'web' },
  spec: { replicas: 1, selector: { app: 'web' }, template, ...spec },
});
/** A PodTemplate `batch` of namespace `web` holding `template`. */
export const templateObject = (template: Record<string, unknown> = podTemplate()) => ({
  apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'batch', namespace: 'web' }, template,
});
/** The base64 of a PEM certificate request (an ed25519 key's, for CN=web, O=lab), as `spec.request` takes it. */
export const CERTIFICATE_REQUEST = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlHYk1FOENBUUF3SERFTU1Bb0dBMVVFQXd3RGQyVmlNUXd3Q2dZRFZRUUtEQU5zWVdJd0tqQUZCZ01yWlhBRApJUUNYck5jeFRiVFBhRU4wTEFDSWFKRFlyTHNLb2NDZ2FDMm4rMW9wWHVnOGlLQUFNQVVHQXl0bGNBTkJBUHpXCjBjOW15OGRsWktmK21ZWk1TUWxkRm9lNHlEN0RidGpoOUNJRnMrOHV2QVcrU3JhRjlnQXZmNGZxWFVsdEJwczAKTnNVYzdqRWptb1JtQlFVYTR3Zz0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==';
/** A CertificateSigningRequest `web` for a client certificate, with `spec` laid over its spec. */
export const signingRequest = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'web' },
  spec: { request: CERTIFICATE_REQUEST, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['digital signature', 'client auth'], ...spec },
});
/** The base64 of a PEM block of `type`. */
const pemOf = (type: string) => Buffer.from(`-----BEGIN ${type}-----\nMIIBszCCAVmgAwIBAgIU\n-----END ${type}-----\n`).toString('base64');
/** A PriorityClass `batch` of `value`, with `extra` laid over it. */
export const priorityClass = (value: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value, ...extra,
});
/** The good Deployment `web` with `pod` laid over its pod spec, beside the PriorityClass `batch` of 1000 that never preempts. */
const withBatchClass = (pod: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'class', priorityClass(1000, { preemptionPolicy: 'Never' }));
  raw(c, 'w', goodDeployment('web', pod));
};
/** A CRD of kind Worker (group lab.example, version v1), with a scale subresource when `scale`. */
export const workerCrd = (scale: boolean) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'workers.lab.example' },
  spec: {
    group: 'lab.example', scope: 'Namespaced', names: { plural: 'workers', singular: 'worker', kind: 'Worker', listKind: 'WorkerList' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } }, status: { type: 'object', properties: { replicas: { type: 'integer' } } } } } },
      ...(scale ? { subresources: { scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } } } : {}),
    }],
  },
});
/** A HorizontalPodAutoscaler `w` of namespace `web` scaling `target` (apiVersion, kind, name) on CPU. */
export const autoscalerOf = (target: Record<string, unknown>) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'w', namespace: 'web' },
  spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
});
/** The Worker CRD whose `spec` schema carries `rules` as its x-kubernetes-validations, or whose versions are `versions`. */
export const ruledCrd = (rules: unknown[], versions?: unknown[]) => {
  const crd = workerCrd(false);
  const [version] = crd.spec.versions;
  const spec = { type: 'object', properties: { replicas: { type: 'integer' } }, 'x-kubernetes-validations': rules };
  return { ...crd, spec: { ...crd.spec, versions: versions ?? [{ ...version, schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } }] } };
};
/** A version `name` of the Worker CRD, the storage one when `storage`. */
const crdVersion = (name: string, storage: boolean) => ({ name, served: true, storage, schema: { openAPIV3Schema: { type: 'object' } } });
const RULE = 'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0]';
/** A Worker `queue` of namespace `web`. */
export const worker = { apiVersion: 'lab.example/v1', kind: 'Worker', metadata: { name: 'queue', namespace: 'web' }, spec: { replicas: 1 } };
/** The Worker `queue` of the CRD that has a scale subresource when `scale`, and an autoscaler of it. */
const scaledWorker = (scale: boolean) => (c: ClusterChart) => {
  raw(c, 'crd', workerCrd(scale));
  raw(c, 'worker', worker);
  raw(c, 'w', autoscalerOf({ apiVersion: 'lab.example/v1', kind: 'Worker', name: 'queue' }));
};
/** A Job `name` of namespace `web` that runs the good container once. */
export const jobNamed = (name: string) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'web' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [goodContainer({ ports: undefined, readinessProbe: undefined })], securityContext: POD_CONTEXT } } },
});
const CONTAINER = 'spec.template.spec.containers[0]';

export const CASES: BadInput[] = [
  // A ReplicationController's and a PodTemplate's pods go through every check a Deployment's do.
  { name: 'a container of a ReplicationController named in capitals', build: w(controller(podTemplate({ containers: [goodContainer({ name: 'Web' })] }))),
    layer: 'inventory', path: 'w', field: `${CONTAINER}.name` },
  { name: 'a container port of a PodTemplate named with an underscore', build: w(templateObject(podTemplate({ containers: [goodContainer({ ports: [{ name: 'http_port', containerPort: 8080 }] })] }))),
    layer: 'inventory', path: 'w', field: 'template.spec.containers[0].ports[0].name' },
  { name: 'a privileged container of a ReplicationController', build: w(controller(podTemplate({ containers: [goodContainer({ securityContext: { ...goodContainer().securityContext as object, privileged: true } })] }))),
    layer: 'policy', path: 'w', field: `${CONTAINER}.securityContext.privileged` },
  {
    name: "a PodMonitor of a PodTemplate's pods, which none runs",
    build: guarded((c: ClusterChart) => {
      c.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(c, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      raw(c, 'template', templateObject(podTemplate({ containers: [goodContainer({ ports: [{ name: 'metrics', containerPort: 8080 }] })] }, { labels: { app: 'batch' } })));
      raw(c, 'w', { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'batch', namespace: 'web' }, spec: { selector: { matchLabels: { app: 'batch' } }, podMetricsEndpoints: [{ port: 'metrics' }] } });
    }),
    layer: 'references', path: 'w', field: 'spec.selector',
  },
  { name: 'a container of a PodTemplate without its resources', build: w(templateObject(podTemplate({ containers: [goodContainer({ resources: undefined })] }))),
    layer: 'policy', path: 'w', field: 'template.spec.containers[0].resources.requests.cpu' },
  refusedAtW('a ReplicationController whose pods never restart', w(controller(podTemplate({ restartPolicy: 'Never' }))), 'spec.template.spec.restartPolicy', /Always/),
  refusedAtW('a ReplicationController whose pods have a deadline', w(controller(podTemplate({ activeDeadlineSeconds: 600 }))), 'spec.template.spec.activeDeadlineSeconds', /Job/),
  refusedAtW('a ReplicationController selector that misses its pods', w(controller(podTemplate(), { selector: { app: 'other' } })), 'spec.selector', /subset/),
  refusedAtW('a ReplicationController without a selector whose pods have no labels', w(controller(podTemplate({}, {}), { selector: undefined })), 'spec.selector', /labels/),
  refusedAtW('a ReplicationController that waits a negative time for ready pods', w(controller(podTemplate(), { minReadySeconds: -5 })), 'spec.minReadySeconds'),
  // ValidateCertificateSigningRequestCreate.
  refusedAtW('a certificate signing request holding a certificate', w(signingRequest({ request: pemOf('CERTIFICATE') })), 'spec.request', /CERTIFICATE REQUEST/),
  refusedAtW('a certificate signing request holding no PEM', w(signingRequest({ request: Buffer.from('web.lab.example').toString('base64') })), 'spec.request', /base64/),
  refusedAtW('a certificate signing request of a signer without a path', w(signingRequest({ signerName: 'lab-ca' })), 'spec.signerName', /<domain>\/<name>/),
  refusedAtW('a certificate signing request of a signer of a one-label domain', w(signingRequest({ signerName: 'lab/ca' })), 'spec.signerName', /lab\.example\/internal-ca/),
  refusedAtW('a certificate signing request of the legacy signer', w(signingRequest({ signerName: 'kubernetes.io/legacy-unknown' })), 'spec.signerName'),
  refusedAtW('a certificate signing request of a usage in camel case', w(signingRequest({ usages: ['digital signature', 'ServerAuth'] })), 'spec.usages[1]', /'server auth'/),
  refusedAtW('a certificate signing request of a usage listed twice', w(signingRequest({ usages: ['client auth', 'client auth'] })), 'spec.usages[1]', /once/),
  refusedAtW('a certificate signing request of no usages', w(signingRequest({ usages: [] })), 'spec.usages', /client auth/),
  refusedAtW('a certificate signing request for five minutes', w(signingRequest({ expirationSeconds: 300 })), 'spec.expirationSeconds', /600/),
  // The Priority admission plugin writes a pod's priority and preemption policy from its class.
  refusedAtW('a pod priority other than its PriorityClass value', withBatchClass({ priorityClassName: 'batch', priority: 5 }), 'spec.template.spec.priority', /drop priority/),
  refusedAtW('a pod preemption policy other than its PriorityClass one', withBatchClass({ priorityClassName: 'batch', preemptionPolicy: 'PreemptLowerPriority' }), 'spec.template.spec.preemptionPolicy', /PriorityClass/),
  refusedAtW('a pod of no class with a priority other than the global default one', (c) => {
    raw(c, 'class', priorityClass(1000, { globalDefault: true }));
    raw(c, 'w', goodDeployment('web', { priority: 0 }));
  }, 'spec.template.spec.priority'),
  // The API server labels a Job's pods with its name, and a label value has at most 63 characters.
  { name: 'a Job named with 64 characters', build: w(jobNamed(`nightly-${'report'.repeat(9)}-x`)), layer: 'inventory', path: 'w', field: 'metadata.name', hint: /label of the Job's pods/ },
  // ValidateCustomResourceDefinitionSpec: its versions, and the CEL validation rules of their schemas.
  refusedAtW('a CRD rule that is no CEL expression', w(ruledCrd([{ rule: 'self.replicas >' }])), `${RULE}.rule`, /self\.replicas >= 0/),
  refusedAtW('a CRD rule message expression that is no CEL expression', w(ruledCrd([{ rule: 'self.replicas >= 0', messageExpression: "'replicas is ' +" }])), `${RULE}.messageExpression`, /string\(self\.replicas\)/),
  refusedAtW('a CRD rule message over two lines', w(ruledCrd([{ rule: 'self.replicas >= 0', message: 'replicas\nis below zero' }])), `${RULE}.message`, /one line/),
  refusedAtW('a CRD rule reason of its own', w(ruledCrd([{ rule: 'self.replicas >= 0', reason: 'TooFew' }])), `${RULE}.reason`, /FieldValueInvalid/),
  refusedAtW('a CRD of two storage versions', w(ruledCrd([], [crdVersion('v1', true), crdVersion('v2', true)])), 'spec.versions', /storage: false/),
  refusedAtW('a CRD of no storage version', w(ruledCrd([], [crdVersion('v1', false)])), 'spec.versions', /storage: true/),
  refusedAtW('a CRD version listed twice', w(ruledCrd([], [crdVersion('v1', true), crdVersion('v1', false)])), 'spec.versions[1].name'),
  // An autoscaler of a kind without a scale subresource is taken, and never scales.
  { name: 'an autoscaler of a custom kind whose CRD has no scale subresource', build: scaledWorker(false), layer: 'references', path: 'w', field: 'spec.scaleTargetRef.kind', hint: /subresources\.scale/ },
  // KubeVirt's CRD is known from the upstream schemas: the lab does not install KubeVirt.
  {
    name: 'an autoscaler of a KubeVirt VirtualMachine', build: w(autoscalerOf({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: 'vm' })),
    layer: 'references', path: 'w', field: 'spec.scaleTargetRef.kind', needsUpstreamSchemas: true,
  },
  { name: 'an autoscaler of a Job', build: w(autoscalerOf({ apiVersion: 'batch/v1', kind: 'Job', name: 'once' })), layer: 'references', path: 'w', field: 'spec.scaleTargetRef.kind', hint: /Deployment/ },
];
