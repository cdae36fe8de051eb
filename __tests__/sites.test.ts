import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTree, REPO_ROOT, synthInMemory } from './support/synth';

const fresh = synthInMemory();

describe('every site', () => {
  test('synthesizes with no error', () => {
    expect(fresh.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the committed dist/ equals a fresh synth, with no stale files', () => {
    const committed = readTree(path.join(REPO_ROOT, 'dist'));
    expect([...committed.keys()].sort()).toEqual([...fresh.files.keys()].sort());
    for (const [file, content] of fresh.files) {
      expect({ file, content: committed.get(file) }).toEqual({ file, content });
    }
  });

  test('is deterministic: a second synth gives the same bytes', () => {
    const again = synthInMemory();
    expect([...again.files.entries()]).toEqual([...fresh.files.entries()]);
  });

  test('files use LF endings and carry no timestamps', () => {
    for (const [file, content] of fresh.files) {
      expect({ file, crlf: content.includes('\r') }).toEqual({ file, crlf: false });
      expect({ file, timestamp: /creationTimestamp|\d{4}-\d\d-\d\dT\d\d:\d\d/.test(content) }).toEqual({ file, timestamp: false });
    }
  });

  test('each cluster folder has a kustomization listing exactly its files', () => {
    for (const cluster of fresh.clusters) {
      const prefix = `${cluster.folder}/`;
      const listed = fresh.files.get(`${prefix}kustomization.yaml`)!;
      const files = [...fresh.files.keys()].filter((f) => f.startsWith(prefix) && !f.endsWith('kustomization.yaml') && !f.endsWith('README.md'))
        .map((f) => f.slice(prefix.length)).sort();
      const resources = listed.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4)).sort();
      expect(resources).toEqual(files);
    }
  });
});

describe('snapshots', () => {
  for (const cluster of fresh.clusters) {
    test(cluster.folder, () => {
      const files = Object.fromEntries([...fresh.files.entries()].filter(([f]) => f.startsWith(`${cluster.folder}/`)));
      expect(files).toMatchSnapshot();
    });
  }
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl) {
  // eslint-disable-next-line no-console
  console.log('skipping kubectl kustomize checks: kubectl is not on PATH');
}

(hasKubectl ? describe : describe.skip)('kubectl kustomize', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-kustomize-'));
  for (const [file, content] of fresh.files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const cluster of fresh.clusters) {
    test(`builds ${cluster.folder}`, () => {
      const out = execFileSync('kubectl', ['kustomize', path.join(dir, cluster.folder)], { encoding: 'utf8' });
      const count = out.split('\n').filter((l) => l.startsWith('kind: ')).length;
      expect(count).toBe(cluster.objects.length);
    });
  }
});
