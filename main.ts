import type * as Cli from './constructs/synth/cli';
import type { FleetDefinition } from './constructs/synth/fleet';
import { startWorkersEarly } from './constructs/synth/threads';

// Worker threads run this module again and build clusters beside the main thread.
const threads = { entry: module.filename };
// Before the rest loads: when the last synths were long, the worker threads start up meanwhile.
startWorkersEarly(threads);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exitAfterSynth, runSynthCli } = require('./constructs/synth/cli') as typeof Cli;

// The sites are loaded inside the synth's error channel: the inventory modules run when they load, and
// whatever goes wrong there is reported as findings like everything else.
const fleet = (): FleetDefinition => (require('./charts') as typeof import('./charts')).FLEET;

exitAfterSynth(runSynthCli(fleet, {
  outdir: process.env.HOMELAB_OUTDIR ?? 'dist',
  // Written by the bundler beside the bundle (scripts/bundle.js): lets synth rebuild only the clusters
  // whose sources changed.
  inputGraph: process.env.HOMELAB_INPUT_GRAPH,
  threads,
}));
