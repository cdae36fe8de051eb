import { ChartRelease, CROSSPLANE_PROVIDERS, CrossplaneProviders, type ClusterChart } from '../../constructs';
import type { BadInput } from './cases';

// Loose ends of the platform: installs whose pods or Secrets the output does not show.

/** An app's own Helm chart, with props overridden. */
const wiki = (props: Partial<ConstructorParameters<typeof ChartRelease>[2]> = {}) => (cluster: ClusterChart) =>
  new ChartRelease(cluster, 'wiki', { namespace: 'wiki', chart: { repository: 'https://charts.example.org', chart: 'wiki', version: '1.0.0' }, ...props });

/** A Provider whose ProviderConfig reads its credentials from a Secret nothing makes or declares. */
const providerConfigOfMissingSecret = (cluster: ClusterChart) => new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]).addProviderConfig({
  name: 'remote', apiVersion: 'kubernetes.crossplane.io/v1alpha1',
  spec: { credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'remote-kubeconfig', key: 'kubeconfig' } } },
});

export const CASES: BadInput[] = [
  {
    name: 'a Crossplane ProviderConfig whose credentials Secret nothing makes or declares',
    build: providerConfigOfMissingSecret, layer: 'references', path: 'remote', field: 'spec.credentials.secretRef.name', hint: /SealedSecret.*declareExternal/,
  },
  {
    name: 'a ChartRelease that states neither the ports its pods serve nor why its namespace has no policy',
    build: wiki(), layer: 'policy', path: 'wiki', field: 'network', hint: /servesPorts\(.*noNetworkPolicy\(/,
  },
];
