import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { App } from 'cdk8s';
import { defineSites } from '../charts';
import { runSynthCli } from '../constructs/synth/cli';
import { layoutClusterFiles } from '../constructs/synth/render';
import { synthesize } from '../constructs/synth/synth';
import { CEL_STATISTICS } from '../constructs/validation/schema/cel-evaluator';
import { defineFleet } from './fleet';
import { ExportedFiles, Measurement, report } from './measurement';

// One measurement per process, so that peak RSS belongs to that measurement alone. The parent
// (scripts/bench.js) runs this bundled, reads the JSON line it prints, and takes medians.
//
//   synth <apps> <outdir> [<export.json>]   synthetic fleet: build + synth + validate + write
//   fleet <outdir>                          the real sites, exactly as `npm run synth` runs them

type Measured = Omit<Measurement, 'startMs' | 'maxRssKiB'>;

function synthFleet(apps: number, outdir: string, exportFile: string | undefined): Measured {
  const started = performance.now();
  const app = new App({ outdir });
  defineFleet(app, apps);
  const result = synthesize(app, { outdir });
  const ms = performance.now() - started;
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (!result.written || errors.length > 0) {
    throw new Error(`the synthetic fleet did not validate: ${errors.slice(0, 5).map((f) => f.message).join('; ')}`);
  }
  if (exportFile) {
    const documents: ExportedFiles = result.clusters.flatMap((cluster) => [...layoutClusterFiles(cluster)]);
    fs.writeFileSync(exportFile, JSON.stringify(documents));
  }
  const objects = result.clusters.reduce((n, c) => n + c.objects.length, 0);
  return { ms, objects, files: result.files.size };
}

function realSites(outdir: string): Measured {
  const started = performance.now();
  const lines: string[] = [];
  const status = runSynthCli(defineSites, { outdir, log: (line) => lines.push(line) });
  const ms = performance.now() - started;
  if (status !== 0) {
    throw new Error(`synth of the real sites failed:\n${lines.join('\n')}`);
  }
  const summary = /synth ok: (\d+) files, (\d+) objects/.exec(lines[lines.length - 1] ?? '');
  return { ms, objects: Number(summary?.[2] ?? 0), files: Number(summary?.[1] ?? 0) };
}

function main(argv: string[]): void {
  const startMs = performance.now();
  const [mode, ...args] = argv;
  let measured: Measured;
  switch (mode) {
    case 'synth':
      measured = synthFleet(Number(args[0]), args[1], args[2]);
      break;
    case 'fleet':
      measured = realSites(args[0]);
      break;
    default:
      throw new Error(`unknown mode ${mode}; expected synth or fleet`);
  }
  report(startMs, { ...measured, celMs: CEL_STATISTICS.loadMillis + CEL_STATISTICS.compileMillis + CEL_STATISTICS.evaluateMillis, celEvaluations: CEL_STATISTICS.evaluated });
}

main(process.argv.slice(2));
