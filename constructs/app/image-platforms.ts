import type { IConstruct } from 'constructs';
import { archMeant } from '../inventory/host';
import type { Arch, Host } from '../inventory/host';
import { describeValue } from '../inventory/problems';
import { reportFinding } from '../validation/finding';

/**
 * An image reference together with the CPU architectures its pinned tag is published for. Registries
 * answer this per tag (`docker manifest inspect`); recording it next to the pin lets synthesis refuse a
 * placement the image cannot run on, before a pod crash-loops with `exec format error`.
 */
export interface PinnedImage {
  /** Image reference with an exact tag or digest, e.g. `jellyfin/jellyfin:10.10.7`. */
  readonly ref: string;
  /** Architectures the pinned tag exists for. */
  readonly platforms: readonly Arch[];
}

/** Records the architectures a pinned image tag is published for. */
export function pinnedImage(ref: string, platforms: readonly Arch[]): PinnedImage {
  return { ref, platforms };
}

/** `image` when it is a {@link PinnedImage} (an object with its reference and a list of platforms), else undefined. Pure. */
export function pinnedImageGiven(image: unknown): PinnedImage | undefined {
  return typeof image !== 'string' && pinnedImageProblem(image) === undefined ? image as PinnedImage : undefined;
}

/** The image reference of a plain string or a pinned image. */
export function imageRef(image: string | PinnedImage): string {
  return typeof image === 'string' ? image : image.ref;
}

/**
 * Words of an image reference that name the one architecture it is built for, and the 64-bit Raspberry Pi boards
 * Home Assistant builds an image for each (`homeassistant/raspberrypi4-64-homeassistant`), which are arm64 alone.
 */
const ARCH_WORDS: Readonly<Record<string, Arch>> = {
  amd64: 'amd64', x86_64: 'amd64', 'x86-64': 'amd64', arm64: 'arm64', arm64v8: 'arm64', aarch64: 'arm64',
  'raspberrypi3-64': 'arm64', 'raspberrypi4-64': 'arm64', 'raspberrypi5-64': 'arm64',
};
const ARCH_WORD = new RegExp(`(?:^|[-_.])(${Object.keys(ARCH_WORDS).join('|')})(?=$|[-_.])`, 'i');

/**
 * The architecture an image reference names as the only one it is built for: in its tag (`1.2.3-arm64`,
 * `arm64v8-latest`) or in its repository (Docker's `arm64v8/nginx`, `homeassistant/aarch64-homeassistant`),
 * as images built per architecture are named beside their multi-arch tag. A digest names none. Pure.
 */
export function namedArch(ref: string): NamedArch | undefined {
  let named = NAMED_ARCH.get(ref);
  if (named === undefined) {
    // A fleet names a few images thousands of times: each is read once.
    named = archNamedIn(ref) ?? null;
    if (NAMED_ARCH.size >= 10_000) {
      NAMED_ARCH.clear();
    }
    NAMED_ARCH.set(ref, named);
  }
  return named ?? undefined;
}

/** The architecture an image reference names, as {@link namedArch} says. */
type NamedArch = { readonly arch: Arch; readonly word: string; readonly where: 'tag' | 'repository' };

const NAMED_ARCH = new Map<string, NamedArch | null>();

/**
 * Images whose variant for one accelerator is published for one architecture alone, beside a multi-arch tag:
 * the variant's name says no architecture, so a GPU build taken for the lab's NVIDIA host lands on its arm64
 * workers as readily as on it. By repository; each tag pattern with the architecture and the word that names
 * the variant. From the projects' published manifests.
 */
const SINGLE_ARCH_VARIANTS: ReadonlyMap<string, ReadonlyArray<{ readonly tag: RegExp; readonly arch: Arch; readonly word: string; readonly means: string }>> = new Map([
  // Frigate: TensorRT (NVIDIA) and ROCm builds for amd64; the Jetson (-tensorrt-jp*) and Rockchip (-rk) builds for arm64.
  ['ghcr.io/blakeblackshear/frigate', [
    { tag: /-tensorrt-jp\d+$/, arch: 'arm64', word: 'tensorrt-jp', means: 'the build for NVIDIA Jetson boards' },
    { tag: /-tensorrt$/, arch: 'amd64', word: 'tensorrt', means: 'the build for NVIDIA GPUs' },
    { tag: /-rocm$/, arch: 'amd64', word: 'rocm', means: 'the build for AMD GPUs' },
    { tag: /-rk$/, arch: 'arm64', word: 'rk', means: 'the build for Rockchip boards' },
  ]],
  // Immich's machine learning: CUDA, OpenVINO and ROCm builds for amd64; Arm NN and RKNN builds for arm64.
  ['ghcr.io/immich-app/immich-machine-learning', [
    { tag: /-cuda$/, arch: 'amd64', word: 'cuda', means: 'the build for NVIDIA GPUs' },
    { tag: /-openvino$/, arch: 'amd64', word: 'openvino', means: 'the build for Intel GPUs' },
    { tag: /-rocm$/, arch: 'amd64', word: 'rocm', means: 'the build for AMD GPUs' },
    { tag: /-armnn$/, arch: 'arm64', word: 'armnn', means: 'the build for Arm Mali GPUs' },
    { tag: /-rknn$/, arch: 'arm64', word: 'rknn', means: 'the build for Rockchip NPUs' },
  ]],
  // Ollama's ROCm build is for amd64 alone.
  ['ollama/ollama', [{ tag: /(^|-)rocm$/, arch: 'amd64', word: 'rocm', means: 'the build for AMD GPUs' }]],
]);

/** Any of {@link ARCH_WORDS} anywhere: most references hold none, and need no closer look. */
const ANY_ARCH_WORD = new RegExp(Object.keys(ARCH_WORDS).join('|'), 'i');

/** The repositories of {@link SINGLE_ARCH_VARIANTS}: with {@link ANY_ARCH_WORD}, what lets most references go unread. */
const VARIANT_REPOSITORIES = [...SINGLE_ARCH_VARIANTS.keys()];

function archNamedIn(ref: string): NamedArch | undefined {
  if (!VARIANT_REPOSITORIES.some((repository) => ref.includes(repository)) && !ANY_ARCH_WORD.test(ref)) {
    return undefined;
  }
  const [name] = ref.split('@');
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const repository = colon < 0 ? name : name.slice(0, colon);
  const tag = ref.includes('@') || colon < 0 ? undefined : name.slice(colon + 1);
  const variant = SINGLE_ARCH_VARIANTS.get(repository.replace(/^docker\.io\//, ''))?.find((v) => v.tag.test(tag ?? ''));
  if (variant !== undefined) {
    return { arch: variant.arch, word: `${variant.word}: ${variant.means}`, where: 'tag' };
  }
  if (!ANY_ARCH_WORD.test(ref)) {
    return undefined;
  }
  for (const [text, where] of [[tag, 'tag'], ...repository.split('/').map((part) => [part, 'repository'])] as Array<[string | undefined, 'tag' | 'repository']>) {
    const word = text === undefined ? undefined : ARCH_WORD.exec(text)?.[1];
    if (word !== undefined) {
      return { arch: ARCH_WORDS[word.toLowerCase()], word, where };
    }
  }
  return undefined;
}

/** Hosts among `hosts` whose architecture the pinned image does not exist for. Pure. */
export function hostsWithoutImage(image: PinnedImage, hosts: readonly Host<any, any>[]): Host<any, any>[] {
  return hosts.filter((host) => !image.platforms.includes(host.arch));
}

/**
 * Reports an image whose pinned tag does not exist for the architecture of a host it may run on. A
 * plain string carries no architecture record and is not checked.
 */
export function checkImagePlatforms(scope: IConstruct, field: string, image: string | PinnedImage, hosts: readonly Host<any, any>[]): void {
  if (typeof image === 'string') {
    const named = namedArch(image);
    const missing = named === undefined ? [] : hosts.filter((host) => host.arch !== named.arch);
    if (named !== undefined && missing.length > 0) {
      reportFinding(scope, {
        layer: 'inventory', severity: 'error', field,
        message: `image ${image} is built for ${named.arch} (its ${named.where} says ${named.word}), but may run on `
          + `${missing.map((h) => `${h.name} (${h.arch})`).join(', ')}, where it would stop with "exec format error"`,
        hint: `place it on hosts of arch ${named.arch} (placement: { arch: '${named.arch}' }), or take the image's multi-arch tag, which runs on every arch it is published for`,
      });
    }
    return;
  }
  // A platform as Docker or `uname -m` spells one of the nodes' (linux/arm64, aarch64) would leave those nodes out;
  // one no node has (linux/arm/v7, ppc64le), copied from the image's manifest list, is true and changes nothing.
  const misspelt = image.platforms.map((platform, i) => ({ platform, i, meant: archMeant(platform) })).filter(({ platform, meant }) => meant !== undefined && meant !== platform);
  for (const { platform, i, meant } of misspelt) {
    reportFinding(scope, {
      layer: 'props', severity: 'error', field: `${field}.platforms[${i}]`,
      message: `platform ${describeValue(platform)} is written as Docker or uname spells it, which no node's kubernetes.io/arch label is: the hosts of ${meant} would be taken for hosts the image is not published for`,
      hint: `write '${meant}', the kubernetes.io/arch name of ${String(platform).trim()}`,
    });
  }
  if (misspelt.length > 0) {
    return;
  }
  const missing = hostsWithoutImage(image, hosts);
  if (missing.length > 0) {
    reportFinding(scope, {
      layer: 'inventory', severity: 'error', field,
      message: `image ${image.ref} is published for ${image.platforms.join(', ')} only, but may run on `
        + missing.map((h) => `${h.name} (${h.arch})`).join(', '),
      hint: image.platforms.length === 1
        ? `place it on hosts of arch ${image.platforms[0]} (placement: { arch: '${image.platforms[0]}' }), or pin a multi-arch image`
        : `place it on a host of arch ${image.platforms.join(' or ')}, or pin a multi-arch image`,
    });
  }
}

/**
 * What is wrong with an image given as props from JavaScript, where the type checker does not see it: it
 * is an image reference, or a {@link PinnedImage} with one and its platforms. Undefined when it is either.
 */
export function pinnedImageProblem(image: unknown): string | undefined {
  if (typeof image === 'string') {
    return undefined;
  }
  const pinned = image as Partial<PinnedImage> | null;
  return pinned !== null && typeof pinned === 'object' && typeof pinned.ref === 'string' && Array.isArray(pinned.platforms)
    ? undefined
    : `the image is ${describeValue(image)}, neither a reference such as 'jellyfin/jellyfin:10.10.7' nor pinnedImage(ref, platforms)`;
}
