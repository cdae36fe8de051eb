import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { PodLabelDefault, RequiredPodLabels, synthesize } from '../constructs';
import { guarded, labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// A label Gatekeeper gives the pods a tool makes without it (Knative Functions' owner), through an
// AssignMetadata mutation: cluster-scoped, scoped to one namespace and to the pods the tool labels.

const unused = path.join(os.tmpdir(), 'unused');

function build(props: Record<string, unknown>) {
  return synthInMemory((app) => {
    const cluster = labCluster(app as CdkApp);
    cluster.namespaces.ensure('web');
    guarded((c: typeof cluster) => new PodLabelDefault(c, 'function-owner', props as any))(cluster);
  });
}

test('renders one cluster-scoped AssignMetadata for the pods that carry the tool\'s label in the namespace, with no error', () => {
  const result = build({ namespace: 'web', label: 'owner', value: 'alice', podsLabelled: 'function.knative.dev/name' });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const mutations = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).filter((m) => m.kind === 'AssignMetadata');
  expect(mutations).toEqual([{
    apiVersion: 'mutations.gatekeeper.sh/v1', kind: 'AssignMetadata', metadata: { name: 'web-owner-label' },
    spec: {
      match: {
        scope: 'Namespaced', kinds: [{ apiGroups: [''], kinds: ['Pod'] }], namespaces: ['web'],
        labelSelector: { matchExpressions: [{ key: 'function.knative.dev/name', operator: 'Exists' }] },
      },
      location: 'metadata.labels.owner',
      parameters: { assign: { value: 'alice' } },
    },
  }]);
});

test("a label key with a prefix is quoted in Gatekeeper's location", () => {
  const result = build({ namespace: 'web', label: 'example.com/team', value: 'a', podsLabelled: 'app', name: 'web-team' });
  const mutation = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'AssignMetadata');
  expect(mutation.spec.location).toBe('metadata.labels."example.com/team"');
});

test('a key or value no label can have is an error on its field, with a hint', () => {
  const result = build({ namespace: 'web', label: 'Owner!', value: 'not a value', podsLabelled: '/name' });
  const errors = result.findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => f.field).sort()).toEqual(['label', 'podsLabelled', 'value']);
  expect(errors.every((f) => f.hint !== '' && f.constructPath.endsWith('function-owner'))).toBe(true);
});

test("beside RequiredPodLabels, Gatekeeper is required once: the cluster's size for it applies, with no warning", () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { componentResources: { gatekeeper: { audit: { memoryLimit: '1Gi' } } } });
  cluster.namespaces.ensure('web');
  new RequiredPodLabels(cluster, 'owner', { labels: ['owner'], namespaces: ['web'] });
  new PodLabelDefault(cluster, 'function-owner', { namespace: 'web', label: 'owner', value: 'alice', podsLabelled: 'function.knative.dev/name' });
  const result = synthesize(app, { outdir: unused, write: false });
  expect(result.findings.filter((f) => f.field.startsWith('componentResources'))).toEqual([]);
});
