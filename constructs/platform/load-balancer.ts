import type { PoolAddress } from '../inventory/address-pool';
import type { ClusterChart } from './cluster-chart';

/** How a cluster gives LoadBalancer Services an address: MetalLB now, Cilium LB-IPAM or kube-vip later. */
export interface LoadBalancerFlavor {
  /** Short name, e.g. `metallb`. */
  readonly name: string;
  /** Adds the cluster-wide objects the flavor needs (address pools, announcements). */
  bind(cluster: ClusterChart): void;
  /** Annotations that pin a Service to a fixed address. */
  serviceAnnotations(address: PoolAddress): Record<string, string>;
}
