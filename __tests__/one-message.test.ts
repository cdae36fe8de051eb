import { App as CdkApp } from 'cdk8s';
import { App, AppController, ClusterChart, externalHost, host, MediaContainers, metalLb, Osquery, site, WazuhAgent } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-one-message.ts) cannot say: that each of these mistakes gives exactly
// one error, on the prop the user wrote.

/** The errors of the lab cluster after `build`, as `[layer] path field: message`. */
function errorsOf(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

const web = (props: Record<string, unknown>) => (cluster: ClusterChart) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);

/** Matches the one error expected: `layer`, construct path `path` under `main/`, field `field`. */
const oneError = (layer: string, path: string, field: string) =>
  [expect.stringMatching(new RegExp(`^\\[${layer}\\] main/${path} ${field.replace(/[.[\]]/g, '\\$&')}: `))];

test.each([
  ['a lower-case udp port protocol', { ports: [{ name: 'dns', port: 53, protocol: 'udp' }] }, 'ports[0].protocol'],
  ['an SCTP port protocol', { ports: [{ name: 'sig', port: 3868, protocol: 'SCTP' }] }, 'ports[0].protocol'],
  ['the namespace default', { namespace: 'default' }, 'namespace'],
  ['the namespace kube-public', { namespace: 'kube-public' }, 'namespace'],
  ["a sidecar's memory limit of 64m", { sidecars: [{ name: 'side', image: 'busybox:1.36', resources: { memoryLimit: '64m' } }] }, 'sidecars[0].resources.memoryLimit'],
  ['a memory limit of a number of bytes', { resources: { memoryLimit: 536870912 } }, 'resources.memoryLimit'],
  ['a port name in upper case', { ports: [{ name: 'HTTP', port: 8080 }] }, 'ports[0].name'],
  ['a port number of 0', { ports: [{ name: 'http', port: 0 }] }, 'ports[0].port'],
  ['one port name twice', { image: 'ghcr.io/acme/dns:1.0.0', ports: [{ name: 'dns', port: 53 }, { name: 'dns', port: 53, protocol: 'UDP' }] }, 'ports[1].name'],
])('%s is one error, on the prop', (_name, props, field) => {
  expect(errorsOf(web(props))).toEqual(oneError('props', 'web', field));
});

test('an app in kube-system without allowPlatformNamespace is one error, which names the way out', () => {
  expect(errorsOf(web({ namespace: 'kube-system' }))).toEqual(oneError('policy', 'web', 'namespace'));
});

test('a media container\'s memory limit of 512m is one error, on the key the user wrote', () => {
  const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
  const errors = errorsOf((cluster) => new MediaContainers(cluster, 'media', {
    settings, containers: { app: { image: 'ghcr.io/acme/app:1.2.3', listenPort: 8080, resources: { limits: { memory: '512m' } } } },
  }));
  expect(errors).toEqual(oneError('props', 'media', 'containers.app.resources.limits.memory'));
});

test('a CPU amount written .5 is a quantity Kubernetes takes', () => {
  expect(errorsOf(web({ resources: { cpuLimit: '.5' } }))).toEqual([]);
});

/** A cluster `edge` of a site `id` whose one host has `address` and whose pool `vips` is written `pool`; an app takes `take` of it. */
const siteWith = (id: string, pool: unknown, address = '10.8.0.5', take?: string) => (cluster: ClusterChart) => {
  const node = host(`${id}-node`, { arch: 'amd64', address });
  const written = site(id, { domain: `${id}.test`, hosts: [node], pools: { vips: pool as any }, git: { url: 'https://git.example/lab.git' } });
  const edge = labCluster(cluster.node.root as CdkApp, 'edge', { site: written, hosts: [node], loadBalancer: metalLb({ pools: [written.pools.vips] }), storage: {} });
  if (take !== undefined) {
    new App(edge, 'dns', { image: 'ghcr.io/acme/dns:1.0.0', namespace: 'web', ports: [{ name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }], loadBalancer: { address: written.pools.vips.at(take) } });
  }
};

test.each([
  ['a CIDR block', 'om1', '10.8.8.48/28'],
  ['a range', 'om2', '10.8.8.50-10.8.8.59'],
  ['{ cidr }', 'om3', { cidr: '10.8.8.48/28' }],
  ['a word', 'om4', 'vips'],
])('a pool written as %s is one error on the site\'s pools.vips, however many addresses are taken from it', (_name, id, pool) => {
  expect(errorsOf(siteWith(id, pool, '10.8.0.5', '10.8.8.53'))).toEqual([expect.stringMatching(new RegExp(`^\\[inventory\\] inventory/site/${id} pools\\.vips: `))]);
});

test('an address taken from a pool with /32 is one error, on the prop that uses it', () => {
  expect(errorsOf(siteWith('om5', { first: '10.8.8.50', last: '10.8.8.59' }, '10.8.0.5', '10.8.8.53/32')))
    .toEqual([expect.stringMatching(/^\[inventory\] edge\/dns loadBalancer\.address: "10\.8\.8\.53\/32" is an address with a network prefix/)]);
});

test('a Knative Service on a cluster without Knative is one error, on controller, naming Knative', () => {
  const errors = errorsOf(web({ controller: AppController.knative() }));
  expect(errors).toEqual(oneError('references', 'web', 'controller'));
  expect(errors[0]).toContain('Knative Serving is not installed');
});

test.each([
  ['WazuhAgent', 'watchedFolders[0]', (c: ClusterChart) => new WazuhAgent(c, 'agent', { manager: externalHost('wazuh-manager', { address: '10.0.9.5' }), watchedFolders: ['etc'] })],
  ['WazuhAgent', 'jsonLogs[0]', (c: ClusterChart) => new WazuhAgent(c, 'agent', { manager: externalHost('wazuh-manager', { address: '10.0.9.5' }), jsonLogs: ['var/log/app.json'] })],
  ['Osquery', 'hostFolders[0]', (c: ClusterChart) => new Osquery(c, 'agent', { hostFolders: ['etc'] })],
])('a node folder of %s written without its leading slash is one error, on %s', (_what, field, build) => {
  expect(errorsOf(build)).toEqual(oneError('props', 'agent', field));
});
