import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp, Include, JsonPatch } from 'cdk8s';
import { App, ClusterChart } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-escape-hatches.ts) cannot say: that a mistake made through an escape
// hatch is one error, and that the hatch used rightly passes.

/** The errors of the lab cluster after `build`, as `[layer] path field: message`. */
function errorsOf(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

const web = (cluster: ClusterChart, props: Record<string, unknown> = {}) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
const PRIVILEGED = JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true);

test('a JSON patch making an App container privileged without the exemption is one error, the missing exemption', () => {
  expect(errorsOf((c) => web(c).deployment.addJsonPatch(PRIVILEGED))).toEqual([
    expect.stringMatching(/^\[policy\] main\/web\/deployment spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: runs privileged/),
  ]);
});

test('the same patch beside the typed privileged exemption passes', () => {
  expect(errorsOf((c) => web(c, { exemptions: { privileged: 'drives the host GPU directly' } }).deployment.addJsonPatch(PRIVILEGED))).toEqual([]);
});

test('JSON patches that add a field, append to an array and replace an existing field pass', () => {
  expect(errorsOf((c) => web(c).deployment.addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/env', [{ name: 'TZ', value: 'UTC' }]),
    JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'LANG', value: 'C' }),
    JsonPatch.replace('/spec/replicas', 2),
    JsonPatch.add('/metadata/labels/tier', 'front'),
  ))).toEqual([]);
});

test('an Include of a valid manifest file passes', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-include-')), 'settings.yaml');
  fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: web\ndata:\n  level: info\n');
  expect(errorsOf((c) => {
    c.namespaces.ensure('web');
    new Include(c, 'vendor', { url: file });
  })).toEqual([]);
});

test('a hand-written NodePort Service passes with the nodePort exemption on itself or on the pods it selects', () => {
  const service = (name: string, annotations?: Record<string, string>) => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'web', annotations },
    spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] },
  });
  expect(errorsOf((c) => {
    web(c);
    new ApiObject(c, 'tv', service('tv', { 'security.homelab.dev/node-port': 'the TV app has no ingress client' }));
  })).toEqual([]);
  expect(errorsOf((c) => {
    web(c, { ports: [{ name: 'http', port: 8080, nodePort: 30181 }], exemptions: { nodePort: 'the TV app has no ingress client' } });
    new ApiObject(c, 'tv', service('tv'));
  })).toEqual([]);
});

test("a JSON patch mounting the token of an App's pods passes beside its serviceAccount option", () => {
  expect(errorsOf((c) => web(c, { serviceAccount: { reason: 'reads the pods it shows', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } })
    .deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/automountServiceAccountToken', true)))).toEqual([]);
});
