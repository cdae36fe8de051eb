#!/usr/bin/env node
// `npm run synth`: main.ts bundled to plain JS and run in this process (no ts-node).
// package.json starts it with NODE_EXTRA_CA_CERTS empty: Node reads and parses the whole certificate file
// that variable names when it starts, before any script runs (some 45 ms), and synth opens no TLS
// connection.
'use strict';
const { bundle, inputGraphFile, root } = require('./bundle');

const outfile = bundle('main', 'main.ts');
process.chdir(root);
process.env.HOMELAB_INPUT_GRAPH = inputGraphFile('main');
require(outfile);
