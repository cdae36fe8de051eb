import { App as CdkApp } from 'cdk8s';
import { CROSSPLANE_PROVIDERS, CrossplaneProviders, declareExternal, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// A ProviderConfig's credentials Secret is checked as a pod's is: made in the repository, or declared
// external, which makes it a step of the owner.

function synthWith(declare: boolean, key = 'kubeconfig') {
  const app = new CdkApp();
  const cluster = labCluster(app);
  const providers = new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]);
  providers.addProviderConfig({
    name: 'remote', apiVersion: 'kubernetes.crossplane.io/v1alpha1',
    spec: { credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'remote-kubeconfig', key } } },
  });
  if (declare) {
    declareExternal(providers, { secrets: [{ namespace: 'crossplane-system', name: 'remote-kubeconfig' }] });
  }
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  const readme = [...result.files].find(([path]) => path.endsWith('README.md'))?.[1] ?? '';
  return { errors: result.findings.filter((f) => f.severity === 'error'), readme };
}

test('a ProviderConfig reading a Secret nothing makes is an error naming the Secret and its namespace', () => {
  const { errors } = synthWith(false);
  expect(errors).toEqual([expect.objectContaining({
    layer: 'references', kind: 'ProviderConfig', field: 'spec.credentials.secretRef.name',
    message: 'Secret "remote-kubeconfig" does not exist in namespace "crossplane-system"',
  })]);
});

test('declared external, it passes and the owner is told to make it', () => {
  const { errors, readme } = synthWith(true);
  expect(errors).toEqual([]);
  expect(readme).toContain('remote-kubeconfig');
});
