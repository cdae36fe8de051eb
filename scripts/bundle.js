// Bundles a TypeScript entry point of this repository into plain JS with esbuild: the fast path that
// replaces ts-node. Type checking belongs to `npm test`.
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

/**
 * Bundles `source` into `.build/<name>.js` and returns that file's path. `source` is a path relative to
 * the repository root, or TypeScript text to use as the entry point.
 */
function bundle(name, source) {
  const outfile = path.join(root, '.build', `${name}.js`);
  const entry = source.endsWith('.ts')
    ? { entryPoints: [path.join(root, source)] }
    : { stdin: { contents: source, resolveDir: root, sourcefile: `${name}-entry.ts`, loader: 'ts' } };
  esbuild.buildSync({
    ...entry,
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

module.exports = { bundle, root };
