import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { runSynthCli } from '../../constructs';
import type { SynthCliOptions } from '../../constructs';
import { labCluster } from '../bad-input/lab';

// runSynthCli's flags as an entry script written in plain JavaScript hands them: a misspelt switch would be
// ignored, and the run would print what the owner asked it not to.

let outdir: string;

beforeEach(() => {
  outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-cli-flags-')), 'dist');
});

afterEach(() => {
  fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
});

/** Runs the CLI on a small lab with `flags`; returns its status and what it printed. */
function runWithFlags(flags: Record<string, unknown>): { status: number; printed: string } {
  const lines: string[] = [];
  const status = runSynthCli((scope) => labCluster(scope as CdkApp), { outdir, argv: [], flags, log: (line: string) => lines.push(line) } as SynthCliOptions);
  return { status, printed: lines.join('\n') };
}

test.each([
  ['a misspelt switch', { quite: true }, /flags\.quite: runSynthCli\(\) has no flag "quite"[^\n]*\n\s*hint: did you mean "quiet"\?/],
  ['a switch of another tool', { verbose: true }, /flags\.verbose: runSynthCli\(\) has no flag "verbose"[^\n]*\n\s*hint: its flags are quiet, json/],
])('%s is an error before anything is written', (_name, flags, expected) => {
  const { status, printed } = runWithFlags(flags);
  expect({ status, written: fs.existsSync(outdir), named: expected.test(printed) }).toEqual({ status: 1, written: false, named: true });
});

test('quiet and json at once are an error, as --quiet --json is', () => {
  const { status, printed } = runWithFlags({ quiet: true, json: true });
  expect({ status, written: fs.existsSync(outdir), named: /flags\.json/.test(printed) }).toEqual({ status: 1, written: false, named: true });
});

test('the switches as documented still run', () => {
  expect(runWithFlags({ quiet: true, json: false }).status).toBe(0);
});
