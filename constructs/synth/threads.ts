import type * as os from 'os';
import type { MessagePort, Worker } from 'worker_threads';
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

/** What a thread hands over for one cluster it built. */
export interface BuiltCluster {
  /** What its synth produced besides the files. */
  readonly outcome: ClusterOutcome;
  /** Its rendered files, relative to the output folder. */
  readonly files: Map<string, string>;
  /** Files its build read through `readSourceFile` (absolute paths). */
  readonly readFiles: readonly string[];
}

/** A worker's reply for the cluster at `index`: built, or failed (the main thread then repeats the run on one thread). */
type Reply = { readonly index: number } & ({ readonly built: BuiltCluster } | { readonly failed: true });

/** What a worker thread is given: the folders to build, the shared claim counter, its reply port. */
interface WorkerTask {
  readonly folders: readonly string[];
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
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
 * workers done (their caches stored).
 */
const NEXT = 0;
const POSTED = 1;
const STARTED = 2;
const DONE = 3;
const SLOTS = 4;
/** Worker threads at most by default: each holds a cluster's objects, and more rarely pays off. */
const DEFAULT_MAX_WORKERS = 3;

/**
 * Estimated work left on the main thread, in milliseconds, from which worker threads are started. A
 * worker needs a few hundred milliseconds before it builds anything (a thread, the bundle, its own
 * compiled code), competing for the CPU meanwhile, and the estimate after the first cluster includes the
 * run's one-time costs (loading validators, compiling): below this, a worker would slow a fleet down.
 */
const WORKER_WORTH_MS = 1500;

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
    return folders.length < 2 || workers === 0 ? undefined : new ClusterThreads(options.entry, workers, folders);
  }

  private readonly shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  private readonly counters = new Int32Array(this.shared);
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly started = process.hrtime.bigint();
  private receive?: typeof import('worker_threads').receiveMessageOnPort;
  private localCount = 0;
  private repliesSeen = 0;
  /** How many clusters had been taken when {@link stop} was called. */
  private claimedAtStop?: number;

  /** `workerLimit`: workers at most; undefined: as many as the CPUs allow (see {@link defaultWorkers}), decided when they start. */
  private constructor(private readonly entry: string, private readonly workerLimit: number | undefined, private readonly folders: readonly string[]) {}

  /**
   * Starts the worker threads once the main thread's pace says the clusters left would keep it busy for
   * at least {@link WORKER_WORTH_MS}. Call after each cluster the main thread built.
   */
  public pace(): void {
    const left = this.folders.length - Math.min(Atomics.load(this.counters, NEXT), this.folders.length);
    if (this.workers.length > 0 || left < 2 || this.localCount === 0) {
      return;
    }
    const elapsedMs = Number(process.hrtime.bigint() - this.started) / 1e6;
    if ((elapsedMs / this.localCount) * left < WORKER_WORTH_MS) {
      return;
    }
    const count = Math.min(this.workerLimit ?? defaultWorkers(), left - 1);
    if (count > 0) {
      this.startWorkers(count);
    }
  }

  private startWorkers(count: number): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require('worker_threads') as typeof import('worker_threads');
    this.receive = threads.receiveMessageOnPort;
    for (let i = 0; i < count; i++) {
      // A port can be handed to one thread only: each worker replies on a channel of its own.
      const { port1, port2 } = new threads.MessageChannel();
      const task: WorkerTask = { folders: this.folders, shared: this.shared, port: port2 };
      const worker = new threads.Worker(this.entry, {
        argv: process.argv.slice(2),
        workerData: { [TASK_KEY]: task },
        env: { ...process.env, [WORKER_VARIABLE]: '1' },
        transferList: [port2],
      });
      // A worker that fails before it takes a cluster has taken none: the main thread builds them all.
      // Once it takes one, it replies whatever happens (see serveWorkerTask).
      worker.on('error', () => undefined);
      this.workers.push(worker);
      this.ports.push(port1);
    }
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
  public drain(accept: (index: number, built: BuiltCluster | undefined) => void): void {
    for (let reply = this.next(); reply !== undefined; reply = this.next()) {
      accept(reply.index, 'built' in reply ? reply.built : undefined);
    }
  }

  /**
   * Waits for the clusters the workers took and hands each reply to `accept`; then lets the workers go.
   * Call after {@link claim} returned no more clusters, or after {@link stop}.
   */
  public finish(accept: (index: number, built: BuiltCluster | undefined) => void): void {
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
      const received = this.receive!(port);
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

/** How many worker threads a run may start, when `HOMELAB_SYNTH_THREADS` or the options say; else undefined. */
function configuredWorkers(options: SynthThreadsOptions): number | undefined {
  const fromEnv = process.env.HOMELAB_SYNTH_THREADS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const value = Number(fromEnv);
    return Number.isInteger(value) && value >= 0 ? value : 0;
  }
  return options.workers;
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('worker_threads') as typeof import('worker_threads');
  if (threads.isMainThread) {
    return undefined;
  }
  const data = threads.workerData as Record<string, unknown> | null | undefined;
  return (data?.[TASK_KEY] as WorkerTask | undefined);
}

/**
 * Serves a worker thread's task: takes clusters from the shared index until none is left, builds each
 * with `build` and posts it to the main thread, then ends the thread. A cluster whose build fails (or
 * whose result cannot be posted) is replied to as failed, and the worker takes no other: the main thread
 * then repeats the run on one thread, so that the failure is reported as in a run without threads.
 */
export function serveWorkerTask(task: WorkerTask, build: (folder: string) => BuiltCluster | undefined, beforeExit: () => void): never {
  const counters = new Int32Array(task.shared);
  Atomics.add(counters, STARTED, 1);
  for (let index = Atomics.add(counters, NEXT, 1); index < task.folders.length; index = Atomics.add(counters, NEXT, 1)) {
    let built: BuiltCluster | undefined;
    try {
      built = build(task.folders[index]);
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
