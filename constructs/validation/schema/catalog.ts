import { createHash } from 'crypto';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { loadAll } from 'js-yaml';
import { indexCoreDefinitions } from './core-definitions';
import { indexCrdDocument } from './crd-schemas';
import { DiskCache } from './disk-cache';
import { thrownMessage } from '../thrown-message';

/** Where the schema of one apiVersion/kind comes from. */
export interface CatalogEntry {
  readonly apiVersion: string;
  readonly kind: string;
  /** Absolute path of the file that holds the schema. */
  readonly file: string;
  /** Content hash of that file; part of every cache key derived from it. */
  readonly sha: string;
  /** Core definition name, for entries from the Kubernetes definitions file. */
  readonly definition?: string;
  /** YAML document index and version name, for entries from CRD files. */
  readonly doc?: number;
  readonly version?: string;
  /** Whether the CRD version serves the scale subresource; undefined for core kinds. */
  readonly scale?: boolean;
}

/**
 * A schema path that gave no schema: a file that does not parse, a core definitions file without Kubernetes
 * definitions, a CRD path without any CustomResourceDefinition.
 */
export interface UnreadableSchemaSource {
  /** The file or folder, as given. */
  readonly path: string;
  /** Whether it was given as the core definitions or as a CRD path. */
  readonly source: 'core' | 'crds';
  /** What is wrong with it, e.g. `holds no CustomResourceDefinition with a schema`. */
  readonly reason: string;
}

/** All kinds with a schema, plus lazy access to the files that define them. */
export interface Catalog {
  /** Keyed by `${apiVersion}/${kind}`. */
  readonly entries: ReadonlyMap<string, CatalogEntry>;
  /** The core definitions file and its hash, when one is used. */
  readonly core?: { readonly file: string; readonly sha: string };
  /** Parsed documents of a catalogued file, read once per process. */
  documents(file: string): unknown[];
  /** The paths that gave no schema, in the order they were read. */
  readonly unreadable: readonly UnreadableSchemaSource[];
}

/** Key of a kind in {@link Catalog.entries}. */
export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

// Bump when the shape of the cached index changes.
const INDEX_FORMAT = 3;
const INDEX_FILE = `catalog-v${INDEX_FORMAT}.json`;

type IndexedKind = Omit<CatalogEntry, 'file' | 'sha'> & { readonly crd?: string };
interface FileStamp { readonly size: number; readonly mtimeMs: number; readonly sha: string }
interface Index {
  readonly stamps: Record<string, FileStamp>;
  readonly kinds: Record<string, IndexedKind[]>;
}

/**
 * Index the kinds declared by the core definitions file and by every CRD file under `crdPaths`
 * (files or folders, walked in sorted order; the first definition of a CRD or kind wins).
 *
 * Parsing 16 MB of CRD YAML takes about half a second, so the kinds found in each file are cached
 * by content hash, and content hashes by file size and mtime: an unchanged tree costs one `stat`
 * per file, a fresh clone of the same files one hash per file.
 */
export function loadCatalog(coreFile: string | undefined, crdPaths: readonly string[], cache: DiskCache | undefined): Catalog {
  const index = readIndex(cache);
  let dirty = false;
  const parsed = new Map<string, unknown[]>();
  const documents = (file: string): unknown[] => {
    let docs = parsed.get(file);
    if (docs === undefined) {
      const text = readFileSync(file, 'utf8');
      docs = file.endsWith('.json') ? [JSON.parse(text)] : loadAll(text);
      parsed.set(file, docs);
    }
    return docs;
  };
  const unreadable: UnreadableSchemaSource[] = [];
  const kindsOf = (file: string, isCore: boolean): { sha: string; kinds: IndexedKind[] } => {
    const stat = statSync(file);
    const stamp = index.stamps[file];
    // One file read as core definitions and as CRDs (a path given for the other) holds other kinds in each role.
    const kindsKey = (sha: string) => (isCore ? `core:${sha}` : sha);
    if (stamp !== undefined && stamp.size === stat.size && stamp.mtimeMs === stat.mtimeMs && index.kinds[kindsKey(stamp.sha)] !== undefined) {
      return { sha: stamp.sha, kinds: index.kinds[kindsKey(stamp.sha)] };
    }
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    index.stamps[file] = { size: stat.size, mtimeMs: stat.mtimeMs, sha };
    dirty = true;
    if (index.kinds[kindsKey(sha)] === undefined) {
      let parsed: unknown[];
      try {
        parsed = documents(file);
      } catch (error) {
        // Not remembered: the file is read again once it is mended.
        unreadable.push({ path: file, source: isCore ? 'core' : 'crds', reason: `does not parse as ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${thrownMessage(error).split('\n')[0]})` });
        return { sha, kinds: [] };
      }
      index.kinds[kindsKey(sha)] = isCore ? coreKinds(parsed[0]) : crdKinds(parsed);
    }
    return { sha, kinds: index.kinds[kindsKey(sha)] };
  };

  const entries = new Map<string, CatalogEntry>();
  let core: Catalog['core'];
  if (coreFile !== undefined) {
    const { sha, kinds } = kindsOf(coreFile, true);
    // A file without definitions is no core schema: validators would look for ObjectMeta in it.
    if (kinds.length > 0) {
      core = { file: coreFile, sha };
      for (const kind of kinds) entries.set(kindKey(kind.apiVersion, kind.kind), { ...kind, file: coreFile, sha });
    } else if (!unreadable.some((u) => u.path === coreFile)) {
      unreadable.push({ path: coreFile, source: 'core', reason: 'holds no Kubernetes OpenAPI definitions (a "definitions" object of io.k8s schemas)' });
    }
  }
  const crds = new Set<string>();
  for (const path of crdPaths) {
    let found = 0;
    const before = unreadable.length;
    for (const file of listSchemaFiles(path)) {
      const { sha, kinds } = kindsOf(file, false);
      found += kinds.length;
      const added = new Set<string>();
      for (const { crd, ...kind } of kinds) {
        const key = kindKey(kind.apiVersion, kind.kind);
        if ((crds.has(crd!) && !added.has(crd!)) || entries.has(key)) continue;
        crds.add(crd!);
        added.add(crd!);
        entries.set(key, { ...kind, file, sha });
      }
    }
    if (found === 0 && unreadable.length === before) {
      unreadable.push({ path, source: 'crds', reason: 'holds no CustomResourceDefinition with a schema (.yaml, .yml or .json files)' });
    }
  }
  if (dirty) cache?.write(INDEX_FILE, JSON.stringify(index));
  return { entries, core, documents, unreadable };
}

function coreKinds(document: unknown): IndexedKind[] {
  const definitions = (document as { definitions?: Record<string, Record<string, unknown>> }).definitions ?? {};
  return indexCoreDefinitions(definitions);
}

function crdKinds(documents: unknown[]): IndexedKind[] {
  return documents.flatMap((document, doc) => indexCrdDocument(document, doc));
}

function readIndex(cache: DiskCache | undefined): Index {
  const text = cache?.read(INDEX_FILE)?.toString('utf8');
  if (text !== undefined) {
    try {
      return JSON.parse(text) as Index;
    } catch {
      // a torn or foreign file: rebuild
    }
  }
  return { stamps: {}, kinds: {} };
}

/** The schema files under `path` (a file or a folder, walked in sorted order). */
export function listSchemaFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap(entry => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return listSchemaFiles(child);
      return /\.(ya?ml|json)$/.test(entry.name) ? [child] : [];
    });
}
