import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Mistakes of a lab's entry script. Asynchronous work: synth builds and writes synchronously, so a promise
// a chart or the define function leaves running settles after the output was written. cdk8s' own
// app.synth() in place of runSynthCli. Each lab runs as a user's entry runs (`process.exitCode = …`), in a
// child process, whose event loop then goes on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (name: string, source: string) => string };

const ENTRY = `
import { App as CdkApp } from 'cdk8s';
import { Construct } from 'constructs';
import { App, ClusterChart, exitAfterSynth, flux, host, localPathStorage, runSynthCli, site, traefik } from './constructs';

// argv: <outdir> <mode>
const [outdir, mode] = process.argv.slice(2);
const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const lab = site('lab', { domain: 'lab.example.com', hosts: [nuc], git: { url: 'https://git.example.com/me/lab.git' } });
const web = (scope: Construct, id: string) => new App(scope, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });

class Main extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'main', { site: lab, hosts: [nuc], storage: { fast: localPathStorage() }, gitops: flux(), routes: traefik({ nodePorts: true }) });
    web(this, 'web');
    if (mode === 'late-construct' || mode === 'late-construct-exit') {
      void Promise.resolve().then(() => web(this, 'late'));
    }
    if (mode === 'late-timer-exit') {
      void new Promise((resolve) => setTimeout(resolve, 20)).then(() => web(this, 'late'));
    }
    if (mode === 'timer-construct' || mode === 'timer-construct-exit') {
      setTimeout(() => web(this, 'late'), 20);
    }
    if (mode === 'timer-failure') {
      setTimeout(() => { throw new Error('the image list could not be fetched'); }, 20);
    }
    if (mode === 'late-rejection') {
      void Promise.reject(new Error('the image list could not be fetched'));
    }
  }
}

if (mode === 'cdk8s-synth') {
  const app = new CdkApp({ outdir });
  new Main(app);
  app.synth();
} else if (mode.endsWith('-exit')) {
  exitAfterSynth(runSynthCli((scope) => new Main(scope), { outdir, argv: [] }));
} else process.exitCode = mode === 'async-define'
  ? runSynthCli(async (scope) => { await Promise.resolve(); new Main(scope); }, { outdir, argv: [] })
  : runSynthCli((scope) => new Main(scope), { outdir, argv: [] });
`;

const entry = bundle('test-lab-entry-mistakes', ENTRY);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-async-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function run(mode: string) {
  const outdir = path.join(root, mode);
  const child = spawnSync(process.execPath, [entry, outdir, mode], {
    encoding: 'utf8', env: { ...process.env, HOMELAB_SYNTH_THREADS: '0' },
  });
  return { ...child, outdir };
}

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

test('an async define function is one error before anything is written', () => {
  const child = run('async-define');
  expect(child.status).toBe(1);
  expect(child.stderr).toContain('(app) define: the function that defines the sites returned a promise');
  expect(child.stderr).toMatch(/synth failed: 1 error\(s\)/);
  expect(child.stderr).not.toMatch(STACK_LINE);
  expect(fs.existsSync(child.outdir)).toBe(false);
});

test('a construct a chart creates after synth is an error, not missing from the output without a word', () => {
  const child = run('late-construct');
  expect(child.status).toBe(1);
  expect(child.stderr).toContain('ERROR [props] main children: a construct was created here after synth had written the output');
  expect(child.stderr).not.toMatch(STACK_LINE);
});

test.each(['late-construct-exit', 'late-timer-exit', 'timer-construct', 'timer-construct-exit'])('%s: a construct created after synth, by a promise or a timer, is reported whether the entry ends with exitAfterSynth or sets process.exitCode', (mode) => {
  const child = run(mode);
  expect(child.status).toBe(1);
  expect(child.stderr).toContain('ERROR [props] main children: a construct was created here after synth had written the output');
  expect(child.stderr).toContain('hint: create every construct while the define function runs');
  expect(child.stderr).not.toMatch(STACK_LINE);
});

test('a promise a chart started that fails after synth is an error with its message, not a stack trace', () => {
  const child = run('late-rejection');
  expect(child.status).toBe(1);
  expect(child.stderr).toContain('(app) define: a promise started while the lab was built failed after synth had written the output: the image list could not be fetched');
  expect(child.stderr).not.toMatch(STACK_LINE);
});

test('a timer a chart started that throws after synth is an error with its message, not a stack trace', () => {
  const child = run('timer-failure');
  expect(child.status).toBe(1);
  expect(child.stderr).toContain('(app) define: a timer or callback started while the lab was built failed after synth had written the output: the image list could not be fetched');
  expect(child.stderr).not.toMatch(STACK_LINE);
});

test('a lab without asynchronous work still ends with status 0', () => {
  const child = run('plain');
  expect(child.stderr).not.toContain('ERROR');
  expect(child.status).toBe(0);
});

test("cdk8s' own app.synth() of a cluster is one error and status 1, not a few unchecked objects with status 0", () => {
  const child = run('cdk8s-synth');
  expect(child.status).toBe(1);
  expect(child.stderr).toContain("ERROR [props] main synth: cdk8s' own app.synth() would write this cluster without the library's checks");
  expect(child.stderr).toContain('runSynthCli((scope) => new Main(scope)');
  expect(child.stderr.match(/ERROR/g)).toHaveLength(1);
  expect(child.stderr).not.toMatch(STACK_LINE);
  // cdk8s writes its file all the same: without the cluster's objects.
  const written = fs.readdirSync(child.outdir).map((file) => fs.readFileSync(path.join(child.outdir, file), 'utf8')).join('');
  expect(written.trim()).toBe('');
});
