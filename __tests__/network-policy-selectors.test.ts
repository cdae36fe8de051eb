import { App as CdkApp } from 'cdk8s';
import { App, synthesize } from '../constructs';
import type { ClusterChart } from '../constructs';
import { goodDeployment, labCluster, raw } from './bad-input/lab';
import { policyPodSelectors } from '../constructs/validation/namespace-policies';
import { indexOf } from '../constructs/validation/object-index';
import { unwrittenOutdir } from './support/synth';

// A NetworkPolicy governs the pods its selector picks, not its whole namespace: an App's own policy
// selects the App's pods, and a hand-written workload beside it stays open to every pod.

function policyWarnings(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings
    .filter((f) => f.layer === 'policy' && f.severity === 'warning' && /NetworkPolicy/.test(f.message));
}

const notes = (cluster: ClusterChart) => new App(cluster, 'notes', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });

test("a hand-written Deployment beside an App is warned of: the App's policy does not select its pods", () => {
  const warnings = policyWarnings((cluster) => {
    notes(cluster);
    raw(cluster, 'cache', goodDeployment('cache'));
  });
  expect(warnings).toEqual([expect.objectContaining({
    kind: 'Deployment', name: 'cache', field: 'metadata.namespace',
    message: expect.stringContaining('no NetworkPolicy of namespace "web" selects the pods of this workload'),
  })]);
});

test('a policy with an empty podSelector covers it, and so does one that selects its labels', () => {
  const policy = (podSelector: Record<string, unknown>) => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'web' }, spec: { podSelector, policyTypes: ['Ingress'] },
  });
  for (const podSelector of [{}, { matchLabels: { app: 'cache' } }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['cache', 'x'] }] }]) {
    expect(policyWarnings((cluster) => {
      notes(cluster);
      raw(cluster, 'cache', goodDeployment('cache'));
      raw(cluster, 'policy', policy(podSelector));
    })).toEqual([]);
  }
});

test('a namespace without any policy is one warning, not one per workload', () => {
  const warnings = policyWarnings((cluster) => ['a', 'b'].forEach((name) => raw(cluster, name, goodDeployment(name))));
  expect(warnings.map((w) => w.message)).toEqual(['namespace "web" has no NetworkPolicy; every pod may talk to its pods']);
});

test("a CiliumNetworkPolicy's endpointSelector is read with its label sources", () => {
  const object = (manifest: Record<string, unknown>) => ({ manifest: manifest as any, constructPath: 'p', file: 'p' });
  const selectors = policyPodSelectors(indexOf([
    object({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'c', namespace: 'web' }, spec: { endpointSelector: { matchLabels: { 'k8s:app': 'cache' } } } }),
    object({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'n', namespace: 'web' }, spec: { nodeSelector: {} } }),
  ]));
  expect(selectors.get('web')!.selectsAny({ app: 'cache' })).toBe(true);
  expect(selectors.get('web')!.selectsAny({ app: 'other' })).toBe(false);
});
