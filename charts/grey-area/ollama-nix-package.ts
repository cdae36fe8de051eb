import type { OllamaAccelerator } from '../../constructs';

// The design builds Ollama's image with Nix from `pkgs.ollama`. nixpkgs builds that package for no GPU of
// its own accord (CUDA only with `config.cudaSupport`, ROCm only with `config.rocmSupport`); its GPU builds
// are the packages `ollama-cuda` and `ollama-rocm`. An image of `pkgs.ollama` would hold grey-area's GPU
// and run every model on the CPU.

/** The nixpkgs package whose `bin/ollama` runs models on an accelerator. */
export interface OllamaNixPackage {
  /** Attribute of nixpkgs, e.g. `ollama-cuda`. */
  readonly attribute: string;
  /** Whether it is unfree in nixpkgs (CUDA's libraries are), so the flake's nixpkgs must set `config.allowUnfree`. */
  readonly unfree: boolean;
  /** How the accelerator is named to the owner, e.g. `NVIDIA GPU (CUDA)`. @default - none for the CPU */
  readonly runsOn?: string;
}

/** The nixpkgs package Ollama's Nix-built image must hold for `accelerator`. Pure. */
export function ollamaNixPackage(accelerator: OllamaAccelerator): OllamaNixPackage {
  switch (accelerator) {
    case 'nvidia': return { attribute: 'ollama-cuda', unfree: true, runsOn: 'NVIDIA GPU (CUDA)' };
    case 'amd': return { attribute: 'ollama-rocm', unfree: false, runsOn: 'AMD GPU (ROCm)' };
    default: return { attribute: 'ollama', unfree: false };
  }
}

/**
 * What the build step says of the package, for a pod on `host`'s GPU: empty for the CPU, where the design's
 * `pkgs.ollama` is right. Pure.
 */
export function ollamaNixPackageNote(accelerator: OllamaAccelerator, host: string): string {
  const pkg = ollamaNixPackage(accelerator);
  if (pkg.runsOn === undefined) return '';
  return `; the image holds nixpkgs' ${pkg.attribute} in place of the design's ollama, and its Cmd runs \${pkgs.${pkg.attribute}}/bin/ollama serve: `
    + `nixpkgs builds ollama for no GPU unless asked, so the pod would hold ${host}'s ${pkg.runsOn} and run every model on the CPU`
    + (pkg.unfree ? ` (${pkg.attribute} is unfree: the flake's nixpkgs sets config.allowUnfree = true)` : '');
}
