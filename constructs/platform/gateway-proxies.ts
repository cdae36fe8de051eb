import type { IngressPeer } from './network-policy';

// Where each Gateway API implementation runs the proxies that send a route's requests on to its backends, which
// the NetworkPolicies of the backends' pods must admit.

/**
 * Whether the implementation's proxy pods are known by namespace and labels, rather than taken to run in a
 * namespace named like the class. Pure.
 */
export function gatewayProxiesKnown(gatewayClassName: string): boolean {
  return gatewayIngressPeer(gatewayClassName, '', '').pods?.podLabels !== undefined;
}

/** Where a Gateway implementation's proxies send traffic to backends from. Pure. */
export function gatewayIngressPeer(gatewayClassName: string, gatewayName: string, gatewayNamespace: string): IngressPeer {
  switch (gatewayClassName) {
    case 'cilium':
      return { ciliumEntity: 'ingress' };
    case 'envoy-gateway':
    case 'eg':
      return { pods: { namespace: 'envoy-gateway-system', podLabels: { 'gateway.envoyproxy.io/owning-gateway-name': gatewayName } } };
    case 'istio':
      // Istio deploys a proxy per Gateway, beside it, labelled with the Gateway's name.
      return { pods: { namespace: gatewayNamespace, podLabels: { 'gateway.networking.k8s.io/gateway-name': gatewayName } } };
    default:
      return { pods: { namespace: gatewayClassName } };
  }
}
