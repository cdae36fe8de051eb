import * as path from 'path';

/** What each error code of a failed file system call says of the file, in words. */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'lies under a path that is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EACCES: 'may not be read by the user that runs synth',
  EPERM: 'may not be read by the user that runs synth',
};

/**
 * The problem of a file the lab's code read while it was built (`fs.readFileSync('config/app.conf')`) and
 * could not, when `error` is Node's error of such a call; undefined for any other error. A relative path is
 * read from the folder synth runs in, and `__dirname` in the synth bundle is the bundle's folder: both are
 * named, as a path relative to the wrong folder is the usual cause. Pure.
 */
export function fileReadProblem(error: unknown): { readonly field: string; readonly message: string; readonly hint: string } | undefined {
  const failed = error as { code?: unknown; path?: unknown } | undefined;
  // Not `instanceof Error`: an error of Node's own modules may come from another realm (a test runner's sandbox).
  if (typeof error !== 'object' || error === null || typeof failed?.code !== 'string' || typeof failed.path !== 'string' || !(failed.code in FILE_ERRORS)) {
    return undefined;
  }
  const written = failed.path;
  const absolute = path.resolve(written);
  const hint = !path.isAbsolute(written)
    ? `a relative path is read from the folder synth runs in (${process.cwd()}), not from the folder of the module that names it: `
      + "write it from there (e.g. 'charts/lab/app.conf'), and keep the file in the repository"
    : /[\\/]\.build[\\/]/.test(written)
      ? "__dirname in the bundle synth runs is the bundle's folder (.build/), not the folder of the module: build the path from the folder synth runs in, "
        + "e.g. path.join(process.cwd(), 'charts', 'lab', 'app.conf')"
      : 'check the path on the machine that runs synth; a file outside the repository is missing wherever else synth runs (CI): keep it in the repository';
  return {
    field: `file ${written}`,
    message: `the file ${written}${absolute === written ? '' : ` (${absolute})`} ${FILE_ERRORS[failed.code]}: the lab's code could not read it (${failed.code})`,
    hint,
  };
}
