/**
 * What one bench child process reports, as one JSON line on stdout. Times are milliseconds.
 */
export interface Measurement {
  /** The measured work, in process. */
  readonly ms: number;
  /** Process start to the entry point: node start-up plus loading the bundle and its modules. */
  readonly startMs: number;
  /** Reading the input, for measurements that have one. */
  readonly loadMs?: number;
  /** Of `ms`, the part spent turning objects into YAML text, for measurements that report it. */
  readonly serializeMs?: number;
  /** Of `ms`, the part spent compiling and evaluating CEL rules of CRD schemas, for synth measurements. */
  readonly celMs?: number;
  /** CEL rule evaluations of the run. */
  readonly celEvaluations?: number;
  /** Kubernetes objects handled. */
  readonly objects: number;
  /** Files written. */
  readonly files: number;
  /** Peak resident set size of the process, KiB. */
  readonly maxRssKiB: number;
}

/** The documents of every output file, which the synth child exports and the floor child writes. */
export type ExportedFiles = Array<[file: string, documents: object[]]>;

/** Prints the measurement line the parent reads. */
export function report(startMs: number, measured: Omit<Measurement, 'startMs' | 'maxRssKiB'>): void {
  const result: Measurement = { ...measured, startMs, maxRssKiB: process.resourceUsage().maxRSS };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
