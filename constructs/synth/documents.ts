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

/** The documents of a set of files, by identity; non-YAML files count as one text document. */
export function documentEntries(files: ReadonlyMap<string, string>): Map<string, DocumentEntry> {
  const byId = new Map<string, DocumentEntry>();
  for (const [file, text] of files) {
    const docs = /\.ya?ml$/.test(file) ? yaml.loadAll(text).filter((d) => d !== null && d !== undefined) : [text];
    docs.forEach((doc, index) => {
      const id = objectIdentity(file, doc);
      byId.set(byId.has(id) ? `${id} #${index}` : id, { file, doc });
    });
  }
  return byId;
}

