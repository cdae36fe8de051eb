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
