import { projectPermits } from '../constructs/platform/argo-cd-project-permits';

// Argo CD's reading of an AppProject's resource lists: a namespaced kind passes a project without a whitelist,
// a cluster-scoped one needs its own; blacklists take out what whitelists let in; entries are globs.

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'web' } };
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } };
const toWeb = { destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web' }] };

test.each([
  ['no namespaced whitelist at all lets every namespaced kind through', { ...toWeb }, deployment, true],
  ['an empty namespaced whitelist lets none through', { ...toWeb, namespaceResourceWhitelist: [] }, deployment, false],
  ['a namespaced blacklist takes its kind out', { ...toWeb, namespaceResourceBlacklist: [{ group: 'apps', kind: 'Deploy*' }] }, deployment, false],
  ['a destination elsewhere refuses it', { destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'other' }] }, deployment, false],
  ['no cluster whitelist refuses a cluster-scoped kind', { ...toWeb }, namespace, false],
  ['a cluster whitelist of the core group lets a Namespace through', { ...toWeb, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }, namespace, true],
  ['a cluster blacklist takes it out again', { ...toWeb, clusterResourceWhitelist: [{ group: '*', kind: '*' }], clusterResourceBlacklist: [{ group: '', kind: 'Namespace' }] }, namespace, false],
])('%s', (_name, project, object, permitted) => {
  expect(projectPermits(project, object)).toBe(permitted);
});
