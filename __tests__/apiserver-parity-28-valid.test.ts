import { replicaPolicy } from './bad-input/cases-apiserver-parity-18';
import { ruledWidget } from './bad-input/cases-apiserver-parity-25';
import { claimTemplated, CONFIG_MAP, EMBEDDED_CONFIG_MAP, rootRuledWidget } from './bad-input/cases-apiserver-parity-28';
import { besideWeb } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What a 1.30 API server compiles beside what it refuses: Kubernetes' own list functions, the strings library of
// version 2, RE2 patterns (inline flags, escapes, named groups), Go durations and RFC 3339 timestamps, literals of
// one type (a variable beside a constant). And an ephemeral claim template labelled and annotated
// with keys and values the API server takes. Rules that use fields as the types their schema gives. And rules of an object's own schema reading its apiVersion, kind, name
// and generateName.

const TEXT = { type: 'string' };
const WORDS = { type: 'array', items: TEXT };

test('CEL a 1.30 API server compiles is accepted', () => {
  for (const build of [
    ruledWidget({ ...WORDS, maxItems: 16 }, "self.isSorted() && self.indexOf('a') == self.lastIndexOf('a') && self.all(x, self.exists_one(y, y == x))", ['a', 'b']),
    ruledWidget(TEXT, "self.lowerAscii() == self && self.charAt(0) != '-' && '%s!'.format([self]) != '' && ['a', self].join(',') != ''", 'web'),
    ruledWidget(TEXT, "self.matches('(?i)^[a-z][a-z0-9-]*$') && !self.matches('^(?P<word>admin)$') && self.matches('^\\\\w+')", 'Web'),
    ruledWidget(TEXT, "duration(self) <= duration('1h30m') && duration('-1.5h') < duration('0') && duration('500ms') > duration('.5us')", '15m'),
    ruledWidget(TEXT, "timestamp(self) > timestamp('2024-01-01T00:00:00Z') && timestamp('2024-06-30T12:00:00.5+02:00') < timestamp(self)", '2025-01-01T00:00:00Z'),
    ruledWidget(TEXT, "self in ['auto', self] && [null, null].size() == 2 && {'a': 1, 'b': 2}.size() == 2 && [1.0, 2.5].size() == 2", 'auto'),
    // An object's own schema: its apiVersion, kind, name and generateName, at the root and of an embedded object.
    rootRuledWidget("self.kind == 'Widget' && self.apiVersion.startsWith('lab.example/') && self.metadata.name.startsWith('w') && self.metadata.generateName == ''"),
    ruledWidget(EMBEDDED_CONFIG_MAP, "self.kind == 'ConfigMap' && self.metadata.name != ''", CONFIG_MAP),
    // Fields used as their types: a timestamp and a duration compared as such, bytes by size, numbers across types,
    // an int-or-string field as either.
    ruledWidget({ type: 'object', properties: { at: { type: 'string', format: 'date-time' }, every: { type: 'string', format: 'duration' }, key: { type: 'string', format: 'byte' }, share: { type: 'number' } } },
      "self.at > timestamp('2024-01-01T00:00:00Z') && self.every <= duration('1h') && size(self.key) < 64 && self.share <= 1 && string(self.at).startsWith('20')",
      { at: '2024-05-01T00:00:00Z', every: '5m', key: 'YQ==', share: 0.5 }),
    ruledWidget({ 'x-kubernetes-int-or-string': true }, "type(self) == string ? self.endsWith('%') : self >= 0", '50%'),
    besideWeb(replicaPolicy({ validations: [{ expression: "object.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')" }] })),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test("an ephemeral claim template's labels and annotations of keys the API server takes are accepted", () => {
  expect(labErrors(claimTemplated({
    labels: { 'app.kubernetes.io/name': 'web', tier: 'fast_disk.1' }, annotations: { 'Lab.Example/Backup-Policy': 'nightly, kept 7 days' },
  }))).toEqual([]);
});
