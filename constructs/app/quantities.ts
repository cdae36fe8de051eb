import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-30';

const BINARY_UNITS: Record<string, (n: number) => Size> = {
  Ki: Size.kibibytes,
  Mi: Size.mebibytes,
  Gi: Size.gibibytes,
  Ti: Size.tebibytes,
};

/** Parses a binary Kubernetes quantity (`512Mi`, `600Gi`, `2Ti`) into a cdk8s Size. */
export function parseSize(quantity: string): Size {
  const match = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(quantity);
  if (!match) {
    throw new Error(`"${quantity}" is not a size such as 512Mi, 50Gi or 2Ti`);
  }
  return BINARY_UNITS[match[2]](Number(match[1]));
}

/** Parses a CPU quantity (`250m`, `2`, `0.5`) into a cdk8s-plus Cpu. */
export function parseCpu(quantity: string | number): Cpu {
  if (typeof quantity === 'number') {
    return Cpu.millis(Math.round(quantity * 1000));
  }
  const millis = /^(\d+)m$/.exec(quantity);
  if (millis) {
    return Cpu.millis(Number(millis[1]));
  }
  if (/^\d+(\.\d+)?$/.test(quantity)) {
    return Cpu.millis(Math.round(Number(quantity) * 1000));
  }
  throw new Error(`"${quantity}" is not a CPU quantity such as 250m or 2`);
}
