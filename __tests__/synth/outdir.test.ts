import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { runSynthCli, synthesize } from '../../constructs';
import type { SynthCliOptions } from '../../constructs';
import { labCluster } from '../bad-input/lab';

// Synth replaces its output folder as a whole. An outdir that is, or holds, the user's project (a first
// main.ts written with outdir: '' or '.') must be refused before anything is removed.
//
// The project is two folders below a scratch root and the working folder is the project, so that even
// an outdir of '..' names a folder of the scratch root: were the check ever lost, this test deletes only
// what it made.

let root: string;
let project: string;
const started = process.cwd();

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-outdir-'));
  project = path.join(root, 'workspace', 'lab');
  fs.mkdirSync(path.join(project, '.git'), { recursive: true });
  fs.writeFileSync(path.join(project, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(project, 'package.json'), '{}\n');
  fs.writeFileSync(path.join(project, 'main.ts'), '// the lab\n');
  process.chdir(project);
});

afterEach(() => {
  process.chdir(started);
  fs.rmSync(root, { recursive: true, force: true });
});

/** Runs the CLI on a small lab with `options`; returns its status and what it printed. */
function runCli(options: Record<string, unknown>): { status: number; printed: string } {
  const lines: string[] = [];
  const cli = { flags: { quiet: true, json: false }, log: (line: string) => lines.push(line), ...options } as SynthCliOptions;
  const status = runSynthCli((scope) => labCluster(scope as CdkApp), cli);
  return { status, printed: lines.join('\n') };
}

const projectFiles = () => fs.readdirSync(project).sort();

test.each([
  ['the working folder as an empty path', '', /outdir is "", not the path of a folder/],
  ['the working folder as .', '.', /outdir "\." is the working folder/],
  ['a folder the working folder is in', '..', /outdir "\.\." is a folder the working folder is in/],
])('outdir naming %s is refused and the project keeps every file', (_, outdir, message) => {
  const { status, printed } = runCli({ outdir });
  expect(status).toBe(1);
  expect(printed).toMatch(/\(app\) outdir: /);
  expect(printed).toMatch(message);
  expect(printed).toMatch(/hint: give synth a folder of its own, e\.g\. outdir: 'dist'/);
  expect(projectFiles()).toEqual(['.git', 'main.ts', 'package.json']);
  expect(fs.readdirSync(path.join(root, 'workspace'))).toEqual(['lab']);
});

test("an outdir that holds a project's .git is refused, given by its absolute path", () => {
  process.chdir(root);
  const { status, printed } = runCli({ outdir: project });
  expect(status).toBe(1);
  expect(printed).toMatch(/outdir ".*" holds \.git, so it is a project's folder/);
  expect(fs.readFileSync(path.join(project, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
});

test('synthesize refuses such an outdir too, as the one finding on outdir', () => {
  const app = new CdkApp();
  labCluster(app);
  const result = synthesize(app, { outdir: '.' });
  expect(result.written).toBe(false);
  expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`)).toEqual(['(app) outdir']);
  expect(projectFiles()).toEqual(['.git', 'main.ts', 'package.json']);
});

test('an outdir that is no text is one finding on outdir, not a construct that failed', () => {
  const { status, printed } = runCli({ outdir: 42 });
  expect(status).toBe(1);
  expect(printed).toMatch(/\(app\) outdir: outdir is 42, not the path of a folder/);
  expect(printed).not.toMatch(/building this construct failed/);
});

test('a misspelt option is named with the one it looks like, rather than ignored', () => {
  const { status, printed } = runCli({ outDir: 'out' });
  expect(status).toBe(1);
  expect(printed).toMatch(/\(app\) outDir: runSynthCli\(\) has no option "outDir"; it would be ignored/);
  expect(printed).toMatch(/did you mean "outdir"\?/);
  expect(fs.existsSync(path.join(project, 'dist'))).toBe(false);
});

test('a folder of its own inside the project is written', () => {
  const { status } = runCli({ outdir: 'dist' });
  expect(status).toBe(0);
  expect(fs.existsSync(path.join(project, 'dist', 'lab', 'main', 'kustomization.yaml'))).toBe(true);
  expect(projectFiles()).toEqual(['.git', 'dist', 'main.ts', 'package.json']);
});

describe('an outdir that holds files synth did not write', () => {
  // Before, synth took any folder as its own: outdir: '/tmp' or a folder of photos lost every file it did not write.
  test('a folder of other files is refused, naming them, and keeps every one', () => {
    const photos = path.join(root, 'photos');
    fs.mkdirSync(path.join(photos, '2024'), { recursive: true });
    fs.writeFileSync(path.join(photos, 'notes.txt'), 'mine\n');
    fs.writeFileSync(path.join(photos, '2024', 'a.jpg'), 'jpeg\n');
    const { status, printed } = runCli({ outdir: photos });
    expect(status).toBe(1);
    expect(printed).toMatch(/\(app\) outdir: outdir ".*photos" \(.*\) holds files synth did not write \(2024\/a\.jpg, notes\.txt\); synth replaces its output folder as a whole, and would delete them/);
    expect(printed).toMatch(/hint: give synth a folder of its own .*each with a README\.md that says "Generated by synth/);
    expect(fs.readFileSync(path.join(photos, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(fs.readFileSync(path.join(photos, '2024', 'a.jpg'), 'utf8')).toBe('jpeg\n');
  });

  test('a cluster folder without the README synth writes is refused; empty folders are no files to lose', () => {
    fs.mkdirSync(path.join(project, 'dist', 'lab', 'main'), { recursive: true });
    fs.writeFileSync(path.join(project, 'dist', 'lab', 'main', 'hand-written.yaml'), 'kind: ConfigMap\n');
    expect(runCli({ outdir: 'dist' }).printed).toMatch(/holds files synth did not write \(lab\/main\/\)/);
    fs.rmSync(path.join(project, 'dist', 'lab', 'main', 'hand-written.yaml'));
    fs.mkdirSync(path.join(project, 'dist', 'old', 'gone'), { recursive: true });
    // What a desktop leaves in a folder it showed holds nothing of the user's: it goes with the stale files.
    fs.writeFileSync(path.join(project, 'dist', '.DS_Store'), 'finder\n');
    fs.writeFileSync(path.join(project, 'dist', 'old', 'gone', 'Thumbs.db'), 'explorer\n');
    expect(runCli({ outdir: 'dist' }).status).toBe(0);
    expect(fs.existsSync(path.join(project, 'dist', '.DS_Store'))).toBe(false);
  });

  test('an earlier output is replaced: a cluster folder it no longer writes goes, as its README marks it as synth\'s', () => {
    expect(runCli({ outdir: 'dist' }).status).toBe(0);
    const stale = path.join(project, 'dist', 'old-site', 'edge');
    fs.mkdirSync(stale, { recursive: true });
    fs.copyFileSync(path.join(project, 'dist', 'lab', 'main', 'README.md'), path.join(stale, 'README.md'));
    fs.writeFileSync(path.join(stale, 'README.md'), fs.readFileSync(path.join(stale, 'README.md'), 'utf8').replace('# lab/main', '# old-site/edge'));
    fs.writeFileSync(path.join(stale, 'app.yaml'), 'kind: ConfigMap\n');
    expect(runCli({ outdir: 'dist' }).status).toBe(0);
    expect(fs.existsSync(path.join(project, 'dist', 'old-site'))).toBe(false);
  });
});
