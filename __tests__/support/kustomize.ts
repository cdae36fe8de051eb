import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { keptBuildsFolder } = require('./kustomize-cache') as { keptBuildsFolder: () => string | undefined };

/**
 * What `kubectl kustomize <folder>` prints for the folder. Each build is mostly kubectl's start: the output for a
 * folder's exact files, with the same kubectl binary, is kept in `node_modules/.cache/cdk8s-homelab/kustomize`,
 * and a later build of the very same files (in this run or a later one) reads it there instead of starting kubectl
 * again. Any other file, a byte changed or another kubectl is built anew; a build that fails is never kept. (The
 * correct labs' folders that list only files of their own are built in process: see kustomize-files.ts.)
 */
export function kustomizeBuild(folder: string): string {
  return kustomizeBuildEach([folder])[0];
}

/** The folder of kept builds (see kustomize-cache.js), looked up once per test file. */
let keptBuilds: string | undefined | null = null;

/**
 * What `kubectl kustomize` prints for each of `folders`, in their order, as {@link kustomizeBuild} keeps it. The
 * builds not kept run side by side: each is mostly kubectl's start, which one after another would add up.
 */
export function kustomizeBuildEach(folders: readonly string[]): string[] {
  if (keptBuilds === null) {
    keptBuilds = keptBuildsFolder();
  }
  const store = keptBuilds;
  const kept = folders.map((folder) => (store === undefined ? undefined : path.join(store, `${treeDigest(folder)}.yaml`)));
  const outputs = kept.map((file) => (file !== undefined ? readKept(file) : undefined));
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
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const aside = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(aside, outputs[i]!);
        fs.renameSync(aside, file);
      } catch {
        // A read-only checkout keeps nothing: the build is only made again next time.
      }
    }
  }
  return outputs as string[];
}

/** A kept build's output, marked as just used (see pruneKustomizeCache in kustomize-cache.js); undefined when none is kept. */
function readKept(file: string): string | undefined {
  try {
    const output = fs.readFileSync(file, 'utf8');
    const now = new Date();
    fs.utimesSync(file, now, now);
    return output;
  } catch {
    return undefined;
  }
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
