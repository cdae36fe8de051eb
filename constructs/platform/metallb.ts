import { IpAddressPool, L2Advertisement } from '../../imports/metallb.io';
import type { AddressPool } from '../inventory/address-pool';
import type { ClusterChart } from './cluster-chart';
import { metalLbComponent } from './components/metallb';
import type { LoadBalancerFlavor, LoadBalancerRequest, LoadBalancerSettings } from './load-balancer';
import { checkedChoice } from '../validation/choice-props';
import type { PropShape } from '../validation/known-props';
import { ADDRESS_POOL_SHAPE } from '../validation/app-props-shape';

/** Options of the MetalLB load-balancer flavor. */
export interface MetalLbProps {
  /** Inventory pools MetalLB hands addresses out of. */
  readonly pools: AddressPool[];
  /** Namespace MetalLB runs in. @default 'metallb-system' */
  readonly namespace?: string;
}

/**
 * MetalLB in layer-2 mode: the MetalLB component, and in the config layer an IPAddressPool per
 * inventory pool and one L2Advertisement for them all.
 */
export class MetalLb implements LoadBalancerFlavor {
  public readonly name = 'metallb';
  public readonly requiresAddress = true;
  private readonly namespace: string;

  constructor(private readonly props: MetalLbProps) {
    this.namespace = props.namespace ?? 'metallb-system';
  }

  public bind(cluster: ClusterChart): void {
    cluster.platform.require(metalLbComponent(this.namespace));
    const scope = cluster.platform.configScope('metallb');
    for (const pool of this.props.pools) {
      new IpAddressPool(scope, `pool-${pool.name}`, {
        metadata: { name: pool.name, namespace: this.namespace },
        spec: { addresses: [pool.range], autoAssign: pool.autoAssign },
      });
    }
    new L2Advertisement(scope, 'l2', {
      metadata: { name: 'layer2', namespace: this.namespace },
      spec: { ipAddressPools: this.props.pools.map((pool) => pool.name) },
    });
  }

  public serviceSettings(request: LoadBalancerRequest): LoadBalancerSettings {
    const address = request.address;
    if (!address) {
      throw new Error(`LoadBalancer ${request.serviceName} names no address, which MetalLB of this cluster needs`);
    }
    if (!this.props.pools.includes(address.pool)) {
      throw new Error(`address ${address.address} is from pool "${address.pool.name}", which MetalLB of this cluster does not serve`);
    }
    return { annotations: { 'metallb.io/address-pool': address.pool.name, 'metallb.io/loadBalancerIPs': address.address } };
  }
}

/** The options of `metalLb()`, for callers the type checker does not see. */
const METALLB_PROPS_SHAPE = { pools: { '[]': ADDRESS_POOL_SHAPE }, namespace: 'namespace' } as const satisfies Record<keyof MetalLbProps, PropShape>;

const POOLS_HINT = 'list the inventory pools MetalLB hands addresses out of: metalLb({ pools: [site.pools.vips] })';

/** Load balancers through MetalLB in layer-2 mode. */
export function metalLb(props: MetalLbProps): MetalLb {
  // An L2Advertisement that names no pool advertises every pool, and there would be none.
  const noPool = Array.isArray(props?.pools) && props.pools.length === 0
    ? [{ field: 'pools', message: 'metalLb() was given no address pool', hint: POOLS_HINT }]
    : [];
  return checkedChoice(new MetalLb(props), 'metalLb()', props, METALLB_PROPS_SHAPE, { required: [['pools', POOLS_HINT]] }, noPool);
}
