import type { GpuVendor } from '../inventory/gpu';

/** A GPU the app needs. */
export interface GpuRequest {
  /** GPU maker; the app is placed on a host with a GPU of this vendor. */
  readonly vendor: GpuVendor;
  /** How many GPUs. @default 1 */
  readonly count?: number;
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
