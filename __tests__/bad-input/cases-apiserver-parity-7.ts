import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw } from './lab';

// Lifecycle sleeps, Leases, Job pod failure policies, spread label keys, a shared process namespace on the
// host's, service account names, fractional device requests, init container hooks, AppArmor annotations,
// aggregated ClusterRoles and NetworkPolicy types that the API server refuses by its own Go validation
// (pkg/apis/core/validation, pkg/apis/batch/validation, pkg/apis/coordination/validation,
// pkg/apis/rbac/validation, pkg/apis/networking/validation) although their OpenAPI schema allows them:
// reported on the field the user wrote.

/** Adds `manifest` as `w`, beside the good Deployment `web` it may select. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart): void => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'w', manifest);
};
/** A case of the hand-written object `w`, reported by the schema layer. */
const at = (name: string, build: (c: ClusterChart) => void, field: string | RegExp, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'w', field, hint });

const POD = 'spec.template.spec';
const api = (pod: Record<string, unknown>, podAnnotations?: Record<string, string>) => w(goodDeployment('api', pod, {}, podAnnotations));
const preStopSleep = (seconds: number, pod: Record<string, unknown> = {}) => api({ containers: [goodContainer({ lifecycle: { preStop: { sleep: { seconds } } } })], ...pod });
const lease = (spec: Record<string, unknown>) => w({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'backup-lock', namespace: 'web' }, spec: { holderIdentity: 'backup-1', ...spec } });
const jobSpec = (spec: Record<string, unknown>, pod: Record<string, unknown> = {}) => ({
  template: { spec: { restartPolicy: 'Never', containers: [goodContainer({ name: 'backup' })], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...pod } },
  ...spec,
});
const job = (spec: Record<string, unknown>, pod?: Record<string, unknown>) => w({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'backup', namespace: 'web' }, spec: jobSpec(spec, pod) });
/** A Job failing on `rule`; `spec` adds to the Job. */
const failOn = (rule: Record<string, unknown>, spec: Record<string, unknown> = {}) => job({ podFailurePolicy: { rules: [{ action: 'FailJob', ...rule }] }, ...spec });
const RULE = 'spec.podFailurePolicy.rules[0]';
const spread = (constraint: Record<string, unknown>) => api({
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'api' } }, ...constraint }],
});

export const CASES: BadInput[] = [
  // Lifecycle sleeps (validateSleepAction): at least a second, and within the pod's grace period.
  at('a preStop sleep of 0 seconds', preStopSleep(0), `${POD}.containers[0].lifecycle.preStop.sleep.seconds`),
  at('a preStop sleep longer than the default grace period', preStopSleep(60), `${POD}.containers[0].lifecycle.preStop.sleep.seconds`, /terminationGracePeriodSeconds: 60/),
  at('a postStart sleep longer than the pod\'s grace period', api({
    terminationGracePeriodSeconds: 10, containers: [goodContainer({ lifecycle: { postStart: { sleep: { seconds: 15 } } } })],
  }), `${POD}.containers[0].lifecycle.postStart.sleep.seconds`),
  // Leases (ValidateLeaseSpec).
  at('a Lease of 0 seconds', lease({ leaseDurationSeconds: 0 }), 'spec.leaseDurationSeconds'),
  at('a Lease with a negative transition count', lease({ leaseTransitions: -1 }), 'spec.leaseTransitions'),
  // Job pod failure policies (validatePodFailurePolicy, validateJobSpec).
  at('a pod failure policy on a Job whose pods restart OnFailure', failOn({ onExitCodes: { operator: 'In', values: [42] } }, { template: jobSpec({}, { restartPolicy: 'OnFailure' }).template }),
    `${POD}.restartPolicy`, /Never/),
  at('a FailIndex rule without a backoff limit per index', failOn({ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }), `${RULE}.action`, /backoffLimitPerIndex/),
  at('a pod failure rule on exit codes and pod conditions', failOn({ onExitCodes: { operator: 'In', values: [42] }, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }), RULE),
  at('a pod failure rule on nothing', failOn({}), RULE, /onExitCodes/),
  at('a pod failure rule on exit codes of a container the pod lacks', failOn({ onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }), `${RULE}.onExitCodes.containerName`, /backup/),
  at('a pod failure rule on exit codes out of order', failOn({ onExitCodes: { operator: 'In', values: [42, 1] } }), `${RULE}.onExitCodes.values`, /\[1, 42\]/),
  at('a pod failure rule on exit code 0 with In', failOn({ onExitCodes: { operator: 'In', values: [0, 1] } }), `${RULE}.onExitCodes.values[0]`, /NotIn/),
  at('a pod failure rule on no exit code', failOn({ onExitCodes: { operator: 'In', values: [] } }), `${RULE}.onExitCodes.values`),
  at('a pod failure rule on a pod condition status in lower case', failOn({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'true' }] }), `${RULE}.onPodConditions[0].status`),
  at('a pod failure rule on a pod condition type with a space', failOn({ action: 'Ignore', onPodConditions: [{ type: 'Disruption Target', status: 'True' }] }), `${RULE}.onPodConditions[0].type`),
  at('a pod failure policy beside pod replacement TerminatingOrFailed', failOn({ onExitCodes: { operator: 'In', values: [42] } }, { podReplacementPolicy: 'TerminatingOrFailed' }), 'spec.podReplacementPolicy', /Failed/),
  at('a CronJob whose Job has a pod failure policy and restarts OnFailure', w({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup', namespace: 'web' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: jobSpec({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } }, { restartPolicy: 'OnFailure' }) } },
  }), `spec.jobTemplate.${POD}.restartPolicy`),
  // Topology spread label keys (validateMatchLabelKeysInTopologySpread).
  at('a spread label key in matchLabelKeys and the labelSelector', spread({ matchLabelKeys: ['app'] }), `${POD}.topologySpreadConstraints[0].matchLabelKeys[0]`, /pod-template-hash/),
  at('a spread label key with a space', spread({ matchLabelKeys: ['pod template hash'] }), `${POD}.topologySpreadConstraints[0].matchLabelKeys[0]`),
  // Pod fields (validatePodSpecSecurityContext, ValidatePodSpec).
  at('a shared process namespace in the host\'s', api({ hostPID: true, shareProcessNamespace: true }, { 'security.homelab.dev/host-pid': 'reads every process of the node' }),
    `${POD}.shareProcessNamespace`),
  at('a serviceAccountName with an underscore', api({ serviceAccountName: 'backup_reader' }), `${POD}.serviceAccountName`, /backup-reader/),
  at('half a GPU of a device plugin', api({
    containers: [goodContainer({ resources: { requests: { cpu: '50m', memory: '64Mi', 'nvidia.com/gpu': '500m' }, limits: { memory: '128Mi', 'nvidia.com/gpu': '500m' } } })],
  }), `${POD}.containers[0].resources.limits.nvidia.com/gpu`, /whole/),
  // Init containers (validateInitContainers) and AppArmor annotations (ValidateAppArmorPodAnnotations).
  at('an init container with a lifecycle hook', api({
    initContainers: [goodContainer({ name: 'migrate', readinessProbe: undefined, lifecycle: { postStart: { exec: { command: ['touch', '/tmp/started'] } } } })],
  }), `${POD}.initContainers[0].lifecycle`, /restartPolicy: Always/),
  at('an AppArmor annotation of a container the pod lacks', api({}, { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' }),
    'spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/app', /apparmor\.security\.beta\.kubernetes\.io\/web/),
  // Aggregated ClusterRoles (ValidateClusterRole).
  at('a ClusterRole aggregating no ClusterRole', w({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'backup-reader' }, aggregationRule: { clusterRoleSelectors: [] },
  }), 'aggregationRule.clusterRoleSelectors'),
  at('a ClusterRole aggregating by a label selector In of no values', w({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'backup-reader' },
    aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'rbac.lab.example/aggregate-to-backup', operator: 'In', values: [] }] }] },
  }), /^aggregationRule\.clusterRoleSelectors\[0\]\.matchExpressions\[0\]/),
  // NetworkPolicy types (ValidateNetworkPolicySpec).
  at('a NetworkPolicy of three policy types', w({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'web' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Ingress'] },
  }), 'spec.policyTypes'),
];
