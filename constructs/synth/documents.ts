import * as yaml from 'js-yaml';

/** Parsed documents of output files, each known by the identity of its object. */

/** A parsed document and where it came from. */
export interface DocumentEntry {
  /** The file of the cluster folder that holds it. */
  readonly file: string;
  /** The parsed document. */
  readonly doc: unknown;
}

/** Whether `value` is a plain object (a mapping of YAML). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The identity of a document: `<Kind> <namespace>/<name>` with the API group (versions may change under
 * an object without it being another object), or the file path for documents without a name
 * (kustomization.yaml) and files that are not YAML.
 */
export function objectIdentity(file: string, doc: unknown): string {
  if (isRecord(doc) && typeof doc.kind === 'string' && isRecord(doc.metadata) && typeof doc.metadata.name === 'string') {
    const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const namespace = typeof doc.metadata.namespace === 'string' ? `${doc.metadata.namespace}/` : '';
    return `${doc.kind}${group ? `.${group}` : ''} ${namespace}${doc.metadata.name}`;
  }
  return file;
}

/** What synth just rendered of a cluster's files: the documents of those are known without parsing them. */
export interface RenderedDocuments {
  /** The objects each YAML file was rendered from with `toYamlStream`, in document order. */
  readonly objects: ReadonlyMap<string, readonly object[]>;
  /** The text of each rendered file. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * The documents of a set of files, by identity; non-YAML files count as one text document. The documents
 * of a file `rendered` holds are copies of its objects as their YAML reads back (see {@link asReadBack}),
 * not parsed; those of another version of such a file (the previous output's) are parsed only where their
 * text differs from the rendered documents'.
 */
export function documentEntries(files: ReadonlyMap<string, string>, rendered?: RenderedDocuments): Map<string, DocumentEntry> {
  const byId = new Map<string, DocumentEntry>();
  for (const [file, text] of files) {
    const docs = /\.ya?ml$/.test(file) ? yamlDocuments(text, rendered?.objects.get(file), rendered?.texts.get(file)) : [text];
    docs.forEach((doc, index) => {
      const id = objectIdentity(file, doc);
      byId.set(byId.has(id) ? `${id} #${index}` : id, { file, doc });
    });
  }
  return byId;
}

/** The non-empty documents of a YAML stream, `objects` and `renderedText` being what synth rendered at its path (if anything). */
function yamlDocuments(text: string, objects: readonly object[] | undefined, renderedText: string | undefined): unknown[] {
  const parse = (stream: string) => yaml.loadAll(stream).filter((d) => d !== null && d !== undefined);
  if (objects === undefined || renderedText === undefined) {
    return parse(text);
  }
  if (text === renderedText) {
    return readBackAll(objects) ?? parse(text);
  }
  // Another version of a rendered file: a document whose text is a rendered one's is that object. An edit
  // changes a document or two of a file, and only those are parsed, in one stream.
  const renderedDocs = documentTexts(renderedText);
  if (renderedDocs.length !== objects.length) {
    return parse(text);
  }
  const objectOf = new Map(renderedDocs.map((doc, index) => [doc, objects[index]]));
  const texts = documentTexts(text);
  const copies = texts.map((doc) => {
    const object = objectOf.get(doc);
    return object === undefined ? NOT_COPIED : asReadBack(object);
  });
  const changed = texts.filter((_doc, index) => copies[index] === NOT_COPIED);
  if (changed.length === texts.length || changed.some((doc) => DOCUMENT_MARKS.test(doc))) {
    return parse(text);
  }
  // Without marks of their own, the changed texts are one document each (an empty one, null); but the first,
  // which is none when it holds nothing: the counts then differ, and the file is parsed as a whole.
  const parsed = changed.length > 0 ? yaml.loadAll(changed.join('---\n')) : [];
  if (parsed.length !== changed.length) {
    return parse(text);
  }
  let next = 0;
  return copies.map((copy) => (copy === NOT_COPIED ? parsed[next++] : copy)).filter((d) => d !== null && d !== undefined);
}

/** A line that starts or ends a document, or a directive: a text that holds one is parsed with its whole file. */
const DOCUMENT_MARKS = /^(?:---|\.\.\.|%)/m;

/** The texts of the documents of a YAML stream as `toYamlStream` writes it: split at each line `---`. */
function documentTexts(stream: string): string[] {
  const texts: string[] = [];
  let start = 0;
  for (let at = stream.indexOf('---\n'); at !== -1; at = stream.indexOf('---\n', at + 4)) {
    if (at === 0 || stream.charCodeAt(at - 1) === LINE_FEED) {
      texts.push(stream.slice(start, at));
      start = at + 4;
    }
  }
  texts.push(stream.slice(start));
  return texts;
}

const LINE_FEED = 10;

/** The documents the YAML of `objects` reads back as, or undefined when one of them holds what {@link asReadBack} cannot copy. */
function readBackAll(objects: readonly object[] | undefined): unknown[] | undefined {
  if (objects === undefined) {
    return undefined;
  }
  const docs: unknown[] = [];
  for (const object of objects) {
    const doc = asReadBack(object);
    if (doc === NOT_COPIED) {
      return undefined;
    }
    docs.push(doc);
  }
  return docs;
}

/** What {@link asReadBack} returns for a value it leaves to the parser. */
const NOT_COPIED = Symbol('not copied');

/**
 * A JSON-shaped value as its YAML reads back: a fresh copy, without the keys whose value is undefined, and
 * with null for an undefined item; {@link NOT_COPIED} for anything but plain objects, arrays, strings,
 * numbers, booleans and null (js-yaml writes those its own way). Parsing the text gives the same, at many
 * times the cost.
 */
function asReadBack(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) {
        return null;
      }
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (const item of value) {
          const copy = item === undefined ? null : asReadBack(item);
          if (copy === NOT_COPIED) {
            return NOT_COPIED;
          }
          items.push(copy);
        }
        return items;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        return NOT_COPIED;
      }
      const copy: Record<string, unknown> = {};
      for (const key in value) {
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined) {
          continue;
        }
        const fieldCopy = asReadBack(field);
        if (fieldCopy === NOT_COPIED || key === '__proto__') {
          return NOT_COPIED;
        }
        copy[key] = fieldCopy;
      }
      return copy;
    }
    default:
      return NOT_COPIED;
  }
}
