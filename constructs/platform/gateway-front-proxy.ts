import type { ClusterChart } from './cluster-chart';
import { CILIUM_COMPONENT, CILIUM_GATEWAY_CLASS } from './components/cilium';

// A Gateway that serves plain HTTP to a reverse proxy in front of it, which terminated the client's TLS: the apps
// behind it learn the client's scheme and address from that proxy's X-Forwarded-Proto and X-Forwarded-For alone.

/** The proxies in front of such a Gateway whose forwarded headers its own proxy keeps: the one that forwards to it. */
export const FRONT_PROXY_HOPS = 1;

/**
 * Cilium's Helm values that make its Envoy trust the proxy in front of the Gateway. With Cilium's default of
 * no trusted hop, Envoy overwrites X-Forwarded-Proto with the scheme of its own connection, `http`, so an app
 * whose public address is `https` sees its sign-in form posted from another origin (GitLab answers 422), and
 * takes the proxy's address for the client's. Pure.
 */
export function ciliumFrontProxyValues(): Record<string, unknown> {
  return { gatewayAPI: { xffNumTrustedHops: FRONT_PROXY_HOPS } };
}

/**
 * Once the cluster's components are known, makes Cilium's Gateway keep the forwarded headers of the proxy in
 * front of it, when `gatewayClassName` is Cilium's and the cluster runs Cilium; other implementations keep theirs.
 */
export function trustFrontProxy(cluster: ClusterChart, gatewayClassName: string): void {
  if (gatewayClassName !== CILIUM_GATEWAY_CLASS) {
    return;
  }
  cluster.onPrepare(() => cluster.platform.get(CILIUM_COMPONENT)?.addValues(ciliumFrontProxyValues()));
}
