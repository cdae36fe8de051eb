/** GPU makers whose Kubernetes device plugins differ in how a GPU is requested. */
export type GpuVendor = 'nvidia' | 'amd' | 'intel';

import type { Fact } from './placeholder';

/** A GPU installed in a host. */
export interface Gpu {
  /** Maker, which decides the device plugin and resource name. */
  readonly vendor: GpuVendor;
  /** Model name for people, e.g. `RTX 3090`. @default - unspecified */
  readonly model?: string;
  /** How many of this model the host has. @default 1 */
  readonly count?: number;
}

/** A GPU as the inventory declares it: the vendor or model may still be a placeholder. */
export interface GpuSpec {
  /** Maker, which decides the device plugin and resource name; may be a placeholder. */
  readonly vendor: Fact<GpuVendor>;
  /** Model name for people, e.g. `RTX 3090`. @default - unspecified */
  readonly model?: Fact<string>;
  /** How many of this model the host has. @default 1 */
  readonly count?: number;
}
