// Jest runs the longest test files first, by their durations in its cache, so that its workers end
// together. A fresh clone, as CI's, has no durations, and Jest then orders files by size: the bad-input
// corpus, a small file of its own that runs thousands of cases (half a minute, the suite's longest by
// far), started two thirds into the run and kept one worker busy long after the other had finished. The
// files known to be long go first in every run.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Test files that take the longest, longest first, as paths under `__tests__/`: the corpus, then those that
 * wait on child processes (the thread test's dwell, kubectl, synth entries run as a user runs them), and
 * the files of a few seconds each that synthesize in process or parse many commands with bash.
 */
const LONG_FILES = [
  'bad-input/corpus.test.ts',
  'synth/threads.test.ts',
  'sites.test.ts',
  'synth/lab-entry-mistakes.test.ts',
  'synth/exit.test.ts',
  'cdk8s-plus-bundled.test.ts',
  'include-output.test.ts',
  'owner-steps.test.ts',
  'synth/yaml.test.ts',
  'validation/schema-results-synth.test.ts',
  'readme-commands.test.ts',
  'validation/cel.test.ts',
  'object-size-valid.test.ts',
];

function rank(test) {
  const index = LONG_FILES.findIndex((file) => test.path.split('\\').join('/').endsWith(`/__tests__/${file}`));
  return index === -1 ? LONG_FILES.length : index;
}

class LongFilesFirst extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: the other files keep Jest's order.
    return super.sort(tests).sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongFilesFirst;
module.exports.LONG_FILES = LONG_FILES;
