import { InputError } from '../validation/input-error';
import { isSize } from '../validation/quantity';
import { describeValue } from '../inventory/problems';

/**
 * Checks a Kubernetes size with a unit (`512Mi`, `1.5Gi`, `600Gi`, `2T`) and returns it. Anything else is bad input:
 * an `InputError` that synthesis reports against the construct being built, with `field`.
 */
export function parseSize(quantity: string, field = 'size'): string {
  if (typeof quantity === 'string' && /^0*(?:\.0*)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)$/.test(quantity) && /\d/.test(quantity)) {
    // The format is right; the amount is what no volume or container can have.
    throw new InputError(`${field.split('.').pop()} ${describeValue(quantity)} is zero`, field, 'give a size above zero, such as 512Mi or 1Gi');
  }
  if (!isSize(quantity)) {
    throw new InputError(`${describeValue(quantity)} is not a size`, field, 'write a number with a unit, such as 512Mi, 1.5Gi, 50Gi or 2T');
  }
  return quantity;
}

/** Checks a CPU quantity (`250m`, `2`, `0.5`) and returns it in Kubernetes notation; anything else is an `InputError`. */
export function parseCpu(quantity: string | number, field = 'cpu'): string {
  const text = String(quantity);
  if (!(typeof quantity === 'string' || typeof quantity === 'number') || !/^([1-9]\d*m|\d+(\.\d+)?)$/.test(text) || Number(text.replace(/m$/, '')) === 0) {
    throw new InputError(`${describeValue(quantity)} is not a CPU quantity`, field, 'write millicores such as 250m, or cores such as 2 or 0.5');
  }
  return text;
}
