import * as fs from 'fs';
import * as path from 'path';
import { openDiskCache } from '../../constructs/validation/schema/disk-cache';
import { WORK_FILE } from '../../constructs/synth/threads';

/** Files of a schema cache that hold what runs met rather than compiled code: validation results, run lengths. */
const RUN_MEMORY = /^valid-v\d+\.bin$/;

/**
 * Makes `dir` a schema cache for a synth run in a child process that starts with the compiled validators
 * (and CEL rules) the test run's own cache holds, but none of its validation results or memory of past
 * runs: what such a run stores is its own. A validator compiled afresh costs the run seconds of CPU and
 * tells a test of how synth ends or shares its clusters nothing. Each file is linked, not copied: the
 * cache replaces a file by renaming a new one over it, and never writes into one.
 */
export function validatorCacheIn(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const shared = openDiskCache()?.dir;
  if (shared === undefined || !fs.existsSync(shared)) {
    return dir;
  }
  for (const name of fs.readdirSync(shared)) {
    if (!RUN_MEMORY.test(name) && name !== WORK_FILE && !name.startsWith('.')) {
      fs.symlinkSync(path.join(shared, name), path.join(dir, name));
    }
  }
  return dir;
}
