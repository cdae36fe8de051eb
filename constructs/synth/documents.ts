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

/**
 * The documents of a set of files, by identity; non-YAML files count as one text document. A file that
 * `rendered` holds the objects of (those synth just rendered with `toYamlStream`) is not parsed back:
 * its documents are copies of those objects as the YAML reads back (see {@link asReadBack}).
 */
export function documentEntries(files: ReadonlyMap<string, string>, rendered?: ReadonlyMap<string, readonly object[]>): Map<string, DocumentEntry> {
  const byId = new Map<string, DocumentEntry>();
  for (const [file, text] of files) {
    const docs = /\.ya?ml$/.test(file) ? readBackAll(rendered?.get(file)) ?? yaml.loadAll(text).filter((d) => d !== null && d !== undefined) : [text];
    docs.forEach((doc, index) => {
      const id = objectIdentity(file, doc);
      byId.set(byId.has(id) ? `${id} #${index}` : id, { file, doc });
    });
  }
  return byId;
}

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
