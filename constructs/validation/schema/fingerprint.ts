import { readdirSync, statSync } from 'fs';
import { basename, dirname, extname, join } from 'path';
import { listSchemaFiles } from './catalog';

/**
 * A cheap identity of the schema sources: every file that may define a kind, with its size and mtime,
 * in the order the catalog reads them. It changes whenever the catalog could; it costs one `stat` per
 * file and parses nothing.
 */
export function sourcesFingerprint(coreFile: string | undefined, crdPaths: readonly string[]): string {
  const files = [...(coreFile === undefined ? [] : [coreFile]), ...crdPaths.flatMap((path) => {
    try {
      return listSchemaFiles(path);
    } catch {
      return [`${path} (unreadable)`];
    }
  })];
  return files.map((file) => `${file}\u0001${stamp(file)}`).join('\u0002');
}

/**
 * An identity of the code that decides validity (schema preparation, formats, patterns, the CEL
 * evaluator and the CEL library), so that a change to it never meets results of the old code: the files
 * of this folder (and the IP parser the CEL evaluator uses). A bundle is identified by the sources it was
 * built from when they lie beside it (`.build/` of the project), so editing a chart, which rebuilds the
 * bundle, keeps the results; otherwise by the bundle file itself.
 */
export function codeFingerprint(): string {
  const own = __filename;
  const folder = basename(own, extname(own)) === 'fingerprint' ? { dir: dirname(own), ext: extname(own) } : sourcesBeside(own);
  const files = folder === undefined
    ? [own]
    : [...siblings(folder.dir), join(folder.dir, '..', '..', 'inventory', `ip${folder.ext}`)];
  return [...files, ...celPackage()].map((file) => `${file}\u0001${stamp(file)}`).join('\u0002');
}

/** The schema sources of the project a bundle in `<root>/.build/` was built from, when they are there. */
function sourcesBeside(bundle: string): { readonly dir: string; readonly ext: string } | undefined {
  const dir = join(dirname(bundle), '..', 'constructs', 'validation', 'schema');
  return stamp(join(dir, 'fingerprint.ts')) === 'missing' ? undefined : { dir, ext: '.ts' };
}

function siblings(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.[cm]?[jt]s$/.test(name)).sort().map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** The CEL library's package.json, whose stamp changes with its version. */
function celPackage(): string[] {
  try {
    const paths = require.resolve.paths('@bufbuild/cel') ?? [];
    for (const path of paths) {
      const file = join(path, '@bufbuild', 'cel', 'package.json');
      if (stamp(file) !== 'missing') {
        return [file];
      }
    }
  } catch {
    // no resolver here: the bundle or the code stamp still changes with an upgrade
  }
  return [];
}

function stamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
