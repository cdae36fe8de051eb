import { HomelabApp } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { replicaPolicy } from './cases-apiserver-parity-18';
import { widgetSpecSchema } from './cases-apiserver-parity-19';
import { ruledWidget } from './cases-apiserver-parity-25';
import { refusedCrd, RULE } from './cases-apiserver-parity-27';
import { besideWeb, guarded, raw, refusedAtW } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before. CEL a 1.30 API server's type check refuses:
// an equality of an int with a double or a uint (CrossTypeNumericComparisons gives <, <=, > and >= across number
// types, but == and != and `in` take one type), whether the types are a field's (a number field compared with 0)
// or evident without a schema (1 == 1.0, size(self) == 1.0), and likewise arithmetic of two types (an integer field
// times 0.5, size(self) / 2.0, a string field plus a number), and a string field's function given a constant of a
// type it does not take (startsWith(1), charAt('a')); and null beside a string, as a field of a string, a
// number or a list compared with null, or a literal holding null and a string (its check of literals asks for one
// type exactly). And a regular expression repeating by a count above 1000, which RE2 and Go's regexp refuse
// ("invalid repeat count"): a CRD schema's pattern, a CRD rule's matches() constant, a route's header regex.
// And CRD rules whose cost, as the API server estimates it from the largest values the schema allows, times the
// times the rule may run in an object, is above the 10,000,000 it allows a rule: a walk of a list without maxItems
// inside another, matches() on strings without maxLength in such a walk, or on each item of a list without maxItems.
// And a ServiceAccount's secrets, which server-side apply keys by name: an entry naming none, a name listed twice.

const TEXT = { type: 'string' };
const WORDS = { type: 'array', items: TEXT };
const COST = /estimated rule cost exceeds budget/;
/** A ServiceAccount `w` in namespace web listing `secrets`. */
const accountWith = (secrets: unknown[]) => besideWeb({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'w', namespace: 'web' }, secrets });
const NAMED = { type: 'object', required: ['name'], properties: { name: TEXT } };
const NUMBER = { type: 'number' };
const INTEGER = { type: 'integer' };
const policyOf = (expression: string) => besideWeb(replicaPolicy({ validations: [{ expression }] }));
const POLICY = 'spec.validations[0].expression';
const EQUALITY = /equality takes two values of one type/;
/** The lab's web app, routed by a header regex `value`. */
const headerRoute = (value: string) => guarded((c: ClusterChart) => new HomelabApp(c, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
  route: { host: 'web', rules: [{ headers: [{ name: 'X-Tenant', value, type: 'RegularExpression' }] }] },
}));

export const CASES: BadInput[] = [
  refusedCrd('a CRD rule comparing a number field with 0', ruledWidget(NUMBER, 'self != 0', 0.5), RULE(), /0\.0, 1\.0/, /compares a double with an int/),
  refusedCrd('a CRD rule comparing a nested number field with an int', ruledWidget({ type: 'object', properties: { ratio: NUMBER } }, 'self.ratio == 1', { ratio: 1 }), RULE(), /double\(x\) == 1\.0/, EQUALITY),
  refusedCrd('a CRD rule comparing a count with a double', ruledWidget(INTEGER, 'self == 3.0', 3), RULE(), /0, 1/, /an int with a double/),
  refusedCrd('a CRD rule comparing a count with a uint', ruledWidget(INTEGER, 'self != 0u', 3), RULE(), undefined, /an int with a uint/),
  refusedCrd('a CRD rule looking for a number field among ints', ruledWidget(NUMBER, 'self in [0, 1]', 1), RULE(), undefined, /looks for a double in a list holding an int/),
  refusedCrd('a CRD rule comparing a size with a double', ruledWidget(TEXT, 'size(self) == 3.0', 'abc'), RULE(), /0, 1/, /an int with a double by ==/),
  refusedCrd('a CRD rule comparing a string field with null', ruledWidget({ type: 'object', properties: { name: TEXT } }, 'self.name != null', { name: 'a' }), RULE(), /has\(\)/, /a string with null/),
  refusedCrd('a CRD rule comparing a list with null', ruledWidget({ type: 'array', items: TEXT }, 'self != null', ['a']), RULE(), /has\(\)/, /a list with null/),
  refusedCrd('a CRD rule of a list literal of null and a string', ruledWidget(TEXT, "self in [null, 'auto']", 'auto'), RULE(), /leave the null out/, /null and a string/),
  refusedCrd('a CRD rule of a map literal of null and a string', ruledWidget(TEXT, "{'a': null, 'b': 'auto'}[self] != ''", 'b'), RULE(), /leave the null out/),
  {
    name: 'an admission policy validation comparing an int with a double', build: policyOf('1 == 1.0 || object.spec.replicas <= 5'),
    layer: 'schema', path: 'w', field: POLICY, hint: /only <, <=, > and >= compare numbers of two types/,
  },
  { name: 'an admission policy validation comparing a name size with a double', build: policyOf('size(object.metadata.name) != 0.0'), layer: 'schema', path: 'w', field: POLICY, message: EQUALITY },
  refusedCrd('a CRD rule matching a pattern that repeats more than 1000 times', ruledWidget(TEXT, "self.matches('^[a-f0-9]{1,4096}$')", 'ab'), RULE(), /1000 at most/, /invalid repeat count/),
  refusedAtW('a CRD schema pattern that repeats more than 1000 times', (c) => { raw(c, 'w', widgetSpecSchema({ type: 'object', properties: { key: { type: 'string', pattern: '^[A-Za-z0-9+/]{2000}$' } } })); },
    'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[key].pattern', /maxLength/),
  { name: 'a header regex that repeats more than 1000 times', build: headerRoute('^[a-z]{1,5000}$'), layer: 'props', path: 'web', field: 'route.rules[0].headers[0].value', message: /invalid repeat count/ },
  refusedCrd('a CRD rule comparing every item of a list without maxItems with every other', ruledWidget(WORDS, 'self.all(x, self.exists_one(y, y == x))', ['a']), RULE(), /maxItems/, COST),
  refusedCrd('a CRD rule of unique names walking a list of objects without maxItems twice', ruledWidget({ type: 'array', items: NAMED }, 'self.all(a, self.all(b, a == b || a.name != b.name))', [{ name: 'a' }]), RULE(), /maxItems: 64/, COST),
  refusedCrd('a CRD rule matching every item of a list of strings without maxLength', ruledWidget(WORDS, "self.all(x, x.matches('^[a-z0-9-]+$'))", ['a']), RULE(), /maxLength/, /costs at least/),
  refusedCrd('a CRD rule matching each item of a list without maxItems', ruledWidget({ type: 'array', items: { type: 'string', maxLength: 63, 'x-kubernetes-validations': [{ rule: "self.matches('^[a-z0-9-]+$')" }] } }, 'true', ['a']),
    'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[x].items.x-kubernetes-validations[0].rule', /the lists above the rule/, /times the 1,048,576 values of its schema/),
  refusedAtW('a ServiceAccount secrets entry that names no Secret', accountWith([{}]), 'secrets[0].name', /drop the entry/),
  refusedAtW('a ServiceAccount listing one Secret twice', accountWith([{ name: 'registry-token' }, { name: 'registry-token' }]), 'secrets[1].name', /list each Secret once/),
  refusedCrd('a CRD rule multiplying a count by a fraction', ruledWidget({ type: 'object', properties: { replicas: INTEGER } }, 'self.replicas * 0.5 <= 10.0', { replicas: 4 }), RULE(), /double\(self\.replicas\) \* 0\.5/, /multiplies an int and a double/),
  refusedCrd('a CRD rule dividing a size by a double', ruledWidget(TEXT, 'size(self) / 2.0 < 8.0', 'abc'), RULE(), undefined, /divides an int and a double.*arithmetic takes two values of one type/),
  refusedCrd('a CRD rule adding a number to a text field', ruledWidget({ type: 'object', properties: { host: TEXT } }, "self.host + 1 != ''", { host: 'a' }), RULE(), /string\(self\.port\)/, /adds a string and an int/),
  refusedCrd('a CRD rule testing a text field with startsWith of a number', ruledWidget({ type: 'object', properties: { version: TEXT } }, 'self.version.startsWith(1)', { version: '1.2' }), RULE(), /startsWith\('1'\)/, /an int as argument 1/),
  refusedCrd('a CRD rule reading a character at a quoted position', ruledWidget(TEXT, "self.charAt('0') != '-'", 'web'), RULE(), /charAt\(0\)/, /takes an int/),
];
