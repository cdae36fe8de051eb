import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, ClusterChart, fieldChanges, flux, host, runDiffCli, site, synthesize, traefik } from '../../constructs';

const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.1' });
const lab = site('lab', { domain: 'lab.example', hosts: [node], git: { url: 'https://git.example/lab.git' } });

function define(image: string, extraApp = false) {
  return (scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', { site: lab, hosts: [node], routes: traefik({ nodePorts: true }), gitops: flux() });
    new App(chart, 'whoami', { image, args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }] });
    if (extraApp) {
      new App(chart, 'echo', { image: 'ealen/echo-server:0.9.2', ports: [{ name: 'http', port: 8080 }] });
    }
  };
}

/** A temporary Git repository whose HEAD holds dist/ synthesized from `committed`. */
function repoWith(committed: (scope: Construct) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-diff-'));
  const app = new CdkApp({ outdir: path.join(dir, 'dist') });
  committed(app);
  const result = synthesize(app, { outdir: path.join(dir, 'dist') });
  if (!result.written) {
    throw new Error(`test lab does not synthesize: ${JSON.stringify(result.findings.filter((f) => f.severity === 'error'))}`);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-qm', 'dist');
  return dir;
}

function diff(dir: string, now: (scope: Construct) => void, argv: string[] = []) {
  const lines: string[] = [];
  const status = runDiffCli(now, { cwd: dir, argv, log: (l) => lines.push(l) });
  return { status, lines };
}

describe('npm run diff', () => {
  let dir: string;
  beforeAll(() => {
    dir = repoWith(define('traefik/whoami:v1.10.3'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('no change: exit 0', () => {
    const { status, lines } = diff(dir, define('traefik/whoami:v1.10.3'));
    expect(lines).toEqual(['no differences against dist/ at HEAD']);
    expect(status).toBe(0);
  });

  test('a one-line change prints exactly that field and exits 1', () => {
    const { status, lines } = diff(dir, define('traefik/whoami:v1.11.0'));
    expect(status).toBe(1);
    expect(lines).toEqual([
      'lab/main: 0 added, 0 removed, 1 changed',
      '  ~ Deployment.apps whoami/whoami (lab/main/apps/whoami.yaml)',
      '      spec.template.spec.containers[0].image: traefik/whoami:v1.10.3 → traefik/whoami:v1.11.0',
    ]);
  });

  test('added objects and files are listed; --cluster filters; an unknown ref fails', () => {
    const added = diff(dir, define('traefik/whoami:v1.10.3', true));
    expect(added.status).toBe(1);
    expect(added.lines[0]).toMatch(/^lab\/main: \d+ added, 0 removed, \d+ changed$/);
    expect(added.lines).toContain('  + Deployment.apps echo/echo (lab/main/apps/echo.yaml)');
    expect(diff(dir, define('traefik/whoami:v1.11.0'), ['--cluster', 'other/main']).lines).toEqual(['diff failed: no cluster other/main; --cluster takes one of lab/main']);
    expect(diff(dir, define('traefik/whoami:v1.10.3'), ['--against', 'no-such-ref']).status).toBe(1);
  });

  test('after a commit the diff is against the new HEAD, or an older ref with --against', () => {
    const repo = repoWith(define('traefik/whoami:v1.10.3'));
    try {
      const app = new CdkApp({ outdir: path.join(repo, 'dist') });
      define('traefik/whoami:v1.11.0')(app);
      synthesize(app, { outdir: path.join(repo, 'dist') });
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qam', 'bump'], { cwd: repo });
      expect(diff(repo, define('traefik/whoami:v1.11.0')).status).toBe(0);
      expect(diff(repo, define('traefik/whoami:v1.11.0'), ['--against', 'HEAD~1']).lines[2]).toContain('v1.10.3 → traefik/whoami:v1.11.0');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('secret values never print in plain text', () => {
  const plain = (changes: ReturnType<typeof fieldChanges>) => changes.map((c) => `${c.path}: ${c.before ?? '(absent)'} → ${c.after ?? '(absent)'}`).join('\n');

  test('Secret data and stringData', () => {
    const out = plain(fieldChanges(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'b2xk' }, stringData: { pw: 'hunter2' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'bmV3' }, stringData: { pw: 'correct-horse' } },
    ));
    expect(out).not.toMatch(/b2xk|bmV3|hunter2|correct-horse/);
    expect(out).toMatch(/^data\.token: <secret sha256:[0-9a-f]{12}, 4 chars> → <secret sha256:[0-9a-f]{12}, 4 chars>$/m);
  });

  test('SOPS ciphertext, SealedSecret encryptedData, env values under secret-looking names, a whole new subtree', () => {
    const out = plain(fieldChanges(
      {
        kind: 'SealedSecret', spec: { encryptedData: { key: 'AgB1' } },
        env: [{ name: 'DB_PASSWORD', value: 'old-pass' }, { name: 'TZ', value: 'UTC' }],
        sops: { enc: 'ENC[AES256_GCM,data:abc]' },
      },
      {
        kind: 'SealedSecret', spec: { encryptedData: { key: 'AgB2' } },
        env: [{ name: 'DB_PASSWORD', value: 'new-pass' }, { name: 'TZ', value: 'Europe/Oslo' }],
        sops: { enc: 'ENC[AES256_GCM,data:def]' },
        values: { admin: { password: 'p4ss' } },
      },
    ));
    expect(out).not.toMatch(/AgB1|AgB2|old-pass|new-pass|abc\]|def\]|p4ss/);
    expect(out).toContain('env[1].value: UTC → Europe/Oslo');
    expect(out).toMatch(/^values: \(absent\) → <secret sha256:/m);
  });
});
