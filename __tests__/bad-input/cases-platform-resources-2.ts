import type { ClusterChart, PlatformComponentProps } from '../../constructs';
import { noNetworkPolicy } from '../../constructs/platform/component-network';
import type { BadInput } from './cases';

// A component the user declares themselves, whose chart's pods the output never shows: it states where its
// containers get requests and a memory limit, or why they keep the chart's own.

/** An operator from a chart, in a namespace of its own, with `resources` as given. */
const operator = (resources?: unknown) => (cluster: ClusterChart) => {
  cluster.platform.require({
    name: 'my-operator', namespace: 'my-operator', description: 'an operator from a chart',
    network: noNetworkPolicy('its webhook port is not listed yet'),
    install: { type: 'helm', chart: { repository: 'https://charts.example.org', chart: 'my-operator', version: '1.2.3' }, values: {} },
    ...(resources === undefined ? {} : { resources }),
  } as PlatformComponentProps);
};

export const CASES: BadInput[] = [
  {
    name: 'platform component without its resources fact',
    build: operator(), layer: 'policy', path: 'platform', field: 'components.my-operator.resources', hint: /setAt.*chartDefault/,
  },
  {
    name: 'platform component with an empty resources fact',
    build: operator({}), layer: 'policy', path: 'platform', field: 'components.my-operator.resources',
  },
  {
    name: "platform component whose reason for the chart's own resources is blank",
    build: operator({ chartDefault: ' ' }), layer: 'policy', path: 'platform', field: 'components.my-operator.resources', hint: /chart-default-resources/,
  },
  {
    name: 'platform component whose resources are set at one key, not a list',
    build: operator({ setAt: 'values.resources' }), layer: 'policy', path: 'platform', field: 'components.my-operator.resources',
  },
  {
    name: "platform component whose reason for the chart's own resources is not text",
    build: operator({ chartDefault: true }), layer: 'policy', path: 'platform', field: 'components.my-operator.resources',
  },
];
