import { describeValue } from '../inventory/problems';
import { InputError } from '../validation/input-error';

/**
 * `value` when it is what a component function cannot be made without (`shape`: an object, or a list),
 * else the input error that says which argument of `call` it is and how to give it. A JavaScript caller
 * (or `as any`) that left it out would otherwise meet a TypeError on one of its fields.
 */
export function requiredArgument<T>(value: T, call: string, field: string, shape: 'object' | 'list', example: string): T {
  const fits = shape === 'list' ? Array.isArray(value) : typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!fits) {
    throw new InputError(`${call} was given ${describeValue(value)} for ${field}, not ${shape === 'list' ? 'a list' : 'an object'}`, field, `give it as ${example}`);
  }
  return value;
}
