import { App as CdkApp } from 'cdk8s';
import { ClusterChart, synthesize } from '../constructs';
import { goodContainer, goodDeployment, labCluster, raw } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// Objects the API server takes beside the near misses it refuses: sleeps within the grace period, Leases,
// pod failure policies as written in the Kubernetes documentation, spread label keys the selector leaves
// out, a shared process namespace of the pod's own, dotted service account names, whole devices and both
// NetworkPolicy types.

const errorsOf = (build: (cluster: ClusterChart) => void) => {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings
    .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
};
const POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const sleeping = (seconds: number) => goodContainer({ lifecycle: { preStop: { sleep: { seconds } } } });

test('hook sleeps as long as the grace period, given or the default 30 seconds, are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'default-grace', goodDeployment('web', { containers: [sleeping(30)] }));
    raw(c, 'long-grace', goodDeployment('api', { terminationGracePeriodSeconds: 90, containers: [sleeping(60)] }));
  })).toEqual([]);
});

test('a Lease of a positive duration and no transitions yet is accepted', () => {
  expect(errorsOf((c) => raw(c, 'lease', {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'backup-lock', namespace: 'web' },
    spec: { holderIdentity: 'backup-1', leaseDurationSeconds: 15, leaseTransitions: 0 },
  }))).toEqual([]);
});

test('pod failure policies of the Kubernetes documentation are accepted, on a Job and a CronJob', () => {
  const pod = {
    restartPolicy: 'Never', securityContext: POD_SECURITY,
    initContainers: [goodContainer({ name: 'fetch', readinessProbe: undefined })], containers: [goodContainer({ name: 'backup' })],
  };
  const podFailurePolicy = {
    rules: [
      { action: 'FailJob', onExitCodes: { containerName: 'backup', operator: 'In', values: [1, 42] } },
      { action: 'Ignore', onExitCodes: { containerName: 'fetch', operator: 'NotIn', values: [0] } },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    ],
  };
  expect(errorsOf((c) => {
    raw(c, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'backup', namespace: 'web' }, spec: { podFailurePolicy, podReplacementPolicy: 'Failed', template: { spec: pod } } });
    raw(c, 'indexed', {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'shards', namespace: 'web' },
      spec: {
        completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1,
        podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] }, template: { spec: pod },
      },
    });
    raw(c, 'cron', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'web' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { podFailurePolicy, template: { spec: pod } } } },
    });
  })).toEqual([]);
});

test('pod spec near misses the API server takes: spread keys beside the selector\'s, a shared process namespace, a dotted service account, whole devices', () => {
  expect(errorsOf((c) => {
    raw(c, 'spread', goodDeployment('web', {
      topologySpreadConstraints: [{
        maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'],
      }],
      shareProcessNamespace: true,
      serviceAccountName: 'backup.reader',
    }));
    raw(c, 'reader', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'backup.reader', namespace: 'web' } });
    raw(c, 'device', goodDeployment('api', {
      containers: [goodContainer({ resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi', 'squat.ai/serial': 1, 'nvidia.com/gpu': '1' } } })],
    }));
    raw(c, 'policy', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'web' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  })).toEqual([]);
});

test('a sidecar init container with hooks, an AppArmor annotation of a container and an aggregated ClusterRole are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'sidecar', goodDeployment('web', {
      initContainers: [goodContainer({ name: 'proxy', restartPolicy: 'Always', ports: [], readinessProbe: undefined, lifecycle: { preStop: { sleep: { seconds: 5 } } } })],
    }, {}, { 'container.apparmor.security.beta.kubernetes.io/web': 'runtime/default' }));
    raw(c, 'aggregated', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'backup-reader' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.lab.example/aggregate-to-backup': 'true' } }] }, rules: [],
    });
  })).toEqual([]);
});
