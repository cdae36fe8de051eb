// constructs/README.md's entry script that loads the lab inside runSynthCli (see readme-examples.ts). Never run.
import { runSynthCli } from '../../constructs';

process.exitCode = runSynthCli((scope) => {
  const { Main } = require('./clusters/main') as typeof import('./clusters/main');
  return new Main(scope);
}, { outdir: 'dist' });
