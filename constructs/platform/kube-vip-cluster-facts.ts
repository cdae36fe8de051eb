import type { ClusterChart } from './cluster-chart';
import { canonicalIp } from '../inventory/ip-address';
import { isEndpointAddress } from './talos-endpoint';
import type { KubeVipClusterFacts } from './kube-vip-chart-values';

/** The load balancers of Services whose addresses kube-vip's own Service load balancer would hand out too. */
const ADDRESS_HANDING_LOAD_BALANCERS: readonly string[] = ['metallb', 'cilium'];

/**
 * What `cluster` says that a kube-vip release's values must agree with: the VIP its distribution joins the API
 * server at (an address of its `apiServerEndpoint` that no host has) and its own load balancer of Services.
 */
export function kubeVipClusterFacts(cluster: ClusterChart): KubeVipClusterFacts {
  const declared = cluster.platform.preinstalled.find((p) => p.distribution !== undefined && p.apiServerEndpoint !== undefined);
  const endpoint = declared?.apiServerEndpoint;
  const isVip = endpoint !== undefined && isEndpointAddress(endpoint)
    && !cluster.hosts.some((h) => h.addresses.includes(canonicalIp(endpoint)));
  const loadBalancer = cluster.loadBalancer?.name;
  return {
    ...(isVip ? { apiServerVip: canonicalIp(endpoint), apiServerVipField: declared?.source === 'k3s' ? "k3s()'s serverUrl" : `${declared?.source}'s API endpoint` } : {}),
    ...(loadBalancer !== undefined && ADDRESS_HANDING_LOAD_BALANCERS.includes(loadBalancer) ? { loadBalancer } : {}),
  };
}
