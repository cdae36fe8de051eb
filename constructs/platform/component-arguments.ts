import { describeValue } from '../inventory/problems';
import { InputError } from '../validation/input-error';

/** The shapes of an argument that {@link requiredArgument} checks: text is a string that is not empty. */
export type ArgumentShape = 'object' | 'list' | 'text';

const SHAPE_WORDS: Readonly<Record<ArgumentShape, string>> = { object: 'an object', list: 'a list', text: 'text' };

/**
 * `value` when it is what a component function cannot be made without (`shape`: an object, a list, or text),
 * else the input error that says which argument of `call` it is and how to give it. A JavaScript caller
 * (or `as any`) that left it out would otherwise meet a TypeError on one of its fields.
 */
export function requiredArgument<T>(value: T, call: string, field: string, shape: ArgumentShape, example: string): T {
  const fits = shape === 'list' ? Array.isArray(value)
    : shape === 'text' ? typeof value === 'string' && value !== ''
      : typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!fits) {
    throw new InputError(`${call} was given ${describeValue(value)} for ${field}, not ${SHAPE_WORDS[shape]}`, field, `give it as ${example}`);
  }
  return value;
}

/**
 * `value` where it is given, `fallback` where it is left out (undefined, or null as a JavaScript caller writes
 * no value); a value of another shape is the input error of {@link requiredArgument}.
 */
export function optionalArgument<T>(value: T | null | undefined, fallback: T, call: string, field: string, shape: ArgumentShape, example: string): T {
  return value === undefined || value === null ? fallback : requiredArgument(value, call, field, shape, example);
}
