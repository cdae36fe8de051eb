#!/usr/bin/env node
// `npm run bench`: how fast synth + validate + write is, against the floor of writing the same objects
// with plain js-yaml. Every measurement runs in a fresh node process (bench/child.ts, bundled with
// esbuild like the synth path), so start-up and peak RSS are those of a real run; figures are medians.
//
//   npm run bench                        sizes 100, 1000, 5000
//   npm run bench -- --sizes=100,1000    other sizes (the bench: line then reports what it has)
//   npm run bench -- --runs=3            runs per figure (default 5; 7 for the real sites)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { bundle, root } = require('./bundle');

function option(name, fallback) {
  const prefix = `--${name}=`;
  const found = process.argv.slice(2).find((arg) => arg.startsWith(prefix));
  return found ? found.slice(prefix.length) : fallback;
}

const sizes = option('sizes', '100,1000,5000').split(',').map(Number);
// Output goes to RAM (/dev/shm) where there is one: on a shared VM the disk's speed swings several-fold
// from one minute to the next, which would measure the disk rather than this code. `--tmpdir=` overrides.
const tmpRoot = option('tmpdir', fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
const fixedRuns = option('runs', undefined);
const runsFor = () => Number(fixedRuns ?? 5);
const fleetRuns = Number(fixedRuns ?? 7);

/** Bundles a bench entry the way the synth path bundles main.ts. */
function bundleEntry(entry) {
  return bundle(`bench-${entry}`, `bench/${entry}.ts`);
}

/** Runs one measurement in a fresh process; adds the wall time from spawn to exit. */
function measure(child, args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [child, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    throw new Error(`bench child ${args.join(' ')} failed (${run.status}):\n${run.stderr}${run.stdout}`);
  }
  const lines = run.stdout.trim().split('\n');
  return { ...JSON.parse(lines[lines.length - 1]), wallMs };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarize(samples) {
  const pick = (key) => median(samples.map((s) => s[key]).filter((v) => v !== undefined));
  return {
    ms: pick('ms'), wallMs: pick('wallMs'), startMs: pick('startMs'), loadMs: pick('loadMs'), serializeMs: pick('serializeMs'),
    celMs: pick('celMs'), celEvaluations: pick('celEvaluations'),
    rssMiB: Math.max(...samples.map((s) => s.maxRssKiB)) / 1024,
    objects: samples[0].objects, files: samples[0].files,
  };
}

// Each run writes to a folder of its own: deleting the previous run's thousands of files right before a
// run would make it compete with that deletion's disk work. Everything goes when the bench ends.
let runCounter = 0;
function fresh(dir) {
  runCounter += 1;
  return `${dir}-${runCounter}`;
}

function main() {
  const child = bundleEntry('child');
  const floorChild = bundleEntry('floor');
  const tmp = fs.mkdtempSync(path.join(tmpRoot, 'homelab-bench-'));
  const rows = [];
  try {
    // The real sites, as `npm run synth` runs them; one run first so disk caches are warm for all.
    const fleetOut = path.join(tmp, 'fleet');
    measure(child, ['fleet', fresh(fleetOut)]);
    const fleetSamples = [];
    for (let i = 0; i < fleetRuns; i++) {
      fleetSamples.push(measure(child, ['fleet', fresh(fleetOut)]));
    }
    const fleet = summarize(fleetSamples);

    const bySize = new Map();
    for (const apps of sizes) {
      const exportFile = path.join(tmp, `fleet-${apps}.json`);
      const synthOut = path.join(tmp, `synth-${apps}`);
      const floorOut = path.join(tmp, `floor-${apps}`);
      // Not counted: exports the final documents for the floor (and warms the file system).
      measure(child, ['synth', String(apps), fresh(synthOut), exportFile]);
      const synthSamples = [];
      const floorSamples = [];
      // Alternate the two so that both see the same machine load.
      for (let i = 0; i < runsFor(apps); i++) {
        synthSamples.push(measure(child, ['synth', String(apps), fresh(synthOut)]));
        floorSamples.push(measure(floorChild, [exportFile, fresh(floorOut)]));
      }
      // File creation time varies a lot with other load on the disk; a synth run and the floor run right
      // after it see nearly the same, so the ratio is the median of those pairs.
      const ratio = median(synthSamples.map((sample, i) => sample.ms / floorSamples[i].ms));
      bySize.set(apps, { synth: summarize(synthSamples), floor: summarize(floorSamples), ratio, runs: synthSamples.length });
      process.stderr.write(`bench: ${apps} apps done\n`);
    }
    report(fleet, fleetSamples.length, bySize);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function report(fleet, fleetRunCount, bySize) {
  const ms = (v) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(0));
  const header = ['workload', 'objects', 'files', 'runs', 'synth ms', 'wall ms', 'start ms', 'floor ms', 'floor dump ms', 'ratio', 'RSS MiB', 'floor RSS MiB', 'CEL ms', 'CEL evals'];
  const table = [header];
  table.push(['real sites', fleet.objects, fleet.files, fleetRunCount, ms(fleet.ms), ms(fleet.wallMs), ms(fleet.startMs), '-', '-', '-', fleet.rssMiB.toFixed(0), '-', ms(fleet.celMs), ms(fleet.celEvaluations)]);
  for (const [apps, { synth, floor, ratio, runs }] of bySize) {
    table.push([`${apps} apps`, synth.objects, synth.files, runs, ms(synth.ms), ms(synth.wallMs), ms(synth.startMs),
      ms(floor.ms), ms(floor.serializeMs), ratio.toFixed(2), synth.rssMiB.toFixed(0), floor.rssMiB.toFixed(0), ms(synth.celMs), ms(synth.celEvaluations)]);
  }
  const widths = header.map((_, column) => Math.max(...table.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table.slice(1)) {
    console.log(line(row));
  }
  console.log('');
  console.log('synth ms: build the construct tree, collect, validate, render and write, in process (median).');
  console.log('wall ms: spawn to exit of the whole node process. start ms: node start-up and module loading.');
  console.log('floor ms: js-yaml dump + write of the same documents into as many files; floor dump ms: the dump alone.');
  console.log('ratio: synth ms / floor ms of runs made back to back (median). RSS: peak of the runs.');
  console.log('CEL ms: of synth ms, loading the CEL library, compiling (once per rule and process) and evaluating CRD CEL rules; CEL evals: rule evaluations.');

  const seconds = (v) => (v === undefined ? 'n/a' : (v / 1000).toFixed(2));
  const n1000 = bySize.get(1000)?.synth;
  const n5000 = bySize.get(5000)?.synth;
  const floor5000 = bySize.get(5000)?.floor;
  if (n1000 && n5000) {
    console.log(`linearity: t(5000)/t(1000) = ${(n5000.ms / n1000.ms).toFixed(2)}`);
  }
  const ratio = bySize.get(5000)?.ratio.toFixed(2) ?? 'n/a';
  const rss = n5000 ? n5000.rssMiB.toFixed(0) : 'n/a';
  console.log(`bench: fleet=${seconds(fleet.wallMs)} n1000=${seconds(n1000?.ms)} n5000=${seconds(n5000?.ms)} `
    + `floor5000=${seconds(floor5000?.ms)} ratio5000=${ratio} rss5000=${rss}`);
}

main();
