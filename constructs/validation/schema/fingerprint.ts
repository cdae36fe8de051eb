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
 * evaluator and the CEL library), so that a change to it never meets results of the old code. Bundled,
 * that is the bundle file; run from sources, the files of this folder.
 */
export function codeFingerprint(): string {
  const own = __filename;
  const files = basename(own, extname(own)) === 'fingerprint'
    ? [...siblings(dirname(own)), join(dirname(own), '..', '..', 'inventory', `ip${extname(own)}`)]
    : [own];
  return [...files, ...celPackage()].map((file) => `${file}\u0001${stamp(file)}`).join('\u0002');
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
