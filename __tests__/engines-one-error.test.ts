import { App as CdkApp } from 'cdk8s';
import { argoCd, ChartRelease, flux, gitLabCi, host, k3s, k3sManifests, noRoutes, servesPorts, site, talos } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-newcomer-engines.ts) cannot say: that each of these GitOps mistakes
// gives exactly one error, where the user made it, and not a second one in the engine's terms.

/** The errors after `build` runs in a fresh app, as `[layer] path field`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded(build)(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
}

const AGENT = { project: 'infra/k8s-agent', name: 'lab', kasAddress: 'wss://kas.gitlab.com' };

test.each([
  ['Flux', () => flux()],
  ['Argo CD', () => argoCd()],
  ['GitLab CI', () => gitLabCi({ agent: AGENT })],
])("a site git given as the URL alone is one error on the site's git under %s, not a missing source too", (_name, engine) => {
  const errors = errorsOf((app) => {
    const node = host('one-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.5.1' });
    const own = site('one', { domain: 'one.test', hosts: [node], git: 'https://git.one.test/lab.git' as any });
    labCluster(app, 'edge', { site: own, hosts: [node], routes: noRoutes(), loadBalancer: undefined, storage: {}, gitops: engine() } as any);
  });
  expect(errors).toEqual(['[inventory] inventory/site/one git']);
});

test("k3sManifests() on a Talos cluster is one error on gitops, not a missing HelmChart kind per chart", () => {
  const errors = errorsOf((app) => labCluster(app, 'edge', { gitops: k3sManifests(), preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })] }));
  expect(errors).toEqual(['[props] edge gitops']);
});

test("k3sManifests() with charts on a cluster that declares no distribution is one error on gitops, not a missing HelmChart kind per chart", () => {
  const errors = errorsOf((app) => labCluster(app, 'edge', { gitops: k3sManifests() }));
  expect(errors).toEqual(['[references] edge gitops']);
});

test('k3sManifests() on a cluster that declares the HelmChart kind by hand is no error', () => {
  const byHand = { source: 'K3s on NixOS', crds: [{ group: 'helm.cattle.io', kinds: ['HelmChart'] }] };
  expect(errorsOf((app) => labCluster(app, 'edge', { gitops: k3sManifests(), preinstalled: [byHand] }))).toEqual([]);
});

test("a chart repository without its scheme is one error on chart.repository, not the engine's source object too", () => {
  const errors = errorsOf((app) => new ChartRelease(labCluster(app), 'podinfo', {
    namespace: 'podinfo', chart: { repository: 'stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' }, network: servesPorts({ port: 9898, purpose: 'http' }),
  }));
  expect(errors).toEqual(['[props] main/podinfo chart.repository']);
});

test.each([
  ['a list of two engines', () => [flux(), argoCd()]],
  ["flux's options alone", () => ({ interval: '5m' })],
])('gitops given %s is one error on gitops, not a failure of the cluster built from it', (_name, gitops) => {
  expect(errorsOf((app) => labCluster(app, 'edge', { gitops: gitops() as any }))).toEqual(['[props] edge gitops']);
});

test('a distribution given as preinstalled without its list is one error, not its fields as entries too', () => {
  expect(errorsOf((app) => labCluster(app, 'edge', { gitops: k3sManifests(), preinstalled: k3s() as any }))).toEqual(['[props] edge preinstalled']);
});

test('a second distribution beside K3s is one error on its entry, not its own checks of a cluster it does not run', () => {
  const errors = errorsOf((app) => {
    const node = host('two-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.6.1' });
    const own = site('two', { domain: 'two.test', hosts: [node], git: { url: 'https://git.two.test/lab.git' } });
    labCluster(app, 'edge', { site: own, hosts: [node], routes: noRoutes(), loadBalancer: undefined, storage: {}, gitops: k3sManifests(), preinstalled: [k3s(), talos()] });
  });
  expect(errors).toEqual(['[props] edge preinstalled[1]']);
});
