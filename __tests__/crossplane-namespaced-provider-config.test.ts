import { App as CdkApp, ApiObject } from 'cdk8s';
import { CrossplaneProviders, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// A provider of Crossplane's namespaced managed resources (`m.` groups) has a namespaced ProviderConfig,
// which its managed resources look up in their own namespace.
test('a namespaced ProviderConfig takes the namespace of the managed resources that name it', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  cluster.namespaces.ensure('web');
  const providers = new CrossplaneProviders(cluster, 'xp', [{
    name: 'provider-aws-s3', package: 'xpkg.upbound.io/upbound/provider-aws-s3:v2.0.0',
    crds: [{ group: 'aws.m.upbound.io', kinds: ['ProviderConfig'], scope: 'Namespaced' }, { group: 's3.aws.m.upbound.io', kinds: ['Bucket'], scope: 'Namespaced' }],
  }]);
  providers.addProviderConfig({ name: 'default', namespace: 'web', apiVersion: 'aws.m.upbound.io/v1beta1', spec: { credentials: { source: 'IRSA' } } });
  new ApiObject(cluster, 'bucket', {
    apiVersion: 's3.aws.m.upbound.io/v1beta1', kind: 'Bucket', metadata: { name: 'backups', namespace: 'web' },
    spec: { forProvider: { region: 'eu-west-1' }, providerConfigRef: { kind: 'ProviderConfig', name: 'default' } },
  });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const config = [...result.files.values()].join('\n---\n');
  expect(config).toMatch(/kind: ProviderConfig\nmetadata:\n  name: default\n  namespace: web/);
});

// Upbound states that providers serving namespaced managed resources install on Crossplane 1 and reconcile
// their cluster-scoped kinds there, but that namespaced managed resources are a Crossplane 2 feature.
test('namespaced kinds declared while the library installs Crossplane 1 are a warning naming the cluster-scoped groups', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new CrossplaneProviders(cluster, 'xp', [{
    name: 'provider-aws-s3', package: 'xpkg.upbound.io/upbound/provider-aws-s3:v2.0.0',
    crds: [{ group: 'aws.m.upbound.io', kinds: ['ProviderConfig'], scope: 'Namespaced' }, { group: 's3.aws.m.upbound.io', kinds: ['Bucket'], scope: 'Namespaced' }],
  }]);
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.field === 'providers[0].crds')).toEqual([expect.objectContaining({
    severity: 'warning', message: expect.stringContaining('a Crossplane 2 feature, and the cluster installs Crossplane 1.20.0'),
    hint: expect.stringContaining('aws.upbound.io, s3.aws.upbound.io'),
  })]);
});
