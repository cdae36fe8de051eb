#!/usr/bin/env node
// `npm run validate`: checks the committed dist/ with every validation layer, the inventory taken from an
// in-memory synth of the sites. Bundled with esbuild like the synth path (no ts-node); writes nothing.
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.build', 'validate.js');
esbuild.buildSync({
  stdin: {
    contents: [
      "import { defineSites } from './charts';",
      "import { runValidateCli } from './constructs/validation/validate-cli';",
      "process.exitCode = runValidateCli(defineSites, { outdir: process.env.HOMELAB_OUTDIR ?? 'dist' });",
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'validate-entry.ts',
    loader: 'ts',
  },
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
process.chdir(root);
require(outfile);
