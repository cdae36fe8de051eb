import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// cdk8s reads an Include's manifest in a child process that prints its own stack trace to synth's output
// when the file is missing or the address cannot be downloaded. The finding says what went wrong; the
// output holds nothing else. The entry runs in a child process, so that what it prints can be read.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../scripts/bundle') as { bundle: (name: string, source: string) => string };

const ENTRY = `
import { Include } from 'cdk8s';
import { runSynthCli } from './constructs/synth/cli';
import { labCluster } from './__tests__/bad-input/lab';

// argv: <outdir> <url of the manifest>
const [outdir, url] = process.argv.slice(2);
process.exitCode = runSynthCli((scope) => {
  const cluster = labCluster(scope as never, 'main', {});
  new Include(cluster, 'vendor', { url });
}, { outdir, argv: [] });
`;

const entry = bundle('test-include-output', ENTRY);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-include-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function synthWith(url: string): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, [entry, path.join(root, 'dist'), url], {
    encoding: 'utf8', cwd: root, env: { ...process.env, HOMELAB_SYNTH_THREADS: '0' },
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

test.each([
  ['a file that does not exist', 'manifests/missing.yaml', /vendor url: the manifest file manifests\/missing\.yaml does not exist/],
  ['a folder', '.', /vendor url: \. is a folder, not a manifest file/],
  ['an address that cannot be downloaded', 'https://manifests.invalid/app.yaml', /vendor url: the manifest at https:\/\/manifests\.invalid\/app\.yaml could not be downloaded/],
])('an Include of %s is one finding, and the output holds no stack trace', (_what, url, finding) => {
  const { status, output } = synthWith(url);
  expect(status).toBe(1);
  expect(output).toMatch(finding);
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toMatch(/Node\.js v\d+/);
}, 30_000);
