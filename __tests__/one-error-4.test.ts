import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Include } from 'cdk8s';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// One mistake, one error, on the construct and the prop the user wrote, with a hint they can act on.

/** The errors after `build`, as `[layer] path field: message (hint)`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded(build)(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath}${f.kind ? ` ${f.kind}` : ''} ${f.field}: ${f.message} (${f.hint ?? ''})`);
}

describe('an Include of a file that holds a Namespace', () => {
  test("is one error that names the namespace, cluster.namespaces.ensure('<name>') and the file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-include-')), 'vendor.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vendor\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: vendor\ndata:\n  mode: fast\n');
    const errors = errorsOf((app) => { new Include(labCluster(app), 'vendor', { url: file }); });
    expect(errors).toEqual([expect.stringMatching(/^\[.*\] main\/vendor.*Namespace.*\(.*cluster\.namespaces\.ensure\('vendor'\).*(file|document)/)]);
  });
});
