import { describeValue } from '../inventory/problems';
import type { PropProblem } from './known-props';

/** One variant of a value that factories make: what it must carry, and how to make it. */
export interface TaggedVariant {
  /** Props the variant carries, each with the type of its value. @default - none */
  readonly carries?: Readonly<Record<string, 'string' | 'number' | 'object'>>;
  /** The factory call that makes it, as a hint shows it, e.g. `AppDevice.dri()`. */
  readonly factory: string;
}

/**
 * Problems with a value that a factory should have made (`AppDevice.dri()`, `ForgejoDatabase.sqlite()`)
 * when a caller wrote it by hand (JavaScript, `as any`): no object, a `tag` this library does not know,
 * or a variant without what it carries. Pure.
 */
export function taggedProblems(value: unknown, field: string, tag: string, variants: Readonly<Record<string, TaggedVariant>>): PropProblem[] {
  const factories = Object.values(variants).map((v) => v.factory).join(', ');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ field, message: `${field} is ${describeValue(value)}, not made by one of its factories`, hint: `make it with ${factories}` }];
  }
  const given = (value as Record<string, unknown>)[tag];
  const variant = typeof given === 'string' && Object.prototype.hasOwnProperty.call(variants, given) ? variants[given] : undefined;
  if (variant === undefined) {
    return [{
      field: `${field}.${tag}`, message: `${tag} ${describeValue(given)} is not one of ${Object.keys(variants).join(', ')}`,
      hint: `make it with ${factories}`,
    }];
  }
  return Object.entries(variant.carries ?? {}).flatMap(([prop, type]) => {
    const carried = (value as Record<string, unknown>)[prop];
    const fits = type === 'object' ? carried !== null && typeof carried === 'object' : typeof carried === type;
    return fits ? [] : [{ field: `${field}.${prop}`, message: `the ${given} ${field} has ${describeValue(carried)} as ${prop}`, hint: `make it with ${variant.factory}` }];
  });
}
