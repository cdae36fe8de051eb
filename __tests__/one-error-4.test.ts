import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Include } from 'cdk8s';
import { App, AppVolume, ClusterChart, host, site, traefik } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// One mistake, one error, on the App and the prop the user wrote, not on the object it rendered.

/** The errors after `build`, as `[layer] path field: message (hint)`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded(build)(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath}${f.kind ? ` ${f.kind}` : ''} ${f.field}: ${f.message} (${f.hint ?? ''})`);
}

const web = (cluster: ClusterChart, props: Record<string, unknown> = {}) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);

describe('a finding on what an App rendered names the App and its prop', () => {
  test('two clusters of the site whose apps claim one route host', () => {
    const errors = errorsOf((app) => {
      const nodes = ['one', 'two'].map((name, i) => host(`route-${name}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.9.5.${i + 1}` }));
      const both = site('routes2', { domain: 'routes2.test', hosts: nodes, git: { url: 'https://git.example/lab.git' } });
      nodes.forEach((node, i) => web(labCluster(app, ['main', 'edge'][i], { site: both, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} }), { route: { host: 'web' } }));
    });
    expect(errors).toEqual([expect.stringMatching(/^\[inventory\] edge\/web route\.host: web\.routes2\.test is served already by cluster routes2\/main \(route of main\/web\)/)]);
  });

  test('a UDP-only app without a readiness probe', () => {
    const errors = errorsOf((app) => { web(labCluster(app), { ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }] }); });
    expect(errors).toEqual([expect.stringMatching(/^\[policy\] main\/web probes\.readiness: .*no readiness probe \(.*UDP only.*probes: \{ readiness: \{ command/)]);
  });

  test('an App that mounts a ConfigMap that does not exist', () => {
    const errors = errorsOf((app) => { web(labCluster(app), { persistence: { conf: { volume: AppVolume.configMap('web-conf'), mountPath: '/etc/web' } } }); });
    expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/web persistence\.conf\.volume: ConfigMap "web-conf" does not exist/)]);
  });

  test('an App whose env reads a ConfigMap that does not exist', () => {
    const errors = errorsOf((app) => { web(labCluster(app), { env: { MODE: { configMapName: 'web-conf', key: 'mode' } } }); });
    expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/web env\.MODE: ConfigMap "web-conf" does not exist/)]);
  });
});

describe('an Include of a file that holds a Namespace', () => {
  test("is one error that names the namespace, cluster.namespaces.ensure('<name>') and the file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-include-')), 'vendor.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vendor\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: vendor\ndata:\n  mode: fast\n');
    const errors = errorsOf((app) => { new Include(labCluster(app), 'vendor', { url: file }); });
    expect(errors).toEqual([expect.stringMatching(/^\[.*\] main\/vendor.*Namespace.*\(.*cluster\.namespaces\.ensure\('vendor'\).*(file|document)/)]);
  });
});
