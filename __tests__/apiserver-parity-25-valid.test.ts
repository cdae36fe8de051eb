import { annotatedPods, ruledWidget, windowWidget } from './bad-input/cases-apiserver-parity-25';
import { labErrors } from './support/lab-errors';

// What the API server takes beside what it refuses: custom resources that keep their CRD's rules calling the
// Kubernetes CEL libraries, the values compared as CEL compares them (an int and a double of one value are
// equal, a list of repeats is sorted, Go leaves out an empty match right after another), and the strings
// library's own indexOf still read on text; rules on date-times, dates, durations, bytes and numbers kept as
// the API server reads them, and a date-time no CEL timestamp reads left to the API server. And pod deletion costs the API server reads, to the ends of the
// 32-bit range, and the mirror-pod annotation beside the node the pods are bound to.

const NUMBERS = { type: 'array', items: { type: 'integer' } };
const WORDS = { type: 'array', items: { type: 'string' } };
const TEXT = { type: 'string' };

test('custom resources that keep their CRD rules of the lists library are accepted', () => {
  for (const build of [
    ruledWidget(NUMBERS, 'self.isSorted()', [1, 2, 2, 3]),
    ruledWidget(NUMBERS, 'self.isSorted()', []),
    ruledWidget(WORDS, 'self.isSorted()', ['alpha', 'beta', 'beta']),
    ruledWidget(NUMBERS, 'self.sum() <= 100', [60, 40]),
    ruledWidget(NUMBERS, 'self.sum() == 0', []),
    ruledWidget(NUMBERS, 'self.min() >= 1 && self.max() <= 10', [1, 10, 5]),
    ruledWidget({ type: 'array', items: { type: 'number' } }, 'self.sum() <= 1.0', [0.25, 0.75]),
    ruledWidget(WORDS, "self.indexOf('primary') == 0", ['primary', 'backup']),
    ruledWidget(WORDS, "self.indexOf('primary') == self.lastIndexOf('primary')", ['primary', 'backup']),
    ruledWidget(WORDS, "self.indexOf('absent') == -1", ['primary']),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('custom resources that keep their CRD rules of the regex library and the sets extension are accepted', () => {
  for (const build of [
    ruledWidget(TEXT, "self.find('[A-Z]') == ''", 'backup-nightly'),
    ruledWidget(TEXT, "self.find('[0-9]+') == '123'", 'abc 123 456'),
    ruledWidget(TEXT, "self.findAll('[0-9]*') == ['123', '', '', '', '', '456']", '123 abc 456'),
    ruledWidget(TEXT, "self.findAll('[0-9]+', 1) == ['1']", 'v1.2.3'),
    ruledWidget(TEXT, "size(self.findAll('[0-9]+', 0)) == 0", 'v1.2.3'),
    ruledWidget(WORDS, "sets.contains(self, ['read'])", ['write', 'read']),
    ruledWidget(WORDS, "!sets.intersects(self, ['admin', 'root'])", ['read', 'write']),
    ruledWidget(WORDS, "sets.equivalent(self, ['read', 'write'])", ['write', 'read', 'read']),
    ruledWidget(NUMBERS, 'sets.contains(self, [1.0])', [1, 2]),
    ruledWidget(TEXT, "self.indexOf('-') == 6", 'backup-nightly'),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('pod deletion costs of 32-bit whole numbers and a mirror-pod annotation beside a node are accepted', () => {
  for (const cost of ['-100', '0', '100', '2147483647', '-2147483648', '-007']) {
    expect(labErrors(annotatedPods({ 'controller.kubernetes.io/pod-deletion-cost': cost }))).toEqual([]);
  }
  expect(labErrors(annotatedPods({ 'kubernetes.io/config.mirror': '8c6a7f5e' }, { nodeName: 'gpu1' }))).toEqual([]);
});

test('custom resources that keep their CRD rules on timestamps, durations, bytes and doubles are accepted', () => {
  for (const build of [
    ruledWidget({ type: 'string', format: 'date-time' }, "self < timestamp('2030-01-01T00:00:00Z')", '2029-06-01T00:00:00Z'),
    ruledWidget({ type: 'string', format: 'date-time' }, 'self.getFullYear() == 2024', '2024-05-01T10:00:00+02:00'),
    windowWidget({ start: '2024-01-01T00:00:00Z', end: '2024-02-01T00:00:00Z' }),
    ruledWidget({ type: 'string', format: 'date' }, "self >= timestamp('2024-01-01T00:00:00Z')", '2024-01-01'),
    ruledWidget({ type: 'string', format: 'duration' }, "self <= duration('1h')", '1h'),
    ruledWidget({ type: 'string', format: 'byte' }, 'size(self) <= 4', 'YWJj'),
    ruledWidget({ type: 'number' }, 'self / 2.0 <= 1.0', 2),
    ruledWidget({ type: 'number' }, 'self == 2.0', 2),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});
