import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../validation/finding';

/** A synth's hold on its output folder, taken by {@link lockOutdir}. */
export interface OutdirLock {
  /** Lets the output folder go: another synth may write it now. */
  release(): void;
}

/** The file in the lock folder that names the process holding it. */
const OWNER_FILE = 'owner';

/**
 * How long a lock folder without its owner file is taken for one a synth is making, in milliseconds:
 * the file is written right after the folder is made, so an older one was left by a process that died
 * in between.
 */
const OWNERLESS_GRACE_MS = 10_000;

/**
 * Takes the output folder for one writing synth, or says which live process writes it now. Two synths
 * that write one folder at once (a watcher's and one started by hand) would each stage a version and
 * replace the folder, and the later would fail part way or win with files the incremental state of the
 * other describes. The lock is a folder beside the output folder, `.<name>-lock/` (made in one step, so
 * two runs cannot both take it), holding the process id of its owner. A lock whose owner is gone (a run
 * ended by a signal) is taken over. Nothing is locked where the output folder's parent does not exist
 * yet, or cannot be written: the write itself then says why it fails.
 */
export function lockOutdir(outdir: string): { readonly lock?: OutdirLock; readonly finding?: Finding } {
  const absolute = path.resolve(outdir);
  const folder = path.join(path.dirname(absolute), `.${path.basename(absolute)}-lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        return {};
      }
      const owner = lockOwner(folder);
      if (owner !== undefined) {
        return { finding: lockedFinding(outdir, folder, owner) };
      }
      // A lock left by a run that is gone: taken over.
      fs.rmSync(folder, { recursive: true, force: true });
      continue;
    }
    fs.writeFileSync(path.join(folder, OWNER_FILE), `${process.pid}\n`);
    return { lock: { release: () => fs.rmSync(folder, { recursive: true, force: true }) } };
  }
  return {};
}

/**
 * The process id of the live process that holds the lock `folder`, `0` for one still being taken, or
 * undefined when its owner is gone.
 */
function lockOwner(folder: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, OWNER_FILE), 'utf8');
  } catch {
    const made = statTime(folder);
    return made !== undefined && Date.now() - made < OWNERLESS_GRACE_MS ? 0 : undefined;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : undefined;
}

/** Whether a process of that id runs (one of another user's counts as running). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When `file` last changed, in milliseconds since the epoch; undefined when it is gone. */
function statTime(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The finding for an output folder another synth writes now. */
function lockedFinding(outdir: string, folder: string, owner: number): Finding {
  return {
    layer: 'props', severity: 'error', constructPath: '(app)', field: 'outdir',
    message: `another synth (${owner === 0 ? 'a process starting now' : `process ${owner}`}) is writing ${outdir}/ now; two at once would each replace the folder with its own version`,
    hint: `wait for it to end and run again; if no synth runs, remove ${folder}`,
  };
}
