import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { runSynthCli } from '../../constructs';
import { labCluster } from '../bad-input/lab';

// `--json` promises one JSON document for CI: a run that fails before anything is synthesized (a usage
// error, an error thrown while the sites are built) answers with one too, not with text.

describe('synth --json that fails before synthesis', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-json-failures-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test.each([
    ['an unknown option', ['--json', '--bogus'], (scope: unknown) => labCluster(scope as App), '--bogus'],
    ['--quiet beside it', ['--json', '--quiet'], (scope: unknown) => labCluster(scope as App), '--quiet --json'],
    ['a value given to it', ['--json=true'], (scope: unknown) => labCluster(scope as App), '--json'],
    ['an error thrown while the sites are built', ['--json'], (scope: unknown) => {
      labCluster(scope as App);
      throw new Error('a typo in the sites');
    }, undefined],
  ])('%s: one JSON document with the findings, exit 1', (_name, argv, define, field) => {
    const lines: string[] = [];
    expect(runSynthCli(define, { outdir, argv, log: (line) => lines.push(line) })).toBe(1);
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]);
    expect(report).toMatchObject({ ok: false, outdir, files: 0, clusters: [] });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings[0].severity).toBe('error');
    if (field !== undefined) {
      expect(report.findings.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});
