import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { runSynthCli } from '../../constructs';
import type { SynthCliOptions } from '../../constructs';
import { labCluster } from '../bad-input/lab';

// Two synths writing one output folder at once (a watcher's and one run by hand) would each replace it.
// The second is refused while the first runs, and a lock left by a run that died is taken over.

let root: string;
let outdir: string;
let lockFolder: string;
let sleeper: ChildProcess | undefined;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-lock-'));
  outdir = path.join(root, 'dist');
  lockFolder = path.join(root, '.dist-lock');
});

afterEach(() => {
  sleeper?.kill();
  sleeper = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});

/** Runs the CLI on a small lab; returns its status and what it printed. */
function runCli(define: (scope: CdkApp) => unknown = (scope) => labCluster(scope)): { status: number; printed: string } {
  const lines: string[] = [];
  const cli: SynthCliOptions = { outdir, flags: { quiet: true, json: false }, log: (line: string) => lines.push(line) };
  const status = runSynthCli((scope) => define(scope as CdkApp), cli);
  return { status, printed: lines.join('\n') };
}

/** A lock folder as a synth of process `pid` leaves it. */
function lockHeldBy(pid: number): void {
  fs.mkdirSync(lockFolder);
  fs.writeFileSync(path.join(lockFolder, 'owner'), `${pid}\n`);
}

/** The id of a process that has ended. */
function endedProcessId(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

test('a run takes the lock beside the output folder and lets it go, whether it wrote or failed', () => {
  expect(runCli().status).toBe(0);
  expect(fs.existsSync(path.join(outdir, 'lab'))).toBe(true);
  expect(fs.readdirSync(root)).toEqual(['dist']);

  const failed = runCli(() => {
    throw new Error('a lab that fails to build');
  });
  expect(failed.status).toBe(1);
  expect(fs.readdirSync(root)).toEqual(['dist']);
});

test('an output folder another live synth is writing is refused, and left as it is', () => {
  expect(runCli().status).toBe(0);
  const before = fs.readdirSync(outdir, { recursive: true }).sort();
  sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)'], { stdio: 'ignore' });
  lockHeldBy(sleeper.pid!);

  const { status, printed } = runCli();

  expect(status).toBe(1);
  expect(printed).toContain(`ERROR [props] (app) outdir: another synth (process ${sleeper.pid}) is writing ${outdir}/ now`);
  expect(printed).toContain(`hint: wait for it to end and run again; if no synth runs, remove ${lockFolder}`);
  expect(fs.readdirSync(outdir, { recursive: true }).sort()).toEqual(before);
  // Not this run's lock: it stays.
  expect(fs.readFileSync(path.join(lockFolder, 'owner'), 'utf8')).toBe(`${sleeper.pid}\n`);
});

test('a lock whose process has ended is taken over', () => {
  lockHeldBy(endedProcessId());

  expect(runCli().status).toBe(0);
  expect(fs.existsSync(path.join(outdir, 'lab'))).toBe(true);
  expect(fs.existsSync(lockFolder)).toBe(false);
});

test('a lock folder being made (no owner yet) is respected; one left without an owner long ago is taken over', () => {
  fs.mkdirSync(lockFolder);
  const starting = runCli();
  expect(starting.status).toBe(1);
  expect(starting.printed).toContain('another synth (a process starting now) is writing');
  expect(fs.existsSync(outdir)).toBe(false);

  const longAgo = new Date(Date.now() - 60_000);
  fs.utimesSync(lockFolder, longAgo, longAgo);
  expect(runCli().status).toBe(0);
  expect(fs.existsSync(lockFolder)).toBe(false);
});
