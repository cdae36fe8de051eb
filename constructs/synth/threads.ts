import type * as os from 'os';
import type { MessagePort, Worker } from 'worker_threads';
import { DiskCache, openDiskCache } from '../validation/schema/disk-cache';
import type { DayTwoReport } from './day-two';
import type { ClusterOutcome } from './outcome';

/** Building clusters on worker threads besides the main thread (see {@link SynthesizeFleetOptions.threads}). */
export interface SynthThreadsOptions {
  /**
   * The script that runs this synth, e.g. `module.filename` in the entry point. Each worker thread runs
   * it again with the same command-line arguments and environment, up to its call of `synthesizeFleet`,
   * which then builds the clusters that thread takes instead of returning. The script must reach that
   * call with the same fleet and without other side effects, as a `cluster.fork` child would.
   */
  readonly entry: string;
  /**
   * Worker threads at most. `HOMELAB_SYNTH_THREADS` overrides it (`0`: everything on the main thread).
   * @default - one less than the CPUs Node may use (`os.availableParallelism()`), at most 3
   */
  readonly workers?: number;
}

/**
 * What a thread hands over for one cluster it built: its files are already staged (see `stageFiles`), so
 * their text stays on the thread that rendered them.
 */
export interface StagedCluster {
  /** What its synth produced besides the files; `outcome.files` names every file of the cluster. */
  readonly outcome: ClusterOutcome;
  /** Of those, the files written to the staging folder: new or changed. None when the run writes nothing. */
  readonly staged: readonly string[];
  /** Its day-2 changes. @default - none: its own findings keep its output from being written */
  readonly dayTwo?: DayTwoReport;
  /** Files its build read through `readSourceFile` (absolute paths). */
  readonly readFiles: readonly string[];
}

/** A worker's reply for the cluster at `index`: built, or failed (the main thread then repeats the run on one thread). */
type Reply = { readonly index: number } & ({ readonly built: StagedCluster } | { readonly failed: true });

/**
 * What a worker thread is given: the folders to build, the shared claim counter, its reply port. A worker
 * started before the fleet was loaded gets its folders later, on its port (see {@link startWorkersEarly}).
 */
interface WorkerTask {
  readonly folders?: readonly string[];
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** What the main thread posts to a worker started early: the folders to build (none: the run needs no worker). */
interface Folders {
  readonly folders: readonly string[];
}

/** The workerData key of a synth worker thread. */
const TASK_KEY = 'cdk8s-homelab.synthClusters';
/**
 * An environment variable set in synth's worker threads only. Elsewhere {@link workerTask} answers without
 * loading `worker_threads`, whose modules cost a small synth a few milliseconds at start.
 */
const WORKER_VARIABLE = 'HOMELAB_SYNTH_WORKER';
/**
 * Slots of the shared Int32Array: the next index to claim, replies posted, workers that started to claim,
 * workers done (their caches stored), and whether the folders were posted to workers started early.
 */
const NEXT = 0;
const POSTED = 1;
const STARTED = 2;
const DONE = 3;
const FOLDERS_POSTED = 4;
const SLOTS = 5;
/** Worker threads at most by default: each holds a cluster's objects, and more rarely pays off. */
const DEFAULT_MAX_WORKERS = 3;

/**
 * Estimated work left on the main thread, in milliseconds, from which worker threads are started. A
 * worker needs a few hundred milliseconds before it builds anything (a thread, the bundle, its own
 * compiled code), competing for the CPU meanwhile: below this, a worker would slow a fleet down.
 */
const WORKER_WORTH_MS = 1500;
/**
 * How many times {@link WORKER_WORTH_MS} the estimate made from the first cluster alone must reach. That
 * cluster's time includes the run's one-time costs (validators loaded, code compiled), about as much as a
 * small cluster's own work: the real sites' first cluster took 190 ms where the later ones took 12–72,
 * and a machine a little slower than usual then started a worker for them, which made the run slower and
 * some 50 MiB larger. After later clusters, their own pace decides, the first left out.
 */
const FIRST_CLUSTER_WORTH_FACTOR = 2;

/** How far the main thread is through a synth's clusters, in milliseconds since its first cluster started. */
export interface MainThreadPace {
  /** Milliseconds the first cluster took, the run's one-time costs included. */
  readonly firstClusterMs: number;
  /** Milliseconds since the first cluster started, up to the end of the last one built. */
  readonly elapsedMs: number;
  /** Clusters the main thread has built, at least 1. */
  readonly built: number;
  /** Clusters no thread has taken yet. */
  readonly left: number;
}

/**
 * Whether the clusters `left` would keep the main thread busy long enough for worker threads to pay off:
 * {@link WORKER_WORTH_MS} at the pace of the clusters after the first, or {@link FIRST_CLUSTER_WORTH_FACTOR}
 * times that at the pace of the first when it is the only one built.
 */
export function workersWorthIt(pace: MainThreadPace): boolean {
  if (pace.built <= 1) {
    return pace.firstClusterMs * pace.left >= FIRST_CLUSTER_WORTH_FACTOR * WORKER_WORTH_MS;
  }
  return ((pace.elapsedMs - pace.firstClusterMs) / (pace.built - 1)) * pace.left >= WORKER_WORTH_MS;
}

/**
 * The disk cache file that remembers, per entry script, whether each of its last two synths was long
 * enough for workers (see {@link startWorkersEarly}).
 */
export const WORK_FILE = 'synth-work-v2.json';
/** Entry scripts remembered at most: the least recently written go first. */
const MAX_REMEMBERED_ENTRIES = 16;

/** Worker threads started before the fleet was loaded, waiting for their folders. */
interface EarlyWorkers {
  readonly entry: string;
  readonly shared: SharedArrayBuffer;
  readonly workers: Worker[];
  readonly ports: MessagePort[];
}

let earlyWorkers: EarlyWorkers | undefined;

/**
 * Starts a synth's worker threads before its fleet is loaded, when the last two synths of the same entry
 * script (with the same disk cache) each took long enough for them: one long run alone may have been
 * long because its caches were cold. Call it first thing in the entry script,
 * before the modules that define the fleet load (`require` them after the call): a worker then starts up
 * while this thread loads, instead of competing with the first cluster it builds, which makes a large
 * fleet some 6–8 % faster on two cores. `synthesizeFleet` takes the workers over with the same `options`;
 * a run that needs none lets them go. Does nothing in a worker thread, or when `HOMELAB_SYNTH_THREADS`
 * is `0`.
 *
 * @returns the number of worker threads started
 */
export function startWorkersEarly(options: SynthThreadsOptions): number {
  if (process.env[WORKER_VARIABLE] !== undefined || earlyWorkers !== undefined) {
    return 0;
  }
  const limit = configuredWorkers(options);
  const cache = limit === 0 ? undefined : openDiskCache();
  const lastTwo = cache === undefined ? undefined : rememberedWork(cache)[options.entry];
  if (lastTwo === undefined || lastTwo.length < 2 || !lastTwo.every((long) => long)) {
    return 0;
  }
  const count = limit ?? defaultWorkers();
  if (count <= 0) {
    return 0;
  }
  const shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  earlyWorkers = { entry: options.entry, shared, ...spawnWorkers(options.entry, count, shared, undefined) };
  // Until synth takes them over they must not keep the process alive: a run may end before that.
  earlyWorkers.workers.forEach((worker) => worker.unref());
  return count;
}

/**
 * Records whether the synth that just ran was long enough for workers, for the next runs'
 * {@link startWorkersEarly}. `workMs`: the estimated work of the run on one thread, in milliseconds.
 */
export function rememberSynthWork(options: SynthThreadsOptions, workMs: number): void {
  const cache = openDiskCache();
  if (cache === undefined) {
    return;
  }
  const remembered = rememberedWork(cache);
  const before = remembered[options.entry] ?? [];
  const lastTwo = [...before, workMs >= WORKER_WORTH_MS].slice(-2);
  if (lastTwo.length === before.length && lastTwo.every((long, i) => long === before[i])) {
    return;
  }
  delete remembered[options.entry];
  const entries = [...Object.entries(remembered), [options.entry, lastTwo] as const].slice(-MAX_REMEMBERED_ENTRIES);
  cache.write(WORK_FILE, JSON.stringify(Object.fromEntries(entries)));
}

/** Per entry script, whether each of its last two synths (oldest first) was long enough for workers. */
function rememberedWork(cache: DiskCache): Record<string, boolean[]> {
  try {
    const parsed: unknown = JSON.parse(cache.read(WORK_FILE)?.toString('utf8') ?? '{}');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return {};
    }
    return Object.fromEntries(Object.entries(parsed).filter(([, runs]) => Array.isArray(runs) && runs.every((long) => typeof long === 'boolean')));
  } catch {
    return {};
  }
}

/** The workers started early for `entry`, now taken over; undefined when none were. */
function takeEarlyWorkers(entry: string): EarlyWorkers | undefined {
  const taken = earlyWorkers?.entry === entry ? earlyWorkers : undefined;
  earlyWorkers = undefined;
  return taken;
}

/** Posts `folders` to workers started early: none lets them end at once. */
function postFolders(workers: EarlyWorkers, folders: readonly string[]): void {
  workers.ports.forEach((port) => port.postMessage({ folders } satisfies Folders));
  const counters = new Int32Array(workers.shared);
  Atomics.store(counters, FOLDERS_POSTED, 1);
  Atomics.notify(counters, FOLDERS_POSTED);
}

/**
 * Node's `worker_threads`, loaded at first use rather than at start-up: a synth that starts no worker
 * needs it nowhere, and its modules cost a small synth a few milliseconds.
 */
function workerThreads(): typeof import('worker_threads') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('worker_threads') as typeof import('worker_threads');
}

/** Starts `count` worker threads of `entry` that claim clusters with `shared`; `folders` undefined: posted later. */
function spawnWorkers(entry: string, count: number, shared: SharedArrayBuffer, folders: readonly string[] | undefined): { workers: Worker[]; ports: MessagePort[] } {
  const threads = workerThreads();
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  for (let i = 0; i < count; i++) {
    // A port can be handed to one thread only: each worker replies on a channel of its own.
    const { port1, port2 } = new threads.MessageChannel();
    const task: WorkerTask = { folders, shared, port: port2 };
    const worker = new threads.Worker(entry, {
      argv: process.argv.slice(2),
      workerData: { [TASK_KEY]: task },
      env: { ...process.env, [WORKER_VARIABLE]: '1' },
      transferList: [port2],
    });
    // A worker that fails before it takes a cluster has taken none: the main thread builds them all.
    // Once it takes one, it replies whatever happens (see serveWorkerTask).
    worker.on('error', () => undefined);
    workers.push(worker);
    ports.push(port1);
  }
  return { workers, ports };
}

/**
 * The clusters of one synth run, shared by the main thread and the worker threads it starts once the
 * work left is worth them (see {@link pace}).
 */
export class ClusterThreads {
  /**
   * Threads for building `folders`, or undefined when fewer than two clusters are to be built or no
   * worker thread is allowed: then the main thread builds everything.
   */
  public static plan(options: SynthThreadsOptions, folders: readonly string[]): ClusterThreads | undefined {
    const workers = configuredWorkers(options);
    if (folders.length < 2 || workers === 0) {
      ClusterThreads.dismissEarly(options);
      return undefined;
    }
    return new ClusterThreads(options.entry, workers, folders, takeEarlyWorkers(options.entry));
  }

  /** Lets workers started early for `options.entry` go, when no synth will take them over. */
  public static dismissEarly(options: SynthThreadsOptions): void {
    const early = takeEarlyWorkers(options.entry);
    if (early) {
      postFolders(early, []);
    }
  }

  private readonly shared: SharedArrayBuffer;
  private readonly counters: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly started = process.hrtime.bigint();
  private localCount = 0;
  /** Milliseconds the main thread took for its first cluster, one-time costs included; set by the first {@link pace}. */
  private firstClusterMs?: number;
  private repliesSeen = 0;
  /** How many clusters had been taken when {@link stop} was called. */
  private claimedAtStop?: number;

  /**
   * `workerLimit`: workers at most; undefined: as many as the CPUs allow (see {@link defaultWorkers}),
   * decided when they start. `early`: workers started before the fleet was loaded, which take the folders now.
   */
  private constructor(private readonly entry: string, private readonly workerLimit: number | undefined, private readonly folders: readonly string[], early: EarlyWorkers | undefined) {
    this.shared = early?.shared ?? new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.counters = new Int32Array(this.shared);
    if (early) {
      this.workers.push(...early.workers);
      this.ports.push(...early.ports);
      postFolders(early, folders);
    }
  }

  /**
   * Starts the worker threads once the main thread's pace says the clusters left would keep it busy for
   * at least {@link WORKER_WORTH_MS} ({@link FIRST_CLUSTER_WORTH_FACTOR} times that when only the first
   * cluster is done). Call after each cluster the main thread built.
   */
  public pace(): void {
    const left = this.folders.length - Math.min(Atomics.load(this.counters, NEXT), this.folders.length);
    if (this.workers.length > 0 || left < 2 || this.localCount === 0) {
      return;
    }
    const elapsedMs = Number(process.hrtime.bigint() - this.started) / 1e6;
    this.firstClusterMs ??= elapsedMs;
    if (!workersWorthIt({ firstClusterMs: this.firstClusterMs, elapsedMs, built: this.localCount, left })) {
      return;
    }
    const count = Math.min(this.workerLimit ?? defaultWorkers(), left - 1);
    if (count > 0) {
      this.startWorkers(count);
    }
  }

  private startWorkers(count: number): void {
    const started = spawnWorkers(this.entry, count, this.shared, this.folders);
    this.workers.push(...started.workers);
    this.ports.push(...started.ports);
  }

  /** The index of the next cluster for the main thread to build; the number of clusters or more when none is left. */
  public claim(): number {
    const index = Atomics.add(this.counters, NEXT, 1);
    if (index < this.folders.length) {
      this.localCount++;
    }
    return index;
  }

  /** Hands every reply that has arrived to `accept`, without waiting. */
  public drain(accept: (index: number, built: StagedCluster | undefined) => void): void {
    for (let reply = this.next(); reply !== undefined; reply = this.next()) {
      accept(reply.index, 'built' in reply ? reply.built : undefined);
    }
  }

  /**
   * Waits for the clusters the workers took and hands each reply to `accept`; then lets the workers go.
   * Call after {@link claim} returned no more clusters, or after {@link stop}.
   */
  public finish(accept: (index: number, built: StagedCluster | undefined) => void): void {
    const claimed = this.claimedAtStop ?? Math.min(Atomics.load(this.counters, NEXT), this.folders.length);
    const expected = claimed - this.localCount;
    while (this.repliesSeen < expected) {
      const posted = Atomics.load(this.counters, POSTED);
      const reply = this.next();
      if (reply !== undefined) {
        accept(reply.index, 'built' in reply ? reply.built : undefined);
      } else {
        Atomics.wait(this.counters, POSTED, posted);
      }
    }
    this.release();
  }

  /** Lets no thread take another cluster; the clusters taken so far are still replied to (see {@link finish}). */
  public stop(): void {
    this.claimedAtStop ??= Math.min(Atomics.exchange(this.counters, NEXT, this.folders.length), this.folders.length);
  }

  private next(): Reply | undefined {
    for (const port of this.ports) {
      const received = workerThreads().receiveMessageOnPort(port);
      if (received !== undefined) {
        this.repliesSeen++;
        return received.message as Reply;
      }
    }
    return undefined;
  }

  /**
   * Waits for the workers that started to claim to store what they learned (the validation cache), then
   * lets the process end without the others: a worker whose start-up took longer than the whole synth
   * has built nothing and has nothing to store.
   */
  private release(): void {
    const started = Atomics.load(this.counters, STARTED);
    for (let done = Atomics.load(this.counters, DONE); done < started; done = Atomics.load(this.counters, DONE)) {
      Atomics.wait(this.counters, DONE, done);
    }
    this.ports.forEach((port) => port.close());
    this.workers.forEach((worker) => worker.unref());
  }
}

/** The folders of a worker started early, once the main thread has posted them. */
function awaitFolders(task: WorkerTask, counters: Int32Array): readonly string[] {
  Atomics.wait(counters, FOLDERS_POSTED, 0);
  const received = workerThreads().receiveMessageOnPort(task.port);
  return (received?.message as Folders | undefined)?.folders ?? [];
}

/** How many worker threads a run may start, when `HOMELAB_SYNTH_THREADS` or the options say; else undefined. */
function configuredWorkers(options: SynthThreadsOptions): number | undefined {
  const fromEnv = process.env.HOMELAB_SYNTH_THREADS;
  if (fromEnv !== undefined && fromEnv !== '') {
    // A value that is no count is reported by threadsVariableProblem; the run that reports it builds on one thread.
    return workerCount(fromEnv) ?? 0;
  }
  return options.workers;
}

/** `HOMELAB_SYNTH_THREADS` as a count of worker threads; undefined when it is none (`four`, `-1`, `1.5`). */
function workerCount(text: string): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * What is wrong with `HOMELAB_SYNTH_THREADS`, when it is set to something that is no count of worker threads;
 * undefined when it is unset, empty or a whole number.
 */
export function threadsVariableProblem(): { message: string; hint: string } | undefined {
  const fromEnv = process.env.HOMELAB_SYNTH_THREADS;
  if (fromEnv === undefined || fromEnv === '' || workerCount(fromEnv) !== undefined) {
    return undefined;
  }
  return {
    message: `HOMELAB_SYNTH_THREADS is ${JSON.stringify(fromEnv)}, not a whole number of worker threads`,
    hint: `set it to 0 to build every cluster on the main thread, or to the most worker threads synth may start (1, 2, …); unset, synth starts one less than the CPUs, at most ${DEFAULT_MAX_WORKERS}`,
  };
}

/** Worker threads by default: one less than the CPUs Node may use, at most {@link DEFAULT_MAX_WORKERS}. */
function defaultWorkers(): number {
  // Loaded here rather than at start: a synth that starts no worker needs it nowhere else.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const system = require('os') as typeof os;
  const available = typeof system.availableParallelism === 'function' ? system.availableParallelism() : system.cpus().length;
  return Math.min(available - 1, DEFAULT_MAX_WORKERS);
}

/** The task of this thread when it is a synth worker thread; undefined on the main thread and in other workers. */
export function workerTask(): WorkerTask | undefined {
  if (process.env[WORKER_VARIABLE] === undefined) {
    return undefined;
  }
  const threads = workerThreads();
  if (threads.isMainThread) {
    return undefined;
  }
  const data = threads.workerData as Record<string, unknown> | null | undefined;
  return (data?.[TASK_KEY] as WorkerTask | undefined);
}

/**
 * Serves a worker thread's task: takes clusters from the shared index until none is left, builds and
 * stages each with `build` and posts what the main thread records of it, then ends the thread. A cluster whose build fails (or
 * whose result cannot be posted) is replied to as failed, and the worker takes no other: the main thread
 * then repeats the run on one thread, so that the failure is reported as in a run without threads.
 */
export function serveWorkerTask(task: WorkerTask, build: (folder: string) => StagedCluster | undefined, beforeExit: () => void): never {
  const counters = new Int32Array(task.shared);
  const folders = task.folders ?? awaitFolders(task, counters);
  Atomics.add(counters, STARTED, 1);
  for (let index = Atomics.add(counters, NEXT, 1); index < folders.length; index = Atomics.add(counters, NEXT, 1)) {
    let built: StagedCluster | undefined;
    try {
      built = build(folders[index]);
      if (built) {
        task.port.postMessage({ index, built } satisfies Reply);
      }
    } catch {
      built = undefined;
    }
    if (!built) {
      task.port.postMessage({ index, failed: true } satisfies Reply);
    }
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
    if (!built) {
      break;
    }
  }
  try {
    beforeExit();
  } finally {
    Atomics.add(counters, DONE, 1);
    Atomics.notify(counters, DONE);
    process.exit(0);
  }
}
