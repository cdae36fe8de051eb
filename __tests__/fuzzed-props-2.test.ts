import { App as CdkApp } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, externalDnsComponent, kubeletCsrApprover, nvidiaDevicePluginComponent } from '../constructs';
import { statefulOrdinals } from '../constructs/validation/stateful-ordinals';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Props and arguments given values of every wrong kind, one at a time (a second round): each failed with a
// TypeError of the library's own code, or never finished.

/** The error findings of the lab with `build` run in its cluster as a definition runs. */
function errorsOf(build: (cluster: ClusterChart) => unknown): Array<{ message: string; hint?: string }> {
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
}

const CLOUDFLARE = { kind: 'cloudflare', apiToken: { secretName: 'cloudflare', key: 'api-token' } };

// Before, each read a field of what it was given: "building this construct failed: taints.map is not a function",
// "Cannot read properties of undefined (reading 'replace')", "… (reading 'secretName')", "options.domains is not iterable".
test.each([
  ['nvidiaDevicePluginComponent with taints as one word', () => nvidiaDevicePluginComponent(['gpu1'], 'dedicated' as any), /was given "dedicated" for taints, not a list/],
  ['nvidiaDevicePluginComponent with a taint that is null', () => nvidiaDevicePluginComponent(['gpu1'], [null] as any), /was given null for taints\[0\], not an object/],
  ['nvidiaDevicePluginComponent with resources as a number', () => nvidiaDevicePluginComponent(['gpu1'], [], 7 as any), /was given 7 for resources, not an object/],
  ['kubeletCsrApprover with nodes given by name', () => kubeletCsrApprover({ nodes: ['gpu1'] } as any), /was given "gpu1" for options\.nodes\[0\], not an object/],
  ['kubeletCsrApprover with a node without its address', () => kubeletCsrApprover({ nodes: [{ name: 'gpu1' }] } as any), /was given undefined for options\.nodes\[0\]\.address, not text/],
  ['externalDnsComponent with a provider of no kind', () => externalDnsComponent({ provider: {}, domains: ['lab.test'], ownerId: 'main' } as any), /was given undefined for options\.provider\.kind, not cloudflare or adguard/],
  ['externalDnsComponent with Cloudflare without its token', () => externalDnsComponent({ provider: { kind: 'cloudflare' }, domains: ['lab.test'], ownerId: 'main' } as any), /was given undefined for options\.provider\.apiToken, not an object/],
  ['externalDnsComponent with AdGuard without its URL', () => externalDnsComponent({ provider: { kind: 'adguard', username: {}, password: {} }, domains: ['lab.test'], ownerId: 'main' } as any), /was given undefined for options\.provider\.url, not text/],
  ['externalDnsComponent with its domains as one name', () => externalDnsComponent({ provider: CLOUDFLARE, domains: 'lab.test', ownerId: 'main' } as any), /was given "lab\.test" for options\.domains, not a list/],
])('%s is one error that names the argument, with how to give it', (_, make, message) => {
  const errors = errorsOf((cluster) => cluster.platform.require(make()));
  expect(errors.map((f) => f.message)).toEqual([expect.stringMatching(message)]);
  expect(errors[0].hint).toMatch(/^give it as /);
});

test.each([
  ['taints null', () => nvidiaDevicePluginComponent(['gpu1'], null as any)],
  ['resources null', () => nvidiaDevicePluginComponent(['gpu1'], [], null as any)],
])('nvidiaDevicePluginComponent with %s reads it as left out', (_, make) => {
  // The cluster requires the plugin for gpu1 itself: the same call without the null is no conflict either.
  expect(errorsOf((cluster) => cluster.platform.require(make()))).toEqual([]);
});

test('a StatefulSet App of a billion replicas with a claim synthesizes without naming a claim for each', () => {
  // Before, the claims of every ordinal were named, one by one, until the process ran out of memory.
  const errors = errorsOf((cluster) => new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], replicas: 1e9,
    controller: AppController.statefulSet(), persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  }));
  expect(errors).toEqual([]);
});

test.each([
  [3, [0, 1, 2]], [0, []], [-1, []], [NaN, []], [2.5, [0, 1, 2]],
])('a StatefulSet of %p replicas has the ordinals %p', (replicas, ordinals) => {
  expect(statefulOrdinals(replicas)).toEqual(ordinals);
});

test('the ordinals named stop at a bound', () => {
  expect(statefulOrdinals(1e9)).toHaveLength(10_000);
});
