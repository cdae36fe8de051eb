import { classNameOf } from '../inventory/problems';

// Values a manifest cannot carry (this module imports only the leaf inventory/problems). kubectl and the GitOps controllers read YAML through
// JSON (sigs.k8s.io/yaml), so what JSON lacks cannot reach the cluster even where the YAML writer takes it.

/**
 * What `value` is when no manifest can carry it, for messages: a BigInt, a Symbol or a function (which
 * the YAML writer refuses), or a number that is not finite (written as `.inf`/`.nan`, which has no JSON
 * form). Undefined for anything else.
 */
export function nonJsonValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'bigint':
      return `the BigInt ${value}n`;
    case 'symbol':
      return 'a Symbol';
    case 'function':
      return 'a function';
    case 'number':
      return Number.isFinite(value) ? undefined : String(value);
    case 'object':
      return classInstanceOf(value);
    default:
      return undefined;
  }
}

/**
 * The class of `value` when it is an object of one that cdk8s cannot write (a Date, a RegExp, a Map, a
 * cdk8s Duration): cdk8s writes plain objects and lists, and resolves only its tokens (an object with
 * `resolve()`, a `Lazy` with `produce()`, a number-or-string union with `value`). Undefined for anything else.
 */
function classInstanceOf(value: object | null): string | undefined {
  if (value === null || Array.isArray(value)) {
    return undefined;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return undefined;
  }
  const token = value as { resolve?: unknown; produce?: unknown; value?: unknown };
  if (typeof token.resolve === 'function' || typeof token.produce === 'function' || ['number', 'string'].includes(typeof token.value)) {
    return undefined;
  }
  return `an object of class ${classNameOf(value) || 'unknown'}`;
}

/** Whether the YAML writer refuses `value` outright (a BigInt, a Symbol, a function, an object of a class). */
export function isUnwritable(value: unknown): boolean {
  return typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function' || (typeof value === 'object' && classInstanceOf(value) !== undefined);
}

/** How to write a value of the kind {@link nonJsonValue} named instead. */
export const NON_JSON_HINT = 'write a plain number, string, boolean, list or map (a BigInt as a number or a string; a Date as text, date.toISOString(); '
  + 'a limit without bound as the program spells it, e.g. -1 or "unlimited")';

/**
 * Calls `visit` with every field under `value` and its path (`a.b[0].c`), parents before children; `visit`
 * returns false to leave a field's children out. A value met twice (a cycle, or one object in two places)
 * is visited where it is met first.
 */
export function visitFields(
  value: unknown,
  visit: (path: string, key: string | number, field: unknown) => boolean | void,
  path = '',
  seen: Set<object> = new Set(),
): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) {
    return;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const at = `${path}[${i}]`;
      if (visit(at, i, item) !== false) {
        visitFields(item, visit, at, seen);
      }
    });
    return;
  }
  for (const [key, field] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (visit(at, key, field) !== false) {
      visitFields(field, visit, at, seen);
    }
  }
}

/** The path and kind of the first field under `value` the YAML writer refuses, if any. */
export function firstUnwritableField(value: unknown): { path: string; what: string } | undefined {
  let found: { path: string; what: string } | undefined;
  visitFields(value, (path, _key, field) => {
    if (found === undefined && isUnwritable(field)) {
      found = { path, what: nonJsonValue(field)! };
    }
    return found === undefined;
  });
  return found;
}

/**
 * The first field under `value` that holds one of its own parents (`data.self` holding `data`): a circular
 * structure, which neither YAML nor JSON can write. `parent` is the path of the field it refers back to
 * ('' for `value` itself). Undefined when there is none; an object met twice in separate branches is no
 * cycle.
 */
export function circularField(value: unknown): { path: string; parent: string } | undefined {
  const parents: Array<{ value: object; path: string }> = [];
  const visit = (current: unknown, path: string): { path: string; parent: string } | undefined => {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    const parent = parents.find((p) => p.value === current);
    if (parent !== undefined) {
      return { path, parent: parent.path };
    }
    parents.push({ value: current, path });
    const entries: Array<[string, unknown]> = Array.isArray(current)
      ? current.map((item, i) => [`${path}[${i}]`, item])
      : Object.entries(current).map(([key, field]) => [path === '' ? key : `${path}.${key}`, field]);
    for (const [at, field] of entries) {
      const found = visit(field, at);
      if (found !== undefined) {
        return found;
      }
    }
    parents.pop();
    return undefined;
  };
  return visit(value, '');
}
