import { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { guarded, labCluster, prepopulatedOutdir, snapshotTree, synthFindings } from '../bad-input/lab';

/** An error a synth reported, as the tests of chart values compare it. */
export interface SynthError { readonly path: string; readonly field: string; readonly layer: string; readonly hint: string }

/**
 * Builds `build` into the lab's cluster `main`, synthesizes it into a folder that holds earlier output and
 * returns its errors, whether anything was written, and whether the folder kept every byte.
 */
export function synthErrors(build: (cluster: ClusterChart) => unknown): { errors: SynthError[]; written: boolean; unchanged: boolean } {
  const outdir = prepopulatedOutdir();
  const before = snapshotTree(outdir);
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  const { findings, written } = synthFindings(app, outdir);
  const errors = findings.filter((f) => f.severity === 'error')
    .map((f) => ({ path: f.constructPath, field: f.field, layer: f.layer, hint: f.hint ?? '' }));
  return { errors, written, unchanged: JSON.stringify([...snapshotTree(outdir)]) === JSON.stringify([...before]) };
}
