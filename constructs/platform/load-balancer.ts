import type { PoolAddress } from '../inventory/address-pool';
import type { ClusterChart } from './cluster-chart';

/** What a LoadBalancer Service asks of the cluster's load-balancer flavor. */
export interface LoadBalancerRequest {
  /** Name of the Service. */
  readonly serviceName: string;
  /** Fixed address from an inventory pool, for flavors that hand out addresses. @default - none */
  readonly address?: PoolAddress;
  /** Host name on networks that name load balancers (a tailnet). @default - the Service name */
  readonly hostname?: string;
}

/** What a flavor adds to a LoadBalancer Service. */
export interface LoadBalancerSettings {
  /** Annotations on the Service. */
  readonly annotations: Record<string, string>;
  /** `spec.loadBalancerClass`, for implementations that are not the cluster default. @default - the default implementation */
  readonly loadBalancerClass?: string;
}

/**
 * How a cluster gives LoadBalancer Services an address: MetalLB from inventory pools, or the Tailscale
 * operator on a tailnet; Cilium LB-IPAM or kube-vip would be one more implementation.
 */
export interface LoadBalancerFlavor {
  /** Short name, e.g. `metallb`. */
  readonly name: string;
  /** Whether every LoadBalancer must name a fixed inventory address. */
  readonly requiresAddress: boolean;
  /** Adds the cluster-wide objects the flavor needs (address pools, announcements). */
  bind(cluster: ClusterChart): void;
  /** Settings for one LoadBalancer Service. */
  serviceSettings(request: LoadBalancerRequest): LoadBalancerSettings;
}
