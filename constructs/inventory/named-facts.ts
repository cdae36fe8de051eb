import { closestName } from '../validation/closest-name';
import { InputError } from '../validation/input-error';

/**
 * Names that code other than the user's asks of any object (promises, JSON, test matchers, inspectors):
 * answered as a plain object answers them, not as a fact the inventory lacks.
 */
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'length', 'prototype']);

/**
 * `facts` (a site's pools or NFS exports, by name; `noun` names one of them), which answer a name they do not hold with an error naming it and the
 * name it looks like, rather than `undefined`: without the type checker (JavaScript, `as any`) a misspelt
 * `site.pools.vip.at(…)` was a TypeError about reading `at` of undefined, reported on the chart.
 */
export function strictNames<T extends object>(facts: T, what: string, field: string, noun = field.replace(/s$/, '')): T {
  return new Proxy(facts, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && /^[A-Za-z]/.test(key) && !PROBED.has(key)) {
        const known = Object.keys(target);
        const near = closestName(key, known);
        throw new InputError(`${what} has no ${noun} "${key}"`, `${field}.${key}`,
          near !== undefined ? `did you mean "${near}"? (${field}.${near})`
            : known.length > 0 ? `use one of: ${known.join(', ')}` : `declare it in the site's ${field} first`);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}
