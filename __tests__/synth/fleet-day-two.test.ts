import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, AppVolume, host, metalLb, runDiffCli, runSynthCli, site, synthesize } from '../../constructs';
import type { ClusterChart, Finding } from '../../constructs';
import { labCluster } from '../bad-input/lab';

// Day-2 changes across the clusters of a fleet: a cluster that leaves the fleet (or is renamed) and an
// app that moves from one cluster to another in one change.

let dir: string;
let outdir: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fleet-day-two-'));
  outdir = path.join(dir, 'dist');
  lines.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

// A second site, whose cluster `edge` runs on machines of its own.
const edge1 = host('edge1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1', zfsPools: { fast: { media: 'nvme' } } });
const edgeSite = site('edge', {
  domain: 'edge.test', hosts: [edge1], pools: { vips: { first: '10.1.8.10', last: '10.1.8.20' } },
  git: { url: 'https://git.lab.test/lab.git' },
});

/** A cluster `id` of the lab (of the edge site for `edge`), with the app `kuma` (data on a claim) when `withKuma`. */
function cluster(scope: Construct, id: string, withKuma: boolean): ClusterChart {
  const chart = labCluster(scope as CdkApp, id, id !== 'edge' ? {} : {
    site: edgeSite, hosts: [edge1], storage: { fast: edge1.zfs.fast }, loadBalancer: metalLb({ pools: [edgeSite.pools.vips] }),
  });
  if (withKuma) {
    new App(chart, 'kuma', {
      image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    });
  }
  return chart;
}

/** Clusters by id, each with kuma or not. */
function sites(clusters: Record<string, boolean>) {
  return (scope: Construct) => Object.entries(clusters).forEach(([id, withKuma]) => cluster(scope, id, withKuma));
}

/** Synthesizes `define` into the output folder (written when it has no error) and returns the warnings of the run. */
function synthInto(define: (scope: Construct) => unknown): Finding[] {
  const app = new CdkApp({ outdir });
  define(app);
  const result = synthesize(app, { outdir });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(result.written).toBe(true);
  return result.findings.filter((f) => f.severity === 'warning');
}

const removedFolders = (warnings: Finding[]) => warnings.filter((f) => f.field === '(removed)' && f.kind === undefined);

describe('a cluster that leaves the fleet', () => {
  test('is one warning naming its folder, the claims its last output held, and what to do with the engine and the data', () => {
    synthInto(sites({ main: true, edge: false }));
    const removed = removedFolders(synthInto(sites({ edge: false })));
    expect(removed).toHaveLength(1);
    expect(removed[0].message).toMatch(/the cluster folder lab\/main\/ left the output[\s\S]*still points at that path; its last output held the claims kuma\/kuma-data/);
    expect(removed[0].hint).toMatch(/uninstall the engine from that cluster or point it at another folder[\s\S]*copy the data of kuma\/kuma-data out first/);
    expect(removed[0].hint).not.toMatch(/renamed/);
    expect(fs.existsSync(path.join(outdir, 'lab/main'))).toBe(false);
  });

  test('renamed in the same run: the warning names the new folder', () => {
    synthInto(sites({ main: true }));
    const removed = removedFolders(synthInto(sites({ home: true })));
    expect(removed.map((f) => f.message.split(' left')[0])).toEqual(['the cluster folder lab/main/']);
    expect(removed[0].hint).toMatch(/if the cluster was renamed to lab\/home, point its engine at that folder instead/);
  });

  test('a fleet synthesized one cluster at a time warns the same way', () => {
    const fleet = (ids: string[]) => () => ({ clusters: ids.map((id) => ({ folder: `lab/${id}`, source: `charts/${id}.ts`, build: (scope: Construct) => cluster(scope, id, true) })) });
    expect(runSynthCli(fleet(['main']), { outdir, argv: [], log })).toBe(0);
    lines.length = 0;
    expect(runSynthCli(fleet(['home']), { outdir, argv: [], log })).toBe(0);
    expect(lines.join('\n')).toMatch(/WARNING \[policy\] \(app\) \(removed\): the cluster folder lab\/main\/ left the output[\s\S]*renamed to lab\/home/);
  });

  test('npm run diff prints the warning synth gives, under the removed cluster', () => {
    synthInto(sites({ main: true, edge: false }));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-qm', 'dist');
    expect(runDiffCli(sites({ edge: false }), { cwd: dir, log })).toBe(1);
    const printed = lines.join('\n');
    expect(printed).toMatch(/^lab\/main: 0 added, \d+ removed, 0 changed$/m);
    expect(printed).toMatch(/day-2: 1 warning\(s\) for the next apply\n\s+WARNING \[policy\] \(app\) \(removed\): the cluster folder lab\/main\/ left the output[\s\S]*kuma\/kuma-data/);
  });
});

describe('an app moved to another cluster in one change', () => {
  test('the old cluster says the data stays there and is to be copied, not bound by claimName', () => {
    synthInto(sites({ main: true, edge: false }));
    const warnings = synthInto(sites({ main: false, edge: true }));
    const claim = warnings.find((f) => f.kind === 'PersistentVolumeClaim' && f.name === 'kuma-data');
    expect(claim?.constructPath).toBe('main');
    expect(claim?.hint).toMatch(/the claim kuma\/kuma-data the app makes in cluster edge\/edge is a new, empty one: the data stays on the volume of this cluster[\s\S]*copy the data into the new claim/);
    expect(claim?.hint).not.toMatch(/claimName: 'kuma-data'/);
    const namespace = warnings.find((f) => f.kind === 'Namespace' && f.name === 'kuma');
    expect(namespace?.hint).toMatch(/^the app of namespace kuma moved to cluster edge\/edge, where its claims are new, empty ones/);
  });

  test('an app moved as a StatefulSet: the namespace it left says where it went', () => {
    synthInto(sites({ main: true, edge: false }));
    const app = new CdkApp({ outdir });
    cluster(app, 'main', false);
    new App(cluster(app, 'edge', false), 'kuma', {
      image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.statefulSet(),
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    });
    const namespace = synthesize(app, { outdir }).findings.find((f) => f.kind === 'Namespace' && f.name === 'kuma');
    expect(namespace?.hint).toMatch(/^the app of namespace kuma moved to cluster edge\/edge/);
  });

  test('an app that leaves a cluster for none keeps the claimName hint', () => {
    synthInto(sites({ main: true, edge: false }));
    const claim = synthInto(sites({ main: false, edge: false })).find((f) => f.kind === 'PersistentVolumeClaim' && f.name === 'kuma-data');
    expect(claim?.hint).toMatch(/claimName: 'kuma-data'/);
  });
});
