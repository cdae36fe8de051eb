import { CROSSPLANE_PACKAGE_SUPPORT, CROSSPLANE_PROVIDERS, crossplanePackageLine, crossplanePackageProblems, CROSSPLANE_POSTGRES_PINS } from '../constructs';
import { CROSSPLANE_PINS } from '../constructs/platform/components/crossplane';

// The packages the library pins and the Crossplane release it installs work together: each package is in
// the table of what its line of releases needs of Crossplane, and that Crossplane serves it.

const PINNED = [
  ...Object.values(CROSSPLANE_PROVIDERS).map((provider) => ({ pkg: provider.package, crds: provider.crds })),
  { pkg: `xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:${CROSSPLANE_POSTGRES_PINS.functionPatchAndTransform}`, crds: [] },
];

test.each(PINNED.map((p) => [p.pkg, p] as const))('%s is a known package that works with the Crossplane the library installs', (_pkg, { pkg, crds }) => {
  expect(crossplanePackageLine(pkg)).toBeDefined();
  expect(crossplanePackageProblems(pkg, crds, CROSSPLANE_PINS.chart)).toEqual([]);
});

test('the library installs Crossplane 1.20, whose chart every pinned package installs on', () => {
  expect(CROSSPLANE_PINS.chart).toBe('1.20.0');
});

test('provider-keycloak v2.1.0 builds on crossplane-runtime v1 (a Crossplane 1 provider); its namespaced kinds came with v2.7.0', () => {
  expect(crossplanePackageLine('xpkg.upbound.io/crossplane-contrib/provider-keycloak:v2.1.0')?.line.namespacedKinds).toBe(false);
  expect(crossplanePackageLine('xpkg.upbound.io/crossplane-contrib/provider-keycloak:v2.6.9')?.line.namespacedKinds).toBe(false);
  expect(crossplanePackageLine('xpkg.upbound.io/crossplane-contrib/provider-keycloak:v2.7.0')?.line.namespacedKinds).toBe(true);
  expect(crossplanePackageLine('xpkg.upbound.io/crossplane-contrib/provider-keycloak:v3.0.0')?.line.since).toBe('v2.7.0');
});

test('provider-kubernetes serves its namespaced kinds from v1.0.0 on, on either registry', () => {
  expect(crossplanePackageLine('xpkg.crossplane.io/crossplane-contrib/provider-kubernetes:v1.2.1')?.line.namespacedKinds).toBe(true);
  expect(crossplanePackageLine('xpkg.upbound.io/crossplane-contrib/provider-kubernetes:v0.18.0')?.line.namespacedKinds).toBe(false);
});

test('a Crossplane older than a line needs is refused on the package, with the release to install', () => {
  // Every Provider and Function the library writes names a DeploymentRuntimeConfig, which Crossplane v1.14 introduced.
  expect(crossplanePackageProblems(CROSSPLANE_PROVIDERS.sql.package, [], '1.13.2')).toEqual([expect.objectContaining({
    field: 'package', message: expect.stringContaining('needs Crossplane v1.14.0 or later, and the cluster installs Crossplane 1.13.2'), hint: expect.stringMatching(/^install Crossplane 1\.14\.0 or later/),
  })]);
});

test('a package the table does not know, or pinned by digest, is left to its owner', () => {
  expect(crossplanePackageProblems('xpkg.upbound.io/example/provider-own:v0.1.0', [{ group: 'own.m.example.io', kinds: ['Thing'] }], CROSSPLANE_PINS.chart)).toEqual([]);
  expect(crossplanePackageLine(`xpkg.upbound.io/upbound/provider-aws-s3@sha256:${'0'.repeat(64)}`)).toBeUndefined();
});

test('every line of the table starts at a release and says where it is read', () => {
  for (const [repository, lines] of Object.entries(CROSSPLANE_PACKAGE_SUPPORT)) {
    expect({ repository, since: lines.map((l) => l.since) }).toEqual({ repository, since: [...lines.map((l) => l.since)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })) });
    for (const line of lines) {
      expect(line.since).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(line.evidence.length).toBeGreaterThan(20);
    }
  }
});
