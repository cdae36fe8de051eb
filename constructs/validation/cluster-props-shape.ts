import { ExternalHost, Host, hostNamedHint, Taint } from '../inventory/host';
import { Site } from '../inventory/site';
import type { AdGuardDnsProps, CloudflareDnsProps, ClusterChartProps, SplitHorizonDnsProps } from '../platform/cluster-chart';
import type { ClusterRangesDeclared, ComponentProvides, CrdGroup, Preinstalled } from '../platform/component';
import type { BuiltInPodNetwork } from '../platform/policy-enforcement';
import { instanceOf, oneOf, PropShape } from './known-props';
import { COMPONENT_RESOURCES_SHAPE } from '../platform/cluster-component-resources';
import { SECRET_REFERENCE } from './service-props-shapes';
import { PORT_PROTOCOL_SHAPE } from './port-protocol';

const HOST = instanceOf(Host, "a host of the inventory (declared with host('name', { … }))", hostNamedHint);

/** `ComponentProvides`: names by category. */
const PROVIDES_SHAPE = {
  // Objects of the API server, named as it names them (a StorageClass `Longhorn` cannot exist).
  storageClasses: { '[]': 'objectName' }, runtimeClasses: { '[]': 'objectName' }, priorityClasses: { '[]': 'objectName' },
  ingressClasses: { '[]': 'objectName' }, gatewayClasses: { '[]': 'objectName' }, clusterIssuers: { '[]': 'objectName' },
  certResolvers: 'strings', extendedResources: 'strings', loadBalancers: 'strings',
  // APIService names are object names too (`v1beta1.metrics.k8s.io`).
  apiServices: { '[]': 'objectName' },
} as const satisfies Record<keyof ComponentProvides, PropShape>;

/** The lists of names of a cluster's props that hold each name once. */
export const CLUSTER_UNIQUE_LISTS: readonly string[] = [
  'preinstalled.*.namespaces', 'preinstalled.*.crds.*.kinds',
  ...Object.keys(PROVIDES_SHAPE).map((list) => `preinstalled.*.provides.${list}`),
];

/** `Preinstalled`: what a cluster has from outside the repository. */
const PREINSTALLED_SHAPE = {
  source: 'string', distribution: 'string',
  clusterRanges: { pods: 'strings', services: 'strings' } satisfies Record<keyof ClusterRangesDeclared, PropShape>, crds: { '[]': { group: 'string', kinds: 'strings', scope: oneOf('Cluster', 'Namespaced') } satisfies Record<keyof CrdGroup, PropShape> },
  namespaces: { '[]': 'namespace' }, provides: PROVIDES_SHAPE, brings: 'strings', manualSteps: 'strings', startsFirstSync: 'boolean', startsPodNetwork: 'boolean',
  controlPlaneTaints: { '[]': { key: 'string', value: 'string', effect: oneOf('NoSchedule', 'PreferNoSchedule', 'NoExecute') } satisfies Record<keyof Taint, PropShape> },
  controlPlaneLabels: { '{}': 'string' }, apiServerEndpoint: 'string',
  podNetwork: { name: 'string', enforcesNetworkPolicies: 'boolean', field: 'string', change: 'string', nodeUdpPorts: { '{}': 'string' } } satisfies Record<keyof BuiltInPodNetwork, PropShape>,
  apiServer: { '[]': { cidr: 'string', ports: { '[]': { port: 'port', protocol: PORT_PROTOCOL_SHAPE } } } },
} as const satisfies Record<keyof Preinstalled, PropShape>;

/** The props `ClusterChart` takes, for callers the type checker does not see. */
export const CLUSTER_PROPS_SHAPE = {
  site: instanceOf(Site, "a site of the inventory (declared with site('name', { … }))"),
  hosts: { '[]': HOST },
  externalHosts: { '[]': instanceOf(ExternalHost, "a machine of the inventory (declared with externalHost('name', { … }))") },
  routes: 'object', loadBalancer: 'object', storage: { '{}': 'object' }, gitops: 'object',
  // A name or a placeholder for one: the chart checks it (reportNameProblems).
  domain: 'any',
  dns: {
    publicTarget: HOST,
    cloudflare: { apiToken: SECRET_REFERENCE } satisfies Record<keyof CloudflareDnsProps, PropShape>,
    adguard: { url: 'string', username: SECRET_REFERENCE, password: SECRET_REFERENCE } satisfies Record<keyof AdGuardDnsProps, PropShape>,
  } satisfies Record<keyof SplitHorizonDnsProps, PropShape>, preinstalled: { '[]': PREINSTALLED_SHAPE }, cni: 'any', networkPolicy: oneOf('kubernetes', 'cilium'),
  nodePortRange: { first: 'integer', last: 'integer' }, gpuDevicePlugins: 'boolean', nvidiaTimeSlicing: 'integer', componentResources: COMPONENT_RESOURCES_SHAPE,
  unenforcedNetworkPolicies: 'reason', designChoices: { '[]': 'reason' },
} as const satisfies Record<keyof ClusterChartProps, PropShape>;
