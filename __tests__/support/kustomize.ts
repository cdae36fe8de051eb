import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * What `kubectl kustomize <folder>` prints for the folder. The test of every site and each site's own test
 * build the same folders of the same synth: the output for a folder's exact files is kept in the run's
 * scratch folder, and a later build of the very same files reads it there instead of starting kubectl
 * again. Any other file, or a byte changed, is built anew; a build that fails is never kept.
 */
export function kustomizeBuild(folder: string): string {
  return kustomizeBuildEach([folder])[0];
}

/**
 * What `kubectl kustomize` prints for each of `folders`, in their order, as {@link kustomizeBuild} keeps it. The
 * builds not kept run side by side: each is mostly kubectl's start, which one after another would add up.
 */
export function kustomizeBuildEach(folders: readonly string[]): string[] {
  const scratch = process.env.HOMELAB_TEST_SCRATCH;
  const kept = folders.map((folder) => (scratch === undefined ? undefined : path.join(scratch, 'kustomize', `${treeDigest(folder)}.yaml`)));
  const outputs = kept.map((file) => (file !== undefined && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined));
  const missing = folders.map((_, i) => i).filter((i) => outputs[i] === undefined);
  if (missing.length === 1) {
    outputs[missing[0]] = execFileSync('kubectl', ['kustomize', folders[missing[0]]], { encoding: 'utf8' });
  } else if (missing.length > 1) {
    const results = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomized-'));
    try {
      // Each build writes its output and its exit status apart; a build that fails is built once more alone, so its error is thrown as kustomizeBuild throws it.
      execFileSync('sh', ['-c', 'out=$1; shift; i=0; for d in "$@"; do (kubectl kustomize "$d" > "$out/$i.yaml" 2>/dev/null; echo $? > "$out/$i.rc") & i=$((i+1)); done; wait',
        'sh', results, ...missing.map((i) => folders[i])]);
      missing.forEach((i, n) => {
        const ok = fs.readFileSync(path.join(results, `${n}.rc`), 'utf8').trim() === '0';
        outputs[i] = ok ? fs.readFileSync(path.join(results, `${n}.yaml`), 'utf8') : execFileSync('kubectl', ['kustomize', folders[i]], { encoding: 'utf8' });
      });
    } finally {
      fs.rmSync(results, { recursive: true, force: true });
    }
  }
  for (const i of missing) {
    const file = kept[i];
    if (file !== undefined) {
      // Written aside and renamed: test files in other workers may read it at once.
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const aside = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(aside, outputs[i]!);
      fs.renameSync(aside, file);
    }
  }
  return outputs as string[];
}

/** A digest of every file under `folder`: its path below the folder and its bytes. */
function treeDigest(folder: string): string {
  const hash = createHash('sha256');
  const walk = (relative: string): void => {
    const entries = fs.readdirSync(path.join(folder, relative), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(child);
      } else {
        const bytes = fs.readFileSync(path.join(folder, child));
        hash.update(`${child}\0${bytes.length}\0`).update(bytes);
      }
    }
  };
  walk('');
  return hash.digest('hex');
}
