/** Rules of the Kubernetes API for keys, env names and image references, as pure predicates. */

import { describeValue } from '../inventory/problems';
import { remembered } from './remembered';

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const rememberedQualifiedNameProblem = remembered(computeQualifiedNameProblem);

/** Why `key` is no qualified name (a label or annotation key: `[prefix/]name`), or undefined when it is one. */
export function qualifiedNameProblem(key: string): string | undefined {
  return rememberedQualifiedNameProblem(key);
}

/**
 * Why `key` is no key of an object's `map` (its labels or annotations), or undefined when it is one: a
 * qualified name, which for an annotation the API server checks in lower case (ValidateAnnotations), so
 * `Lab.Example/Owner` is an annotation key and no label key.
 */
export function metadataKeyProblem(key: string, map: 'labels' | 'annotations'): string | undefined {
  return qualifiedNameProblem(map === 'annotations' ? key.toLowerCase() : key);
}

function computeQualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) {
    return `key ${describeValue(key)} has more than one '/'`;
  }
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `the prefix ${describeValue(prefix)} of key ${describeValue(key)} is not a lower-case DNS subdomain`;
  }
  if (name.length === 0 || name.length > 63) {
    return `the name part of key ${describeValue(key)} must be 1–63 characters long`;
  }
  if (!QUALIFIED_NAME_PART.test(name)) {
    return `the name part ${describeValue(name)} of key ${describeValue(key)} must begin and end with a letter or digit and hold only letters, digits, '-', '_' and '.'`;
  }
  return undefined;
}

/** How to write an environment variable name the API server takes. */
export const ENV_VAR_NAME_HINT = "use letters, digits, '_', '-' and '.', not starting with a digit (e.g. LOG_LEVEL)";

/**
 * Whether the API server takes `name` as an environment variable's name: letters, digits, `_`, `-` and
 * `.`, not starting with a digit (Spring's `spring.profiles.active` is one; a shell cannot expand it, but
 * the program reads it from its environment).
 */
export function isEnvVarName(name: string): boolean {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name);
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** A reference whose digest is cut short (the 12 digits `docker images` shows), which the grammar refuses without saying why. */
const SHORT_DIGEST_REFERENCE = new RegExp(`^(?:${NAME})(?::(?:${TAG}))?@([A-Za-z][A-Za-z0-9]*:[0-9a-fA-F]{1,31})$`);

const rememberedImageReferenceProblem = remembered(computeImageReferenceProblem);

/**
 * Why `image` breaks the distribution reference grammar (name, tag, digest) or names a registry port that is
 * none, as a sentence that begins with `image <value> `; undefined when the kubelet can pull it as written.
 */
export function imageReferenceProblem(image: string): string | undefined {
  return rememberedImageReferenceProblem(image);
}

function computeImageReferenceProblem(image: string): string | undefined {
  if (image.trim() !== image || image === '') {
    return `image ${describeValue(image)} is empty or has spaces around it`;
  }
  const match = REFERENCE.exec(image);
  const short = match ? null : SHORT_DIGEST_REFERENCE.exec(image);
  if (short) {
    return digestProblem(image, short[1]);
  }
  if (!match) {
    if (/[A-Z]/.test(image.split(/[:@]/)[0].split('/').slice(1).join('/') || (image.includes('/') ? '' : image.split(/[:@]/)[0]))) {
      return `image ${describeValue(image)} has upper-case letters in its repository name, which must be lower case`;
    }
    return `image ${describeValue(image)} is not a reference of the form [registry/]repository[:tag][@digest]`;
  }
  if (match[1].length > 255) {
    return `the repository name of image ${describeValue(image)} is longer than 255 characters`;
  }
  const capitalRegistry = capitalRegistryOf(match[1]);
  if (capitalRegistry !== undefined) {
    // The reference grammar takes any first part; the parser reads one with a capital as a registry's host.
    return `image ${describeValue(image)} names the registry "${capitalRegistry}": a first part with capitals is read as a registry's host name, not a Docker Hub account, and every pull fails`;
  }
  const page = IMAGE_WEB_PAGE.exec(match[1]);
  if (page !== null) {
    // The grammar takes a web page's address as a registry and a path; the site serves no registry API.
    return `image ${describeValue(image)} is the address of the image's web page on ${page[1].toLowerCase()}, which is no registry: every pull fails`;
  }
  const port = registryPortOf(match[1]);
  if (port !== undefined && (port < 1 || port > 65535)) {
    // The grammar takes any digits; the runtime's dial refuses the port, and every pull fails.
    return `image ${describeValue(image)} names registry port ${port}, which is no port (1–65535): every pull fails before it reaches the registry`;
  }
  return match[3] === undefined ? undefined : digestProblem(image, match[3]);
}

/**
 * The first part of `name` when only its capitals make it a registry, or undefined. The distribution reference
 * reads a first part as a registry when it holds a `.` or a `:`, is `localhost`, or has a capital (docker's
 * `splitDockerDomain`), so `GristLabs/grist` is pulled from a machine named GristLabs, not from Docker Hub's account
 * `gristlabs`.
 */
export function capitalRegistryOf(name: string): string | undefined {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  return /[A-Z]/.test(first) && !/[.:]/.test(first) ? first : undefined;
}

/** Web sites that show images and serve none: Docker Hub's pages and a GitHub package's page. */
const IMAGE_WEB_PAGE = /^((?:www\.)?hub\.docker\.com|github\.com)\//i;

/**
 * The port of the registry `name` names, or undefined when it names none. Its first component is a registry only
 * when it holds a `.` or a `:`, or is `localhost` (the distribution reference's rule); `nginx` is Docker Hub's.
 */
function registryPortOf(name: string): number | undefined {
  const slash = name.indexOf('/');
  const port = slash < 0 ? null : /:([0-9]+)$/.exec(name.slice(0, slash));
  return port === null ? undefined : Number(port[1]);
}

/**
 * The digest algorithms the kubelet's reference parser verifies (go-digest's), each with the length of its
 * lower-case hex encoding; any other algorithm is refused (`InvalidImageName`).
 */
const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why the digest of `image` is one the kubelet refuses, or undefined. */
function digestProblem(image: string, digest: string): string | undefined {
  const [algorithm, encoded] = digest.split(':');
  const length = DIGEST_HEX_LENGTHS[algorithm];
  if (length === undefined) {
    return `image ${describeValue(image)} has a digest of the algorithm "${algorithm}", which is not one of ${Object.keys(DIGEST_HEX_LENGTHS).join(', ')}`;
  }
  return new RegExp(`^[a-f0-9]{${length}}$`).test(encoded)
    ? undefined
    : `image ${describeValue(image)} has a ${algorithm} digest of ${encoded.length} ${/[A-F]/.test(encoded) ? 'hex digits with capitals' : 'hex digits'}, where ${algorithm} takes ${length} lower-case hex digits`;
}

/**
 * What is wrong with a key of a ConfigMap's or Secret's data, or undefined: the API server takes letters,
 * digits, `-`, `_` and `.`, at most 253 characters, and neither `.` nor `..` nor a leading `..`.
 */
export function dataKeyProblem(key: string): string | undefined {
  if (key.length === 0 || key.length > 253) {
    return `key "${key}" is ${key.length === 0 ? 'empty' : `${key.length} characters long`}; a data key has 1–253 characters`;
  }
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    return `key "${key}" has characters a data key may not have`;
  }
  if (key === '.' || key.startsWith('..')) {
    return `key "${key}" may not be "." or start with ".."`;
  }
  return undefined;
}

/**
 * A Linux capability as Kubernetes, the runtime and charts take it: upper case, without the kernel's
 * `CAP_` prefix (`NET_BIND_SERVICE`). containerd upper-cases a name and puts `CAP_` before it, so
 * `cap_net_bind_service` becomes `CAP_CAP_NET_BIND_SERVICE` and the container fails to start; Pod Security
 * compares names as written. Returns the name as it should be written, or undefined when it is. Pure.
 */
export function capabilityRespelling(name: string): string | undefined {
  return /^[A-Z][A-Z0-9_]*$/.test(name) && !name.startsWith('CAP_') ? undefined : name.toUpperCase().replace(/^CAP_/, '');
}
