import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WORK_FILE } from '../../constructs/synth/threads';
import { validatorCacheIn } from '../support/schema-cache';
import { readTree, REPO_ROOT } from '../support/synth';

// Worker threads run the entry script again, so the test bundles a real entry (as `npm run synth` does)
// and runs it in a child process: once with a worker thread, once on the main thread alone.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (name: string, source: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { synthNodeEnv, synthNodeFlags } = require('../../scripts/node-flags') as { synthNodeEnv: () => Record<string, string>; synthNodeFlags: () => string[] };

const ENTRY = `
import { isMainThread } from 'worker_threads';
import { App } from 'cdk8s';
import type { ClusterDefinition } from './constructs';
import { synthesizeFleet } from './constructs/synth/synth';
import { startWorkersEarly } from './constructs/synth/threads';
import { formatFinding } from './constructs/validation/finding';
import { benchFleet } from './bench/fleet';

// argv: <outdir> [<folder of a cluster whose build throws>]
const [outdir, broken] = process.argv.slice(2);
const threads = { entry: process.env.TEST_WORKER_ENTRY ?? module.filename, workers: 1 };
const earlyWorkers = startWorkersEarly(threads);
const pause = new Int32Array(new SharedArrayBuffer(4));
const only = process.env.TEST_ONLY_CLUSTER;
// One app in each of the twelve clusters: the threads share clusters, and an app more in each adds only CPU.
const clusters = benchFleet(12).clusters.filter((cluster) => !only || cluster.folder === only).map((cluster): ClusterDefinition => ({
  ...cluster,
  build: (site, needed) => {
    // With a worker allowed, the main thread dwells on each cluster it builds: the work left looks worth a
    // worker, which then surely takes some. 200 ms a cluster is past what makes the ten left after the
    // second cluster worth one (1 500 ms in all), and keeps the runs short.
    if (isMainThread && process.env.HOMELAB_SYNTH_THREADS !== '0' && !process.env.TEST_NO_DWELL) Atomics.wait(pause, 0, 0, 200);
    if (cluster.folder === broken) throw new Error('this cluster is broken on purpose');
    return cluster.build(site, needed);
  },
}));
const result = synthesizeFleet(new App(), { clusters }, { outdir, threads });
process.stdout.write(JSON.stringify({
  earlyWorkers,
  written: result.written,
  findings: result.findings.map(formatFinding),
  outcomes: result.outcomes.map((outcome) => [outcome.folder, outcome.findings.length, outcome.summaryLines]),
  fileCount: result.fileCount,
  builtOnWorkers: result.builtOnWorkers ?? [],
}));
`;

interface RunResult {
  readonly earlyWorkers: number;
  readonly written: boolean;
  readonly findings: string[];
  readonly outcomes: unknown[];
  readonly fileCount: number;
  readonly builtOnWorkers: string[];
}

const entry = bundle('test-synth-threads', ENTRY);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-threads-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
// The cache the runs share: the test run's compiled validators, no memory of how long runs were.
validatorCacheIn(path.join(root, 'cache'));

/** How a test runs the entry besides its worker threads. */
interface RunOptions {
  /** A cluster whose build throws. */
  readonly broken?: string;
  /** The script worker threads run, in place of the entry. */
  readonly workerEntry?: string;
  /** The disk cache, which remembers how long the last run was. @default - one the other runs share */
  readonly cache?: string;
  /** The one cluster of the fleet to build. @default - all twelve */
  readonly only?: string;
  /**
   * Whether the main thread dwells on each cluster it builds. A run meant to be short goes without: on a
   * busy machine the dwelling plus the build could pass for a long run.
   * @default true
   */
  readonly dwell?: boolean;
}

/**
 * A disk cache of its own for a test, holding the shared cache's validation results but none of its
 * memory of how long runs were: a cold cache costs each run seconds of CPU that tell nothing here.
 */
function ownCache(name: string): string {
  const cache = path.join(root, name);
  const shared = path.join(root, 'cache');
  if (fs.existsSync(shared)) {
    fs.cpSync(shared, cache, { recursive: true, filter: (source) => path.basename(source) !== WORK_FILE });
  }
  return cache;
}

/** The `<site>/<cluster>` folders of an output folder. */
function clusterFolders(outdir: string): string[] {
  return fs.readdirSync(outdir).flatMap((site) => fs.readdirSync(path.join(outdir, site)).map((cluster) => `${site}/${cluster}`));
}

function run(outdir: string, threads: number, options: RunOptions = {}): RunResult {
  // With npm run synth's node options and environment, as a user's synth runs; its V8 tiering also takes a tenth or
  // so off the CPU of the file's thirteen runs, the suite's costliest after the corpus.
  const child = spawnSync(process.execPath, [...synthNodeFlags(), entry, outdir, ...(options.broken ? [options.broken] : [])], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    env: {
      ...process.env, ...synthNodeEnv(), HOMELAB_SYNTH_THREADS: String(threads), HOMELAB_SCHEMA_CACHE: options.cache ?? path.join(root, 'cache'),
      ...(options.workerEntry ? { TEST_WORKER_ENTRY: options.workerEntry } : {}),
      ...(options.only ? { TEST_ONLY_CLUSTER: options.only } : {}),
      ...(options.dwell === false ? { TEST_NO_DWELL: '1' } : {}),
    },
    maxBuffer: 1 << 26,
    timeout: 50_000,
  });
  if (child.status !== 0) {
    throw new Error(`entry failed (${child.status}):\n${child.stderr}`);
  }
  return JSON.parse(child.stdout) as RunResult;
}

test('clusters built on a worker thread give the very files and findings of a run on one thread', () => {
  // Both runs write to the same folder name, because the Flux objects name their folder.
  const single = run(path.join(root, 'one', 'dist'), 0);
  fs.renameSync(path.join(root, 'one', 'dist'), path.join(root, 'one-thread'));
  const threaded = run(path.join(root, 'one', 'dist'), 1);

  expect(single.builtOnWorkers).toEqual([]);
  expect(threaded.builtOnWorkers.length).toBeGreaterThan(0);
  expect(threaded.builtOnWorkers).not.toContain('bench-0/core');
  expect(threaded.builtOnWorkers.length).toBeLessThan(12);
  expect(threaded.written).toBe(true);
  expect(threaded.earlyWorkers).toBe(0);
  expect({ ...threaded, builtOnWorkers: [] }).toEqual(single);
  expect(readTree(path.join(root, 'one', 'dist'))).toEqual(readTree(path.join(root, 'one-thread')));
}, 60_000);

test('over an earlier output, a worker thread stages its clusters and finds their day-2 changes as the main thread does', () => {
  const earlier = path.join(root, 'earlier', 'dist');
  run(earlier, 0, { cache: ownCache('earlier-cache'), dwell: false });
  const unchanged = new Date('2020-01-01T00:00:00Z');
  for (const folder of clusterFolders(earlier)) {
    // The earlier version of each cluster's first app claimed more than it does now (a claim cannot
    // shrink), and the cluster had a file the new version does not hold.
    const apps = path.join(earlier, folder, 'apps');
    const first = path.join(apps, fs.readdirSync(apps).sort()[0]);
    fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace(/storage: (\d+)Gi/, (_, size: string) => `storage: ${Number(size) + 40}Gi`));
    fs.writeFileSync(path.join(apps, 'gone.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n  namespace: default\n');
    fs.utimesSync(path.join(earlier, folder, 'kustomization.yaml'), unchanged, unchanged);
  }
  const single = path.join(root, 'earlier-single', 'dist');
  const threaded = path.join(root, 'earlier-threaded', 'dist');
  fs.cpSync(earlier, single, { recursive: true, preserveTimestamps: true });
  fs.cpSync(earlier, threaded, { recursive: true, preserveTimestamps: true });

  const onOne = run(single, 0, { cache: ownCache('earlier-single-cache') });
  const onTwo = run(threaded, 1, { cache: ownCache('earlier-threaded-cache') });

  expect(onTwo.builtOnWorkers.length).toBeGreaterThan(0);
  expect(onTwo.written).toBe(true);
  expect({ ...onTwo, builtOnWorkers: [] }).toEqual(onOne);
  for (const folder of onTwo.builtOnWorkers) {
    expect(onTwo.findings.some((finding) => finding.includes(folder) && finding.includes('can grow, never shrink'))).toBe(true);
    expect(fs.statSync(path.join(threaded, folder, 'kustomization.yaml')).mtime).toEqual(unchanged);
    expect(fs.existsSync(path.join(threaded, folder, 'apps', 'gone.yaml'))).toBe(false);
  }
  expect(readTree(threaded)).toEqual(readTree(single));
}, 60_000);

test('a cluster that fails is reported as a run on one thread reports it, and nothing is written', () => {
  const outdir = path.join(root, 'broken', 'dist');
  // A cache of its own: on a busy machine the earlier runs may pass for long ones, and a worker started
  // early would make this run differ from the one on one thread.
  const cache = ownCache('broken-cache');
  // A cluster late in the fleet, which the worker thread takes when it starts in time.
  const single = run(outdir, 0, { broken: 'bench-3/edge', cache });
  const threaded = run(outdir, 1, { broken: 'bench-3/edge', cache });

  expect(single.written).toBe(false);
  expect(single.findings.join('\n')).toContain('this cluster is broken on purpose');
  expect(threaded).toEqual(single);
  expect(fs.existsSync(outdir)).toBe(false);
}, 60_000);

test('a worker thread that cannot start takes no cluster: the main thread builds them all', () => {
  const outdir = path.join(root, 'no-worker', 'dist');
  const result = run(outdir, 1, { workerEntry: path.join(root, 'no-such-entry.js'), cache: ownCache('no-worker-cache'), dwell: false });

  expect(result.written).toBe(true);
  expect(result.builtOnWorkers).toEqual([]);
  expect(result.outcomes).toHaveLength(12);
}, 60_000);

test('after two long runs, the next one starts its worker before the fleet loads, with the same result', () => {
  const cache = ownCache('early-cache');
  // The main thread dwells on each cluster it builds: long runs, which the cache remembers.
  expect(run(path.join(root, 'early-zero', 'dist'), 1, { cache }).earlyWorkers).toBe(0);
  const long = run(path.join(root, 'early', 'dist'), 1, { cache });
  fs.renameSync(path.join(root, 'early', 'dist'), path.join(root, 'early-first'));
  const early = run(path.join(root, 'early', 'dist'), 1, { cache });

  expect(long.earlyWorkers).toBe(0);
  expect(early.earlyWorkers).toBe(1);
  expect(early.builtOnWorkers.length).toBeGreaterThan(0);
  expect({ ...early, earlyWorkers: 0, builtOnWorkers: [] }).toEqual({ ...long, builtOnWorkers: [] });
  expect(readTree(path.join(root, 'early', 'dist'))).toEqual(readTree(path.join(root, 'early-first')));

  // A run that has one cluster to build lets the early worker go, and ends.
  const one = run(path.join(root, 'early-one', 'dist'), 1, { cache, only: 'bench-0/core', dwell: false });
  expect(one.earlyWorkers).toBe(1);
  expect(one.written).toBe(true);
  expect(one.builtOnWorkers).toEqual([]);

  // That run was short: the next one starts no worker early.
  expect(run(path.join(root, 'early-one', 'dist'), 1, { cache, only: 'bench-0/core' }).earlyWorkers).toBe(0);
}, 60_000);
