import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { loadAll } from 'js-yaml';
import { FLEET } from '../charts';
import { exitAfterSynth, runSynthCli } from '../constructs/synth/cli';
import { synthesizeFleet } from '../constructs/synth/synth';
import type { SynthThreadsOptions } from '../constructs/synth/threads';
import { CEL_STATISTICS } from '../constructs/validation/schema/cel-evaluator';
import { benchFleet } from './fleet';
import { exportFiles, FloorInput, isYamlFile, Measurement, millisSinceStart, now, report, WrittenFile } from './measurement';

// One measurement per process, so that peak RSS belongs to that measurement alone. The parent
// (scripts/bench.js) runs this bundled (entry: child.ts), reads the JSON line it prints, and takes medians.
//
//   synth <apps> <outdir> [<export-prefix>]   synthetic fleet (bench/fleet.ts): build + validate + write
//   fleet <outdir>                            the real sites, exactly as `npm run synth` runs them
//
// With an export prefix, the output folder is read back after the measured part (every file) and
// exported for the floors (bench/floor.ts): `<prefix>.texts.json`, the bytes as written, and
// `<prefix>.documents.json`, each YAML file's documents parsed back with js-yaml (other files as text).
// Reading the folder rather than synth's own data keeps the floor independent of how synth works.

type Measured = Omit<Measurement, 'startMs' | 'maxRssKiB'>;

function synthFleet(apps: number, outdir: string, exportPrefix: string | undefined, threads: SynthThreadsOptions): Measured {
  const started = now();
  const app = new App({ outdir });
  // As `npm run synth` runs a fleet definition: one cluster at a time, nothing kept from a previous run.
  const result = synthesizeFleet(app, benchFleet(apps), { outdir, threads });
  const ms = now() - started;
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (!result.written || errors.length > 0) {
    throw new Error(`the synthetic fleet did not validate: ${errors.slice(0, 5).map((f) => f.message).join('; ')}`);
  }
  if (exportPrefix) {
    exportOutput(outdir, exportPrefix);
  }
  const objects = result.outcomes.reduce((n, outcome) => n + outcome.figures.objects, 0);
  return { ms, objects, files: result.fileCount };
}

function realSites(outdir: string, threads: SynthThreadsOptions): Measured {
  const started = now();
  const lines: string[] = [];
  // As `npm run synth -- --full` runs them: every cluster built, nothing kept from a previous run.
  const status = runSynthCli(() => FLEET, { outdir, argv: ['--full'], log: (line) => lines.push(line), threads });
  const ms = now() - started;
  if (status !== 0) {
    throw new Error(`synth of the real sites failed:\n${lines.join('\n')}`);
  }
  const summary = /synth ok: (\d+) files, (\d+) objects/.exec(lines[lines.length - 1] ?? '');
  return { ms, objects: Number(summary?.[2] ?? 0), files: Number(summary?.[1] ?? 0) };
}

/** Every file under `folder`, relative paths with `/`, in a stable order. */
function readFolder(folder: string): WrittenFile[] {
  const files: WrittenFile[] = [];
  const walk = (relative: string): void => {
    const entries = fs.readdirSync(path.join(folder, relative), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.isFile()) {
        files.push({ file: child, text: fs.readFileSync(path.join(folder, child), 'utf8') });
      } else {
        throw new Error(`${child} in the synth output is neither a file nor a folder`);
      }
    }
  };
  walk('');
  return files;
}

/** Writes the export files of the output folder `outdir` (see the header). */
function exportOutput(outdir: string, prefix: string): void {
  const written = readFolder(outdir);
  if (written.length === 0) {
    throw new Error(`synth wrote no file to ${outdir}`);
  }
  const inputs: FloorInput[] = written.map(({ file, text }) => (isYamlFile(file)
    ? { file, documents: loadAll(text) as object[] }
    : { file, text }));
  const targets = exportFiles(prefix);
  fs.writeFileSync(targets.texts, JSON.stringify(written));
  fs.writeFileSync(targets.documents, JSON.stringify(inputs));
}

/** Runs the measurement `argv` asks for, with worker threads as `npm run synth` starts them (main.ts). */
export function main(argv: readonly string[], threads: SynthThreadsOptions): void {
  const startMs = millisSinceStart();
  const [mode, ...args] = argv;
  let measured: Measured;
  switch (mode) {
    case 'synth':
      measured = synthFleet(Number(args[0]), args[1], args[2], threads);
      break;
    case 'fleet':
      measured = realSites(args[0], threads);
      break;
    default:
      throw new Error(`unknown mode ${mode}; expected synth or fleet`);
  }
  report(startMs, { ...measured, celMs: CEL_STATISTICS.loadMillis + CEL_STATISTICS.compileMillis + CEL_STATISTICS.evaluateMillis, celEvaluations: CEL_STATISTICS.evaluated });
  // Ends as `npm run synth` does (main.ts).
  exitAfterSynth(0);
}

