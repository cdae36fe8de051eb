/**
 * What one bench child process reports, as one JSON line on stdout. Times are milliseconds.
 */
export interface Measurement {
  /** The measured work, in process (start-up and reading the input excluded). */
  readonly ms: number;
  /** Process start to the entry point: node start-up plus loading the bundle and its modules. */
  readonly startMs: number;
  /** Reading the input, for measurements that have one (not part of `ms`). */
  readonly loadMs?: number;
  /** Of `ms`, the part spent turning objects into YAML text, for measurements that report it. */
  readonly serializeMs?: number;
  /** Of `ms`, the part spent compiling and evaluating CEL rules of CRD schemas, for synth measurements. */
  readonly celMs?: number;
  /** CEL rule evaluations of the run. */
  readonly celEvaluations?: number;
  /** Kubernetes objects handled (YAML documents, for the floors). */
  readonly objects: number;
  /** Files written. */
  readonly files: number;
  /** Bytes written, for the floors. */
  readonly bytes?: number;
  /** Clusters kept from the previous run, for incremental synth. */
  readonly kept?: number;
  /** Peak resident set size of the process, KiB. */
  readonly maxRssKiB: number;
}

/**
 * One file of a synth run's output folder, as the floor re-emits it: the YAML documents parsed back from
 * a `.yaml`/`.yml` file, or the raw text of any other file (README.md).
 */
export type FloorInput =
  | { readonly file: string; readonly documents: object[] }
  | { readonly file: string; readonly text: string };

/** One file of a synth run's output folder, exactly as synth wrote it (path relative to the folder). */
export interface WrittenFile {
  readonly file: string;
  readonly text: string;
}

/** The two export files of one synth run: `<prefix>.documents.json` and `<prefix>.texts.json`. */
export function exportFiles(prefix: string): { documents: string; texts: string } {
  return { documents: `${prefix}.documents.json`, texts: `${prefix}.texts.json` };
}

/** Whether a file of the output is YAML, which the floor re-emits from its parsed documents. */
export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/.test(file);
}

/**
 * A clock for durations, in milliseconds. Children time themselves with process.hrtime rather than
 * perf_hooks, whose loading would count in the wall time of every measurement but not in a real synth's.
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Milliseconds since this process started (node start-up included). */
export function millisSinceStart(): number {
  return process.uptime() * 1000;
}

/** Peak resident set size of this process so far, KiB. */
export function peakRssKiB(): number {
  return process.resourceUsage().maxRSS;
}

/**
 * Prints the measurement line the parent reads. `maxRssKiB` is the peak so far unless given (a child
 * that checks its work after the measured part passes the peak from before the check).
 */
export function report(startMs: number, measured: Omit<Measurement, 'startMs' | 'maxRssKiB'>, maxRssKiB = peakRssKiB()): void {
  const result: Measurement = { ...measured, startMs, maxRssKiB };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
