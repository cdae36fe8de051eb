import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { dump } from 'js-yaml';
import { ExportedFiles, report } from './measurement';

// The floor: the final documents of a synth run, already plain JSON, written with nothing but js-yaml
// into the same files. Loads no construct library, so its start-up and RSS are the floor's own.
//
//   floor <export.json> <outdir>

function main(exportFile: string, outdir: string): void {
  const startMs = performance.now();
  const documents = JSON.parse(fs.readFileSync(exportFile, 'utf8')) as ExportedFiles;
  const started = performance.now();
  let objects = 0;
  const texts = documents.map(([, manifests]) => {
    objects += manifests.length;
    return manifests.map((m) => dump(m, { noRefs: true, lineWidth: -1 })).join('---\n');
  });
  const dumped = performance.now();
  documents.forEach(([file], index) => {
    const target = path.join(outdir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, texts[index]);
  });
  const ms = performance.now() - started;
  report(startMs, { ms, loadMs: started - startMs, serializeMs: dumped - started, objects, files: documents.length });
}

main(process.argv[2], process.argv[3]);
