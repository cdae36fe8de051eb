/**
 * A problem in the facts given to an inventory object. Inventory objects are usually built when a module
 * loads, before any synth runs; they record what is wrong instead of throwing, and synthesis reports it
 * with every other finding.
 */
export interface InventoryProblem {
  /** The field of the object's facts, e.g. `address`, `first`, `at("10.0.9.1")`. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /**
   * The address an `at()` of a pool handed out despite this problem: the prop that uses it reports the
   * problem instead of the pool. @default - not a problem of an address taken from a pool
   */
  readonly address?: string;
  /** `warning` for facts that are sound but do not do what they say. @default 'error' */
  readonly severity?: 'warning';
}

/** An inventory object that can tell what is wrong with its facts. */
export interface InventoryObject {
  /** Where the object is, for a finding: e.g. `inventory/host/n5`, `inventory/site/mobius/pools/vips`. */
  readonly inventoryPath: string;
  /** Problems in its facts, in the order they were found. Empty when the facts are sound. */
  readonly problems: readonly InventoryProblem[];
}

/** The article a word takes: `an Intel GPU`, `an NVIDIA GPU`, `a ZFS pool`, `a user`. */
export function article(word: string): string {
  if (/^[A-Z]{2,}/.test(word)) {
    // An acronym is read letter by letter at its start: "an NVIDIA", "an SSD", "a ZFS".
    return /^[AEFHILMNORSX]/.test(word) ? 'an' : 'a';
  }
  return /^[aeiou]/i.test(word) && !/^(uni|use|eu)/i.test(word) ? 'an' : 'a';
}

/**
 * The name of the class `value` was made by, as its user wrote it, or '' when its constructor has none. esbuild
 * names a class that refers to itself `_<Class>` (`var SecretReference = class _SecretReference`): the user
 * imported it without the '_'. Pure.
 */
export function classNameOf(value: object): string {
  const prototype = Object.getPrototypeOf(value);
  return typeof prototype?.constructor === 'function' ? String(prototype.constructor.name).replace(/^_+(?=[A-Za-z])/, '') : '';
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * `text` with its tabs, line breaks and other control characters written as escapes (`\\n`, `\\t`), or `text`
 * itself when it has none: the character that breaks a name shows in a message instead of breaking its line.
 */
export function withEscapedControls(text: string): string {
  return CONTROL_CHARACTER.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}

/** How a value looks in a message: strings quoted (control characters escaped), everything else as JSON or its type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return `"${withEscapedControls(value)}"`;
  }
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON would write null, which is not what was given.
    return String(value);
  }
  if (Array.isArray(value)) {
    const shown = value.slice(0, 5).map(describeValue);
    return `[${shown.join(', ')}${value.length > shown.length ? ', …' : ''}]`;
  }
  if (typeof value === 'object' && value !== null) {
    // An object of the inventory or of a library is named by its class, not dumped with all it holds.
    const prototype = Object.getPrototypeOf(value);
    const className = classNameOf(value);
    if (prototype !== null && prototype !== Object.prototype && className !== '') {
      const name = (value as { name?: unknown }).name;
      return `a ${className}${typeof name === 'string' ? ` ("${name}")` : ''}`;
    }
  }
  if (isPlainObject(value) && Object.values(value).some((entry) => typeof entry === 'object' && entry !== null && !isPlainObject(entry) && !Array.isArray(entry))) {
    // An object that holds inventory objects (`{ nas }`) names them by class, not with all they hold.
    return shallowText(value);
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    // A plain object that holds a construct, whose tree refers back to it, is written one level deep.
    return isPlainObject(value) ? shallowText(value) : typeof value;
  }
  return text.length > DESCRIBED_LENGTH ? `${text.slice(0, DESCRIBED_LENGTH)}…` : text;
}

/** How much of a value a message shows: enough to recognise it. */
const DESCRIBED_LENGTH = 120;

/**
 * The name and facts of an inventory factory called with its facts alone, the name among them
 * (`host({ name: 'nuc', arch })`, as other tools take one object): the name is read from them, and the
 * call is one problem on `name` that writes it the library's way, rather than a path of `[object Object]`
 * and one error per fact. `example` is the call as it should read, e.g. `host('nuc', { … })`. Pure.
 */
export function nameAndFacts<T>(factory: string, name: unknown, props: T | undefined): { name: string; props: T; problem?: InventoryProblem } {
  if (typeof name !== 'object' || name === null || Array.isArray(name) || props !== undefined) {
    return { name: name as string, props: props as T };
  }
  const { name: inside, ...facts } = name as Record<string, unknown>;
  const recovered = typeof inside === 'string' && inside !== '' ? inside : 'unnamed';
  return {
    name: recovered,
    props: facts as T,
    problem: {
      field: 'name',
      message: `${factory}() was given its facts as the first argument, where it takes the name`,
      hint: `give the name first and the facts second: ${factory}('${typeof inside === 'string' && inside !== '' ? inside : '<name>'}', { … })`,
    },
  };
}

/** `made`, with the problem of {@link nameAndFacts} first among its own, when there is one. */
export function withNameProblem<T extends { readonly problems: InventoryProblem[] }>(made: T, problem: InventoryProblem | undefined): T {
  if (problem) {
    made.problems.unshift(problem);
  }
  return made;
}

/**
 * An object of facts or props as TypeScript writes it, for a hint: `{ vendor: 'intel', count: 2 }`; a list
 * or an object inside it as `[…]` and `{…}`. Pure.
 */
export function objectText(record: Record<string, unknown>): string {
  const text = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : Array.isArray(v) ? (v.every((item) => typeof item !== 'object' || item === null) ? `[${v.map(text).join(', ')}]` : '[…]')
    : typeof v === 'object' && v !== null ? '{…}' : String(v));
  const ident = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);
  return `{ ${Object.entries(record).map(([k, v]) => `${ident(k)}: ${text(v)}`).join(', ')} }`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** `value`'s first keys, each with a value that cannot lead back to it: a class, a primitive, or `{…}` and `[…]`. */
function shallowText(value: Record<string, unknown>): string {
  const entries = Object.entries(value);
  const shown = entries.slice(0, 5).map(([key, entry]) => `${key}: ${isPlainObject(entry) ? '{…}' : Array.isArray(entry) ? '[…]' : describeValue(entry)}`);
  return `{ ${shown.join(', ')}${entries.length > shown.length ? ', …' : ''} }`;
}

/** Classes of the JavaScript runtime whose contents are no keys of the object: read as props, each is `{}`. */
const CONTENT_CLASSES: ReadonlyArray<[new (...args: never[]) => object, string]> = [
  [Map, 'Map'], [Set, 'Set'], [WeakMap, 'WeakMap'], [WeakSet, 'WeakSet'], [Date, 'Date'], [RegExp, 'RegExp'],
];

/**
 * The problem of a Map, Set, Date or promise given where an object of props or a map of keys and values
 * belongs (`labels: new Map(…)`, a peer built as `new Set([...])`, props an async function returned): its
 * entries are not keys of it, so it would be read as an empty object, silently (a peer of no keys admits
 * every namespace). `map` tells a map of keys and values (labels, env) from an object of props. Pure.
 */
export function builtInObjectProblem(value: object, path: string, map: boolean): { message: string; hint: string } | undefined {
  if (typeof (value as { then?: unknown }).then === 'function') {
    return {
      message: `${path} is a promise, not ${map ? 'an object of keys and values' : 'an object'}: synth builds the lab synchronously and reads no promise`,
      hint: `compute ${path} before the construct is made, without await (read files with fs.readFileSync, not fs.promises)`,
    };
  }
  // Nearly every object asked is a plain one (the props of thousands of apps): none of those classes.
  const prototype = Object.getPrototypeOf(value);
  const kind = prototype === Object.prototype || prototype === null ? undefined : CONTENT_CLASSES.find(([type]) => value instanceof type)?.[1];
  if (kind === undefined) {
    return undefined;
  }
  const entries = kind === 'Map' ? ` of ${(value as Map<unknown, unknown>).size} entr${(value as Map<unknown, unknown>).size === 1 ? 'y' : 'ies'}` : '';
  return {
    message: `${path} is a ${kind}${entries}, not ${map ? 'an object of keys and values' : 'an object'}: its contents are no keys of it, so it would be read as an empty object`,
    hint: kind === 'Map'
      ? `give ${path} as a plain object: Object.fromEntries(map), or { key: 'value' } as written`
      : `give ${path} as a plain object: { … }`,
  };
}
