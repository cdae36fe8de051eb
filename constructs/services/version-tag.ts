import { imageFloats } from '../app/image-tag';
import type { PropProblem } from '../validation/known-props';

// A service puts its `version` after `<repository>:` as the tag. Written as the whole image reference
// or with a digest, the image reads `repo:repo:tag`, which the App's image check would name as `image`,
// a prop the user never wrote; with a leading v, it names a tag these repositories never publish.

/** The tag in `version` when it was written as an image reference or with a digest, or undefined. Pure. */
function tagWithin(version: string): string | undefined {
  const reference = version.replace(/@.*$/, '');
  const lastColon = reference.lastIndexOf(':');
  const tag = lastColon >= 0 ? reference.slice(lastColon + 1) : reference.includes('/') ? '' : reference;
  return /^[\w][\w.-]*$/.test(tag) && !/^sha256$/.test(tag) ? tag : undefined;
}

/** How a service writes its version into its image's tag. */
export interface VersionTagOptions {
  /** The prop the version was written in. @default 'version' */
  readonly field?: string;
  /** What the service appends to the tag itself (`-rootless`), left out of the hint. @default '' */
  readonly suffix?: string;
  /** The service's `exemptions`: a `floatingImage` reason lets the version name a moving tag. @default - none */
  readonly exemptions?: unknown;
}

/**
 * What is wrong with `version` as the tag of `repository`'s image: an image reference or a digest, or a
 * leading v (`v1.2.3`) the repository's tags do not have; or a moving tag (`latest`), as the App's image
 * check judges one, unless the service's `floatingImage` exemption says why. A major or minor version
 * alone (`11`) is a release line the registry publishes, as `postgres:16` is: taken, and warned of by the
 * App on the service's `versionProp`, since it is pulled like a release. Pure.
 */
export function versionTagProblems(version: unknown, repository: string, { field = 'version', suffix = '', exemptions }: VersionTagOptions = {}): PropProblem[] {
  if (typeof version !== 'string') {
    return []; // the props' shape reports it
  }
  if (/[:/@]/.test(version)) {
    const written = tagWithin(version)?.replace(/^v(?=\d)/, '');
    const tag = suffix && written?.endsWith(suffix) ? written.slice(0, -suffix.length) : written;
    return [{
      field,
      message: `${field} "${version}" becomes the tag after ${repository}:, but it is written as an image reference or with a digest, which no tag is, so no image is pulled`,
      hint: tag ? `write ${field}: '${tag}'` : `write the tag alone, e.g. ${field}: '1.2.3'`,
    }];
  }
  if (/^v\d/.test(version)) {
    return [{
      field,
      message: `${field} "${version}" starts with v, but ${repository} tags have none (${version.slice(1)}), so the image is never pulled`,
      hint: `write ${field}: '${version.slice(1)}'`,
    }];
  }
  return movingVersionProblems(version, repository, { field, suffix, exemptions });
}

/**
 * A `version` that makes a moving tag of `repository`'s image, on the prop written rather than on the
 * App's `image`, which the user never wrote (see {@link versionTagProblems}). Pure.
 */
export function movingVersionProblems(version: string, repository: string, { field = 'version', suffix = '', exemptions }: VersionTagOptions = {}): PropProblem[] {
  const floatingAllowed = (exemptions as { floatingImage?: unknown } | undefined)?.floatingImage !== undefined;
  if (floatingAllowed || version === '' || !imageFloats(`${repository}:${version}${suffix}`)) {
    return [];
  }
  return [{
    field,
    message: `${field} "${version}" makes ${repository}:${version}${suffix}, a moving tag the registry points at each new build`,
    hint: `pin a release, e.g. ${field}: '1.2.3', or state why it follows the moving tag: exemptions: { floatingImage: '…' }`,
  }];
}
