import { exitAfterSynth, runSynthCli } from './constructs/synth/cli';
import type { FleetDefinition } from './constructs/synth/fleet';

// The sites are loaded inside the synth's error channel: the inventory modules run when they load, and
// whatever goes wrong there is reported as findings like everything else.
const fleet = (): FleetDefinition => (require('./charts') as typeof import('./charts')).FLEET;

exitAfterSynth(runSynthCli(fleet, {
  outdir: process.env.HOMELAB_OUTDIR ?? 'dist',
  // Written by the bundler beside the bundle (scripts/bundle.js): lets synth rebuild only the clusters
  // whose sources changed.
  inputGraph: process.env.HOMELAB_INPUT_GRAPH,
  // Worker threads run this module again and build clusters beside the main thread.
  threads: { entry: module.filename },
}));
