import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { sourcesFingerprint } from '../validation/schema/fingerprint';
import { defaultCoreDefinitionsFile, defaultCrdDirs } from '../validation/schema/sources';
import type { ClusterDefinition, FleetDefinition } from './fleet';
import type { ClusterOutcome } from './outcome';

// Bump when the shape of the state or of a ClusterOutcome changes.
const STATE_FORMAT = 2;

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
interface KeptCluster {
  /** The content key of the cluster's inputs when it was built. */
  readonly key: string;
  /** Files the cluster's build read besides modules (e.g. encrypted secrets), relative to the root. */
  readonly readFiles: readonly string[];
  /** What its synth produced. */
  readonly outcome: ClusterOutcome;
  /** Its files as written. */
  readonly written: readonly WrittenFile[];
}

interface SynthState {
  readonly format: number;
  readonly clusters: Readonly<Record<string, KeptCluster>>;
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
  private readonly fileHashes = new Map<string, string>();
  private readonly baseKeys = new Map<string, string>();
  private readonly readFiles = new Map<string, readonly string[]>();
  /** The files of each cluster this run keeps, as {@link reusable} found them on disk. */
  private readonly keptFiles = new Map<string, readonly WrittenFile[]>();

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
    const kept = this.previous.clusters[folder];
    if (!kept || kept.key !== this.key(folder, kept.readFiles) || !this.unchangedOnDisk(folder, kept.written)) {
      return undefined;
    }
    this.keptFiles.set(folder, kept.written);
    return { outcome: kept.outcome };
  }

  /** Files (absolute paths) a cluster's build read, to key it by next time. */
  public recordReadFiles(folder: string, files: readonly string[]): void {
    this.readFiles.set(folder, files.map((file) => path.relative(this.graph.root, file).split(path.sep).join('/')));
  }

  /** Records the state after a run that wrote every cluster's outcome to the output folder. */
  public save(outcomes: readonly ClusterOutcome[]): void {
    const clusters: Record<string, KeptCluster> = {};
    for (const outcome of outcomes) {
      const built = this.readFiles.get(outcome.folder);
      const kept = this.previous.clusters[outcome.folder];
      const readFiles = built ?? kept?.readFiles ?? [];
      const key = built === undefined && kept !== undefined ? kept.key : this.key(outcome.folder, readFiles);
      // A kept folder stays in place, untouched: its files are those found on disk a moment ago, and a
      // second walk would stat them all again.
      const written = built === undefined ? this.keptFiles.get(outcome.folder) : undefined;
      clusters[outcome.folder] = { key, readFiles, outcome, written: written ?? this.writtenFiles(outcome.folder) };
    }
    const state: SynthState = { format: STATE_FORMAT, clusters };
    try {
      fs.mkdirSync(path.dirname(this.stateFile), { recursive: true });
      const temp = `${this.stateFile}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(state));
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

  private fileHash(file: string): string {
    let digest = this.fileHashes.get(file);
    if (digest === undefined) {
      try {
        digest = hash(fs.readFileSync(path.join(this.graph.root, file)));
      } catch {
        digest = 'missing';
      }
      this.fileHashes.set(file, digest);
    }
    return digest;
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
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as SynthState;
    if (state.format === STATE_FORMAT && typeof state.clusters === 'object' && state.clusters !== null) {
      return state;
    }
  } catch {
    // no state yet, or an unreadable one: build everything
  }
  return { format: STATE_FORMAT, clusters: {} };
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
    if (entry.isDirectory()) {
      walk(path.join(dir, entry.name), relative, visit);
    } else {
      visit(relative, fs.statSync(path.join(dir, entry.name)));
    }
  }
}

function hash(content: string | Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}
