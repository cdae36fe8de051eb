import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Include } from 'cdk8s';
import { synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';

// `kubectl get … -o yaml` writes the objects it prints as one `kind: List`, whose items kubectl apply
// and kustomize apply one by one: an Include of such a file adds the items, not the List.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-include-list-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const configMap = (name: string) => `  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: ${name}
      namespace: web
    data:
      greeting: hello
`;

test('an Include of a v1 List adds its items, each checked as an object of its own', () => {
  const file = path.join(root, 'exported.yaml');
  fs.writeFileSync(file, `apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: ""\nitems:\n${configMap('a')}${configMap('b')}`);
  const app = new CdkApp();
  const cluster = labCluster(app);
  cluster.namespaces.ensure('web');
  new Include(cluster, 'exported', { url: file });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  const kinds = result.clusters[0].objects.map((o) => o.manifest as any).filter((m) => m.metadata?.namespace === 'web').map((m) => `${m.kind} ${m.metadata.name}`);
  expect(kinds).toEqual(['ConfigMap a', 'ConfigMap b']);
});
