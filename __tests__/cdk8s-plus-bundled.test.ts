import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// A bundle of a lab carries cdk8s and leaves cdk8s-plus-30 to node_modules, which loads cdk8s of its own:
// the Lazy values of cdk8s-plus' L2 constructs belong to that other copy. Synth resolves them as it
// resolves its own, so a Deployment written with cdk8s-plus synthesizes as it does unbundled.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../scripts/bundle') as { bundle: (name: string, source: string) => string };

const ENTRY = `
import * as kplus from 'cdk8s-plus-30';
import { runSynthCli } from './constructs/synth/cli';
import { labCluster } from './__tests__/bad-input/lab';

process.exitCode = runSynthCli((scope) => {
  const cluster = labCluster(scope as never, 'main', {});
  cluster.namespaces.ensure('web');
  new kplus.Deployment(cluster, 'hello', {
    metadata: { namespace: 'web' },
    containers: [{ image: 'nginxinc/nginx-unprivileged:1.27.0', portNumber: 8080 }],
  });
}, { outdir: process.argv[2], argv: ['--quiet'] });
`;

const entry = bundle('test-cdk8s-plus-bundled', ENTRY);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-kplus-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test("a bundled lab's cdk8s-plus Deployment is synthesized, its lazy values resolved", () => {
  const child = spawnSync(process.execPath, [entry, path.join(root, 'dist')], {
    encoding: 'utf8', cwd: path.resolve(__dirname, '..'), env: { ...process.env, HOMELAB_SYNTH_THREADS: '0' },
  });
  const output = `${child.stdout}${child.stderr}`;
  expect(output).not.toMatch(/non-simple object|Lazy/);
  const findings = output.split('\n').filter((line) => line.startsWith('ERROR'));
  // cdk8s-plus' own defaults leave out what the policy asks of every container (a seccomp profile, all
  // capabilities dropped): those are the findings, each on the rendered Deployment.
  expect(findings.length).toBeGreaterThan(0);
  expect(findings.filter((line) => !/^ERROR \[policy\] main\/hello\/Resource Deployment web\/main-hello spec\.template\.spec\.containers\[0\]\.securityContext\./.test(line))).toEqual([]);
}, 60_000);
