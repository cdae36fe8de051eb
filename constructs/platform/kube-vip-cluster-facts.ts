import type { ClusterChart } from './cluster-chart';
import { canonicalIp } from '../inventory/ip-address';
import { isEndpointAddress } from './talos-endpoint';
import { isKubeVipChart, type KubeVipClusterFacts } from './kube-vip-chart-values';
import type { ComponentInstall } from './component';

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

/**
 * Whether the cluster's own GitOps engine installs kube-vip (a ChartRelease of its chart, or a component of it) while
 * its distribution joins the API server at a VIP: that address answers only once the first sync has started kube-vip,
 * so no step before that sync (the kubeconfig it runs with, a node joined ahead of it) can reach the API server there.
 */
export function apiServerVipHeldAfterFirstSync(cluster: ClusterChart): boolean {
  if (kubeVipClusterFacts(cluster).apiServerVip === undefined) {
    return false;
  }
  const installs = [
    ...cluster.platform.components.map((component) => component.install),
    ...cluster.node.findAll().map((construct) => (construct as { readonly install?: ComponentInstall }).install),
  ];
  return installs.some((install) => install?.type === 'helm' && isKubeVipChart(install.chart));
}
