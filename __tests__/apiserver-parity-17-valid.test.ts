import { ApiObject } from 'cdk8s';
import type { ClusterChart } from '../constructs';
import { bucketClaim, composition, configMapManifest, crossplaneWithKubernetes, indexedJob, kubernetesObject, RULED_XRD, stepInput } from './bad-input/cases-apiserver-parity-17';
import { goodDeployment, raw, serviceManifest } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What the API server takes beside the embedded objects it refuses: a Composition step's input of its
// apiVersion and kind, with labels of its own; provider-kubernetes Objects whose manifests are a cluster-scoped
// kind without a namespace, an RBAC object of a name with ':', metadata with an annotation key whose prefix is
// in capitals (the API server checks annotation keys in lower case) and an empty label value; and such an
// annotation key on an object of its own and on its pods, where the same key as a label is refused; Indexed
// Jobs whose highest index fits their pods' host names, and large ones that bound the indexes that may fail;
// the kubelet's port 10250 as a LoadBalancer's target port, and as the port of a Service that is no LoadBalancer;
// a Crossplane claim within the CEL rule of its definition.

/** The errors of a lab with Crossplane, the Composition of `input` and the Objects of `manifests`. */
const errorsOf = (input: Record<string, unknown>, ...manifests: Array<Record<string, unknown>>) => labErrors((c: ClusterChart) => {
  crossplaneWithKubernetes(c);
  new ApiObject(c.platform.configScope('compositions'), 'composition', composition(input) as any);
  manifests.forEach((manifest, i) => {
    const object = kubernetesObject(manifest);
    new ApiObject(c, `object-${i}`, { ...object, metadata: { name: `object-${i}` } } as any);
  });
});

test('a Composition step input with its apiVersion, kind and labels is accepted', () => {
  expect(errorsOf(stepInput({ metadata: { name: 'resources', labels: { 'app.kubernetes.io/part-of': 'databases' } } }))).toEqual([]);
});

test('Object manifests of a cluster-scoped kind, a name with a colon, a capitalized annotation prefix and an empty label value are accepted', () => {
  expect(errorsOf(
    stepInput(),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'media' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'lab:media-reader' }, rules: [] },
    configMapManifest({ annotations: { 'Lab.Example/Owner': 'media team' }, labels: { tier: '' } }),
  )).toEqual([]);
});

test('an annotation key whose prefix is in capitals is accepted on an object and on its pods; as a label key it is refused', () => {
  const owner = { 'Lab.Example/Owner': 'media-team' };
  const deployment = goodDeployment('web', {}, {}, owner);
  expect(labErrors((c: ClusterChart) => raw(c, 'web', { ...deployment, metadata: { name: 'web', namespace: 'web', annotations: owner } }))).toEqual([]);
  const labelled = { ...deployment, metadata: { name: 'web', namespace: 'web', labels: owner } };
  expect(labErrors((c: ClusterChart) => raw(c, 'web', labelled))).toEqual([expect.stringMatching(/metadata\.labels\.Lab\.Example\/Owner: the prefix "Lab\.Example"/)]);
});

test('Indexed Jobs whose pods\' host names fit, and over 100000 completions with at most 10000 failed indexes, are accepted', () => {
  const jobs = [
    indexedJob(`render-${'frames'.repeat(9)}`, 10),
    indexedJob('batch', 200_000, { backoffLimitPerIndex: 1, maxFailedIndexes: 10_000 }),
    indexedJob('sweep', 200_000),
  ];
  expect(labErrors((c: ClusterChart) => jobs.forEach((manifest, i) => raw(c, `job-${i}`, manifest)))).toEqual([]);
});

test('port 10250 as a LoadBalancer\'s target port, and as the port of a ClusterIP Service, is accepted', () => {
  const ports = (port: number, targetPort: number) => ({ ports: [{ name: 'metrics', port, targetPort }] });
  expect(labErrors((c: ClusterChart) => {
    raw(c, 'web', goodDeployment('web', { containers: [{ ...(goodDeployment() as any).spec.template.spec.containers[0], ports: [{ name: 'metrics', containerPort: 10250 }], readinessProbe: { tcpSocket: { port: 10250 } } }] }));
    raw(c, 'edge', serviceManifest('edge', { type: 'LoadBalancer', ...ports(10251, 10250) }));
    raw(c, 'inside', serviceManifest('inside', ports(10250, 10250)));
  })).toEqual([]);
});

test('a Crossplane claim within the CEL rule of its definition is accepted', () => {
  expect(labErrors((c: ClusterChart) => {
    crossplaneWithKubernetes(c);
    new ApiObject(c.platform.configScope('definitions'), 'definition', RULED_XRD as any);
    raw(c, 'claim', bucketClaim(500));
  })).toEqual([]);
});
