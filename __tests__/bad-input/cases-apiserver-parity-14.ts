import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw, refusedAtW } from './lab';

// Hand-written objects that the API server's own validation (pkg/apis/{core,admissionregistration,batch,
// flowcontrol}/validation) or an admission plugin enabled by default refuses although the OpenAPI schema
// allows them: Linux settings in a Windows pod, a pod overhead of its own, finalizers of a built-in kind
// without their domain, webhook rules and match conditions, a Job that counts failures per index while its
// pods restart, and API Priority and Fairness objects. Each is reported on the field written, with how to write it.

/** The hand-written object `w`. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', manifest);
};
const POD_CONTEXT = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
/** The good Deployment `web` with `pod` laid over its pod spec. */
export const deployment = (pod: Record<string, unknown>) => goodDeployment('web', pod);
/** A container of a Windows pod: the good container without its Linux security settings, with `securityContext`. */
export const windowsContainer = (securityContext: Record<string, unknown> = {}) => goodContainer({ securityContext: { runAsNonRoot: true, ...securityContext } });
/** A ConfigMap `settings` of namespace `web` with `metadata` laid over its metadata. */
export const configMap = (metadata: Record<string, unknown>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web', ...metadata }, data: { mode: 'fast' },
});
/** A Namespace `apps` whose spec lists `finalizers`. */
export const namespace = (finalizers: string[]) => ({
  apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } }, spec: { finalizers },
});
/** A webhook of pods, of a Service `policy` in namespace `web`, with `change` laid over it. */
export const webhook = (change: Record<string, unknown> = {}) => ({
  name: 'validate.pods.lab.example', sideEffects: 'None', admissionReviewVersions: ['v1'], failurePolicy: 'Ignore',
  clientConfig: { service: { name: 'policy', namespace: 'web', path: '/validate' } },
  rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
  ...change,
});
/** A ValidatingWebhookConfiguration `pods` of `webhooks`. */
export const webhooks = (...hooks: Array<Record<string, unknown>>) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'pods' }, webhooks: hooks,
});
/** A webhook of pods whose one rule names `resources`. */
const resources = (...names: string[]) => webhook({ rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: names }] });
/** A ValidatingAdmissionPolicy `replicas` of Deployments with `change` laid over its spec. */
export const admissionPolicy = (change: Record<string, unknown> = {}) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replicas' },
  spec: {
    matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
    validations: [{ expression: 'object.spec.replicas <= 5', message: 'at most 5 replicas' }],
    ...change,
  },
});
/** A Job `index` of 3 indexes with a backoff limit per index, whose pods restart by `restartPolicy`. */
export const indexedJob = (restartPolicy: string) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'index', namespace: 'web' },
  spec: {
    completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1,
    template: { spec: { restartPolicy, containers: [goodContainer({ ports: undefined, readinessProbe: undefined })], securityContext: POD_CONTEXT } },
  },
});
/** A FlowSchema `name` of priority level `workload-low` with `change` laid over its spec. */
export const flowSchema = (change: Record<string, unknown> = {}, name = 'backups') => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name },
  spec: {
    priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 1000, distinguisherMethod: { type: 'ByUser' },
    rules: [{ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: 'velero', namespace: 'velero' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'] }] }],
    ...change,
  },
});
/** A PriorityLevelConfiguration `backups` of `spec`. */
export const priorityLevel = (spec: Record<string, unknown>) => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'backups' }, spec,
});
/** A HorizontalPodAutoscaler `web` of the Deployment `web` scaling on `metric`. */
export const autoscaler = (metric: Record<string, unknown>) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [metric] },
});
/** The hand-written object `w` beside the good Deployment `web` it may scale. */
const besideWorkload = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'w', manifest);
};
const INGRESS = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' };
const QUEUE = { type: 'Queue', queuing: { queues: 16, handSize: 4, queueLengthLimit: 50 } };
const RULE = { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'] }] };

export const CASES: BadInput[] = [
  // validateWindows: a pod of os.name windows has none of Linux's security settings.
  refusedAtW('a Windows pod with a seccomp profile', w(deployment({ os: { name: 'windows' }, containers: [windowsContainer()] })),
    'spec.template.spec.securityContext.seccompProfile', /os\.name: linux/),
  refusedAtW('a container of a Windows pod that drops capabilities', w(deployment({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [windowsContainer({ capabilities: { drop: ['ALL'] } })] })),
    'spec.template.spec.containers[0].securityContext.capabilities', /drop it/),
  refusedAtW('a container of a Windows pod with a read-only root file system', w(deployment({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [windowsContainer({ readOnlyRootFilesystem: true })] })),
    'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem'),
  refusedAtW('a Windows pod sharing its process namespace', w(deployment({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, shareProcessNamespace: true, containers: [windowsContainer()] })),
    'spec.template.spec.shareProcessNamespace'),
  // validateOverhead, and the RuntimeClass admission plugin.
  refusedAtW('a pod overhead below zero', w(deployment({ runtimeClassName: 'kata', overhead: { cpu: '-250m' } })), 'spec.template.spec.overhead.cpu', /zero or more/),
  refusedAtW('a pod overhead without a RuntimeClass', w(deployment({ overhead: { cpu: '250m', memory: '120Mi' } })), 'spec.template.spec.overhead', /overhead\.podFixed/),
  // validateProjectionSources, ValidatePodCreate, and the Priority admission plugin.
  refusedAtW('a projected ConfigMap source without its name', w(deployment({
    volumes: [{ name: 'config', projected: { sources: [{ configMap: { name: '', optional: true } }] } }], containers: [goodContainer({ volumeMounts: [{ name: 'config', mountPath: '/config' }] })],
  })), 'spec.template.spec.volumes[0].projected.sources[0].configMap.name', /ConfigMap whose keys/),
  refusedAtW('a pod bound to a node and held back by a scheduling gate', w(deployment({ nodeName: 'gpu1', schedulingGates: [{ name: 'lab.example/restore-done' }] })),
    'spec.template.spec.nodeName', /kubernetes\.io\/hostname/),
  refusedAtW('a pod priority written without a PriorityClass', w(deployment({ priority: 1000 })), 'spec.template.spec.priority', /priorityClassName/),
  refusedAtW('a pod that never preempts without a PriorityClass', w(deployment({ preemptionPolicy: 'Never' })), 'spec.template.spec.preemptionPolicy', /preemptionPolicy: Never/),
  // validateKubeFinalizerName: a built-in kind's finalizers are Kubernetes' own or named with their domain.
  refusedAtW('a ConfigMap finalizer without its domain', w(configMap({ finalizers: ['cleanup'] })), 'metadata.finalizers[0]', /example\.com\/cleanup/),
  refusedAtW('a Namespace spec finalizer that is no qualified name', w(namespace(['wipe volumes'])), 'spec.finalizers[0]', /\[prefix\/\]name/),
  refusedAtW('a Namespace spec finalizer without its domain', w(namespace(['wipe'])), 'spec.finalizers[0]', /example\.com\/wipe/),
  // ValidateValidatingWebhookConfiguration and validateValidatingAdmissionPolicySpec.
  refusedAtW('a webhook of no AdmissionReview version', w(webhooks(webhook({ admissionReviewVersions: [] }))), 'webhooks[0].admissionReviewVersions', /\['v1'\]/),
  refusedAtW('a webhook rule of no resources', w(webhooks(resources())), 'webhooks[0].rules[0].resources', /\['pods'\]/),
  refusedAtW("a webhook rule of '*/*' beside pods", w(webhooks(resources('*/*', 'pods'))), 'webhooks[0].rules[0].resources', /'\*\/\*' alone/),
  refusedAtW("a webhook rule of '*' beside pods", w(webhooks(resources('*', 'pods'))), 'webhooks[0].rules[0].resources', /'\*' alone/),
  refusedAtW('two match conditions of a webhook by one name', w(webhooks(webhook({ matchConditions: [{ name: 'not-system', expression: "request.namespace != 'kube-system'" }, { name: 'not-system', expression: "request.namespace != 'kube-public'" }] }))),
    'webhooks[0].matchConditions[1].name', /its own name/),
  refusedAtW('a match condition of a webhook named with a space', w(webhooks(webhook({ matchConditions: [{ name: 'not system', expression: "request.namespace != 'kube-system'" }] }))),
    'webhooks[0].matchConditions[0].name', /exclude-kube-system/),
  refusedAtW('a match condition of a webhook without an expression', w(webhooks(webhook({ matchConditions: [{ name: 'not-system', expression: '' }] }))),
    'webhooks[0].matchConditions[0].expression', /CEL expression/),
  refusedAtW('more than 64 match conditions of a webhook', w(webhooks(webhook({ matchConditions: Array.from({ length: 65 }, (_, i) => ({ name: `c${i}`, expression: 'true' })) }))),
    'webhooks[0].matchConditions', /&&/),
  refusedAtW('two match conditions of an admission policy by one name', w(admissionPolicy({ matchConditions: [{ name: 'labelled', expression: "has(object.metadata.labels)" }, { name: 'labelled', expression: 'true' }] })),
    'spec.matchConditions[1].name', /its own name/),
  // validateJobSpec: a backoff limit per index counts each failed pod, so the pods do not restart.
  refusedAtW('a Job with a backoff limit per index whose pods restart on failure', w(indexedJob('OnFailure')), 'spec.template.spec.restartPolicy', /restartPolicy: Never/),
  refusedAtW('a CronJob whose Jobs count failures per index and whose pods restart on failure', w({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'index', namespace: 'web' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: indexedJob('OnFailure').spec } },
  }), 'spec.jobTemplate.spec.template.spec.restartPolicy', /backoffLimitPerIndex/),
  // validatePodsSource, validateObjectSource and validateExternalSource: the target a metric's source takes.
  refusedAtW('a Pods metric aiming at a value rather than an average per pod', besideWorkload(autoscaler({ type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'Value', value: '100' } } })),
    'spec.metrics[0].pods.target.averageValue', /type: 'AverageValue'/),
  refusedAtW('an Object metric aiming at a utilization', besideWorkload(autoscaler({ type: 'Object', object: { metric: { name: 'requests_per_second' }, describedObject: INGRESS, target: { type: 'Utilization', averageUtilization: 50 } } })),
    'spec.metrics[0].object.target.value', /type: 'Value'/),
  refusedAtW('an External metric aiming at a value and an average at once', besideWorkload(autoscaler({ type: 'External', external: { metric: { name: 'queue_depth' }, target: { type: 'Value', value: '30', averageValue: '10' } } })),
    'spec.metrics[0].external.target.averageValue', /keep one/),
  // ValidateFlowSchemaSpec and ValidatePriorityLevelConfigurationSpec.
  refusedAtW('a FlowSchema of a matching precedence above 10000', w(flowSchema({ matchingPrecedence: 20000 })), 'spec.matchingPrecedence', /1–10000/),
  refusedAtW('a FlowSchema of precedence 0', w(flowSchema({ matchingPrecedence: 0 })), 'spec.matchingPrecedence'),
  refusedAtW('a FlowSchema rule matching no subject', w(flowSchema({ rules: [{ subjects: [], ...RULE }] })), 'spec.rules[0].subjects', /system:authenticated/),
  refusedAtW('a FlowSchema rule of neither resource nor non-resource rules', w(flowSchema({ rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }] }] })),
    'spec.rules[0].resourceRules', /resourceRules/),
  refusedAtW('an exempt priority level with limited settings', w(priorityLevel({ type: 'Exempt', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } })), 'spec.limited', /spec\.exempt/),
  refusedAtW('a limited priority level without its settings', w(priorityLevel({ type: 'Limited' })), 'spec.limited', /nominalConcurrencyShares/),
  refusedAtW('a priority level lending 150 percent', w(priorityLevel({ type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 150, limitResponse: { type: 'Reject' } } })),
    'spec.limited.lendablePercent', /0–100/),
  refusedAtW('a priority level that rejects with queuing settings', w(priorityLevel({ type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { ...QUEUE, type: 'Reject' } } })),
    'spec.limited.limitResponse.queuing', /type: 'Queue'/),
  refusedAtW('a priority level that queues without queuing settings', w(priorityLevel({ type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Queue' } } })),
    'spec.limited.limitResponse.queuing', /queues: 64/),
  refusedAtW('a priority level dealing hands larger than its queues', w(priorityLevel({ type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Queue', queuing: { queues: 4, handSize: 8, queueLengthLimit: 50 } } } })),
    'spec.limited.limitResponse.queuing.handSize', /at most queues/),
];
