// Bundles a TypeScript entry point of this repository into plain JS with esbuild: the fast path that
// replaces ts-node. Type checking belongs to `npm test`.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/**
 * Bundles `source` into `.build/<name>.js` and returns that file's path. `source` is a path relative to
 * the repository root, or TypeScript text to use as the entry point. A bundle newer than every file it
 * was built from is reused, which saves esbuild's start and a rebuild on repeated runs.
 */
function bundle(name, source) {
  const outfile = path.join(root, '.build', `${name}.js`);
  const metafile = path.join(root, '.build', `${name}.inputs.json`);
  const entryText = source.endsWith('.ts') ? undefined : source;
  if (isFresh(outfile, metafile, entryText)) {
    return outfile;
  }
  const esbuild = require('esbuild');
  const entry = entryText === undefined
    ? { entryPoints: [path.join(root, source)] }
    : { stdin: { contents: entryText, resolveDir: root, sourcefile: `${name}-entry.ts`, loader: 'ts' } };
  const result = esbuild.buildSync({
    ...entry,
    absWorkingDir: root,
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('<stdin>'));
  // The import graph lets synth tell which clusters a changed file reaches (incremental synth).
  const imports = {};
  for (const input of inputs) {
    imports[input] = result.metafile.inputs[input].imports.map((i) => i.path).filter((p) => p in result.metafile.inputs && !p.startsWith('<stdin>'));
  }
  fs.writeFileSync(metafile, JSON.stringify({ entryText, inputs, root, imports }));
  return outfile;
}

/** Whether the bundle exists and no file it was built from changed since (nor the entry text). */
function isFresh(outfile, metafile, entryText) {
  try {
    const built = fs.statSync(outfile).mtimeMs;
    const previous = JSON.parse(fs.readFileSync(metafile, 'utf8'));
    if (previous.entryText !== entryText || previous.imports === undefined) {
      return false;
    }
    return previous.inputs.every((input) => fs.statSync(path.join(root, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** The input graph file `bundle(name, …)` writes beside the bundle. */
function inputGraphFile(name) {
  return path.join(root, '.build', `${name}.inputs.json`);
}

module.exports = { bundle, inputGraphFile, root };
