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

/**
 * Whether a label selector (`matchLabels` and `matchExpressions`, as workloads carry it) selects `labels`.
 * An expression with an operator Kubernetes does not know selects nothing.
 */
export function labelSelectorMatches(selector: Fields, labels: Record<string, string>): boolean {
  if (!selectorMatches(stringMap(selector.matchLabels), labels)) {
    return false;
  }
  return list(selector.matchExpressions).every((expression) => {
    const key = text(expression.key) ?? '';
    const values: readonly unknown[] = Array.isArray(expression.values) ? expression.values : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expression.operator) {
      case 'In':
        return has && values.includes(labels[key]);
      case 'NotIn':
        return !has || !values.includes(labels[key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** Namespace of an object; an object without one lands in `default`. */
export function namespaceOf(object: SynthesizedObject): string {
  return text(object.manifest.metadata?.namespace) ?? 'default';
}

/** `namespace/name` of an object, the key most lookups use. */
export function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** What a check says about one object; the object supplies path, kind, namespace and name. */
export type ObjectFindingProps = Omit<Finding, 'constructPath' | 'kind' | 'namespace' | 'name'>;

/** A finding about `object`, naming its construct path, kind, namespace and name. */
export function objectFinding(object: SynthesizedObject, props: ObjectFindingProps): Finding {
  const metadata = fields(object.manifest.metadata);
  return {
    ...props,
    constructPath: object.constructPath,
    kind: text(object.manifest.kind),
    namespace: text(metadata.namespace),
    name: text(metadata.name),
  };
}
