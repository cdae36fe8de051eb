import type { ForeignForm } from './known-props';
import { capitalRegistryOf } from './syntax';

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

/** How to write an image reference the kubelet pulls, for a finding on one it refuses. */
export const IMAGE_REFERENCE_HINT = 'write the image as [registry/]repository:tag in lower case, e.g. ghcr.io/owner/app:1.2.3; a digest as @sha256: and its 64 lower-case hex digits';

/** How registries publish a release whose version has build metadata (`1.2.3+build.5`), which no tag may hold. */
const BUILD_METADATA_TAGS = "registries publish such a release with the '+' written as '_' (as Helm pushes charts) or '-' (rancher/k3s:v1.30.4-k3s1)";

/**
 * How to write an image reference the kubelet refuses as another tool or a release note writes it, for the
 * hint of an image finding: without the scheme a registry's web page or `docker://` puts before it, the tag
 * before the digest, a version's build metadata as the registry tags it, a registry's port that is one, and the
 * registry's name of an image copied from its web page (Docker Hub's, a GitHub package's), a digest's algorithm. Undefined for any other mistake, which the grammar's own hint covers. Pure.
 */
export function imageReferenceHint(image: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/+(.+)$/i.exec(image);
  if (scheme !== null) {
    return imageReferenceHint(scheme[2]) ?? `an image reference has no scheme (${scheme[1]}://): write it as the kubelet pulls it, '${scheme[2]}'`;
  }
  const digestFirst = /^([^@]+)@([A-Za-z0-9]+:[0-9A-Fa-f]+):([\w][\w.+-]*)$/.exec(image);
  if (digestFirst !== null) {
    return `the tag comes before the digest: '${digestFirst[1]}:${digestFirst[3]}@${digestFirst[2]}' (the kubelet then pulls by the digest)`;
  }
  const hubPage = /^(?:www\.)?hub\.docker\.com\/(?:r\/|_\/)?(?:library\/)?(.+)$/i.exec(image);
  if (hubPage !== null) {
    return `write the image as Docker Hub's registry names it, as docker pull takes it: '${hubPage[1].replace(/\/tags?(?=[:@]|$)/, '')}'`;
  }
  const packagePage = /^github\.com\/([^/]+)\/(?:[^/]+\/pkgs|users\/[^/]+\/packages)\/container\/(?:package\/)?(.+)$/i.exec(image);
  if (packagePage !== null) {
    return `a GitHub package is pulled from ghcr.io: '${`ghcr.io/${packagePage[1]}/${packagePage[2]}`.toLowerCase()}'`;
  }
  const bareDigest = /^([^@]+)@([0-9a-f]{64})$/.exec(image);
  if (bareDigest !== null) {
    return `a digest names its algorithm: '${bareDigest[1]}@sha256:${bareDigest[2]}'`;
  }
  const name = image.split('@')[0];
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  if (tag.includes('+')) {
    return `a tag holds letters, digits, '_', '.' and '-', no '+': ${BUILD_METADATA_TAGS}; copy the tag as the registry lists it (crane ls ${name.slice(0, colon)}), e.g. '${name.slice(0, colon)}:${tag.replace(/\+/g, '_')}'`;
  }
  if (capitalRegistryOf(name) !== undefined) {
    return `write a Docker Hub account in lower case, '${name.slice(0, name.indexOf('/')).toLowerCase()}${image.slice(name.indexOf('/'))}'; a registry of your own is named by its host with a '.' or its port (registry.lan:5000/…)`;
  }
  if (/^[^/]*:[0-9]+\//.test(image)) {
    return "write the port the registry listens on, 1–65535 (registry:2 listens on 5000 unless told otherwise), or leave it out for a registry on 443, as Harbor is";
  }
  return undefined;
}
