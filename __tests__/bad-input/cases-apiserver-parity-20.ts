import type { BadInput } from './cases';
import { raw, refusedAtW } from './lab';
import { widgetSpecSchema } from './cases-apiserver-parity-19';

// Keywords of a hand-written CustomResourceDefinition's schema that the API server refuses: a pattern Go's regexp
// does not compile (a bracket left open, a lookahead, a backreference, in a field or in a branch of anyOf), an
// x-kubernetes-embedded-resource field that is no object, that has neither fields nor
// x-kubernetes-preserve-unknown-fields, or that is a map, and an int-or-string field that also keeps unknown fields.
// And validation rules that point where the API server does not follow: optionalOldSelf on a rule that never reads
// oldSelf, and a fieldPath to a field the schema does not have.

const SPEC = 'spec.versions[0].schema.openAPIV3Schema.properties[spec]';
const schema = (name: string, spec: Record<string, unknown>, field: string, hint: RegExp): BadInput =>
  refusedAtW(name, (c) => {
    raw(c, 'w', widgetSpecSchema(spec));
  }, `${SPEC}.${field}`, hint);
const withField = (node: Record<string, unknown>) => ({ type: 'object', properties: { a: node } });
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
];
