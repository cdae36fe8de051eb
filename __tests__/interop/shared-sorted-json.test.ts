import { quantity, sharedSortedJson, sortedJson } from '../../constructs/app/plain';

// sharedSortedJson must give what sortedJson gives, key order included (JSON.stringify keeps it).
const same = (value: unknown) => expect(JSON.stringify(sharedSortedJson(value))).toBe(JSON.stringify(sortedJson(value)));

describe('sharedSortedJson', () => {
  test('gives sortedJson\'s result: unwrapped, sorted, null and undefined members dropped', () => {
    const value = {
      z: [1, null, undefined, { b: quantity('1Gi'), a: null }], a: { c: undefined, b: 2, a: 1 }, m: quantity(3),
      10: 'ten', 2: 'two', sorted: { a: [{ x: 1 }], b: 'y' },
    };
    same(value);
    same([{ b: 1, a: 2 }, 'x', null]);
    same(quantity('5'));
  });

  test('keeps parts that are sorted plain JSON already; copies only what changes', () => {
    const kept = { a: [{ x: 1 }], b: { c: true } };
    const value = { a: kept, b: { d: 1, c: 2 }, c: [kept, { e: quantity('1') }] };
    const result = sharedSortedJson(value) as Record<string, any>;
    same(value);
    expect(result).not.toBe(value);
    expect(result.a).toBe(kept);
    expect(result.c[0]).toBe(kept);
    expect(result.c[1]).toEqual({ e: '1' });
    expect(sharedSortedJson(kept)).toBe(kept);
  });

  test('class instances become plain objects, as with sortedJson', () => {
    class Box {
      constructor(public readonly a: number) {}
    }
    const result = sharedSortedJson({ box: new Box(1) }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result.box)).toBe(Object.prototype);
    expect(result.box).toEqual({ a: 1 });
  });
});
