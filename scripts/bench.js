#!/usr/bin/env node
// `npm run bench`: how fast synth + validate + write is, against floors that write the very same bytes.
// Every measurement runs in a fresh node process (bench/child.ts and bench/floor.ts, bundled with esbuild
// like the synth path), so start-up and peak RSS are those of a real run; figures are medians.
//
//   npm run bench                          real sites, then 100, 1 000, 5 000 and 20 000 apps
//   npm run bench -- --sizes=100,1000      other sizes (the bench: line then reports what it has)
//   npm run bench -- --runs=3              rounds per size (default 5; 3 from 20 000 apps up)
//   npm run bench -- --fleet-runs=9        runs of the real sites (default 7)
//   npm run bench -- --tmpdir=/var/tmp     where output goes (default /dev/shm where it exists)
//   npm run bench -- --incremental-apps=1000   size of the incremental-synth measurement (0: skip it)
//
// Each round runs, for every size in order, synth, floor and write-only back to back, and the real sites
// a few times in between: every figure that is compared with another one (ratio, linearity) comes from
// the same windows of machine load.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const { bundle, dropCodeCache, root } = require('./bundle');
const { floorNodeFlagSets, synthNodeEnv, synthNodeFlags } = require('./node-flags');
const { incrementalScenario } = require('./bench-incremental');

function option(name, fallback) {
  const prefix = `--${name}=`;
  const found = process.argv.slice(2).find((arg) => arg.startsWith(prefix));
  return found ? found.slice(prefix.length) : fallback;
}

function positiveInteger(text, what) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${what} must be a positive integer, not ${JSON.stringify(text)}`);
  }
  return value;
}

const DEFAULT_SIZES = '100,1000,5000,20000';
/** Apps of the incremental-synth measurement (`--incremental-apps=0` skips it). */
const INCREMENTAL_SIZE = Number(option('incremental-apps', '5000'));
/** Clusters of the synthetic fleet (bench/fleet.ts). */
const BENCH_CLUSTERS = 12;
/** Sizes from which a run takes so long that fewer rounds are made by default. */
const LARGE_SIZE = 20000;
const sizes = option('sizes', DEFAULT_SIZES).split(',').map((size) => positiveInteger(size.trim(), '--sizes'));
// Output goes to RAM (/dev/shm) where there is one: on a shared VM the disk's speed swings several-fold
// from one minute to the next, which would measure the disk rather than this code. `--tmpdir=` overrides.
const onShm = option('tmpdir', undefined) === undefined && fs.existsSync('/dev/shm');
const tmpRoot = option('tmpdir', onShm ? '/dev/shm' : os.tmpdir());
const fixedRuns = option('runs', undefined);
const runsFor = (apps) => (fixedRuns !== undefined ? positiveInteger(fixedRuns, '--runs') : apps >= LARGE_SIZE ? 3 : 5);
const fleetRuns = positiveInteger(option('fleet-runs', '7'), '--fleet-runs');

/**
 * Bundles a bench entry the way the synth path bundles main.ts. Its code cache is dropped: a run of the
 * bench writes a new one (see main), whatever ran the bundle before.
 */
function bundleEntry(entry) {
  const child = bundle(`bench-${entry}`, `bench/${entry}.ts`);
  dropCodeCache(`bench-${entry}`);
  return child;
}

/** Node options of `npm run synth` (package.json): every child runs with them, as a real synth does. */
const NODE_FLAGS = synthNodeFlags();
/** Environment settings of `npm run synth` (package.json): every child, floors included, runs with them. */
const NODE_ENV = synthNodeEnv();
/** Node options of the floors: they run under each set in turn, and the faster run counts (see floorNodeFlagSets). */
const FLOOR_FLAG_SETS = floorNodeFlagSets();

/**
 * The validation cache (HOMELAB_SCHEMA_CACHE) of one workload: each fleet size, and the real sites, keeps
 * its own, as a lab has one fleet. Shared, the 100 000 objects of the largest fleet would fill the
 * results file that every smaller run then reads whole.
 */
function schemaCacheFor(tmp, workload) {
  return path.join(tmp, 'schema-cache', workload);
}

/**
 * Runs one measurement in a fresh process; adds the wall time from spawn to exit. `schemaCache` is the
 * validation cache folder of a synth child.
 */
function measure(child, args, schemaCache, nodeFlags = NODE_FLAGS) {
  const started = process.hrtime.bigint();
  const env = { ...process.env, ...NODE_ENV, ...(schemaCache === undefined ? {} : { HOMELAB_SCHEMA_CACHE: schemaCache }) };
  const run = spawnSync(process.execPath, [...nodeFlags, child, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    throw new Error(`bench child ${path.basename(child)} ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stderr}${run.stdout}`);
  }
  const lines = run.stdout.trim().split('\n');
  return { ...JSON.parse(lines[lines.length - 1]), wallMs };
}

function median(values) {
  if (values.length === 0) {
    return undefined;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Medians of a list of child measurements; RSS is the highest peak of them. */
function summarize(samples) {
  const pick = (key) => median(samples.map((s) => s[key]).filter((v) => v !== undefined));
  return {
    ms: pick('ms'), wallMs: pick('wallMs'), startMs: pick('startMs'), serializeMs: pick('serializeMs'),
    celMs: pick('celMs'), celEvaluations: pick('celEvaluations'),
    rssMiB: Math.max(...samples.map((s) => s.maxRssKiB)) / 1024,
    objects: samples[0].objects, files: samples[0].files, runs: samples.length,
  };
}

/** Median over rounds of `a.ms / b.ms` of the same round. */
function pairedRatio(a, b) {
  return median(a.map((sample, round) => sample.ms / b[round].ms));
}

/**
 * Runs for folders of their own. Each measurement writes into a new folder. On /dev/shm it is deleted
 * right after its run (synchronously, before the next process starts); on a disk everything stays until
 * the bench ends, so that no deletion's write-back competes with a later run.
 */
function makeFolders(tmp) {
  let counter = 0;
  return {
    next(name) {
      counter += 1;
      return path.join(tmp, `${name}-${counter}`);
    },
    done(folder) {
      if (onShm) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Incremental synth: for one changed app at `apps` apps, the time of re-synthesizing after the change
 * divided by the time of a full synth (median over `runs` pairs, each run in a fresh process). The fleet
 * is written out as one module per cluster (scripts/bench-incremental.js) and bundled like main.ts; a
 * round synthesizes it into an empty folder (every cluster built), bumps one app's version, synthesizes
 * again into the same folder (its cluster rebuilt, the others kept), and then checks that a full synth
 * of the changed fleet writes the very same bytes.
 */
function measureIncremental({ tmp, apps, runs, clusters }) {
  const scenario = incrementalScenario(apps, clusters);
  // The validation cache of the synth runs of that size, whose apps these are.
  const schemaCache = schemaCacheFor(tmp, `apps-${apps}`);
  const outdir = path.join(tmp, 'incremental');
  const pairs = [];
  const rebundleMs = [];
  try {
    // Not counted: a first full synth, which fills the validation cache when no synth run of this size did.
    scenario.prepare();
    measure(scenario.child(), scenario.fullArgs(outdir), schemaCache);
    for (let round = 0; round < runs; round++) {
      fs.rmSync(outdir, { recursive: true, force: true });
      scenario.prepare();
      const full = measure(scenario.child(), scenario.incrementalArgs(outdir), schemaCache);
      scenario.change();
      rebundleMs.push(scenario.bundleMs());
      const incremental = measure(scenario.child(), scenario.incrementalArgs(outdir), schemaCache);
      if (full.kept !== 0 || incremental.kept !== clusters - 1) {
        throw new Error(`incremental synth kept ${full.kept} then ${incremental.kept} of ${clusters} clusters; expected 0 then ${clusters - 1}`);
      }
      const written = treeDigest(outdir);
      measure(scenario.child(), scenario.fullArgs(outdir), schemaCache);
      if (treeDigest(outdir) !== written) {
        throw new Error('incremental synth wrote other bytes than a full synth of the same fleet');
      }
      pairs.push({ full, incremental });
    }
  } finally {
    scenario.clean();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(synthStateFile(outdir), { force: true });
  }
  return {
    ratio: median(pairs.map((p) => p.incremental.ms / p.full.ms)),
    wallRatio: median(pairs.map((p) => p.incremental.wallMs / p.full.wallMs)),
    full: summarize(pairs.map((p) => p.full)),
    incremental: summarize(pairs.map((p) => p.incremental)),
    rebundleMs: median(rebundleMs),
  };
}

/** SHA-256 over every file's path and bytes under `dir`. */
function treeDigest(dir) {
  const digest = crypto.createHash('sha256');
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else {
        digest.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file))).update('\0');
      }
    }
  };
  walk('');
  return digest.digest('hex');
}

/** Where synth keeps its incremental state for `outdir` (constructs/synth/incremental.ts names it so). */
function synthStateFile(outdir) {
  const key = crypto.createHash('sha1').update(path.resolve(outdir)).digest('hex').slice(0, 16);
  return path.join(root, '.build', `synth-state-${key}.json`);
}

function main() {
  const child = bundleEntry('child');
  const floorChild = bundleEntry('floor');
  fs.mkdirSync(tmpRoot, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(tmpRoot, 'homelab-bench-'));
  const folders = makeFolders(tmp);
  /**
   * One measurement into a fresh folder `<name>-<n>`; `args(folder)` are the child's arguments;
   * `workload` names the validation cache of a synth child.
   */
  const run = (program, name, args, workload, nodeFlags) => {
    const folder = folders.next(name);
    try {
      return measure(program, args(folder), workload === undefined ? undefined : schemaCacheFor(tmp, workload), nodeFlags);
    } finally {
      folders.done(folder);
    }
  };
  /** A floor measured under each of its node option sets in turn: the faster run. */
  const runFloor = (name, args) => FLOOR_FLAG_SETS
    .map((flags) => run(floorChild, name, args, undefined, flags))
    .reduce((best, sample) => (sample.ms < best.ms ? sample : best));
  const progress = (text) => process.stderr.write(`bench: ${text}\n`);
  try {
    // Not counted: two runs of the real sites and one synth per size, which warm the file system and
    // export what synth wrote (read back from its output folder) for the floors.
    // The real sites always go to one folder, as `npm run synth` always writes dist/: their Flux objects
    // name the folder, so a new folder per run would be new objects for the validation cache each time.
    const fleetFolder = path.join(tmp, 'fleet');
    const runFleet = () => measure(child, ['fleet', fleetFolder], schemaCacheFor(tmp, 'real-sites'));
    // Twice: the first run fills the validation cache of the real sites; the second, on a dropped code
    // cache, writes the code cache of an everyday synth (which validates nothing afresh). A code cache
    // written by the first would also hold the validators' cold path, slower to load on every run.
    runFleet();
    dropCodeCache('bench-child');
    runFleet();
    const exportPrefix = new Map(sizes.map((apps) => [apps, path.join(tmp, `export-${apps}`)]));
    for (const apps of sizes) {
      run(child, `export-${apps}`, (folder) => ['synth', String(apps), folder, exportPrefix.get(apps)], `apps-${apps}`);
      progress(`${apps} apps exported`);
    }

    const rounds = Math.max(...sizes.map(runsFor));
    const fleetSamples = [];
    const bySize = new Map(sizes.map((apps) => [apps, { synth: [], floor: [], write: [], rounds: [] }]));
    for (let round = 0; round < rounds; round++) {
      // This round's share of the real-site runs, spread over the slots before each size.
      const fleetHere = Math.floor(((round + 1) * fleetRuns) / rounds) - Math.floor((round * fleetRuns) / rounds);
      const fleetBefore = sizes.map(() => 0);
      for (let k = 0; k < fleetHere; k++) {
        fleetBefore[Math.floor((k * sizes.length) / fleetHere)] += 1;
      }
      sizes.forEach((apps, index) => {
        for (let k = 0; k < fleetBefore[index]; k++) {
          fleetSamples.push(runFleet());
        }
        if (round >= runsFor(apps)) {
          return;
        }
        const samples = bySize.get(apps);
        const prefix = exportPrefix.get(apps);
        samples.synth.push(run(child, `synth-${apps}`, (folder) => ['synth', String(apps), folder], `apps-${apps}`));
        samples.floor.push(runFloor(`floor-${apps}`, (folder) => ['emit', prefix, folder]));
        samples.write.push(runFloor(`write-${apps}`, (folder) => ['write', prefix, folder]));
        samples.rounds.push(round);
      });
      progress(`round ${round + 1} of ${rounds} done`);
    }
    const incremental = INCREMENTAL_SIZE > 0
      ? measureIncremental({ tmp, apps: INCREMENTAL_SIZE, runs: runsFor(INCREMENTAL_SIZE), clusters: BENCH_CLUSTERS })
      : undefined;
    progress('incremental done');
    report(summarize(fleetSamples), bySize, incremental);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * t(large)/t(small) from the rounds in which both sizes were measured: the median synth ms of each over
 * those same rounds.
 */
function linearity(small, large) {
  const common = large.rounds.filter((round) => small.rounds.includes(round));
  const msIn = (samples, round) => samples.synth[samples.rounds.indexOf(round)].ms;
  const ratio = median(common.map((round) => msIn(large, round))) / median(common.map((round) => msIn(small, round)));
  return { ratio, rounds: common.length };
}

function report(fleet, bySize, incremental) {
  const ms = (v) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(0));
  const header = ['workload', 'objects', 'files', 'runs', 'synth ms', 'wall ms', 'start ms', 'floor ms', 'floor emit ms', 'floor wall ms',
    'write-only ms', 'write-only wall ms', 'ratio', 'synth/write-only', 'RSS MiB', 'floor RSS MiB', 'CEL ms', 'CEL evals'];
  const table = [header];
  table.push(['real sites', fleet.objects, fleet.files, fleet.runs, ms(fleet.ms), ms(fleet.wallMs), ms(fleet.startMs),
    '-', '-', '-', '-', '-', '-', '-', fleet.rssMiB.toFixed(0), '-', ms(fleet.celMs), ms(fleet.celEvaluations)]);
  const figures = new Map();
  for (const [apps, samples] of bySize) {
    const synth = summarize(samples.synth);
    const floor = summarize(samples.floor);
    const write = summarize(samples.write);
    const ratio = pairedRatio(samples.synth, samples.floor);
    const writeRatio = pairedRatio(samples.synth, samples.write);
    figures.set(apps, { synth, floor, write, ratio });
    table.push([`${apps} apps`, synth.objects, synth.files, synth.runs, ms(synth.ms), ms(synth.wallMs), ms(synth.startMs),
      ms(floor.ms), ms(floor.serializeMs), ms(floor.wallMs), ms(write.ms), ms(write.wallMs), ratio.toFixed(2), writeRatio.toFixed(2),
      synth.rssMiB.toFixed(0), floor.rssMiB.toFixed(0), ms(synth.celMs), ms(synth.celEvaluations)]);
  }
  const widths = header.map((_, column) => Math.max(...table.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table.slice(1)) {
    console.log(line(row));
  }

  const ordered = [...bySize.keys()].sort((a, b) => a - b);
  const smallest = ordered[0];
  const largest = ordered[ordered.length - 1];
  console.log('');
  console.log('synth ms: build the construct tree, collect, validate, render and write, in process (median over rounds),');
  console.log('  on the main thread and the worker threads npm run synth starts.');
  console.log('wall ms: spawn to exit of the whole node process. start ms: node start-up and module loading.');
  console.log('floor ms: the bytes synth wrote, read back from its output (YAML files parsed into documents before timing),');
  console.log('  emitted with the project\'s emitter (toYamlStream) and written to the same paths (mkdir + write);');
  console.log('  checked after timing to equal synth\'s bytes. floor emit ms: of floor ms, the emitter alone.');
  console.log('write-only ms: mkdir + write of synth\'s bytes, already in memory.');
  console.log('floor wall ms, write-only wall ms: spawn to exit, with start-up, reading the export and (floor) the byte check.');
  console.log(`  Each floor runs twice a round, with node options ${FLOOR_FLAG_SETS.map((flags) => (flags.length ? flags.join(' ') : '(none)')).join(' and ')};`);
  console.log('  the faster run counts. Synth runs with the options of npm run synth: ' + NODE_FLAGS.join(' ') + '.');
  const settings = Object.entries(NODE_ENV).map(([name, value]) => `${name}=${value}`);
  if (settings.length > 0) {
    console.log(`  Every child runs with the environment settings of npm run synth: ${settings.join(' ')}.`);
  }
  console.log('ratio: synth ms / floor ms of the same round (median over rounds); synth/write-only likewise.');
  console.log('RSS: highest peak of the runs (the floor\'s taken before its byte check).');
  console.log('CEL ms: of synth ms, loading the CEL library, compiling (once per rule and thread) and evaluating CRD CEL');
  console.log('  rules, on the main thread; CEL evals: its rule evaluations.');
  console.log('Rounds: each round runs every size in turn (synth, floor, write-only back to back) and the real sites in between.');
  console.log(`kib_per_app: (RSS at ${largest} apps - RSS at ${smallest} apps) x 1024 / (${largest} - ${smallest}), the peak RSS each further app adds.`);
  console.log('');
  for (let i = 1; i < ordered.length; i++) {
    const { ratio, rounds } = linearity(bySize.get(ordered[i - 1]), bySize.get(ordered[i]));
    console.log(`linearity: t(${ordered[i]})/t(${ordered[i - 1]}) = ${ratio.toFixed(2)} `
      + `(proportional: ${(ordered[i] / ordered[i - 1]).toFixed(2)}; medians over the ${rounds} rounds that ran both)`);
  }

  if (incremental) {
    console.log(`incremental: ${INCREMENTAL_SIZE} apps over ${BENCH_CLUSTERS} clusters, one app changed: full synth ${ms(incremental.full.ms)} ms, `
      + `re-synth ${ms(incremental.incremental.ms)} ms (wall ${ms(incremental.full.wallMs)} / ${ms(incremental.incremental.wallMs)} ms, `
      + `ratio ${incremental.wallRatio.toFixed(2)}); ${incremental.incremental.runs} rounds; ${BENCH_CLUSTERS - 1} clusters kept; `
      + 'output identical to a full synth');
    console.log(`  bundling after the change: ${ms(incremental.rebundleMs)} ms (esbuild, in the bench's process: what an edit costs before synth starts)`);
    console.log('incr: re-synth ms / full synth ms of the same round (median), both in process, bundling excluded.');
  }
  const seconds = (v) => (v === undefined ? 'n/a' : (v / 1000).toFixed(2));
  const n5000 = figures.get(5000);
  const rssAt = (apps) => figures.get(apps)?.synth.rssMiB;
  const mib = (v) => (v === undefined ? 'n/a' : v.toFixed(0));
  const kibPerApp = largest > smallest ? ((rssAt(largest) - rssAt(smallest)) * 1024) / (largest - smallest) : undefined;
  console.log(`bench: fleet=${seconds(fleet.wallMs)} n5000=${seconds(n5000?.synth.ms)} floor5000=${seconds(n5000?.floor.ms)} `
    + `ratio5000=${n5000 ? n5000.ratio.toFixed(2) : 'n/a'} rss5000=${mib(rssAt(5000))} rss20000=${mib(rssAt(20000))} `
    + `kib_per_app=${kibPerApp === undefined ? 'n/a' : kibPerApp.toFixed(1)} incr=${incremental === undefined ? 'n/a' : incremental.ratio.toFixed(2)}`);
}

main();
