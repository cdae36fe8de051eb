import type { CelFunc, CelList } from '@bufbuild/cel';
import { translateGoRegExp } from './go-regexp';

type CelModule = typeof import('@bufbuild/cel');

/**
 * The functions of the Kubernetes CEL libraries a 1.30 API server gives every CRD rule and that `@bufbuild/cel`
 * lacks: the lists library (`isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf` on a list), the regex
 * library (`find`, `findAll`) and cel-go's sets extension (`sets.contains`, `sets.equivalent`, `sets.intersects`).
 * Without them a rule that calls one was skipped, so a custom resource it refuses reached the API server.
 * A value these functions cannot judge as Go does (a list of maps, a timestamp) throws, and the rule is skipped
 * as before.
 */
export function kubernetesCelFunctions(cel: CelModule): CelFunc[] {
  const { INT, STRING, DYN, BOOL } = cel.CelScalar;
  const LIST = cel.listType(DYN);
  const items = (list: CelList): unknown[] => [...list];
  return [
    cel.celMethod('isSorted', LIST, [], BOOL, function isSorted(this: CelList) {
      const values = items(this);
      return values.every((value, i) => i === 0 || compare(values[i - 1], value) <= 0);
    }),
    cel.celMethod('sum', LIST, [], DYN, function sum(this: CelList) {
      return sumOf(items(this)) as never;
    }),
    cel.celMethod('min', LIST, [], DYN, function min(this: CelList) {
      return extreme(items(this), 'min', (candidate, best) => compare(candidate, best) < 0) as never;
    }),
    cel.celMethod('max', LIST, [], DYN, function max(this: CelList) {
      return extreme(items(this), 'max', (candidate, best) => compare(candidate, best) > 0) as never;
    }),
    cel.celMethod('indexOf', LIST, [DYN], INT, function indexOf(this: CelList, item: unknown) {
      return BigInt(items(this).findIndex((value) => celEquals(value, item)));
    }),
    cel.celMethod('lastIndexOf', LIST, [DYN], INT, function lastIndexOf(this: CelList, item: unknown) {
      const values = items(this);
      for (let i = values.length - 1; i >= 0; i--) {
        if (celEquals(values[i], item)) {
          return BigInt(i);
        }
      }
      return -1n;
    }),
    cel.celMethod('find', STRING, [STRING], STRING, function find(this: string, pattern: string) {
      return goMatches(this, pattern, 1)[0] ?? '';
    }),
    cel.celMethod('findAll', STRING, [STRING], cel.listType(STRING), function findAll(this: string, pattern: string) {
      return goMatches(this, pattern, -1);
    }),
    cel.celMethod('findAll', STRING, [STRING, INT], cel.listType(STRING), function findAllOf(this: string, pattern: string, limit: bigint) {
      return goMatches(this, pattern, Number(limit));
    }),
    cel.celFunc('sets.contains', [LIST, LIST], BOOL, (list: CelList, sublist: CelList) =>
      items(sublist).every((item) => items(list).some((value) => celEquals(value, item)))),
    cel.celFunc('sets.equivalent', [LIST, LIST], BOOL, (a: CelList, b: CelList) =>
      items(a).every((item) => items(b).some((value) => celEquals(value, item)))
      && items(b).every((item) => items(a).some((value) => celEquals(value, item)))),
    cel.celFunc('sets.intersects', [LIST, LIST], BOOL, (a: CelList, b: CelList) =>
      items(a).some((item) => items(b).some((value) => celEquals(value, item)))),
  ];
}

/** Whether a value is a CEL number: an int (bigint) or a double. */
function isNumber(value: unknown): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

/**
 * CEL's equality of the values JSON gives (numbers compared across int and double, as the API server's
 * heterogeneous equality does; lists item by item; maps key by key).
 */
export function celEquals(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) {
    return Number(a) === Number(b) && (typeof a !== 'bigint' || typeof b !== 'bigint' || a === b);
  }
  if (a instanceof Map || b instanceof Map) {
    return a instanceof Map && b instanceof Map && a.size === b.size
      && [...a].every(([key, value]) => b.has(key) && celEquals(value, b.get(key)));
  }
  if (isIterable(a) && isIterable(b)) {
    const left = [...a];
    const right = [...b];
    return left.length === right.length && left.every((value, i) => celEquals(value, right[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    throw new Error('values of this type are not compared here');
  }
  return a === b;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}

/** CEL's order of two comparable values: numbers across int and double, strings by their UTF-8 bytes as Go compares them, false before true. */
function compare(a: unknown, b: unknown): number {
  if (isNumber(a) && isNumber(b)) {
    return typeof a === 'bigint' && typeof b === 'bigint' ? (a < b ? -1 : a > b ? 1 : 0) : Math.sign(Number(a) - Number(b));
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return Number(a) - Number(b);
  }
  throw new Error('values of this type are not ordered here');
}

/** The sum of a list of numbers: an int while every item is one, a double once any is. */
function sumOf(values: readonly unknown[]): bigint | number {
  if (!values.every(isNumber)) {
    throw new Error('only numbers are summed here');
  }
  return values.every((value) => typeof value === 'bigint')
    ? values.reduce<bigint>((total, value) => total + (value as bigint), 0n)
    : values.reduce<number>((total, value) => total + Number(value), 0);
}

/** The item `better` prefers over every other (the first of equals, as Go keeps it); an error on an empty list. */
function extreme(values: readonly unknown[], name: string, better: (candidate: unknown, best: unknown) => boolean): unknown {
  if (values.length === 0) {
    throw new Error(`${name} called on empty list`);
  }
  return values.reduce((best, value) => (better(value, best) ? value : best));
}

/**
 * The matches of RE2 `pattern` in `text` as Go's FindAllString gives them: leftmost first, at most `limit` of them
 * (all when below 0), an empty match right after the previous match left out.
 */
function goMatches(text: string, pattern: string, limit: number): string[] {
  const translated = translateGoRegExp(pattern);
  if (translated.source === undefined) {
    throw new Error(translated.dropped);
  }
  const matches: string[] = [];
  let previousEnd = -1;
  for (const match of text.matchAll(new RegExp(translated.source, 'gu'))) {
    if (limit >= 0 && matches.length >= limit) {
      break;
    }
    if (match[0] === '' && match.index === previousEnd) {
      continue;
    }
    matches.push(match[0]);
    previousEnd = match.index + match[0].length;
  }
  return matches;
}
