import type { AddressPool, PoolAddress } from '../inventory/address-pool';
import type { ClusterChart } from './cluster-chart';
import { Finding, reportFinding } from '../validation/finding';
import { InputError } from '../validation/input-error';

/** What a LoadBalancer Service asks of the cluster's load-balancer flavor. */
export interface LoadBalancerRequest {
  /** Name of the Service. */
  readonly serviceName: string;
  /** Fixed address from an inventory pool, for flavors that hand out addresses. @default - none */
  readonly address?: PoolAddress;
  /** IPv6 address beside an IPv4 `address`, for a dual-stack Service. @default - none */
  readonly ipv6Address?: PoolAddress;
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
  /**
   * Whether the flavor names each LoadBalancer Service on its network (a tailnet machine name), so that a
   * Service's `hostname` means something; an address-only flavor (MetalLB, Cilium) names nothing.
   * @default false
   */
  readonly namesServices?: boolean;
  /**
   * Whether a LoadBalancer Service gets its address only once an object of the `config` layer exists
   * (MetalLB's and Cilium's address pools, the Tailscale operator's default ProxyClass). The config layer is
   * applied once the platform layer is ready, so a platform component with such a Service is not waited for.
   */
  readonly addressFromConfigLayer: boolean;
  /** Adds the cluster-wide objects the flavor needs (address pools, announcements). */
  bind(cluster: ClusterChart): void;
  /** Settings for one LoadBalancer Service. */
  serviceSettings(request: LoadBalancerRequest): LoadBalancerSettings;
  /**
   * Parts of the cluster's `componentResources` that the flavor's component starts only for a Service
   * and has started none of (`tailscaleOperator.proxy`), asked once every app has rendered.
   * @default - none
   */
  idleParts?(cluster: ClusterChart): readonly string[];
  /**
   * VLANs (by id) on whose host interfaces the flavor announces addresses: the names of the hosts'
   * interfaces there are facts it reads, which the cluster's README lists when they are placeholders.
   * @default - none
   */
  interfaceVlans?(cluster: ClusterChart): readonly number[];
  /**
   * Inventory pools the flavor hands addresses out of.
   * @default - none: the flavor takes no inventory pool (a tailnet gives the addresses)
   */
  servedPools?(): readonly AddressPool[];
  /**
   * The pools of {@link servedPools} it hands addresses out of to a Service that names none.
   * @default - none
   */
  unaskedPools?(): readonly AddressPool[];
}

/**
 * What to say of an ingress controller's LoadBalancer Service (`who`, made by `factory`, e.g. Traefik's) that names no
 * address, under a flavor that must be given one (MetalLB): a warning, since DNS records must follow the
 * address it picks, and where no pool it serves hands out addresses unasked (`autoAssign`, false unless
 * set) it picks none: the Service waits with no address and no route is reached. Undefined for a flavor
 * that picks one itself.
 */
export function unfixedIngressAddress(cluster: ClusterChart, who: string, factory: string): Omit<Finding, 'constructPath'> | undefined {
  const flavor = cluster.loadBalancer;
  if (!flavor?.requiresAddress) {
    return undefined;
  }
  const pools = flavor.servedPools?.() ?? [];
  const at = pools[0] ? `site.pools.${pools[0].name}.at('${pools[0].first}')` : 'site.pools.<pool>.at(...)';
  if ((flavor.unaskedPools?.() ?? []).length === 0) {
    return {
      layer: 'references', severity: 'warning', field: 'routes.address',
      message: `${who} is given no address, and no pool of the ${flavor.name} load balancer of cluster "${cluster.clusterName}" hands one out to a Service that names none (autoAssign is false unless set): its Service would wait with no address, and no route would be reached`,
      hint: `set ${factory}({ address: ${at} })${pools[0] ? `, or autoAssign: true on pool "${pools[0].name}" in the site's inventory` : ''}`,
    };
  }
  return {
    layer: 'references', severity: 'warning', field: 'routes.address',
    message: `${who}'s address is not fixed: the ${flavor.name} load balancer of cluster "${cluster.clusterName}" picks one, which DNS records must then follow`,
    hint: `set ${factory}({ address: ${at} })`,
  };
}

/**
 * What gives a LoadBalancer Service of `cluster` its address: the cluster's load-balancer choice, or
 * something preinstalled that serves such Services (K3s' servicelb, a cloud's controller); undefined when
 * nothing does.
 */
export function loadBalancerServer(cluster: ClusterChart): string | undefined {
  return cluster.loadBalancer?.name ?? cluster.platform.provided('loadBalancers')[0];
}

/** Whether a LoadBalancer Service of `cluster` gets an address (see {@link loadBalancerServer}). */
export function loadBalancersServed(cluster: ClusterChart): boolean {
  return loadBalancerServer(cluster) !== undefined;
}

/** The finding's text when nothing gives `what` (e.g. `Traefik's LoadBalancer Service`) an address. */
export function unservedLoadBalancer(cluster: ClusterChart, what: string, instead: string): { message: string; hint: string } {
  return {
    message: `nothing in cluster "${cluster.clusterName}" gives ${what} an address: no loadBalancer choice, and nothing preinstalled provides one`,
    hint: `set loadBalancer: metalLb({ pools: [...] }), ${instead}, `
      + "or declare what serves it: preinstalled: [{ source: '…', provides: { loadBalancers: ['…'] } }]",
  };
}

/**
 * Reports that the LoadBalancer Service of an ingress controller that a chart installs would get no
 * address: Helm waits for one, so the release, and with it the platform layer, would never become ready.
 * `instead` names the choices that serve the controller from the nodes.
 */
export function reportUnservedIngress(cluster: ClusterChart, controller: string, instead: string): void {
  reportFinding(cluster, {
    layer: 'references', severity: 'error', field: 'routes', ...unservedLoadBalancer(cluster, `${controller}'s LoadBalancer Service`, instead),
  });
}

/**
 * What is wrong with the list of pools a load balancer `factory` (e.g. `metalLb()`) is given: none at all, as
 * it would hand out no address (MetalLB's L2Advertisement naming no pool would advertise every pool, of
 * which there would be none), or a pool listed more than once, which would make its objects twice. Pure.
 */
export function poolListProblems(factory: string, pools: unknown): Array<{ field: string; message: string; hint: string }> {
  if (!Array.isArray(pools)) {
    return [];
  }
  if (pools.length === 0) {
    return [{ field: 'pools', message: `${factory} was given no address pool`, hint: `list the inventory pools it hands addresses out of: ${factory.slice(0, -1)}{ pools: [site.pools.vips] })` }];
  }
  return pools.flatMap((pool, i) => {
    const first = pools.indexOf(pool);
    return pool !== undefined && pool !== null && first < i
      ? [{ field: `pools[${i}]`, message: `pools[${i}] is pools[${first}] again`, hint: 'list each pool once' }]
      : [];
  });
}

/** The addresses a request asks for, in order: its address, then the IPv6 address beside it. Pure. */
export function requestedAddresses(request: LoadBalancerRequest): PoolAddress[] {
  return [request.address, request.ipv6Address].filter((address): address is PoolAddress => address !== undefined);
}

/**
 * Throws the error of a request that names an address of a pool `who` (e.g. `MetalLB`) does not hand out
 * (it would never give the Service that address), on the prop that names it.
 */
export function requireServedAddresses(request: LoadBalancerRequest, pools: readonly AddressPool[], who: string): void {
  // A load balancer given no pool is that one error (poolListProblems), not one more on every address.
  const unserved = pools.length === 0 ? undefined : requestedAddresses(request).find((a) => !pools.includes(a.pool));
  if (unserved) {
    const field = unserved === request.ipv6Address ? 'ipv6Address' : 'address';
    // Another site's pool of the same name (each site of a fleet calls its pool vips): adding it is no way out.
    const namesake = pools.find((p) => p.name === unserved.pool.name);
    if (namesake) {
      throw new InputError(`address ${unserved.address} is from a pool "${unserved.pool.name}" (${unserved.pool.range}) of another site's inventory, not from the pool "${namesake.name}" (${namesake.range}) ${who} of this cluster serves`,
        field, `take the address from the cluster's own site: <site>.pools.${namesake.name}.at(...), between ${namesake.first} and ${namesake.last}`);
    }
    throw new InputError(`address ${unserved.address} is from pool "${unserved.pool.name}", which ${who} of this cluster does not serve`,
      field, `take the address from a pool the load balancer serves (${pools.map((p) => `${p.name} ${p.range}`).join(', ')}), or add pool "${unserved.pool.name}" to its pools`);
  }
}
