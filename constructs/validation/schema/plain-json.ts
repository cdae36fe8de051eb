/** Deeper manifests are not cached: a walk that deep means something that is no manifest. */
const MAX_DEPTH = 64;
const OBJECT_PROTOTYPE = Object.prototype;

/**
 * Manifests known to be plain JSON (see {@link isPlainJson}) when they were made: the collector's own
 * copies of plain data. Nothing changes a manifest after it is collected, so the mark holds.
 */
const MARKED_PLAIN = new WeakSet<object>();

/** Records that `manifest` was made as plain JSON (see {@link isPlainJson}), so no walk has to prove it. */
export function markPlainJson(manifest: object): void {
  MARKED_PLAIN.add(manifest);
}

/** Whether `value` is plain JSON: marked so when made, or found so by a walk (see {@link isPlainJson}). */
export function isKnownPlainJson(value: unknown): boolean {
  return (typeof value === 'object' && value !== null && MARKED_PLAIN.has(value)) || isPlainJson(value);
}

/**
 * Whether `value` is JSON that `JSON.stringify` writes exactly: strings, finite numbers, booleans, null,
 * dense arrays and plain objects. Anything else (`undefined` in a field, NaN, a class instance) would
 * give two different objects one text, so such an object is validated without the cache.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object') {
    return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
  }
  if (value === null) {
    return true;
  }
  if (depth > MAX_DEPTH) {
    return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!isPlainJson(value[i], depth + 1)) {
        return false;
      }
    }
    return true;
  }
  // A plain object of any realm (test runners build objects in another one): its prototype is an Object.prototype.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== OBJECT_PROTOTYPE && prototype !== null && Object.getPrototypeOf(prototype) !== null) {
    return false;
  }
  // for-in allocates nothing (Object.values would, for each of hundreds of thousands of mappings); JSON.stringify
  // and the validators see the same own enumerable keys.
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) {
      return false;
    }
  }
  return true;
}
