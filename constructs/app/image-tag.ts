/** The tag of an image reference, undefined when it has none; digests are reported as `@digest`. Pure. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) {
    return `@${image.split('@')[1]}`;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
}

/** Whether an image reference names a tag that moves: `latest`, or no tag and no digest. Pure. */
export function imageFloats(image: string): boolean {
  const tag = imageTag(image);
  return tag === undefined || tag === '' || tag === 'latest';
}
