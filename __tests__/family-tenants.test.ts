import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, AppVolume, ClusterChart, flux, host, k3s, localPathStorage, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';

// A lab shared with family, written from the README: a namespace per member with a ResourceQuota on compute,
// storage and object counts, LimitRange defaults, a second admin holding cluster-admin in the members'
// namespaces, a read-only account with a long-lived token for its kubeconfig, Pod Security levels per namespace,
// default-deny policies that let the ingress controller and monitoring in, and apps on claims in each namespace.

const RBAC = 'rbac.authorization.k8s.io';
const MEMBERS = [['alice', 'restricted'], ['kids', 'baseline'], ['bob', 'restricted']] as const;

/** The family's cluster; `readOnlyEverywhere` binds the read-only ClusterRole cluster-wide as well as in `kids`. */
function family(scope: Construct, readOnlyEverywhere = true): void {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const lab = site('family', { domain: 'family.jdoe.dev', hosts: [nuc], git: { url: 'https://github.com/jdoe/family.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  const object = (id: string, manifest: Record<string, unknown>) => new ApiObject(cluster, id, manifest as ConstructorParameters<typeof ApiObject>[2]);
  cluster.namespaces.ensure('monitoring');
  cluster.namespaces.ensure('family-admin');
  for (const [member, level] of MEMBERS) {
    cluster.namespaces.ensure(member, level === 'baseline' ? { podSecurity: 'baseline', reason: 'the game servers of the kids' } : undefined);
    memberLimits(object, member);
    object(`${member}-admin`, {
      apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'second-admin', namespace: member },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'second-admin', namespace: 'family-admin' }],
    });
  }
  for (const account of ['second-admin', 'readonly']) {
    object(`${account}-account`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace: 'family-admin' } });
    object(`${account}-token`, {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: { name: `${account}-token`, namespace: 'family-admin', annotations: { 'kubernetes.io/service-account.name': account } },
    });
  }
  const readonly = [{ kind: 'ServiceAccount', name: 'readonly', namespace: 'family-admin' }];
  object('readonly-role', {
    apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'family-readonly' },
    rules: [{ apiGroups: ['', 'apps'], resources: ['pods', 'pods/log', 'services', 'persistentvolumeclaims', 'deployments', 'statefulsets', 'nodes'], verbs: ['get', 'list', 'watch'] }],
  });
  if (readOnlyEverywhere) {
    object('readonly-everywhere', { apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'family-readonly' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'family-readonly' }, subjects: readonly });
  }
  object('readonly-kids', { apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'readonly', namespace: 'kids' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'family-readonly' }, subjects: readonly });
  const web = { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] };
  new App(cluster, 'notes', { ...web, namespace: 'alice', route: { host: 'notes' }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } } });
  new App(cluster, 'photos', {
    ...web, namespace: 'bob', route: { host: 'photos' }, controller: AppController.statefulSet(), replicas: 2,
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } },
  });
  new App(cluster, 'minecraft', {
    namespace: 'kids', image: 'itzg/minecraft-server:java21', ports: [{ name: 'game', port: 25565 }], env: { EULA: 'TRUE', MEMORY: '1536M' },
    resources: { memoryRequest: '1Gi', memoryLimit: '2Gi' }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } },
  });
}

/** A member's quota, LimitRange defaults and claim bounds, and policies that admit the ingress controller and monitoring alone. */
function memberLimits(object: (id: string, manifest: Record<string, unknown>) => ApiObject, member: string): void {
  object(`${member}-quota`, {
    apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'family', namespace: member },
    spec: { hard: { 'requests.cpu': '2', 'requests.memory': '4Gi', 'limits.memory': '8Gi', 'requests.storage': '50Gi', persistentvolumeclaims: '4', pods: '20', 'services.loadbalancers': '0' } },
  });
  object(`${member}-limits`, {
    apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: member },
    spec: { limits: [
      { type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { memory: '2Gi' } },
      { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '20Gi' } },
    ] },
  });
  const from = (namespace: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
  object(`${member}-deny`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: member }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  object(`${member}-allow`, {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'ingress-and-monitoring', namespace: member },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [from('traefik'), from('monitoring'), { podSelector: {} }] }] },
  });
}

test('the family lab synthesizes with no findings: its quotas hold its claims, its LimitRanges admit them', () => {
  expect(shownFindings((scope) => family(scope))).toEqual([]);
});

test("a RoleBinding of a ClusterRole with rules on nodes, bound by no ClusterRoleBinding, is a warning on its roleRef", () => {
  expect(shownFindings((scope) => family(scope, false))).toEqual(['warning main/readonly-kids roleRef.name']);
});
