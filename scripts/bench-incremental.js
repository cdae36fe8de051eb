// The incremental-synth scenario of `npm run bench`: the synthetic fleet written out as a project, one
// module per cluster holding its apps, so that changing one app changes one module. A full synth of it
// (no kept state) is timed against a re-synth after one app's image version changed, which rebuilds that
// app's cluster only; the re-synth's output is checked against a full synth of the changed fleet.
'use strict';
const fs = require('fs');
const path = require('path');
const { bundle, inputGraphFile, root } = require('./bundle');

const PROJECT = path.join('.build', 'bench-incremental');

/** Writes the fleet of `apps` apps as modules; `changed` is the app whose version is bumped, if any. */
function writeProject(apps, clusters, changed) {
  const dir = path.join(root, PROJECT);
  fs.mkdirSync(dir, { recursive: true });
  const names = [];
  for (let cluster = 0; cluster < clusters; cluster++) {
    const list = [];
    for (let i = cluster; i < apps; i += clusters) {
      list.push([i, i === changed ? '2.0.0' : `1.${i % 50}.${i % 7}`]);
    }
    const source = `${PROJECT}/cluster-${cluster}.ts`;
    const text = [
      "import type { ClusterDefinition } from '../../constructs';",
      "import { benchFolder, buildBenchCluster } from '../../bench/fleet';",
      '',
      `const APPS: Array<[number, string]> = ${JSON.stringify(list)};`,
      '',
      `export const cluster${cluster}: ClusterDefinition = {`,
      `  folder: benchFolder(${cluster}),`,
      `  source: '${source}',`,
      `  build: (site) => buildBenchCluster(site, ${cluster}, APPS.map(([index, version]) => ({ index, version }))),`,
      '};',
      '',
    ].join('\n');
    writeIfChanged(path.join(root, source), text);
    names.push(`cluster${cluster}`);
  }
  writeIfChanged(path.join(dir, 'fleet.ts'), [
    "import type { FleetDefinition } from '../../constructs';",
    ...names.map((name, i) => `import { ${name} } from './cluster-${i}';`),
    '',
    `export const FLEET: FleetDefinition = { clusters: [${names.join(', ')}] };`,
    '',
  ].join('\n'));
  writeIfChanged(path.join(dir, 'entry.ts'), [
    "import { performance } from 'perf_hooks';",
    "import { runSynthCli } from '../../constructs/synth/cli';",
    "import { report } from '../../bench/measurement';",
    "import { FLEET } from './fleet';",
    '',
    '// argv: <outdir> [<input graph>]: with the graph, clusters whose modules did not change are kept.',
    'const startMs = performance.now();',
    'const lines: string[] = [];',
    'const started = performance.now();',
    '// As main.ts runs a synth: worker threads run this module again and build clusters too.',
    'const status = runSynthCli(() => FLEET, { outdir: process.argv[2], inputGraph: process.argv[3], log: (line) => lines.push(line), flags: { quiet: true }, threads: { entry: module.filename } });',
    'const ms = performance.now() - started;',
    'if (status !== 0) {',
    "  throw new Error(`synth failed:\\n${lines.join('\\n')}`);",
    '}',
    "const summary = /synth ok: (\\d+) files, (\\d+) objects.*?(?:(\\d+) of \\d+ clusters unchanged)?;? \\d+ ms$/.exec(lines[lines.length - 1] ?? '');",
    'report(startMs, { ms, objects: Number(summary?.[2] ?? 0), files: Number(summary?.[1] ?? 0), kept: Number(summary?.[3] ?? 0) });',
    '',
  ].join('\n'));
}

function writeIfChanged(file, text) {
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    fs.writeFileSync(file, text);
  }
}

/**
 * Prepares the scenario for `apps` apps over `clusters` clusters and returns its steps:
 * `full(outdir)` bundles the unchanged fleet and returns the child arguments of a synth that builds
 * everything (no kept state for that outdir); `change()` bumps one app of cluster 0 and rebundles;
 * `incremental(outdir)` returns the child arguments of a re-synth that keeps what did not change;
 * `bundleMs()` how long the last bundling took.
 */
function incrementalScenario(apps, clusters) {
  const name = 'bench-incremental';
  const graph = inputGraphFile(name);
  let child;
  let bundleMs;
  const build = (changed) => {
    writeProject(apps, clusters, changed);
    const started = process.hrtime.bigint();
    child = bundle(name, `${PROJECT}/entry.ts`);
    bundleMs = Number(process.hrtime.bigint() - started) / 1e6;
  };
  return {
    child: () => child,
    prepare: () => build(undefined),
    change: () => build(0),
    /** How long the last bundling took (after `change()`: the rebuild an edit of one cluster's module costs). */
    bundleMs: () => bundleMs,
    fullArgs: (outdir) => [outdir],
    incrementalArgs: (outdir) => [outdir, graph],
    clean: () => fs.rmSync(path.join(root, PROJECT), { recursive: true, force: true }),
  };
}

module.exports = { incrementalScenario };
