import type { PropProblem } from '../validation/known-props';
import { describeValue } from '../inventory/problems';

// Which Flux release `flux bootstrap` installs, and whether it serves what the cluster's objects are written
// in: the CLI installs its own release unless told one, so without a pin two owners (or one a month apart)
// get different controllers from the same repository.

/** A Flux release as `flux bootstrap --version` takes it: `v<major>.<minor>.<patch>`, e.g. `v2.9.0`. */
export type FluxRelease = `v${number}.${number}.${number}`;

/**
 * The release whose CRDs the schema layer validates Flux's objects against (source-controller v1.9.1,
 * kustomize-controller v1.9.1 and helm-controller v1.6.1, as Flux v2.9.0 bundles them); the default of
 * `flux({ version })`.
 */
export const FLUX_VALIDATED_RELEASE: FluxRelease = 'v2.9.0';

/** The form `flux bootstrap --version` downloads a release by (it refuses one without the `v`). */
const RELEASE_FORM = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** A Flux API version and kind, and the first release that serves it. */
interface ServedSince {
  readonly apiVersion: string;
  readonly kind: string;
  readonly since: FluxRelease;
}

/**
 * The first Flux release serving each API version and kind the engine writes. From the release notes of
 * fluxcd/flux2: v2.0.0 made the GitRepository and Kustomization APIs v1 (GA); v2.2.0 added the
 * notification v1beta3 Alert and Provider; v2.3.0 made HelmRelease v2 and HelmRepository and HelmChart
 * source v1 (Flux's Helm GA); v2.6.0 made OCIRepository source v1.
 */
export const FLUX_API_RELEASES: readonly ServedSince[] = [
  { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', since: 'v2.0.0' },
  { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', since: 'v2.0.0' },
  { apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider', since: 'v2.2.0' },
  { apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Alert', since: 'v2.2.0' },
  { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', since: 'v2.3.0' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', since: 'v2.3.0' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmChart', since: 'v2.3.0' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', since: 'v2.6.0' },
];

/** Major, minor and patch of a release of the form `vX.Y.Z`; undefined for any other text. Pure. */
export function releaseParts(release: unknown): [number, number, number] | undefined {
  const match = typeof release === 'string' ? RELEASE_FORM.exec(release) : null;
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Negative when release `a` is older than `b`, positive when newer; both of the form `vX.Y.Z`. Pure. */
export function compareReleases(a: FluxRelease, b: FluxRelease): number {
  const [x, y] = [releaseParts(a)!, releaseParts(b)!];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The minor release line of `release`, e.g. `2.9` of `v2.9.0`: the flux CLI that can install it. Pure. */
export function minorLine(release: FluxRelease): string {
  const parts = releaseParts(release);
  return parts ? `${parts[0]}.${parts[1]}` : release;
}

/**
 * Why `version`, given to `flux({ version })`, names no release `flux bootstrap --version` installs: a
 * channel (`latest`) or branch (`main`) moves under the repository, and `2.9`, `2.9.0` or the number 2.9
 * is refused by the CLI, which takes a full release with its `v`. Reported on `version`. Pure.
 */
export function fluxReleaseFormProblems(version: unknown): PropProblem[] {
  if (version === undefined || (typeof version === 'string' && RELEASE_FORM.test(version))) {
    return [];
  }
  const text = typeof version === 'string' || typeof version === 'number' ? String(version).trim() : undefined;
  const numbers = text === undefined ? null : /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
  const meant = numbers ? `v${Number(numbers[1])}.${Number(numbers[2])}.${Number(numbers[3] ?? 0)}` : undefined;
  return [{
    field: 'version',
    message: typeof version === 'string'
      ? `version "${version}" is no Flux release: flux bootstrap --version takes one release, v<major>.<minor>.<patch>, and a channel, a branch or a partial version would install whatever it names on the day bootstrap runs`
      : `version is ${describeValue(version)}, not a Flux release: flux bootstrap --version takes one, as text, v<major>.<minor>.<patch>`,
    hint: meant !== undefined
      ? `write the full release as text with its v, e.g. version: '${meant}'${typeof version === 'number' ? ' (as a number it lost any trailing zero: 2.10 reads 2.1)' : ''}`
      : `pin a release, e.g. version: '${FLUX_VALIDATED_RELEASE}', or leave version out for ${FLUX_VALIDATED_RELEASE}, the release whose CRDs the objects are validated against`,
  }];
}

/** An object of the cluster as far as the release check reads it. */
export interface FluxObjectKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Where the object is, for the message (e.g. `flux-system/weave-gitops`). */
  readonly name: string;
}

/** A finding on the pinned release, reported on the cluster's `gitops.version`. */
export interface FluxReleaseProblem extends PropProblem {
  readonly severity: 'error' | 'warning';
}

/**
 * What is wrong with installing `release` for `objects`: an error per API version and kind it does not
 * serve yet (from {@link FLUX_API_RELEASES}), naming the kind, and a warning for a release newer than the
 * one whose CRDs the objects were validated against. Pure.
 */
export function fluxReleaseProblems(release: FluxRelease, objects: readonly FluxObjectKind[]): FluxReleaseProblem[] {
  if (releaseParts(release) === undefined) {
    return []; // no release at all: reported on the option by flux()
  }
  const unserved = FLUX_API_RELEASES.filter((api) => compareReleases(release, api.since) < 0)
    .map((api) => ({ api, object: objects.find((o) => o.apiVersion === api.apiVersion && o.kind === api.kind) }))
    .filter((found): found is { api: ServedSince; object: FluxObjectKind } => found.object !== undefined);
  const needed = unserved.reduce<FluxRelease | undefined>((most, { api }) => (most === undefined || compareReleases(api.since, most) > 0 ? api.since : most), undefined);
  const errors = unserved.map(({ api, object }): FluxReleaseProblem => ({
    severity: 'error', field: 'version',
    message: `Flux ${release} does not serve ${api.kind} as ${api.apiVersion}, first served by Flux ${api.since}, and the cluster's ${api.kind} ${object.name} is written in it: its layer would fail to apply`,
    hint: `pin Flux ${needed} or later, e.g. version: '${FLUX_VALIDATED_RELEASE}', or leave version out for ${FLUX_VALIDATED_RELEASE}`,
  }));
  const newer = compareReleases(release, FLUX_VALIDATED_RELEASE) > 0 ? [{
    severity: 'warning' as const, field: 'version',
    message: `Flux ${release} is newer than ${FLUX_VALIDATED_RELEASE}: the cluster's Flux objects were checked against ${FLUX_VALIDATED_RELEASE}'s CRDs, and a field or API version that ${release} changed or dropped is not`,
    hint: `leave version out for ${FLUX_VALIDATED_RELEASE}, or read ${release}'s release notes for changed APIs before bootstrapping or upgrading with it`,
  }] : [];
  return [...errors, ...newer];
}
