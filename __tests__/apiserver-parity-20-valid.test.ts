import { widgetCrd, widgetSpecSchema } from './bad-input/cases-apiserver-parity-19';
import { raw } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What the API server takes beside what it refuses: patterns in RE2 syntax (the (?i) flag, Unicode classes and
// named groups of Go's regexp among them), embedded resources that are objects keeping unknown fields or giving
// their own, and int-or-string fields; transition rules of optionalOldSelf, and rules whose fieldPath names a field
// of their schema; printer columns of each format the API server knows; map lists keyed by required or defaulted
// scalar fields, and sets of scalars and atomic objects.

test('a CRD schema of RE2 patterns, embedded resources and int-or-string fields is accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'w', widgetSpecSchema({
      type: 'object',
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
        mode: { type: 'string', pattern: '(?i)^(fast|safe)$' },
        title: { type: 'string', pattern: '^\\pL+$' },
        version: { type: 'string', pattern: '^v(?P<major>[0-9]+)$' },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        target: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { kind: { type: 'string' }, apiVersion: { type: 'string' } } },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
      },
      anyOf: [{ properties: { name: { pattern: '^lab-' } } }, { required: ['mode'] }],
    }));
  })).toEqual([]);
});

test('transition rules of optionalOldSelf and rules whose fieldPath names a field, a nested one or a map key are accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'w', widgetSpecSchema({
      type: 'object',
      properties: {
        size: { type: 'integer' },
        limits: { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
      'x-kubernetes-validations': [
        { rule: '!oldSelf.hasValue() || self.size >= oldSelf.value().size', optionalOldSelf: true, message: 'size cannot shrink', fieldPath: '.size' },
        { rule: 'self.limits.min <= self.limits.max', fieldPath: ".limits['max']" },
        { rule: "!has(self.labels) || !('app.kubernetes.io/name' in self.labels) || self.labels['app.kubernetes.io/name'] != ''", fieldPath: ".labels['app.kubernetes.io/name']" },
      ],
    }));
  })).toEqual([]);
});

test('map lists keyed by required or defaulted scalar fields, and sets of scalars and of atomic objects, are accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'w', widgetSpecSchema({
      type: 'object',
      properties: {
        ports: {
          type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port', 'protocol'],
          items: { type: 'object', required: ['port'], properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' }, name: { type: 'string' } } },
        },
        tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        peers: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { host: { type: 'string' } } } },
        note: { type: 'string', nullable: true },
      },
    }));
  })).toEqual([]);
});

test('printer columns of every format the API server knows are accepted', () => {
  const formats = ['int32', 'int64', 'float', 'double', 'byte', 'date', 'date-time', 'password'];
  expect(labErrors((c) => {
    raw(c, 'w', widgetCrd({ preserveUnknownFields: false }, {
      additionalPrinterColumns: formats.map((format) => ({ name: `As ${format}`, type: format.startsWith('date') ? 'date' : 'string', format, jsonPath: '.spec.replicas' })),
    }));
  })).toEqual([]);
});
