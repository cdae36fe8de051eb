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
 *
 * A commit that fails part way (a file it cannot replace, a folder it may not write) undoes what it did
 * before it throws: every replaced or removed file is set aside until the commit is complete, and put
 * back. A version that names one file twice, or a file where another file's folder goes, is refused
 * while it is staged.
 */
export class StagedOutput {
  private readonly absolute: string;
  private readonly staging: string;
  /** Where a commit sets aside what it replaces or removes, until it is complete. */
  private readonly aside: string;
  private readonly exists: boolean;
  /** Every file of the new version, relative, `/`-separated: staged or unchanged. */
  private readonly wanted = new Set<string>();
  /** Files staged, relative: new or changed. */
  private readonly staged: string[] = [];
  /** Folders of the current version kept as they are, relative. */
  private readonly kept: string[] = [];
  private readonly madeFolders = new Set<string>();
  /** Folders of the new version, relative: no file may stand where one of them goes. */
  private readonly wantedFolders = new Set<string>();
  private started = false;

  public constructor(outdir: string) {
    this.absolute = path.resolve(outdir);
    this.staging = stagingFolderOf(this.absolute);
    this.aside = path.join(path.dirname(this.absolute), `.${path.basename(this.absolute)}-replaced-${process.pid}`);
    this.exists = isFolder(this.absolute);
  }

  /**
   * Makes the staging folder, empty. A run that lets other threads stage files (see {@link stageFiles})
   * opens it before they start; otherwise the first write or keep does.
   */
  public open(): void {
    if (!this.started) {
      fs.rmSync(this.staging, { recursive: true, force: true });
      fs.mkdirSync(this.staging, { recursive: true });
      this.started = true;
    }
  }

  /**
   * Adds files (paths relative to the output folder, `/`-separated) to the new version. Returns the
   * current text of each of them whose bytes change, `undefined` for a new file: what a day-2 check compares.
   */
  public write(files: ReadonlyMap<string, string>): Map<string, string | undefined> {
    this.open();
    // Claimed before anything is staged: a file where another's folder goes is refused, not half written.
    files.forEach((_content, relative) => this.claim(relative));
    const { staged, replaced } = stageFiles(this.absolute, files, this.madeFolders);
    this.staged.push(...staged);
    return replaced;
  }

  /**
   * Adds files that {@link stageFiles} already staged, on this thread or another, to the new version:
   * `files` every file of theirs (relative to the output folder), `staged` those it wrote.
   */
  public adopt(files: readonly string[], staged: readonly string[]): void {
    this.open();
    files.forEach((relative) => this.claim(relative));
    this.staged.push(...staged);
  }

  /** Keeps a folder (relative to the output folder) of the current version as it is. */
  public keep(folder: string): void {
    this.open();
    this.kept.push(folder);
  }

  /**
   * Applies the new version to the output folder. When that fails, the output folder is put back as
   * it was before the error is thrown.
   */
  public commit(): void {
    this.open();
    if (!this.exists) {
      // Nothing to keep: the staging folder is the whole new version (in place of a file of that name).
      fs.mkdirSync(path.dirname(this.absolute), { recursive: true });
      fs.rmSync(this.absolute, { force: true });
      fs.renameSync(this.staging, this.absolute);
      return;
    }
    const undo = new Undo(this.aside);
    try {
      for (const relative of this.staged) {
        const target = path.join(this.absolute, relative);
        this.makeFolder(path.dirname(target), undo);
        if (isFolder(target)) {
          // A rename cannot replace a folder with a file.
          undo.setAside(target);
        }
        undo.replacing(target);
        fs.renameSync(path.join(this.staging, relative), target);
      }
      this.removeStale(this.absolute, '', undo);
    } catch (error) {
      undo.run();
      throw error;
    } finally {
      this.discard();
    }
  }

  /** Drops what was staged (and what a commit set aside); the current folder stays as it is. */
  public discard(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
    fs.rmSync(this.aside, { recursive: true, force: true });
  }

  /** Adds `relative` to the new version; refuses a second file of that path, or a file where a folder goes. */
  private claim(relative: string): void {
    const clash = this.wanted.has(relative) ? 'twice' : this.wantedFolders.has(relative) ? 'where files of the version go' : undefined;
    if (clash) {
      throw new Error(`the new version of the output writes ${relative} ${clash}`);
    }
    this.wanted.add(relative);
    for (let end = relative.lastIndexOf('/'); end > 0; end = relative.lastIndexOf('/', end - 1)) {
      const folder = relative.slice(0, end);
      if (this.wanted.has(folder)) {
        throw new Error(`the new version of the output writes ${folder} as a file and as the folder of ${relative}`);
      }
      if (this.wantedFolders.has(folder)) {
        break;
      }
      this.wantedFolders.add(folder);
    }
  }

  /** Makes `folder` (inside the output folder), setting aside a file that stands where one of its folders goes. */
  private makeFolder(folder: string, undo: Undo): void {
    if (isFolder(folder)) {
      return;
    }
    const parent = path.dirname(folder);
    if (folder !== this.absolute && parent !== folder) {
      this.makeFolder(parent, undo);
    }
    if (statOf(folder)) {
      undo.setAside(folder);
    }
    fs.mkdirSync(folder);
    undo.push(() => fs.rmdirSync(folder));
  }

  /** Removes what the new version does not hold below `folder`; whether the folder ended up empty. */
  private removeStale(folder: string, relative: string, undo: Undo): boolean {
    if (this.kept.includes(relative)) {
      return false;
    }
    let empty = true;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (this.removeStale(absolute, child, undo)) {
          fs.rmdirSync(absolute);
          undo.push(() => fs.mkdirSync(absolute));
        } else {
          empty = false;
        }
      } else if (this.wanted.has(child)) {
        empty = false;
      } else {
        undo.setAside(absolute);
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

/** The staging folder of the output folder `absolute`: beside it, named for the process (its threads share it). */
function stagingFolderOf(absolute: string): string {
  return path.join(path.dirname(absolute), `.${path.basename(absolute)}-staging-${process.pid}`);
}

/** Files written to the staging folder, and what they replace. */
export interface StagedFiles {
  /** The files written (new or changed), relative to the output folder. */
  readonly staged: string[];
  /** The current text of each file written, `undefined` for a new one: what a day-2 check compares. */
  readonly replaced: Map<string, string | undefined>;
}

/**
 * Writes `files` (paths relative to `outdir`, `/`-separated) to the staging folder of `outdir`, but those
 * whose bytes the output folder already holds. Any thread of the run may stage its own files, once the
 * main thread has opened the staging folder ({@link StagedOutput.open}) and before it adopts them
 * ({@link StagedOutput.adopt}). `madeFolders`: folders known to exist, filled as they are made.
 */
export function stageFiles(outdir: string, files: ReadonlyMap<string, string>, madeFolders: Set<string> = new Set()): StagedFiles {
  const absolute = path.resolve(outdir);
  const staging = stagingFolderOf(absolute);
  const exists = isFolder(absolute);
  const staged: string[] = [];
  const replaced = new Map<string, string | undefined>();
  for (const [relative, content] of files) {
    const current = exists ? currentVersion(path.join(absolute, relative), content) : undefined;
    if (current === SAME) {
      continue;
    }
    replaced.set(relative, current);
    const target = path.join(staging, relative);
    const folder = path.dirname(target);
    if (!madeFolders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      madeFolders.add(folder);
    }
    fs.writeFileSync(target, content);
    staged.push(relative);
  }
  return { staged, replaced };
}

/**
 * The current text of the files below `folder` of `outdir` (relative, `/`-separated) that a new version
 * with `files` for it no longer holds: what leaves the output when it is committed.
 */
export function filesLeaving(outdir: string, folder: string, files: ReadonlyMap<string, string>): Map<string, string> {
  return filesBelow(path.resolve(outdir), folder, (relative) => !files.has(relative));
}

/** The stat of `file`, or undefined when there is none (a file on its path counts as none). */
function statOf(file: string): fs.Stats | undefined {
  try {
    // Without an error for a file not there: most asked for are (a new cluster's), and an error costs its stack.
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Whether `file` is a folder; asked without an error for a path not there. */
function isFolder(file: string): boolean {
  return statOf(file)?.isDirectory() ?? false;
}

/** {@link currentVersion} of a file that holds exactly the content of the new version. */
const SAME = Symbol('same');

/**
 * The text of `file` when it differs from `content` (UTF-8), {@link SAME} when it holds exactly that, or
 * `undefined` when there is no such file. A file of another size is read only to be returned.
 */
function currentVersion(file: string, content: string): string | typeof SAME | undefined {
  const stat = statOf(file);
  const text = stat?.isFile() ? textIfPresent(file) : undefined;
  if (text === undefined) {
    return undefined;
  }
  return stat!.size === Buffer.byteLength(content) && text === content ? SAME : text;
}

/**
 * The text of `file`, or undefined when it went away since it was listed: something else (an editor, a
 * checkout) may change the output folder while synth reads it, and a file gone is a file not there.
 */
function textIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * The current versions of a cluster's files in `outdir`, as a day-2 check compares them with the new
 * `files` of its `folder`: the text of each file whose bytes change (`undefined` for a new file), and of
 * each file below the folder that the new version does not hold. Files whose bytes stay are not returned
 * (nor parsed by the check).
 */
export function previousVersions(outdir: string, folder: string, files: ReadonlyMap<string, string>): Map<string, string | undefined> {
  const absolute = path.resolve(outdir);
  // Listed once: a file of the cluster the listing lacks is new, and a file it has is read with no stat of its
  // own. A cluster new to the output has no folder there, and none of its files is asked for.
  const listed = isFolder(path.join(absolute, folder)) ? filesListedBelow(absolute, folder) : new Map<string, boolean>();
  const previous = new Map<string, string | undefined>();
  for (const [relative, regular] of listed) {
    const text = regular && !files.has(relative) ? textIfPresent(path.join(absolute, relative)) : undefined;
    if (text !== undefined) {
      previous.set(relative, text);
    }
  }
  // A link (to a file or a folder) lists none of what it leads to: with one there, files not listed are asked for.
  const linked = [...listed.values()].includes(false);
  for (const [relative, content] of files) {
    const regular = listed.get(relative);
    // A file outside the folder is asked for as it is; a listed file's text is enough for a day-2 check,
    // which parses what it compares.
    const current = regular === false || (regular === undefined && linked) || !relative.startsWith(`${folder}/`)
      ? currentVersion(path.join(absolute, relative), content)
      : regular ? sameOrText(textIfPresent(path.join(absolute, relative)), content) : undefined;
    if (current !== SAME) {
      previous.set(relative, current);
    }
  }
  return previous;
}

/** {@link SAME} when `text` is `content`, else `text`. */
function sameOrText(text: string | undefined, content: string): string | typeof SAME | undefined {
  return text === content ? SAME : text;
}

/**
 * {@link previousVersions} of a cluster's files against an `output` held in memory (paths relative to the
 * output folder), e.g. the output folder as committed at a Git ref.
 */
export function previousVersionsIn(
  output: ReadonlyMap<string, string>, folder: string, files: ReadonlyMap<string, string>,
): Map<string, string | undefined> {
  const previous = new Map<string, string | undefined>();
  for (const [file, text] of output) {
    if (file.startsWith(`${folder}/`) && !files.has(file)) {
      previous.set(file, text);
    }
  }
  for (const [file, content] of files) {
    const text = output.get(file);
    if (text !== content) {
      previous.set(file, text);
    }
  }
  return previous;
}

/** The cluster folders (`<site>/<cluster>`) of an output held in memory (paths relative to the output folder), sorted. */
export function clusterFoldersOf(output: ReadonlyMap<string, string>): string[] {
  const folders = new Set([...output.keys()].map((file) => file.split('/')).filter((parts) => parts.length > 2).map((parts) => `${parts[0]}/${parts[1]}`));
  return [...folders].sort();
}

/** The text of the files below `folder` of `root` (relative, `/`-separated) that `wanted` picks. */
function filesBelow(root: string, folder: string, wanted: (relative: string) => boolean): Map<string, string> {
  const found = new Map<string, string>();
  for (const [relative, regular] of filesListedBelow(root, folder)) {
    const text = regular && wanted(relative) ? textIfPresent(path.join(root, relative)) : undefined;
    if (text !== undefined) {
      found.set(relative, text);
    }
  }
  return found;
}

/**
 * Every entry below `folder` of `root` but folders (relative, `/`-separated), in the order a walk meets
 * them, each with whether it is a regular file (not a link, a socket, …). None when there is no such folder.
 */
function filesListedBelow(root: string, folder: string): Map<string, boolean> {
  const listed = new Map<string, boolean>();
  const walk = (relative: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return; // no such folder: the cluster is new
    }
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(child);
      } else {
        listed.set(child, entry.isFile());
      }
    }
  };
  walk(folder);
  return listed;
}

/**
 * What a commit did, to be undone in reverse order when it fails part way. What it replaces or removes
 * is set aside in a folder beside the output (on the same file system, so every step is a rename).
 */
class Undo {
  private readonly steps: Array<() => void> = [];
  private count = 0;

  public constructor(private readonly folder: string) {}

  /** Records how to undo a step just taken. */
  public push(step: () => void): void {
    this.steps.push(step);
  }

  /** Moves `file` (or a folder) out of the way, to be put back on undo. */
  public setAside(file: string): void {
    const aside = this.nextAside();
    fs.renameSync(file, aside);
    this.steps.push(() => fs.renameSync(aside, file));
  }

  /**
   * Records how to undo the rename about to replace `target`: its current file is kept as a second link
   * (the rename still replaces it in one step, so readers never miss it), or the new file is removed.
   */
  public replacing(target: string): void {
    if (!statOf(target)?.isFile()) {
      this.steps.push(() => fs.rmSync(target, { force: true }));
      return;
    }
    const aside = this.nextAside();
    try {
      fs.linkSync(target, aside);
    } catch {
      fs.copyFileSync(target, aside); // a file system without hard links
    }
    this.steps.push(() => fs.renameSync(aside, target));
  }

  /** Undoes every step, the last first; a step that fails does not keep the others from being undone. */
  public run(): void {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      try {
        this.steps[i]();
      } catch {
        // the others still restore what they can
      }
    }
  }

  private nextAside(): string {
    if (this.count === 0) {
      fs.mkdirSync(this.folder, { recursive: true });
    }
    return path.join(this.folder, String(this.count++));
  }
}
