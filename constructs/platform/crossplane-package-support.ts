import type { CrdGroup } from './component';
import { compareReleases, releaseParts, type FluxRelease } from './flux-release';

// Which Crossplane releases each package this library knows installs and runs on, by line of releases, so
// that a pin of Crossplane or of a package that cannot work together is refused at synth, not found in a
// Provider that never becomes healthy.

/** A release as `v<major>.<minor>.<patch>`, e.g. `v1.21.0` (a package tag, or a Crossplane release). */
type Release = FluxRelease;

/** One line of releases of a package: from its first release up to the next line's first one. */
export interface CrossplanePackageLine {
  /** First release of the line, e.g. `v2.0.0`. */
  readonly since: Release;
  /**
   * Oldest Crossplane release the line installs and runs on as this library installs it, e.g. `v1.14.0`:
   * every Provider and Function it writes names a DeploymentRuntimeConfig, which Crossplane v1.14 introduced.
   */
  readonly crossplaneSince: Release;
  /**
   * Whether the line serves namespaced managed resources and ProviderConfigs (the `m.` groups, such as
   * `aws.m.upbound.io`) besides its cluster-scoped ones; only Crossplane 2 makes use of them.
   */
  readonly namespacedKinds: boolean;
  /** Where this is read: the package's metadata, its release notes or its module file. */
  readonly evidence: string;
}

/** DeploymentRuntimeConfig, which every Provider and Function of this library names, came with Crossplane v1.14.0. */
const RUNTIME_CONFIG_SINCE: Release = 'v1.14.0';

// The upjet AWS family: one line per major release, every service package alike.
const UPJET_AWS: readonly CrossplanePackageLine[] = [
  {
    since: 'v1.0.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: false,
    evidence: 'crossplane-runtime v1 and upjet v1 (crossplane-contrib/provider-upjet-aws before its pull request 1831); cluster-scoped *.aws.upbound.io kinds only',
  },
  {
    since: 'v2.0.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: true,
    evidence: 'pull request 1831 (crossplane-runtime v2, upjet v2) adds the *.aws.m.upbound.io kinds beside the cluster-scoped ones it keeps serving; Upbound states such providers install on Crossplane v1 and reconcile their cluster-scoped kinds there',
  },
];

// provider-kubernetes: one package, published to both registries.
const PROVIDER_KUBERNETES: readonly CrossplanePackageLine[] = [
  { since: 'v0.1.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: false, evidence: 'crossplane-runtime v1; kubernetes.crossplane.io kinds only' },
  {
    since: 'v1.0.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: true,
    evidence: 'pull request 380 (crossplane-runtime v2) adds kubernetes.m.crossplane.io and keeps serving the cluster-scoped kinds ("upgrading is backward-compatible"); its package metadata sets no spec.crossplane.version',
  },
];

// The Functions and Providers of crossplane-contrib are published to both registries under one name.
const PATCH_AND_TRANSFORM: readonly CrossplanePackageLine[] = [{
  since: 'v0.1.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: false,
  evidence: 'package metadata meta.pkg.crossplane.io/v1beta1 Function with an empty spec (no spec.crossplane.version)',
}];

/**
 * The packages this library pins (and their other lines), by repository with its registry, e.g.
 * `xpkg.upbound.io/upbound/provider-aws-s3`, each with its lines of releases, oldest first.
 */
export const CROSSPLANE_PACKAGE_SUPPORT: Readonly<Record<string, readonly CrossplanePackageLine[]>> = {
  'xpkg.upbound.io/upbound/provider-aws-s3': UPJET_AWS,
  'xpkg.upbound.io/upbound/provider-aws-iam': UPJET_AWS,
  'xpkg.upbound.io/crossplane-contrib/provider-keycloak': [
    {
      since: 'v2.0.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: false,
      evidence: 'v2.0.0 and v2.1.0 (July 2025) build on crossplane-runtime v1.20.0 and upjet v1.9.0 (go.mod of that month); its package metadata sets no spec.crossplane.version; ProviderConfig keycloak.crossplane.io/v1beta1',
    },
    {
      since: 'v2.7.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: true,
      evidence: 'pull request 374 moves to crossplane-runtime v2 and upjet v2 and adds the *.keycloak.m.crossplane.io kinds beside the cluster-scoped ones',
    },
  ],
  'xpkg.upbound.io/crossplane-contrib/provider-sql': [{
    since: 'v0.5.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: false,
    evidence: 'crossplane-runtime v1; package metadata meta.pkg.crossplane.io/v1 Provider with no spec.crossplane.version; ProviderConfig postgresql.sql.crossplane.io/v1alpha1',
  }],
  'xpkg.upbound.io/crossplane-contrib/provider-cloudflare': [{
    since: 'v0.1.0', crossplaneSince: RUNTIME_CONFIG_SINCE, namespacedKinds: false,
    evidence: 'crossplane-runtime v0.13 (go.mod); ProviderConfig cloudflare.crossplane.io/v1alpha1',
  }],
  'xpkg.upbound.io/crossplane-contrib/provider-kubernetes': PROVIDER_KUBERNETES,
  'xpkg.crossplane.io/crossplane-contrib/provider-kubernetes': PROVIDER_KUBERNETES,
  'xpkg.upbound.io/crossplane-contrib/function-patch-and-transform': PATCH_AND_TRANSFORM,
  'xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform': PATCH_AND_TRANSFORM,
};

/** A package reference's repository (with its registry) and tag; undefined for a digest or no tag. Pure. */
function repositoryAndTag(pkg: string): { repository: string; tag: string } | undefined {
  const colon = pkg.lastIndexOf(':');
  return pkg.includes('@') || colon <= pkg.lastIndexOf('/') ? undefined : { repository: pkg.slice(0, colon), tag: pkg.slice(colon + 1) };
}

/**
 * The line of {@link CROSSPLANE_PACKAGE_SUPPORT} package `pkg` belongs to, with its repository and tag;
 * undefined for a package the table does not know, a digest, or a tag of no `vX.Y.Z` release. Pure.
 */
export function crossplanePackageLine(pkg: string): { repository: string; tag: Release; line: CrossplanePackageLine; next?: CrossplanePackageLine } | undefined {
  const ref = repositoryAndTag(pkg);
  const lines = ref === undefined ? undefined : CROSSPLANE_PACKAGE_SUPPORT[ref.repository];
  if (ref === undefined || lines === undefined || releaseParts(ref.tag) === undefined) {
    return undefined;
  }
  const tag = ref.tag as Release;
  const index = lines.reduce((found, line, i) => (compareReleases(line.since, tag) <= 0 ? i : found), -1);
  return index < 0 ? undefined : { repository: ref.repository, tag, line: lines[index], next: lines.slice(index + 1).find((l) => l.namespacedKinds) };
}

/** The organizations whose packages their release tooling tags `vX.Y.Z`, on either registry, besides the table's. */
const V_TAGGING_PUBLISHERS = /^xpkg\.(upbound|crossplane)\.io\/(upbound|crossplane-contrib|crossplane)\//;

/**
 * A release written without its `v` (`provider-aws-s3:1.21.0`) for a package whose releases are tagged
 * `v1.21.0`: a registry serves a tag by its exact name, so the Provider's package is never pulled. Pure.
 */
function tagWithoutV(pkg: string): CrossplanePackageProblem | undefined {
  const ref = repositoryAndTag(pkg);
  if (ref === undefined || !/^\d+\.\d+\.\d+([-+].*)?$/.test(ref.tag)
    || (CROSSPLANE_PACKAGE_SUPPORT[ref.repository] === undefined && !V_TAGGING_PUBLISHERS.test(ref.repository))) {
    return undefined;
  }
  return {
    field: 'package',
    message: `${ref.repository} tags its releases with a leading v (v${ref.tag}), and a registry serves a tag by its exact name: there is no tag "${ref.tag}", so the Provider's package is never pulled`,
    hint: `write the tag with its v: '${ref.repository}:v${ref.tag}'`,
  };
}

/** Whether an API group is one of Crossplane's namespaced managed resources, such as `s3.aws.m.upbound.io`. Pure. */
export function isNamespacedManagedGroup(group: string): boolean {
  return group.split('.').includes('m');
}

/** The cluster-scoped group of a namespaced one: `s3.aws.upbound.io` of `s3.aws.m.upbound.io`. Pure. */
export function clusterScopedGroup(group: string): string {
  return group.split('.').filter((label) => label !== 'm').join('.');
}

/** What is wrong with a package and the kinds declared for it under the Crossplane release the library installs. */
export interface CrossplanePackageProblem {
  /** The field of the package it is reported on: its `package` reference, or the `crds` declared for it. */
  readonly field: 'package' | 'crds';
  /** What does not work, naming the package, its release and the Crossplane release. */
  readonly message: string;
  /** What to pin or declare instead. */
  readonly hint: string;
}

/**
 * Why package `pkg`, whose kinds are declared as `crds`, does not work with Crossplane `crossplane` (a chart
 * version such as `1.20.0`): a line that needs a newer Crossplane than the one installed, or namespaced kinds
 * (`m.` groups) declared for a release that serves none. Nothing for a package the table does not know. Pure.
 */
export function crossplanePackageProblems(pkg: string, crds: readonly CrdGroup[], crossplane: string): CrossplanePackageProblem[] {
  const spelling = tagWithoutV(pkg);
  if (spelling !== undefined) {
    return [spelling];
  }
  const known = crossplanePackageLine(pkg);
  if (known === undefined) {
    return [];
  }
  const problems: CrossplanePackageProblem[] = [];
  const installed = `v${crossplane}` as Release;
  if (releaseParts(installed) !== undefined && compareReleases(installed, known.line.crossplaneSince) < 0) {
    problems.push({
      field: 'package',
      message: `${known.repository} ${known.tag} needs Crossplane ${known.line.crossplaneSince} or later, and the cluster installs Crossplane ${crossplane}: the Provider never becomes healthy`,
      hint: `install Crossplane ${known.line.crossplaneSince.slice(1)} or later (${known.line.evidence})`,
    });
  }
  const namespaced = crds.filter((crd) => isNamespacedManagedGroup(crd.group)).map((crd) => crd.group);
  if (namespaced.length > 0 && !known.line.namespacedKinds) {
    problems.push({
      field: 'crds',
      message: `${known.repository} ${known.tag} serves no namespaced kinds, so ${namespaced.join(', ')} never exist${namespaced.length === 1 ? 's' : ''}: that release builds on crossplane-runtime v1 (${known.line.evidence})`,
      hint: known.next === undefined
        ? `declare the cluster-scoped groups it serves, e.g. '${clusterScopedGroup(namespaced[0])}'`
        : `declare the cluster-scoped groups it serves, e.g. '${clusterScopedGroup(namespaced[0])}', or pin ${known.repository}:${known.next.since} or later, the first release with namespaced kinds`,
    });
  }
  return problems;
}
