import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { parseSummaryFlags, printSynthReport, SummaryFlags } from './summary';
import { synthesize, SynthesizeResult } from './synth';

/** Options of the command-line entry point. */
export interface SynthCliOptions {
  /** Folder to write. @default 'dist' */
  readonly outdir?: string;
  /** Where output goes. @default process.stdout / process.stderr */
  readonly log?: (line: string) => void;
  /** `--quiet` / `--json`. @default - read from process.argv */
  readonly flags?: SummaryFlags;
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
  if (result.written) {
    mirrorForCdk8sCli(outdir, result.files);
  }
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  printSynthReport(result, { ...(options.flags ?? parseSummaryFlags(process.argv.slice(2))), outdir, log, millis });
  return result.written ? 0 : 1;
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
