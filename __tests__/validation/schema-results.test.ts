import * as fs from 'fs';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createSchemaValidator, SchemaViolation } from '../../constructs/validation/schema';
import { mergeDigests, SCHEMA_RESULT_STATISTICS } from '../../constructs/validation/schema/result-cache';
import { exampleCrd } from '../support/crd';

// A CRD with structural constraints and a CEL rule, so the cache is tested whether or not ../shared is present.
const PART_CRD = exampleCrd('Part', 'parts', String.raw`
type: object
required: [size]
x-kubernetes-validations:
- { rule: "!has(self.min) || !has(self.max) || self.min <= self.max", message: min must not exceed max }
properties:
  size: { type: integer, minimum: 1 }
  min: { type: integer }
  max: { type: integer }
  labels: { type: object, additionalProperties: { type: string } }
  items: { type: array, items: { type: string, nullable: true } }
`);

const ENV = ['HOMELAB_K8S_SCHEMA', 'HOMELAB_CRDS_DIR', 'HOMELAB_SCHEMA_CACHE'] as const;
const saved: Partial<Record<(typeof ENV)[number], string>> = {};
let dir: string;
let crds: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schema-results-'));
  crds = join(dir, 'crds');
  fs.mkdirSync(crds);
  writeFileSync(join(crds, 'parts.yaml'), PART_CRD);
  for (const name of ENV) saved[name] = process.env[name];
  process.env.HOMELAB_K8S_SCHEMA = '';
});

afterAll(() => {
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A validator over the test CRD with a cache folder of its own (or none). */
function validatorWith(cache: string): ReturnType<typeof createSchemaValidator> {
  process.env.HOMELAB_SCHEMA_CACHE = cache;
  return createSchemaValidator({ crdDirs: [crds] });
}

const part = (spec: Record<string, unknown>, name = 'p') => ({ apiVersion: 'example.dev/v1', kind: 'Part', metadata: { name, namespace: 'web' }, spec });

const OBJECTS = [
  part({ size: 1 }),
  part({ size: 2, min: 1, max: 3, labels: { a: 'b' }, items: ['x', null] }),
  part({ size: 0 }), // below the minimum
  part({ min: 1 }), // size missing
  part({ size: 1, min: 5, max: 1 }), // breaks the CEL rule
  part({ size: 1, colour: 'red' }), // unknown field
  { apiVersion: 'example.dev/v1', kind: 'Unknown', metadata: { name: 'u' } }, // no schema
  { kind: 'Part', metadata: { name: 'no-api-version' } },
];

const results = (validator: ReturnType<typeof createSchemaValidator>, objects: unknown[] = OBJECTS): Array<SchemaViolation[] | undefined> =>
  objects.map((object) => validator.validate(structuredClone(object) as Record<string, unknown>));

describe('the schema result cache', () => {
  let cache: string;
  let uncached: Array<SchemaViolation[] | undefined>;
  beforeAll(() => {
    cache = mkdtempSync(join(dir, 'cache-'));
    uncached = results(validatorWith('off'));
  });

  test('a cached run and an uncached run give the same results', () => {
    const cold = validatorWith(cache);
    expect(results(cold)).toEqual(uncached);
    cold.flush();
    const before = { ...SCHEMA_RESULT_STATISTICS };
    const warm = validatorWith(cache);
    expect(results(warm)).toEqual(uncached);
    // The two valid objects come from the cache; the others are validated again.
    expect(SCHEMA_RESULT_STATISTICS.hits - before.hits).toBe(2);
    expect(SCHEMA_RESULT_STATISTICS.misses - before.misses).toBe(4);
    expect(uncached[0]).toEqual([]);
    expect(uncached[4]).toEqual([{ field: 'spec', message: 'min must not exceed max' }]);
    expect(uncached[6]).toBeUndefined();
  });

  test('a warm run compiles, loads and parses nothing for cached objects', () => {
    validatorWith(cache).flush();
    // Whatever a validation needs from the schema files (the catalog, validator code, CEL rule trees) is
    // written back to the cache when it is made: with those files gone, a warm run must leave none behind.
    for (const file of fs.readdirSync(cache)) {
      if (file !== 'valid-v3.bin') rmSync(join(cache, file));
    }
    const warm = validatorWith(cache);
    expect(results(warm, [OBJECTS[0], OBJECTS[1], OBJECTS[6]])).toEqual([[], [], undefined]);
    warm.flush();
    expect(fs.readdirSync(cache)).toEqual(['valid-v3.bin']);
  });

  test('a changed object misses the cache and is validated again', () => {
    const warm = validatorWith(cache);
    const before = { ...SCHEMA_RESULT_STATISTICS };
    expect(warm.validate(part({ size: 3 }))).toEqual([]);
    expect(warm.validate(part({ size: 1, min: 9, max: 2 }))).toEqual([{ field: 'spec', message: 'min must not exceed max' }]);
    expect(SCHEMA_RESULT_STATISTICS.hits - before.hits).toBe(0);
    expect(SCHEMA_RESULT_STATISTICS.misses - before.misses).toBe(2);
  });

  test('an invalid object is never cached', () => {
    const first = validatorWith(cache);
    const invalid = part({ size: 0 });
    const violations = first.validate(structuredClone(invalid));
    expect(violations).not.toEqual([]);
    first.flush();
    const before = { ...SCHEMA_RESULT_STATISTICS };
    expect(validatorWith(cache).validate(structuredClone(invalid))).toEqual(violations);
    expect(SCHEMA_RESULT_STATISTICS.hits - before.hits).toBe(0);
  });

  test('an object that is not plain JSON is validated in full, even when its JSON text passed before', () => {
    const first = validatorWith(cache);
    expect(first.validate(part({ size: 1, items: [null] }))).toEqual([]);
    first.flush();
    const second = validatorWith(cache);
    // JSON.stringify writes `undefined` in a list as null, and drops an unknown field whose value is undefined.
    expect(second.validate(part({ size: 1, items: [undefined] }))).not.toEqual([]);
    expect(second.validate(part({ size: 1, colour: undefined }))).toEqual([{ field: 'spec', message: 'unknown field "colour"' }]);
  });

  test('a changed schema file misses the cache', () => {
    const first = validatorWith(cache);
    expect(first.validate(part({ size: 5 }))).toEqual([]);
    first.flush();
    const file = join(crds, 'parts.yaml');
    writeFileSync(file, PART_CRD.replace('minimum: 1', 'minimum: 10'));
    try {
      expect(validatorWith(cache).validate(part({ size: 5 }))).toEqual([{ field: 'spec.size', message: 'must be >= 10 (got 5)' }]);
    } finally {
      writeFileSync(file, PART_CRD);
    }
  });

  test('flush writes only when something was learned', () => {
    const file = join(cache, 'valid-v3.bin');
    const warm = validatorWith(cache);
    results(warm, [OBJECTS[0]]);
    warm.flush();
    const before = statSync(file).mtimeMs;
    const again = validatorWith(cache);
    results(again, [OBJECTS[0], OBJECTS[2]]);
    again.flush();
    expect(statSync(file).mtimeMs).toBe(before);
  });

  test('results learned within a second of a write wait for that second to pass', () => {
    jest.useFakeTimers();
    try {
      const file = join(cache, 'valid-v3.bin');
      const validator = validatorWith(cache);
      expect(validator.validate(part({ size: 51 }))).toEqual([]);
      jest.advanceTimersByTime(0);
      const written = fs.readFileSync(file);
      expect(validator.validate(part({ size: 52 }))).toEqual([]);
      jest.advanceTimersByTime(999);
      expect(fs.readFileSync(file)).toEqual(written);
      jest.advanceTimersByTime(1);
      expect(fs.readFileSync(file).length).toBe(written.length + 17);
    } finally {
      jest.useRealTimers();
    }
  });

  test('processes that share the folder keep each other\'s results', () => {
    const first = validatorWith(cache);
    const second = validatorWith(cache);
    // Both read the file before either writes.
    expect(results(first, [OBJECTS[0]])).toEqual([[]]);
    expect(results(second, [OBJECTS[0]])).toEqual([[]]);
    expect(first.validate(part({ size: 41 }))).toEqual([]);
    expect(second.validate(part({ size: 42 }))).toEqual([]);
    first.flush();
    second.flush();
    const before = { ...SCHEMA_RESULT_STATISTICS };
    const third = validatorWith(cache);
    expect([third.validate(part({ size: 41 })), third.validate(part({ size: 42 }))]).toEqual([[], []]);
    expect(SCHEMA_RESULT_STATISTICS.hits - before.hits).toBe(2);
  });
});

describe('the results file', () => {
  const digest = (byte: number) => Buffer.alloc(16, byte);
  const file = (entries: Array<[number, number]>) => {
    const buffer = Buffer.alloc(entries.length * 17);
    entries.forEach(([byte, age], i) => {
      digest(byte).copy(buffer, i * 16);
      buffer[entries.length * 16 + i] = age;
    });
    return { buffer, count: entries.length };
  };
  const entries = (merged: { buffer: Buffer; count: number }) => Array.from({ length: merged.count }, (_, i) => [merged.buffer[i * 16], merged.buffer[merged.count * 16 + i]]);

  test('what this process met is young, the rest ages by one, in digest order', () => {
    expect(entries(mergeDigests([digest(2), digest(5)], file([[1, 0], [2, 7], [9, 3]])))).toEqual([[1, 1], [2, 0], [5, 0], [9, 4]]);
  });

  test('past the limit the least recently used go first, never what this process met', () => {
    expect(entries(mergeDigests([digest(5)], file([[1, 0], [2, 7], [9, 3]]), 3))).toEqual([[1, 1], [5, 0], [9, 4]]);
    expect(entries(mergeDigests([digest(5), digest(6)], file([[1, 0]]), 1))).toEqual([[5, 0], [6, 0]]);
  });

  test('a digest met twice is kept once, and an age of 255 stays 255', () => {
    expect(entries(mergeDigests([digest(3), digest(3), digest(4)], file([[3, 9], [4, 255], [7, 255]])))).toEqual([[3, 0], [4, 0], [7, 255]]);
  });

  test('digests that differ only in their last byte merge in order', () => {
    const near = (last: number) => Buffer.from([...Array(15).fill(8), last]);
    const current = Buffer.alloc(3 * 17);
    [1, 3, 5].forEach((last, i) => near(last).copy(current, i * 16));
    const merged = mergeDigests([near(2), near(3), near(6)], { buffer: current, count: 3 });
    expect(Array.from({ length: merged.count }, (_, i) => merged.buffer[i * 16 + 15])).toEqual([1, 2, 3, 5, 6]);
    expect(Array.from(merged.buffer.subarray(merged.count * 16))).toEqual([1, 0, 0, 1, 0]);
  });
});
