// The node options and environment `npm run synth` runs with, read from its script in package.json: the
// one place they are set. The bench runs its children with the same ones, so its figures are those of a
// real synth.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** An environment assignment before the command of a script: `NAME=value`, the value possibly empty. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/;

/**
 * package.json's `synth` script in its parts: the environment assignments before `node`, and the `--`
 * options between `node` and the script. `NODE_EXTRA_CA_CERTS= node --max-semi-space-size=8
 * scripts/run-synth.js` gives `{ env: { NODE_EXTRA_CA_CERTS: '' }, flags: ['--max-semi-space-size=8'] }`.
 */
function synthCommand() {
  const script = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.synth;
  const words = script.trim().split(/\s+/);
  const env = {};
  while (words.length > 0 && ASSIGNMENT.test(words[0])) {
    const [, name, value] = ASSIGNMENT.exec(words.shift());
    env[name] = value;
  }
  if (words[0] !== 'node') {
    throw new Error(`package.json's synth script should start with node, after environment assignments, not: ${script}`);
  }
  const flags = [];
  for (const word of words.slice(1)) {
    if (!word.startsWith('--')) {
      break;
    }
    flags.push(word);
  }
  return { env, flags };
}

/** The `--` options of node in package.json's `synth` script (see {@link synthCommand}). */
function synthNodeFlags() {
  return synthCommand().flags;
}

/** The environment assignments of package.json's `synth` script (see {@link synthCommand}). */
function synthNodeEnv() {
  return synthCommand().env;
}

/**
 * Options about synth's compiled code rather than its memory: V8 keeps the bytecode of functions that have not
 * run for a while, so that the code cache written at the end of a long run still holds the start-up's code;
 * it compiles baseline code on a thread of its own; and `scripts/v8-tiering.js` makes the optimizing compiler
 * start later, on fewer functions (synth's large body of code runs through each function a few thousand
 * times; a small hot loop, as in the floors of the bench, is slower with it).
 */
const COMPILER_OPTIONS = ['--no-flush-bytecode', '--concurrent-sparkplug', '--require=./scripts/v8-tiering.js'];

/**
 * The V8 options the synth script may give on node's command line: each is known to the V8 of every Node
 * release that package.json's `engines` allow (checked with Node 20, 22 and 24), since node refuses to start
 * on one that its V8 does not know. An option of one V8 release only is set at run time, for that release
 * (`scripts/v8-tiering.js`).
 */
const V8_OPTIONS_EVERY_NODE_KNOWS = ['--max-semi-space-size', '--heap-growing-percent', '--no-parallel-scavenge', '--no-flush-bytecode', '--concurrent-sparkplug'];

/** Node's own options (not V8's) the synth script may give. */
const NODE_OPTIONS = ['--require'];

/**
 * The node options the bench's floors run with, each in turn, the fastest counting: synth's own options
 * without {@link COMPILER_OPTIONS}, and none at all.
 */
function floorNodeFlagSets() {
  const memoryOnly = synthNodeFlags().filter((flag) => !COMPILER_OPTIONS.includes(flag));
  return [memoryOnly, []];
}

module.exports = { synthNodeFlags, synthNodeEnv, floorNodeFlagSets, COMPILER_OPTIONS, V8_OPTIONS_EVERY_NODE_KNOWS, NODE_OPTIONS };
