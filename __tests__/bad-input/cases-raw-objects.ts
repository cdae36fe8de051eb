import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw, serviceManifest } from './lab';

// Hand-written objects that the API server refuses or ignores, or that a controller or Kubernetes itself
// owns: namespaces of cluster-wide kinds, unserved CRD versions, names and metadata the API server checks.
const w = (manifest: Record<string, unknown>): BadInput['build'] => (c) => {
  raw(c, 'x', manifest);
};
const RBAC = 'rbac.authorization.k8s.io/v1';
const WIDGETS = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.lab.test' },
  spec: {
    group: 'lab.test', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};
const configMap = (metadata: Record<string, unknown>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web', ...metadata }, data: { level: 'info' },
});
const statefulSet = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'web' },
  spec: {
    serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } },
    template: {
      metadata: { labels: { app: 'db' } },
      spec: { containers: [goodContainer()], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
    },
  },
});

export const CASES: BadInput[] = [
  // Cluster-wide kinds take no namespace: the API server drops it
  { name: 'ClusterRole given a namespace', build: w({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'reader', namespace: 'ghost' }, rules: [] }), layer: 'schema', path: 'x', field: 'metadata.namespace' },
  { name: 'StorageClass given a namespace', build: w({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'slow', namespace: 'web' }, provisioner: 'rancher.io/local-path' }), layer: 'schema', path: 'x', field: 'metadata.namespace' },
  { name: 'Namespace given a namespace', build: w({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tools', namespace: 'web', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }), layer: 'schema', path: 'x', field: 'metadata.namespace' },
  // Custom resources at a version their CRD does not serve
  {
    name: 'Traefik Middleware at a version its CRD does not serve',
    build: w({ apiVersion: 'traefik.io/v1beta9', kind: 'Middleware', metadata: { name: 'strip', namespace: 'web' }, spec: { stripPrefix: { prefixes: ['/a'] } } }),
    layer: 'schema', path: 'x', field: 'apiVersion', hint: /traefik\.io\/v1alpha1/,
  },
  {
    name: 'custom resource at a version the CRD of the cluster does not serve',
    build: (c) => {
      raw(c, 'crd', WIDGETS);
      raw(c, 'x', { apiVersion: 'lab.test/v2', kind: 'Widget', metadata: { name: 'w', namespace: 'web' }, spec: {} });
    },
    layer: 'schema', path: 'x', field: 'apiVersion', hint: /lab\.test\/v1/,
  },
  // Names and metadata the API server checks
  { name: 'CRD whose name is not <plural>.<group>', build: w({ ...WIDGETS, metadata: { name: 'widgets' } }), layer: 'schema', path: 'x', field: 'metadata.name', hint: /widgets\.lab\.test/ },
  { name: 'annotations above 256 KiB in all', build: w(configMap({ annotations: { big: 'x'.repeat(300000) } })), layer: 'schema', path: 'x', field: 'metadata.annotations' },
  { name: 'finalizer that is no qualified name', build: w(configMap({ finalizers: ['Bad Finalizer'] })), layer: 'schema', path: 'x', field: 'metadata.finalizers[0]' },
  { name: 'PriorityClass named with the reserved system- prefix', build: w({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-mine' }, value: 1000 }), layer: 'schema', path: 'x', field: 'metadata.name' },
  {
    name: 'NodePort Service that is headless',
    build: (c) => {
      raw(c, 'workload', goodDeployment());
      raw(c, 'x', serviceManifest('web', { type: 'NodePort', clusterIP: 'None' }));
    },
    layer: 'schema', path: 'x', field: 'spec.clusterIP',
  },
  { name: 'StatefulSet whose pods could not be named after it (a dot)', build: w(statefulSet('my.db')), layer: 'inventory', path: 'x', field: 'metadata.name' },
  { name: 'StatefulSet name too long for its pods\' revision label', build: w(statefulSet('d'.repeat(53))), layer: 'inventory', path: 'x', field: 'metadata.name' },
  {
    name: 'pod setting a sysctl Pod Security admits only for privileged pods',
    build: w(goodDeployment('web', { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } })),
    layer: 'policy', path: 'x', field: 'spec.template.spec.securityContext.sysctls[0].name',
  },
  { name: 'ClusterRole named with a slash', build: w({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'app/reader' }, rules: [] }), layer: 'inventory', path: 'x', field: 'metadata.name' },
  {
    name: 'RoleBinding to a role named with a slash',
    build: w({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'readers', namespace: 'web' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'app/reader' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'web' }] }),
    layer: 'schema', path: 'x', field: 'roleRef.name',
  },
  // Objects Kubernetes or a GitOps engine owns
  {
    name: 'Namespace object flux-system, which flux bootstrap makes',
    build: w({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flux-system', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }),
    layer: 'policy', path: 'x', field: 'metadata.name',
  },
  { name: 'ConfigMap kube-root-ca.crt, which Kubernetes writes into every namespace', build: w(configMap({ name: 'kube-root-ca.crt' })), layer: 'policy', path: 'x', field: 'metadata.name' },
];
