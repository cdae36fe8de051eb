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

/**
 * Whether an image reference names a tag that moves: no tag and no digest; a tag with no digit, which can
 * name no release (`alpine`, `bookworm`, `stable`); or one that begins with a channel (`latest-arm64`,
 * `stable-alpine`, `lts-slim`) and holds no version. A version beside a channel (`1.2-stable`, `v2-main`,
 * `main-v1.67.4-stable`) is pinned. Pure.
 */
export function imageFloats(image: string): boolean {
  const tag = imageTag(image);
  if (tag === undefined || tag === '') {
    return true;
  }
  if (tag.startsWith('@')) {
    return false;
  }
  const version = /(^|[-_])v?[0-9]+\.[0-9]+/.test(tag);
  return !/[0-9]/.test(tag) || (MOVING_TAGS.has(tag.toLowerCase().split(/[-_.]/)[0]) && !version);
}
