import { cilium, ciliumOnTalos, ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, talos } from '../../constructs';
import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// Loose ends of the platform's choices: one mistake is one error, on the choice or call the user wrote,
// with the hint for what they meant (loose-ends-8.test.ts counts the errors).

/** A cluster `edge` with `props` and a routed app `web`; the finding is on the cluster's `field`. */
const edge = (name: string, props: Partial<ClusterChartProps>, field: string, hint?: RegExp, layer: BadInput['layer'] = 'references'): BadInput => ({
  name, hint, layer, path: 'edge', field,
  build: guarded((_c, root) => labApp('web', { route: { host: 'web' } })(labCluster(root, 'edge', props))),
});

/** Crossplane with the kubernetes Provider, and a ProviderConfig `default` of `apiVersion`; the finding is on the call. */
const providerConfig = (name: string, apiVersion: string, hint: RegExp, layer: BadInput['layer'] = 'references'): BadInput => ({
  name, hint, layer, path: 'xp', field: 'addProviderConfig(default).apiVersion',
  build: guarded((cluster: ClusterChart) => new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes])
    .addProviderConfig({ name: 'default', apiVersion, spec: { credentials: { source: 'InjectedIdentity' } } })),
});

export const CASES: BadInput[] = [
  // Before: the cluster's error, and one "no CRD" error more for each app's CiliumNetworkPolicy.
  edge("networkPolicy: 'cilium' on the lab's cluster without Cilium", { networkPolicy: 'cilium' }, 'networkPolicy', /cni: cilium\(/),
  // Before: that error, and a "no schema known" warning for the same ProviderConfig.
  providerConfig("a ProviderConfig of Cloudflare's Provider, which the cluster does not install", 'cloudflare.crossplane.io/v1alpha1', /CROSSPLANE_PROVIDERS\.cloudflare/),
  // Before: on the platform layer's rendered ProviderConfig, not on the call that wrote its apiVersion.
  providerConfig("a ProviderConfig of the kubernetes Provider at a version it does not serve", 'kubernetes.crossplane.io/v1beta1', /apiVersion kubernetes\.crossplane\.io\/v1alpha1/, 'schema'),
  // Before: no finding; the machine configs kept Flannel while the repository installed Cilium beside it.
  edge("Talos' own pod network kept while the cluster installs Cilium", {
    storage: {}, preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })], cni: cilium({ ...ciliumOnTalos() }),
  }, 'preinstalled[0].bringYourOwnCni', /drop bringYourOwnCni: false/, 'props'),
  // Before: the hint listed every component componentResources sizes, none of them Traefik.
  {
    name: 'componentResources of Traefik with a typo', layer: 'props', path: 'edge', field: 'componentResources.traefk',
    hint: /^did you mean "traefik"\? Traefik is sized by its factory: routes: traefik\(\{ resources/,
    build: guarded((_c, root) => labCluster(root, 'edge', { componentResources: { traefk: { traefik: { cpuRequest: '50m' } } } } as any)),
  },
];
