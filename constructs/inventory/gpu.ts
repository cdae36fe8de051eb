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
  /** PCI vendor and device ID (see {@link GpuSpec.pciId}). @default - unknown */
  readonly pciId?: string;
}

/** A GPU as the inventory declares it: the vendor or model may still be a placeholder. */
export interface GpuSpec {
  /** Maker, which decides the device plugin and resource name; may be a placeholder. */
  readonly vendor: Fact<GpuVendor>;
  /** Model name for people, e.g. `RTX 3090`. @default - unspecified */
  readonly model?: Fact<string>;
  /** How many of this model the host has. @default 1 */
  readonly count?: number;
  /**
   * PCI vendor and device ID as `lspci -nn` shows it in brackets, e.g. `10de:2504`: what KubeVirt selects the
   * GPU by to pass it whole to a VM (`host.vmGpu()`). @default - unknown (the GPU cannot be given to a VM)
   */
  readonly pciId?: string;
}

/** Words of GPU model names that only one maker uses (a brand or a product line), by maker. */
const MODEL_WORDS: ReadonlyArray<readonly [GpuVendor, RegExp]> = [
  ['nvidia', /\b(nvidia|geforce|quadro|tesla|titan|rtx|gtx|jetson)\b/i],
  ['amd', /\b(amd|radeon|instinct|firepro)\b/i],
  ['intel', /\b(intel|iris|uhd|arc)\b/i],
];

/**
 * The maker a GPU's model name says it is (`AMD Radeon RX 6600` is amd), when the name says one maker
 * alone; undefined for a model of no known word or of several (an AMD APU's `Radeon Graphics` beside an
 * NVIDIA card's name). Pure.
 */
export function modelVendor(model: unknown): GpuVendor | undefined {
  if (typeof model !== 'string') {
    return undefined;
  }
  const makers = MODEL_WORDS.filter(([, words]) => words.test(model)).map(([vendor]) => vendor);
  return makers.length === 1 ? makers[0] : undefined;
}
