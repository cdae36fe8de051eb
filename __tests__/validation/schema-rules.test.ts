import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createSchemaValidator, SchemaValidator } from '../../constructs/validation/schema';
import { translateGoRegExp } from '../../constructs/validation/schema/go-regexp';

// Synthetic sources, so these rules are tested whether or not ../shared is present.
const WIDGET_CRD = String.raw`
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.dev
spec:
  group: example.dev
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
  - name: v1beta1
    served: false
    storage: false
    schema:
      openAPIV3Schema: { type: object }
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          apiVersion: { type: string }
          kind: { type: string }
          metadata:
            type: object
            properties:
              name: { type: string, maxLength: 10 }
          spec:
            type: object
            required: [size]
            properties:
              size:
                x-kubernetes-int-or-string: true
                anyOf: [{ type: integer }, { type: string }]
                pattern: '^[0-9]+(Mi|Gi)?$'
              mode: { type: string, enum: [fast, slow] }
              labels: { type: object, additionalProperties: { type: string } }
              values: { type: object, x-kubernetes-preserve-unknown-fields: true }
              template: { type: object, x-kubernetes-embedded-resource: true, properties: { spec: { type: object, x-kubernetes-preserve-unknown-fields: true } } }
              empty: { type: object }
              tags: { type: array, x-kubernetes-list-type: set, items: { type: string } }
              note: { type: string, nullable: true }
              word: { type: string, pattern: '^\pL+$' }
              level: { type: string, pattern: '^(?i)(debug|info)$' }
              source:
                type: object
                properties: { git: { type: string }, oci: { type: string } }
                oneOf: [{ required: [git] }, { required: [oci] }]
              items:
                type: array
                items:
                  type: object
                  required: [name]
                  properties: { name: { type: string }, port: { type: integer, format: int32, minimum: 1 } }
`;

const DEFINITIONS = {
  definitions: {
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
      type: 'object',
      properties: { name: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
    },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object' },
    'io.k8s.example.v1.Gadget': {
      'type': 'object',
      'required': ['spec'],
      'properties': {
        apiVersion: { type: 'string' },
        kind: { type: 'string', enum: ['Gadget'] },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        spec: {
          type: 'object',
          properties: {
            port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
            data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
            raw: { $ref: '#/definitions/io.k8s.apimachinery.pkg.runtime.RawExtension' },
            since: { type: 'string', format: 'date-time' },
          },
        },
      },
      'x-kubernetes-group-version-kind': [{ group: 'example.dev', version: 'v1', kind: 'Gadget' }],
    },
  },
};

const ENV = ['HOMELAB_K8S_SCHEMA', 'HOMELAB_CRDS_DIR', 'HOMELAB_SCHEMA_CACHE'] as const;
let dir: string;
const saved: Partial<Record<(typeof ENV)[number], string>> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schema-rules-'));
  writeFileSync(join(dir, 'widgets.yaml'), WIDGET_CRD);
  writeFileSync(join(dir, 'definitions.json'), JSON.stringify(DEFINITIONS));
  for (const name of ENV) saved[name] = process.env[name];
  process.env.HOMELAB_K8S_SCHEMA = join(dir, 'definitions.json');
  process.env.HOMELAB_SCHEMA_CACHE = join(dir, 'cache');
});

afterAll(() => {
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  rmSync(dir, { recursive: true, force: true });
});

const widget = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'w' }) =>
  ({ apiVersion: 'example.dev/v1', kind: 'Widget', metadata, spec });

describe('CRD schemas are made strict', () => {
  let validator: SchemaValidator;
  beforeAll(() => {
    validator = createSchemaValidator({ crdDirs: [dir] });
  });

  test('a valid object passes, using maps, free-form and embedded fields', () => {
    expect(validator.validate(widget({
      size: '10Gi', mode: 'fast', labels: { 'any/key': 'v' }, values: { anything: { goes: [1, 2] } },
      template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { whatever: true } },
      note: null, word: 'héllo', level: 'INFO', source: { git: 'https://example.dev/repo.git' }, items: [{ name: 'a', port: 80 }],
    }))).toEqual([]);
    expect(validator.validate(widget({ size: 10, source: { oci: 'oci://x' } }))).toEqual([]);
  });

  test('unknown fields are named, at every depth and in declared-empty objects', () => {
    expect(validator.validate(widget({ size: 1, sise: 2, source: { git: 'g' }, items: [{ name: 'a', prot: 1 }], empty: { x: 1 } }))).toEqual([
      { field: 'spec', message: 'unknown field "sise"' },
      { field: 'spec.empty', message: 'unknown field "x"' },
      { field: 'spec.items[0]', message: 'unknown field "prot"' },
    ]);
    expect(validator.validate({ ...widget({ size: 1, source: { git: 'g' } }), status: {} })).toEqual([
      { field: '', message: 'unknown field "status"' },
    ]);
  });

  test('int-or-string, enum, pattern (incl. RE2-only syntax), nullable and format are enforced', () => {
    const violations = validator.validate(widget({
      size: true, mode: 'medium', word: 'abc1', level: 'trace', note: 3, source: { git: 'g' }, items: [{ name: 'a', port: 0 }, { name: 'b', port: 2 ** 31 }],
    }));
    expect(violations).toEqual([
      { field: 'spec.size', message: 'must be integer or string (got true)' },
      { field: 'spec.mode', message: 'must be one of "fast", "slow" (got "medium")' },
      { field: 'spec.note', message: 'must be string or null (got 3)' },
      { field: 'spec.word', message: 'must match pattern ^\\p{L}+$ (got "abc1")' },
      { field: 'spec.level', message: 'must match pattern ^([dD][eE][bB][uU][gG]|[iI][nN][fF][oO])$ (got "trace")' },
      { field: 'spec.items[0].port', message: 'must be >= 1 (got 0)' },
      { field: 'spec.items[1].port', message: 'must be a valid 32-bit integer (got 2147483648)' },
    ]);
    expect(validator.validate(widget({ size: 1, source: { git: 'g' }, tags: ['a', 'b', 'a'] }))).toEqual([
      { field: 'spec.tags', message: 'must not contain duplicates (items 0 and 2 are equal)' },
    ]);
    expect(validator.validate(widget({ size: '10 Gi', source: { git: 'g' } }))).toEqual([
      { field: 'spec.size', message: 'must match pattern ^[0-9]+(Mi|Gi)?$ (got "10 Gi")' },
    ]);
  });

  test('missing required fields and oneOf choices give one message each', () => {
    expect(validator.validate(widget({ items: [{}] }))).toEqual([
      { field: 'spec', message: 'missing required field "size"' },
      { field: 'spec.items[0]', message: 'missing required field "name"' },
    ]);
    expect(validator.validate(widget({ size: 1, source: {} }))).toEqual([
      { field: 'spec.source', message: 'must set exactly one of: "git", "oci"' },
    ]);
    expect(validator.validate(widget({ size: 1, source: { git: 'g', oci: 'o' } }))).toEqual([
      { field: 'spec.source', message: 'must match exactly one alternative, but matches 2' },
    ]);
  });

  test('metadata is ObjectMeta plus the CRD\'s own constraints', () => {
    expect(validator.validate(widget({ size: 1, source: { git: 'g' } }, { name: 'far-too-long-name', labels: { a: 1 }, nmae: 'x' }))).toEqual([
      { field: 'metadata', message: 'unknown field "nmae"' },
      { field: 'metadata.labels.a', message: 'must be string (got 1)' },
      { field: 'metadata.name', message: 'must be at most 10 characters long' },
    ]);
  });

  test('unserved versions and unknown kinds have no schema', () => {
    expect(validator.hasSchema('example.dev/v1', 'Widget')).toBe(true);
    expect(validator.hasSchema('example.dev/v1beta1', 'Widget')).toBe(false);
    expect(validator.validate({ apiVersion: 'example.dev/v1beta1', kind: 'Widget', metadata: { name: 'w' } })).toBeUndefined();
    expect(validator.validate({ apiVersion: 'example.dev/v1', kind: 'Sprocket' })).toBeUndefined();
  });

  test('an object without apiVersion or kind is invalid, not unknown', () => {
    expect(validator.validate({ metadata: { name: 'x' } })).toEqual([
      { field: '', message: 'missing required field "apiVersion"' },
      { field: '', message: 'missing required field "kind"' },
    ]);
  });
});

describe('core definitions', () => {
  const validator = () => createSchemaValidator({ crdDirs: [] });

  test('kinds are found through x-kubernetes-group-version-kind', () => {
    const v = validator();
    expect(v.hasSchema('example.dev/v1', 'Gadget')).toBe(true);
    expect(v.hasSchema('example.dev/v1', 'Widget')).toBe(false);
  });

  test('int-or-string, byte and date-time formats, free-form RawExtension', () => {
    const gadget = (spec: Record<string, unknown>) => ({ apiVersion: 'example.dev/v1', kind: 'Gadget', metadata: { name: 'g' }, spec });
    const v = validator();
    expect(v.validate(gadget({ port: 'http', data: { k: 'aGVsbG8=' }, raw: { any: 'thing' }, since: '2024-01-02T03:04:05Z' }))).toEqual([]);
    expect(v.validate(gadget({ port: 8080 }))).toEqual([]);
    expect(v.validate(gadget({ port: 1.5, data: { k: 'not base64!' }, since: 'yesterday' }))).toEqual([
      { field: 'spec.port', message: 'must be integer or string (got 1.5)' },
      { field: 'spec.data.k', message: 'must be a valid base64 string (got "not base64!")' },
      { field: 'spec.since', message: 'must be a valid RFC 3339 date-time (got "yesterday")' },
    ]);
    expect(v.validate({ apiVersion: 'example.dev/v1', kind: 'Gadget' })).toEqual([{ field: '', message: 'missing required field "spec"' }]);
  });
});

describe('compiled validators are cached', () => {
  test('a second validator loads generated code and V8 data and reports the same', () => {
    const bad = widget({ size: 'x', mode: 'medium', extra: 1, source: {} });
    const cold = createSchemaValidator({ crdDirs: [dir] }).validate(bad);
    const cached = readdirSync(join(dir, 'cache'));
    expect(cached.filter(f => f.endsWith('.js')).length).toBeGreaterThan(0);
    expect(cached.filter(f => f.endsWith('.v8')).length).toBeGreaterThan(0);
    const warm = createSchemaValidator({ crdDirs: [dir] }).validate(bad);
    expect(warm).toEqual(cold);
    expect(cold?.length).toBe(4);
  });

  test('a corrupt cache entry is recompiled', () => {
    for (const f of readdirSync(join(dir, 'cache')).filter(name => name.endsWith('.js'))) writeFileSync(join(dir, 'cache', f), 'this is not javascript(');
    expect(createSchemaValidator({ crdDirs: [dir] }).validate(widget({ size: 1, source: {} }))).toEqual([
      { field: 'spec.source', message: 'must set exactly one of: "git", "oci"' },
    ]);
  });
});

describe('RE2 patterns', () => {
  test('valid JavaScript patterns are kept as they are', () => {
    expect(translateGoRegExp('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')).toEqual({ source: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' });
  });

  test('Unicode classes, anchors, named groups and (?i) are translated', () => {
    expect(translateGoRegExp('^\\PC*$')).toEqual({ source: '^\\P{C}*$' });
    expect(translateGoRegExp('\\A(?P<v>[0-9]+)\\z')).toEqual({ source: '^(?<v>[0-9]+)$' });
    const ci = translateGoRegExp('(?i)^[a-c]x$').source!;
    expect(new RegExp(ci, 'u').test('BX')).toBe(true);
    expect(new RegExp(ci, 'u').test('dx')).toBe(false);
  });

  test('constructs without an equivalent are dropped with a reason', () => {
    expect(translateGoRegExp('(?s)a.b').dropped).toMatch(/\(\?s\)/);
    expect(translateGoRegExp('[[:alpha:]]+').dropped).toMatch(/POSIX/);
  });
});
