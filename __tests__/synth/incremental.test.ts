import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import {
  App, ClusterChart, ClusterDefinition, FleetDefinition, flux, host, leaveOwnerAction, localPathStorage, readSourceFile, site,
  synthesizeFleet, SynthesizeResult, traefik,
} from '../../constructs';
import { isShortRun } from '../../constructs/synth/short-run';
import { readTree } from '../support/synth';

// A fleet of three clusters whose "sources" are files of a temporary project: each cluster's app image
// is the text of its source file, so a change to the file changes the cluster's output. The input
// graph says which file imports which, as the bundler's metafile does.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-incremental-'));
const graphFile = path.join(root, '.build', 'main.inputs.json');
const sourceFile = (name: string) => path.join(root, name);

function writeSource(name: string, content: string): void {
  fs.writeFileSync(sourceFile(name), content);
}

function cluster(siteName: string, id: string, source: string, extra?: (chart: ClusterChart) => void, needs?: string[]): ClusterDefinition {
  const node = host(`${siteName}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.${siteName.length}.0.1` });
  const labSite = site(siteName, { domain: `${siteName}.test`, hosts: [node], git: { url: `https://git.test/${siteName}.git` } });
  return {
    folder: `${siteName}/${id}`,
    source,
    needs,
    build: (scope, needed) => {
      const chart = new ClusterChart(scope, id, {
        site: labSite, hosts: [node], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux(),
      });
      new App(chart, 'web', {
        image: fs.readFileSync(sourceFile(source), 'utf8').trim(),
        ports: [{ name: 'http', port: 8080 }],
        // A cluster that needs another names that cluster's app, so a change there shows here.
        env: { UPSTREAM: (needs ?? []).map((folder) => needed(folder).node.path).join(',') || 'none' },
      });
      extra?.(chart);
      return chart;
    },
  };
}

const FLEET: FleetDefinition = {
  clusters: [
    cluster('alpha', 'main', 'alpha.ts'),
    cluster('beta', 'main', 'beta.ts', (chart) => {
      // The build reads a file besides its modules.
      chart.node.addMetadata('values', readSourceFile(sourceFile('beta.values')));
    }),
    // An owner step with text beyond ASCII, which the state keeps escaped.
    cluster('gamma', 'main', 'gamma.ts', (chart) => leaveOwnerAction(chart, { kind: 'manual', action: 'label the café\u2019s printer → done' }), ['alpha/main']),
  ],
};

function run(outdir: string, incremental = true): SynthesizeResult {
  return synthesizeFleet(new CdkApp(), FLEET, { outdir, inputGraph: incremental ? graphFile : undefined });
}

const out = path.join(root, 'dist');
const full = path.join(root, 'full');

/** Synthesizes incrementally into `dist`, and from scratch into `full`; both trees must be identical. */
function runBoth(): SynthesizeResult {
  const result = run(out);
  const fresh = run(full, false);
  expect(result.written).toBe(true);
  expect(fresh.written).toBe(true);
  expect(readTree(out)).toEqual(readTree(full));
  expect(result.findings).toEqual(JSON.parse(JSON.stringify(fresh.findings)));
  expect(result.fileCount).toBe(fresh.fileCount);
  expect(result.outcomes.map((o) => o.files)).toEqual(fresh.outcomes.map((o) => o.files));
  return result;
}

beforeAll(() => {
  fs.mkdirSync(path.dirname(graphFile), { recursive: true });
  writeSource('shared.ts', 'export const shared = 1;');
  writeSource('alpha.ts', 'nginxinc/nginx-unprivileged:1.27.0');
  writeSource('beta.ts', 'nginxinc/nginx-unprivileged:1.27.1');
  writeSource('gamma.ts', 'nginxinc/nginx-unprivileged:1.27.2');
  writeSource('beta.values', 'one');
  writeSource('fleet.ts', '');
  const imports = { 'fleet.ts': ['alpha.ts', 'beta.ts', 'gamma.ts'], 'alpha.ts': ['shared.ts'], 'beta.ts': ['shared.ts'], 'gamma.ts': ['shared.ts'], 'shared.ts': [] };
  fs.writeFileSync(graphFile, JSON.stringify({ root, imports }));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('incremental synth', () => {
  test('the first run builds every cluster', () => {
    expect(runBoth().kept).toEqual([]);
  });

  test('the state is ASCII text, one line per cluster after its header', () => {
    const [state] = fs.readdirSync(path.dirname(graphFile)).filter((name) => name.startsWith('synth-state-'));
    const bytes = fs.readFileSync(path.join(path.dirname(graphFile), state));
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    const [, ...clusters] = bytes.toString('latin1').trimEnd().split('\n');
    expect(clusters).toHaveLength(FLEET.clusters.length);
    // A cluster's file list is that of its written files, which the state holds anyway.
    expect(clusters.map((line) => JSON.parse(line)[1].outcome.files)).toEqual(FLEET.clusters.map(() => null));
  });

  test('a run without changes keeps every cluster and leaves the output as it was', () => {
    const before = readTree(out);
    expect(runBoth().kept).toEqual(['alpha/main', 'beta/main', 'gamma/main']);
    expect(readTree(out)).toEqual(before);
  });

  // Such a run compiled little of synth's code: the bundle's loader keeps no V8 code cache of it.
  test('a run that keeps every cluster is marked short, one that builds a cluster is not', () => {
    const shortRun = Symbol.for('cdk8s-homelab.shortRun');
    delete (globalThis as Record<symbol, unknown>)[shortRun];
    run(out);
    expect(isShortRun()).toBe(true);
    delete (globalThis as Record<symbol, unknown>)[shortRun];
    run(full, false);
    expect(isShortRun()).toBe(false);
  });

  test('a change to one cluster\'s source rebuilds that cluster only', () => {
    writeSource('beta.ts', 'nginxinc/nginx-unprivileged:1.28.0');
    expect(runBoth().kept).toEqual(['alpha/main', 'gamma/main']);
    expect(fs.readFileSync(path.join(out, 'beta/main/apps/web.yaml'), 'utf8')).toContain('nginxinc/nginx-unprivileged:1.28.0');
  });

  test('a change to a cluster another one needs rebuilds both', () => {
    writeSource('alpha.ts', 'nginxinc/nginx-unprivileged:1.28.1');
    expect(runBoth().kept).toEqual(['beta/main']);
  });

  test('a change to a file the build read rebuilds the cluster that read it', () => {
    writeSource('beta.values', 'two');
    expect(runBoth().kept).toEqual(['alpha/main', 'gamma/main']);
  });

  test('a change to a module every cluster imports rebuilds every cluster', () => {
    writeSource('shared.ts', 'export const shared = 2;');
    expect(runBoth().kept).toEqual([]);
  });

  test('a change to a file no cluster source reaches rebuilds every cluster', () => {
    writeSource('fleet.ts', '// changed');
    expect(runBoth().kept).toEqual([]);
  });

  test('a cluster folder edited by hand since the last run is built again', () => {
    fs.appendFileSync(path.join(out, 'gamma/main/apps/web.yaml'), '# edited\n');
    expect(runBoth().kept).toEqual(['alpha/main', 'beta/main']);
  });

  test('a folder that the last run kept, edited by hand since, is built again', () => {
    expect(runBoth().kept).toEqual(['alpha/main', 'beta/main', 'gamma/main']);
    fs.appendFileSync(path.join(out, 'beta/main/apps/web.yaml'), '# edited\n');
    expect(runBoth().kept).toEqual(['alpha/main', 'gamma/main']);
  });

  test('a failed run leaves the output and the kept state as they were', () => {
    const before = readTree(out);
    writeSource('beta.ts', 'NOT AN IMAGE');
    const failed = run(out);
    expect(failed.written).toBe(false);
    expect(failed.findings.some((f) => f.severity === 'error' && f.constructPath.startsWith('beta/main'))).toBe(true);
    expect(readTree(out)).toEqual(before);
    writeSource('beta.ts', 'nginxinc/nginx-unprivileged:1.29.0');
    expect(runBoth().kept).toEqual(['alpha/main', 'gamma/main']);
  });

  // A same-size edit with the modification time put back is what a file system with coarse timestamps
  // shows of two writes within one tick.
  const setTime = (name: string, time: Date) => fs.utimesSync(sourceFile(name), time, time);
  const editKeepingTime = (name: string, content: string, time: Date) => {
    writeSource(name, content);
    setTime(name, time);
  };

  test('a same-size edit within the modification time the last run saw is still seen moments after that run', () => {
    const now = new Date();
    setTime('alpha.ts', now);
    expect(runBoth().kept).toEqual(['alpha/main', 'beta/main', 'gamma/main']);
    editKeepingTime('alpha.ts', 'nginxinc/nginx-unprivileged:1.29.1', now);
    expect(runBoth().kept).toEqual(['beta/main']);
  });

  test('an input whose size and modification time are those the last run saw, long before it, is not read again', () => {
    const long = new Date(Date.now() - 60_000);
    setTime('gamma.ts', long);
    expect(runBoth().kept).toEqual(['alpha/main', 'beta/main', 'gamma/main']);
    // As make and git do: size and time unchanged, the file counts as unchanged.
    editKeepingTime('gamma.ts', 'nginxinc/nginx-unprivileged:9.99.9', long);
    expect(run(out).kept).toEqual(['alpha/main', 'beta/main', 'gamma/main']);
    setTime('gamma.ts', new Date());
    expect(runBoth().kept).toEqual(['alpha/main', 'beta/main']);
    expect(fs.readFileSync(path.join(out, 'gamma/main/apps/web.yaml'), 'utf8')).toContain('nginxinc/nginx-unprivileged:9.99.9');
  });
});

describe('fleet definitions', () => {
  const messages = (fleet: FleetDefinition) => synthesizeFleet(new CdkApp(), fleet, { outdir: path.join(root, 'unused'), write: false })
    .findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`);

  test('a cluster that reads a cluster it does not list in needs is an error, not a stack trace', () => {
    const [alpha] = FLEET.clusters;
    const reader = cluster('delta', 'main', 'alpha.ts');
    expect(messages({ clusters: [alpha, { ...reader, build: (scope, needed) => { needed('alpha/main'); return reader.build(scope, needed); } }] }))
      .toEqual(['clusters[1].needs: cluster "delta/main" reads cluster "alpha/main", which is not in its needs']);
  });

  test('clusters that need each other are an error', () => {
    const one = cluster('one', 'main', 'alpha.ts', undefined, ['two/main']);
    const two = cluster('two', 'main', 'beta.ts', undefined, ['one/main']);
    expect(messages({ clusters: [one, two] })).toEqual(['clusters[1].needs: clusters one/main → two/main → one/main need each other in a circle']);
  });

  test('a cluster that needs itself is an error on that entry of its needs', () => {
    const [alpha] = FLEET.clusters;
    expect(messages({ clusters: [{ ...alpha, needs: ['alpha/main'] }] })).toEqual(['clusters[0].needs[0]: cluster "alpha/main" needs itself']);
  });

  test('a misspelt folder in needs is an error on that entry of the needs, with the folder meant', () => {
    const [alpha] = FLEET.clusters;
    const reader = cluster('delta', 'main', 'alpha.ts', undefined, ['alpha/mian']);
    const findings = synthesizeFleet(new CdkApp(), { clusters: [alpha, reader] }, { outdir: path.join(root, 'unused'), write: false })
      .findings.filter((f) => f.severity === 'error');
    expect(findings.map((f) => `${f.field}: ${f.message} (${f.hint})`))
      .toEqual(['clusters[1].needs[0]: cluster "delta/main" needs "alpha/mian", which is no cluster of the fleet (did you mean \'alpha/main\'?)']);
  });

  test('a definition whose folder is not its chart\'s is an error', () => {
    const [alpha] = FLEET.clusters;
    expect(messages({ clusters: [{ ...alpha, folder: 'alpha/other' }] }))
      .toEqual([`clusters[0].folder: the fleet lists this cluster as "alpha/other", but its chart "main" of site "alpha" writes to "alpha/main"`]);
  });
});
