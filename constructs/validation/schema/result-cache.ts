import { createHash } from 'crypto';
import { DiskCache } from './disk-cache';

// Bump when the meaning of a stored digest changes.
const RESULTS_FORMAT = 1;
const RESULTS_FILE = `valid-v${RESULTS_FORMAT}.bin`;
/** Bytes kept of each SHA-1 digest: 128 bits, far from any chance collision among a few thousand objects. */
const DIGEST_BYTES = 16;
/** Digests kept on disk at most (1 MiB); past that, those not met in this process are dropped first. */
const MAX_ENTRIES = 1 << 16;
/** Deeper manifests are not cached: a walk that deep means something that is no manifest. */
const MAX_DEPTH = 64;

/** Statistics of this process, for the bench: objects found, objects validated, objects never cached, digests on disk. */
export const SCHEMA_RESULT_STATISTICS = { hits: 0, misses: 0, uncacheable: 0, stored: 0 };

/**
 * Schema results that need no second computation: objects (as exact JSON) that passed every schema and
 * CEL rule before, and kinds the schema sources have no schema for, each under an identity of the schema
 * sources, the validator code and the options. Kept in the disk cache as one sorted file of digests,
 * read at the first question and rewritten after a run that added something (see {@link add}).
 *
 * Only passing results are kept: an object with violations is validated in full every time, so its
 * messages are those of the validators.
 */
export class ValidResults {
  private stored?: Buffer;
  private storedSeen?: Uint8Array;
  private readonly added = new Set<string>();
  private identityText?: string;
  private flushScheduled = false;

  /**
   * @param cache the disk cache folder
   * @param identity what the results depend on besides the object: schema sources, code, options
   */
  public constructor(private readonly cache: DiskCache, private readonly identity: () => string) {}

  /** The key of an object's result, or undefined when the object is not plain JSON (it is then never cached). */
  public objectKey(manifest: unknown, options: string): Buffer | undefined {
    if (!isPlainJson(manifest, 0)) {
      SCHEMA_RESULT_STATISTICS.uncacheable++;
      return undefined;
    }
    return this.digest(`object\u0000${options}`, JSON.stringify(manifest));
  }

  /** The key of the fact that no schema is known for `apiVersion`/`kind`. */
  public unknownKindKey(apiVersion: string, kind: string): Buffer {
    return this.digest('unknown-kind', `${apiVersion}\u0000${kind}`);
  }

  /** Whether the result under `key` is known. */
  public has(key: Buffer): boolean {
    const stored = this.load();
    const index = findDigest(stored, key);
    if (index >= 0) {
      this.storedSeen![index] = 1;
      return true;
    }
    return this.added.size > 0 && this.added.has(key.toString('hex'));
  }

  /**
   * Records a result under `key`. The file is written once the synchronous work that asked is done
   * (synthesis validates one cluster after the other without yielding), so a run writes it once.
   */
  public add(key: Buffer): void {
    this.added.add(key.toString('hex'));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /**
   * Writes the file when results were added since it was read: the digests met in this process first,
   * then those another process stored meanwhile or earlier, up to {@link MAX_ENTRIES}.
   */
  public flush(): void {
    if (this.added.size === 0) {
      return;
    }
    const stored = this.load();
    const mine = new Set<string>(this.added);
    for (let i = 0; i < this.storedSeen!.length; i++) {
      if (this.storedSeen![i]) {
        mine.add(stored.toString('hex', i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES));
      }
    }
    const kept = new Set<string>(mine);
    // Re-read: concurrent processes (test workers) share the folder, and the last writer keeps the others' too.
    const current = readDigests(this.cache);
    for (let i = 0; i < current.length / DIGEST_BYTES && kept.size < MAX_ENTRIES; i++) {
      kept.add(current.toString('hex', i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES));
    }
    const merged = Buffer.from([...kept].sort().join(''), 'hex');
    this.cache.write(RESULTS_FILE, merged);
    SCHEMA_RESULT_STATISTICS.stored = kept.size;
    this.stored = merged;
    this.storedSeen = new Uint8Array(kept.size);
    for (const hex of mine) {
      this.storedSeen[findDigest(merged, Buffer.from(hex, 'hex'))] = 1;
    }
    this.added.clear();
  }

  private digest(domain: string, text: string): Buffer {
    // The identity is long (a stamp per schema file): hashed once, so each object hashes little more than its own text.
    this.identityText ??= createHash('sha1').update(this.identity()).digest('hex');
    return createHash('sha1').update(this.identityText).update('\u0000').update(domain).update('\u0000').update(text)
      .digest().subarray(0, DIGEST_BYTES);
  }

  private load(): Buffer {
    if (this.stored === undefined) {
      this.stored = readDigests(this.cache);
      this.storedSeen = new Uint8Array(this.stored.length / DIGEST_BYTES);
    }
    return this.stored;
  }
}

function readDigests(cache: DiskCache): Buffer {
  const content = cache.read(RESULTS_FILE);
  // A torn or foreign file holds no whole digest list: start afresh.
  return content !== undefined && content.length % DIGEST_BYTES === 0 ? content : Buffer.alloc(0);
}

/** Index of `key` in a sorted list of digests, or -1. */
function findDigest(sorted: Buffer, key: Buffer): number {
  const k0 = key.readUInt32BE(0);
  const k1 = key.readUInt32BE(4);
  const k2 = key.readUInt32BE(8);
  const k3 = key.readUInt32BE(12);
  let low = 0;
  let high = sorted.length / DIGEST_BYTES - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = middle * DIGEST_BYTES;
    const order = compareWord(sorted.readUInt32BE(at), k0) || compareWord(sorted.readUInt32BE(at + 4), k1)
      || compareWord(sorted.readUInt32BE(at + 8), k2) || compareWord(sorted.readUInt32BE(at + 12), k3);
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

function compareWord(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `value` is JSON that `JSON.stringify` writes exactly: strings, finite numbers, booleans, null,
 * dense arrays and plain objects. Anything else (`undefined` in a field, NaN, a class instance) would
 * give two different objects one text, so such an object is validated without the cache.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  if (typeof value !== 'object') {
    return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
  }
  if (value === null) {
    return true;
  }
  if (depth > MAX_DEPTH) {
    return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!isPlainJson(value[i], depth + 1)) {
        return false;
      }
    }
    return true;
  }
  // A plain object of any realm (test runners build objects in another one): its prototype is an Object.prototype.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
    return false;
  }
  // for-in allocates nothing (Object.values would, for each of hundreds of thousands of mappings); JSON.stringify
  // and the validators see the same own enumerable keys.
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) {
      return false;
    }
  }
  return true;
}
