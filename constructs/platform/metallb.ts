import { IpAddressPool, L2Advertisement } from '../../imports/metallb.io';
import type { AddressPool } from '../inventory/address-pool';
import type { Host } from '../inventory/host';
import { type Vlan, vlanWithId } from '../inventory/vlan';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { METALLB_METRICS_PORT, METALLB_SIZE, metalLbComponent } from './components/metallb';
import type { LoadBalancerFlavor, LoadBalancerRequest, LoadBalancerSettings } from './load-balancer';
import { poolListProblems, requestedAddresses, requireServedAddresses } from './load-balancer';
import { checkedChoice } from '../validation/choice-props';
import type { PropShape } from '../validation/known-props';
import { ADDRESS_POOL_SHAPE, RESOURCES_SHAPE } from '../validation/app-props-shape';
import type { ResourcesProps } from '../app/resources';
import { componentSizeProblems } from './part-resources';

/** Options of the MetalLB load-balancer flavor. */
export interface MetalLbProps {
  /** Inventory pools MetalLB hands addresses out of. */
  readonly pools: AddressPool[];
  /** Namespace MetalLB runs in. @default 'metallb-system' */
  readonly namespace?: string;
  /**
   * Requests and limits of the controller and of each speaker, as an App's `resources` (CPU in cores or
   * millicores, memory with a binary unit). @default - 10m CPU and 32Mi memory requested, a 128Mi memory limit
   */
  readonly resources?: ResourcesProps;
  /**
   * The port (TCP and UDP) the speakers' memberlist binds on each node's address, where they find each other.
   * Move it when a host holds 7946 already: Docker in swarm mode does (Dokploy's, for one), and the
   * speaker there fails to start, announcing no address. @default 7946
   */
  readonly memberlistPort?: number;
}

/**
 * MetalLB in layer-2 mode: the MetalLB component, and in the config layer an IPAddressPool per
 * inventory pool and the L2Advertisements of {@link l2Advertisements}.
 */
export class MetalLb implements LoadBalancerFlavor {
  public readonly name = 'metallb';
  public readonly requiresAddress = true;
  // Its IPAddressPools and announcements are objects of the config layer.
  public readonly addressFromConfigLayer = true;
  private readonly namespace: string;

  constructor(private readonly props: MetalLbProps) {
    this.namespace = props.namespace ?? 'metallb-system';
  }

  /** The inventory pools it hands addresses out of, as given (a pool of another site is reported on bind). */
  public servedPools(): readonly AddressPool[] {
    return this.props.pools;
  }

  /** Its pools with `autoAssign`: MetalLB gives the others' addresses only to a Service that names one. */
  public unaskedPools(): readonly AddressPool[] {
    return this.props.pools.filter((pool) => pool.autoAssign);
  }

  /** The VLANs of its pools: their L2Advertisements name the hosts' interfaces there. */
  public interfaceVlans(): readonly number[] {
    return [...new Set(this.props.pools.flatMap((pool) => (pool.vlan !== undefined ? [pool.vlan] : [])))];
  }

  public bind(cluster: ClusterChart): void {
    const component = cluster.platform.require(metalLbComponent(this.namespace, this.props.resources, this.props.memberlistPort));
    // Distributions (Talos, kubeadm) label control-plane nodes to be left out of load balancing, and the
    // speakers obey the label; a lab whose control-plane nodes also run its workloads must announce from them.
    if (cluster.hosts.some((host) => host.roles.includes('control-plane') && host.roles.includes('worker'))) {
      component.addValues({ speaker: { ignoreExcludeLB: true } });
    }
    const ownPools = Object.values<AddressPool>(cluster.site.pools);
    for (const pool of this.props.pools.filter((p) => !ownPools.includes(p))) {
      reportFinding(cluster, {
        layer: 'inventory', severity: 'error', field: 'loadBalancer.pools',
        message: `pool "${pool.name}" is not a pool of site "${cluster.site.name}"`, hint: 'hand out addresses of the cluster\'s own site: metalLb({ pools: [site.pools.<pool>] })',
      });
    }
    const pools = this.props.pools.filter((p) => ownPools.includes(p));
    const scope = cluster.platform.configScope('metallb');
    // A pool whose bounds are wrong is its inventory's one error, not also an IPAddressPool of an address range that is none.
    for (const pool of pools.filter((p) => p.bounded)) {
      new IpAddressPool(scope, `pool-${pool.name}`, {
        metadata: { name: pool.name, namespace: this.namespace },
        spec: { addresses: [pool.range], autoAssign: pool.autoAssign },
      });
    }
    const { advertisements, unreachable } = l2Advertisements(pools, cluster.hosts, Object.values(cluster.site.vlans));
    for (const pool of unreachable) {
      reportFinding(cluster, {
        layer: 'inventory', severity: 'error', field: 'loadBalancer.pools',
        message: `pool "${pool.name}" is on VLAN ${pool.vlan}, where no host of cluster "${cluster.clusterName}" has its address or an interface, so MetalLB could answer for the pool's addresses from no node`,
        hint: `declare the interface a host has on VLAN ${pool.vlan}: host('<name>', { vlanInterfaces: [{ vlan: <the VLAN>, device: '<interface, e.g. eno1.${pool.vlan}>' }] })`,
      });
    }
    for (const advertisement of advertisements) {
      new L2Advertisement(scope, advertisement.name === 'layer2' ? 'l2' : `l2-${advertisement.pools[0]}`, {
        metadata: { name: advertisement.name, namespace: this.namespace },
        spec: {
          ipAddressPools: advertisement.pools,
          nodeSelectors: advertisement.nodeNames?.map((node) => ({ matchLabels: { 'kubernetes.io/hostname': node } })),
          interfaces: advertisement.interfaces,
        },
      });
    }
  }

  public serviceSettings(request: LoadBalancerRequest): LoadBalancerSettings {
    const address = request.address;
    if (!address) {
      throw new Error(`LoadBalancer ${request.serviceName} names no address, which MetalLB of this cluster needs`);
    }
    requireServedAddresses(request, this.props.pools, 'MetalLB');
    const addresses = requestedAddresses(request);
    // A pool holds one family, so a dual-stack Service names no pool: MetalLB finds each address's own.
    return {
      annotations: {
        ...(addresses.length === 1 ? { 'metallb.io/address-pool': address.pool.name } : {}),
        'metallb.io/loadBalancerIPs': addresses.map((a) => a.address).join(','),
      },
    };
  }
}

/** One L2Advertisement: the pools it announces, and from which nodes and interfaces. */
export interface L2AdvertisementPlan {
  /** Name of the L2Advertisement. */
  readonly name: string;
  /** Names of the pools it announces. */
  readonly pools: string[];
  /** Names of the nodes that may announce them. @default - every node */
  readonly nodeNames?: string[];
  /** Interfaces they are announced on. @default - every interface */
  readonly interfaces?: string[];
}

/**
 * How MetalLB announces the pools: those without a known VLAN together (`layer2`) from every node; each
 * pool on a VLAN on its own (`layer2-<pool>`), from the hosts with a leg on that VLAN only (their address
 * in it, or an interface on it), and on those interfaces when each of the hosts names one. Without that, a
 * node on another VLAN could win the election and answer for an address where nobody asks. A host whose
 * taints keep pods off (NoSchedule, NoExecute) runs no speaker, whose chart tolerates none of them, so it
 * announces nothing and is left out. Pure; a VLAN pool that no host reaches is returned as unreachable.
 */
export function l2Advertisements(
  pools: readonly AddressPool[], hosts: readonly Host[], vlans: readonly Vlan[],
): { advertisements: L2AdvertisementPlan[]; unreachable: AddressPool[] } {
  const advertisements: L2AdvertisementPlan[] = [];
  const unreachable: AddressPool[] = [];
  const untagged: string[] = [];
  for (const pool of pools) {
    const vlan = vlanWithId(vlans, pool.vlan, pool.family);
    if (!vlan) {
      untagged.push(pool.name);
      continue;
    }
    if (pool.bounded && vlan.network !== undefined && !(vlan.contains(pool.first) && vlan.contains(pool.last))) {
      // A pool outside its VLAN's network is the site's one error on the pool: which nodes reach the VLAN says nothing of it.
      continue;
    }
    const legs = hosts.filter((host) => !host.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')).flatMap((host) => {
      const link = host.vlanInterfaces.find((l) => l.vlan.id === vlan.id);
      return link ? [{ host, device: link.device as string | undefined }] : host.addresses.some((address) => vlan.contains(address)) ? [{ host, device: undefined }] : [];
    });
    if (legs.length === 0) {
      unreachable.push(pool);
      continue;
    }
    const devices = legs.map((leg) => leg.device);
    advertisements.push({
      name: `layer2-${pool.name}`,
      pools: [pool.name],
      nodeNames: [...new Set(legs.map((leg) => leg.host.nodeName))].sort(),
      interfaces: devices.every((d): d is string => d !== undefined) ? [...new Set(devices)].sort() : undefined,
    });
  }
  // An L2Advertisement that names no pool advertises every pool, so an empty group gets none.
  return { advertisements: untagged.length > 0 ? [{ name: 'layer2', pools: untagged }, ...advertisements] : advertisements, unreachable };
}

/** The options of `metalLb()`, for callers the type checker does not see. */
const METALLB_PROPS_SHAPE = { pools: { '[]': ADDRESS_POOL_SHAPE }, namespace: 'namespace', resources: RESOURCES_SHAPE, memberlistPort: 'port' } as const satisfies Record<keyof MetalLbProps, PropShape>;

/** A memberlist port the speakers' own metrics hold already, on the same node address. Pure. */
function memberlistPortProblems(port: unknown): Array<{ field: string; message: string; hint: string }> {
  return port === METALLB_METRICS_PORT
    ? [{ field: 'memberlistPort', message: `memberlistPort ${port} is the port of the speakers' own metrics and health, which they bind on the same node address`, hint: 'pick a free port, e.g. memberlistPort: 7947' }]
    : [];
}

const POOLS_HINT = 'list the inventory pools MetalLB hands addresses out of: metalLb({ pools: [site.pools.vips] })';

/** Load balancers through MetalLB in layer-2 mode. */
export function metalLb(given: MetalLbProps): MetalLb {
  // Called with nothing, it reports the pools it needs rather than failing on them.
  const props = given ?? ({} as MetalLbProps);
  return checkedChoice(new MetalLb(props), 'metalLb()', props, METALLB_PROPS_SHAPE, {
    required: [['pools', POOLS_HINT]],
    // An IPAddressPool's own spec: the ranges belong in the site's inventory, which the cluster's pools name.
    foreign: ['addresses', 'ipAddressPools', 'addressPools'].map((prop) => [prop,
      "the addresses are facts of the site: declare them as its pools, site('<name>', { pools: { vips: { first, last } } }), and give those to MetalLB: metalLb({ pools: [site.pools.vips] })", 'pools'] as const),
  }, [...poolListProblems('metalLb()', props?.pools), ...componentSizeProblems(props?.resources, 'resources', METALLB_SIZE), ...memberlistPortProblems(props?.memberlistPort)]);
}
