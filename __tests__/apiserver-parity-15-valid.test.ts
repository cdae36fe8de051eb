import type { ClusterChart } from '../constructs';
import { goodContainer, goodDeployment, raw, serviceManifest } from './bad-input/lab';
import {
  autoscalerOf, CERTIFICATE_REQUEST, controller, podTemplate, jobNamed, priorityClass, ruledCrd, signingRequest, templateObject, worker, workerCrd,
} from './bad-input/cases-apiserver-parity-15';
import { labErrors } from './support/lab-errors';

// What the API server takes beside the near misses it refuses: a ReplicationController and a PodTemplate of
// good pods (the controller's selector left to its template's labels, a template's pods of any restart
// policy), certificate signing requests of a PEM request, a signer of a domain and a path, and usages of the
// fixed set; pod priorities that are their class's; CRD rules of CEL with one-line messages and known reasons;
// and autoscalers of kinds that have a scale subresource.

/** The errors of a lab with `manifests` in it. */
const errorsOf = (...manifests: Array<Record<string, unknown>>) => labErrors((c: ClusterChart) => {
  manifests.forEach((manifest, i) => raw(c, `object-${i}`, manifest));
});

test('a ReplicationController and a PodTemplate of good pods are accepted, and a Service selects the controller\'s pods', () => {
  expect(errorsOf(controller(), serviceManifest('web'))).toEqual([]);
  expect(errorsOf(controller(podTemplate(), { selector: undefined, minReadySeconds: 5 }))).toEqual([]);
  expect(errorsOf(templateObject(podTemplate({ restartPolicy: 'Never', activeDeadlineSeconds: 600 }, { labels: { app: 'batch' } })))).toEqual([]);
});

test('a PodTemplate runs no pod: a Service that selects only its labels selects nothing', () => {
  expect(errorsOf(templateObject(), serviceManifest('web'))).toEqual([expect.stringMatching(/spec\.selector: selects no pod/)]);
});

test('a PodTemplate runs no pod: the host port its pods would bind is no Deployment\'s clash', () => {
  const dns = { ports: [{ name: 'dns', containerPort: 5353, hostPort: 5353 }], readinessProbe: { tcpSocket: { port: 5353 } } };
  const errors = errorsOf(goodDeployment('web', { containers: [goodContainer(dns)] }), templateObject(podTemplate({ containers: [goodContainer(dns)] }, { labels: { app: 'batch' } })));
  expect(errors.filter((error) => error.includes('also taken'))).toEqual([]);
});

test('certificate signing requests of a PEM request, a signer of a domain and a path, and known usages are accepted', () => {
  expect(CERTIFICATE_REQUEST).toMatch(/^LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNU/);
  expect(errorsOf(
    signingRequest(),
    { ...signingRequest({ signerName: 'lab.example/internal-ca', usages: ['digital signature', 'key encipherment', 'server auth'], expirationSeconds: 600 }), metadata: { name: 'serving' } },
    { ...signingRequest({ signerName: 'kubernetes.io/kubelet-serving', usages: ['server auth'] }), metadata: { name: 'kubelet' } },
  )).toEqual([]);
});

test('pod priorities and preemption policies that are their class\'s, or the global default\'s, are accepted', () => {
  expect(errorsOf(
    priorityClass(1000, { preemptionPolicy: 'Never' }),
    goodDeployment('web', { priorityClassName: 'batch', priority: 1000, preemptionPolicy: 'Never' }),
    goodDeployment('system', { priorityClassName: 'system-cluster-critical', priority: 2_000_000_000 }),
  )).toEqual([]);
  expect(errorsOf(priorityClass(1000, { globalDefault: true }), goodDeployment('web', { priority: 1000 }))).toEqual([]);
});

test('autoscalers of a custom kind whose CRD has a scale subresource, and of KubeVirt\'s VM replica sets, are accepted', () => {
  expect(errorsOf(workerCrd(true), worker, autoscalerOf({ apiVersion: 'lab.example/v1', kind: 'Worker', name: 'queue' }))).toEqual([]);
  expect(errorsOf(autoscalerOf({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceReplicaSet', name: 'vms' })).filter((error) => error.includes('scaleTargetRef'))).toEqual([]);
  expect(errorsOf(controller(), autoscalerOf({ apiVersion: 'v1', kind: 'ReplicationController', name: 'web' })).filter((error) => error.includes('scaleTargetRef'))).toEqual([]);
});

test('a CRD of one storage version whose rules are CEL, with one-line messages and known reasons, is accepted', () => {
  expect(errorsOf(ruledCrd([
    { rule: 'self.replicas >= 0', message: 'replicas is never below zero', reason: 'FieldValueInvalid' },
    { rule: 'self.replicas <= 10', messageExpression: "'at most 10 replicas, not ' + string(self.replicas)", fieldPath: '.replicas' },
  ]))).toEqual([]);
});

test('a Job of a 63-character name is accepted', () => {
  expect(errorsOf(jobNamed(`nightly-${'report'.repeat(9)}`))).toEqual([]);
});
