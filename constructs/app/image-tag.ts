/** The tag of an image reference, undefined when it has none; digests are reported as `@digest`. Pure. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) {
    return `@${image.split('@')[1]}`;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
}

/**
 * Tags that registries move to each new build by convention: a channel or a branch, never a release.
 * Major-version tags (`postgres:16`) move too, but within one release line, which is what they are asked for.
 */
const MOVING_TAGS: ReadonlySet<string> = new Set([
  'latest', 'stable', 'edge', 'nightly', 'beta', 'alpha', 'dev', 'develop', 'development', 'main', 'mainline',
  'master', 'release', 'rolling', 'current', 'testing', 'unstable', 'canary', 'preview', 'next', 'snapshot', 'lts',
]);

/** Tag words that name a platform, not a build. */
const PLATFORM_WORDS: ReadonlySet<string> = new Set(['amd64', 'arm64', 'arm64v8', 'armv7', 'armv6', 'arm32v7', 'arm32v6', 'x86_64', '386', 'i386', 'ppc64le', 's390x', 'riscv64']);

/**
 * Whether an image reference names a tag that moves: no tag and no digest; a tag with no digit, which can
 * name no release (`alpine`, `bookworm`, `stable`); or one that begins with a channel (`latest-arm64`,
 * `stable-alpine`, `lts-slim`) and names no build. A version or build beside a channel (`1.2-stable`, `v2-main`,
 * `main-v1.67.4-stable`, `main-3f2a1bc-1700000000`, `nightly-20241001`) is pinned. Pure.
 */
export function imageFloats(image: string): boolean {
  const tag = imageTag(image);
  if (tag === undefined || tag === '') {
    return true;
  }
  if (tag.startsWith('@')) {
    return false;
  }
  if (!/[0-9]/.test(tag)) {
    return true;
  }
  // After a channel, a word with digits names the build (`main-3f2a1bc-1700000000`, `nightly-20241001`,
  // `main-v1.67.4`), unless it names a platform (`latest-arm64`).
  const [first, ...rest] = tag.toLowerCase().split('-');
  return MOVING_TAGS.has(first) && !rest.some((word) => /[0-9]/.test(word) && !PLATFORM_WORDS.has(word));
}

/**
 * Repositories whose every release is tagged with one number and never moved: Zenika's alpine-chrome, tagged by
 * Chromium's major version alone (`124`, its last; `100`, `89`), as Karakeep's compose file pins it. Docker Hub's,
 * and Google's registry in each region.
 */
const ONE_NUMBER_RELEASES: readonly RegExp[] = [/^((docker\.io\/)?zenika|([a-z]+\.)?gcr\.io\/zenika-hub|ghcr\.io\/zenika)\/alpine-chrome(?=[:@]|$)/];

/**
 * The tag of `image` when it names a release line rather than a release: fewer version numbers than the
 * repository's releases have (`releaseParts`: a service that knows its scheme, `11` or `11.0` of
 * `11.0.3`), else a major version alone (`postgres:16`, `16-alpine`), as two numbers are a release of
 * many projects (PostgreSQL's `15.14`); one number is a release of {@link ONE_NUMBER_RELEASES}. The registry moves such a tag within the line, so a node that
 * pulled it once keeps that build. Undefined for a release, a digest, a build date (`20241001`) or a tag
 * that {@link imageFloats} judges moving anyway. Pure.
 */
export function releaseLineTag(image: string, releaseParts = 2): string | undefined {
  const tag = imageTag(image);
  if (tag === undefined || tag.startsWith('@') || imageFloats(image)) {
    return undefined;
  }
  // A variant word (`alpine`, `rootless`) keeps the line; one with digits (`-0`, `-ubuntu22.04`) names a build.
  const [version, ...variant] = tag.split('-');
  if (!/^v?\d{1,3}(\.\d{1,3})*$/.test(version) || variant.some((word) => /[0-9]/.test(word))) {
    return undefined;
  }
  const parts = ONE_NUMBER_RELEASES.some((repository) => repository.test(image)) ? 1 : releaseParts;
  return version.replace(/^v/, '').split('.').length < parts ? tag : undefined;
}
