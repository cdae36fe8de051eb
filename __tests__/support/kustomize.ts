import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * What `kubectl kustomize <folder>` prints for the folder. The test of every site and each site's own test
 * build the same folders of the same synth: the output for a folder's exact files is kept in the run's
 * scratch folder, and a later build of the very same files reads it there instead of starting kubectl
 * again. Any other file, or a byte changed, is built anew; a build that fails is never kept.
 */
export function kustomizeBuild(folder: string): string {
  const scratch = process.env.HOMELAB_TEST_SCRATCH;
  const kept = scratch === undefined ? undefined : path.join(scratch, 'kustomize', `${treeDigest(folder)}.yaml`);
  if (kept !== undefined && fs.existsSync(kept)) {
    return fs.readFileSync(kept, 'utf8');
  }
  const output = execFileSync('kubectl', ['kustomize', folder], { encoding: 'utf8' });
  if (kept !== undefined) {
    // Written aside and renamed: test files in other workers may read it at once.
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    const aside = `${kept}.${process.pid}.tmp`;
    fs.writeFileSync(aside, output);
    fs.renameSync(aside, kept);
  }
  return output;
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
