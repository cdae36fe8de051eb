import type { ClusterChart } from '../constructs';
import { goodContainer, goodDeployment, raw } from './bad-input/lab';
import {
  admissionPolicy, autoscaler, configMap, deployment, flowSchema, indexedJob, namespace, priorityLevel, webhook, webhooks, windowsContainer,
} from './bad-input/cases-apiserver-parity-14';
import { kustomization } from './bad-input/cases-apiserver-parity-13';
import { labErrors } from './support/lab-errors';

// What the API server takes beside the near misses it refuses: a Windows pod with its Windows settings and a
// Linux pod with Linux's, an overhead left to the RuntimeClass, finalizers of Kubernetes' own or named with
// their domain (and a custom resource's without one), webhook rules of resources with wildcards alone or
// beside subresources, match conditions of names of their own, a Job counting failures per index whose pods
// do not restart, autoscaler metrics aiming at the values their sources take, and API Priority and Fairness objects within their ranges.

/** The errors of a lab with `manifests` in it. */
const errorsOf = (...manifests: Array<Record<string, unknown>>) => labErrors((c: ClusterChart) => {
  manifests.forEach((manifest, i) => raw(c, `object-${i}`, manifest));
});

test('a Windows pod with Windows options alone, and a Linux pod with its seccomp profile, are accepted', () => {
  expect(errorsOf(
    deployment({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } }, containers: [windowsContainer()] }),
  )).toEqual([]);
  expect(errorsOf(deployment({ os: { name: 'linux' } }))).toEqual([]);
});

test('a pod that leaves its overhead to the RuntimeClass is accepted', () => {
  expect(errorsOf(deployment({ runtimeClassName: 'kata' }), {
    apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'kata' }, handler: 'kata', overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
  })).toEqual([]);
});

test('a projected source of its name, scheduling gates without a nodeName, and a priority left to its PriorityClass are accepted', () => {
  expect(errorsOf(
    deployment({
      volumes: [{ name: 'config', projected: { sources: [{ configMap: { name: 'settings', optional: true } }] } }], containers: [goodContainer({ volumeMounts: [{ name: 'config', mountPath: '/config' }] })],
      schedulingGates: [{ name: 'lab.example/restore-done' }], nodeSelector: { 'kubernetes.io/hostname': 'gpu1' }, priorityClassName: 'batch-low',
    }),
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch-low' }, value: 1000, preemptionPolicy: 'Never' },
    configMap({}),
  )).toEqual([]);
  expect(errorsOf(deployment({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' }))).toEqual([]);
});

test("finalizers of Kubernetes' own or named with their domain, and a custom resource's without one, are accepted", () => {
  expect(errorsOf(
    configMap({ finalizers: ['example.com/cleanup', 'orphan'] }),
    namespace(['kubernetes', 'example.com/wipe']),
    { ...kustomization('apps'), metadata: { name: 'apps', namespace: 'flux-system', finalizers: ['cleanup'] } },
  )).toEqual([]);
});

test('webhook rules of resources with wildcards alone or beside subresources, and match conditions of their own names, are accepted', () => {
  const rule = (...resources: string[]) => ({ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources });
  expect(errorsOf(
    webhooks(
      webhook({ rules: [rule('*/*')], matchConditions: [{ name: 'not-system', expression: "request.namespace != 'kube-system'" }, { name: 'example.com/not-public', expression: "request.namespace != 'kube-public'" }] }),
      webhook({ name: 'status.pods.lab.example', rules: [rule('*', 'pods/status'), rule('pods', 'pods/exec')] }),
    ),
    admissionPolicy({ matchConditions: [{ name: 'labelled', expression: 'has(object.metadata.labels)' }] }),
  )).toEqual([]);
});

test('a Job counting failures per index whose pods do not restart is accepted', () => {
  expect(errorsOf(indexedJob('Never'))).toEqual([]);
});

test('Pods metrics aiming at an average per pod, and Object and External metrics at a value or an average, are accepted', () => {
  const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' };
  for (const metric of [
    { type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '100' } } },
    { type: 'Object', object: { metric: { name: 'requests_per_second' }, describedObject: ingress, target: { type: 'Value', value: '1k' } } },
    { type: 'Object', object: { metric: { name: 'requests_per_second' }, describedObject: ingress, target: { type: 'AverageValue', averageValue: '100' } } },
    { type: 'External', external: { metric: { name: 'queue_depth' }, target: { type: 'Value', value: '30' } } },
    { type: 'External', external: { metric: { name: 'queue_depth' }, target: { type: 'AverageValue', averageValue: '10' } } },
  ]) {
    expect(errorsOf(goodDeployment(), autoscaler(metric)).filter((error) => !error.includes('describedObject'))).toEqual([]);
  }
});

test('FlowSchemas and priority levels within their ranges, each with the settings of its type, are accepted', () => {
  expect(errorsOf(
    flowSchema({ matchingPrecedence: 10000 }),
    flowSchema({ rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }] }, 'health'),
    priorityLevel({ type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 100, limitResponse: { type: 'Queue', queuing: { queues: 16, handSize: 16, queueLengthLimit: 50 } } } }),
  )).toEqual([]);
  expect(errorsOf(priorityLevel({ type: 'Exempt', exempt: { nominalConcurrencyShares: 0 } }))).toEqual([]);
  expect(errorsOf(priorityLevel({ type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } }))).toEqual([]);
});
