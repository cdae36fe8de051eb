import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { ClusterChart, Finding, synthesize } from '../../constructs';
import type { OwnerActionEntry } from '../../constructs/synth/owner-action';
import { labCluster } from '../bad-input/lab';

/** What a test adds to the lab's cluster. */
export type Build = (cluster: ClusterChart) => void;

/** Props of the lab's cluster beside the lab's own. */
export type LabProps = Partial<ConstructorParameters<typeof ClusterChart>[2]>;

/** Synthesizes `build` into `dir` and returns the findings and the steps by hand of the run. */
export function synthInto(dir: string, build: Build, props: LabProps = {}) {
  const app = new CdkApp();
  build(labCluster(app, 'main', props));
  const result = synthesize(app, { outdir: dir });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(result.written).toBe(true);
  const actions: OwnerActionEntry[] = result.outcomes.flatMap((o) => [...o.figures.ownerActions]);
  return { findings: result.findings, actions };
}

/** Warnings of the second of two runs into one folder, `before` then `after`, with their steps by hand. */
export function dayTwo(before: Build, after: Build, props: LabProps = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-day-two-'));
  const first = synthInto(dir, before, props);
  const second = synthInto(dir, after, props);
  // Where the schemas are absent, the schema layer's note lists the kinds of each run; it is no day-2 finding.
  const fresh = (f: Finding) => f.layer !== 'schema' && !first.findings.some((g) => JSON.stringify(g) === JSON.stringify(f));
  const newActions = second.actions.filter((a) => !first.actions.some((b) => JSON.stringify(a) === JSON.stringify(b)));
  return { warnings: second.findings.filter(fresh), actions: newActions, dir };
}

/** The errors of a second run of `after` into the folder `before` was written to, and whether it wrote. */
export function secondRun(before: Build, after: Build) {
  const { dir } = dayTwo(before, before);
  const app = new CdkApp();
  after(labCluster(app, 'main'));
  const result = synthesize(app, { outdir: dir });
  return { errors: result.findings.filter((f) => f.severity === 'error'), written: result.written };
}

/** A finding as a lab's tests show it: severity, path, field, message and hint on one line. */
export function shownFinding(f: Finding): string {
  return `${f.severity} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`;
}

/**
 * The findings of a second synth of a lab of `changes` into the folder a first synth of the lab as written
 * (no changes) made, with its new steps by hand and whether it wrote. `define` builds the lab of some changes.
 */
export function dayTwoOfLab<C extends object>(define: (changes: C) => (scope: CdkApp) => void, changes: C) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-lab-day-two-'));
  try {
    const run = (given: C) => {
      const app = new CdkApp();
      define(given)(app);
      return synthesize(app, { outdir: dir });
    };
    const first = run({} as C);
    expect([first.written, first.findings.filter((f) => f.severity === 'error')]).toEqual([true, []]);
    const second = run(changes);
    const fresh = second.findings.filter((f) => f.layer !== 'schema' && !first.findings.some((g) => JSON.stringify(g) === JSON.stringify(f)));
    const steps = (r: typeof first) => r.outcomes.flatMap((o) => [...o.figures.ownerActions]).map((a) => a.command ?? a.action);
    return { written: second.written, findings: fresh, steps: steps(second).filter((step) => !steps(first).includes(step)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
