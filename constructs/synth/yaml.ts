import { dump, DUMP_SCHEMA } from 'js-yaml';

// The output format is js-yaml's `dump(manifest, { noRefs: true, lineWidth: -1 })`, byte for byte: block
// style, two-space indent, sequences indented under their key, and strings quoted exactly when js-yaml
// quotes them (including YAML 1.1 booleans such as `yes` and `n`, and number-like strings such as `0755`,
// which kubectl's go-yaml would otherwise read as something other than a string).
//
// js-yaml builds an AST for every document and decides the style of every scalar with a chain of regular
// expressions; at thousands of objects that is most of the synth time. Manifests are JSON-shaped, so this
// emitter walks them directly, decides each distinct string's style once (memoized) with the very rules
// js-yaml applies, and hands anything it cannot prove identical back to js-yaml.

const DUMP_OPTIONS = { noRefs: true, lineWidth: -1 } as const;

/**
 * Serializes manifests as a multi-document YAML stream. Strings that YAML 1.1 readers (kubectl's
 * go-yaml) would take for booleans or numbers, such as `yes` or `0755`, are quoted.
 */
export function toYamlStream(manifests: readonly object[]): string {
  // join copies into one flat string; the concatenations of each document are ropes of many small
  // pieces, twice the size, and a synth keeps every file's text until it is written.
  return manifests.map(toYamlDocument).join('---\n');
}

/** One YAML document, identical to js-yaml's `dump(value, { noRefs: true, lineWidth: -1 })`. */
export function toYamlDocument(value: unknown): string {
  if (!isPlainObject(value)) {
    return dump(value, DUMP_OPTIONS);
  }
  try {
    return `${writeMapping(value, 0, true)}\n`;
  } catch (error) {
    if (error === UNSUPPORTED) {
      return dump(value, DUMP_OPTIONS);
    }
    throw error;
  }
}

/** Thrown inside the emitter for input it does not handle; the document is then dumped by js-yaml. */
const UNSUPPORTED = new Error('not handled by the fast YAML emitter');

const INDENTS: string[] = [];
function newline(level: number): string {
  return INDENTS[level] ??= `\n${'  '.repeat(level)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

// js-yaml's writeBlockMapping: a pair per line at `level`, the first one inline when `compact`; a key
// that is multi-line or longer than 1024 characters becomes an explicit `? ` pair (handed to js-yaml).
function writeMapping(map: Record<string, unknown>, level: number, compact: boolean): string {
  let result = '';
  // for-in visits a plain object's keys in the order of Object.keys, without making their array.
  for (const key in map) {
    const value = map[key];
    if (value === undefined) {
      continue;
    }
    const valueText = writeNode(value, level + 1, false);
    if (!compact || result !== '') {
      result += newline(level);
    }
    result += keyText(key);
    result += startsOnNewLine(value) ? ':' : ': ';
    result += valueText;
  }
  return result === '' ? '{}' : result;
}

// js-yaml's writeBlockSequence: `- item` per line at `level`, the first one inline when `compact`.
// An undefined item is written as null, as js-yaml does.
function writeSequence(items: readonly unknown[], level: number, compact: boolean): string {
  if (items.length === 0) {
    return '[]';
  }
  let result = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const itemText = writeNode(item === undefined ? null : item, level + 1, true);
    if (!compact || i > 0) {
      result += newline(level);
    }
    // An item is written compact: it never starts on a line of its own.
    result += '- ';
    result += itemText;
  }
  return result;
}

const LINE_FEED = 10;

/**
 * Whether `value`, written as a mapping's value (not compact), starts on a new line: a non-empty mapping
 * or sequence does. Decided from the value, since asking its text would flatten the text's rope of
 * concatenations at every level of nesting, copying each document once per level.
 */
function startsOnNewLine(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  for (const key in value) {
    if ((value as Record<string, unknown>)[key] !== undefined) {
      return true;
    }
  }
  return false;
}

function writeNode(value: unknown, level: number, compact: boolean): string {
  switch (typeof value) {
    case 'string':
      return value.indexOf('\n') === -1 ? singleLineValue(value) : multiLineValue(value, level);
    case 'number':
      return numberText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) {
        return 'null';
      }
      if (Array.isArray(value)) {
        return writeSequence(value, level, compact);
      }
      if (isPlainObject(value)) {
        return writeMapping(value, level, compact);
      }
      throw UNSUPPORTED;
    default:
      throw UNSUPPORTED;
  }
}

// Integers are written as js-yaml's int tag represents them; everything else (fractions, -0, NaN,
// infinities, exponents) is rendered by js-yaml itself.
function numberText(value: number): string {
  if (Number.isInteger(value) && !Object.is(value, -0)) {
    const text = value.toString(10);
    if (text.indexOf('e') === -1) {
      return text;
    }
  }
  return dump(value, DUMP_OPTIONS).slice(0, -1);
}

// ---- scalar styles: the rules of js-yaml's scalar styler, for block context (never flow) ----

// Character classes as js-yaml's scalar_styler.ts defines them (YAML 1.2 productions).
const C_PRINTABLE = '[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]';
const B_CHAR = '[\\n\\r]';
const BYTE_ORDER_MARK = '\\uFEFF';
const S_WHITE = '[ \\t]';
const NB_CHAR = `(?:(?!(?:${B_CHAR}|${BYTE_ORDER_MARK}))${C_PRINTABLE})`;
const NS_CHAR = `(?:(?!${S_WHITE})${NB_CHAR})`;
const NB_JSON = '[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]';
const C_INDICATOR = '[-?:,\\[\\]{}#&*!|>\'"%@`]';
const PLAIN_SAFE = NS_CHAR;
const PLAIN_FIRST = `(?:(?:(?!${C_INDICATOR})${NS_CHAR})|[?:-](?=${PLAIN_SAFE}))`;
const PLAIN_CHAR = `(?:(?:(?![:#])${PLAIN_SAFE})|:(?=${PLAIN_SAFE}))#*`;
const PLAIN_IN_LINE = `(?:${S_WHITE}*${PLAIN_CHAR})*`;
const PLAIN_ONE_LINE = `${PLAIN_FIRST}#*${PLAIN_IN_LINE}`;
const PLAIN_MULTI_LINE = `${PLAIN_ONE_LINE}(?:\\n+${PLAIN_CHAR}${PLAIN_IN_LINE})*`;

/** A value that may be written plain (block context, YAML 1.2 ns-plain, possibly multi-line). */
const PLAIN_VALUE = new RegExp(`^(?:${PLAIN_MULTI_LINE})$`, 'u');
/** A key that may be written plain (one line). */
const PLAIN_KEY = new RegExp(`^(?:${PLAIN_ONE_LINE})$`, 'u');
const SINGLE_ONE_LINE = new RegExp(`^(?:${NB_JSON})*$`, 'u');
const BLOCK_CONTENT = new RegExp(`^(?:${NB_CHAR}|\\n)*$`, 'u');
/**
 * Words of the commonest characters one space apart, which are plain in any position (none starts with an
 * indicator, holds `: ` or ` #` or ends in a space): tested in linear time, where the lookaheads of
 * PLAIN_VALUE take the better part of a second over a value of a megabyte (a dashboard's JSON, a bundle).
 */
const PLAIN_WORDS = /^[A-Za-z0-9_./(][A-Za-z0-9_./()=+;~^$,-]*(?: [A-Za-z0-9_./()=+;~^$,-]+)*$/;
/**
 * Visible characters other than `:` that a plain scalar holds anywhere but at its start: ASCII's, and the
 * printable ones of the BMP but the byte order mark.
 */
const WORD_CHAR = '\\x21-\\x39\\x3B-\\x7E\\xA1-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFFD';
/** Those that may also start a word after a space: all but `#`, which would start a comment there. */
const WORD_START = '\\x21\\x22\\x24-\\x39\\x3B-\\x7E\\xA1-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFFD';
/** Those that may start the scalar: no indicator. */
const SCALAR_START = '$()+./0-9;<=A-Z\\\\^_a-z~\\xA1-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFFD';
/**
 * Words one space apart of any visible characters of the BMP, which are plain in any position too: the
 * first starts with no indicator, no other with `#`, and every run of colons is followed by a visible
 * character other than `:`, so none holds `: ` or ` #` or ends in `:` or a space. Tested in linear time
 * with runs of one character class (what V8 runs fast even before it compiles a pattern), where
 * PLAIN_VALUE's lookaheads take a third of a second over a SOPS ciphertext of a megabyte. What it misses
 * (an indicator that may start a plain scalar, two spaces, an astral character) PLAIN_VALUE decides.
 */
const PLAIN_TOKENS = new RegExp(`^[${SCALAR_START}][${WORD_CHAR}]*(?::+[${WORD_CHAR}]+)*(?: (?:[${WORD_START}][${WORD_CHAR}]*|:+[${WORD_CHAR}]+)(?::+[${WORD_CHAR}]+)*)*$`);
/** What no plain scalar holds: `: `, ` #`, or a `:` at its end. */
const NEVER_PLAIN = /: | #|:$/;
const INVISIBLES = /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
const WHITESPACE_ONLY = /^\s+$/;
const STRING_TAG = DUMP_SCHEMA.defaultScalarTag.tagName;

/** Whether a plain scalar would be read back as this string (not a bool, null, number, timestamp, …). */
function readsBackAsString(value: string): boolean {
  return DUMP_SCHEMA.resolveImplicitScalarTag(value).tag.tagName === STRING_TAG && value !== '=';
}

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// A memo per kind of position: a manifest repeats the same few keys and values many times. Names and
// hosts of each app are seen once or twice and churn through it; a larger bound kept tens of thousands of
// them alive in a large fleet (some megabytes per thread) and saved under 2 % of the styling.
const MEMO_LIMIT = 10_000;
const valueMemo = new Map<string, string>();
const keyMemo = new Map<string, string>();

function remember(memo: Map<string, string>, value: string, text: string): string {
  if (memo.size >= MEMO_LIMIT) {
    memo.clear();
  }
  memo.set(value, text);
  return text;
}

/** A one-line string in value position. */
function singleLineValue(value: string): string {
  const known = valueMemo.get(value);
  if (known !== undefined) {
    return known;
  }
  return remember(valueMemo, value, styleOneLine(value, PLAIN_VALUE));
}

/** A mapping key: keys are one line and at most 1024 characters, or they would be explicit pairs. */
function keyText(key: string): string {
  const known = keyMemo.get(key);
  if (known !== undefined) {
    return known;
  }
  if (key.indexOf('\n') !== -1 || key.length > 1000) {
    throw UNSUPPORTED;
  }
  return remember(keyMemo, key, styleOneLine(key, PLAIN_KEY));
}

// js-yaml's rule chain for one line: tabs and other invisibles, and whitespace-only strings, are double
// quoted; otherwise plain when that reads back as the same string, else single quoted when every
// character may appear there, else double quoted.
function styleOneLine(value: string, plainPattern: RegExp): string {
  if (INVISIBLES.test(value) || WHITESPACE_ONLY.test(value)) {
    return doubleQuoted(value);
  }
  const plain = value === '' || PLAIN_WORDS.test(value) || PLAIN_TOKENS.test(value) || (!NEVER_PLAIN.test(value) && plainPattern.test(value));
  if (plain && readsBackAsString(value)) {
    return value;
  }
  return SINGLE_ONE_LINE.test(value) ? singleQuoted(value) : doubleQuoted(value);
}

/**
 * A string with line breaks in value position at `level`: a literal block (`|` or `|-`, with an
 * indentation indicator when it starts with spaces), or double quoted when a block cannot hold it.
 */
function multiLineValue(value: string, level: number): string {
  if (value.endsWith('\n\n')) {
    // Keep-chomped blocks can end the document with `...`; js-yaml tracks that across the document.
    throw UNSUPPORTED;
  }
  if (INVISIBLES.test(value) || WHITESPACE_ONLY.test(value) || !BLOCK_CONTENT.test(value)) {
    return doubleQuoted(value);
  }
  const indent = '  '.repeat(level);
  const indicator = /^\n* /.test(value) ? '2' : '';
  const chomping = value.charCodeAt(value.length - 1) === LINE_FEED ? '' : '-';
  let body = '';
  let position = 0;
  while (position < value.length) {
    const next = value.indexOf('\n', position);
    const line = next === -1 ? value.slice(position) : value.slice(position, next + 1);
    position = next === -1 ? value.length : next + 1;
    body += line === '\n' ? line : indent + line;
  }
  return `|${indicator}${chomping}\n${body.endsWith('\n') ? body.slice(0, -1) : body}`;
}

// ---- double quoting: js-yaml's escapeString ----

const TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
const ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r',
  '\x1B': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xA0': '\\_', '\u2028': '\\L', '\u2029': '\\P',
};

function escapeCharacter(character: string): string {
  const named = ESCAPES[character];
  if (named !== undefined) {
    return named;
  }
  const code = character.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

function doubleQuoted(value: string): string {
  return `"${value.replace(TO_ESCAPE, escapeCharacter)}"`;
}
