import { App as CdkApp } from 'cdk8s';
import { cilium, ciliumOnTalos, CROSSPLANE_PROVIDERS, CrossplaneProviders, talos } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { guarded, labApp, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';
import { schemasMissing, testWhen } from './support/shared';

// What the bad-input corpus (cases-loose-ends-8.ts) cannot say: that each of these mistakes in the
// platform's choices gives exactly one error (or one finding), where the user made it.

/** The findings of `severity` after a cluster `edge` with `props` is built by `build`, as `[layer] path field: message`. */
function findingsOf(props: Partial<ClusterChartProps>, build: (cluster: ReturnType<typeof labCluster>) => void = () => undefined, severity = 'error'): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app, 'edge', props));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === severity)
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

/** Crossplane with the kubernetes Provider, and a ProviderConfig of `apiVersion` added to it. */
function providerConfig(apiVersion: string, spec: Record<string, unknown> = { credentials: { source: 'Secret' } }) {
  return (cluster: ReturnType<typeof labCluster>) => new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]).addProviderConfig({ name: 'default', apiVersion, spec });
}

test("networkPolicy: 'cilium' without Cilium is one error, on the choice, not one more per app's policy", () => {
  const apps = (cluster: ReturnType<typeof labCluster>) => ['web', 'whoami', 'kuma'].forEach((id) => labApp(id, { route: { host: id } })(cluster));
  expect(findingsOf({ networkPolicy: 'cilium' }, apps)).toEqual([expect.stringMatching(/^\[references\] edge networkPolicy: /)]);
});

test('a ProviderConfig of a Provider not installed is one error, on the call, and no schema warning', () => {
  const build = providerConfig('cloudflare.crossplane.io/v1alpha1');
  expect(findingsOf({}, build)).toEqual([expect.stringMatching(/^\[references\] edge\/xp addProviderConfig\(default\)\.apiVersion: /)]);
  expect(findingsOf({}, build, 'warning').filter((f) => f.includes('cloudflare'))).toEqual([]);
});

// The versions a Provider serves are read from its CRD, which the strict schema layer loads.
testWhen(schemasMissing())('a ProviderConfig at a version its Provider does not serve is one error, on the call', () => {
  expect(findingsOf({}, providerConfig('kubernetes.crossplane.io/v1beta1', { credentials: { source: 'InjectedIdentity' } })))
    .toEqual([expect.stringMatching(/^\[schema\] edge\/xp addProviderConfig\(default\)\.apiVersion: .*v1beta1/)]);
});

test("Talos' own Flannel kept beside the cluster's cni is one error, which names both props", () => {
  const errors = findingsOf({ storage: {}, preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })], cni: cilium({ ...ciliumOnTalos() }) });
  expect(errors).toEqual([expect.stringMatching(/^\[props\] edge preinstalled\[0\]\.bringYourOwnCni: .*\bcni\b/)]);
});
