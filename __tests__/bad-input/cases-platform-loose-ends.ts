import { ChartRelease, type ClusterChart } from '../../constructs';
import type { BadInput } from './cases';

// Loose ends of the platform: installs whose pods or Secrets the output does not show.

/** An app's own Helm chart, with props overridden. */
const wiki = (props: Partial<ConstructorParameters<typeof ChartRelease>[2]> = {}) => (cluster: ClusterChart) =>
  new ChartRelease(cluster, 'wiki', { namespace: 'wiki', chart: { repository: 'https://charts.example.org', chart: 'wiki', version: '1.0.0' }, ...props });

export const CASES: BadInput[] = [
  {
    name: 'a ChartRelease that states neither the ports its pods serve nor why its namespace has no policy',
    build: wiki(), layer: 'policy', path: 'wiki', field: 'network', hint: /servesPorts\(.*noNetworkPolicy\(/,
  },
];
