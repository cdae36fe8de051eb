import type { Preinstalled } from '../../constructs';

/** What a Gateway API implementation and the CNI bring to the small labs of the workload tests. */
export const GATEWAY_IMPLEMENTATION: Preinstalled = {
  source: 'Gateway API implementation',
  crds: [
    { group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute', 'TCPRoute'] },
    { group: 'cilium.io', kinds: ['CiliumNetworkPolicy'] },
  ],
  provides: { gatewayClasses: ['cilium', 'envoy-gateway'] },
};
