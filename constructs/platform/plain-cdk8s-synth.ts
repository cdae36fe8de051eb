import type { Chart } from 'cdk8s';
import { Finding, formatFinding } from '../validation/finding';

/** Cluster charts already reported in this process: cdk8s asks a chart for its objects more than once. */
const reported = new WeakSet<Chart>();

/** The finding for a cluster chart that cdk8s' own synthesis asked for its objects. Pure. */
export function plainCdk8sSynthFinding(chartPath: string): Finding {
  return {
    layer: 'props', severity: 'error', constructPath: chartPath, field: 'synth',
    message: "cdk8s' own app.synth() would write this cluster without the library's checks, its layers and its GitOps files; "
      + 'nothing of the cluster was written',
    hint: "synthesize with the library's entry point instead of app.synth(): process.exitCode = runSynthCli((scope) => new Main(scope), { outdir: 'dist' }) "
      + '(the cdk8s CLI, cdk8s synth, runs that same script)',
  };
}

/**
 * What a cluster chart hands cdk8s' own synthesis (`app.synth()`, `app.synthYaml()`, `Testing.synth`):
 * no object. Rendered that way, a cluster would be a few of its objects in one unchecked file, and the
 * run would end with status 0. Instead the error is printed once, without a stack trace, and the process's
 * exit status becomes 1. The library's own synthesis reads the objects one by one and never asks this.
 */
export function refusePlainCdk8sSynth(chart: Chart): any[] {
  if (!reported.has(chart)) {
    reported.add(chart);
    process.stderr.write(`${formatFinding(plainCdk8sSynthFinding(chart.node.path || '(app)'))}\n`);
    process.exitCode = 1;
  }
  return [];
}
