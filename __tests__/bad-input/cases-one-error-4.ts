import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Include } from 'cdk8s';
import { AppVolume, host, ServiceRoute, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// One mistake, one error, on the construct and the prop the user wrote (one-error-4.test.ts counts the errors).

/** A manifest file of its own, for an Include. */
function manifestFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-one-error-4-')), name);
  fs.writeFileSync(file, text);
  return file;
}

export const CASES: BadInput[] = [
  {
    name: 'an Include of a file that holds a Namespace',
    build: guarded((c) => new Include(c, 'vendor', { url: manifestFile('vendor.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vendor\n') })),
    layer: 'policy', path: 'vendor/vendor-namespace', field: 'metadata.labels.pod-security.kubernetes.io/enforce', hint: /cluster\.namespaces\.ensure\('vendor'\).*included file/,
  },
  {
    name: "a ServiceRoute of a second cluster at a host the site's first cluster serves",
    build: (_c, app) => {
      const nodes = ['one', 'two'].map((name, i) => host(`sr-${name}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.9.6.${i + 1}` }));
      const both = site('sr', { domain: 'sr.test', hosts: nodes, git: { url: 'https://git.sr.test/lab.git' } });
      const [one, two] = nodes.map((node, i) => labCluster(app, ['one', 'two'][i], { site: both, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} }));
      labApp('web', { namespace: 'web', route: { host: 'grafana' } })(one);
      two.namespaces.ensure('monitoring');
      new ServiceRoute(two, 'grafana-route', { name: 'grafana', host: 'grafana', namespace: 'monitoring', serviceName: 'grafana', port: 80 });
    },
    layer: 'inventory', path: 'two/grafana-route', field: 'host', hint: /one cluster of the site/,
  },
  {
    name: "an App's env read from a ConfigMap of a name misspelt, beside the ConfigMap it meant",
    build: guarded((c) => {
      raw(c, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-settings', namespace: 'web' }, data: { mode: 'fast' } });
      labApp('web', { namespace: 'web', env: { MODE: { configMapName: 'web-setings', key: 'mode' } } })(c);
    }),
    layer: 'references', path: 'web', field: 'env.MODE', hint: /did you mean "web-settings"/,
  },
  {
    name: "an App's Secret volume that nothing makes",
    build: guarded(labApp('web', { namespace: 'web', persistence: { tls: { volume: AppVolume.secret('web-tls'), mountPath: '/tls' } } })),
    layer: 'references', path: 'web', field: 'persistence.tls.volume', hint: /declareExternal/,
  },
];
