import { App as CdkApp } from 'cdk8s';
import { argoCd } from '../constructs';
import { labCluster, prepopulatedOutdir, raw, synthFindings } from './bad-input/lab';

// A sync object written by hand that reads the site's repository at a branch the output is not committed to
// (a guide's master where the site pushes main): a warning on that branch, as a branch of its own may be meant.

const branchWarnings = (build: (app: CdkApp) => void) => {
  const app = new CdkApp();
  build(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'warning' && /reads branch/.test(f.message));
};

test("an Argo CD Application of the site's repository at targetRevision master warns on it", () => {
  const warnings = branchWarnings((app) => raw(labCluster(app, 'edge', { gitops: argoCd() }), 'podinfo', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'podinfo', namespace: 'argocd' },
    spec: { project: 'default', source: { repoURL: 'https://git.lab.test/lab', targetRevision: 'master', path: 'apps/podinfo' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'web' } },
  }));
  expect(warnings.map((w) => [w.constructPath, w.field])).toEqual([['edge/podinfo', 'spec.source.targetRevision']]);
  expect(warnings[0].hint).toMatch(/git: \{ branch: 'master' \}/);
});

test("a Flux GitRepository of the site's repository at branch master warns on it; HEAD and the site's branch do not", () => {
  const warnings = branchWarnings((app) => {
    const main = labCluster(app);
    raw(main, 'lab', { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'lab', namespace: 'flux-system' }, spec: { interval: '1m', url: 'https://git.lab.test/lab.git', ref: { branch: 'master' } } });
    raw(main, 'same', { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'same', namespace: 'flux-system' }, spec: { interval: '1m', url: 'https://git.lab.test/lab.git', ref: { branch: 'main' } } });
  });
  expect(warnings.map((w) => [w.constructPath, w.field])).toEqual([['main/lab', 'spec.ref.branch']]);
});
