import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAll } from 'js-yaml';
import { kustomizeBuild } from './support/kustomize';
import { filesOnlyBuild } from './support/kustomize-files';

// The correct labs' folders that list only files of their own are built in process (kustomize-files.ts): here the
// in-process build must print what kubectl prints for every such folder of the committed output.

const dist = path.join(__dirname, '..', 'dist');

/** The folders under `dir` that hold a kustomization.yaml. */
function kustomizationFolders(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return kustomizationFolders(child);
    }
    return entry.name === 'kustomization.yaml' ? [dir] : [];
  });
}

const folders = kustomizationFolders(dist).filter((folder) => filesOnlyBuild(folder) !== undefined);

test('the sites have folders that list only files of their own', () => {
  expect(folders.length).toBeGreaterThan(15);
});

test.each(folders.map((folder) => [path.relative(dist, folder), folder]))('%s is built in process as kubectl builds it', (_name, folder) => {
  expect(filesOnlyBuild(folder)).toEqual((loadAll(kustomizeBuild(folder)) as unknown[]).filter((m) => m !== null));
});

describe('folders left to kubectl', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (files: Record<string, string>) => Object.entries(files).forEach(([name, text]) => fs.writeFileSync(path.join(dir, name), text));
  const kustomization = (extra = '') => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - a.yaml\n${extra}`;
  const configMap = (namespace?: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n${namespace ? `  namespace: ${namespace}\n` : ''}`;

  test('a folder with a generator', () => {
    write({ 'kustomization.yaml': kustomization('secretGenerator:\n  - name: s\n    literals: [a=b]\n'), 'a.yaml': configMap() });
    expect(filesOnlyBuild(dir)).toBeUndefined();
  });

  test('two objects of one identity, one of them in the default namespace', () => {
    write({ 'kustomization.yaml': kustomization(), 'a.yaml': `${configMap()}---\n${configMap('default')}` });
    expect(filesOnlyBuild(dir)).toBeUndefined();
  });

  test('a document without a name', () => {
    write({ 'kustomization.yaml': kustomization(), 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n' });
    expect(filesOnlyBuild(dir)).toBeUndefined();
  });

  test('objects ordered by kind, group and identity, with their keys sorted', () => {
    write({
      'kustomization.yaml': kustomization(),
      'a.yaml': [
        'kind: Deployment\napiVersion: apps/v1\nmetadata: {name: b, namespace: x}',
        'apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}',
        'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: x}',
        'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: a, namespace: x}',
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}',
      ].join('\n---\n'),
    });
    expect(filesOnlyBuild(dir)?.map((o) => `${o.apiVersion} ${o.kind} ${Object.keys(o).join(',')}`)).toEqual([
      'v1 Namespace apiVersion,kind,metadata',
      'serving.knative.dev/v1 Service apiVersion,kind,metadata',
      'v1 Service apiVersion,kind,metadata',
      'apps/v1 Deployment apiVersion,kind,metadata',
      'example.dev/v1 Widget apiVersion,kind,metadata',
    ]);
  });
});
