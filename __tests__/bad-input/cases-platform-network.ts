import type { ClusterChart, PlatformComponentProps } from '../../constructs';
import type { BadInput } from './cases';

// A component the user declares themselves, whose chart's pods the output never shows: it states the ports
// they serve (a NetworkPolicy of its namespace lets only those through) or why the namespace has none.

/** An operator from a chart, in a namespace of its own, with `network` as given. */
const operator = (network?: unknown) => (cluster: ClusterChart) => {
  cluster.platform.require({
    name: 'my-operator', namespace: 'my-operator', description: 'an operator from a chart',
    install: { type: 'helm', chart: { repository: 'https://charts.example.org', chart: 'my-operator', version: '1.2.3' }, values: {} },
    ...(network === undefined ? {} : { network }),
  } as PlatformComponentProps);
};

export const CASES: BadInput[] = [
  {
    name: 'platform component without its network fact',
    build: operator(), layer: 'policy', path: 'platform', field: 'components.my-operator.network', hint: /servesPorts\(.*noNetworkPolicy\(/,
  },
  {
    name: 'platform component whose reason for no NetworkPolicy is blank',
    build: operator({ noNetworkPolicy: '  ' }), layer: 'policy', path: 'platform', field: 'components.my-operator.network', hint: /no-network-policy/,
  },
  {
    name: 'platform component whose served ports are one number, not a list',
    build: operator({ servesPorts: 9443 }), layer: 'policy', path: 'platform', field: 'components.my-operator.network',
  },
];
