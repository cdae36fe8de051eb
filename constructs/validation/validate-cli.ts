import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { collectClusters } from '../synth/collect';
import { loadDistClusters } from './dist';
import { formatFinding } from './finding';
import { clusterSummary } from './summary';
import { validateClusters } from './validate';

/** Options of the `npm run validate` entry point. */
export interface ValidateCliOptions {
  /** Folder to validate. @default 'dist' */
  readonly outdir?: string;
  /** Where output goes. @default process.stdout */
  readonly log?: (line: string) => void;
}

/**
 * Validates the committed `outdir` as it is: every file is read strictly and every check runs on its
 * objects, with the inventory taken from an in-memory synth of the sites `define` declares. Nothing is
 * written. Returns the exit status: 0 without errors, 1 otherwise.
 */
export function runValidateCli(define: (scope: Construct) => void, options: ValidateCliOptions = {}): number {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const outdir = options.outdir ?? 'dist';
  // The App's outdir is where the engines' sync objects point, so it must be the folder read here.
  const app = new App({ outdir });
  define(app);
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
