#!/usr/bin/env node
// `npm test`: the type check (tsc) and the tests (Jest) run at once. Jest keeps every core busy for most of
// its run, yet not all of it (its start, the last suites, tests that wait on child processes), and tsc
// fills those gaps: on two cores this saves most of the type check's time. tsc's output is held back and
// printed after Jest's, so a type error is not lost in the test output; the run fails if either does.
// Arguments go to Jest (`npm test -- __tests__/sites.test.ts`).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** The `tsc` script of the installed TypeScript, by its package's `bin` (the package exports none of its files). */
function typescriptCompiler() {
  const manifest = require.resolve('typescript/package.json', { paths: [root] });
  return path.join(path.dirname(manifest), JSON.parse(fs.readFileSync(manifest, 'utf8')).bin.tsc);
}

// Incremental: tsc keeps what it learned in .build/ (as the bundles do), and a run after a small edit
// checks again only what the edit can reach; a fresh clone checks everything.
const tsc = spawn(process.execPath, [
  typescriptCompiler(), '--noEmit', '-p', root,
  '--incremental', '--tsBuildInfoFile', path.join(root, '.build', 'tsc.tsbuildinfo'),
], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
const typeOutput = [];
tsc.stdout.on('data', (chunk) => typeOutput.push(chunk));
tsc.stderr.on('data', (chunk) => typeOutput.push(chunk));
const tscDone = new Promise((resolve) => tsc.on('close', (code, signal) => resolve(signal ? 1 : code)));

// Node options for Jest and its workers (which take its options):
// - a larger young generation: the tests build and drop thousands of small clusters, and with V8's default of a
//   few MiB most of that garbage is scavenged again and again. Alternated runs of the bad-input corpus took
//   about a tenth less time with 64 MiB, for some 100 MiB more per worker;
// - synth's V8 tiering (scripts/v8-tiering.js): the tests run the library's code thousands of times, as synth
//   does, and V8 11's eager optimizing cost a quarter of their CPU. Alternated runs of a part of the corpus took
//   17.7 and 18.6 s of CPU without it, 13.1 and 14.2 s with it; of the correct labs' files, 22.1 s and 15.6 s.
const nodeOptions = ['--max-semi-space-size=64', `--require=${path.join(root, 'scripts', 'v8-tiering.js')}`];
const jest = spawn(process.execPath, [...nodeOptions, require.resolve('jest/bin/jest', { paths: [root] }), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
const jestDone = new Promise((resolve) => jest.on('close', (code, signal) => resolve(signal ? 1 : code)));

Promise.all([tscDone, jestDone]).then(([tscStatus, jestStatus]) => {
  if (tscStatus !== 0) {
    process.stderr.write(`\ntsc --noEmit found type errors:\n${Buffer.concat(typeOutput).toString()}`);
  } else {
    process.stderr.write('tsc --noEmit: no type errors\n');
  }
  process.exitCode = tscStatus !== 0 || jestStatus !== 0 ? 1 : 0;
});
