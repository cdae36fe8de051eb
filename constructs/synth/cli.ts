import * as fs from 'fs';
import * as path from 'path';
import { synthApp } from '../interop/foreign-lazy';
import type { Construct } from 'constructs';
import { DEBUG_VARIABLE } from '../validation/construction-errors';
import { Finding, formatFinding } from '../validation/finding';
import { reportOrder, findingCounts } from '../validation/findings-order';
import { flushSchemaResults } from '../validation/schema-layer';
import { failureReport, parseSummaryFlags, printSynthReport, SummaryFlags } from './summary';
import type { FleetDefinition } from './fleet';
import { asksForHelp, commandLineFindings, CommandLineSpec, printHelp } from './cli-args';
import { buildSites, isFleetDefinition } from './build-sites';
import { endWhenOutputCloses } from './closed-output';
import { lockAfterSynth } from './late-constructs';
import { synthCliOptionFindings } from './cli-options';
import { synthesize, synthesizeFleet, SynthesizeResult } from './synth';
import { lockOutdir } from './outdir-lock';
import { SynthThreadsOptions, workerTask } from './threads';

/** Options of the command-line entry point. */
export interface SynthCliOptions {
  /** Folder to write. @default 'dist' */
  readonly outdir?: string;
  /**
   * Where output goes, one line at a time.
   * @default - the summary to stdout; findings and failures to stderr, which `cdk8s synth` shows (it keeps the app's stdout)
   */
  readonly log?: (line: string) => void;
  /**
   * Command-line arguments: `--quiet`, `--json`, `--full`. Any other argument, or `--quiet` with
   * `--json`, fails the run before anything is built. @default - process.argv after the script, unless `flags` is given
   */
  readonly argv?: readonly string[];
  /** `--quiet` / `--json`, instead of reading them from `argv`. @default - read from `argv` */
  readonly flags?: SummaryFlags;
  /**
   * The synth bundle's input graph, for incremental synth of a {@link FleetDefinition} (see
   * {@link SynthesizeFleetOptions.inputGraph}). `--full` on the command line builds every cluster anyway.
   * @default - every cluster is built
   */
  readonly inputGraph?: string;
  /**
   * Build the clusters of a {@link FleetDefinition} on worker threads too (see
   * {@link SynthesizeFleetOptions.threads}).
   * @default - every cluster is built on the main thread
   */
  readonly threads?: SynthThreadsOptions;
}

/** Every option of {@link SynthCliOptions}, to name a misspelt one. */
const SYNTH_CLI_OPTIONS = Object.keys({ outdir: 0, log: 0, argv: 0, flags: 0, inputGraph: 0, threads: 0 } satisfies Record<keyof SynthCliOptions, 0>);

/** What `npm run synth` reads from its command line. */
const SYNTH_COMMAND_LINE: CommandLineSpec = {
  command: 'npm run synth --', flags: ['--quiet', '--json', '--full'], exclusive: [['--quiet', '--json']],
  summary: 'Builds every cluster of the fleet, validates it, and writes the output folder only when nothing is wrong, rewriting only the files that change.',
  explained: {
    '--quiet': 'print only errors and the status line, which counts the warnings',
    '--json': 'print one JSON document (for CI), a failure included',
    '--full': 'build and validate every cluster, not only those whose sources changed',
  },
  // The output folder is decided in the entry script, where the check that it is safe to replace runs.
  elsewhere: Object.fromEntries([
    ...['--outdir', '--out', '--output', '--output-dir', '-o'].map((name) => [name, outputHint]),
    ...['--cluster', '--site', '--only', '--target'].map((name) => [name, oneClusterHint]),
    ...['--dry-run', '--check', '--validate'].map((name) => [name, () => 'npm run diff builds and checks every cluster and writes nothing (npm run validate checks alone)']),
    // A CI job's habits: synth writes plain text on a terminal and in a pipe alike, and its exit status is the verdict.
    ...['--color', '--colour', '--no-color', '--no-colour'].map((name) => [name,
      () => 'synth prints plain text without colours, on a terminal and in CI alike, so there is nothing to switch: each finding starts its line with ERROR or WARNING']),
    ...['--ci', '--strict', '--fail-on-warnings', '--warnings-as-errors'].map((name) => [name,
      () => 'synth exits 1 on an error and writes nothing, and 0 with warnings alone; to fail a CI job on warnings too, run it with --json and fail on any finding of severity "warning"']),
    ...['--verbose'].map((name) => [name, () => 'synth prints every finding in full already (--quiet prints only the errors)']),
  ]),
  positional: oneClusterHint,
};

/**
 * Where the output goes, for a command line that names it: a folder is the entry script's `outdir`, and a format
 * (kubectl's and helm's `-o json`, `--output=yaml`) is `--json`, or the YAML synth writes anyway.
 */
function outputHint(value: string | undefined): string {
  if (value !== undefined && /^(json|ya?ml)$/i.test(value)) {
    return /^json$/i.test(value)
      ? 'synth prints one JSON document of its findings and files with --json: npm run synth -- --json'
      : 'synth writes every object as YAML already, one file per app in the output folder; its report is plain text, or JSON with --json';
  }
  return `the output folder is the outdir option of runSynthCli in the entry script: runSynthCli(define, { outdir: '${value ?? 'dist'}' })`;
}

/** How to look at one site or cluster, for a command line that names one to synth. */
function oneClusterHint(value: string | undefined): string {
  const folder = value !== undefined && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(value) ? value : '<site>/<cluster>';
  return 'synth builds every cluster of the fleet and rewrites only the files that change (--full rebuilds them all), so it takes no site or cluster; '
    + `to see what changes in one cluster: npm run diff -- --cluster ${folder}`;
}

/**
 * Synthesizes the sites `define` declares into `outdir`, prints findings and a summary, and returns
 * the process exit status: 0 when written, 1 when validation failed (nothing written). `define` either
 * builds the sites under the scope it is given, or returns a {@link FleetDefinition}: then clusters are
 * built and written one at a time, and with `inputGraph` only those whose inputs changed. Whatever else
 * it returns (e.g. the chart an arrow function built) is ignored.
 *
 * Everything that can go wrong with the input is reported as findings, never as a stack trace: errors
 * thrown while `define` builds the tree, and while the tree is prepared, validated and rendered. Load
 * the modules that declare the inventory inside `define` (`require('./charts')`), so that an error
 * raised when they load is reported too.
 */
export function runSynthCli(define: (scope: Construct) => unknown, options: SynthCliOptions = {}): number {
  // Options of the wrong type (checked below) are left out until they are reported, so that reporting them
  // cannot fail on them.
  const given: SynthCliOptions = typeof options === 'object' && options !== null && !Array.isArray(options) ? options : {};
  const writer = typeof given.log === 'function' ? given.log : undefined;
  const log = writer ?? ((line: string) => process.stdout.write(`${line}\n`));
  const problem = writer ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (writer === undefined) {
    endWhenOutputCloses();
  }
  const outdir = given.outdir ?? 'dist';
  const started = process.hrtime.bigint();
  const flags = typeof given.flags === 'object' && given.flags !== null && !Array.isArray(given.flags) ? given.flags : undefined;
  // Arguments are read from the command line only when the caller gave no flags of its own (a test
  // runner's arguments are not this command's).
  const argv = Array.isArray(given.argv) ? given.argv.filter((arg) => typeof arg === 'string')
    : given.argv === undefined && given.flags === undefined ? process.argv.slice(2) : [];
  // `--json` promises one JSON document, a failure before anything is synthesized included; a script that
  // wrote `--json=true` reads its usage error as JSON too.
  const json = (flags ?? parseSummaryFlags(argv)).json === true || argv.some((arg) => arg.startsWith('--json='));
  const fail = (findings: Finding[], error?: unknown): number => {
    if (json) {
      log(JSON.stringify(failureReport(findings, typeof outdir === 'string' ? outdir : ''), null, 2));
      return 1;
    }
    reportOrder(findings).forEach((finding) => problem(formatFinding(finding)));
    if (error !== undefined && process.env[DEBUG_VARIABLE] === '1' && error instanceof Error && error.stack) {
      problem(error.stack);
    }
    problem(`synth failed: ${findingCounts(findings)}; ${typeof outdir === 'string' && outdir !== '' ? `${outdir}/` : 'the output folder'} was left unchanged.`);
    return 1;
  };
  if (asksForHelp(argv)) {
    return printHelp(SYNTH_COMMAND_LINE, log);
  }
  // Checked before anything is built: an output folder that holds the project would be emptied with it.
  const optionFindings = synthCliOptionFindings(define, options, SYNTH_CLI_OPTIONS);
  if (optionFindings.length === 0) {
    optionFindings.push(...commandLineFindings(given.argv ?? argv, SYNTH_COMMAND_LINE));
  }
  if (optionFindings.length > 0) {
    return fail(optionFindings);
  }
  // Worker threads run this function too, on behalf of the main thread, which holds the lock.
  const locked = workerTask() === undefined ? lockOutdir(outdir) : {};
  if (locked.finding) {
    return fail([locked.finding]);
  }
  try {
    // Constructs made after synth (an async callback) are reported on the console, not to a caller's log.
    const late = writer === undefined ? problem : undefined;
    return synthLocked(define, given, { outdir, argv, flags, started, log, problem, late, fail });
  } finally {
    locked.lock?.release();
  }
}

/** What {@link runSynthCli} hands the part of its run that holds the output folder. */
interface LockedRun {
  readonly outdir: string;
  readonly argv: readonly string[];
  /** The summary flags the caller gave, when it gave them instead of the command line's. */
  readonly flags: SummaryFlags | undefined;
  /** When the run started (`process.hrtime.bigint()`). */
  readonly started: bigint;
  /** Where the report of a run that wrote goes. */
  readonly log: (line: string) => void;
  /** Where the report of a run that failed goes. */
  readonly problem: (line: string) => void;
  /** Where constructs made after synth are reported, if anywhere. */
  readonly late: ((line: string) => void) | undefined;
  /** Reports `findings` of a run that stops, and gives its status. */
  readonly fail: (findings: Finding[], error?: unknown) => number;
}

/** Builds, validates and writes the lab, once the output folder is this run's; the exit status. */
function synthLocked(define: (scope: Construct) => unknown, given: SynthCliOptions, run: LockedRun): number {
  const { outdir, argv, flags, started, log, problem, late, fail } = run;
  const app = synthApp(outdir);
  let fleet: FleetDefinition | undefined = undefined;
  const built = buildSites(app, define, { fleet: 'return' });
  if (built.failed) {
    return fail(built.findings, built.error);
  }
  // A define function may return whatever its last statement gives; only a fleet is taken as one.
  fleet = isFleetDefinition(built.defined) ? built.defined : undefined;
  // Mirroring for the cdk8s CLI needs every file's text, which an incremental run does not have.
  const full = argv.includes('--full') || process.env.CDK8S_OUTDIR !== undefined;
  const result: SynthesizeResult = fleet
    ? synthesizeFleet(app, fleet, { outdir, inputGraph: full ? undefined : given.inputGraph, threads: given.threads })
    : synthesize(app, { outdir });
  if (result.written) {
    mirrorForCdk8sCli(outdir);
  } else if (result.error !== undefined && process.env[DEBUG_VARIABLE] === '1' && result.error instanceof Error && result.error.stack) {
    problem(result.error.stack);
  }
  // A construct a chart creates later (an async callback) would be missing from the output unseen.
  lockAfterSynth(app, late);
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  printSynthReport(result, {
    ...(flags ?? parseSummaryFlags(argv)),
    outdir,
    // A failed run goes to stderr, which `cdk8s synth` shows.
    log: result.written ? log : problem,
    millis,
  });
  return result.written ? 0 : 1;
}

/**
 * Ends a synth process with `status`, the last call of its entry point (`exitAfterSynth(runSynthCli(…))`).
 * The validation cache is stored first, which would otherwise happen on the next turn of the event loop.
 * Promises the lab left running settle before the process ends, as when the entry ends with
 * `process.exitCode = runSynthCli(…)`: a construct one of them creates after synth, or its failure, is
 * reported and the status becomes 1. Then, when everything printed is out already (stdout and stderr are
 * files, terminals, or pipes on Linux) and nothing else keeps the process (a timer, a socket), it exits at
 * once: Node's orderly teardown of a heap that synth has filled takes tens of milliseconds, a tenth of a
 * small synth. Otherwise it ends when they have drained and that work is done.
 */
export function exitAfterSynth(status: number): void {
  flushSchemaResults();
  process.exitCode = status;
  // An immediate runs after the promise callbacks queued so far and the report of rejections left unhandled.
  setImmediate(() => {
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0 && onlyOutputKeepsProcess()) {
      process.exit();
    }
  });
}

/** Handles of stdout and stderr, which never keep a process that has nothing else to do. */
const OUTPUT_HANDLES = new Set(['TTYWrap', 'PipeWrap']);

/** Whether nothing but stdout and stderr is active: no timer, socket or file operation a lab started. */
function onlyOutputKeepsProcess(): boolean {
  return process.getActiveResourcesInfo().every((resource) => OUTPUT_HANDLES.has(resource));
}

/**
 * `cdk8s synth` empties its output folder before it runs the app and then reads manifests from it. It is
 * pointed at a scratch folder (cdk8s.yaml `output:`); this copies the result there so the CLI finds it,
 * while `dist/` is only ever changed by the staged writer (`StagedOutput`).
 */
function mirrorForCdk8sCli(outdir: string): void {
  const cliOutdir = process.env.CDK8S_OUTDIR;
  if (!cliOutdir || path.resolve(cliOutdir) === path.resolve(outdir)) {
    return;
  }
  const copy = (folder: string, prefix: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const source = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        copy(source, `${prefix}${entry.name}.`);
      } else {
        fs.mkdirSync(cliOutdir, { recursive: true });
        fs.copyFileSync(source, path.join(cliOutdir, `${prefix}${entry.name}`));
      }
    }
  };
  copy(path.resolve(outdir), '');
}
