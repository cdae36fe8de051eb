import { dump } from 'js-yaml';
import { defineFleet } from '../../bench/fleet';
import { layoutClusterFiles, renderClusterFiles } from '../../constructs/synth/render';
import { toYamlDocument, toYamlStream } from '../../constructs/synth/yaml';
import { sitesInMemory, synthInMemory } from '../support/synth';

// The fast emitter promises output byte-identical to js-yaml's dump with the options synth used
// before it. These tests hold it to that on everything synth emits and on strings chosen to hit
// every quoting rule.

const reference = (value: unknown) => dump(value, { noRefs: true, lineWidth: -1 });

/** Puts `value` in every position the emitter treats differently: value, key, list item, nesting. */
function positions(value: unknown): unknown[] {
  const key = typeof value === 'string' ? value : String(value);
  return [
    { value },
    { [key]: 'x' },
    { [key]: { [key]: value } },
    { list: [value, [value], { inner: value }] },
    { deep: { deeper: { deepest: [{ value, other: [value] }] } } },
  ];
}

const TRICKY_STRINGS = [
  '', ' ', '  ', '\t', 'a b', 'a  b', ' a', 'a ', '\ta', 'a\tb',
  // YAML 1.1 and 1.2 words that a plain scalar would turn into something else.
  'yes', 'Yes', 'YES', 'no', 'No', 'on', 'On', 'off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'True', 'FALSE',
  'null', 'Null', 'NULL', '~', '<<', '=',
  // Numbers, in every base and form either schema knows, and things that only look like them.
  '0', '-0', '+1', '0755', '0o17', '0x1F', '0b101', '1_000', '1e3', '1E+3', '1.5', '.5', '5.', '-.inf', '.Inf',
  '.NaN', '12:30', '-1:20', '190:20:30.15', '1.2.3', '192.168.8.50', '6.7.1', '1Gi', '100m', '0.107.57',
  // Timestamps.
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5',
  // Indicators at the start, `: ` and ` #` inside, and flow characters.
  '-', '- a', '-a', '?', '? a', '?a', ':', ':a', 'a:', 'a: b', 'a:b', '#a', 'a #b', 'a#b', '@a', '`a', '%a', '!a',
  '&a', '*a', '|', '>', '{a}', '[a]', 'a,b', 'a, b', '"a"', "'a'", "a'b", 'a"b', 'a\\b', '---', '...', '--- a',
  // Colons and hashes inside words, and words of other characters, which a linear test judges plain.
  'a::b', 'a::', 'a:: b', 'a:#b', 'a::#', 'a #b:c', 'a b:c', 'a :b', 'a ::b', 'a : b', 'a:b #c', 'a#b c#d', 'a  b:c',
  'ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]', '$(a) ~/b', '<a>=b', 'a"b \'c', 'é:é', 'é é', '日本 語:x',
  '\ue000a', 'a\ufffd', 'a\ud83d\ude00', '\ud83d\ude00a', 'a\ud800b', 'é'.repeat(2000), `ENC[x:${'QUJD'.repeat(3000)}]`,
  // Non-ASCII, invisibles and escapes.
  'é', '日本', '\u00a0x', 'a\u2028b', '\u0085', '\ufeffx', 'x\ufeff', '\ud800', '\u0000', '\u001b', '\u007f',
  // Multi-line: literal blocks with every chomping, indentation indicators, and what blocks cannot hold.
  'a\nb', 'a\n', '\n', '\na', ' a\nb', '  a\n b\n', 'a\n\nb', 'a\n b', 'a \nb', 'a\r\nb', 'a\n\tb', 'a\n\n',
  '#!/bin/sh\nset -eu\nexec "$@"\n', 'key: value\nother: "x"', '---\na', 'a\n---\nb', 'a\n...',
  // Long lines (js-yaml never folds with lineWidth -1) and long keys.
  'word '.repeat(60).trim(), 'k'.repeat(1100),
];

describe('toYamlDocument', () => {
  test('matches js-yaml on every manifest of the real sites', () => {
    const result = sitesInMemory();
    const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest));
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      expect(toYamlDocument(manifest)).toBe(reference(manifest));
    }
  });

  test('renders the files of the real sites as js-yaml did', () => {
    for (const cluster of sitesInMemory().clusters) {
      const expected = new Map([...layoutClusterFiles(cluster)].map(([file, docs]) => [file, docs.map(reference).join('---\n')]));
      // The cluster README is Markdown, not YAML.
      const yamlFiles = new Map([...renderClusterFiles(cluster)].filter(([file]) => file.endsWith('.yaml')));
      expect(yamlFiles).toEqual(expected);
    }
  });

  test('matches js-yaml on every manifest of the benchmark fleet', () => {
    const result = synthInMemory((scope) => defineFleet(scope, 12));
    for (const manifest of result.clusters.flatMap((c) => c.objects.map((o) => o.manifest))) {
      expect(toYamlDocument(manifest)).toBe(reference(manifest));
    }
  });

  test.each(TRICKY_STRINGS.map((s) => [JSON.stringify(s).slice(0, 24), s]))('matches js-yaml for the string %s', (_, value) => {
    for (const document of positions(value)) {
      expect(toYamlDocument(document)).toBe(reference(document));
    }
  });

  test('matches js-yaml for numbers, booleans, null, undefined and empty collections', () => {
    const values = [0, 1, -5, 8080, 2 ** 53, 1e21, 0.5, -0, 1.5e-7, NaN, Infinity, -Infinity, true, false, null, [], {}, [undefined]];
    for (const value of values) {
      for (const document of positions(value)) {
        expect(toYamlDocument(document)).toBe(reference(document));
      }
    }
    const sparse = { kept: 1, dropped: undefined, empty: { only: undefined }, nested: [[], [[]], [{}], [1, [2, [3]]]] };
    expect(toYamlDocument(sparse)).toBe(reference(sparse));
  });

  test('matches js-yaml on generated strings over the characters that change quoting', () => {
    // A fixed-seed generator, so every run checks the same strings.
    const alphabet = ['a', 'Z', '0', '1', '9', '.', '-', '+', '_', ':', '#', ' ', '\t', '\n', "'", '"', '\\', '/', '@',
      '!', '&', '*', '?', '|', '>', '%', '`', ',', '[', ']', '{', '}', '=', '<', '~', 'e', 'x', 'o', 'y', 'n', 'é', '\u00a0',
      '(', ')', ';', '$', '^'];
    let seed = 20260101;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 4000; i++) {
      let value = '';
      const length = 1 + (next() % 7);
      for (let j = 0; j < length; j++) {
        value += alphabet[next() % alphabet.length];
      }
      const document = { key: value, [value]: [value, { value }] };
      expect(toYamlDocument(document)).toBe(reference(document));
    }
  });

  test('matches js-yaml on values of a megabyte, plain, quoted and with text after a colon', () => {
    const words = 'word(1)=x;y '.repeat(90_000).trim();
    for (const value of ['x'.repeat(1_100_000), words, `${words}: end`, `${words} #end`, `'${words}`, `${words}:`, 'é'.repeat(1000)]) {
      expect(toYamlDocument({ value })).toBe(reference({ value }));
    }
  });

  test('hands what it does not model to js-yaml', () => {
    const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(toYamlDocument({ at: date })).toBe(reference({ at: date }));
    expect(toYamlDocument('plain root')).toBe(reference('plain root'));
    expect(toYamlDocument(['a', 1])).toBe(reference(['a', 1]));
    class Custom {}
    expect(() => toYamlDocument({ value: new Custom() })).toThrow(/unacceptable kind/);
  });
});

describe('toYamlStream', () => {
  test('joins documents with --- as js-yaml dumps did', () => {
    const manifests = [{ kind: 'A', data: { x: 'yes' } }, { kind: 'B', items: ['0755', 'a\nb'] }];
    expect(toYamlStream(manifests)).toBe(manifests.map(reference).join('---\n'));
    expect(toYamlStream([])).toBe('');
  });
});
