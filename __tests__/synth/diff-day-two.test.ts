import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppVolume, runDiffCli, synthesize } from '../../constructs';
import { labCluster } from '../bad-input/lab';

// `npm run diff` prints the day-2 warnings that synth gives, computed against the output it compares
// with (dist/ at the ref), not against whatever the working tree holds.

function define(options: { claim?: boolean; app?: boolean }) {
  return (scope: Construct) => {
    const chart = labCluster(scope as CdkApp);
    if (options.app ?? true) {
      new App(chart, 'web', {
        namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        ...(options.claim ? { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } } } : {}),
      });
    }
  };
}

function synthInto(dir: string, build: (scope: Construct) => void): void {
  const app = new CdkApp({ outdir: path.join(dir, 'dist') });
  build(app);
  const result = synthesize(app, { outdir: path.join(dir, 'dist') });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-diff-day-two-'));
  synthInto(dir, define({ claim: true }));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-qm', 'dist');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function diff(now: (scope: Construct) => void): string[] {
  const lines: string[] = [];
  runDiffCli(now, { cwd: dir, log: (l) => lines.push(l) });
  return lines;
}

test('an app that leaves with its claim: the diff prints the claim and namespace warnings synth gives', () => {
  const lines = diff(define({ app: false })).join('\n');
  expect(lines).toMatch(/^ {2}day-2: 2 warning\(s\) for the next apply$/m);
  expect(lines).toMatch(/^ {4}WARNING \[policy\] main PersistentVolumeClaim web\/web-data \(removed\): the claim web\/web-data left the output/m);
  expect(lines).toMatch(/^ {4}WARNING \[policy\] main Namespace web \(removed\)/m);
  expect(lines).toMatch(/^ {10}hint: .*kubectl -n web delete persistentvolumeclaim web-data/m);
});

test('a refused change is warned about against the committed output, even when the working tree already holds the new one', () => {
  // The working tree already holds the output without the claim; HEAD holds the claim.
  synthInto(dir, define({}));
  const lines = diff(define({})).join('\n');
  expect(lines).toContain('  - PersistentVolumeClaim web/web-data');
  expect(lines).toMatch(/day-2: \d+ warning\(s\)/);
  expect(lines).toContain('PersistentVolumeClaim web/web-data (removed)');
});

test('no difference: no day-2 lines', () => {
  execFileSync('git', ['checkout', '-q', '--', 'dist'], { cwd: dir });
  expect(diff(define({ claim: true }))).toEqual(['no differences against dist/ at HEAD']);
});
