import { ApiObject, App, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { ForeignLazyResolver } from './foreign-lazy';
import { keysSorted, mapShared, membersBefore, sortedKeys } from '../app/plain';
import { isKnownPlainJson, markPlainJson } from '../validation/schema/plain-json';

// cdk8s' `ApiObject.toJson()` resolves every value of an object through the app's resolvers (walking up
// to the App for each value), sanitizes the result (drops null and undefined, sorts keys), then applies
// JSON patches. Objects of this library hold plain JSON, for which all of that reduces to one sorted,
// null-free copy. `apiObjectJson` makes that copy directly, with cdk8s' exact rules, and answers
// `undefined` (use `toJson()`) for anything it cannot prove plain: a token, a Lazy, a class instance, a
// function, a JSON patch, a subclass with its own `toJson`, custom resolvers, or unsorted output.

/** Returned from inside the copy when a value is not plain data. */
const NOT_PLAIN: unique symbol = Symbol('not plain');
type Copied = unknown | typeof NOT_PLAIN;

/**
 * Cleared by {@link copy} when a copy holds what `JSON.stringify` does not write exactly (a non-finite
 * number, a hole left by null in an array); otherwise the manifest is marked plain for the schema cache.
 */
let exactJson = true;

/**
 * An ApiObject subclass whose `toJson()` is the base one followed by a body produced as plain, sorted JSON
 * (see `RenderedObject`).
 */
export interface PlainBodyObject {
  /** The body: every top-level key but apiVersion, kind and metadata, sorted, without null or undefined. */
  plainBody(): Record<string, unknown>;
  /** The `toJson` that is exactly the base one plus {@link plainBody}. */
  readonly plainBodyToJson: () => unknown;
}

function isPlainBodyObject(object: ApiObject): object is ApiObject & PlainBodyObject {
  const candidate = object as Partial<PlainBodyObject>;
  return typeof candidate.plainBody === 'function' && candidate.plainBodyToJson === object.toJson;
}

/**
 * Whether objects under `scope` may take the plain path: their App has only cdk8s' own resolvers (after
 * the one of synthesis, which acts on no plain value) and keys are sorted (`CDK8S_DISABLE_SORT` unset).
 */
export function plainJsonApplies(scope: IConstruct): boolean {
  const all = (App.of(scope) as Partial<App>).resolvers;
  const resolvers = Array.isArray(all) && all[0] instanceof ForeignLazyResolver ? all.slice(1) : all;
  return !process.env.CDK8S_DISABLE_SORT && Array.isArray(resolvers) && resolvers.length === 3
    && resolvers[0] instanceof LazyResolver && resolvers[1] instanceof ImplicitTokenResolver
    && resolvers[2] instanceof NumberStringUnionResolver;
}

/**
 * The manifest of `object` exactly as `toJson()` gives it, through {@link apiObjectJson} when its App
 * allows: for code that reads objects before synthesis (prepare hooks, checks). The result may share
 * nested data with the object; read it, never change it.
 */
export function manifestOf(object: ApiObject): Record<string, any> {
  return (plainJsonApplies(object) ? apiObjectJson(object) : undefined) ?? object.toJson();
}

/**
 * The manifest `object.toJson()` returns, without the resolve round trip; `undefined` when the object is
 * not plain data (then `toJson()` gives it). `object` belongs to a scope for which
 * {@link plainJsonApplies} holds.
 */
export function apiObjectJson(object: ApiObject): Record<string, unknown> | undefined {
  let body: PlainBodyObject | undefined;
  if (object.toJson !== ApiObject.prototype.toJson) {
    // A subclass renders itself, unless it says its body is plain already and renders nothing else.
    if (!isPlainBodyObject(object)) {
      return undefined;
    }
    body = object;
  }
  // Private fields of cdk8s 2.x' ApiObject and ApiObjectMetadataDefinition, read as its toJson() reads them.
  const internals = object as unknown as { props: Record<string, unknown>; patches: unknown[] };
  if (internals.patches.length > 0) {
    return undefined;
  }
  exactJson = true;
  const metadata = metadataJson(object.metadata as unknown as MetadataInternals);
  if (metadata === NOT_PLAIN) {
    return undefined;
  }
  const props = internals.props;
  const result: Record<string, unknown> = {};
  const keys = sortedKeys(props);
  // apiVersion, kind and metadata first, then the rest sorted: the order toJson() gives.
  const apiVersion = copy(props.apiVersion, false);
  const kind = copy(props.kind, false);
  if (apiVersion === NOT_PLAIN || kind === NOT_PLAIN) {
    return undefined;
  }
  if (apiVersion != null) {
    result.apiVersion = apiVersion;
  }
  if (kind != null) {
    result.kind = kind;
  }
  if (metadata != null) {
    result.metadata = metadata;
  }
  for (const key of keys) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') {
      continue;
    }
    const value = copy(props[key], false);
    if (value === NOT_PLAIN) {
      return undefined;
    }
    if (value != null) {
      result[key] = value;
    }
  }
  if (body) {
    const bodyJson = body.plainBody();
    Object.assign(result, bodyJson);
    exactJson &&= isKnownPlainJson(bodyJson);
  }
  // A `__proto__` key at the top would have replaced the prototype rather than become a member.
  if (exactJson && Object.getPrototypeOf(result) === Object.prototype) {
    markPlainJson(result);
  }
  return result;
}

/** The fields of cdk8s' ApiObjectMetadataDefinition that its toJson() reads. */
interface MetadataInternals {
  readonly _additionalAttributes: Record<string, unknown>;
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
  readonly labels: unknown;
}

/** The metadata fields toJson() always writes over the additional attributes, in sorted order. */
const METADATA_FIELDS = ['annotations', 'finalizers', 'labels', 'name', 'namespace', 'ownerReferences'] as const;

/**
 * The metadata as `ApiObjectMetadataDefinition.toJson()` makes it: the additional attributes overlaid
 * with the definition's own fields, empty arrays and objects dropped, keys sorted.
 */
function metadataJson(meta: MetadataInternals): Copied {
  const extra = meta._additionalAttributes;
  let onlyOwnFields = true;
  for (const key in extra) {
    if (!(METADATA_FIELDS as readonly string[]).includes(key)) {
      onlyOwnFields = false;
      break;
    }
  }
  if (!onlyOwnFields) {
    return copy({
      ...extra,
      name: meta.name, namespace: meta.namespace, annotations: meta.annotations, finalizers: meta.finalizers,
      ownerReferences: meta.ownerReferences, labels: meta.labels,
    }, true);
  }
  // The usual case: the keys are the definition's own fields, whose sorted order is known.
  return copyMembers(meta as unknown as Record<string, unknown>, METADATA_FIELDS, true);
}

/**
 * `sanitizeValue(resolve(value))` for plain data: null and undefined members dropped (in arrays they
 * become undefined, as there), keys sorted, and with `filterEmpty` empty arrays and objects dropped.
 * Data that is in that form already (most is: objects are built in sorted order) is returned as it is
 * rather than copied; only the parts that change are new. Manifests are read, never modified, so sharing
 * is safe and spares a copy of every object's data.
 */
function copy(value: unknown, filterEmpty: boolean): Copied {
  if (value === null || value === undefined) {
    return undefined;
  }
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) {
        exactJson = false;
      }
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    if (filterEmpty && value.length === 0) {
      return undefined;
    }
    return copyArray(value, filterEmpty);
  }
  // Resolvers act on anything but a plain object (and on a plain object with its own `constructor`).
  const record = value as Record<string, unknown>;
  if (Object.getPrototypeOf(record) !== Object.prototype || record.constructor !== Object) {
    return NOT_PLAIN;
  }
  return keysSorted(record) ? copyRecordInOrder(record, filterEmpty) : copyRecordSorted(record, filterEmpty);
}

/** {@link copy} of an array: the same array unless a member changes (a dropped member leaves a hole). */
function copyArray(items: readonly unknown[], filterEmpty: boolean): Copied {
  return mapShared(items, filterEmpty ? copyDroppingEmpty : copyKeepingEmpty, NOT_PLAIN);
}

// The two ways of copying an array's members, made once rather than a closure per array.
const copyKeepingEmpty = (item: unknown): Copied => copyMember(item, false);
const copyDroppingEmpty = (item: unknown): Copied => copyMember(item, true);

/** {@link copy} of an array member. One that copies to nothing leaves a hole, which JSON.stringify writes as null: not exact JSON. */
function copyMember(item: unknown, filterEmpty: boolean): Copied {
  const copied = copy(item, filterEmpty);
  if (copied === undefined) {
    exactJson = false;
  }
  return copied;
}

/**
 * {@link copy} of a plain object whose keys are sorted already: walked in place (no list of keys), and
 * kept as it is until the first member that changes or is dropped.
 */
function copyRecordInOrder(record: Record<string, unknown>, filterEmpty: boolean): Copied {
  let result: Record<string, unknown> | undefined;
  let members = 0;
  for (const key in record) {
    if (key === '__proto__') {
      // Assigned to a copy it sets the copy's prototype: JSON.stringify would not write it.
      exactJson = false;
    }
    const original = record[key];
    const member = copy(original, filterEmpty);
    if (member === NOT_PLAIN) {
      return NOT_PLAIN;
    }
    if (result === undefined && (member !== original || member == null)) {
      // The first member that changes or is dropped: from here on, a copy.
      result = membersBefore(record, key);
    }
    if (member != null) {
      if (result !== undefined) {
        result[key] = member;
      }
      members++;
    }
  }
  if (filterEmpty && members === 0) {
    return undefined;
  }
  return result ?? record;
}

/** {@link copy} of a plain object whose keys are not sorted: always a new object, in sorted order. */
function copyRecordSorted(record: Record<string, unknown>, filterEmpty: boolean): Copied {
  return copyMembers(record, sortedKeys(record), filterEmpty);
}

/**
 * A new object with {@link copy} of each member of `source` under `keys`, in that order; null and
 * undefined members left out, and with `filterEmpty` an object left with no member is dropped.
 */
function copyMembers(source: Record<string, unknown>, keys: readonly string[], filterEmpty: boolean): Copied {
  const result: Record<string, unknown> = {};
  let members = 0;
  for (const key of keys) {
    if (key === '__proto__') {
      exactJson = false;
    }
    const member = copy(source[key], filterEmpty);
    if (member === NOT_PLAIN) {
      return NOT_PLAIN;
    }
    if (member != null) {
      result[key] = member;
      members++;
    }
  }
  if (filterEmpty && members === 0) {
    return undefined;
  }
  return result;
}
