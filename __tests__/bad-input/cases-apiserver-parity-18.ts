import type { App as CdkApp } from 'cdk8s';
import { ClusterChart, k3s } from '../../constructs';
import type { BadInput } from './cases';
import { indexedJob } from './cases-apiserver-parity-17';
import { CONTAINER, goodContainer, goodDeployment, guarded, labCluster, raw, refusedAtW, serviceManifest } from './lab';

// Fields of Kubernetes 1.30's schema whose feature gate is off by default there, so that the API server drops
// them from what it stores (the strategies' dropDisabledFields) rather than refusing them: a Job's success
// policy (JobSuccessPolicy), a StatefulSet's maxUnavailable (MaxUnavailableStatefulSet), a trust bundle in a
// projected volume (ClusterTrustBundleProjection), a container's resource claims (DynamicResourceAllocation,
// dropped with the pod's own), a PersistentVolume's volumeAttributesClassName (VolumeAttributesClass) and a
// container's procMount other than Default, which it resets to Default (ProcMountType). The
// object is applied without what the field asked for, and the GitOps engine finds it changed at every sync.
// And a ValidatingAdmissionPolicy whose CEL the API server cannot compile when it stores the policy
// (validateVariable, validateValidation, validateAuditAnnotation, validateMatchCondition), or whose
// parameters are of no kind (validateParamKind): the policy is refused, and nothing it was to guard is.
// And a Service whose cluster IP the Service ranges of its cluster cannot give (K3s' 10.43.0.0/16 here), and
// a CustomResourceDefinition whose schema gives one CEL rule twice, the key of its list for server-side apply.

const POD = 'spec.template.spec';
const DROPPED = /leave \S+ out, as Kubernetes 1\.30/;
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', manifest);
};

/** A StatefulSet `db` of the good container under its headless Service `db`, with `spec` laid over its spec. */
export function statefulSet(spec: Record<string, unknown> = {}): Record<string, unknown> {
  const deployment = goodDeployment('db') as any;
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: deployment.metadata, spec: { ...deployment.spec, serviceName: 'db', replicas: 3, ...spec } };
}

/** A PersistentVolume `media` of an NFS export, with `spec` laid over its spec. */
export function nfsVolume(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' },
    spec: { capacity: { storage: '100Gi' }, accessModes: ['ReadWriteMany'], storageClassName: '', nfs: { server: '10.0.0.5', path: '/export/media' }, ...spec },
  };
}

/** The good Deployment with a projected volume `certs` of `sources`, mounted read-only at /etc/lab-certs. */
export function projectedCerts(sources: unknown[]): Record<string, unknown> {
  return goodDeployment('web', {
    containers: [goodContainer({ volumeMounts: [{ name: 'certs', mountPath: '/etc/lab-certs', readOnly: true }] })],
    volumes: [{ name: 'certs', projected: { sources } }],
  });
}

/** A ValidatingAdmissionPolicy `replica-limit` of Deployments, at most 5 replicas, with `spec` laid over its spec. */
export function replicaPolicy(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' },
    spec: {
      failurePolicy: 'Fail', validations: [{ expression: 'object.spec.replicas <= 5' }],
      matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
      ...spec,
    },
  };
}
const policy = (spec: Record<string, unknown>) => w(replicaPolicy(spec));

/** A K3s cluster `p18-k3s` of the lab, beside the good Deployment, with the Service `dns` of `spec`. */
export const onK3s = (spec: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => {
  const cluster = labCluster(app, 'p18-k3s', { preinstalled: [k3s()] });
  raw(cluster, 'workload', goodDeployment());
  raw(cluster, 'dns', serviceManifest('dns', spec));
});
const clusterIp = (name: string, spec: Record<string, unknown>, field: string): BadInput => ({
  name, build: onK3s(spec), layer: 'inventory', path: 'p18-k3s/dns', field, hint: /10\.43\.0\.0\/16/,
});

/** A CustomResourceDefinition of widgets whose spec carries `rules`. */
export const widgetDefinition = (rules: unknown[]) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.lab.example' },
  spec: {
    group: 'lab.example', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } }, 'x-kubernetes-validations': rules } } } },
    }],
  },
});

const SUCCESS_POLICY = { successPolicy: { rules: [{ succeededIndexes: '0' }] } };

export const CASES: BadInput[] = [
  refusedAtW('an Indexed Job with a success policy', w(indexedJob('render', 4, SUCCESS_POLICY)), 'spec.successPolicy', DROPPED),
  refusedAtW('a CronJob whose Jobs have a success policy', w({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'render', namespace: 'web' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: (indexedJob('render', 4, SUCCESS_POLICY) as any).spec } },
  }), 'spec.jobTemplate.spec.successPolicy', DROPPED),
  refusedAtW('a StatefulSet whose rolling update takes two pods down at once', w(statefulSet({ updateStrategy: { rollingUpdate: { maxUnavailable: 2 } } })),
    'spec.updateStrategy.rollingUpdate.maxUnavailable', DROPPED),
  refusedAtW('a projected volume of a ClusterTrustBundle', w(projectedCerts([{ clusterTrustBundle: { signerName: 'lab.example/ca', labelSelector: {}, path: 'ca.pem' } }])),
    `${POD}.volumes[0].projected.sources[0].clusterTrustBundle`, DROPPED),
  refusedAtW('a container that claims a device of the pod', w(goodDeployment('web', {
    containers: [goodContainer({ resources: { ...(goodContainer().resources as object), claims: [{ name: 'gpu' }] } })],
  })), `${CONTAINER}.resources.claims`, DROPPED),
  refusedAtW('a container of an unmasked /proc', w(goodDeployment('web', {
    containers: [goodContainer({ securityContext: { ...(goodContainer().securityContext as object), procMount: 'Unmasked' } })],
  })), `${CONTAINER}.securityContext.procMount`, /leave procMount out/),
  refusedAtW('a PersistentVolume of a volume attributes class', w(nfsVolume({ volumeAttributesClassName: 'fast' })), 'spec.volumeAttributesClassName', DROPPED),
  refusedAtW('a policy variable named with a dash', policy({ variables: [{ name: 'max-replicas', expression: '5' }] }), 'spec.variables[0].name', /max_replicas/),
  refusedAtW('a policy variable named by a reserved word', policy({ variables: [{ name: 'namespace', expression: 'object.metadata.namespace' }] }), 'spec.variables[0].name', /letters, digits and '_'/),
  refusedAtW('two policy variables of one name', policy({ variables: [{ name: 'limit', expression: '5' }, { name: 'limit', expression: '6' }] }), 'spec.variables[1].name', /its own name/),
  refusedAtW('a policy variable whose expression ends in an operator', policy({ variables: [{ name: 'limit', expression: 'object.spec.replicas >' }] }), 'spec.variables[0].expression', /one CEL expression/),
  refusedAtW('a policy validation whose expression is unfinished', policy({ validations: [{ expression: 'object.spec.replicas <= ' }] }), 'spec.validations[0].expression', /one CEL expression/),
  refusedAtW('a policy validation whose message expression is unfinished', policy({ validations: [{ expression: 'object.spec.replicas <= 5', messageExpression: "'too many: ' +" }] }),
    'spec.validations[0].messageExpression', /string\(object\.spec\.replicas\)/),
  refusedAtW('a policy validation message of two lines', policy({ validations: [{ expression: 'object.spec.replicas <= 5', message: 'too many replicas\nat most 5' }] }),
    'spec.validations[0].message', /one line/),
  refusedAtW('a policy validation whose reason is Unauthorized', policy({ validations: [{ expression: 'object.spec.replicas <= 5', reason: 'Unauthorized' }] }),
    'spec.validations[0].reason', /Forbidden, Invalid, RequestEntityTooLarge/),
  refusedAtW('a policy audit annotation key with a space', policy({ validations: [], auditAnnotations: [{ key: 'replica count', valueExpression: 'string(object.spec.replicas)' }] }),
    'spec.auditAnnotations[0].key', /like a label name/),
  refusedAtW('a policy audit annotation of an empty value expression', policy({ validations: [], auditAnnotations: [{ key: 'replicas', valueExpression: ' ' }] }),
    'spec.auditAnnotations[0].valueExpression', /one CEL expression/),
  refusedAtW('a policy match condition whose expression is unfinished', policy({ matchConditions: [{ name: 'not-system', expression: "request.namespace !=" }] }),
    'spec.matchConditions[0].expression', /request\.namespace/),
  refusedAtW('a policy of parameters of no kind', policy({ paramKind: { apiVersion: 'v1' } }), 'spec.paramKind.kind', /ConfigMap/),
  refusedAtW('a policy of parameters of a kind with a dot', policy({ paramKind: { apiVersion: 'lab.example/v1', kind: 'Replica.Limit' } }), 'spec.paramKind.kind', /ConfigMap/),
  clusterIp("a Service of kubeadm's DNS address on a K3s cluster", { clusterIP: '10.96.0.10' }, 'spec.clusterIP'),
  clusterIp("a Service of the network address of K3s' Service range", { clusterIP: '10.43.0.0', clusterIPs: ['10.43.0.0'] }, 'spec.clusterIP'),
  clusterIp('a Service whose clusterIPs alone give an address outside the range', { clusterIPs: ['10.96.0.53'] }, 'spec.clusterIPs[0]'),
  refusedAtW('a CustomResourceDefinition that gives one rule twice', w(widgetDefinition([{ rule: 'self.size <= 10' }, { rule: 'self.size <= 10', message: 'at most 10' }])),
    'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].rule', /keep one entry/),
];
