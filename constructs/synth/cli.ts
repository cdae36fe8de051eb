import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { formatFinding } from '../validation/finding';
import { clusterSummary } from '../validation/summary';
import { synthesize, SynthesizeResult } from './synth';

/** Options of the command-line entry point. */
export interface SynthCliOptions {
  /** Folder to write. @default 'dist' */
  readonly outdir?: string;
  /** Where output goes. @default process.stdout / process.stderr */
  readonly log?: (line: string) => void;
}

/**
 * Synthesizes the sites `define` declares into `outdir`, prints findings and a summary, and returns
 * the process exit status: 0 when written, 1 when validation failed (nothing written).
 */
export function runSynthCli(define: (scope: Construct) => void, options: SynthCliOptions = {}): number {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const outdir = options.outdir ?? 'dist';
  const started = process.hrtime.bigint();
  const app = new App({ outdir });
  define(app);
  let result: SynthesizeResult;
  try {
    result = synthesize(app, { outdir });
  } catch (error) {
    log(`ERROR synthesis failed: ${(error as Error).message}`);
    log(`${outdir}/ was left unchanged.`);
    return 1;
  }
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  for (const finding of [...errors, ...warnings]) {
    log(formatFinding(finding));
  }
  if (!result.written) {
    log(`synth failed: ${errors.length} error(s), ${warnings.length} warning(s); ${outdir}/ was left unchanged.`);
    return 1;
  }
  mirrorForCdk8sCli(outdir, result.files);
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  for (const cluster of result.clusters) {
    clusterSummary(cluster, result.checks.length).forEach((l) => log(l));
  }
  log(`synth ok: ${result.files.size} files, ${result.clusters.reduce((n, c) => n + c.objects.length, 0)} objects, `
    + `checks: ${result.checks.join(', ')}; ${warnings.length} warning(s); ${millis.toFixed(0)} ms`);
  return 0;
}

/**
 * `cdk8s synth` empties its output folder before it runs the app and then reads manifests from it. It is
 * pointed at a scratch folder (cdk8s.yaml `output:`); this copies the result there so the CLI finds it,
 * while `dist/` is only ever replaced by the atomic writer.
 */
function mirrorForCdk8sCli(outdir: string, files: ReadonlyMap<string, string>): void {
  const cliOutdir = process.env.CDK8S_OUTDIR;
  if (!cliOutdir || path.resolve(cliOutdir) === path.resolve(outdir)) {
    return;
  }
  for (const [relative, content] of files) {
    const target = path.join(cliOutdir, relative.replace(/\//g, '.'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}
