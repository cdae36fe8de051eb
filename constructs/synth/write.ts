import * as fs from 'fs';
import * as path from 'path';

/**
 * A new version of an output folder, built beside it and swapped in whole: files are written to a
 * staging folder as soon as they are rendered (so a run need not hold them all), folders kept from the
 * current version are moved over at commit, and a failure at any point leaves the current folder as it
 * was. After a commit, no file that was neither written nor kept survives.
 */
export class StagedOutput {
  private readonly absolute: string;
  private readonly staging: string;
  private readonly retired: string;
  private readonly kept: string[] = [];
  private readonly madeFolders = new Set<string>();
  private started = false;

  public constructor(outdir: string) {
    this.absolute = path.resolve(outdir);
    const parent = path.dirname(this.absolute);
    const base = path.basename(this.absolute);
    this.staging = path.join(parent, `.${base}-staging-${process.pid}`);
    this.retired = path.join(parent, `.${base}-retired-${process.pid}`);
  }

  /** Writes files (paths relative to the output folder) into the new version. */
  public write(files: ReadonlyMap<string, string>): void {
    this.start();
    for (const [relative, content] of files) {
      const target = path.join(this.staging, relative);
      const folder = path.dirname(target);
      if (!this.madeFolders.has(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        this.madeFolders.add(folder);
      }
      fs.writeFileSync(target, content);
    }
  }

  /** Keeps a folder (relative to the output folder) of the current version as it is. */
  public keep(folder: string): void {
    this.start();
    this.kept.push(folder);
  }

  /** Swaps the new version in. */
  public commit(): void {
    this.start();
    const moved: string[] = [];
    try {
      for (const folder of this.kept) {
        const target = path.join(this.staging, folder);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.renameSync(path.join(this.absolute, folder), target);
        moved.push(folder);
      }
      if (fs.existsSync(this.absolute)) {
        fs.renameSync(this.absolute, this.retired);
      }
      fs.renameSync(this.staging, this.absolute);
    } catch (error) {
      if (!fs.existsSync(this.absolute) && fs.existsSync(this.retired)) {
        fs.renameSync(this.retired, this.absolute);
      }
      for (const folder of moved) {
        fs.renameSync(path.join(this.staging, folder), path.join(this.absolute, folder));
      }
      this.discard();
      throw error;
    }
    fs.rmSync(this.retired, { recursive: true, force: true });
  }

  /** Drops the new version; the current folder stays as it is. */
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
}

/**
 * Replaces `outdir` with exactly `files` (paths relative to it), atomically: see {@link StagedOutput}.
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
