import type { ForeignForm } from './known-props';

// A container image written as a Helm chart's values write it: `image: { repository, tag }`, or a `tag`
// beside `image`. Here the image is one reference, `repository:tag`.

/** The one reference `repository` and `tag` stand for, with `registry` before them when given. Pure. */
function reference(registry: unknown, repository: string, tag: unknown, digest: unknown): string {
  const name = typeof registry === 'string' && registry !== '' ? `${registry.replace(/\/+$/, '')}/${repository}` : repository;
  const withTag = typeof tag === 'string' || typeof tag === 'number' ? `${name}:${String(tag)}` : name;
  return typeof digest === 'string' && digest !== '' ? `${withTag}@${digest}` : withTag;
}

/**
 * How to write an image given as a chart's values write it (`{ repository: 'nginx', tag: '1.27.0' }`), for
 * the hint on `image`; undefined for anything else. Pure.
 */
export function imageValuesHint(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const { registry, repository, tag, digest } = value as Record<string, unknown>;
  return typeof repository === 'string' && repository !== ''
    ? `a chart's image values are one reference here: image: '${reference(registry, repository, tag, digest)}'` : undefined;
}

/**
 * A `tag` written beside a container's `image` (`image: 'busybox', tag: '1.36.1'`), as a chart's values
 * split them: one problem on `tag` that writes the reference; undefined when there is none. Pure.
 */
export function imageTagForm(written: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const { image, tag } = written;
  if (typeof image !== 'string' || (typeof tag !== 'string' && typeof tag !== 'number')) {
    return undefined;
  }
  const repository = image.replace(/(:[^/:@]*)?(@.*)?$/, '');
  return {
    keys: ['tag'], key: 'tag',
    message: `tag ${JSON.stringify(tag)} is written beside image; a container takes its tag in the image reference, and tag would be ignored`,
    hint: `write image: '${reference(undefined, repository, tag, undefined)}'`,
  };
}
