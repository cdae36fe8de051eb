import type { BadInput } from './cases';
import { raw, refusedAtW } from './lab';
import { widgetCrd, widgetSpecSchema } from './cases-apiserver-parity-19';

// Keywords of a hand-written CustomResourceDefinition's schema that the API server refuses: a pattern Go's regexp
// does not compile (a bracket left open, a lookahead, a backreference, in a field or in a branch of anyOf), an
// x-kubernetes-embedded-resource field that is no object, that has neither fields nor
// x-kubernetes-preserve-unknown-fields, or that is a map, and an int-or-string field that also keeps unknown fields.
// And validation rules that point where the API server does not follow: optionalOldSelf on a rule that never reads
// oldSelf, and a fieldPath to a field the schema does not have. JSON schema keywords apiextensions.k8s.io/v1 does
// not support (patternProperties, type null, a list of item schemas), and keyed or set lists of items the API
// server cannot tell apart: a map list of string items, keyed by no field of its items, by an object, by a field
// neither required nor defaulted, and a set of objects that are not atomic. And a CRD that keeps unknown fields the
// way of apiextensions.k8s.io/v1beta1 (spec.preserveUnknownFields), or a printer column of an unknown format or no name.

const SPEC = 'spec.versions[0].schema.openAPIV3Schema.properties[spec]';
const schema = (name: string, spec: Record<string, unknown>, field: string, hint: RegExp): BadInput =>
  refusedAtW(name, (c) => {
    raw(c, 'w', widgetSpecSchema(spec));
  }, `${SPEC}.${field}`, hint);
const withField = (node: Record<string, unknown>) => ({ type: 'object', properties: { a: node } });
const keyed = (items: Record<string, unknown>, keys: string[] = ['name']) => withField({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': keys, items });
const PORT = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } };
const crd = (name: string, spec: Record<string, unknown>, version: Record<string, unknown>, field: string, hint: RegExp): BadInput =>
  refusedAtW(name, (c) => {
    raw(c, 'w', widgetCrd(spec, version));
  }, field, hint);
const column = (extra: Record<string, unknown>) => ({ additionalPrinterColumns: [{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', ...extra }] });
const ruled = (rule: Record<string, unknown>) => ({
  type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } }, 'x-kubernetes-validations': [rule],
});

export const CASES: BadInput[] = [
  schema('a CRD schema pattern with a bracket left open', withField({ type: 'string', pattern: '^[a-z+$' }), 'properties[a].pattern', /RE2 syntax/),
  schema('a CRD schema pattern with a lookahead', withField({ type: 'string', pattern: '^(?!admin$)[a-z]+$' }), 'properties[a].pattern', /no lookarounds/),
  schema('a CRD schema pattern with a backreference', withField({ type: 'string', pattern: '^(a+)-\\1$' }), 'properties[a].pattern', /backreferences/),
  schema('a CRD schema pattern of a branch that does not compile', { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ properties: { a: { pattern: '(' } } }] },
    'anyOf[0].properties[a].pattern', /RE2 syntax/),
  schema('an embedded resource of type string', withField({ type: 'string', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true }), 'properties[a].type', /type: object/),
  schema('an embedded resource of no fields that keeps none', withField({ type: 'object', 'x-kubernetes-embedded-resource': true }), 'properties[a].properties', /x-kubernetes-preserve-unknown-fields: true/),
  schema('an embedded resource that is a map', withField({ type: 'object', 'x-kubernetes-embedded-resource': true, additionalProperties: { type: 'string' } }), 'properties[a].additionalProperties', /drop additionalProperties/),
  schema('an int-or-string field that keeps unknown fields', withField({ 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true }),
    'properties[a].x-kubernetes-preserve-unknown-fields', /integer or a string/),
  schema('optionalOldSelf on a rule that does not read oldSelf', ruled({ rule: 'self.min <= self.max', optionalOldSelf: true }), 'x-kubernetes-validations[0].optionalOldSelf', /oldSelf\.hasValue\(\)/),
  schema('a rule fieldPath to a field the schema does not have', ruled({ rule: 'self.min <= self.max', fieldPath: '.maximum' }), 'x-kubernetes-validations[0].fieldPath', /a field it has: \.max/),
  schema('a rule fieldPath under a field of no such child', { type: 'object', properties: { limits: { type: 'object', properties: { max: { type: 'integer' } } } },
    'x-kubernetes-validations': [{ rule: 'self.limits.max > 0', fieldPath: ".limits['min']" }] }, 'x-kubernetes-validations[0].fieldPath', /\.limits\.max/),
  schema('a CRD schema of patternProperties', withField({ type: 'object', patternProperties: { '^x-': { type: 'string' } } }), 'properties[a].patternProperties', /additionalProperties/),
  schema('a CRD schema field of type null', withField({ type: 'null' }), 'properties[a].type', /nullable: true/),
  schema('a CRD schema array of a list of item schemas', withField({ type: 'array', items: [{ type: 'string' }, { type: 'integer' }] }), 'properties[a].items', /one schema/),
  schema('a map list of string items', keyed({ type: 'string' }), 'properties[a].items.type', /type: object/),
  schema('a map list keyed by no field of its items', keyed(PORT, ['id']), 'properties[a].x-kubernetes-list-map-keys', /\(name, port\)/),
  schema('a map list keyed by an object', keyed({ type: 'object', required: ['ref'], properties: { ref: { type: 'object', properties: { name: { type: 'string' } } } } }, ['ref']),
    'properties[a].items.properties[ref].type', /string, integer or boolean/),
  schema('a map list keyed by a field neither required nor defaulted', keyed({ ...PORT, required: [] }), 'properties[a].items.properties[name].default', /required/),
  schema('a set list of objects that are not atomic', withField({ type: 'array', 'x-kubernetes-list-type': 'set', items: PORT }), 'properties[a].items.x-kubernetes-map-type', /atomic/),
  crd('a CRD that keeps unknown fields by spec.preserveUnknownFields', { preserveUnknownFields: true }, {}, 'spec.preserveUnknownFields', /x-kubernetes-preserve-unknown-fields: true/),
  crd('a printer column of an unknown format', {}, column({ format: 'number' }), 'spec.versions[0].additionalPrinterColumns[0].format', /int32/),
  crd('a printer column of an empty name', {}, column({ name: '' }), 'spec.versions[0].additionalPrinterColumns[0].name', /header/),
];
