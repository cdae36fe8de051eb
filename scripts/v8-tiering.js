// When V8 optimizes synth's code, set for the V8 release that runs it. package.json's synth script loads this
// file with `--require`, before the bundle: the option is part of what V8 checks a code cache against, so it
// is set the same way in every run.
//
// The option exists in V8 11 (Node 20) only. Node refuses to start when its command line holds a V8 option
// that its V8 does not know (`node: bad option`), and Node 22 and 24, whose V8 tiers up by invocation
// counts and through Maglev, have none of that name: on the command line it would stop synth there.
'use strict';

/**
 * V8's optimizing compiler starts later, on fewer functions: synth runs a large body of code a few thousand
 * times per cluster, and with V8 11's default budget optimizing it (and again after each deoptimization)
 * took about as much CPU as the synth itself (see the README's *Node options*).
 */
const V8_11_OPTIONS = ['--interrupt-budget=1000000'];

// Synth's worker threads (marked in their environment, see threads.ts) load this file too; V8's options are
// the process's, set once by the main thread.
if (process.env.HOMELAB_SYNTH_WORKER === undefined && process.versions.v8.split('.')[0] === '11') {
  const v8 = require('v8');
  for (const option of V8_11_OPTIONS) {
    v8.setFlagsFromString(option);
  }
}
