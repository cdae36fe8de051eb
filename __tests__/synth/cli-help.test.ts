import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { runSynthCli, runValidateCli } from '../../constructs';
import { helpLines } from '../../constructs/synth/cli-args';
import { runDiffCli } from '../../constructs/synth/diff';
import { labCluster } from '../bad-input/lab';

// `--help` and `-h`, as most tools take them: what the command does and what it reads, exit 0, nothing
// built or written.

let outdir: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);
let built = 0;
const define = (scope: unknown) => {
  built++;
  labCluster(scope as App);
};

beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-cli-help-'));
  fs.writeFileSync(path.join(outdir, 'keep.yaml'), 'kept: true\n');
  lines.length = 0;
  built = 0;
});
afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

test.each([['--help'], ['-h'], ['--quiet', '--help'], ['--bogus', '-h']])('synth %j prints what it does and each flag, exit 0, nothing built or written', (...argv) => {
  expect(runSynthCli(define, { outdir, argv, log })).toBe(0);
  const text = lines.join('\n');
  expect(text).toMatch(/^Builds every cluster of the fleet/);
  expect(text).toMatch(/usage: npm run synth -- \[--quiet\] \[--json\] \[--full\]/);
  expect(text).toMatch(/^ {2}--quiet {2}print only errors and the status line, which counts the warnings$/m);
  expect(text).toMatch(/^ {2}--full {3}build and validate every cluster/m);
  expect(built).toBe(0);
  expect(fs.readdirSync(outdir)).toEqual(['keep.yaml']);
});

test('diff --help names its value options with their values, exit 0', () => {
  expect(runDiffCli(define, { outdir, argv: ['--help'], log })).toBe(0);
  expect(lines.join('\n')).toMatch(/^ {2}--against <git-ref> {9}the commit, branch or tag/m);
  expect(lines.join('\n')).toMatch(/^ {2}--cluster <site>\/<cluster> {2}compare one cluster only$/m);
  expect(built).toBe(0);
});

test('validate -h says it takes no arguments, exit 0', () => {
  expect(runValidateCli(define, { outdir, argv: ['-h'], log })).toBe(0);
  expect(lines).toEqual([expect.stringMatching(/^Reads the output folder/), 'usage: npm run validate (it takes no arguments)']);
  expect(built).toBe(0);
});

test('an option without an explanation is listed alone', () => {
  expect(helpLines({ command: 'tool', summary: 'Does it.', flags: ['--x'] })).toEqual(['Does it.', 'usage: tool [--x]', '  --x']);
});
