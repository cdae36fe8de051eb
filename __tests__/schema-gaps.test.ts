import { App as CdkApp } from 'cdk8s';
import { CROSSPLANE_PROVIDERS, CrossplaneProviders, SCHEMA_GAPS, schemaGapOf, synthesize } from '../constructs';
import { labCluster, raw } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// The schema set leaves out Crossplane's DeploymentRuntimeConfig (its CRD embeds a whole Deployment) and the
// Knative Operator's CRDs, and Flux's notification and image automation CRDs (whose API versions are still
// checked against Flux's release): a stated gap, not a schema the environment failed to point at.

const schemaWarnings = (build: (cluster: ReturnType<typeof labCluster>) => void) => {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings.filter((f) => f.layer === 'schema');
};

test('a stated gap is found by group and kind, whatever the version', () => {
  expect(schemaGapOf('pkg.crossplane.io/v1beta1', 'DeploymentRuntimeConfig')).toMatchObject({ group: 'pkg.crossplane.io', reason: expect.stringContaining('size') });
  expect(schemaGapOf('pkg.crossplane.io/v1', 'Provider')).toBeUndefined();
  expect(SCHEMA_GAPS.every((gap) => gap.reason.trim() !== '')).toBe(true);
});

test("CrossplaneProviders' DeploymentRuntimeConfig draws no schema warning", () => {
  const warnings = schemaWarnings((cluster) => {
    new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes])
      .addProviderConfig({ name: 'default', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
  });
  // Without schemas at all (a clone without the shared schema folder) every other kind is listed; the gap never is.
  expect(warnings.filter((f) => f.message.includes('DeploymentRuntimeConfig'))).toEqual([]);
});

test('a kind nobody states is still listed in the warning', () => {
  const warnings = schemaWarnings((cluster) => {
    cluster.platform.declarePreinstalled({ source: 'by hand', crds: [{ group: 'example.org', kinds: ['Thing'] }] });
    raw(cluster, 'thing', { apiVersion: 'example.org/v1', kind: 'Thing', metadata: { name: 'thing', namespace: 'web' } });
  });
  expect(warnings).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('example.org/v1 Thing') })]);
});

test('a kind nothing installs is not listed: its missing CRD is the one finding', () => {
  const warnings = schemaWarnings((cluster) => {
    new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes])
      .addProviderConfig({ name: 'cf', apiVersion: 'cloudflare.crossplane.io/v1alpha1', spec: { credentials: { source: 'Secret' } } });
  });
  expect(warnings.filter((f) => f.message.includes('cloudflare'))).toEqual([]);
});

test("Flux's Receiver and image automation written by hand at the versions Flux serves draw no schema warning", () => {
  const warnings = schemaWarnings((cluster) => {
    cluster.platform.declarePreinstalled({
      source: 'flux bootstrap --components-extra=image-reflector-controller,image-automation-controller',
      crds: [{ group: 'image.toolkit.fluxcd.io', kinds: ['ImageRepository', 'ImagePolicy'] }],
    });
    const flux = (kind: string, apiVersion: string, spec: Record<string, unknown>) =>
      raw(cluster, kind, { apiVersion, kind, metadata: { name: 'web', namespace: 'flux-system' }, spec });
    flux('ImageRepository', 'image.toolkit.fluxcd.io/v1', { image: 'ghcr.io/me/web', interval: '10m' });
    flux('ImagePolicy', 'image.toolkit.fluxcd.io/v1', { imageRepositoryRef: { name: 'web' }, policy: { semver: { range: '1.x' } } });
    flux('Receiver', 'notification.toolkit.fluxcd.io/v1', { type: 'github', secretRef: { name: 'webhook-token' }, resources: [{ kind: 'GitRepository', name: 'flux-system' }] });
  });
  expect(warnings.filter((f) => /Receiver|Image/.test(f.message))).toEqual([]);
});
