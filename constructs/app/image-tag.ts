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
  'latest', 'stable', 'edge', 'nightly', 'beta', 'alpha', 'dev', 'develop', 'development', 'main', 'master',
  'release', 'rolling', 'current', 'testing', 'unstable', 'canary', 'preview', 'next', 'snapshot',
]);

/** Whether an image reference names a tag that moves: `latest`, a channel such as `stable` or `nightly`, or no tag and no digest. Pure. */
export function imageFloats(image: string): boolean {
  const tag = imageTag(image);
  return tag === undefined || tag === '' || MOVING_TAGS.has(tag.toLowerCase());
}
