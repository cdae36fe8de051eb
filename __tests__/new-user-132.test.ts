import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Finding } from '../constructs';
import { ClusterChart, flux, host, k3s, localPathStorage, site, traefik } from '../constructs';
import {
  deschedulerCronJob, deschedulerPolicy, kuredDaemonSet, NODE_FEATURE_DISCOVERY, plan, SERVER_PLAN, SPEGEL, UPGRADE_CONTROLLER,
} from './bad-input/cases-new-user-maintenance';
import { aboutTheLab, synthInMemory } from './support/synth';

// A K3s home lab of three nodes kept up to date by itself, written from the README alone: Rancher's
// system-upgrade-controller from its upstream manifests as a platform component, with the server and agent Plans
// written by hand; kured as a DaemonSet written by hand, its hostPID and privileged container exempted by
// annotation; the descheduler as a CronJob with its policy in a ConfigMap; spegel and node-feature-discovery from
// their charts, and a NodeFeatureRule of its own. The second test adds a Plan given both a version and a channel, on a label no node carries.

const nodes = [1, 2, 3].map((n) => host(`nu132-${n}`, {
  arch: 'amd64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.132.0.${n}`, memoryGigabytes: 16,
}));
const lab = site('nu132', { domain: 'nu132.example.net', hosts: nodes, git: { url: 'https://git.nu132.example.net/lab.git' } });

const AGENTS = { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }] };

const defineLab = (strayPlan: boolean) => (scope: Construct) => {
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes, routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik'] })],
  });
  const object = (id: string, manifest: Record<string, unknown>) => new ApiObject(c, id, manifest as any);
  /** A default-deny ingress policy over `namespace` that lets in `ports` of the pods labelled `pods`. */
  const denyAllBut = (namespace: string, pods: Record<string, string>, ports: number[]) => object(`${namespace}-ingress`, {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'ingress', namespace },
    spec: { podSelector: { matchLabels: pods }, policyTypes: ['Ingress'], ...(ports.length === 0 ? {} : { ingress: [{ ports: ports.map((port) => ({ port, protocol: 'TCP' })) }] }) },
  });

  /**
   * The ServiceAccount `name` of namespace `name`, bound to a ClusterRole of `clusterRules` and, where given, a Role
   * of its namespace of `rules`.
   */
  const account = (name: string, clusterRules: object[], rules?: object[]) => {
    object(`${name}-sa`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: name } });
    const subjects = [{ kind: 'ServiceAccount', name, namespace: name }];
    for (const [kind, granted] of [['ClusterRole', clusterRules], ['Role', rules]] as const) {
      if (granted !== undefined) {
        const metadata = kind === 'Role' ? { name, namespace: name } : { name };
        object(`${name}-${kind.toLowerCase()}`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata, rules: granted });
        object(`${name}-${kind.toLowerCase()}-binding`, {
          apiVersion: 'rbac.authorization.k8s.io/v1', kind: `${kind}Binding`, metadata, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name }, subjects,
        });
      }
    }
  };

  // K3s upgrades: the controller from its release manifests, its Plans by hand.
  c.platform.require(UPGRADE_CONTROLLER);
  const addPlan = (name: string, spec: Record<string, unknown>) => object(name, plan(name, spec));
  const channel = SERVER_PLAN.channel;
  addPlan('server-plan', {
    ...SERVER_PLAN,
    window: { days: ['saturday', 'sunday'], startTime: '02:00', endTime: '05:00', timeZone: 'Europe/Berlin' },
  });
  addPlan('agent-plan', {
    concurrency: 1, serviceAccountName: 'system-upgrade', channel, nodeSelector: AGENTS,
    prepare: { image: 'rancher/k3s-upgrade', args: ['prepare', 'server-plan'] },
    drain: { force: true, ignoreDaemonSets: true, deleteEmptydirData: true, timeout: '15m' },
    upgrade: { image: 'rancher/k3s-upgrade' },
  });
  if (strayPlan) {
    addPlan('gpu-plan', {
      concurrency: 1, serviceAccountName: 'system-upgrade', version: 'v1.30.4+k3s1', channel, cordon: true,
      nodeSelector: { matchLabels: { 'node.kubernetes.io/gpu': 'true' } }, upgrade: { image: 'rancher/k3s-upgrade' },
    });
  }

  // kured: reboots after kernel updates, one node at a time, at night.
  c.namespaces.ensure('kured', { podSecurity: 'privileged', reason: 'kured reboots its node from the host process namespace' });
  denyAllBut('kured', { name: 'kured' }, [8080]);
  account('kured', [
    { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['list', 'delete', 'get'] },
    { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get'] },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  ], [{ apiGroups: ['apps'], resources: ['daemonsets'], resourceNames: ['kured'], verbs: ['update', 'patch'] }]);
  object('kured', kuredDaemonSet());

  // The descheduler: evicts duplicates and rebalances after a reboot, every 30 minutes.
  c.namespaces.ensure('descheduler');
  denyAllBut('descheduler', {}, []);
  account('descheduler', [
    { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'update'] },
    { apiGroups: [''], resources: ['nodes', 'namespaces'], verbs: ['get', 'watch', 'list'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list', 'delete'] },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
    { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: ['get', 'watch', 'list'] },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'watch', 'list'] },
  ]);
  object('descheduler-policy', deschedulerPolicy());
  object('descheduler', deschedulerCronJob());

  // spegel: each node serves the images it holds to the others, on host ports.
  c.platform.require(SPEGEL);

  // node-feature-discovery: labels the nodes with their CPU and PCI features.
  c.platform.require(NODE_FEATURE_DISCOVERY);
  object('avx2-rule', {
    apiVersion: 'nfd.k8s-sigs.io/v1alpha1', kind: 'NodeFeatureRule', metadata: { name: 'avx2' },
    spec: { rules: [{ name: 'avx2', labels: { 'cpu-avx2': 'true' }, matchFeatures: [{ feature: 'cpu.cpuid', matchExpressions: { AVX2: { op: 'Exists' } } }] }] },
  });
};

const findings = (strayPlan: boolean) => synthInMemory(defineLab(strayPlan)).findings;
const shown = (found: readonly Finding[]) => aboutTheLab(found).map((f) => `${f.severity} ${f.constructPath} ${f.field}`);

describe('a K3s lab that keeps its nodes up to date by itself', () => {
  test('upgrade Plans of a controller from its manifests, kured and the descheduler by hand, spegel and node-feature-discovery from their charts synthesize clean', () => {
    const found = findings(false);
    expect(shown(found)).toEqual([]);
    // The Plans' kind is a stated gap of the schema set, read by the Plan checks; a NodeFeatureRule's CRD is missing
    // from it, which the warning says with the object's path and the group whose CRD file would check it.
    const unknown = found.filter((f) => f.message.startsWith('no schema known'));
    if (!unknown.some((f) => f.hint?.startsWith('point HOMELAB_K8S_SCHEMA'))) {
      expect(unknown.map((f) => [f.message, f.hint])).toEqual([[
        'no schema known for nfd.k8s-sigs.io/v1alpha1 NodeFeatureRule (main/avx2-rule); these objects were not schema-checked', expect.stringMatching(/no CRD of nfd\.k8s-sigs\.io: add/),
      ]]);
    }
  });
  test('a Plan pinned to a version beside its channel, on nodes of a label none carries, is a warning on each', () => {
    expect(shown(findings(true))).toEqual(['warning main/gpu-plan spec.channel', 'warning main/gpu-plan spec.nodeSelector']);
  });
});
