import { Host } from '../inventory/host';
import { Site } from '../inventory/site';
import type { ClusterChartProps, SplitHorizonDnsProps } from '../platform/cluster-chart';
import { instanceOf, PropShape } from './known-props';

const HOST = instanceOf(Host, "a host of the inventory (declared with host('name', { … }))");

/** The props `ClusterChart` takes, for callers the type checker does not see. */
export const CLUSTER_PROPS_SHAPE = {
  site: instanceOf(Site, "a site of the inventory (declared with site('name', { … }))"),
  hosts: { '[]': HOST },
  routes: 'object', loadBalancer: 'object', storage: { '{}': 'object' }, gitops: 'object', domain: 'string',
  dns: { publicTarget: HOST, cloudflare: 'object', adguard: 'object' } satisfies Record<keyof SplitHorizonDnsProps, PropShape>, preinstalled: 'any', cni: 'any', networkPolicy: 'any',
  nodePortRange: { first: 'integer', last: 'integer' }, gpuDevicePlugins: 'boolean',
} as const satisfies Record<keyof ClusterChartProps, PropShape>;
