import { defineSites } from './charts';
import { runSynthCli } from './constructs/synth/cli';

process.exitCode = runSynthCli(defineSites, { outdir: process.env.HOMELAB_OUTDIR ?? 'dist' });
