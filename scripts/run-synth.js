#!/usr/bin/env node
// `npm run synth`: main.ts bundled to plain JS and run in this process (no ts-node).
'use strict';
const { bundle, inputGraphFile, root } = require('./bundle');

const outfile = bundle('main', 'main.ts');
process.chdir(root);
process.env.HOMELAB_INPUT_GRAPH = inputGraphFile('main');
require(outfile);
