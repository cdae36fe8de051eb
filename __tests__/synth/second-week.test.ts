import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, AppVolume, runDiffCli, runSynthCli, runValidateCli, synthesize } from '../../constructs';
import type { ClusterChart, Finding } from '../../constructs';
import { labCluster } from '../bad-input/lab';

// A new user's second week with the command line, fleets and day-2 changes: what synth, diff and validate
// say when the output folder is written a second time, or when the entry script is wired the wrong way.

let dir: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-second-week-'));
  lines.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The lab's cluster with an app `kuma` that keeps its data on a claim, run by `controller`. */
function kuma(controller?: AppController) {
  return (scope: Construct): ClusterChart => {
    const chart = labCluster(scope as CdkApp);
    new App(chart, 'kuma', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], controller,
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    });
    return chart;
  };
}
const fleet = { clusters: [{ folder: 'lab/main', source: 'charts/lab/main.ts', build: kuma() }] };

/** Synthesizes `define` into `outdir` (written when it has no error) and returns the warnings of the run. */
function synthInto(outdir: string, define: (scope: Construct) => unknown): Finding[] {
  const app = new CdkApp({ outdir });
  define(app);
  const result = synthesize(app, { outdir });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return result.findings.filter((f) => f.severity === 'warning');
}

describe('runSynthCli as a user wires it', () => {
  test('--outdir on the command line is one error that says where the output folder is set', () => {
    const outdir = path.join(dir, 'dist');
    expect(runSynthCli(kuma(), { outdir, argv: ['--outdir', 'out'], log })).toBe(1);
    const errors = lines.filter((l) => l.startsWith('ERROR')).map((l) => l.split('\n')[0]);
    expect(errors).toEqual(['ERROR [props] (command line) --outdir: --outdir is no option of this command']);
    expect(lines.join('\n')).toMatch(/hint: the output folder is the outdir option of runSynthCli in the entry script: runSynthCli\(define, \{ outdir: 'out' \}\)/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('an outdir that is a file is refused, and the file kept', () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'my notes\n');
    expect(runSynthCli(kuma(), { outdir: notes, argv: [], log })).toBe(1);
    expect(lines.join('\n')).toMatch(/\(app\) outdir: outdir ".*notes\.txt" is a file/);
    expect(fs.readFileSync(notes, 'utf8')).toBe('my notes\n');
  });

  test('an outdir inside a file is refused before anything is built', () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
    expect(runSynthCli(kuma(), { outdir: path.join(dir, 'notes.txt', 'dist'), argv: [], log })).toBe(1);
    expect(lines.join('\n')).toMatch(/\(app\) outdir: .* is inside .*notes\.txt, which is a file/);
  });

  test('threads given as a switch is one error that writes the form it takes, before anything is built', () => {
    const outdir = path.join(dir, 'dist');
    expect(runSynthCli(() => fleet, { outdir, argv: [], log, threads: true as any })).toBe(1);
    expect(lines.join('\n')).toMatch(/ERROR \[props\] \(app\) threads: threads is true, not \{ entry, workers\? \}[\s\S]*hint: .*threads: \{ entry: module\.filename \}/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a define function that returns the list of definitions is told to return { clusters }', () => {
    expect(runSynthCli(() => fleet.clusters, { outdir: path.join(dir, 'dist'), argv: [], log })).toBe(1);
    expect(lines.join('\n')).toMatch(/ERROR \[props\] \(app\) clusters: the fleet is a list of cluster definitions[\s\S]*hint: return the fleet as \{ clusters: \[ … \] \}/);
    expect(lines.join('\n')).not.toMatch(/holds no cluster/);
  });
});

describe('diff and validate take the fleet synth takes', () => {
  beforeEach(() => {
    expect(runSynthCli(() => fleet, { outdir: path.join(dir, 'dist'), argv: [], log })).toBe(0);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-qm', 'dist');
    lines.length = 0;
  });

  test('diff of an unchanged fleet finds no difference', () => {
    expect(runDiffCli(() => fleet, { cwd: dir, log })).toBe(0);
    expect(lines.join('\n')).toMatch(/^no differences against dist\/ at HEAD$/m);
  });

  test('diff given its arguments as one string: one error, not one per character', () => {
    expect(runDiffCli(() => fleet, { cwd: dir, argv: '--cluster lab/main' as any, log })).toBe(1);
    expect(lines.filter((l) => l.startsWith('ERROR'))).toEqual([
      "ERROR [props] (app) argv: argv is \"--cluster lab/main\", not a list of arguments\n      hint: give one string per argument: argv: ['--cluster', 'lab/main']",
    ]);
  });

  test('validate of the fleet checks the output folder against its clusters', () => {
    expect(runValidateCli(() => fleet, { outdir: path.join(dir, 'dist'), log })).toBe(0);
    expect(lines.join('\n')).toMatch(/validate ok/);
  });
});

describe('day 2: an app changes its controller or its name', () => {
  test('an app renamed with claimName but not its namespace: the hint says the new claim is another, empty one', () => {
    const outdir = path.join(dir, 'dist');
    synthInto(outdir, kuma());
    const warnings = synthInto(outdir, (scope) => {
      const chart = labCluster(scope as CdkApp);
      new App(chart, 'uptime', {
        image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi', claimName: 'kuma-data' }), mountPath: '/data' } },
      });
    });
    const claim = warnings.find((f) => f.kind === 'PersistentVolumeClaim' && f.name === 'kuma-data');
    expect(claim?.hint).toMatch(/the new claim uptime\/kuma-data has its name, but is a new, empty one[\s\S]*namespace: 'kuma'/);
  });

  test('a Deployment that becomes a StatefulSet: the old claim is not bound by claimName, its data is to be copied', () => {
    const outdir = path.join(dir, 'dist');
    synthInto(outdir, kuma());
    const warnings = synthInto(outdir, kuma(AppController.statefulSet()));
    const claim = warnings.find((f) => f.kind === 'PersistentVolumeClaim' && f.name === 'kuma-data');
    expect(claim?.hint).toMatch(/StatefulSet kuma\/kuma makes claims of its own \(data-kuma-0\), which start empty/);
    expect(claim?.hint).not.toMatch(/claimName: 'kuma-data'/);
  });

  test('a StatefulSet that becomes a Deployment: the claims it made are named, with how to mount them', () => {
    const outdir = path.join(dir, 'dist');
    synthInto(outdir, kuma(AppController.statefulSet()));
    const warnings = synthInto(outdir, kuma());
    const left = warnings.find((f) => f.kind === 'StatefulSet' && f.field === '(removed)');
    expect(left?.message).toMatch(/its claims \(data-kuma-0\) stay in the cluster with their data/);
    expect(left?.hint).toMatch(/AppVolume\.existingClaim\('data-kuma-0'\)[\s\S]*kubectl -n kuma delete persistentvolumeclaim data-kuma-0/);
  });

  test('an app removed with its namespace is one warning on the namespace, not one on its StatefulSet too', () => {
    const outdir = path.join(dir, 'dist');
    synthInto(outdir, kuma(AppController.statefulSet()));
    const warnings = synthInto(outdir, (scope) => labCluster(scope as CdkApp));
    expect(warnings.filter((f) => f.field === '(removed)').map((f) => `${f.kind} ${f.name}`)).toEqual(['Namespace kuma']);
  });
});

test("the App's namespace rule is the one components and engines share, with the App's own hint", () => {
  const app = new CdkApp();
  const chart = labCluster(app);
  try {
    new App(chart, 'docs', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], namespace: 'default' });
  } catch {
    // reported as a finding on the app
  }
  const finding = synthesize(app, { outdir: path.join(dir, 'dist'), write: false }).findings.find((f) => f.field === 'namespace');
  expect(finding?.message).toBe('namespace "default" is a namespace Kubernetes keeps for itself: the repository cannot own it (a prune would delete it), '
    + "and the app's Pod Security level would apply to whatever else runs there");
  expect(finding?.hint).toMatch(/namespace: 'docs', or leave namespace out/);
});

describe('runSynthCli given what other tools take', () => {
  const define = kuma();
  test.each([
    ['arguments as one string', define, { argv: '--quiet' }, "(app) argv: argv is \"--quiet\", not a list of arguments", /argv: \['--quiet'\]/],
    ['console as its log', define, { argv: [], log: console }, '(app) log: log is an object (console?), not a function that takes one line', /log: \(line\) => console\.log\(line\)/],
    ['flags as a list', define, { flags: ['--quiet'] }, '(app) flags: flags is ["--quiet"], not an object of switches', /flags: \{ quiet: true \}/],
    // The folder given is the test's own, so that no regression could write elsewhere.
    ['the output folder instead of options', define, 'OUTDIR', "(app) options: runSynthCli()'s options are \"OUTDIR\", not an object", /runSynthCli\(define, \{ outdir: 'OUTDIR' \}\)/],
    ['the fleet instead of a function that returns it', fleet, { argv: [] }, '(app) define: runSynthCli() is given the fleet where it takes the function that defines the sites', /runSynthCli\(\(\) => fleet/],
  ])('%s: one error before anything is built, no stack trace', (_name, given, options, error, hint) => {
    const errors: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => errors.push(String(chunk)) > 0);
    // Options that are no object leave runSynthCli the command line's arguments, which are jest's own here.
    const argv = process.argv;
    process.argv = argv.slice(0, 2);
    try {
      const outdir = path.join(dir, 'dist');
      const withOutdir = typeof options === 'object' ? { outdir, ...options } : outdir;
      expect(runSynthCli(given as any, withOutdir as any)).toBe(1);
      expect(fs.existsSync(outdir)).toBe(false);
    } finally {
      process.argv = argv;
      write.mockRestore();
    }
    const printed = [...errors, ...lines].join('').split(path.join(dir, 'dist')).join('OUTDIR');
    expect(printed.split('\n').filter((l) => l.startsWith('ERROR'))).toEqual([`ERROR [props] ${error}`]);
    expect(printed).toMatch(hint);
    expect(printed).not.toMatch(/^\s+at /m);
  });
});
