import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, Forgejo } from '../constructs';
import type { ClusterChart, Finding } from '../constructs';
import { releaseLineTag } from '../constructs/app/image-tag';
import { labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A tag that names a release line (postgres:16) is pulled IfNotPresent like a release: each node keeps
// the build it pulled first. It is a warning on the prop that wrote the tag.

test.each([
  ['postgres:16', undefined, '16'], ['postgres:16-alpine', undefined, '16-alpine'], ['app:v2', undefined, 'v2'],
  ['postgres:15.14-alpine', undefined, undefined], ['arsfeld/yarr:v2.4', undefined, undefined], ['nginxinc/nginx-unprivileged:1.27.0', undefined, undefined],
  ['app:20241001', undefined, undefined], ['osquery/osquery:5.17.0-ubuntu22.04', undefined, undefined], ['postgres:latest', undefined, undefined],
  ['postgres@sha256:0123', undefined, undefined], ['codeberg.org/forgejo/forgejo:1.20.5-0-rootless', 3, undefined],
  ['codeberg.org/forgejo/forgejo:11.0-rootless', 3, '11.0-rootless'], ['codeberg.org/forgejo/forgejo:11.0.6-rootless', 3, undefined],
])('%s (releases of %p numbers) names the release line %p', (image, parts, line) => {
  expect(releaseLineTag(image, parts)).toBe(line);
});

/** Where PostgreSQL writes its socket, which the read-only root would refuse. */
const socket = { run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } };

function warningsOf(build: (cluster: ClusterChart) => void): Finding[] {
  const app = new CdkApp();
  build(labCluster(app, 'main'));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'warning' && f.message.includes('release line'));
}

test("an App's image of a major version alone is a warning on image", () => {
  expect(warningsOf((cluster) => new App(cluster, 'pg', { image: 'postgres:16', persistence: socket }))).toEqual([expect.objectContaining({
    layer: 'props', constructPath: 'main/pg', field: 'image', hint: expect.stringMatching(/postgres:16\.<n>.*postgres@sha256:.*imagePullPolicy: 'Always'/),
  })]);
});

test("a sidecar's image of a release line is a warning on its container's image", () => {
  expect(warningsOf((cluster) => new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', containers: [{ name: 'cache', image: 'redis:7-alpine' }],
  })).map((f) => f.field)).toEqual(['containers.cache.image']);
});

test('a release line followed on purpose, or a release, is no warning', () => {
  expect(warningsOf((cluster) => {
    new App(cluster, 'pg', { image: 'postgres:16', imagePullPolicy: 'Always', persistence: socket });
    new App(cluster, 'pg2', { image: 'postgres:15.14-alpine', persistence: socket });
  })).toEqual([]);
});

test("Forgejo's version of a major or minor alone is a warning on version, hinting the default release", () => {
  const storage = AppVolume.claim({ tier: 'fast', size: '10Gi' });
  expect(warningsOf((cluster) => {
    new Forgejo(cluster, 'git', { version: '11', storage });
    new Forgejo(cluster, 'git2', { version: '11.0', storage });
  })).toEqual([
    expect.objectContaining({ constructPath: 'main/git', field: 'version', hint: "pin the full release, e.g. version: '11.0.6'" }),
    expect.objectContaining({ constructPath: 'main/git2', field: 'version', hint: "pin the full release, e.g. version: '11.0.6'" }),
  ]);
});
