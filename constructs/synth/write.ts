import * as fs from 'fs';
import * as path from 'path';

/**
 * Replaces `outdir` with exactly `files` (paths relative to it), atomically: everything is written to a
 * sibling staging folder first and swapped in with renames, so a failure at any point leaves the old
 * folder as it was, and no file that is not in `files` survives.
 */
export function writeTreeAtomically(outdir: string, files: ReadonlyMap<string, string>): void {
  const absolute = path.resolve(outdir);
  const parent = path.dirname(absolute);
  const base = path.basename(absolute);
  const staging = path.join(parent, `.${base}-staging-${process.pid}`);
  const retired = path.join(parent, `.${base}-retired-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    for (const [relative, content] of files) {
      const target = path.join(staging, relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    if (fs.existsSync(absolute)) {
      fs.renameSync(absolute, retired);
    }
    fs.renameSync(staging, absolute);
  } catch (error) {
    if (!fs.existsSync(absolute) && fs.existsSync(retired)) {
      fs.renameSync(retired, absolute);
    }
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(retired, { recursive: true, force: true });
}
