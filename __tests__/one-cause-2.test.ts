import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, flux, host, runDiffCli, runSynthCli, runValidateCli, site, synthesize, traefik } from '../constructs';
import type { ClusterChart, FleetDefinition, Finding } from '../constructs';
import { CASES, nodeAddress } from './bad-input/cases-one-cause-2';
import type { BadInput } from './bad-input/cases';
import { labCluster, prepopulatedOutdir } from './bad-input/lab';

// One mistake, one error: a wrong fact of the inventory is reported once, on the fact, and nothing built from it adds
// an error of its own; a mistake in a fleet's entry is reported with its own hint, and what the commands print around
// the findings of a run that stopped (the table, the status line) counts what was found and shows no empty table.

/** Each error as `layer path field`, its path from the cluster on (`broken`, not `lab/main/broken`). */
const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error')
  .map((f) => `${f.layer} ${f.constructPath.replace(/^(?:lab\/)?main\//, '')} ${f.field}`);

/** The one error a case expects, in the terms of {@link errorsOf}. */
const causeOf = (testCase: BadInput) => `${testCase.layer} ${testCase.path} ${String(testCase.field)}`;

test.each(CASES.map((c) => [c.name, c] as const))('synthesize reports only the cause: %s', (_name, testCase) => {
  const app = new CdkApp();
  testCase.build(labCluster(app), app);
  const result = synthesize(app, { outdir: prepopulatedOutdir() });
  expect({ errors: errorsOf(result.findings), written: result.written }).toEqual({ errors: [causeOf(testCase)], written: false });
});

/** A fleet of `lab/main` and `lab/two`, each the lab cluster with one web app; `two` built by `buildTwo` from that chart. */
const fleetOf = (buildTwo: (chart: ClusterChart) => unknown): FleetDefinition => {
  const cluster = (scope: Construct, id: string) => {
    const chart = labCluster(scope as CdkApp, id);
    new App(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    return chart;
  };
  return {
    clusters: [
      { folder: 'lab/main', source: 'charts/lab/main.ts', build: (scope) => cluster(scope, 'main') },
      { folder: 'lab/two', source: 'charts/lab/two.ts', build: (scope) => buildTwo(cluster(scope, 'two')) as ClusterChart },
    ],
  };
};

/** What `npm run synth` prints for `fleet` (text, not JSON), and its status. */
function synthPrints(fleet: FleetDefinition): { status: number; lines: string[] } {
  const lines: string[] = [];
  const status = runSynthCli(() => fleet, { outdir: prepopulatedOutdir(), log: (line) => lines.push(line), flags: {} });
  return { status, lines };
}

/** A build that returns nothing: the chart it built has the lab's warning (Traefik given no address), and the run stops. */
const returnsNothing = fleetOf(() => undefined);

test('a fleet run that stopped before any cluster was complete prints no empty cluster table', () => {
  const { status, lines } = synthPrints(returnsNothing);
  expect(status).toBe(1);
  expect(lines.join('\n')).not.toMatch(/^cluster +objects/m);
  expect(lines[0]).toMatch(/^ERROR \[props\] \(app\) clusters\[1\]\.build: /);
  expect(lines[lines.length - 1]).toMatch(/^synth failed: 1 error\(s\), 1 warning\(s\);/);
});

test('an async build of a fleet cluster is one error whose hint makes it synchronous, and its rejection ends no process', async () => {
  const rejected: unknown[] = [];
  const onRejection = (reason: unknown) => rejected.push(reason);
  process.on('unhandledRejection', onRejection);
  try {
    const { status, lines } = synthPrints(fleetOf(async () => {
      throw new Error('the data could not be loaded');
    }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(status).toBe(1);
    expect(lines.filter((line) => line.startsWith('ERROR')).map((line) => line.split('\n')[0])).toEqual([
      'ERROR [props] (app) clusters[1].build: the build of cluster "lab/two" returned a promise (an async function): the cluster is written before '
        + 'it settles, so what it builds after an await would be missing from the output',
    ]);
    expect(lines.join('\n')).toMatch(/hint: make build a plain function that returns the chart/);
    expect(rejected).toEqual([]);
  } finally {
    process.off('unhandledRejection', onRejection);
  }
});

test('npm run validate and npm run diff print the cause first and count the warnings apart when the sites could not be built', () => {
  const validated: string[] = [];
  expect(runValidateCli(() => returnsNothing, { outdir: prepopulatedOutdir(), log: (line) => validated.push(line) })).toBe(1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-one-cause-2-'));
  execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  const diffed: string[] = [];
  expect(runDiffCli(() => returnsNothing, { cwd: dir, log: (line) => diffed.push(line) })).toBe(1);
  fs.rmSync(dir, { recursive: true, force: true });
  const findings = (lines: string[]) => lines.filter((line) => /^(ERROR|WARNING) /.test(line)).map((line) => line.split(' ')[0]);
  // Both build the whole fleet first: each of the two charts built has the lab's warning.
  expect(findings(validated)).toEqual(['ERROR', 'WARNING', 'WARNING']);
  expect(validated[validated.length - 1]).toBe('validate failed: the sites could not be built (1 error(s), 2 warning(s)); nothing was validated');
  expect(findings(diffed)).toEqual(['ERROR', 'WARNING', 'WARNING']);
  expect(diffed[diffed.length - 1]).toBe('diff failed: the sites could not be built (1 error(s), 2 warning(s))');
});

test("a cluster that refused a prop made of a wrong inventory fact reports that fact too, and first", () => {
  const lines: string[] = [];
  const define = (scope: Construct) => nodeAddress('word', '10.9.31.300')(labCluster(scope as CdkApp), scope as CdkApp);
  expect(runSynthCli(define, { outdir: prepopulatedOutdir(), log: (line) => lines.push(line), flags: { quiet: true } })).toBe(1);
  expect(lines.filter((line) => line.startsWith('ERROR')).map((line) => line.split(':')[0])).toEqual([
    'ERROR [inventory] inventory/host/oc2-word-node address',
    'ERROR [props] edge preinstalled[0].apiServer[0].cidr',
  ]);
});

test('npm run synth and npm run diff print the errors of the inventory before those of the charts', () => {
  // Two mistakes of their own: a node's address that is no address, and an App's route host no DNS name.
  const define = (scope: Construct) => {
    const node = host('oc2-order-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.33.300' });
    const own = site('oc2-order', { domain: 'oc2-order.test', hosts: [node], git: { url: 'https://git.lab.test/lab.git' } });
    const edge = labCluster(scope as CdkApp, 'edge', { site: own, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {}, gitops: flux() });
    new App(edge, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'Bad_Host' } });
  };
  const errorLines = (lines: string[]) => lines.filter((line) => line.startsWith('ERROR')).map((line) => line.split(':')[0]);
  const expected = ['ERROR [inventory] inventory/host/oc2-order-node address', 'ERROR [props] edge/web route.host'];
  const synthed: string[] = [];
  expect(runSynthCli(define, { outdir: prepopulatedOutdir(), log: (line) => synthed.push(line), flags: { quiet: true } })).toBe(1);
  expect(errorLines(synthed)).toEqual(expected);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-one-cause-2-'));
  execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  const diffed: string[] = [];
  expect(runDiffCli(define, { cwd: dir, log: (line) => diffed.push(line) })).toBe(1);
  fs.rmSync(dir, { recursive: true, force: true });
  expect(errorLines(diffed)).toEqual(expected);
});
