import Ajv from 'ajv';
import { shareRepeatedSubschemas } from '../../constructs/validation/schema/shared-subschemas';

// A container-like subschema, repeated as CRDs repeat them (containers and initContainers, a template per generator).
const container = {
  type: 'object', required: ['name'], additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 63 },
    image: { type: 'string' },
    ports: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { containerPort: { type: 'integer', minimum: 1 }, name: { type: 'string' } } } },
    env: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, value: { type: 'string' } } } },
  },
};

const schema = {
  type: 'object', additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' }, kind: { type: 'string' },
    spec: {
      type: 'object', additionalProperties: false,
      properties: {
        containers: { type: 'array', items: container },
        // The same tree with its keys in another order is the same subschema.
        initContainers: { type: 'array', maxItems: 5, items: { properties: container.properties, additionalProperties: false, required: ['name'], type: 'object' } },
        sidecar: { anyOf: [container, { type: 'string' }] },
      },
    },
  },
  definitions: { untouched: { ...container } },
};

function errorsOf(compiled: Record<string, unknown>, data: unknown): string[] {
  const validate = new Ajv({ allErrors: true, strict: false, inlineRefs: false }).compile(compiled);
  validate(data);
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`).sort();
}

test('a repeated subschema is written once under definitions and referenced where it was', () => {
  const shared = shareRepeatedSubschemas(schema, 4);
  const spec = (shared.properties as any).spec.properties;
  expect(spec.containers.items).toEqual({ $ref: '#/definitions/shared-0' });
  expect(spec.initContainers.items).toEqual({ $ref: '#/definitions/shared-0' });
  expect((shared.definitions as any)['shared-0']).toEqual(container);
  // An alternative stays inline: its failures are told apart by their schema paths.
  expect(spec.sidecar).toEqual(schema.properties.spec.properties.sidecar);
  // What is inside a shared subschema is not shared again when it occurs only there; the definitions the
  // schema had are kept as they were, and the input is not changed.
  expect(Object.keys(shared.definitions as object)).toEqual(['untouched', 'shared-0']);
  expect((shared.definitions as any).untouched).toEqual(container);
  expect(schema.properties.spec.properties.containers.items).toBe(container);
});

test('small subschemas and those that occur once stay inline', () => {
  expect(shareRepeatedSubschemas(schema, 1000)).toBe(schema);
  const once = { type: 'object', properties: { a: container, b: { type: 'string' }, c: { type: 'string' } } };
  expect(shareRepeatedSubschemas(once)).toBe(once);
});

test('validation gives the same violations at the same instance paths', () => {
  const shared = shareRepeatedSubschemas(schema, 4);
  const inputs = [
    { spec: { containers: [{ name: 'web', image: 'nginx' }], initContainers: [{ name: 'init' }] } },
    { spec: { containers: [{ image: 'nginx', ports: [{ containerPort: 0, nme: 'x' }] }], initContainers: [{ name: 7, env: [{ name: 'A', value: 1 }] }] } },
    { spec: { containers: 'web', initContainers: [{ name: 'x'.repeat(64), extra: true }], sidecar: { name: 3 } } },
    { spec: { sidecar: 'ok', unknown: 1 } },
  ];
  for (const input of inputs) {
    expect(errorsOf(shared, input)).toEqual(errorsOf(schema, input));
  }
  expect(errorsOf(shared, inputs[1]).length).toBeGreaterThan(3);
});
