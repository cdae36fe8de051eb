import { compareVersions } from '../constructs/platform/promotion';

// A tag's suffix is either a pre-release of the version (sorting before it) or a variant of the same release
// (another base image, a build of the packager): moving between variants is no move back.

test('pre-releases sort before their release', () => {
  for (const pre of ['1.0.0-rc.1', '1.0.0-rc1', '1.0.0-beta2', '1.0.0-alpha', '1.0.0-preview.3', '1.0.0-next.1', '1.0.0-m1']) {
    expect(compareVersions(pre, '1.0.0')).toBeLessThan(0);
  }
});

test("a variant's suffix is the same release", () => {
  for (const variant of ['16.4-bookworm', '16.4-alpine3.20', '16.4-slim', '16.4-debian-12-r2', '16.4-ls250', '16.4-rocm', '16.4-devel']) {
    expect(compareVersions(variant, '16.4')).toBe(0);
    expect(compareVersions('16.4', variant)).toBe(0);
  }
  expect(compareVersions('16.3-bookworm', '16.4')).toBeLessThan(0);
});
