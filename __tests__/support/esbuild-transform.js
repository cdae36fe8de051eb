// Jest's TypeScript transform: esbuild, which also compiles the bundles synth runs (scripts/bundle.js),
// so the tests run the library compiled as synth runs it. It transpiles a file in well under a
// millisecond where the TypeScript compiler takes tens: a run without Jest's cache (a fresh clone) spends
// seconds instead of most of a minute before the first test. Type checking is tsc's: `npm test` runs it
// before Jest.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

// The project's compiler options decide what esbuild needs of them (class fields, module interop).
const TSCONFIG = fs.readFileSync(path.join(__dirname, '..', '..', 'tsconfig.json'), 'utf8');
// A new esbuild, a changed tsconfig or a change here compiles every file again.
const TRANSFORM_IDENTITY = crypto.createHash('sha1')
  .update(esbuild.version).update('\0').update(TSCONFIG).update('\0').update(fs.readFileSync(__filename))
  .digest('hex');

module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = esbuild.transformSync(sourceText, {
      loader: sourcePath.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      tsconfigRaw: TSCONFIG,
      sourcefile: sourcePath,
      sourcemap: 'external',
      sourcesContent: false,
    });
    return { code, map };
  },
  getCacheKey(sourceText, sourcePath, options) {
    return crypto.createHash('sha1')
      .update(TRANSFORM_IDENTITY).update('\0').update(sourcePath).update('\0').update(options.configString).update('\0').update(sourceText)
      .digest('hex');
  },
};
