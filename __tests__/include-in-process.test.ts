import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Include } from 'cdk8s';
import { labCluster } from './bad-input/lab';

// An Include of a local file reads it in synth's own process, as cdk8s' Yaml.load reads it (YAML 1.1, as
// Kubernetes does), instead of starting a node process per file as cdk8s does.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-include-in-process-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function include(text: string): any[] {
  const file = path.join(root, `manifest-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, text);
  const app = new CdkApp();
  const included = new Include(labCluster(app), 'included', { url: file });
  return included.apiObjects.map((o) => o.toJson());
}

test('values read as YAML 1.1: an octal file mode, yes as true; empty documents left out', () => {
  const objects = include('---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: modes\ndata:\n  mode: "0644"\n---\n{}\n---\n'
    + 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: files\nspec:\n  defaultMode: 0644\n  optional: yes\n');
  expect(objects.map((o) => o.metadata.name)).toEqual(['modes', 'files']);
  expect(objects[0].data.mode).toBe('0644');
  expect(objects[1].spec).toEqual({ defaultMode: 420, optional: true });
});

test('no node process is started for a local file', () => {
  // cdk8s' own loader runs `process.execPath`: with no node there, only an in-process read can succeed.
  const execPath = process.execPath;
  process.execPath = path.join(root, 'no-such-node');
  try {
    expect(include('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n').map((o) => o.metadata.name)).toEqual(['local']);
  } finally {
    process.execPath = execPath;
  }
});
