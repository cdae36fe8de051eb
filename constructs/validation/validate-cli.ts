import { synthApp } from '../interop/foreign-lazy';
import type { Construct } from 'constructs';
import { buildSites } from '../synth/build-sites';
import { endWhenOutputCloses } from '../synth/closed-output';
import { asksForHelp, commandLineFindings, CommandLineSpec, printHelp } from '../synth/cli-args';
import { collectClusters } from '../synth/collect';
import { loadDistClusters } from './dist';
import { Finding, formatFinding } from './finding';
import { reportOrder, findingCounts } from './findings-order';
import { clusterSummary } from './summary';
import { validateClusters } from './validate';

/** Options of the `npm run validate` entry point. */
export interface ValidateCliOptions {
  /** Folder to validate. @default 'dist' */
  readonly outdir?: string;
  /** Where output goes. @default process.stdout */
  readonly log?: (line: string) => void;
  /** Command-line arguments: the command takes none, and fails on any. @default [] */
  readonly argv?: readonly string[];
}

/** What `npm run validate` reads from its command line: nothing (it validates the output folder as committed). */
const VALIDATE_COMMAND_LINE: CommandLineSpec = {
  command: 'npm run validate',
  summary: 'Reads the output folder as it is and runs every check on its objects, with the inventory of the fleet; writes nothing.',
};

/**
 * Validates the committed `outdir` as it is: every file is read strictly and every check runs on its
 * objects, with the inventory taken from an in-memory synth of the sites `define` declares (or of the
 * fleet it returns, as `runSynthCli` takes one). Nothing is
 * written. Returns the exit status: 0 without errors, 1 otherwise.
 */
export function runValidateCli(define: (scope: Construct) => unknown, options: ValidateCliOptions = {}): number {
  if (options.log === undefined) {
    endWhenOutputCloses();
  }
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const outdir = options.outdir ?? 'dist';
  // The App's outdir is where the engines' sync objects point, so it must be the folder read here.
  const failed = (findings: readonly Finding[], why: string): number => {
    reportOrder(findings).forEach((f) => log(formatFinding(f)));
    log(`validate failed: ${why} (${findingCounts(findings)}); nothing was validated`);
    return 1;
  };
  if (asksForHelp(options.argv ?? [])) {
    return printHelp(VALIDATE_COMMAND_LINE, log);
  }
  const usage = commandLineFindings(options.argv ?? [], VALIDATE_COMMAND_LINE);
  if (usage.length > 0) {
    return failed(usage, 'the command line is wrong');
  }
  const app = synthApp(outdir);
  const built = buildSites(app, define);
  if (built.failed) {
    return failed(built.findings, 'the sites could not be built');
  }
  const fresh = collectClusters(app);
  const loaded = loadDistClusters(outdir, fresh.map((c) => c.chart), fresh);
  const report = validateClusters(loaded.clusters);
  const findings = [...loaded.findings, ...report.findings];
  const errors = findings.filter((f) => f.severity === 'error');
  for (const finding of [...errors, ...findings.filter((f) => f.severity === 'warning')]) {
    log(formatFinding(finding));
  }
  for (const cluster of loaded.clusters) {
    clusterSummary(cluster, report.checks.length).forEach((line) => log(line));
  }
  log(`validate ${errors.length === 0 ? 'ok' : 'failed'}: ${outdir}/, ${errors.length} error(s), ${findings.length - errors.length} warning(s)`);
  return errors.length === 0 ? 0 : 1;
}
