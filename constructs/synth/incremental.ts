import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { sourcesFingerprint } from '../validation/schema/fingerprint';
import { defaultCoreDefinitionsFile, defaultCrdDirs } from '../validation/schema/sources';
import type { ClusterDefinition, FleetDefinition } from './fleet';
import type { ClusterOutcome } from './outcome';
import { PackedFacts, packFacts, unpackFacts } from './kept-facts';

// Bump when the shape of the state or of a ClusterOutcome changes.
const STATE_FORMAT = 6;

/**
 * A file modified this close to the moment it was hashed (ms) may have changed again within the same
 * modification time (file systems keep it to a second or two), so its kept digest is not trusted.
 */
const RACY_WINDOW_MS = 2000;

/**
 * The modules a synth bundle was built from, as the bundler's metafile lists them: each input with the
 * inputs it imports. Paths are relative to `root`.
 */
export interface InputGraph {
  /** Absolute path the input paths are relative to. */
  readonly root: string;
  /** Every input of the bundle and the inputs it imports. */
  readonly imports: Readonly<Record<string, readonly string[]>>;
}

/** A file of a cluster folder as it was written: enough to notice that someone changed it since. */
type WrittenFile = [relative: string, size: number, modified: number];

/** What incremental synth keeps of one cluster between runs. */
interface KeptCluster<Outcome = ClusterOutcome> {
  /** The content key of the cluster's inputs when it was built. */
  readonly key: string;
  /** Files the cluster's build read besides modules (e.g. encrypted secrets), relative to the root. */
  readonly readFiles: readonly string[];
  /** What its synth produced. */
  readonly outcome: Outcome;
  /** Its files as written. */
  readonly written: readonly WrittenFile[];
}

/** An input file's digest with the size and modification time it had when it was read. */
type HashedFile = [size: number, modified: number, digest: string];

/**
 * The state file's first line. Each cluster follows on a line of its own, `[folder, KeptCluster]`, so
 * that a run rewrites the lines of the clusters it built and copies the others as they were read.
 */
interface StateHeader {
  readonly format: number;
  /** When the run that wrote this state started reading its inputs (ms since the epoch). */
  readonly hashedAt: number;
  /** Digests of the inputs that run read, by path relative to the input graph's root. */
  readonly inputs: Readonly<Record<string, HashedFile>>;
}

interface SynthState extends StateHeader {
  readonly clusters: ReadonlyMap<string, KeptCluster>;
  /** Each cluster's line of the state file, as read. */
  readonly lines: ReadonlyMap<string, string>;
}

/** A cluster the previous run built that this run can keep as it is. */
export interface ReusableCluster {
  /** What its synth produced. */
  readonly outcome: ClusterOutcome;
}

/**
 * The content keys of a fleet's clusters and the state of the previous run: decides which clusters an
 * incremental synth can keep, and records the new state after a run that wrote its output.
 */
export class IncrementalSynth {
  /** Loads the input graph a synth bundle wrote; undefined when there is none (no incremental synth). */
  public static open(graphFile: string, outdir: string, fleet: FleetDefinition): IncrementalSynth | undefined {
    let graph: InputGraph;
    try {
      graph = JSON.parse(fs.readFileSync(graphFile, 'utf8')) as InputGraph;
    } catch {
      return undefined;
    }
    if (typeof graph.root !== 'string' || typeof graph.imports !== 'object' || graph.imports === null) {
      return undefined;
    }
    const missing = fleet.clusters.find((c) => !(c.source in graph.imports));
    if (missing) {
      // A source the bundle does not hold cannot decide anything; build everything.
      return undefined;
    }
    return new IncrementalSynth(graph, path.resolve(outdir), path.join(path.dirname(graphFile), `synth-state-${hash(path.resolve(outdir)).slice(0, 16)}.json`), fleet);
  }

  private readonly previous: SynthState;
  private readonly hashedAt = Date.now();
  private readonly fileHashes = new Map<string, HashedFile | undefined>();
  private readonly baseKeys = new Map<string, string>();
  private readonly readFiles = new Map<string, readonly string[]>();

  private constructor(
    private readonly graph: InputGraph,
    private readonly outdir: string,
    private readonly stateFile: string,
    private readonly fleet: FleetDefinition,
  ) {
    this.previous = readState(stateFile);
    const closures = new Map(fleet.clusters.map((c) => [c.folder, this.closure(c)]));
    const owned = new Set([...closures.values()].flatMap((files) => [...files]));
    // Inputs no cluster's source reaches (the entry point, the fleet's list, the synth machinery)
    // can change any output, so they key every cluster.
    const shared = Object.keys(graph.imports).filter((file) => !owned.has(file)).sort();
    const sharedKey = hash([
      `format ${STATE_FORMAT}`, `cel ${process.env.HOMELAB_CEL ?? ''}`, this.lockfile(),
      // Names, sizes and times of the schema files validation reads: a change re-validates everything.
      sourcesFingerprint(defaultCoreDefinitionsFile(), defaultCrdDirs()),
      ...shared.map((file) => `${file} ${this.fileHash(file)}`),
    ].join('\n'));
    for (const cluster of fleet.clusters) {
      const inputs = [...closures.get(cluster.folder)!].sort();
      this.baseKeys.set(cluster.folder, hash([sharedKey, cluster.folder, ...inputs.map((file) => `${file} ${this.fileHash(file)}`)].join('\n')));
    }
  }

  /** The previous run's outcome of `folder`, when its inputs are unchanged and its files are as written. */
  public reusable(folder: string): ReusableCluster | undefined {
    const kept = this.previous.clusters.get(folder);
    if (!kept || kept.key !== this.key(folder, kept.readFiles) || !this.unchangedOnDisk(folder, kept.written)) {
      return undefined;
    }
    return { outcome: kept.outcome };
  }

  /** Files (absolute paths) a cluster's build read, to key it by next time. */
  public recordReadFiles(folder: string, files: readonly string[]): void {
    this.readFiles.set(folder, files.map((file) => path.relative(this.graph.root, file).split(path.sep).join('/')));
  }

  /** Records the state after a run that wrote every cluster's outcome to the output folder. */
  public save(outcomes: readonly ClusterOutcome[]): void {
    const lines: string[] = [];
    for (const outcome of outcomes) {
      const built = this.readFiles.get(outcome.folder);
      const kept = this.previous.clusters.get(outcome.folder);
      if (built === undefined && kept !== undefined && kept.outcome === outcome) {
        // A kept folder stays in place, untouched, and so does its entry.
        lines.push(this.previous.lines.get(outcome.folder)!);
        continue;
      }
      const readFiles = built ?? kept?.readFiles ?? [];
      const entry: KeptCluster = { key: this.key(outcome.folder, readFiles), readFiles, outcome, written: this.writtenFiles(outcome.folder) };
      lines.push(stateLine([outcome.folder, { ...entry, outcome: storedOutcome(outcome, entry.written) }]));
    }
    const inputs: Record<string, HashedFile> = {};
    for (const [file, hashed] of [...this.fileHashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (hashed !== undefined) {
        inputs[file] = hashed;
      }
    }
    const header: StateHeader = { format: STATE_FORMAT, hashedAt: this.hashedAt, inputs };
    try {
      fs.mkdirSync(path.dirname(this.stateFile), { recursive: true });
      const temp = `${this.stateFile}.${process.pid}.tmp`;
      fs.writeFileSync(temp, [stateLine(header), ...lines, ''].join('\n'));
      fs.renameSync(temp, this.stateFile);
    } catch {
      // Without a state the next run builds everything: slower, never wrong.
    }
  }

  /** The content key of a cluster: its inputs' and the files its build read. */
  private key(folder: string, readFiles: readonly string[]): string {
    return hash([this.baseKeys.get(folder) ?? '', ...readFiles.map((file) => `read ${file} ${this.fileHash(file)}`)].join('\n'));
  }

  /** Every input the cluster's source reaches, and those of the clusters it needs. */
  private closure(cluster: ClusterDefinition, seen: Set<string> = new Set()): Set<string> {
    const files = new Set<string>();
    if (seen.has(cluster.folder)) {
      return files;
    }
    seen.add(cluster.folder);
    const pending = [cluster.source];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (!files.has(file)) {
        files.add(file);
        pending.push(...(this.graph.imports[file] ?? []));
      }
    }
    for (const folder of cluster.needs ?? []) {
      const needed = this.fleet.clusters.find((c) => c.folder === folder);
      if (needed) {
        this.closure(needed, seen).forEach((file) => files.add(file));
      }
    }
    return files;
  }

  /**
   * The digest of an input file. Reading and hashing every module of the bundle costs more than the rest
   * of a run that keeps most clusters, so a file whose size and modification time are those of the last
   * run keeps that run's digest, unless it was modified within {@link RACY_WINDOW_MS} of being hashed.
   */
  private fileHash(file: string): string {
    if (!this.fileHashes.has(file)) {
      this.fileHashes.set(file, this.hashFile(file));
    }
    return this.fileHashes.get(file)?.[2] ?? 'missing';
  }

  private hashFile(file: string): HashedFile | undefined {
    const absolute = path.join(this.graph.root, file);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      return undefined;
    }
    const kept = this.previous.inputs[file];
    if (kept !== undefined && kept[0] === stat.size && kept[1] === stat.mtimeMs && stat.mtimeMs < this.previous.hashedAt - RACY_WINDOW_MS) {
      return kept;
    }
    try {
      return [stat.size, stat.mtimeMs, hash(fs.readFileSync(absolute))];
    } catch {
      return undefined;
    }
  }

  private lockfile(): string {
    for (const name of ['package-lock.json', 'package.json']) {
      const digest = this.fileHash(name);
      if (digest !== 'missing') {
        return `${name} ${digest}`;
      }
    }
    return 'no lockfile';
  }

  private writtenFiles(folder: string): WrittenFile[] {
    const files: WrittenFile[] = [];
    walk(path.join(this.outdir, folder), '', (relative, stat) => files.push([relative, stat.size, stat.mtimeMs]));
    return files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  private unchangedOnDisk(folder: string, written: readonly WrittenFile[]): boolean {
    const now = this.writtenFiles(folder);
    return now.length === written.length && now.every((file, i) => file[0] === written[i][0] && file[1] === written[i][1] && file[2] === written[i][2]);
  }
}

function readState(file: string): SynthState {
  const clusters = new Map<string, KeptCluster>();
  const lines = new Map<string, string>();
  try {
    // The file is ASCII (see stateLine): read as Latin-1, it decodes several times faster than as UTF-8.
    const [first, ...rest] = fs.readFileSync(file, 'latin1').split('\n');
    const header = JSON.parse(first) as StateHeader;
    if (header.format === STATE_FORMAT && typeof header.hashedAt === 'number' && typeof header.inputs === 'object' && header.inputs !== null) {
      for (const line of rest.filter((l) => l !== '')) {
        const [folder, kept] = JSON.parse(line) as [string, KeptCluster<StoredOutcome>];
        clusters.set(folder, { ...kept, outcome: keptOutcome(kept.outcome, kept.written) });
        lines.set(folder, line);
      }
      return { ...header, clusters, lines };
    }
  } catch {
    // no state yet, or an unreadable one: build everything
  }
  return { format: STATE_FORMAT, hashedAt: 0, inputs: {}, clusters: new Map(), lines: new Map() };
}

function walk(dir: string, prefix: string, visit: (relative: string, stat: fs.Stats) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    // Joined by hand: path.join's normalizing costs more than the stat itself over thousands of files.
    const file = `${dir}${path.sep}${entry.name}`;
    if (entry.isDirectory()) {
      walk(file, relative, visit);
    } else {
      // A file removed since the listing is left out, as if it had not been listed.
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat !== undefined) {
        visit(relative, stat);
      }
    }
  }
}

/** A ClusterOutcome as the state file holds it: its facts packed (see kept-facts.ts). */
type StoredOutcome = Omit<ClusterOutcome, 'facts' | 'files'> & {
  readonly facts: PackedFacts;
  /** Null when the files are those written to the cluster's folder, which the state lists anyway. */
  readonly files: readonly string[] | null;
};

/** The output files of `folder`, as an outcome lists them, from its written files (sorted). */
function filesOf(folder: string, written: readonly WrittenFile[]): string[] {
  return written.map(([relative]) => `${folder}/${relative}`);
}

/** `outcome` as the state file holds it; every field keeps its place, so it reads back the same. */
function storedOutcome(outcome: ClusterOutcome, written: readonly WrittenFile[]): StoredOutcome {
  const derived = filesOf(outcome.folder, written);
  const derivable = derived.length === outcome.files.length && derived.every((file, i) => file === outcome.files[i]);
  return { ...outcome, facts: packFacts(outcome.facts), files: derivable ? null : outcome.files };
}

/** The outcome {@link storedOutcome} stored. */
function keptOutcome(stored: StoredOutcome, written: readonly WrittenFile[]): ClusterOutcome {
  return { ...stored, facts: unpackFacts(stored.facts), files: stored.files ?? filesOf(stored.folder, written) };
}

/** `value` as one line of JSON in ASCII: other characters (a message's arrow or dash) as `\\u` escapes. */
function stateLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function hash(content: string | Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}
