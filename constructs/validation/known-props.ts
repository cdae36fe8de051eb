import type { IConstruct } from 'constructs';
import { posixIdNameHint } from './posix-id-names';
import { itemsOfText, keyText, listText } from './text-lists';
import { builtInObjectProblem, describeValue, objectText } from '../inventory/problems';
import { IMAGE_REFERENCE_HINT, imageReferenceHint, imageValuesHint } from './image-reference-forms';
import { closestName, namesHolding } from './closest-name';
import { choiceNameHint } from './choice-names';
import { composeValueHint } from './compose-spellings';
import { routeTextHint } from '../app/route-host';
import { commandTextWithoutSecrets } from './command-secrets';
import { credentialIn, hiddenInMessages, hiddenValueText } from './secret-values';
import { GO_DURATION, goDurationMilliseconds } from './go-duration';
import { switchHint } from './switch-hints';
import { sizeSpelling } from './size-spellings';

export { closestName } from './closest-name';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { reportFinding } from './finding';
import { PropsRejected } from './input-error';
import { MAX_POSIX_ID } from './security-context-rules';
import { imageReferenceProblem } from './syntax';
import { SecretReference } from '../secrets/secret-reference';
import { Host } from '../inventory/host';
import { fluxPlaceholderName, fluxPlaceholderProblem } from './flux-placeholder';

/**
 * What a construct's props look like, for callers the type checker does not see (JavaScript, `as any`):
 * - a leaf: the type of value the prop takes (`'any'` when the construct checks the value itself);
 * - `{ '[]': shape }`: a list whose items have `shape`;
 * - `{ '{}': shape }`: a map whose values have `shape`;
 * - any other object: a nested props object with these prop names.
 */
export type PropShape = PropLeaf | InstanceShape | ChoiceShape | { readonly [prop: string]: PropShape };

/**
 * How to make an object of factories `factory` (as {@link PropRules.madeBy} writes them) where `value` stands: one of
 * them given uncalled is called, with the arguments the hint writes; anything else is made with one of them. Pure.
 */
function madeByHint(value: unknown, factory: string): string {
  const at = typeof value === 'function' && value.name !== '' ? factory.indexOf(`.${value.name}(`) : -1;
  if (at < 0) {
    return `make it with ${factory}`;
  }
  let start = at;
  while (start > 0 && /[\w$]/.test(factory[start - 1])) {
    start--;
  }
  let end = at + (value as () => unknown).name.length + 1;
  for (let depth = 0; end < factory.length; end++) {
    depth += factory[end] === '(' ? 1 : factory[end] === ')' ? -1 : 0;
    if (depth === 0) {
      break;
    }
  }
  return `call the factory for the object it returns: ${factory.slice(start, end + 1)}`;
}

/** Where a prop is a placement's (`placement`, `media.placement`), whose hosts and pools pin the pods. */
const PLACEMENT_PATH = /(^|\.)placement$/;

/** A prop that takes an instance of a class, e.g. a `Host` of the inventory. */
export interface InstanceShape {
  /** The class. */
  readonly '#instance': abstract new (...args: any[]) => unknown;
  /** How to say what is expected, e.g. `a host of the inventory (host('name', { … }))`. */
  readonly '#title': string;
  /** The hint for text written where the instance belongs, when the text names one (a host by its name). @default - the generic hint */
  readonly '#named'?: (name: string) => string | undefined;
}

/** A prop that takes one of a few words, as written (e.g. a scope or a vendor). */
export interface ChoiceShape {
  /** The words it takes. */
  readonly '#oneOf': readonly string[];
  /**
   * Hints for values that are none of the words but what another tool writes there (`HTTP` for a port's
   * protocol), by the value in upper case; a key ending in `*` stands for every value it begins (compose's
   * `SERVICE:*` for `service:gluetun`). @default - none
   */
  readonly '#habits'?: Readonly<Record<string, string>>;
}

/** A prop that takes one of `words`, case included. */
export function oneOf(...words: string[]): ChoiceShape {
  return { '#oneOf': words };
}

/** A prop that takes one of `words`, with a hint for each value another tool writes there (see {@link ChoiceShape}). */
export function oneOfWithHabits(words: readonly string[], habits: Readonly<Record<string, string>>): ChoiceShape {
  return { '#oneOf': words, '#habits': habits };
}

/** How to fix a value a choice does not take: its word in the right case, what a habit means here, or the list. */
function choiceHint(value: unknown, choice: ChoiceShape): string {
  const words = choice['#oneOf'];
  if (typeof value !== 'string') {
    // An object in another tool's form that holds the word (Flux's `{ kind, name, namespace }` where a kind is taken).
    const held = value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).find(([, v]) => typeof v === 'string' && words.includes(v)) : undefined;
    return held !== undefined
      ? `write the ${held[0]} alone, as a word: '${held[1]}'; the option takes one of ${words.join(', ')}, and the object's other keys have no place in it`
      : `use one of: ${words.join(', ')}`;
  }
  // A habit of the word itself (a word the choice takes that a later check refuses) comes before its case.
  const near = words.find((w) => w.toLowerCase() === value.trim().toLowerCase());
  return habitHint(value, choice['#habits']) ?? (near !== undefined ? `write it as '${near}': case counts` : `use one of: ${words.join(', ')}`);
}

/** The hint `habits` give for `value`: its own key in upper case, else the first `PREFIX*` key it begins with. */
function habitHint(value: string, habits: ChoiceShape['#habits']): string | undefined {
  const key = value.trim().toUpperCase();
  if (habits === undefined) {
    return undefined;
  }
  return habits[key] ?? Object.entries(habits).find(([habit]) => habit.endsWith('*') && key.startsWith(habit.slice(0, -1)))?.[1];
}

/** A prop that takes an instance of `type`, described as `title`. */
export function instanceOf(type: abstract new (...args: any[]) => unknown, title: string, named?: InstanceShape['#named']): InstanceShape {
  return { '#instance': type, '#title': title, ...(named === undefined ? {} : { '#named': named }) };
}

/**
 * The type a leaf prop takes. `'object'` is an instance of a class of this library (checked by the
 * construct); `'reason'` is a string that says something (an exemption's reason, written to the output);
 * `'duration'` a Go duration as Flux and Kubernetes read it (`10m`, `1h30m`); `'namespace'` a namespace
 * name (an RFC 1123 label); `'posixId'` a user or group id as a pod's security context takes it (a whole
 * number of 0–2147483647); `'count'` a number of things asked for (a whole number of 1 or more);
 * `'amount'` a number that may be none, as a replica count or a retry limit is (a whole number of 0 or more);
 * `'objectName'` the name of a Kubernetes object (an RFC 1123 subdomain); `'port'` a TCP or UDP port (a
 * whole number of 1–65535).
 */
export type PropLeaf = 'string' | 'reason' | 'duration' | 'namespace' | 'objectName' | 'containerName' | 'image' | 'number' | 'integer' | 'posixId' | 'count' | 'amount' | 'port' | 'boolean' | 'strings' | 'object' | 'any';

/** The leaves whose values are numbers. */
const NUMERIC_LEAVES: ReadonlySet<PropLeaf> = new Set(['number', 'integer', 'posixId', 'count', 'port']);

// Kept importable from here, where the props of other modules (Ollama's keepAlive) have read it.
export { goDurationMilliseconds };

/** Rules across props. */
export interface PropRules {
  /**
   * Props that must be set, each with a hint on what to set it to. A nested prop is a dotted path, `*`
   * standing for every entry of a map or item of a list (`persistence.*.volume`); it is required only where
   * its parent is given. @default - none
   */
  readonly required?: ReadonlyArray<readonly [prop: string, hint: string]>;
  /**
   * Groups of props that exclude each other (a probe's handlers), by the path of the object that holds
   * them (`probes.readiness`). @default - none
   */
  readonly atMostOne?: ReadonlyArray<{ readonly at: string; readonly props: readonly string[] }>;
  /**
   * Lists of names that hold each name once (`preinstalled.*.namespaces`), by dotted path (`*` for every entry
   * of a map or item of a list): a name given twice is a slip (a line copied, a name meant otherwise), which
   * nothing reads a second time. @default - none
   */
  readonly unique?: readonly string[];
  /**
   * Objects whose props depend on a choice made elsewhere in the props (an App controller's props on its
   * kind), by field path: the choice made, given all the props, and the keys it takes; undefined where no
   * choice applies. The shape there holds the props of every choice. @default - none
   */
  readonly variantKeys?: Readonly<Record<string, (props: Readonly<Record<string, unknown>>) => VariantKeys | undefined>>;
  /**
   * Props of another tool that users carry over (compose's `healthCheck.test`), by dotted path (`*` for
   * every entry of a map or item of a list), each with how to write it here: the hint of the error that
   * refuses it, in place of "did you mean"; and the prop of this shape it stands for, if any, which is then
   * not also reported missing. @default - none
   */
  readonly foreign?: ReadonlyArray<readonly [prop: string, hint: string, standsFor?: string]>;
  /**
   * Objects written whole in another tool's form (Kubernetes' `resources: { requests, limits }`), by dotted
   * path (`''` for the props themselves, `*` for every entry of a map or item of a list): a function of the
   * object (and its field path) that returns, when the object is in that form, the one problem to report on it and the keys it
   * covers, which are then not reported one by one. @default - none
   */
  readonly foreignForms?: ReadonlyArray<readonly [at: string, form: ForeignFormReader]>;
  /**
   * Objects that factories make (Jellyfin's `media`: `JellyfinMedia.nfs(…)`), by dotted path, each with the factory
   * calls as a hint writes them: a value of another kind there (text, another object of the inventory, the factory
   * itself uncalled) is told to be made with them, rather than as the fields the factories fill. @default - none
   */
  readonly madeBy?: Readonly<Record<string, string>>;
}

/** The keys an object takes under the choice made beside it. */
export interface VariantKeys {
  /** The choice, as a message names it, e.g. `the Deployment controller`. */
  readonly chosen: string;
  /** The keys it takes. */
  readonly keys: readonly string[];
}

/** Reads an object at `path` as another tool's form, or answers undefined when it is not one. */
type ForeignFormReader = (value: Readonly<Record<string, unknown>>, path: string) => ForeignForm | undefined;

/** An object written in another tool's form: what to say about it, and the keys of that form it holds. */
export interface ForeignForm {
  /** What is wrong. */
  readonly message: string;
  /** How to write it here, with the values the user wrote. */
  readonly hint: string;
  /** Keys of the object the problem covers; one it lacks is the prop the form stands for, then not also reported missing. */
  readonly keys: readonly string[];
  /** The key the problem is reported on (`labels.<key>`). @default - the object itself */
  readonly key?: string;
}

/** How to give a secret where a SecretReference belongs and text was written. */
const SECRET_AS_TEXT_HINT = 'a secret written as text would be committed in the clear: seal it into a SealedSecret (kubeseal --raw) or a SopsSecret '
  + "and pass its key, sealedSecret.key('<key>'), or name a Secret made outside the repository: SecretReference.external('<namespace>', '<secret>', '<key>')";

/** How to write a leaf whose rule a short phrase does not say. */
const LEAF_HINTS: Partial<Record<PropLeaf, string>> = {
  containerName: "name the container with lower-case letters, digits and '-', e.g. exporter",
  image: IMAGE_REFERENCE_HINT,
};

/**
 * How to write an object prop given a single value (`route: 'www'`, `gpu: true`), from its shape: the value
 * under the prop it names when one the object requires takes it (`route: { host: 'www' }`), else the
 * props it requires with an example, else the props it takes.
 */
function objectHint(value: unknown, node: Readonly<Record<string, PropShape>>, path: string, rules: PropRules): string {
  if (!path) {
    return 'give the props as { … }';
  }
  const keys = Object.keys(node);
  const at = path.split('.').pop();
  // A range as the command line writes it (--service-node-port-range=30000-32767) is the object's two ends.
  const range = typeof value === 'string' && keys.includes('first') && keys.includes('last') ? /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value) : null;
  if (range !== null) {
    return `write the range's ends apart: ${at}: { first: ${Number(range[1])}, last: ${Number(range[2])} }`;
  }
  if ('{}' in node) {
    // A map's keys are the user's own names: the hint shows one as a placeholder, not the shape's marker.
    return `${at} takes one object of names and values${Array.isArray(value) ? ', not a list' : ''}: write ${at}: { <name>: ${exampleOf(node['{}'])} }`;
  }
  const required = keys.filter((key) => rules.required?.some(([prop]) => matchesPath(prop, `${path}.${key}`)));
  const fits = required.find((key) => acceptsAsWritten(value, node[key]));
  if (fits !== undefined) {
    // A value the message keeps hidden (under a secret-looking name) is not written out by the hint either.
    return `write ${at}: { ${keyText(fits)}: ${shownValue(value, path) === describeValue(value) ? literal(value) : '…'} }`;
  }
  if (Array.isArray(value)) {
    return `${at} takes one object, not a list: write ${at}: { ${(required.length > 0 ? required : keys.slice(0, 1)).map((key) => `${keyText(key)}: ${exampleOf(node[key])}`).join(', ')} }`;
  }
  if (required.length > 0) {
    const example = required.map((key) => `${keyText(key)}: ${exampleOf(node[key])}`).join(', ');
    const why = rules.required?.find(([prop]) => matchesPath(prop, `${path}.${required[0]}`))?.[1];
    return `write ${at} as an object, e.g. ${at}: { ${example} }${why ? ` (${why})` : ''}; it takes ${keys.join(', ')}`;
  }
  if (value === true) {
    // A Helm chart's `enabled: true` habit: an object of optional props is turned on by being there.
    return `write ${at}: {} for its defaults, or an object of ${keys.join(', ')}, e.g. ${at}: { ${keyText(keys[0])}: ${exampleOf(node[keys[0]])} }`;
  }
  return `write ${at} as an object of ${keys.join(', ')}, e.g. ${at}: { ${keyText(keys[0])}: ${exampleOf(node[keys[0]])} }`;
}

/**
 * A required prop that is missing from `record` and whose name holds `key` or is held in it, as another
 * tool's longer or shorter name (`hostname` for `host`, `service` for `serviceName`), which `closestName`
 * is too strict to take: that prop is what `key` meant, and is not also reported missing.
 */
function missingRequiredWithin(key: string, known: readonly string[], record: Readonly<Record<string, unknown>>, path: string, rules: PropRules): string | undefined {
  const written = key.toLowerCase();
  if (written.length < 3) {
    return undefined;
  }
  return known.find((prop) => record[prop] === undefined
    && (written.includes(prop.toLowerCase()) || prop.toLowerCase().includes(written))
    && rules.required?.some(([required]) => matchesPath(required, childPath(path, prop, 'prop'))));
}

/** Whether `shape` takes `value` as it is: a leaf that says what it takes (not `any`), or one of its words. */
function acceptsAsWritten(value: unknown, shape: PropShape): boolean {
  if (typeof shape === 'string') {
    return shape !== 'any' && shape !== 'object' && leafProblem(value, shape) === undefined;
  }
  return '#oneOf' in shape && typeof value === 'string' && (shape as ChoiceShape)['#oneOf'].includes(value);
}

/** Text that writes out a secret: a command line with one, or compose's `KEY=value` of a secret. */
function textWritesSecret(text: string): boolean {
  const entry = /^([^=\s]+)=(.*)$/s.exec(text);
  return entry !== null ? hiddenInMessages(entry[1], entry[2]) : commandTextWithoutSecrets(text) !== undefined;
}

/**
 * A value at `path` as a message shows it. One that writes out a secret (a command line, compose's
 * `KEY=value`, Kubernetes' `{ name, value }`, any value under a name that says secret, as
 * `data.password` is) is shown by its size, as every secret is: a message never prints one.
 */
function shownValue(value: unknown, path: string): string {
  const reference = secretKeyReference(value);
  if (reference !== undefined) {
    // A reference holds no value of the Secret: its names are shown, as the hint writes one of them.
    return `a reference to key ${reference.key} of Secret ${reference.namespace}/${reference.secretName}`;
  }
  if (typeof value === 'string' && (textWritesSecret(value) || credentialIn(value) !== undefined)) {
    return `text of ${value.length} characters that writes out a secret`;
  }
  if (hiddenInMessages(path.replace(/\[\d+\]$/, '').replace(/^.*\./, ''), value)) {
    return hiddenValueText(value);
  }
  const writesOne = (item: unknown) => (typeof item === 'string' ? textWritesSecret(item)
    : item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string'
      && hiddenInMessages((item as { name: string }).name, (item as { value?: unknown }).value));
  if (Array.isArray(value) && value.some(writesOne)) {
    return `a list of ${value.length} item${value.length === 1 ? '' : 's'} that writes out a secret`;
  }
  return describeValue(value);
}

/**
 * The keys of `value` when it is a plain object of instances of the class a list's items are (`{ nas }` for a
 * list of external hosts), as identifiers where they can be; undefined for anything else. Pure.
 */
function objectOfInstances(value: unknown, itemShape: PropShape): string[] | undefined {
  if (typeof itemShape !== 'object' || !('#instance' in itemShape) || value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    return undefined;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const type = (itemShape as InstanceShape)['#instance'];
  return entries.length > 0 && entries.every(([, entry]) => entry instanceof type)
    ? entries.map(([key]) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`)) : undefined;
}

/**
 * The list `value` stands for where a list of `itemShape` belongs, as TypeScript writes it: an object of named
 * items keyed by their names (`containers: { worker: { image } }`) as those items with their names; one item
 * (a rule, a number) as a list of one. Undefined where neither fits. Pure.
 */
function listOfWritten(value: unknown, itemShape: PropShape): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return typeof itemShape === 'string' && itemShape !== 'string' && itemShape !== 'strings' ? `[${String(value)}]` : undefined;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype || typeof itemShape !== 'object'
    || '#instance' in itemShape || '#oneOf' in itemShape) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const entries = Object.entries(record);
  if (entries.length === 0) {
    return undefined;
  }
  const known = (item: Record<string, unknown>) => Object.keys(item).every((key) => Object.prototype.hasOwnProperty.call(itemShape, key));
  const named = entries.every(([, item]) => item !== null && typeof item === 'object' && !Array.isArray(item) && !('name' in item) && known(item as Record<string, unknown>));
  if (named && Object.prototype.hasOwnProperty.call(itemShape, 'name')) {
    return `[${entries.map(([name, item]) => objectText({ name, ...(item as Record<string, unknown>) })).join(', ')}]`;
  }
  return known(record) ? `[${objectText(record)}], a list of one` : undefined;
}

/** What the items of a list of instances are, for a message: the title of their shape without its example. */
function itemTitle(itemShape: PropShape): string {
  const title = (itemShape as InstanceShape)['#title'].replace(/\s*\(.*$/, '');
  return title.replace(/^an? /, '').replace(/^(\w+(?: \w+)*?) of /, (_m, noun: string) => `${noun}s of `).replace(/^(\w+(?: \w+)?)$/, '$1s');
}

/**
 * The hint of a required prop at `path`, which says how to write it: it serves a value of the wrong kind as
 * well as a missing one (an object of this library given by its name). Pure.
 */
function requiredHint(rules: PropRules, path: string): string | undefined {
  return rules.required?.find(([prop]) => prop === path)?.[1];
}

/** The names of a key of a Secret (a SecretReference, duck-typed as this module loads before the secrets), or undefined. */
function secretKeyReference(value: unknown): { readonly namespace: string; readonly secretName: string; readonly key: string } | undefined {
  const { namespace, secretName, key } = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return typeof namespace === 'string' && typeof secretName === 'string' && typeof key === 'string' ? { namespace, secretName, key } : undefined;
}

/** The hint for a SecretReference given where a Secret is named (`grafanaAdminSecret`): its name alone. */
function secretNameHint(value: unknown, leaf: PropLeaf, path: string): string | undefined {
  const reference = secretKeyReference(value);
  return reference === undefined || (leaf !== 'objectName' && leaf !== 'string') ? undefined
    : `${path} takes the Secret's name alone, not one key of it: write ${path.replace(/^.*\./, '')}: '${reference.secretName}'`;
}

/**
 * The hint for a credential given where a name belongs (an age key pasted as `sopsSecretName`, a token as
 * `secretName`): a name written from it would commit the credential, so the hint says where it goes instead.
 */
function credentialNameHint(value: unknown, leaf: PropLeaf, path: string): string | undefined {
  const credential = (leaf === 'objectName' || leaf === 'namespace') && typeof value === 'string' ? credentialIn(value) : undefined;
  return credential === undefined ? undefined
    : `this is ${credential}, which must not be in Git: ${path.replace(/^.*\./, '')} takes the name of the Secret that holds it (made by hand, or by a SealedSecret or SopsSecret), e.g. '${path.replace(/^.*\./, '').replace(/Name$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}'`;
}

/** The hint for an object given where its name belongs (`issuer: { name: 'letsencrypt' }`, a construct with a name): the name alone. */
function objectNameHint(value: unknown, leaf: PropLeaf, path: string): string | undefined {
  const name = leaf === 'objectName' ? namedObject(value) : undefined;
  return name === undefined ? undefined : `give its name alone, as text: ${path.replace(/^.*\./, '')}: ${literal(name)}`;
}

/**
 * A host of the inventory given where text belongs (a CNI's API server, `k8sServiceHost: mini`): its address, which the
 * text stands for. Undefined for anything else.
 */
function hostAsTextHint(value: unknown, leaf: PropLeaf, path: string): string | undefined {
  if (leaf !== 'string' || !(value instanceof Host)) {
    return undefined;
  }
  // A route's host is the name it answers to, never a machine's address: the machine was meant for placement.
  if (/(^|\.)route\.host$/.test(path)) {
    return `route.host is the name the route answers to, not a machine: write it as text, e.g. route: { host: 'web' } (under the cluster's domain); `
      + `to run the app on host ${value.name}, write placement: { host: ${value.name} }`;
  }
  return typeof value.address === 'string'
    ? `give the host's address as text: ${path.replace(/^.*\./, '')}: ${literal(value.address)} (host ${value.name}'s)` : undefined;
}

/**
 * A route written as an App's (`route: { host: 'sonarr' }`) where a route is its host name alone, as text (a media
 * container's): the host it holds, written as that prop takes it. Pure.
 */
function routeAsObjectHint(value: unknown, leaf: PropLeaf, path: string): string | undefined {
  const host = leaf === 'string' && /(^|\.)route$/.test(path) && typeof value === 'object' && value !== null ? (value as { host?: unknown }).host : undefined;
  if (typeof host !== 'string') {
    return undefined;
  }
  // A media container takes its route's body size beside the route; anything else of an App's route it has not.
  const others = Object.keys(value as object).filter((key) => key !== 'host' && key !== 'maxBodySize');
  const bodySize = (value as { maxBodySize?: unknown }).maxBodySize;
  return `this route is its host name alone, as text: route: ${literal(host)}${bodySize === undefined ? '' : `, maxBodySize: ${literal(bodySize)} beside it`}`
    + (others.length > 0 ? ` (${others.join(', ')} ${others.length > 1 ? 'are' : 'is'} no option here)` : '');
}

/** A value as the user would write it in TypeScript. */
function literal(value: unknown): string {
  return typeof value === 'string' ? `'${value.replace(/'/g, "\\'")}'` : String(value);
}

/**
 * An example of what `shape` takes: its first word, the call its title ends with (`site.pools.<pool>.at(…)`),
 * `[ … ]` or `{ … }`, else `…`.
 */
function exampleOf(shape: PropShape): string {
  if (typeof shape === 'string') {
    return '…';
  }
  if ('#oneOf' in shape) {
    return `'${(shape as ChoiceShape)['#oneOf'][0]}'`;
  }
  if ('#instance' in shape) {
    return (shape as InstanceShape)['#title'].match(/\(([^()]*\([^()]*\)[^()]*)\)$/)?.[1] ?? '…';
  }
  return '[]' in shape ? '[ … ]' : '{ … }';
}

/** The largest number a field of the API server's 32-bit integers (replicas, seconds, counts) takes. */
const MAX_INT32 = 2147483647;

/**
 * What `value` is not, as a whole number of `min` or more that fits the API server's 32-bit integers:
 * `expected`, or the range when only its size is wrong (`replicas: 3000000000`). Pure.
 */
function wholeNumberProblem(value: unknown, min: number, expected: string): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    return expected;
  }
  return value <= MAX_INT32 ? undefined : `a whole number of at most ${MAX_INT32} (the API server keeps it in 32 bits)`;
}

function leafProblem(value: unknown, leaf: PropLeaf): string | undefined {
  switch (leaf) {
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'reason':
      return typeof value === 'string' && value.trim() !== '' ? undefined : 'a reason: text that says why';
    case 'duration':
      return typeof value === 'string' && GO_DURATION.test(value) ? undefined : 'a duration such as 30s, 10m or 1h30m';
    case 'namespace':
      return typeof value === 'string' && nameProblem(value, DNS1123_LABEL) === undefined
        ? undefined : "a namespace name: lower-case letters, digits and '-', at most 63 characters";
    case 'objectName':
      return typeof value === 'string' && nameProblem(value, DNS1123_SUBDOMAIN) === undefined
        ? undefined : "an object name: lower-case letters, digits, '-' and '.', at most 253 characters";
    case 'containerName':
      return typeof value === 'string' && nameProblem(value, DNS1123_LABEL) === undefined
        ? undefined : "a container name: lower-case letters, digits and '-', at most 63 characters";
    case 'image': {
      if (typeof value !== 'string') {
        return 'an image reference';
      }
      const problem = imageReferenceProblem(value);
      return problem === undefined ? undefined : `an image reference (it ${problem.replace(`image ${describeValue(value)} `, '')})`;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a number';
    case 'integer':
      return wholeNumberProblem(value, -MAX_INT32 - 1, 'a whole number');
    case 'count':
      return wholeNumberProblem(value, 1, 'a whole number of 1 or more');
    case 'amount':
      return wholeNumberProblem(value, 0, 'a whole number of 0 or more');
    case 'port':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : 'a port: a whole number of 1–65535';
    case 'posixId':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_POSIX_ID
        ? undefined : `a user or group id: a whole number of 0–${MAX_POSIX_ID}, such as 1000`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'a list of strings';
    case 'object':
      return value !== null && typeof value === 'object' ? undefined : 'an object of the inventory or of this library';
    default:
      return undefined;
  }
}

/** How a child's field path extends its parent's: a prop (`a.b`, or `b` at the top), a map entry (`a.b`), a list item (`a[0]`). */
type ChildPath = 'prop' | 'entry' | 'item';

function childPath(path: string, key: string | number, how: ChildPath): string {
  switch (how) {
    case 'prop':
      return path ? `${path}.${key}` : String(key);
    case 'entry':
      return `${path}.${key}`;
    case 'item':
      return `${path}[${key}]`;
  }
}

/** A problem with one prop: its field path, what is wrong and how to fix it. */
export interface PropProblem {
  /** Field path within the props, e.g. `ports[0].port`. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

/**
 * Reports props that `shape` does not know (a typo such as `replica: 3` would otherwise vanish) and props
 * of the wrong type, as findings of the `props` layer on `scope`. Returns whether the props are sound.
 */
export function checkProps(scope: IConstruct, what: string, props: unknown, shape: PropShape, rules: PropRules = {}): boolean {
  return reportPropProblems(scope, propProblems(what, props, shape, rules));
}

/** Reports `problems` as findings of the `props` layer on `scope`. Returns whether there were none. */
function reportPropProblems(scope: IConstruct, problems: readonly PropProblem[]): boolean {
  for (const problem of problems) {
    reportFinding(scope, { layer: 'props', severity: 'error', ...problem });
  }
  return problems.length === 0;
}

/**
 * Reports `problems` a construct found in its props (beyond their shape) on `scope`, and throws
 * `PropsRejected` when there are any: the construct is not built from props it cannot use.
 */
export function rejectPropProblems(scope: IConstruct, what: string, problems: readonly PropProblem[]): void {
  if (!reportPropProblems(scope, problems)) {
    throw new PropsRejected(`the ${what}`);
  }
}

/** The `name` of an object that has one (a port, a container), or undefined. Pure. */
function namedObject(item: unknown): string | undefined {
  const name = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The problems {@link checkProps} reports, for props that belong to no construct yet (a platform choice). */
export function propProblems(what: string, props: unknown, shape: PropShape, rules: PropRules = {}): PropProblem[] {
  const problems: PropProblem[] = [];
  // Required props the user wrote under another name (a typo, another tool's name), already reported there.
  const meantProps = new Set<string>();
  // Objects in another tool's form, each already one error: props missing within them are not reported again.
  const formPaths: string[] = [];
  const report = (field: string, message: string, hint: string) => {
    problems.push({ field, message, hint });
  };
  // `key` is the map key of an entry (`'net.ipv4.ip_forward'` of sysctls), which a dotted path cannot tell apart.
  const reportLeaf = (value: unknown, leaf: PropLeaf, path: string, key?: string): void => {
    if (leaf === 'strings' && Array.isArray(value) && composeValueHint(value, leaf, path) === undefined && switchHint(value, leaf, path) === undefined) {
      // A list of words with one that is no text: the word, as Kubernetes would refuse it (args[1]), not the whole
      // list; unless the list as a whole is another tool's form, which its hint rewrites.
      value.forEach((item, i) => {
        if (typeof item !== 'string') {
          report(`${path}[${i}]`, `${path}[${i}] is ${describeValue(item)}, not a string`, item === undefined || item === null
            ? `give ${path}[${i}] a value, or leave it out (${describeValue(item)} here is typically an environment variable of the machine that runs synth that is not set: process.env.X)`
            : namedObject(item) !== undefined
              // A list of names given the objects they name (a port written out where its name is meant).
              ? `give its name alone, as text: ${literal(namedObject(item)!)}`
              : `write it as text: ${literal(typeof item === 'object' ? JSON.stringify(item) : String(item))}`);
        }
      });
      return;
    }
    const expected = leafProblem(value, leaf);
    const placeholder = expected ? fluxPlaceholderName(value) : undefined;
    if (placeholder !== undefined) {
      // A `${NS}` copied from a Flux repository is no misspelt name: its cause is the substitution this output lacks.
      const { message, hint } = fluxPlaceholderProblem(value as string, placeholder, `${path} would be taken as written, which is not ${expected}`);
      report(path, `${path} ${message}`, hint);
    } else if (expected) {
      report(path, `${path} is ${shownValue(value, path)}, not ${expected}`, credentialNameHint(value, leaf, path) ?? secretNameHint(value, leaf, path) ?? objectNameHint(value, leaf, path) ?? hostAsTextHint(value, leaf, path) ?? routeAsObjectHint(value, leaf, path)
        ?? composeValueHint(value, leaf, path) ?? switchHint(value, leaf, path, key) ?? (leaf === 'posixId' ? posixIdNameHint(value, path) : undefined)
        ?? (leaf === 'object' ? choiceNameHint(value, path) ?? requiredHint(rules, path) : undefined) ?? (leaf === 'image' ? imageValuesHint(value) ?? (typeof value === 'string' ? imageReferenceHint(value) : undefined) : undefined) ?? LEAF_HINTS[leaf] ?? `give ${path} ${expected}`);
    }
  };
  // A leaf (most props are) is checked where it is met: its field path is only written for a finding.
  const walkChild = (value: unknown, node: PropShape, path: string, key: string | number, how: ChildPath): void => {
    if (value === undefined) {
      if (how === 'prop' && typeof node === 'object' && '#instance' in node && PLACEMENT_PATH.test(path)) {
        // Written, yet undefined: a host or pool of the inventory read under a name it lacks (`nuc.zfs.tank` in a
        // .js lab), and the placement would pin nothing without a word. Elsewhere an undefined prop is one left out.
        const field = childPath(path, key, how);
        report(field, `${field} is undefined, where ${(node as InstanceShape)['#title']} belongs: the prop would be left out`,
          `check the name it was read by, or leave ${key} out of ${path || 'the props'}`);
      }
      return;
    }
    if (typeof node === 'string') {
      if (leafProblem(value, node) !== undefined) {
        reportLeaf(value, node, childPath(path, key, how), how === 'entry' ? String(key) : undefined);
      }
      return;
    }
    walk(value, node, childPath(path, key, how));
  };
  // One mistake, one error: an object in another tool's form, not each of its keys.
  const formAt = (record: Readonly<Record<string, unknown>>, path: string): ForeignForm | undefined => {
    const found = foreignFormReader(rules, path)?.(record, path);
    if (found) {
      report(found.key === undefined ? path || what : childPath(path, found.key, 'prop'), found.message, found.hint);
      formPaths.push(path);
      // A key of the form the object lacks is the prop the form stands for: one mistake, not also a missing prop.
      for (const key of found.keys) {
        if (record[key] === undefined) {
          meantProps.add(childPath(path, key, 'prop'));
        }
      }
    }
    return found;
  };
  const walk = (value: unknown, node: PropShape, path: string): void => {
    if (value === undefined) {
      return;
    }
    if (typeof node === 'string') {
      reportLeaf(value, node, path);
      return;
    }
    if ('#oneOf' in node) {
      const words = (node as ChoiceShape)['#oneOf'];
      if (typeof value !== 'string' || !words.includes(value)) {
        report(path, `${path} is ${describeValue(value)}, not one of ${words.join(', ')}`, choiceHint(value, node as ChoiceShape));
      }
      return;
    }
    if ('#instance' in node) {
      const shape = node as InstanceShape;
      if (!(value instanceof shape['#instance']) && shape['#instance'] === SecretReference && typeof value === 'string') {
        // Often the secret itself: named by its length, as the finding goes to the terminal and CI's logs.
        report(path, `${path} is text of ${value.length} characters, not ${shape['#title']}`, SECRET_AS_TEXT_HINT);
      } else if (!(value instanceof shape['#instance'])) {
        const named = typeof value === 'string' ? shape['#named']?.(value) : undefined;
        report(path, `${path} is ${describeValue(value)}, not ${shape['#title']}`, named ?? `pass ${shape['#title']}, not its name or a copy`);
      } else if (value instanceof SecretReference && value.callProblem !== undefined) {
        report(path, value.callProblem.message, value.callProblem.hint);
      }
      return;
    }
    if ('[]' in node) {
      if (!Array.isArray(value)) {
        if (value !== null && typeof value === 'object' && formAt(value as Record<string, unknown>, path)) {
          return; // a map where the list belongs, in another tool's form (app-template's ports by name)
        }
        const itemShape = (node as Record<string, PropShape>)['[]'];
        const byName = objectOfInstances(value, itemShape);
        if (byName !== undefined) {
          // `{ nas }` where `[nas]` belongs, as a site's pools and VLANs are keyed: the objects in it are the items.
          report(path, `${path} is an object of ${itemTitle(itemShape)} by name, not a list`, `list them: ${path.replace(/^.*\./, '')}: [${byName.join(', ')}]`);
          return;
        }
        // Several values in one text ('1.1.1.1, 8.8.8.8') are the list's items, written as the hint's list;
        // a reason is a sentence, whose words are no items of it.
        const items = typeof value === 'string' && itemShape === 'reason' ? [value]
          : typeof value === 'string' && (typeof itemShape === 'string' || (typeof itemShape === 'object' && '#oneOf' in itemShape)) ? itemsOfText(value) : [];
        // Numbers written as text ('44') are numbers in the list a numeric item shape takes: [44], not ['44'].
        const numeric = typeof itemShape === 'string' && NUMERIC_LEAVES.has(itemShape) && items.length > 0 && items.every((item) => /^-?\d+(\.\d+)?$/.test(item));
        report(path, `${path} is ${describeValue(value)}, not a list`,
          `give ${path} as a list: ${numeric ? `[${items.join(', ')}]` : items.length > 0 ? listText(items) : listOfWritten(value, itemShape) ?? '[ … ]'}`);
        return;
      }
      const items = (node as Record<string, PropShape>)['[]'];
      for (let i = 0; i < value.length; i++) {
        if (value[i] === undefined || value[i] === null) {
          // A hole in a list is a mistake whatever the list takes (often `cond && item` or an unset variable).
          const field = childPath(path, i, 'item');
          report(field, `${field} is ${describeValue(value[i])}`, `leave it out of ${path}, or give it a value`);
          continue;
        }
        walkChild(value[i], items, path, i, 'item');
      }
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      if (value === false && path.split('.').length > 1) {
        return; // `false` turns an optional part off (e.g. a probe).
      }
      const factory = rules.madeBy?.[path];
      report(path || what, `${path || 'props'} is ${shownValue(value, path)}, not ${factory === undefined ? 'an object' : 'made by one of its factories'}`,
        (factory === undefined ? undefined : madeByHint(value, factory))
        ?? composeValueHint(value, 'object', path) ?? routeTextHint(value, path) ?? switchHint(value, 'object', path)
        // A required prop's hint says how to write it, which serves a value of the wrong kind as well as a missing one.
        ?? requiredHint(rules, path) ?? objectHint(value, node as Record<string, PropShape>, path, rules));
      return;
    }
    const builtIn = builtInObjectProblem(value, path || `the ${what} given`, '{}' in node);
    if (builtIn) {
      // Its entries are no keys of it: read as an object, it would be an empty one (every namespace, for a peer).
      report(path || what, builtIn.message, builtIn.hint);
      return;
    }
    const record = value as Record<string, unknown>;
    // A Symbol key is no text: for-in, Object.keys and the YAML writer pass it over, so its entry would be dropped.
    const symbol = Object.getOwnPropertySymbols(record).find((key) => Object.prototype.propertyIsEnumerable.call(record, key));
    if (symbol !== undefined) {
      const name = symbol.description ?? '';
      report(path || what, `${path || 'props'} has the key ${symbol.toString()}, a Symbol, not text: its ${'{}' in node ? 'entry' : 'prop'} would be dropped without a word`,
        `write the key as text${name === '' ? '' : `: '${name}'`} (a computed key [k] takes k's text; a Symbol is no name)`);
    }
    if ('{}' in node) {
      const values = (node as Record<string, PropShape>)['{}'];
      const mapForm = formAt(record, path);
      // for-in with an own-key test lists what Object.keys would, without the array: props of thousands of apps are walked.
      for (const key in record) {
        if (!Object.prototype.hasOwnProperty.call(record, key) || mapForm?.keys.includes(key)) {
          continue;
        }
        const item = record[key];
        if (item === undefined) {
          // Typically an unset environment variable of the machine that runs synth (process.env.X).
          report(`${path}.${key}`, `${path}.${key} is undefined`, `give ${key} a value, or leave it out of ${path}`);
          continue;
        }
        walkChild(item, values, path, key, 'entry');
      }
      return;
    }
    const prototype = Object.getPrototypeOf(record);
    if (prototype !== null && prototype !== Object.prototype && Object.keys(record).some((key) => !Object.prototype.hasOwnProperty.call(node, key))) {
      // An object of another kind (a host where placement options belong): one finding, not one per field it has.
      const factory = rules.madeBy?.[path];
      // A host of the inventory where options that name one belong (`placement: pi1`) is meant under that key.
      const host = 'host' in node && String((record as { inventoryPath?: unknown }).inventoryPath).startsWith('inventory/host/') ? String(record.name) : undefined;
      report(path || what, `${path || 'props'} is ${describeValue(value)}, not ${factory !== undefined ? 'made by one of its factories' : path ? `the options of ${path}` : `the props of ${what}`}`,
        factory !== undefined ? `make it with ${factory}`
          : host !== undefined && path ? `name the host under its key: ${path}: { host: ${/^[A-Za-z_$][\w$]*$/.test(host) ? host : `<host('${host}', …)>`} } (${path} takes ${Object.keys(node).join(', ')})`
            : `give ${path || 'the props'} as { … } with ${Object.keys(node).join(', ')}`);
      return;
    }
    const form = formAt(record, path);
    const variant = rules.variantKeys?.[path]?.(props as Record<string, unknown>);
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key) || form?.keys.includes(key)) {
        continue;
      }
      const item = record[key];
      if (!Object.prototype.hasOwnProperty.call(node, key) || (variant !== undefined && !variant.keys.includes(key))) {
        const field = childPath(path, key, 'prop');
        const known: string[] = variant ? [...variant.keys] : Object.keys(node);
        // A size given as a bare number is one mistake more, which the hint mends too: its unit.
        const spelling = sizeSpelling(key, known, typeof item === 'number' && item > 0 ? `'${item}Gi'` : literal(item));
        const closest = closestName(key, known);
        // A word of three letters is one letter from many names (`csi`, `cdi`): the names that hold it are
        // more likely meant. A longer one that close is a typo (`prot` for `port`).
        const holding = key.length > 3 || (closest !== undefined && closest.toLowerCase().includes(key.toLowerCase())) ? [] : namesHolding(key, known);
        const near = spelling?.prop ?? (holding.length > 0 ? (holding.length === 1 ? holding[0] : undefined) : closest) ?? missingRequiredWithin(key, known, record, path, rules);
        const foreign = foreignProp(rules, field) ?? (near === undefined ? foreignPropNear(rules, path, key) : undefined);
        const meant = foreign ? foreign[2] : near;
        if (meant !== undefined && record[meant] === undefined) {
          // One mistake, one error: the prop written under another name is not also missing.
          meantProps.add(childPath(path, meant, 'prop'));
        }
        // A prop of a nested option written one level up (`runAsRoot` for `exemptions.runAsRoot`) is no typo.
        const nestedIn = foreign || spelling ? undefined : Object.keys(node).find((name) => {
          const child = (node as Record<string, unknown>)[name];
          return typeof child === 'object' && child !== null && !Array.isArray(child) && Object.prototype.hasOwnProperty.call(child, key);
        });
        report(field, `${what} has no prop "${key}"${path ? ` in ${path}` : ''}${variant ? ` of ${variant.chosen}` : ''}; it would be ignored`,
          foreign?.[1] ?? spelling?.hint ?? (nestedIn ? `${key} is an option of ${nestedIn}: ${nestedIn}: { ${key}: … }` : near ? `did you mean "${near}"?`
            : `${holding.length > 1 ? `did you mean ${holding.map((name) => `"${name}"`).join(' or ')}? ` : ''}${variant?.chosen ?? what} knows: ${known.join(', ') || 'no props'}`));
        continue;
      }
      walkChild(item, (node as Record<string, PropShape>)[key], path, key, 'prop');
    }
  };
  if (props === undefined || props === null) {
    // A factory's name ends in its call, `flux()`: it takes its options alone, a construct takes scope and id first.
    report('props', `${what} was given no props`, what.endsWith('()')
      ? `pass its options as an object, ${what.slice(0, -1)}{ … }), or leave them out where none are needed`
      : `pass the props object: new ${what}(scope, id, { … })`);
    return problems;
  }
  walk(props, shape, '');
  if (typeof props !== 'object' || Array.isArray(props) || builtInObjectProblem(props, '', false) !== undefined) {
    return problems; // reported above; listing every required prop as missing would repeat it
  }
  // An object already reported as a whole (a SecretReference where options belong) is one mistake: the
  // props it lacks are not each missing too.
  const within = (at: string, missing: string) => missing.startsWith(`${at}.`) || missing.startsWith(`${at}[`);
  let wholes: string[] | undefined;
  // Indexed: the required props of thousands of apps are asked for, and nearly all are there.
  for (let r = 0, required = rules.required ?? []; r < required.length; r++) {
    const missingHere = missingProps(props, pathOf(required[r][0]));
    for (let m = 0; m < missingHere.length; m++) {
      const missing = missingHere[m];
      wholes ??= [...formPaths, ...problems.map((problem) => problem.field)];
      if (meantProps.has(missing) || wholes.some((at) => within(at, missing))) {
        continue;
      }
      report(missing, `${what} needs ${missing}`, required[r][1]);
    }
  }
  for (const at of rules.unique ?? []) {
    for (const [field, items] of listsAt(props, pathOf(at))) {
      const first = new Map<unknown, number>();
      items.forEach((item, i) => {
        const earlier = typeof item === 'string' ? first.get(item) : undefined;
        if (earlier !== undefined) {
          report(`${field}[${i}]`, `${field}[${i}] is ${field}[${earlier}] again, "${String(item)}"`, `list each once: drop ${field}[${i}], or write the name meant there`);
        } else if (typeof item === 'string') {
          first.set(item, i);
        }
      });
    }
  }
  for (const group of rules.atMostOne ?? []) {
    const holder = group.at.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), props);
    if (holder === undefined || holder === false || holder === null || typeof holder !== 'object') {
      continue;
    }
    const set = group.props.filter((p) => (holder as Record<string, unknown>)[p] !== undefined && (holder as Record<string, unknown>)[p] !== false);
    if (set.length > 1) {
      report(group.at, `${group.at} sets ${set.join(' and ')}, which exclude each other`, `keep one of ${set.join(', ')}`);
    }
  }
  return problems;
}

/**
 * Per rules, the foreign-form reader of each field path met, or null where none applies. Every object and
 * map in the props of thousands of apps is asked, at the same few paths (`ports[0]`, `persistence.data`).
 */
const FORM_READERS = new WeakMap<PropRules, Map<string, ForeignFormReader | null>>();

/** The reader of the foreign form that `rules` place at the field path `path`, if any. */
function foreignFormReader(rules: PropRules, path: string): ForeignFormReader | undefined {
  if (rules.foreignForms === undefined) {
    return undefined;
  }
  let readers = FORM_READERS.get(rules);
  if (readers === undefined) {
    readers = new Map();
    FORM_READERS.set(rules, readers);
  }
  let reader = readers.get(path);
  if (reader === undefined) {
    reader = rules.foreignForms.find(([at]) => matchesPath(at, path))?.[1] ?? null;
    readers.set(path, reader);
  }
  return reader ?? undefined;
}

/** How to write here the prop of another tool at `field` (`containers.app.healthCheck.test`), when `rules` name it. */
function foreignProp(rules: PropRules, field: string): NonNullable<PropRules['foreign']>[number] | undefined {
  return rules.foreign?.find(([prop]) => matchesPath(prop, field));
}

/**
 * The prop of another tool beside `key` in the object at `path` whose name `key` misspells (`traefk` in
 * `componentResources`, where `traefik` is sized by its factory), with "did you mean" before its hint: the
 * one the user meant, where the names of the shape hold none close to it.
 */
function foreignPropNear(rules: PropRules, path: string, key: string): NonNullable<PropRules['foreign']>[number] | undefined {
  const beside = (rules.foreign ?? []).filter(([prop]) => {
    const dot = prop.lastIndexOf('.');
    return dot < 0 ? path === '' : path !== '' && matchesPath(prop.slice(0, dot), path);
  });
  const nameOf = (prop: string) => prop.slice(prop.lastIndexOf('.') + 1);
  const meant = closestName(key, beside.map(([prop]) => nameOf(prop)));
  const entry = meant === undefined ? undefined : beside.find(([prop]) => nameOf(prop) === meant);
  return entry && [entry[0], `did you mean "${meant}"? ${entry[1]}`, entry[2]];
}

/** Whether the field path `field` (`containers[0].resources`) is one that the dotted `pattern` names (`containers.*.resources`). */
function matchesPath(pattern: string, field: string): boolean {
  // Asked for every object in the props of thousands of apps, most of which end in another name: the
  // last name answers that without splitting.
  if (!endsWithLastPart(pattern, field)) {
    return false;
  }
  const parts = field.replace(/\[(\d+)\]/g, '.$1').split('.');
  const expected = pattern.split('.');
  return expected.length === parts.length && expected.every((part, i) => part === '*' || part === parts[i]);
}

/** Whether `field` could end in the last name of `pattern` (always, when that is `*`), as a whole part. */
function endsWithLastPart(pattern: string, field: string): boolean {
  const start = pattern.lastIndexOf('.') + 1;
  const length = pattern.length - start;
  if ((length === 1 && pattern.charCodeAt(start) === 42 /* * */) || field.charCodeAt(field.length - 1) === 93 /* ] */) {
    return true; // any name, or a list item's index: the full comparison decides
  }
  const offset = field.length - length;
  if (offset < 0 || (offset > 0 && field.charCodeAt(offset - 1) !== 46 /* . */)) {
    return false;
  }
  for (let i = 0; i < length; i++) {
    if (pattern.charCodeAt(start + i) !== field.charCodeAt(offset + i)) {
      return false;
    }
  }
  return true;
}

/**
 * The field paths where a required prop is missing: `path` is its dotted path, where `*` stands for
 * every entry of a map or item of a list. Only objects that are there are asked: a parent left out is
 * no missing child (the parent's own rule, if any, reports it). The keys walked are kept as a trail and
 * made into a field path only where a prop is missing: nearly every construct has its required props,
 * and thousands of them are asked about each.
 */
function missingProps(value: unknown, path: readonly string[]): readonly string[] {
  // Module-level functions and one reused trail, not closures and arrays per call: each required prop of
  // every app is asked about, and the closures were most of what the check allocated.
  trailKeys.length = 0;
  trailHows.length = 0;
  return missingUnder(value, path, 0, undefined) ?? NONE_MISSING;
}

/** The keys walked from the props to the node {@link missingUnder} reads, and how each extends the field path. */
const trailKeys: Array<string | number> = [];
const trailHows: ChildPath[] = [];

/** {@link missingProps} from `node`, at `path[from]`, added to `missing`. */
function missingUnder(node: unknown, path: readonly string[], from: number, missing: string[] | undefined): string[] | undefined {
  if (node === null || typeof node !== 'object') {
    return missing;
  }
  const head = path[from];
  if (head === '*') {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (i in node) {
          missing = missingBelow(i, 'item', node[i], path, from + 1, missing);
        }
      }
    } else if (isPlainObject(node)) {
      // An object of a class (k3s() where [k3s()] belongs) is reported as not a list: its fields are no entries.
      for (const key in node) {
        missing = missingBelow(key, 'entry', (node as Record<string, unknown>)[key], path, from + 1, missing);
      }
    }
    return missing;
  }
  if (Array.isArray(node)) {
    return missing; // a list where an object belongs, reported as such: its props are not also missing
  }
  const child = (node as Record<string, unknown>)[head];
  if (from === path.length - 1) {
    if (child === undefined) {
      const at = trailKeys.reduce<string>((field, key, i) => childPath(field, key, trailHows[i]), '');
      (missing ??= []).push(childPath(at, head, 'prop'));
    }
    return missing;
  }
  // Most nested rules meet no parent (few apps have sidecars).
  if (child !== null && typeof child === 'object') {
    missing = missingBelow(head, 'prop', child, path, from + 1, missing);
  }
  return missing;
}

/** {@link missingUnder} of `child`, reached from its parent by `key`. */
function missingBelow(key: string | number, how: ChildPath, child: unknown, path: readonly string[], from: number, missing: string[] | undefined): string[] | undefined {
  trailKeys.push(key);
  trailHows.push(how);
  const result = missingUnder(child, path, from, missing);
  trailKeys.pop();
  trailHows.pop();
  return result;
}

/** The lists at `path` (`*` for every entry of a map or item of a list), each with its field path. */
function listsAt(value: unknown, path: readonly string[], from = 0, at = ''): Array<[string, readonly unknown[]]> {
  if (from === path.length) {
    return Array.isArray(value) ? [[at, value]] : [];
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const head = path[from];
  if (head === '*') {
    return Array.isArray(value)
      ? value.flatMap((item, i) => listsAt(item, path, from + 1, childPath(at, i, 'item')))
      : isPlainObject(value) ? Object.entries(value).flatMap(([key, entry]) => listsAt(entry, path, from + 1, childPath(at, key, 'entry'))) : [];
  }
  return Array.isArray(value) ? [] : listsAt((value as Record<string, unknown>)[head], path, from + 1, childPath(at, head, 'prop'));
}

/** No missing prop: one list for nearly every answer, never written to. */
const NONE_MISSING: readonly string[] = Object.freeze([]);

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The parts of a required prop's dotted path, split once: the rules are the same for thousands of constructs. */
const requiredPaths = new Map<string, readonly string[]>();

function pathOf(prop: string): readonly string[] {
  let path = requiredPaths.get(prop);
  if (path === undefined) {
    path = prop.split('.');
    requiredPaths.set(prop, path);
  }
  return path;
}

/**
 * Checks `props` against `shape` and `rules` (see {@link checkProps}), reporting each problem on `scope`,
 * and throws `PropsRejected` when they do not fit: a construct is not built from props it cannot use, so
 * one mistake gives one error.
 */
export function requireProps(scope: IConstruct, what: string, props: unknown, shape: PropShape, rules: PropRules): void {
  if (props !== undefined && props !== null && (typeof props !== 'object' || Array.isArray(props))) {
    reportFinding(scope, {
      layer: 'props', severity: 'error', field: 'props', message: `${what} was given ${describeValue(props)} as its props`,
      hint: `pass the props object: new ${what}(scope, id, { … })`,
    });
    throw new PropsRejected(`the ${what}`);
  }
  if (!checkProps(scope, what, props, shape, rules)) {
    throw new PropsRejected(`the ${what}`);
  }
}
