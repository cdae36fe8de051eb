import type { IConstruct } from 'constructs';
import { describeValue } from '../inventory/problems';
import { InputError } from '../validation/input-error';

/**
 * The shapes of an argument that {@link requiredArgument} checks: text is a string that is not empty, a
 * string any string (even an empty one).
 */
export type ArgumentShape = 'object' | 'list' | 'text' | 'string' | 'function';

const SHAPE_WORDS: Readonly<Record<ArgumentShape, string>> = { object: 'an object', list: 'a list', text: 'text', string: 'text', function: 'a function' };

/** Whether `value` has `shape`. */
function fitsShape(value: unknown, shape: ArgumentShape): boolean {
  switch (shape) {
    case 'list': return Array.isArray(value);
    case 'text': return typeof value === 'string' && value !== '';
    case 'string': return typeof value === 'string';
    case 'function': return typeof value === 'function';
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/**
 * `value` when it is what a component function or a method cannot go on without (`shape`: an object, a list,
 * text or a function), else the input error that says which argument of `call` it is and how to give it, on
 * `scope` (by default the construct being built). A JavaScript caller (or `as any`) that left it out would
 * otherwise meet a TypeError on one of its fields.
 */
export function requiredArgument<T>(value: T, call: string, field: string, shape: ArgumentShape, example: string, scope?: IConstruct): T {
  if (!fitsShape(value, shape)) {
    throw new InputError(`${call} was given ${describeValue(value)} for ${field}, not ${SHAPE_WORDS[shape]}`, field, `give it as ${example}`, scope);
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
