import { App as CdkApp } from 'cdk8s';
import { declareExternal, hostPlacement, renovate, synthesize } from '../constructs';
import type { RenovateOptions } from '../constructs';
import { arm1, labCluster } from './bad-input/lab';

// A self-hosted platform's API address reaches Renovate's config; github.com's needs none.

function config(options: Partial<RenovateOptions>): Record<string, unknown> {
  const app = new CdkApp();
  const cluster = labCluster(app);
  declareExternal(cluster, { secrets: [{ namespace: 'renovate', name: 'renovate-token' }] });
  cluster.platform.require(renovate({ placement: hostPlacement(arm1), repositories: ['me/lab'], tokenSecret: 'renovate-token', ...options }));
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const release = result.clusters[0].objects.map((o) => o.manifest as any).find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'renovate');
  return JSON.parse(release.spec.values.renovate.config);
}

test("a Forgejo's API address is Renovate's endpoint", () => {
  expect(config({ platform: 'gitea', endpoint: 'https://git.home.arpa/api/v1' })).toEqual({ platform: 'gitea', endpoint: 'https://git.home.arpa/api/v1', repositories: ['me/lab'] });
});

test('github.com needs no endpoint', () => {
  expect(config({})).toEqual({ platform: 'github', repositories: ['me/lab'] });
});
