import { remembered } from './remembered';

const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * Whether `value` is a size Kubernetes takes, above zero, with a unit: binary (`512Mi`, `1.5Gi`) or decimal
 * (`2G`, `500M`). A bare number (bytes) or a milli amount is refused: it is nearly always a unit left out.
 */
export function isSize(value: unknown): value is string {
  return typeof value === 'string' && /^(?:\d+(?:\.\d+)?|\.\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)$/.test(value) && parseFloat(value) > 0;
}

/** Whether `value` is a binary size as claims and volumes take it: a whole number and Ki, Mi, Gi or Ti (`512Mi`, `2Ti`). */
export function isBinarySize(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d*(Ki|Mi|Gi|Ti)$/.test(value);
}

/** The value of a Kubernetes quantity (`250m`, `1Gi`, `1e3`, `2`), or `undefined` when it is none. */
export function quantityValue(quantity: unknown): number | undefined {
  if (typeof quantity === 'number') {
    return Number.isFinite(quantity) ? quantity : undefined;
  }
  if (typeof quantity !== 'string') {
    return undefined;
  }
  return rememberedQuantity(quantity);
}

// Checks read the requests and limits of every container, and a fleet uses a few dozen distinct quantities.
const rememberedQuantity = remembered(parseQuantity);

function parseQuantity(quantity: string): number | undefined {
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(quantity);
  if (!match) {
    return undefined;
  }
  const base = Number(match[1]);
  return match[2] ? base * 10 ** Number(match[2].slice(1)) : base * SUFFIXES[match[3] ?? ''];
}

/**
 * Why the API server refuses `size` as the storage a claim requests, or undefined: a claim asks for more
 * than zero (ValidatePersistentVolumeClaimSpec). Text that is no quantity is the schema's to report.
 */
export function claimSizeProblem(size: unknown): string | undefined {
  const value = quantityValue(size);
  return value !== undefined && value <= 0 ? `the claim asks for ${String(size)} of storage; a claim asks for more than zero` : undefined;
}
