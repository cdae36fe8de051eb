import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validatorCacheIn } from '../support/schema-cache';

// exitAfterSynth ends the process, so the test bundles an entry (as `npm run synth` does) and runs it in
// a child process.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (name: string, source: string) => string };

const ENTRY = `
import { benchFleet } from './bench/fleet';
import { exitAfterSynth, runSynthCli } from './constructs/synth/cli';

// argv: <outdir> [broken]
const [outdir, broken] = process.argv.slice(2);
// Runs only when the process ends by itself, through Node's orderly teardown, rather than exiting at once.
process.on('beforeExit', () => process.stdout.write('ended by teardown\\n'));
exitAfterSynth(runSynthCli(() => {
  if (broken) throw new Error('this fleet is broken on purpose');
  // One app in each of the twelve clusters: how the process ends does not depend on how many apps it wrote.
  return benchFleet(12);
}, { outdir, argv: [] }));
`;

const entry = bundle('test-synth-exit', ENTRY);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-exit-'));
// Without validation results, which the first test sees the run store.
const cache = validatorCacheIn(path.join(root, 'cache'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function run(outdir: string, broken: boolean) {
  return spawnSync(process.execPath, [entry, outdir, ...(broken ? ['broken'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, HOMELAB_SYNTH_THREADS: '0', HOMELAB_SCHEMA_CACHE: cache },
  });
}

test('a synth that wrote ends at once with status 0, its summary printed and its validation results stored', () => {
  const child = run(path.join(root, 'dist'), false);
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  expect(child.stdout).toMatch(/^synth ok: \d+ files, \d+ objects/m);
  if (process.platform === 'linux') {
    // Node writes to pipes synchronously on Linux, so nothing was left unwritten and the process exited at
    // once (once the lab's promises had settled), without the teardown.
    expect(child.stdout).not.toContain('ended by teardown');
  }
  // Either way the results were stored before it ended.
  expect(fs.readdirSync(cache).some((name) => /^valid-v\d+\.bin$/.test(name))).toBe(true);
});

test('a synth that failed ends with status 1 and its findings printed', () => {
  const outdir = path.join(root, 'failed');
  const child = run(outdir, true);
  expect(child.status).toBe(1);
  expect(child.stderr).toContain('this fleet is broken on purpose');
  expect(child.stderr).toMatch(/synth failed: 1 error\(s\)/);
  expect(fs.existsSync(outdir)).toBe(false);
});

test('TypeScript that does not compile ends with status 1, esbuild\'s located error and a summary, and no stack trace', () => {
  const child = spawnSync(process.execPath, ['-e', "require('./scripts/bundle').bundle('test-broken-entry', 'export const hosts = [nuc,, ;')"], {
    cwd: path.resolve(__dirname, '../..'), encoding: 'utf8',
  });
  expect(child.status).toBe(1);
  expect(child.stderr).toContain('test-broken-entry-entry.ts:1:');
  expect(child.stderr).toMatch(/The TypeScript did not compile: 1 error above/);
  expect(child.stderr).not.toMatch(/\n\s+at /);
});

test('a build folder that cannot be written (.build is a file) ends with status 1, one line that says so and no stack trace', () => {
  // A copy of the bundler in a project of its own, as bundle() writes beside the scripts folder it lives in.
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-build-folder-'));
  try {
    const repository = path.resolve(__dirname, '../..');
    fs.mkdirSync(path.join(project, 'scripts'));
    fs.copyFileSync(path.join(repository, 'scripts', 'bundle.js'), path.join(project, 'scripts', 'bundle.js'));
    fs.symlinkSync(path.join(repository, 'node_modules'), path.join(project, 'node_modules'));
    fs.writeFileSync(path.join(project, '.build'), 'not a folder');
    const child = spawnSync(process.execPath, ['-e', "require('./scripts/bundle').bundle('entry', 'export const x = 1;')"], { cwd: project, encoding: 'utf8' });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/^Cannot write the bundle to .*\.build: ENOTDIR/);
    expect(child.stderr).toContain('rm -rf .build');
    expect(child.stderr).not.toMatch(/\n\s+at /);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

/**
 * Runs the entry with its stdout and stderr on one pipe that this side closes at once, as `npm run synth 2>&1 |
 * head -1` does once head has its line; the exit status, or 'hung' when it had not ended after 20 s.
 */
function runWithClosedOutput(outdir: string, broken: boolean): Promise<number | 'hung'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, outdir, ...(broken ? ['broken'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOMELAB_SYNTH_THREADS: '0', HOMELAB_SCHEMA_CACHE: cache },
    });
    child.stdout.destroy();
    child.stderr.destroy();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('hung');
    }, 20_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve(status ?? 'hung');
    });
  });
}

test('a synth whose reader went away (npm run synth 2>&1 | head) ends with its own status, its output written', async () => {
  const outdir = path.join(root, 'closed-output');
  // Before, the write error was reported to the same closed pipe, failed again, and the process never ended.
  await expect(runWithClosedOutput(outdir, false)).resolves.toBe(0);
  expect(fs.readdirSync(outdir).length).toBeGreaterThan(0);
  await expect(runWithClosedOutput(path.join(root, 'closed-output-failed'), true)).resolves.toBe(1);
  expect(fs.existsSync(path.join(root, 'closed-output-failed'))).toBe(false);
}, 60_000);
