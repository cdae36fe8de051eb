// How a thrown value is named in a finding (this module imports only the leaf inventory/problems).
import { classNameOf } from '../inventory/problems';

/**
 * What a thrown value says, for a message: an Error's message; text as it is; anything else named by what
 * it is (`throw undefined`, `throw { code }`), since String() of an object says only `[object Object]`. An
 * object's keys are named, never its values, which may hold a secret.
 */
export function thrownMessage(error: unknown): string {
  if (isErrorLike(error)) {
    return error.message || `${error.name || 'an Error'} without a message`;
  }
  if (typeof error === 'string') {
    return error || 'an empty text was thrown';
  }
  if (typeof error === 'object' && error !== null) {
    const keys = Object.keys(error);
    const prototype = Object.getPrototypeOf(error);
    const what = Array.isArray(error) ? 'a list' : prototype === null || prototype === Object.prototype
      ? 'an object' : `an object of class ${classNameOf(error) || 'unknown'}`;
    return `${what}${keys.length > 0 && !Array.isArray(error) ? ` with ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}` : ''} was thrown instead of an Error`;
  }
  return `${typeof error === 'symbol' ? 'a Symbol' : String(error)} was thrown instead of an Error`;
}

/** An Error, also one made in another realm (a vm context, a test runner's), where instanceof says no. */
function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null
    && typeof (value as Error).message === 'string' && typeof (value as Error).name === 'string');
}
