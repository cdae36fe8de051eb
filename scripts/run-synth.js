#!/usr/bin/env node
// The synth path: esbuild bundles main.ts into plain JS (no type checking, no ts-node), node runs it.
// Type checking belongs to `npm test`.
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.build', 'main.js');
esbuild.buildSync({
  entryPoints: [path.join(root, 'main.ts')],
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
