import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { lab } from './lab';

// A new user shares the lab with family from the README alone: a namespace per member with a ResourceQuota and a
// LimitRange, and the library's apps deployed into them. Each mistake synthesized, and then the API server refused
// the claim or the Service as it was created, so the apply failed; a Namespace written by hand beside the one the
// cluster makes for an app was refused with a hint to rename one of the two; a Role that limits create to one name
// synthesized, and the account it was for was refused every create.

/** Namespace `alice` with a ResourceQuota of `hard` and, where given, a LimitRange item for claims of `claims`. */
const tenant = (cluster: ClusterChart, hard: Record<string, string>, claims?: Record<string, unknown>) => {
  cluster.namespaces.ensure('alice');
  new ApiObject(cluster, 'quota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'family', namespace: 'alice' }, spec: { hard } });
  if (claims) {
    new ApiObject(cluster, 'limits', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'alice' }, spec: { limits: [{ type: 'PersistentVolumeClaim', ...claims }] } });
  }
};
/** Alice's notes app in her namespace, keeping its data on a claim of `size` on the local tier. */
const notes = (cluster: ClusterChart, size = '5Gi', props: Record<string, unknown> = {}) => new App(cluster, 'notes', {
  namespace: 'alice', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
  persistence: { data: { volume: AppVolume.claim({ tier: 'local', size }), mountPath: '/data' } }, ...props,
});

export const CASES: BadInput[] = [
  {
    name: 'a quota of 0 persistentvolumeclaims in a namespace whose app keeps its data on a claim',
    build: (cluster) => { tenant(cluster, { 'requests.storage': '20Gi', persistentvolumeclaims: '0' }); notes(cluster); },
    layer: 'references', path: 'quota', field: 'spec.hard["persistentvolumeclaims"]', hint: /raise persistentvolumeclaims to at least 1/,
  },
  {
    name: "a quota's requests.storage below what a StatefulSet's claims request together",
    build: (cluster) => { tenant(cluster, { 'requests.storage': '10Gi', persistentvolumeclaims: '4' }); notes(cluster, '8Gi', { replicas: 2, controller: AppController.statefulSet() }); },
    layer: 'references', path: 'quota', field: 'spec.hard["requests.storage"]', message: /16Gi/,
  },
  {
    name: 'a quota of 0 services.loadbalancers in a namespace whose app asks for a load-balancer address',
    build: (cluster) => { tenant(cluster, { 'services.loadbalancers': '0' }); notes(cluster, '5Gi', { loadBalancer: { address: lab.pools.vips.at('10.0.8.12') } }); },
    layer: 'references', path: 'quota', field: 'spec.hard["services.loadbalancers"]',
  },
  {
    name: "a claim larger than the namespace's LimitRange allows a claim",
    build: (cluster) => { tenant(cluster, { persistentvolumeclaims: '4' }, { max: { storage: '5Gi' } }); notes(cluster, '10Gi'); },
    layer: 'references', path: 'notes', field: 'persistence.data.volume.claim.size', hint: /at most 5Gi/,
  },
  {
    name: 'a Namespace written by hand with its Pod Security label beside the one the cluster makes for its app',
    build: (cluster) => {
      new ApiObject(cluster, 'ns-alice', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'alice', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
      notes(cluster);
    },
    layer: 'references', path: 'ns-alice', field: 'metadata.name', hint: /drop the hand-written Namespace.*cluster\.namespaces\.ensure\('alice'/,
  },
  {
    name: "a Role that lets a member's account create one ConfigMap by its name",
    build: (cluster) => {
      cluster.namespaces.ensure('alice');
      new ApiObject(cluster, 'role', {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'settings-editor', namespace: 'alice' },
        rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'], verbs: ['get', 'create', 'update'] }],
      });
    },
    layer: 'schema', path: 'role', field: 'rules[0].verbs[1]', hint: /a rule of its own without resourceNames/,
  },
];
