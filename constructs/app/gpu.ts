import type { GpuVendor } from '../inventory/gpu';
import type { PropProblem } from '../validation/known-props';

/** A GPU the app needs. */
export interface GpuRequest {
  /** GPU maker; the app is placed on a host with a GPU of this vendor. */
  readonly vendor: GpuVendor;
  /** How many GPUs. @default 1 */
  readonly count?: number;
  /**
   * Host's `render` group id (`getent group render`), added to the pod's groups. Intel's and AMD's device
   * plugins hand the pod `/dev/dri/renderD*` (and AMD's `/dev/kfd`) with the host's owner and mode, commonly
   * `root:render` and `0660`: an app that runs as a user of its own opens them only in that group, unless the
   * node's render nodes are open to everyone or its runtime gives devices the pod's owner (see
   * `deviceOwnershipFromSecurityContext`). NVIDIA's runtime hands its devices open.
   * @default - none: for an Intel or AMD GPU of an app that does not run as root, and has no
   * `supplementalGroups`, a warning says the above
   */
  readonly renderGroup?: number;
  /**
   * The GPU nodes' container runtime gives the devices it hands a pod the pod's user and group
   * (`device_ownership_from_security_context = true` in containerd's or CRI-O's CRI settings): the app
   * opens the GPU without the host's render group.
   * @default false
   */
  readonly deviceOwnershipFromSecurityContext?: boolean;
}

/**
 * The problem of an Intel or AMD GPU asked for by an app whose user is in no group of the host's that opens
 * it: `runsAsRoot`, whether the pod runs as root; `supplementalGroups`, the groups it is given otherwise; `field`,
 * the prop that asked for the GPU; `groupsProp`, the prop that takes the group where that one has no `renderGroup`
 * (Ollama's `accelerator` is a name, its groups are `supplementalGroups`). Pure.
 */
export function gpuGroupProblem(gpu: GpuRequest, runsAsRoot: boolean, supplementalGroups: readonly number[] | undefined, field: string, groupsProp?: string): PropProblem | undefined {
  if (gpu.vendor === 'nvidia' || runsAsRoot || gpu.renderGroup !== undefined || gpu.deviceOwnershipFromSecurityContext === true || (supplementalGroups ?? []).length > 0) {
    return undefined;
  }
  const printed = 'as `getent group render` prints it';
  return {
    field: groupsProp ?? `${field}.renderGroup`,
    message: `the app runs as a user of its own, in no render group of the host: the ${gpu.vendor === 'intel' ? 'Intel' : 'AMD'} GPU its device plugin hands it `
      + '(/dev/dri/renderD*, commonly root:render, mode 0660 on the host) would not open, and it would run without it',
    hint: groupsProp !== undefined
      ? `give the host's render group id in ${groupsProp}, ${printed} (e.g. ${groupsProp}: [104])`
      : `give the host's render group id in ${field}.renderGroup, ${printed} (e.g. renderGroup: 104); where the GPU nodes' runtime `
        + `sets device_ownership_from_security_context, set ${field}.deviceOwnershipFromSecurityContext: true instead`,
  };
}

/** What a GPU request adds to a pod. */
export interface GpuRendering {
  /** Extended resources to set as limits (GPUs cannot be overcommitted, so limits only). */
  readonly limits: Record<string, number>;
  /** RuntimeClass the pod needs. @default - the cluster default */
  readonly runtimeClassName?: string;
}

/** The extended resource each vendor's device plugin advertises. One place decides this. */
export const GPU_RESOURCE: Record<GpuVendor, string> = {
  nvidia: 'nvidia.com/gpu',
  amd: 'amd.com/gpu',
  intel: 'gpu.intel.com/i915',
};

/** How a GPU request is rendered for each vendor's device plugin. */
export function renderGpu(request: GpuRequest): GpuRendering {
  const count = request.count ?? 1;
  return {
    limits: { [GPU_RESOURCE[request.vendor]]: count },
    runtimeClassName: request.vendor === 'nvidia' ? 'nvidia' : undefined,
  };
}

/**
 * A placement's `gpu` beside a `gpu` request of another vendor: the request decides where the pods go (the hosts
 * with its GPU), so the placement's vendor would be dropped without a word. Pure.
 */
export function gpuPlacementProblems(gpu: unknown, placement: unknown): PropProblem[] {
  const requested = (gpu as Partial<GpuRequest> | undefined)?.vendor;
  const placed = (placement as { gpu?: unknown } | undefined)?.gpu;
  if (typeof requested !== 'string' || typeof placed !== 'string' || requested === placed) {
    return [];
  }
  return [{
    field: 'placement.gpu',
    message: `placement.gpu '${placed}' names another vendor than gpu.vendor '${requested}', which places the pods on the hosts with its GPU: placement.gpu would be ignored`,
    hint: `ask for the GPU the app uses once, in gpu: { vendor: '${placed}' } or gpu: { vendor: '${requested}' }, and drop placement.gpu`,
  }];
}

/**
 * A device-plugin resource in `devices` that is the GPU a `gpu` request asks for already (`nvidia.com/gpu` beside
 * `gpu: { vendor: 'nvidia' }`): the container has one limit of that resource, so the device's count would replace
 * `gpu.count` without a word. Pure.
 */
export function gpuDeviceProblems(gpu: unknown, devices: unknown): PropProblem[] {
  const vendor = (gpu as Partial<GpuRequest> | undefined)?.vendor;
  const resource = typeof vendor === 'string' ? GPU_RESOURCE[vendor as GpuVendor] : undefined;
  if (resource === undefined || !Array.isArray(devices)) {
    return [];
  }
  return devices.flatMap((device: unknown, i) => {
    const given = device as { type?: unknown; resource?: unknown } | null;
    return given?.type === 'plugin' && given.resource === resource ? [{
      field: `devices[${i}]`,
      message: `devices[${i}] asks for ${resource}, the GPU that gpu: { vendor: '${vendor}' } asks for already; its count would replace gpu.count`,
      hint: `drop the device: gpu asks for the GPU, places the pods on its hosts${vendor === 'nvidia' ? ' and sets their runtime class' : ''}; ask for more with gpu: { vendor: '${vendor}', count }`,
    }] : [];
  });
}

/** A tag word that names a CUDA build (`v1.119.1-cuda`, `server-cuda-b4400`, `cuda-12.4`, `latest-cuda12`). */
const CUDA_TAG_WORD = /(?:^|[-_.])cuda(?:\d[\d.]*)?(?=$|[-_.])/i;

/** NVIDIA's CUDA base images, on Docker Hub and on NGC. */
const CUDA_REPOSITORY = /^(?:(?:docker\.io|nvcr\.io)\/)?nvidia\/cuda$/;

/**
 * Whether `image` is a CUDA build: NVIDIA's CUDA base image, or a tag that names the CUDA variant of an app (Immich's
 * machine learning `…-cuda`, llama.cpp's `server-cuda-…`). Pure.
 */
export function isCudaImage(image: string): boolean {
  const [name] = image.split('@');
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  const repository = colon < 0 ? name : name.slice(0, colon);
  return CUDA_REPOSITORY.test(repository) || (colon >= 0 && CUDA_TAG_WORD.test(name.slice(colon + 1)));
}

/**
 * Why the CUDA image `image` may run where it finds no NVIDIA GPU: `hosts` (those its pods may run on) include
 * some with none in the inventory, named in the message. A pod reaches an NVIDIA GPU only on a host that has one
 * (through the device plugin's request, or the NVIDIA runtime sharing it), so there the build runs on the CPU at
 * best, or stops where it cannot load the driver's libcuda. Undefined when every host has an NVIDIA GPU. Pure.
 */
export function cudaWithoutGpuProblem(image: string, hosts: ReadonlyArray<{ readonly name: string; gpuCount(vendor: GpuVendor): number }>): { message: string; hint: string } | undefined {
  const without = isCudaImage(image) ? hosts.filter((h) => h.gpuCount('nvidia') === 0) : [];
  if (without.length === 0) {
    return undefined;
  }
  return {
    message: `image ${image} is a CUDA build, but its pods may run on ${without.map((h) => h.name).join(', ')}, with no NVIDIA GPU in the inventory: `
      + "there the container gets no GPU and no driver, so it runs on the CPU at best, or stops where it cannot load libcuda",
    hint: "ask for the GPU: gpu: { vendor: 'nvidia' }, which places the pods on a host that has one and gives them the NVIDIA runtime; "
      + "or, to run on the CPU, take the image's plain tag (without cuda)",
  };
}

/**
 * `NVIDIA_VISIBLE_DEVICES` in the app's `env` (`all`, as a `docker run --gpus all` habit writes it): without a GPU
 * request the pod runs with the cluster's default runtime, which ignores it, and gets no GPU; with one, the NVIDIA
 * device plugin sets it to the GPUs it gives the pod, and a value of the app's would hand the pod GPUs the
 * scheduler gave other pods. Either way the variable is not the app's to set. Pure.
 */
export function gpuEnvProblems(gpu: unknown, env: unknown, field: string): PropProblem[] {
  // A value of no kind an env takes is reported as that, once.
  const value = env !== null && typeof env === 'object' ? (env as Record<string, unknown>).NVIDIA_VISIBLE_DEVICES : undefined;
  if (value === undefined || value === null) {
    return [];
  }
  const vendor = (gpu as Partial<GpuRequest> | undefined)?.vendor;
  const name = `${field}.NVIDIA_VISIBLE_DEVICES`;
  return [vendor === 'nvidia' ? {
    field: name,
    message: `${name} chooses the GPUs the pod sees, which the NVIDIA device plugin sets to the ${GPU_RESOURCE.nvidia} it gives the pod: `
      + 'a value of the app\'s would hand it GPUs the scheduler gave other pods, or none',
    hint: `drop ${name}: gpu: { vendor: 'nvidia', count } asks for as many GPUs as the app uses`,
  } : {
    field: name,
    message: `${name} asks NVIDIA's container runtime for GPUs, but the app asks for no NVIDIA GPU: its pods run with the cluster's default runtime, `
      + 'which ignores the variable, on any host, and see no GPU',
    hint: `ask for the GPU with gpu: { vendor: 'nvidia' }, which places the pods on a host with one, sets the runtime class nvidia and the ${GPU_RESOURCE.nvidia} limit, and drop ${name}`,
  }];
}
