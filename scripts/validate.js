#!/usr/bin/env node
// `npm run validate`: checks the committed dist/ with every validation layer, the inventory taken from an
// in-memory synth of the sites. Bundled like the synth path (no ts-node); writes nothing.
'use strict';
const { bundle, root } = require('./bundle');

const outfile = bundle('validate', [
  "import { defineSites } from './charts';",
  "import { runValidateCli } from './constructs/validation/validate-cli';",
  "process.exitCode = runValidateCli(defineSites, { argv: process.argv.slice(2), outdir: process.env.HOMELAB_OUTDIR ?? 'dist' });",
].join('\n'));
process.chdir(root);
require(outfile);
