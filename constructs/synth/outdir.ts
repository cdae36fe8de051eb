import * as fs from 'fs';
import * as path from 'path';
import { describeValue } from '../inventory/problems';
import type { Finding } from '../validation/finding';

/** What marks a folder as a project's own rather than an output folder: synth would delete them with the rest. */
const PROJECT_MARKS: readonly string[] = ['.git', 'package.json'];

const OWN_FOLDER_HINT = "give synth a folder of its own, e.g. outdir: 'dist'";

/**
 * Why `outdir` cannot be the folder synth writes, or undefined when it can. Synth replaces its output
 * folder as a whole, removing every file it did not write: a folder that holds the working folder (`''`,
 * `'.'`, `'..'`, `'/'`) or a project (its `.git`, its `package.json`) would lose the project with it, and a file
 * (a README, notes) would be replaced by the folder.
 * Reads the file system, writes nothing.
 */
export function outdirFinding(outdir: unknown, cwd: string = process.cwd()): Finding | undefined {
  const finding = (message: string): Finding => ({ layer: 'props', severity: 'error', constructPath: '(app)', field: 'outdir', message, hint: OWN_FOLDER_HINT });
  if (typeof outdir !== 'string' || outdir.trim() === '') {
    return finding(`outdir is ${describeValue(outdir)}, not the path of a folder`);
  }
  const absolute = path.resolve(cwd, outdir);
  const toWorkingFolder = path.relative(absolute, path.resolve(cwd));
  if (toWorkingFolder === '' || (!toWorkingFolder.startsWith('..') && !path.isAbsolute(toWorkingFolder))) {
    const what = toWorkingFolder === '' ? 'the working folder' : 'a folder the working folder is in';
    return finding(`outdir ${describeValue(outdir)} is ${what} (${absolute}); synth replaces its output folder as a whole, and would delete every file there it did not write`);
  }
  const file = fileOnPath(absolute);
  if (file !== undefined) {
    return finding(`outdir ${describeValue(outdir)} ${file === absolute ? 'is a file; synth would replace it, and what it holds, with its folder' : `is inside ${file}, which is a file; no folder can be made there`}`);
  }
  const mark = PROJECT_MARKS.find((name) => fs.existsSync(path.join(absolute, name)));
  if (mark !== undefined) {
    return finding(`outdir ${describeValue(outdir)} holds ${mark}, so it is a project's folder; synth replaces its output folder as a whole, and would delete the project's files`);
  }
  return undefined;
}

/** The first of `folder` and the folders it is in that exists as something other than a folder, if any. */
function fileOnPath(folder: string): string | undefined {
  for (let at = folder; ; at = path.dirname(at)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(at, { throwIfNoEntry: false });
    } catch {
      continue; // ENOTDIR: a folder above is a file, found as the loop goes up
    }
    if (stat !== undefined) {
      return stat.isDirectory() ? undefined : at;
    }
    if (path.dirname(at) === at) {
      return undefined;
    }
  }
}
