import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { synthesize, SynthesizeResult } from '../../constructs';
import type { Finding } from '../../constructs';
import { defineSites } from '../../charts';
import { rows, stepsOf } from './readme';

/** Repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * An output folder that no test writes, for a synth in memory (`write: false`). Synth still reads its
 * outdir for the previous output: the scratch folder itself would hand it every other test's files, which
 * those tests write and delete while it reads them.
 */
export function unwrittenOutdir(): string {
  return path.join(os.tmpdir(), 'unused');
}

/** Synthesizes the given definition in memory; nothing is written. */
export function synthInMemory(define: (scope: Construct) => void = defineSites): SynthesizeResult {
  const app = new App();
  define(app);
  return synthesize(app, { outdir: unwrittenOutdir(), write: false });
}

const synthesizedInThisFile = new Map<(scope: Construct) => void, SynthesizeResult>();

/**
 * The synth of every site, kept on the realm the worker's test files share (see library-environment.js) for
 * as long as the library instance it came from lives: the sites are the same in every file, and twenty-odd
 * files read them.
 */
const SITES_OF_WORKER = Symbol.for('cdk8s-homelab.sites-in-memory');

function sitesOfWorker(): WeakMap<typeof synthesize, SynthesizeResult> {
  const shared = globalThis as { [SITES_OF_WORKER]?: WeakMap<typeof synthesize, SynthesizeResult> };
  return (shared[SITES_OF_WORKER] ??= new WeakMap());
}

/**
 * What `define` synthesizes in memory (every site by default), for the tests that only read the result: once
 * per test file (Jest loads this module afresh for each), and every site once per worker. A synth of every
 * site costs a test file half a second or more.
 */
export function sitesInMemory(define: (scope: Construct) => void = defineSites): SynthesizeResult {
  if (define === defineSites) {
    const worker = sitesOfWorker();
    let sites = worker.get(synthesize);
    if (sites === undefined) {
      sites = synthInMemory(defineSites);
      worker.set(synthesize, sites);
    }
    return sites;
  }
  let result = synthesizedInThisFile.get(define);
  if (result === undefined) {
    result = synthInMemory(define);
    synthesizedInThisFile.set(define, result);
  }
  return result;
}

/** Every file under `dir`, keyed by path relative to it (`/`-separated), as text or as base64 bytes. */
export function readTree(dir: string, encoding: 'utf8' | 'base64' = 'utf8'): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        files.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full, encoding));
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return files;
}

/** The manifests of one cluster folder, e.g. `mobius/homelab`. */
export function manifestsOf(result: SynthesizeResult, folder: string): any[] {
  const cluster = result.clusters.find((c) => c.folder === folder);
  if (!cluster) {
    throw new Error(`no cluster ${folder}`);
  }
  return cluster.objects.map((o) => o.manifest);
}

/** One cluster of a synth as its owner reads it: its manifests, its README, the README's owner steps and a finder of them. */
export interface ClusterReading {
  readonly objects: any[];
  readonly readme: string;
  readonly rows: Array<[string, string]>;
  /** The index of the first owner step whose text contains the given text; the test fails when none does. */
  readonly step: (text: string) => number;
}

/** Cluster `folder` (e.g. `grey-area/main`) of what `define` synthesizes, read as {@link ClusterReading}. */
export function readCluster(define: (scope: Construct) => void, folder: string): ClusterReading {
  const result = sitesInMemory(define);
  const readme = result.files.get(`${folder}/README.md`);
  if (readme === undefined) {
    throw new Error(`no README for cluster ${folder}`);
  }
  const steps = rows(readme);
  return { objects: manifestsOf(result, folder), readme, rows: steps, step: stepsOf(steps) };
}

/**
 * The findings about the lab: all but the warning that the upstream schemas are missing, which a clone without
 * them beside it gets whatever the lab holds (it is about the machine the tests run on).
 */
export function aboutTheLab(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !(f.layer === 'schema' && f.severity === 'warning' && f.message.startsWith('no schema known')));
}
