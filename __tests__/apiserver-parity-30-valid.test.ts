import { leaseWith, RATIO } from './bad-input/cases-apiserver-parity-30';
import { ruledWidget } from './bad-input/cases-apiserver-parity-25';
import { labErrors } from './support/lab-errors';

// What a 1.30 API server decodes beside what it refuses: a MicroTime with six digits of fraction, in UTC or
// with an offset. And CRD rules that evaluate on the object: conversions of values that convert, divisions and
// indexes guarded by the condition they need, a quantity that parses, verbs given values of their type, and an
// error that the other side of || or && decides past, as CEL's logic does.

test('a Lease held at times of six digits of microseconds is accepted', () => {
  expect(labErrors(leaseWith({
    holderIdentity: 'web-0', leaseDurationSeconds: 15, acquireTime: '2024-05-01T10:00:00.000000Z', renewTime: '2024-05-01T12:00:05.123456+02:00',
  }))).toEqual([]);
});

test('CRD rules that evaluate without an error on the object are accepted', () => {
  const TEXT = { type: 'string' };
  for (const build of [
    ruledWidget(TEXT, "self.matches('^-?[0-9]+$') && int(self) <= 10", '10'),
    ruledWidget(TEXT, "int(self) <= 10 || self == 'ten'", 'ten'),
    ruledWidget(RATIO, 'self.d == 0 || self.n % self.d == 0', { n: 4, d: 0 }),
    ruledWidget({ type: 'array', items: TEXT }, "size(self) < 2 || self[1] != ''", ['a']),
    ruledWidget(TEXT, "isQuantity(self) && quantity(self).isLessThan(quantity('10Gi'))", '5Gi'),
    ruledWidget({ type: 'object', properties: { name: TEXT, n: { type: 'integer' } } }, "'%s-%d'.format([self.name, self.n]) != ''", { name: 'web', n: 2 }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});
