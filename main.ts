import type { Construct } from 'constructs';
import { runSynthCli } from './constructs/synth/cli';

// The sites are loaded inside the synth's error channel: the inventory modules run when they load, and
// whatever goes wrong there is reported as findings like everything else.
const defineSites = (scope: Construct): void => (require('./charts') as typeof import('./charts')).defineSites(scope);

process.exitCode = runSynthCli(defineSites, { outdir: process.env.HOMELAB_OUTDIR ?? 'dist' });
