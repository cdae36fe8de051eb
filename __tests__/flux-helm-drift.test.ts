import { App as CdkApp } from 'cdk8s';
import * as yaml from 'js-yaml';
import { flux, synthesize } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// flux({ helmDriftDetection }): what helm-controller does with a platform release's objects changed in the cluster.

/** The HelmReleases of cluster `main` of the lab, reconciled by flux(props). */
function releases(props: Parameters<typeof flux>[0]): Array<Record<string, any>> {
  const app = new CdkApp();
  labCluster(app, 'main', { gitops: flux(props) });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return [...result.files].filter(([file]) => /\.ya?ml$/.test(file)).flatMap(([, text]) => yaml.loadAll(text) as Array<Record<string, any>>)
    .filter((object) => object?.kind === 'HelmRelease');
}

test("by default a release leaves drift alone, helm-controller's own default, and says nothing of it", () => {
  const all = [...releases({}), ...releases({ helmDriftDetection: 'disabled' })];
  expect(all.length).toBeGreaterThan(0);
  expect(all.every((release) => release.spec.driftDetection === undefined)).toBe(true);
});

test.each(['enabled', 'warn'] as const)('%s: every release detects drift, and leaves the CRD conversion CA bundle a controller writes', (mode) => {
  const all = releases({ helmDriftDetection: mode });
  expect(all.length).toBeGreaterThan(0);
  for (const release of all) {
    expect(release.spec.driftDetection).toEqual({
      mode,
      ignore: [{ paths: ['/spec/conversion/webhook/clientConfig/caBundle'], target: { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' } }],
    });
  }
});

test('a mode helm-controller does not know is an error on the field, with the modes it takes', () => {
  const app = new CdkApp();
  guarded((scope: CdkApp) => labCluster(scope, 'main', { gitops: flux({ helmDriftDetection: 'on' as any }) }))(app);
  const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => f.field)).toEqual(['gitops.helmDriftDetection']);
  expect(`${errors[0].message} ${errors[0].hint}`).toMatch(/enabled/);
  expect(`${errors[0].message} ${errors[0].hint}`).toMatch(/warn/);
});
