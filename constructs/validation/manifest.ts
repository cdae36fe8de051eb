import type { SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';

/** A plain JSON mapping read from a manifest whose shape is not trusted. */
export type Fields = Readonly<Record<string, unknown>>;

/** The value as a mapping, or an empty one; checks must survive malformed objects the schema layer reports. */
export function fields(value: unknown): Fields {
  return isMapping(value) ? (value as Fields) : EMPTY;
}

const EMPTY: Fields = Object.freeze({});

/** The value as a list of mappings (non-mappings become empty ones, so indices stay true), or an empty list. */
export function list(value: unknown): Fields[] {
  if (!Array.isArray(value)) {
    return [];
  }
  // Well-formed lists (nearly all of them) are returned as they are: checks run over every object.
  for (let i = 0; i < value.length; i++) {
    if (!isMapping(value[i])) {
      return value.map(fields);
    }
  }
  return value as Fields[];
}

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value when it is a string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string-to-string map (labels, annotations, selectors); other entries are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const map = fields(value);
  // Checks ask for labels and annotations of every object: the common all-string map costs no allocation
  // (for-in lists no array of keys; inherited keys are skipped, as Object.entries skips them).
  for (const key in map) {
    if (Object.prototype.hasOwnProperty.call(map, key) && typeof map[key] !== 'string') {
      return Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
  }
  return map as Record<string, string>;
}

/** Whether every label of `selector` is present in `labels` with the same value. */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  // for-in lists no entries; selectors are plain JSON.
  for (const key in selector) {
    if (labels[key] !== selector[key]) {
      return false;
    }
  }
  return true;
}

/** Whether a label selector (`matchLabels` and `matchExpressions`, as workloads carry it) selects `labels`. */
export function labelSelectorMatches(selector: Fields, labels: Record<string, string>): boolean {
  return selectorMatches(stringMap(selector.matchLabels), labels)
    && list(selector.matchExpressions).every((expression) => expressionMatches(labels, expression));
}

/**
 * Whether `labels` meet one requirement of a selector (`In`, `NotIn`, `Exists`, `DoesNotExist`, and a node
 * selector's `Gt` and `Lt`); an operator Kubernetes does not know meets nothing.
 */
export function expressionMatches(labels: Readonly<Record<string, string>>, expression: Fields): boolean {
  const key = text(expression.key) ?? '';
  const values = expression.values;
  const value = labels[key];
  switch (expression.operator) {
    case 'In': return value !== undefined && includesText(values, value);
    case 'NotIn': return value === undefined || !includesText(values, value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(firstText(values));
    case 'Lt': return value !== undefined && Number(value) < Number(firstText(values));
    default: return false;
  }
}

/** Whether a member of `values` (when it is a list) reads as `value`; compared in place, as every host meets every term. */
function includesText(values: unknown, value: string): boolean {
  if (!Array.isArray(values)) {
    return false;
  }
  for (let i = 0; i < values.length; i++) {
    // A hole is no member (as `map(String)` then `includes` saw it).
    if (i in values && String(values[i]) === value) {
      return true;
    }
  }
  return false;
}

/** The first member of `values` as text; undefined when there is none. */
function firstText(values: unknown): string | undefined {
  return Array.isArray(values) && values.length > 0 ? String(values[0]) : undefined;
}

/** Namespace of an object; an object without one lands in `default`. */
export function namespaceOf(object: SynthesizedObject): string {
  return text(object.manifest.metadata?.namespace) ?? 'default';
}

/** `namespace/name` of an object, the key most lookups use. */
export function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * What a check calls to report an error at `field` of the object it checks; `severity` `warning` for what
 * the API server takes but is a hazard (only checks whose adders are made with `objectAdder` pass it).
 */
export type AddFinding = (field: string, message: string, hint: string, severity?: 'warning') => void;

/** The `AddFinding` of the checks of `layer` on `object`: errors, and warnings where a check says so. */
export function objectAdder(object: SynthesizedObject, layer: Finding['layer'], findings: Finding[]): AddFinding {
  return (field, message, hint, severity) => findings.push(objectFinding(object, { layer, severity: severity ?? 'error', field, message, hint }));
}

/** What a check says about one object; the object supplies path, kind, namespace and name. */
export type ObjectFindingProps = Omit<Finding, 'constructPath' | 'kind' | 'namespace' | 'name'>;

/** A finding about `object`, naming its construct path, kind, namespace and name. */
export function objectFinding(object: SynthesizedObject, props: ObjectFindingProps): Finding {
  return { ...props, ...findingTarget(object) };
}

/** Where a finding about `object` points: its construct path and identity. */
export function findingTarget(object: SynthesizedObject): Pick<Finding, 'constructPath' | 'kind' | 'namespace' | 'name'> {
  const metadata = fields(object.manifest.metadata);
  return { constructPath: object.constructPath, kind: text(object.manifest.kind), namespace: text(metadata.namespace), name: text(metadata.name) };
}

/** Whole-number `keys` of `record` (at `path`) that are below 0; other numbers are the schema's to report. */
export function checkNotNegative(record: Fields, path: string, keys: readonly string[], add: AddFinding): void {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'number' && Number.isInteger(value) && value < 0) {
      add(`${path}.${key}`, `${key} ${value} is below 0`, `set ${key} to 0 or more`);
    }
  }
}

/**
 * Calls `report` for each entry of `entries` whose key (`keyOf`; undefined: the entry has none and is
 * skipped) an earlier entry has already, with the index of that earlier entry. Server-side apply keys such
 * lists by these fields (`x-kubernetes-list-map-keys`) and refuses an object that holds a key twice
 * ("duplicate entries for key"), although a client-side apply would have taken it.
 */
export function forEachRepeatedKey<T>(entries: readonly T[], keyOf: (entry: T) => string | undefined, report: (index: number, first: number, key: string) => void): void {
  if (entries.length < 2) {
    return;
  }
  const firsts = new Map<string, number>();
  entries.forEach((entry, i) => {
    const key = keyOf(entry);
    if (key === undefined) {
      return;
    }
    const first = firsts.get(key);
    if (first === undefined) {
      firsts.set(key, i);
    } else {
      report(i, first, key);
    }
  });
}

/** `spec.basicAuth.users[0]` of the keys `spec`, `basicAuth`, `users`, 0. */
export function fieldPath(parts: ReadonlyArray<string | number>): string {
  return parts.reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}
