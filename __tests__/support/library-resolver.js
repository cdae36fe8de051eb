// Jest's resolver: a library file or bundled package that a test (or a test's support file) asks for
// resolves to its module in this run's shim folder, which hands out its exports from the one bundle of
// the library (see library-bundle.js). Everything else resolves as Jest would, among it what the
// repository's scripts ask for: the synth bundler resolves packages to bundle them.
'use strict';
const fs = require('fs');
const path = require('path');

/** Resolved path → module standing for it, of this run (read once per worker). */
let shims;

const tests = path.join(path.resolve(__dirname, '..'), path.sep);

module.exports = function resolve(request, options) {
  const resolved = options.defaultResolver(request, options);
  const folder = process.env.HOMELAB_TEST_LIBRARY_SHIMS;
  if (folder === undefined || !path.join(options.basedir, path.sep).startsWith(tests)) {
    return resolved;
  }
  shims ??= JSON.parse(fs.readFileSync(path.join(folder, 'shims.json'), 'utf8'));
  // A file the bundle lacks (one made after the run started) loads by itself.
  return shims[resolved] ?? resolved;
};
