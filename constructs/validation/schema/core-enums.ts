import type { JsonSchema } from './structural';

// The Kubernetes OpenAPI definitions state the values of these fields only in their descriptions
// ("One of Always, Never, IfNotPresent"), but the API server refuses any other value. They are added to
// the definitions as `enum`, so the schema layer reports them like any other schema violation.
// `''` is listed where the API server takes an empty string as "unset". A change here changes what compiled
// validators check: bump CODE_FORMAT in compiler.ts with it.

const TRANSPORT = ['TCP', 'UDP', 'SCTP'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const UPDATE_STRATEGIES = ['RollingUpdate', 'OnDelete'];
const HONOR_OR_IGNORE = ['Honor', 'Ignore'];
const PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
/** The operators a ResourceQuota's scope selector takes (validateScopedResourceSelectorRequirement). */
export const QUOTA_SCOPE_OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
// An empty value is defaulted to Retain.
const CLAIM_RETENTION = ['', 'Retain', 'Delete'];
const FAILURE_POLICIES = ['Ignore', 'Fail'];
const MATCH_POLICIES = ['Exact', 'Equivalent'];
const ADMISSION_OPERATIONS = ['*', 'CREATE', 'UPDATE', 'DELETE', 'CONNECT'];
const RULE_SCOPES = ['*', 'Cluster', 'Namespaced'];
const ADMISSION_RULE = { operations: ADMISSION_OPERATIONS, scope: RULE_SCOPES };

/** Allowed values by definition and property; a property holding a list constrains its items. */
const CORE_ENUMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'io.k8s.api.core.v1.Container': { imagePullPolicy: PULL_POLICIES, terminationMessagePolicy: TERMINATION_MESSAGE_POLICIES, restartPolicy: ['Always'] },
  'io.k8s.api.core.v1.EphemeralContainer': { imagePullPolicy: PULL_POLICIES, terminationMessagePolicy: TERMINATION_MESSAGE_POLICIES },
  'io.k8s.api.core.v1.ContainerPort': { protocol: TRANSPORT },
  'io.k8s.api.core.v1.EndpointPort': { protocol: TRANSPORT },
  'io.k8s.api.discovery.v1.EndpointPort': { protocol: TRANSPORT },
  'io.k8s.api.core.v1.VolumeMount': { mountPropagation: ['None', 'HostToContainer', 'Bidirectional'] },
  'io.k8s.api.core.v1.PodOS': { name: ['linux', 'windows'] },
  'io.k8s.api.core.v1.ServicePort': { protocol: TRANSPORT },
  'io.k8s.api.networking.v1.NetworkPolicyPort': { protocol: TRANSPORT },
  'io.k8s.api.core.v1.PodSpec': {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  'io.k8s.api.core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    sessionAffinity: ['ClientIP', 'None'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
    ipFamilies: ['IPv4', 'IPv6'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    externalTrafficPolicy: ['Cluster', 'Local'],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: ACCESS_MODES, volumeMode: VOLUME_MODES },
  'io.k8s.api.core.v1.PersistentVolumeSpec': {
    accessModes: ACCESS_MODES, volumeMode: VOLUME_MODES, persistentVolumeReclaimPolicy: ['Retain', 'Delete', 'Recycle'],
  },
  'io.k8s.api.storage.v1.StorageClass': { reclaimPolicy: ['Retain', 'Delete'], volumeBindingMode: ['Immediate', 'WaitForFirstConsumer'] },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: UPDATE_STRATEGIES },
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': { whenDeleted: CLAIM_RETENTION, whenScaled: CLAIM_RETENTION },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: UPDATE_STRATEGIES },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'], podReplacementPolicy: ['TerminatingOrFailed', 'Failed'] },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': { action: ['FailJob', 'FailIndex', 'Ignore', 'Count'] },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: ['In', 'NotIn'] },
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern': { status: ['True', 'False', 'Unknown'] },
  'io.k8s.api.autoscaling.v2.MetricSpec': { type: ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] },
  'io.k8s.api.autoscaling.v2.MetricTarget': { type: ['AverageValue', 'Utilization', 'Value'] },
  'io.k8s.api.autoscaling.v2.HPAScalingRules': { selectPolicy: ['Max', 'Min', 'Disabled'] },
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy': { type: ['Pods', 'Percent'] },
  'io.k8s.api.core.v1.Toleration': { operator: ['Exists', 'Equal'], effect: ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'io.k8s.api.core.v1.ScopedResourceSelectorRequirement': { operator: QUOTA_SCOPE_OPERATORS },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  'io.k8s.api.core.v1.HostPathVolumeSource': {
    type: ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  },
  'io.k8s.api.core.v1.SeccompProfile': { type: PROFILE_TYPES },
  'io.k8s.api.core.v1.AppArmorProfile': { type: PROFILE_TYPES },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { policyTypes: ['Ingress', 'Egress'] },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.PodSecurityContext': { fsGroupChangePolicy: ['OnRootMismatch', 'Always'] },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'], nodeAffinityPolicy: HONOR_OR_IGNORE, nodeTaintsPolicy: HONOR_OR_IGNORE,
  },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: ['IfHealthyBudget', 'AlwaysAllow'] },
  'io.k8s.api.admissionregistration.v1.ValidatingWebhook': { failurePolicy: FAILURE_POLICIES, matchPolicy: MATCH_POLICIES },
  'io.k8s.api.admissionregistration.v1.MutatingWebhook': { failurePolicy: FAILURE_POLICIES, matchPolicy: MATCH_POLICIES, reinvocationPolicy: ['Never', 'IfNeeded'] },
  'io.k8s.api.admissionregistration.v1.RuleWithOperations': ADMISSION_RULE,
  'io.k8s.api.admissionregistration.v1.NamedRuleWithOperations': ADMISSION_RULE,
  'io.k8s.api.admissionregistration.v1.MatchResources': { matchPolicy: MATCH_POLICIES },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec': { failurePolicy: FAILURE_POLICIES },
  'io.k8s.api.admissionregistration.v1.ParamRef': { parameterNotFoundAction: ['Allow', 'Deny'] },
};

/** `definition` (named `name`) with the values the API server allows for its fields, as `enum`. */
export function withCoreEnums(name: string, definition: JsonSchema): JsonSchema {
  const enums = CORE_ENUMS[name];
  const properties = definition.properties as Record<string, JsonSchema> | undefined;
  if (enums === undefined || properties === undefined) {
    return definition;
  }
  const constrained: Record<string, JsonSchema> = { ...properties };
  for (const [property, values] of Object.entries(enums)) {
    const schema = properties[property];
    if (schema === undefined) {
      continue;
    }
    constrained[property] = schema.type === 'array'
      ? { ...schema, items: { ...(schema.items as JsonSchema), enum: [...values] } }
      : { ...schema, enum: [...values] };
  }
  return { ...definition, properties: constrained };
}
