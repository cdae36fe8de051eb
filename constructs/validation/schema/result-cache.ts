import * as crypto from 'crypto';
import { DiskCache } from './disk-cache';
import { isKnownPlainJson } from './plain-json';

// Bump when the meaning of a stored digest or the file layout changes.
const RESULTS_FORMAT = 3;
const RESULTS_FILE = `valid-v${RESULTS_FORMAT}.bin`;
/** Bytes kept of each SHA-1 digest: 128 bits, far from any chance collision among the objects a cache holds. */
const DIGEST_BYTES = 16;
/**
 * Digests kept on disk at most (4.25 MiB with their ages). Test runs leave many one-off objects (each in
 * a temporary output folder); past this many, the least recently used go first.
 */
const MAX_ENTRIES = 1 << 18;
/**
 * Least time between two writes of the file that {@link ValidResults.add} schedules, in milliseconds. A
 * write reads, merges and rewrites the whole file (megabytes once it is full); a process that
 * synthesizes again and again (a test runner, a script over many labs) would otherwise pay that after
 * every run, and a run of synth pays it once either way.
 */
const MIN_FLUSH_INTERVAL_MS = 1000;

/**
 * Node's one-shot hash (Node 20.12 and later), else undefined. It makes no Hash object per key: a synth
 * asks for one key per object, and tens of thousands of Hash objects with their native parts weigh on
 * garbage collection.
 */
const ONE_SHOT_HASH = (crypto as Partial<Pick<typeof crypto, 'hash'>>).hash;

/**
 * The hash of a text that cache keys are made of: a rendered file's is taken once, as the file is
 * rendered, so that validation can look the file up after its text is written out and let go.
 */
export function textHash(text: string): string {
  return ONE_SHOT_HASH !== undefined ? ONE_SHOT_HASH('sha1', text, 'hex') : crypto.createHash('sha1').update(text).digest('hex');
}

/**
 * Statistics of this process: objects answered from the cache (by their own key or their file's), objects
 * validated, objects never cached, digests on disk.
 */
export const SCHEMA_RESULT_STATISTICS = { hits: 0, misses: 0, uncacheable: 0, stored: 0 };

/**
 * The results file: `count` digests in ascending byte order, then one age byte each (how many writes
 * ago a process last met the digest, up to 255), so that a full file drops the least recently used.
 */
export interface Digests {
  readonly buffer: Buffer;
  readonly count: number;
}

/**
 * Schema results that need no second computation: objects (as exact JSON) and output files (as their
 * exact text) whose objects passed every schema and CEL rule before, kinds the schema sources have no
 * schema for, and kinds no CRD file defines at any version, each under an identity of the schema
 * sources, the validator code and the options. Kept in the disk cache as one sorted file of digests,
 * read at the first question and rewritten after a run that added something (see {@link add}).
 *
 * Only passing results are kept: an object with violations is validated in full every time, so its
 * messages are those of the validators.
 */
export class ValidResults {
  private stored?: Digests;
  private storedSeen?: Uint8Array;
  private readonly added = new Map<string, Buffer>();
  private identityText?: string;
  /** Per domain, what is hashed before a key's own text (see {@link prefix}). */
  private readonly prefixes = new Map<string, string>();
  /** The prefixes of object keys, by their options. */
  private readonly objectPrefixes = new Map<string, string>();
  private flushScheduled = false;
  /** When the file was last written by this process, in milliseconds of `Date.now()`; 0 before. */
  private lastFlush = 0;

  /**
   * @param cache the disk cache folder
   * @param identity what the results depend on besides the object: schema sources, code, options
   */
  public constructor(private readonly cache: DiskCache, private readonly identity: () => string) {}

  /** The key of an object's result, or undefined when the object is not plain JSON (it is then never cached). */
  public objectKey(manifest: unknown, options: string): Buffer | undefined {
    if (!isKnownPlainJson(manifest)) {
      SCHEMA_RESULT_STATISTICS.uncacheable++;
      return undefined;
    }
    let prefix = this.objectPrefixes.get(options);
    if (prefix === undefined) {
      prefix = this.prefix(`object\u0000${options}`);
      this.objectPrefixes.set(options, prefix);
    }
    return this.digest(prefix, JSON.stringify(manifest));
  }

  /**
   * The key of the fact that every object of an output file passed, by the {@link textHash} of its text.
   * The text is the output itself, so no object needs writing as JSON to be looked up.
   */
  public textKey(hash: string, options: string): Buffer {
    // Once per file: the prefix's own cache is enough (object keys keep theirs, asked once per object).
    return this.digestOfHash(this.prefix(`text\u0000${options}`), hash);
  }

  /**
   * The key of an object's result against the schema of a kind a controller makes (a Crossplane claim, a
   * Gatekeeper constraint), written as `schemaText`, or undefined when the object is not plain JSON. The
   * schema lives in another object, which may change while this one does not: the key takes in both, and
   * `options` (whether its CEL rules ran).
   */
  public generatedKey(schemaText: string, manifest: unknown, options: string): Buffer | undefined {
    if (!isKnownPlainJson(manifest)) {
      SCHEMA_RESULT_STATISTICS.uncacheable++;
      return undefined;
    }
    // JSON text holds no raw NUL, so the first one ends the schema.
    return this.digest(this.prefix(`generated\u0000${options}`), `${schemaText}\u0000${JSON.stringify(manifest)}`);
  }

  /** The key of the fact that no schema is known for `apiVersion`/`kind`. */
  public unknownKindKey(apiVersion: string, kind: string): Buffer {
    return this.digest(this.prefix('unknown-kind'), `${apiVersion}\u0000${kind}`);
  }

  /** The key of the fact that no CRD file defines `kind` of `group`, at any version. */
  public undefinedCrdKindKey(group: string, kind: string): Buffer {
    return this.digest(this.prefix('undefined-crd-kind'), `${group}\u0000${kind}`);
  }

  /** Whether the result under `key` is known. */
  public has(key: Buffer): boolean {
    const stored = this.load();
    const index = findDigest(stored.buffer, stored.count, key);
    if (index >= 0) {
      this.storedSeen![index] = 1;
      return true;
    }
    return this.added.size > 0 && this.added.has(key.toString('hex'));
  }

  /**
   * Records a result under `key`. The file is written once the synchronous work that asked is done
   * (synthesis validates one cluster after the other without yielding), so a run writes it once; a
   * process that runs again soon after writes at most once per {@link MIN_FLUSH_INTERVAL_MS}, on a timer
   * that does not keep it alive (what it has not written then is only not remembered).
   */
  public add(key: Buffer): void {
    this.added.set(key.toString('hex'), key);
    if (this.flushScheduled) {
      return;
    }
    this.flushScheduled = true;
    const write = () => {
      this.flushScheduled = false;
      this.flush();
    };
    const wait = this.lastFlush + MIN_FLUSH_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      setImmediate(write);
    } else {
      setTimeout(write, wait).unref();
    }
  }

  /**
   * Writes the file when results were added since it was read: what this process met (age 0) merged
   * with what the file holds now (another process may have written it meanwhile; those age by one),
   * the least recently used dropped past {@link MAX_ENTRIES}.
   */
  public flush(): void {
    if (this.added.size === 0) {
      return;
    }
    const stored = this.load();
    const mine: Buffer[] = [...this.added.values()];
    for (let i = 0; i < stored.count; i++) {
      if (this.storedSeen![i]) {
        mine.push(stored.buffer.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES));
      }
    }
    mine.sort(Buffer.compare);
    const merged = mergeDigests(mine, readDigests(this.cache));
    this.cache.write(RESULTS_FILE, merged.buffer);
    this.lastFlush = Date.now();
    SCHEMA_RESULT_STATISTICS.stored = merged.count;
    this.stored = merged;
    // What this process met is what has age 0 now.
    this.storedSeen = Uint8Array.from(merged.buffer.subarray(merged.count * DIGEST_BYTES), (age) => (age === 0 ? 1 : 0));
    this.added.clear();
  }

  /** The digest of `text` under `prefix` (see {@link prefix}). */
  private digest(prefix: string, text: string): Buffer {
    // The text is hashed on its own, then the prefix with that: `prefix + text` would copy every text
    // (a whole output file) into a new string on the heap.
    return this.digestOfHash(prefix, textHash(text));
  }

  private digestOfHash(prefix: string, hash: string): Buffer {
    const digest = ONE_SHOT_HASH !== undefined
      ? ONE_SHOT_HASH('sha1', prefix + hash, 'buffer')
      : crypto.createHash('sha1').update(prefix + hash).digest();
    return digest.subarray(0, DIGEST_BYTES);
  }

  /**
   * What is hashed before the text of a key in `domain`: the identity's digest (the identity is long, a
   * stamp per schema file, so it is hashed once) and the domain, each followed by a NUL.
   */
  private prefix(domain: string): string {
    let prefix = this.prefixes.get(domain);
    if (prefix === undefined) {
      this.identityText ??= crypto.createHash('sha1').update(this.identity()).digest('hex');
      prefix = `${this.identityText}\u0000${domain}\u0000`;
      this.prefixes.set(domain, prefix);
    }
    return prefix;
  }

  private load(): Digests {
    if (this.stored === undefined) {
      this.stored = readDigests(this.cache);
      this.storedSeen = new Uint8Array(this.stored.count);
    }
    return this.stored;
  }
}

function readDigests(cache: DiskCache): Digests {
  const buffer = cache.read(RESULTS_FILE);
  // A torn or foreign file holds no whole digest list: start afresh.
  return buffer !== undefined && buffer.length % (DIGEST_BYTES + 1) === 0
    ? { buffer, count: buffer.length / (DIGEST_BYTES + 1) }
    : { buffer: Buffer.alloc(0), count: 0 };
}

/**
 * The file content for `mine` (sorted, unique or not; age 0) merged with `current` (aged by one), without
 * duplicates, in ascending order; past `limit` entries the oldest are left out. The file may hold a
 * quarter of a million digests: they are merged by position in its buffer, never copied one by one.
 */
export function mergeDigests(mine: readonly Buffer[], current: Digests, limit: number = MAX_ENTRIES): Digests {
  // Each merged entry is where its digest lies (a buffer and an offset) and its age.
  const capacity = mine.length + current.count;
  const fromMine = new Uint8Array(capacity);
  const offsets = new Int32Array(capacity);
  const ages = new Uint8Array(capacity);
  let length = 0;
  const bufferOf = (i: number) => (fromMine[i] ? mine[offsets[i]] : current.buffer);
  const offsetOf = (i: number) => (fromMine[i] ? 0 : offsets[i]);
  const sameAsLast = (buffer: Buffer, offset: number) => length > 0
    && compareDigests(buffer, offset, bufferOf(length - 1), offsetOf(length - 1)) === 0;
  let m = 0;
  let c = 0;
  while (m < mine.length || c < current.count) {
    const at = c * DIGEST_BYTES;
    const order = m === mine.length ? 1 : c === current.count ? -1 : compareDigests(mine[m], 0, current.buffer, at);
    if (order <= 0) {
      if (sameAsLast(mine[m], 0)) {
        ages[length - 1] = 0;
      } else {
        fromMine[length] = 1;
        offsets[length] = m;
        ages[length] = 0;
        length++;
      }
      if (order === 0) {
        c++;
      }
      m++;
    } else {
      if (!sameAsLast(current.buffer, at)) {
        fromMine[length] = 0;
        offsets[length] = at;
        ages[length] = Math.min(255, current.buffer[current.count * DIGEST_BYTES + c] + 1);
        length++;
      }
      c++;
    }
  }
  // Past the limit, drop the oldest ages whole: the youngest that fit stay.
  let oldest = 255;
  if (length > limit) {
    const byAge = new Array<number>(256).fill(0);
    for (let i = 0; i < length; i++) {
      byAge[ages[i]]++;
    }
    let kept = 0;
    oldest = -1;
    while (oldest < 255 && kept + byAge[oldest + 1] <= limit) {
      oldest++;
      kept += byAge[oldest];
    }
    oldest = Math.max(oldest, 0); // this process's own results always stay
  }
  let count = 0;
  for (let i = 0; i < length; i++) {
    if (ages[i] <= oldest) {
      count++;
    }
  }
  const buffer = Buffer.alloc(count * (DIGEST_BYTES + 1));
  let written = 0;
  for (let i = 0; i < length; i++) {
    if (ages[i] <= oldest) {
      bufferOf(i).copy(buffer, written * DIGEST_BYTES, offsetOf(i), offsetOf(i) + DIGEST_BYTES);
      buffer[count * DIGEST_BYTES + written] = ages[i];
      written++;
    }
  }
  return { buffer, count };
}

/** Index of `key` among the first `count` digests of `sorted`, or -1. */
function findDigest(sorted: Buffer, count: number, key: Buffer): number {
  // The key's words are read once; a step of the search then mostly compares one word of the list.
  const k0 = wordAt(key, 0);
  const k1 = wordAt(key, 4);
  const k2 = wordAt(key, 8);
  const k3 = wordAt(key, 12);
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = middle * DIGEST_BYTES;
    const order = compareWord(wordAt(sorted, at), k0) || compareWord(wordAt(sorted, at + 4), k1)
      || compareWord(wordAt(sorted, at + 8), k2) || compareWord(wordAt(sorted, at + 12), k3);
    if (order === 0) {
      return middle;
    }
    if (order < 0) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return -1;
}

/** The order of the digest at `aAt` of `a` and the one at `bAt` of `b`, by bytes. */
function compareDigests(a: Buffer, aAt: number, b: Buffer, bAt: number): number {
  return compareWord(wordAt(a, aAt), wordAt(b, bAt)) || compareWord(wordAt(a, aAt + 4), wordAt(b, bAt + 4))
    || compareWord(wordAt(a, aAt + 8), wordAt(b, bAt + 8)) || compareWord(wordAt(a, aAt + 12), wordAt(b, bAt + 12));
}

/**
 * The big-endian word at `at`, read by element: `readUInt32BE` checks its arguments on every call, which
 * was most of a lookup's time. `at + 3` lies inside `bytes`.
 */
function wordAt(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function compareWord(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
