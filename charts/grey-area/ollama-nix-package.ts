import type { OllamaAccelerator } from '../../constructs';

// The design builds Ollama's image with Nix from `pkgs.ollama`. nixpkgs builds that package without CUDA
// unless its config sets `cudaSupport`, and without ROCm unless it sets `rocmSupport`; its builds for those
// are the packages `ollama-cuda` and `ollama-rocm`. An image of `pkgs.ollama` would hold grey-area's GPU and
// run every model on the CPU.

// libcuda.so.1 and its kin come from the host at start. NVIDIA's runtime in its legacy mode (nvidia-container-cli,
// what the device plugin's default environment variable asks for) mounts them into /usr/lib64 of an image that is
// not Debian's, as a Nix-built one is not; in CDI mode they keep their host paths, which Talos' NVIDIA extension
// puts under /usr/local/lib in its recent releases and /usr/local/glibc/usr/lib in earlier ones.
const NVIDIA_DRIVER_LIBRARY_PATH = '/usr/lib64:/usr/local/lib:/usr/local/glibc/usr/lib';

/** The GPU backend a nixpkgs build of Ollama is made for. */
export interface OllamaGpuBuild {
  /** The GPU it drives, as the owner reads it, e.g. `NVIDIA GPU`. */
  readonly gpu: string;
  /** Its backend, e.g. `CUDA`. */
  readonly backend: string;
  /** The nixpkgs config flag that builds plain `ollama` for that backend too, e.g. `cudaSupport`. */
  readonly configFlag: string;
  /**
   * Where the container runtime puts the host driver's libraries in the pod, as a LD_LIBRARY_PATH value, when
   * the backend needs them from the host. nixpkgs' glibc reads no /etc/ld.so.cache (the cache the runtime's
   * ldconfig writes), and its Ollama looks for the driver in NixOS' /run/opengl-driver/lib, which a container
   * lacks: without this the image finds no driver and runs every model on the CPU.
   * @default - none: the image holds all the backend needs (ROCm's user-space libraries come with the package)
   */
  readonly driverLibraryPath?: string;
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
    case 'nvidia': return {
      attribute: 'ollama-cuda', unfree: true,
      gpuBuild: { gpu: 'NVIDIA GPU', backend: 'CUDA', configFlag: 'cudaSupport', driverLibraryPath: NVIDIA_DRIVER_LIBRARY_PATH },
    };
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
  const { gpu, backend, configFlag, driverLibraryPath } = pkg.gpuBuild;
  return `; the image holds nixpkgs' ${pkg.attribute} in place of the design's ollama, and its Cmd runs \${pkgs.${pkg.attribute}}/bin/ollama serve: `
    + `nixpkgs builds ollama without ${backend} unless its config sets ${configFlag}, so the pod would hold ${host}'s ${gpu} and run every model on the CPU`
    + (pkg.unfree ? ` (${pkg.attribute} is unfree: the flake's nixpkgs sets config.allowUnfree = true)` : '')
    + (driverLibraryPath === undefined ? '' : `. The pod sets LD_LIBRARY_PATH=${driverLibraryPath}, where the node's runtime puts the driver's libraries: `
      + 'a Nix-built program reads no /etc/ld.so.cache, and nixpkgs\' ollama looks for the driver only in NixOS\' /run/opengl-driver/lib, which no container has');
}

/** The variables the pod of a Nix-built Ollama image needs on `accelerator`: where it finds the host's GPU driver. Pure. */
export function ollamaNixPackageEnv(accelerator: OllamaAccelerator): Record<string, string> {
  const driverLibraryPath = ollamaNixPackage(accelerator).gpuBuild?.driverLibraryPath;
  return driverLibraryPath === undefined ? {} : { LD_LIBRARY_PATH: driverLibraryPath };
}
