import * as fs from 'fs';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, host, localPathStorage, metalLb, runSynthCli, site, traefik } from '../constructs';
import { runDiffCli } from '../constructs/synth/diff';
import { guarded, labCluster, prepopulatedOutdir, snapshotTree, synthFindings } from './bad-input/lab';

// A home-labber's own lab, written from the package README, and the mistakes of its first evening: each one
// error on what was written, and the command line and entry points answering a wrong option without a stack
// trace, a hang or a word about something else.

/** The errors of a synth of `app`, as `[layer] path field`. */
function errorsOf(app: CdkApp): string[] {
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
}

describe('one mistake, one error', () => {
  test("a site given no list of hosts (a .js lab) is the site's one error, not one more per host of its cluster", () => {
    const app = new CdkApp();
    const box = host('own-one', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.7.0.5' });
    const two = host('own-two', { arch: 'amd64', address: '10.7.0.6' });
    const own = site('own', { domain: 'own.test', git: { url: 'https://git.own.test/lab.git' } } as never);
    labCluster(app, 'own', { site: own, hosts: [box, two], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() } });
    expect(errorsOf(app)).toEqual(['[inventory] inventory/site/own hosts']);
  });

  test("a pool of MetalLB given no last address (a .js lab) is the pool's one error, not also an IPAddressPool of an address that is none", () => {
    const app = new CdkApp();
    const box = host('own-one', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.7.0.5' });
    const own = site('own', { domain: 'own.test', hosts: [box], git: { url: 'https://git.own.test/lab.git' }, pools: { vips: { first: '10.7.0.200' } as never } });
    labCluster(app, 'own', { site: own, hosts: [box], loadBalancer: metalLb({ pools: [own.pools.vips] }), routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() } });
    expect(errorsOf(app)).toEqual(['[inventory] inventory/site/own/pools/vips last']);
  });

  test("Vaultwarden's data mounted at a relative path is the mount path's one error, not also its folder left unmounted", () => {
    const app = new CdkApp();
    guarded((cluster: ClusterChart) => new App(cluster, 'vault', {
      image: 'vaultwarden/server:1.32.7', ports: [{ name: 'http', port: 8080 }], env: { ROCKET_PORT: '8080' },
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: 'data' } },
    }))(labCluster(app));
    expect(errorsOf(app)).toEqual(['[props] main/vault persistence.data.mountPath']);
  });
});

describe('the entry points and the command line', () => {
  const define = (scope: unknown) => labCluster(scope as CdkApp);

  /** Runs synth of the lab with `options` into an output folder that holds earlier output; its status, lines, and whether the folder kept every byte. */
  function synthRun(options: Record<string, unknown>): { status: number; printed: string; kept: boolean } {
    const outdir = prepopulatedOutdir();
    const before = snapshotTree(outdir);
    const lines: string[] = [];
    const status = runSynthCli(define, { outdir, log: (line) => lines.push(line), ...options });
    const kept = JSON.stringify([...snapshotTree(outdir)]) === JSON.stringify([...before]);
    fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
    return { status, printed: lines.join('\n'), kept };
  }

  test('an inputGraph that is no path (a number, read as a file descriptor) is an error before anything is built', () => {
    const run = synthRun({ argv: [], inputGraph: 987654 });
    expect(run).toEqual({ status: 1, printed: expect.stringMatching(/\(app\) inputGraph: inputGraph is 987654, not the path of a file/), kept: true });
  });

  test('--help given a value is a usage error on --help, which the command has', () => {
    const run = synthRun({ argv: ['--help=yes'] });
    expect(run).toEqual({ status: 1, printed: expect.stringMatching(/--help takes no value \(given "yes"\)[\s\S]*write --help alone/), kept: true });
    expect(run.printed).not.toMatch(/unknown option/);
  });

  test.each([
    ['log: console', { log: console }, /log is an object \(console\?\), not a function/],
    ['a misspelt option', { outDir: 'dist' }, /runDiffCli\(\) has no option "outDir"; it would be ignored[\s\S]*did you mean "outdir"\?/],
    ['outdir as a number', { outdir: 5 }, /outdir is 5, not the path of a folder/],
    ['cwd as a number', { cwd: 1 }, /cwd is 1, not the path of a folder/],
  ])('runDiffCli given %s answers with the option, exit 1, before Git is asked', (_name, options, message) => {
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((line) => printed.push(String(line)) > 0);
    try {
      expect(runDiffCli(define, { log: (line: string) => printed.push(line), ...options } as never)).toBe(1);
    } finally {
      write.mockRestore();
    }
    expect(printed.join('\n')).toMatch(message);
    expect(printed.join('\n')).toMatch(/diff failed: 1 error\(s\) in the options of runDiffCli/);
    expect(printed.join('\n')).not.toMatch(/cannot read|^\s+at /m);
  });
});
