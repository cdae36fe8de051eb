import type { k8s } from 'cdk8s-plus-30';
import { markPlainJson } from '../validation/schema/plain-json';

// Apps type their data with cdk8s-plus-30's Kubernetes types, but only as types: that module is a 3 MB
// generated file whose loading costs more than a synth of the real sites spends on their objects. The
// `Quantity` and `IntOrString` values apps make are instances of a class of this module instead; values of
// cdk8s-plus-30's own classes, from callers, are recognised by their jsii type name.

/** A `Quantity` or `IntOrString` value made by this library; its JSON form is `value`. */
class UnionValue {
  constructor(public readonly value: string | number) {}
}

const RTTI = Symbol.for('jsii.rtti');
const KPLUS_UNION_TYPES = new Set(['cdk8s-plus-30.k8s.Quantity', 'cdk8s-plus-30.k8s.IntOrString']);

/** A Kubernetes quantity (`10Gi`, `250m`, `1`) as cdk8s-plus-30's `k8s.Quantity` types it. */
export function quantity(value: string | number): k8s.Quantity {
  return new UnionValue(value) as unknown as k8s.Quantity;
}

/** A port number or name as cdk8s-plus-30's `k8s.IntOrString` types it. */
export function intOrString(value: number | string): k8s.IntOrString {
  return new UnionValue(value) as unknown as k8s.IntOrString;
}

/** Whether `value` is a `Quantity` or `IntOrString`, of this library or of cdk8s-plus-30. */
function isUnionValue(value: object): value is UnionValue {
  if (value instanceof UnionValue) {
    return true;
  }
  const type = (value.constructor as { [RTTI]?: { fqn?: string } } | undefined)?.[RTTI];
  return type !== undefined && KPLUS_UNION_TYPES.has(type.fqn ?? '');
}

/**
 * The JSON form of data typed with cdk8s-plus-30's Kubernetes types: `Quantity` and `IntOrString`
 * wrappers become their values. The typed classes (`k8s.KubeDeployment`, …) do the same in `toJson()`,
 * but re-map every nested object on each call; apps build thousands of objects, so their data is typed
 * with those types and handed to cdk8s once, as plain JSON.
 */
export function plainJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(plainJson);
  }
  if (value !== null && typeof value === 'object') {
    if (isUnionValue(value)) {
      return value.value;
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) {
        result[key] = plainJson(entry);
      }
    }
    return result;
  }
  return value;
}

/**
 * The keys of `record` in sorted order (`Array.prototype.sort`'s). Records of Kubernetes data have a
 * handful of keys, often sorted already: an insertion sort handles those faster than `sort()`.
 */
export function sortedKeys(record: object): string[] {
  return sortKeys(Object.keys(record));
}

/**
 * Whether the keys of `record`, a plain object, are in sorted order already. Asks without listing them:
 * for-in allocates nothing, and nearly every record is built sorted. (For a plain object, for-in gives
 * the own keys in `Object.keys` order; `Object.prototype` holds nothing enumerable.)
 */
export function keysSorted(record: object): boolean {
  let previous: string | undefined;
  for (const key in record) {
    if (previous !== undefined && previous > key) {
      return false;
    }
    previous = key;
  }
  return true;
}

/**
 * A new record with the members of `record` that come before `key`, a key of it, in its own order: the
 * start of a copy that diverges from `record` at `key`.
 */
export function membersBefore(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const earlier in record) {
    if (earlier === key) {
      break;
    }
    result[earlier] = record[earlier];
  }
  return result;
}

/** Sorts `keys` in place (`Array.prototype.sort`'s order) and returns it; see {@link sortedKeys}. */
export function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) {
    return keys.sort();
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * Plain JSON as cdk8s writes it: `Quantity` and `IntOrString` unwrapped, null and undefined dropped, keys
 * sorted (the order `sanitizeValue` gives every other object). For bodies that bypass token resolution.
 */
export function sortedJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      items[i] = sortedJson(value[i]);
    }
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && isUnionValue(value)) {
    return value.value;
  }
  const keys = sortedKeys(value);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined && entry !== null) {
      result[key] = sortedJson(entry);
    }
  }
  return result;
}

/**
 * `items` with `map` applied to each member: the same array when no member changed, else a copy from the
 * first member that did (a hole or an `undefined` member counts as a change). A member mapped to `stop`
 * ends the walk, and `stop` is returned.
 */
export function mapShared(items: readonly unknown[], map: (item: unknown) => unknown, stop?: symbol): unknown {
  let copied: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const original: unknown = items[i];
    const item = map(original);
    if (stop !== undefined && item === stop) {
      return stop;
    }
    if (copied === undefined && (item !== original || item === undefined)) {
      copied = items.slice(0, i);
      copied.length = items.length;
    }
    if (copied !== undefined) {
      copied[i] = item;
    }
  }
  return copied ?? items;
}

/**
 * Cleared by {@link sharedSortedJson} when it meets what `JSON.stringify` does not write exactly: a
 * non-finite number, an `undefined` array member, a function or symbol.
 */
let exact = true;

function isExactScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || value === null
    || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * {@link sortedJson}, except that parts of `value` that are in that form already (plain, sorted, nothing
 * to drop or unwrap) are returned as they are instead of copied. The result may therefore share objects
 * with `value`: for data that is read from then on, never modified.
 */
export function sharedSortedJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (!isExactScalar(value)) {
      exact = false;
    }
    return value;
  }
  if (Array.isArray(value)) {
    return mapShared(value, sharedSortedJson);
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && isUnionValue(value)) {
    return value.value;
  }
  const record = value as Record<string, unknown>;
  if (Object.getPrototypeOf(record) !== Object.prototype || !keysSorted(record)) {
    // Only a plain object in sorted order may be kept; class instances become plain objects, as in sortedJson.
    return sharedSortedCopy(record);
  }
  // Walked in place (no list of keys): the record is kept until the first member that changes or is dropped.
  let result: Record<string, unknown> | undefined;
  for (const key in record) {
    const entry = record[key];
    const dropped = entry === undefined || entry === null;
    const member = dropped ? undefined : sharedSortedJson(entry);
    if (result === undefined && (dropped || member !== entry)) {
      result = membersBefore(record, key);
    }
    if (!dropped && result !== undefined) {
      result[key] = member;
    }
  }
  return result ?? record;
}

/**
 * {@link sharedSortedJson} of a rendered body, recorded as exact JSON when it is (see `markPlainJson`): the
 * walk that makes it has seen every value, so validation need not walk the body again to prove it.
 */
export function renderedBodyJson(value: Record<string, unknown>): Record<string, unknown> {
  exact = true;
  const result = sharedSortedJson(value) as Record<string, unknown>;
  if (exact) {
    markPlainJson(result);
  }
  return result;
}

/** {@link sharedSortedJson} of a record that cannot be kept: a new plain object, its members shared where they can be. */
function sharedSortedCopy(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of sortedKeys(record)) {
    const entry = record[key];
    if (entry !== undefined && entry !== null) {
      result[key] = sharedSortedJson(entry);
    }
  }
  return result;
}

/**
 * Sets `key` of `record` unless `value` is null or undefined, which plain JSON leaves out. Records built
 * with it in sorted key order are in the form synthesis writes, and are kept rather than copied.
 */
export function setPresent(record: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null) {
    record[key] = value;
  }
}
