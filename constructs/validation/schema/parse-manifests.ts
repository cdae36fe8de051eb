import { loadAll, YAMLException } from 'js-yaml';

/** A problem found while parsing a manifest file. */
export interface ManifestParseError {
  /** 1-based line of the problem, when known. */
  readonly line?: number;
  /** What is wrong, prefixed with the file name. */
  readonly message: string;
}

/** Result of {@link parseManifests}. */
export interface ParsedManifests {
  /** Every document that is a mapping, in file order; empty documents are skipped. */
  readonly docs: Record<string, unknown>[];
  /** Every problem, in file order. */
  readonly errors: ManifestParseError[];
}

// At column 0, `---` and `...` followed by a blank always mark a document boundary in YAML,
// even inside a scalar, so cutting there is exact and lets one broken document not hide the rest.
const DOCUMENT_START = /^---(?=[ \t]|$)/;

/**
 * Parse a multi-document YAML file strictly (YAML 1.2 core schema, as js-yaml writes it):
 * duplicate keys are errors with their line, a document that is not a mapping is an error, and a
 * syntax error in one document does not stop the others from being read.
 */
export function parseManifests(text: string, fileName: string): ParsedManifests {
  const docs: Record<string, unknown>[] = [];
  const errors: ManifestParseError[] = [];
  for (const chunk of splitDocuments(text)) {
    let parsed: unknown[];
    try {
      parsed = loadAll(chunk.text, { filename: fileName });
    } catch (e) {
      errors.push(describeError(e, chunk, fileName));
      continue;
    }
    for (const doc of parsed) {
      if (doc === null || doc === undefined) continue;
      if (typeof doc !== 'object' || Array.isArray(doc)) {
        errors.push({ line: chunk.firstLine, message: `${fileName}:${chunk.firstLine}: document is ${Array.isArray(doc) ? 'a list' : 'a scalar'}, expected a mapping (a Kubernetes object)` });
        continue;
      }
      docs.push(doc as Record<string, unknown>);
    }
  }
  return { docs, errors };
}

interface Chunk {
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly firstLine: number;
}

function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && !DOCUMENT_START.test(lines[i])) continue;
    const body = lines.slice(start, i);
    // A `%YAML` directive before `---` belongs to the document that follows it.
    if (i < lines.length && body.some(line => line.startsWith('%')) && body.every(line => /^(%.*|\s*(#.*)?)$/.test(line))) continue;
    chunks.push({ text: body.join('\n'), firstLine: start + 1 });
    start = i;
  }
  return chunks;
}

function describeError(e: unknown, chunk: Chunk, fileName: string): ManifestParseError {
  if (!(e instanceof YAMLException)) return { line: chunk.firstLine, message: `${fileName}: ${String(e)}` };
  const mark = e.mark as { line?: number; position?: number } | undefined;
  const line = mark?.line === undefined ? chunk.firstLine : chunk.firstLine + mark.line;
  let reason = e.reason;
  if (reason === 'duplicated mapping key' && mark?.position !== undefined) {
    const key = /^\s*(?:-\s+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^:#\n]+?)\s*:/.exec(chunk.text.slice(mark.position));
    if (key) reason = `duplicate key ${JSON.stringify(key[1].replace(/^["']|["']$/g, ''))}`;
  }
  return { line, message: `${fileName}:${line}: ${reason}` };
}
