import * as homelab from '../../constructs';
import { gatewayApi, Knative } from '../../constructs';
import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// The address of Knative's cluster-local Gateway on Cilium, which net-gateway-api probes and the Knative
// Services' cluster-local names resolve to, given where it cannot serve: each synthesized before, or
// failed later on something else.

/** A cluster of the lab routing through a Gateway of class `gatewayClassName`; props override. */
const gatewayCluster = (app: homelab.App | any, gatewayClassName: string, extra: Partial<ClusterChartProps> = {}) =>
  labCluster(app, 'gw', { routes: gatewayApi({ gatewayClassName, address: lab.pools.vips.at('10.0.8.10') }), ...extra });

export const CASES: BadInput[] = [
  {
    // The load balancer would hand the address to another Service first, and announce it on the LAN.
    name: "Knative's local Gateway on Cilium at an address of a pool the cluster's load balancer serves",
    build: guarded((_c, app) => new Knative(gatewayCluster(app, 'cilium'), 'knative', { localGatewayAddress: lab.pools.vips.at('10.0.8.12') })),
    layer: 'props', path: 'knative', field: 'localGatewayAddress', hint: /a pool of the inventory of its own/,
  },
  {
    name: "Knative's local Gateway address given beside a local Gateway of one's own on another class",
    build: guarded((_c, app) => new Knative(gatewayCluster(app, 'envoy-gateway'), 'knative', {
      gatewayServiceName: 'envoy-gw', localGateway: { namespace: 'internal', gatewayName: 'inside', serviceName: 'envoy-inside' },
      localGatewayAddress: lab.pools.dns.at('10.0.4.53'),
    })),
    layer: 'props', path: 'knative', field: 'localGatewayAddress', hint: /leave localGatewayAddress out/,
  },
  {
    // In plain JavaScript: the address as text, where the inventory's address of a pool belongs.
    name: "Knative's local Gateway address written as text rather than taken from an inventory pool",
    build: guarded((_c, app) => new Knative(gatewayCluster(app, 'cilium'), 'knative', { localGatewayAddress: '10.0.4.53' as any })),
    layer: 'props', path: 'knative', field: 'localGatewayAddress',
  },
];
