// The node options `npm run synth` runs with, read from its script in package.json: the one place they
// are set. The bench runs its children with the same options, so its figures are those of a real synth.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/**
 * The `--` options between `node` and the script in package.json's `synth` script, e.g.
 * `node --max-semi-space-size=8 scripts/run-synth.js` gives `['--max-semi-space-size=8']`.
 */
function synthNodeFlags() {
  const script = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.synth;
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node') {
    throw new Error(`package.json's synth script should start with node, not: ${script}`);
  }
  const flags = [];
  for (const word of words.slice(1)) {
    if (!word.startsWith('--')) {
      break;
    }
    flags.push(word);
  }
  return flags;
}

/**
 * Options that tune V8's compiler tiers for synth's large body of code, which runs through each function
 * a few thousand times: the optimizing compiler starts later, on fewer functions. A small hot loop (the
 * floors of the bench) is slower with them.
 */
const TIERING_FLAGS = ['--interrupt-budget'];

/**
 * The node options the bench's floors run with, each in turn, the fastest counting: synth's own options
 * without {@link TIERING_FLAGS}, and none at all.
 */
function floorNodeFlagSets() {
  const memoryOnly = synthNodeFlags().filter((flag) => !TIERING_FLAGS.includes(flag.split('=')[0]));
  return [memoryOnly, []];
}

module.exports = { synthNodeFlags, floorNodeFlagSets };
