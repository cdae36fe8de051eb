import * as fs from 'fs';
import * as path from 'path';

/**
 * A new version of an output folder, staged beside it and applied only at {@link commit}: files are
 * staged as soon as they are rendered (so a run need not hold them all), and a run that fails before
 * its commit leaves the current folder exactly as it was.
 *
 * A file whose bytes equal those of the current version is not staged at all and stays untouched (its
 * time stamp too): tools that watch the output, such as K3s' auto-deploy folder or `make`, see only what
 * changed, and a re-synth of a mostly unchanged fleet writes little. At commit, each staged file replaces
 * its current version by a rename (a reader sees either version, never half a file), and every file that
 * was neither written nor kept is removed, with the folders left empty. When the output folder does not
 * exist yet, the staging folder becomes it in one rename.
 */
export class StagedOutput {
  private readonly absolute: string;
  private readonly staging: string;
  private readonly exists: boolean;
  /** Every file of the new version, relative, `/`-separated: staged or unchanged. */
  private readonly wanted = new Set<string>();
  /** Files staged, relative: new or changed. */
  private readonly staged: string[] = [];
  /** Folders of the current version kept as they are, relative. */
  private readonly kept: string[] = [];
  private readonly madeFolders = new Set<string>();
  private started = false;

  public constructor(outdir: string) {
    this.absolute = path.resolve(outdir);
    this.staging = path.join(path.dirname(this.absolute), `.${path.basename(this.absolute)}-staging-${process.pid}`);
    this.exists = isFolder(this.absolute);
  }

  /** Adds files (paths relative to the output folder, `/`-separated) to the new version. */
  public write(files: ReadonlyMap<string, string>): void {
    this.start();
    for (const [relative, content] of files) {
      this.wanted.add(relative);
      if (this.exists && holds(path.join(this.absolute, relative), content)) {
        continue;
      }
      const target = path.join(this.staging, relative);
      const folder = path.dirname(target);
      if (!this.madeFolders.has(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        this.madeFolders.add(folder);
      }
      fs.writeFileSync(target, content);
      this.staged.push(relative);
    }
  }

  /** Keeps a folder (relative to the output folder) of the current version as it is. */
  public keep(folder: string): void {
    this.start();
    this.kept.push(folder);
  }

  /** Applies the new version to the output folder. */
  public commit(): void {
    this.start();
    if (!this.exists) {
      // Nothing to keep: the staging folder is the whole new version (in place of a file of that name).
      fs.mkdirSync(path.dirname(this.absolute), { recursive: true });
      fs.rmSync(this.absolute, { force: true });
      fs.renameSync(this.staging, this.absolute);
      return;
    }
    try {
      for (const relative of this.staged) {
        const target = path.join(this.absolute, relative);
        makeFolder(path.dirname(target), this.absolute);
        clearWay(target);
        fs.renameSync(path.join(this.staging, relative), target);
      }
      this.removeStale(this.absolute, '');
    } finally {
      this.discard();
    }
  }

  /** Drops what was staged; the current folder stays as it is. */
  public discard(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  private start(): void {
    if (!this.started) {
      fs.rmSync(this.staging, { recursive: true, force: true });
      fs.mkdirSync(this.staging, { recursive: true });
      this.started = true;
    }
  }

  /** Removes what the new version does not hold below `folder`; whether the folder ended up empty. */
  private removeStale(folder: string, relative: string): boolean {
    if (this.kept.includes(relative)) {
      return false;
    }
    let empty = true;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (this.removeStale(absolute, child)) {
          fs.rmdirSync(absolute);
        } else {
          empty = false;
        }
      } else if (this.wanted.has(child)) {
        empty = false;
      } else {
        fs.rmSync(absolute, { force: true });
      }
    }
    return empty;
  }
}

/**
 * Replaces the content of `outdir` with exactly `files` (paths relative to it): see {@link StagedOutput}.
 */
export function writeTreeAtomically(outdir: string, files: ReadonlyMap<string, string>): void {
  const output = new StagedOutput(outdir);
  try {
    output.write(files);
  } catch (error) {
    output.discard();
    throw error;
  }
  output.commit();
}

/** The stat of `file`, or undefined when there is none (a file on its path counts as none). */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function isFolder(file: string): boolean {
  return statOf(file)?.isDirectory() ?? false;
}

/** Whether `file` is a file holding exactly `content` (UTF-8). */
function holds(file: string, content: string): boolean {
  const stat = statOf(file);
  if (!stat?.isFile() || stat.size !== Buffer.byteLength(content)) {
    return false;
  }
  return fs.readFileSync(file, 'utf8') === content;
}

/** Makes `folder` (inside `root`), replacing a file that stands where one of its folders goes. */
function makeFolder(folder: string, root: string): void {
  if (isFolder(folder)) {
    return;
  }
  const parent = path.dirname(folder);
  if (folder !== root && parent !== folder) {
    makeFolder(parent, root);
  }
  fs.rmSync(folder, { force: true });
  fs.mkdirSync(folder);
}

/** Removes a folder that stands where a file goes (a rename cannot replace a folder with a file). */
function clearWay(target: string): void {
  if (isFolder(target)) {
    fs.rmSync(target, { recursive: true, force: true });
  }
}
