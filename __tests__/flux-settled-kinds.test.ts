import { App as CdkApp } from 'cdk8s';
import { argoCd, CROSSPLANE_PROVIDERS, CrossplaneProviders, flux, synthesize } from '../constructs';
import type { GitOpsEngine } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

/** The files of a cluster with a Crossplane Provider and its ProviderConfig, by path; and its errors. */
function providerWithConfig(gitops: GitOpsEngine): { files: Map<string, string>; errors: unknown[] } {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops });
  const providers = new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]);
  providers.addProviderConfig({ name: 'default', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return { files: result.files, errors: result.findings.filter((f) => f.severity === 'error') };
}

function fileOf(files: Map<string, string>, pattern: RegExp): string | undefined {
  return [...files.keys()].find((path) => pattern.test(files.get(path) ?? ''));
}

// Flux dry-runs a layer as a whole: a ProviderConfig beside the Provider that brings its kind would keep
// the whole config layer, the Provider included, from ever being applied.
test('under Flux a ProviderConfig is applied in the apps layer, after the config layer that installs its Provider', () => {
  const { files, errors } = providerWithConfig(flux());
  expect(errors).toEqual([]);
  expect(fileOf(files, /kind: Provider\n/)).toMatch(/\/config\/crossplane-providers\.yaml$/);
  expect(fileOf(files, /kind: ProviderConfig\n/)).toMatch(/\/apps\/crossplane-provider-configs\.yaml$/);
});

// Argo CD skips the dry run of a missing kind and retries the sync, so the config layer settles by itself.
test('under Argo CD a ProviderConfig stays in the config layer with its Provider', () => {
  const { files, errors } = providerWithConfig(argoCd());
  expect(errors).toEqual([]);
  expect(fileOf(files, /kind: ProviderConfig\n/)).toMatch(/\/config\/crossplane-provider-configs\.yaml$/);
});
