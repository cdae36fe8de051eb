#!/usr/bin/env node
// `npm run diff -- [--against <git-ref>] [--cluster <site>/<cluster>]`: synthesizes in memory and compares
// with dist/ as committed at the ref. Bundled with esbuild like synth (no ts-node).
'use strict';
const { bundle, root } = require('./bundle');

const outfile = bundle('diff', [
  "import { defineSites } from './charts';",
  "import { runDiffCli } from './constructs/synth/diff';",
  'process.exitCode = runDiffCli(defineSites, { argv: process.argv.slice(2), outdir: process.env.HOMELAB_OUTDIR ?? \'dist\' });',
].join('\n'));
process.chdir(root);
require(outfile);
