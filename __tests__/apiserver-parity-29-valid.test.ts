import { replicaPolicy } from './bad-input/cases-apiserver-parity-18';
import { widgetSpecSchema } from './bad-input/cases-apiserver-parity-19';
import { ruledWidget } from './bad-input/cases-apiserver-parity-25';
import { besideWeb, raw } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What a 1.30 API server compiles beside what it refuses: numbers of two types ordered (<, <=, >, >=), compared
// equal or computed with once one side is converted, or written as the field's type; text joined with text, a
// timestamp plus a duration; a string's functions given text and positions as they take them; null compared with what may be null (an object,
// a timestamp, a field marked nullable); a list of one type; mixed values given to format(), whose literals the
// check leaves out. And patterns repeating by a count of 1000, the most RE2 takes, or by braces that are escaped
// or inside a class. And rules walking lists and matching strings whose maxItems and maxLength keep the estimated cost
// within the API server's budget, and one matching a single string of no maxLength, which stays within it. And a
// ServiceAccount listing Secrets by distinct names.

const TEXT = { type: 'string' };

test('equalities and orderings of the types CEL compares are accepted', () => {
  for (const build of [
    ruledWidget({ type: 'number' }, 'self >= 0 && self < 1 && self != 0.0 && self in [0.5, 1.0]', 0.5),
    ruledWidget({ type: 'integer' }, 'self <= 3.5 && self > 0u && self == 3 && double(self) == 3.0 && dyn(self) == 3', 3),
    ruledWidget(TEXT, "size(self) == 3 && double(size(self)) != 0.5 && self in ['abc', 'def']", 'abc'),
    ruledWidget(TEXT, "self.startsWith('a') && self.charAt(0) == 'a' && self.indexOf('b', 1) == 1 && self.substring(0, 2) == 'ab' && self.split('b', 2).size() == 2 && self.replace('a', 'b', 1) != '' && size(self.findAll('[a-z]', 2)) == 2", 'abc'),
    ruledWidget({ type: 'object', properties: { inner: { type: 'object', properties: { a: TEXT } }, at: { type: 'string', format: 'date-time' }, note: { type: 'string', nullable: true } } },
      'self.inner != null && self.at != null && self.note != null', { inner: { a: 'x' }, at: '2024-01-01T00:00:00Z', note: 'n' }),
    ruledWidget(TEXT, "'%s has %d items'.format([self, 3]) != '' && [null, null].size() == 2", 'abc'),
    besideWeb(replicaPolicy({ validations: [{ expression: 'object.spec.replicas <= 5.0 && size(object.metadata.name) < 64.0' }] })),
    ruledWidget({ type: 'object', properties: { host: TEXT, port: { type: 'integer' }, ratio: { type: 'number' }, at: { type: 'string', format: 'date-time' } } },
      "self.host + ':' + string(self.port) != '' && self.port * 2 > 0 && self.ratio * 0.5 < 10.0 && double(self.port) / 2.0 > 0.0 && self.at + duration('1h') > self.at",
      { host: 'a', port: 2, ratio: 1, at: '2024-01-01T00:00:00Z' }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('patterns repeating by 1000 at most, or by braces that repeat nothing, are accepted', () => {
  expect(labErrors(ruledWidget(TEXT, "self.matches('^[a-f0-9]{1,1000}$') && !self.matches('\\\\{2000\\\\}') && !self.matches('[{2000}]')", 'ab'))).toEqual([]);
  expect(labErrors((c) => {
    raw(c, 'w', widgetSpecSchema({ type: 'object', properties: { key: { type: 'string', pattern: '^[a-z]{0,1000}$' } } }));
  })).toEqual([]);
});

test('rules whose estimated cost the bounds of their schema keep within budget are accepted', () => {
  const bounded = { type: 'array', maxItems: 64, items: { type: 'string', maxLength: 63 } };
  for (const build of [
    ruledWidget(bounded, "self.all(x, self.exists_one(y, y == x) && x.matches('^[a-z0-9-]+$'))", ['a', 'b']),
    ruledWidget({ type: 'array', maxItems: 64, items: { type: 'string', maxLength: 63, 'x-kubernetes-validations': [{ rule: "self.matches('^[a-z0-9-]+$')" }] } }, 'size(self) >= 0', ['a']),
    ruledWidget(TEXT, "self.matches('^[a-z0-9-]+$')", 'web'),
    ruledWidget({ type: 'array', items: TEXT }, 'size(self) <= 10', ['a']),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('a ServiceAccount listing each of its Secrets once by name is accepted', () => {
  expect(labErrors(besideWeb({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'w', namespace: 'web' }, secrets: [{ name: 'registry-token' }, { name: 'deploy-token' }] }))).toEqual([]);
});
