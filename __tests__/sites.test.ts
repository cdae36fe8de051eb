import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { load } from 'js-yaml';
import { readTree, REPO_ROOT, sitesInMemory, synthInMemory } from './support/synth';
import { kustomizeBuild } from './support/kustomize';

const fresh = sitesInMemory();

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
      // A SOPS file's `lastmodified` is part of its MAC, fixed when the file was encrypted, not at synth.
      const ownContent = content.replace(/^ {2}lastmodified: '[^'\n]*'$/gm, '').replace(/^sops_lastmodified=.*$/gm, '');
      expect({ file, timestamp: /creationTimestamp|\d{4}-\d\d-\d\dT\d\d:\d\d/.test(ownContent) }).toEqual({ file, timestamp: false });
    }
  });

  test('each folder of a cluster (root and layers) has a kustomization listing exactly its files', () => {
    for (const cluster of fresh.clusters) {
      for (const folder of folderLayers(cluster.folder).map((layer) => `${cluster.folder}/${layer}`)) {
        const listed = fresh.files.get(`${folder}kustomization.yaml`)!;
        expect(listed).toBeDefined();
        // Files an engine writes beside the objects (a CI job file, Helm values: `.yml`) are not resources.
        const files = [...fresh.files.keys()].filter((f) => f.startsWith(folder) && f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'))
          .map((f) => f.slice(folder.length)).filter((f) => !f.includes('/')).sort();
        // A Secret generated from a file is no resource: its entry names the file under secretGenerator.
        const resources = ((load(listed) as { resources?: string[] }).resources ?? []).slice().sort();
        // Without sync objects at the root (an engine that applies from outside the cluster), the root lists the layers.
        const expected = folder === `${cluster.folder}/` && files.length === 0 && folderLayers(cluster.folder).length > 1 ? ['apps', 'config', 'platform'] : files;
        expect({ folder, resources }).toEqual({ folder, resources: expected });
      }
    }
  });
});

/**
 * The kustomization folders of a cluster: the root and `platform/`, `config/`, `apps/`, or only the root
 * for an engine that names its files flat in apply order (K3s' auto-deploy folder).
 */
function folderLayers(folder: string): string[] {
  return ['', 'platform/', 'config/', 'apps/'].filter((layer) => layer === '' || fresh.files.has(`${folder}/${layer}kustomization.yaml`));
}

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

  // Each layer folder builds on its own (the engine applies it alone); together with the root they hold every object.
  for (const cluster of fresh.clusters) {
    test(`builds ${cluster.folder} and each of its layer folders`, () => {
      let total = 0;
      const flat = folderLayers(cluster.folder).length === 1;
      // Without sync objects the root lists the layer folders, so it builds every object at once.
      const rootBuildsAll = !flat && !cluster.objects.some((o) => o.layer === 'sync');
      for (const layer of folderLayers(cluster.folder).map((l) => l.replace(/\/$/, ''))) {
        const out = kustomizeBuild(path.join(dir, cluster.folder, layer));
        const count = out.split('\n').filter((l) => l.startsWith('kind: ')).length;
        const all = flat || (rootBuildsAll && layer === '');
        // An object in a folder of its own inside the layer's is applied by the engine, not by the layer.
        const expected = all ? cluster.objects.length
          : cluster.objects.filter((o) => (o.layer === 'sync' ? '' : o.layer ?? 'apps') === layer && !o.file.includes('/')).length;
        expect({ layer, count }).toEqual({ layer, count: expected });
        total += rootBuildsAll && layer === '' ? 0 : count;
      }
      const ownFolders = new Set(cluster.objects.filter((o) => o.file.includes('/')).map((o) => `${o.layer}/${o.file.slice(0, o.file.lastIndexOf('/'))}`));
      for (const folder of ownFolders) {
        const out = kustomizeBuild(path.join(dir, cluster.folder, folder));
        const count = out.split('\n').filter((l) => l.startsWith('kind: ')).length;
        expect({ folder, count }).toEqual({ folder, count: cluster.objects.filter((o) => `${o.layer}/${o.file}`.startsWith(`${folder}/`)).length });
        total += count;
      }
      expect(total).toBe(cluster.objects.length);
    });
  }
});
