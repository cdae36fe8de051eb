import type { OllamaAccelerator } from '../../constructs';

// The design builds Ollama's image with Nix from `pkgs.ollama`. nixpkgs builds that package without CUDA
// unless its config sets `cudaSupport`, and without ROCm unless it sets `rocmSupport`; its builds for those
// are the packages `ollama-cuda` and `ollama-rocm`. An image of `pkgs.ollama` would hold grey-area's GPU and
// run every model on the CPU.

/** The GPU backend a nixpkgs build of Ollama is made for. */
export interface OllamaGpuBuild {
  /** The GPU it drives, as the owner reads it, e.g. `NVIDIA GPU`. */
  readonly gpu: string;
  /** Its backend, e.g. `CUDA`. */
  readonly backend: string;
  /** The nixpkgs config flag that builds plain `ollama` for that backend too, e.g. `cudaSupport`. */
  readonly configFlag: string;
}

/** The nixpkgs package whose `bin/ollama` runs models on an accelerator. */
export interface OllamaNixPackage {
  /** Attribute of nixpkgs, e.g. `ollama-cuda`. */
  readonly attribute: string;
  /** Whether it is unfree in nixpkgs (CUDA's libraries are), so the flake's nixpkgs must set `config.allowUnfree`. */
  readonly unfree: boolean;
  /** The GPU build it is. @default - none: the CPU */
  readonly gpuBuild?: OllamaGpuBuild;
}

/** The nixpkgs package Ollama's Nix-built image must hold for `accelerator`. Pure. */
export function ollamaNixPackage(accelerator: OllamaAccelerator): OllamaNixPackage {
  switch (accelerator) {
    case 'nvidia': return { attribute: 'ollama-cuda', unfree: true, gpuBuild: { gpu: 'NVIDIA GPU', backend: 'CUDA', configFlag: 'cudaSupport' } };
    case 'amd': return { attribute: 'ollama-rocm', unfree: false, gpuBuild: { gpu: 'AMD GPU', backend: 'ROCm', configFlag: 'rocmSupport' } };
    default: return { attribute: 'ollama', unfree: false };
  }
}

/**
 * What the build step says of the package, for a pod on `host`'s GPU: empty for the CPU, where the design's
 * `pkgs.ollama` is right. Pure.
 */
export function ollamaNixPackageNote(accelerator: OllamaAccelerator, host: string): string {
  const pkg = ollamaNixPackage(accelerator);
  if (pkg.gpuBuild === undefined) return '';
  const { gpu, backend, configFlag } = pkg.gpuBuild;
  return `; the image holds nixpkgs' ${pkg.attribute} in place of the design's ollama, and its Cmd runs \${pkgs.${pkg.attribute}}/bin/ollama serve: `
    + `nixpkgs builds ollama without ${backend} unless its config sets ${configFlag}, so the pod would hold ${host}'s ${gpu} and run every model on the CPU`
    + (pkg.unfree ? ` (${pkg.attribute} is unfree: the flake's nixpkgs sets config.allowUnfree = true)` : '');
}
