import * as fs from 'fs';
import * as path from 'path';
import { toYamlStream } from '../constructs/synth/yaml';
import { exportFiles, FloorInput, millisSinceStart, now, peakRssKiB, report, WrittenFile } from './measurement';

// The floors of a synth run: the very bytes synth wrote, to the same relative paths, produced the fastest
// way the project has. Loads no construct library, so start-up and RSS are the floor's own.
//
//   emit  <export-prefix> <outdir>   `floor`: each YAML file's parsed documents (plain JSON) emitted with
//                                    the project's own emitter (toYamlStream), other files as text; mkdir
//                                    and write. Checks, after the timed part, that every emitted file equals
//                                    what synth wrote, byte for byte, and fails otherwise.
//   write <export-prefix> <outdir>   `write-only`: the bytes synth wrote, read before timing; mkdir and
//                                    write only.

/** Writes `texts` (relative path → content) under `outdir`, as synth's writer does. */
function writeAll(outdir: string, files: ReadonlyArray<readonly [string, string]>): void {
  for (const [file, text] of files) {
    const target = path.join(outdir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

function emitFloor(prefix: string, outdir: string, startMs: number): void {
  const loadStarted = now();
  const inputs = JSON.parse(fs.readFileSync(exportFiles(prefix).documents, 'utf8')) as FloorInput[];
  const started = now();
  const emitted = inputs.map((input): [string, string] => [input.file, 'documents' in input ? toYamlStream(input.documents) : input.text]);
  const rendered = now();
  writeAll(outdir, emitted);
  const ms = now() - started;
  const maxRssKiB = peakRssKiB();

  // Not timed nor in the peak RSS: the floor is only a floor when it wrote the same bytes as synth.
  const expected = JSON.parse(fs.readFileSync(exportFiles(prefix).texts, 'utf8')) as WrittenFile[];
  checkSameBytes(emitted, expected);
  const objects = inputs.reduce((n, input) => n + ('documents' in input ? input.documents.length : 0), 0);
  const bytes = emitted.reduce((n, [, text]) => n + Buffer.byteLength(text), 0);
  report(startMs, { ms, loadMs: started - loadStarted, serializeMs: rendered - started, objects, files: emitted.length, bytes }, maxRssKiB);
}

function writeOnly(prefix: string, outdir: string, startMs: number): void {
  const loadStarted = now();
  const written = JSON.parse(fs.readFileSync(exportFiles(prefix).texts, 'utf8')) as WrittenFile[];
  const files = written.map(({ file, text }): [string, string] => [file, text]);
  const started = now();
  writeAll(outdir, files);
  const ms = now() - started;
  const bytes = files.reduce((n, [, text]) => n + Buffer.byteLength(text), 0);
  report(startMs, { ms, loadMs: started - loadStarted, objects: 0, files: files.length, bytes });
}

/** Fails, naming the first file and line that differ, unless `emitted` is exactly `expected`. */
function checkSameBytes(emitted: ReadonlyArray<readonly [string, string]>, expected: readonly WrittenFile[]): void {
  if (emitted.length !== expected.length) {
    throw new Error(`the floor wrote ${emitted.length} files, synth ${expected.length}: the floor is not the same bytes`);
  }
  emitted.forEach(([file, text], index) => {
    const want = expected[index];
    if (want.file !== file || want.text !== text) {
      const got = text.split('\n');
      const wanted = want.text.split('\n');
      const differing = wanted.findIndex((l, i) => l !== got[i]);
      const line = differing < 0 ? wanted.length : differing;
      throw new Error(`the floor's ${file} differs from synth's ${want.file} at line ${line + 1}: `
        + `${JSON.stringify(got[line])} instead of ${JSON.stringify(wanted[line])}; the floor is not the same bytes`);
    }
  });
}

function main([mode, prefix, outdir]: string[]): void {
  const startMs = millisSinceStart();
  switch (mode) {
    case 'emit':
      emitFloor(prefix, outdir, startMs);
      break;
    case 'write':
      writeOnly(prefix, outdir, startMs);
      break;
    default:
      throw new Error(`unknown mode ${mode}; expected emit or write`);
  }
}

main(process.argv.slice(2));
