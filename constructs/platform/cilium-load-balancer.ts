import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { AddressPool } from '../inventory/address-pool';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import type { LoadBalancerFlavor, LoadBalancerRequest, LoadBalancerSettings } from './load-balancer';
import { poolListProblems, requestedAddresses, requireServedAddresses } from './load-balancer';
import { manifestOf } from '../interop/api-object-json';
import { checkedChoice } from '../validation/choice-props';
import { regexProblem } from '../validation/regex-syntax';
import { goDurationMilliseconds, type PropProblem, type PropShape } from '../validation/known-props';
import { ADDRESS_POOL_SHAPE } from '../validation/app-props-shape';
import { runsTalos } from './distributions';
import { namesLegacyInterfacesOnly } from './talos-interface-names';

/** The annotation Cilium LB-IPAM reads a Service's wanted addresses from. */
export const CILIUM_LB_IPS_ANNOTATION = 'lbipam.cilium.io/ips';

/**
 * The label of a LoadBalancer Service that must get no address of the flavor's pools and that the LAN must
 * never learn of: a Service that an implementation makes of type LoadBalancer, but which is to serve inside
 * the cluster only (Knative's local Gateway, which takes its address from a pool of its own). Every pool of
 * the flavor and its L2 announcement policy leave such a Service out.
 */
export const NO_LOAD_BALANCER_ADDRESS_LABEL = 'network.homelab.dev/no-load-balancer-address';

/** The selector term that leaves the Services labelled {@link NO_LOAD_BALANCER_ADDRESS_LABEL} out. */
const OUTSIDE_LAN_EXCLUDED = { key: NO_LOAD_BALANCER_ADDRESS_LABEL, operator: 'DoesNotExist' } as const;

/** The interfaces the addresses are announced on when none are given. */
const DEFAULT_INTERFACES: readonly string[] = ['eth0'];

/** Name of the platform component that must run Cilium for this flavor. */
const CILIUM_COMPONENT = 'cilium';

/** Options of the Cilium load-balancer flavor. */
export interface CiliumLoadBalancerProps {
  /** Inventory pools Cilium LB-IPAM hands addresses out of; each becomes a `CiliumLoadBalancerIPPool` of the pool's name. */
  readonly pools: AddressPool[];
  /** Name of the `CiliumL2AnnouncementPolicy` that answers ARP for the addresses. @default 'cluster-ingress' */
  readonly l2PolicyName?: string;
  /** Node interfaces the addresses are announced on, as Go regular expressions. @default ['eth0'] */
  readonly interfaces?: string[];
  /**
   * The lease a node holds per announced address, which decides how soon another node takes an address
   * over when its holder dies: about `duration` after the last renewal. Cilium's chart values
   * `l2announcements.leaseDuration`, `leaseRenewDeadline` and `leaseRetryPeriod`; e.g.
   * `{ duration: '3s', renewDeadline: '1s', retryPeriod: '200ms' }` for a failover within a few seconds.
   * Shorter leases cost each node more API-server requests per address (see the CNI's `k8sClientQps`).
   * @default - Cilium's: 15s, renewed within 5s, retried every 2s (failover in about 15 s)
   */
  readonly lease?: CiliumL2Lease;
}

/** Cilium's lease on an announced address (client-go leader election, one Lease per Service). */
export interface CiliumL2Lease {
  /** How long the lease holds without a renewal: another node takes the address after it (`leaseDuration`). */
  readonly duration: string;
  /** How long the holder keeps trying to renew before it gives the address up; shorter than `duration` (`leaseRenewDeadline`). */
  readonly renewDeadline: string;
  /** How long a node waits between attempts to take or renew the lease (`leaseRetryPeriod`). */
  readonly retryPeriod: string;
}

/** One LoadBalancer that takes an address of the flavor's pools. */
interface AddressClaim {
  readonly owner: string;
  readonly address?: string;
  readonly scope?: IConstruct;
}

/**
 * Cilium LB-IPAM with L2 announcements: an address pool per inventory pool and one announcement policy,
 * so a node answers ARP for each LoadBalancer address and another takes over when it fails. No BGP and
 * no MetalLB. Needs the cluster's CNI to be Cilium (the `cilium` component); the flavor turns on its
 * L2 announcements and external IPs.
 *
 * A pool holds few addresses: the flavor counts every LoadBalancer of the cluster (the Gateway's
 * included) and reports one that finds no address left; one that asks for an address already taken is
 * reported by the check of the site's addresses, on the prop that asks for it.
 */
export class CiliumLoadBalancer implements LoadBalancerFlavor {
  public readonly name = 'cilium';
  public readonly requiresAddress = false;
  // Its CiliumLoadBalancerIPPools are objects of the config layer.
  public readonly addressFromConfigLayer = true;

  constructor(private readonly props: CiliumLoadBalancerProps) {}

  /** The inventory pools it hands addresses out of. */
  public servedPools(): readonly AddressPool[] {
    return this.props.pools;
  }

  /** Every pool: LB-IPAM gives each Service that names no address one of any pool whose selector it matches. */
  public unaskedPools(): readonly AddressPool[] {
    return this.props.pools;
  }

  public bind(cluster: ClusterChart): void {
    const scope = cluster.platform.configScope('cilium-load-balancer');
    new ApiObject(scope, 'l2-policy', {
      apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumL2AnnouncementPolicy',
      metadata: { name: this.props.l2PolicyName ?? 'cluster-ingress' },
      // A Service kept inside the cluster may hold an address of a pool of its own: no node answers ARP for it.
      spec: { interfaces: this.props.interfaces ?? DEFAULT_INTERFACES, loadBalancerIPs: true, serviceSelector: { matchExpressions: [OUTSIDE_LAN_EXCLUDED] } },
    });
    for (const pool of this.props.pools) {
      new ApiObject(scope, `pool-${pool.name}`, {
        apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool',
        metadata: { name: pool.name },
        // Without a selector a pool serves every Service; an internal one would take an address meant for the LAN.
        spec: { blocks: [poolBlock(pool)], serviceSelector: { matchExpressions: [OUTSIDE_LAN_EXCLUDED] } },
      });
    }
    cluster.onPrepare(() => {
      const cilium = cluster.platform.get(CILIUM_COMPONENT);
      if (!cilium) {
        reportFinding(cluster, {
          layer: 'references', severity: 'error', field: 'loadBalancer',
          message: `the Cilium load balancer of cluster "${cluster.clusterName}" needs Cilium as the cluster's CNI`,
          hint: 'install the cilium component (the cluster\'s `cni:` choice), or use metalLb()',
        });
        // Its pools and policy are of Cilium's kinds, which nothing installs: one error says so, not one per kind.
        for (const child of [...scope.node.children]) {
          scope.node.tryRemoveChild(child.node.id);
        }
      } else {
        // Announcements need the agent's lease-based leader election and external IP handling.
        const lease = this.props.lease;
        cilium.addValues({
          l2announcements: {
            enabled: true,
            ...(lease ? { leaseDuration: lease.duration, leaseRenewDeadline: lease.renewDeadline, leaseRetryPeriod: lease.retryPeriod } : {}),
          },
          externalIPs: { enabled: true },
        });
      }
      this.checkTalosInterfaces(cluster);
      // After every other hook: apps add their LoadBalancer Services in theirs.
      cluster.onPrepare(() => this.checkCapacity(cluster));
    });
  }

  /**
   * A warning where the announcements name eth0-style interfaces alone on Talos, which names a new install's
   * interfaces predictably: no node would answer ARP for an address, and nothing else says why.
   */
  private checkTalosInterfaces(cluster: ClusterChart): void {
    const interfaces = this.props.interfaces ?? DEFAULT_INTERFACES;
    if (!runsTalos(cluster.platform.preinstalled) || !namesLegacyInterfacesOnly(interfaces)) {
      return;
    }
    reportFinding(cluster, {
      layer: 'references', severity: 'warning', field: 'loadBalancer.interfaces',
      message: `the L2 announcements of cluster "${cluster.clusterName}" name ${interfaces.join(', ')} alone, a legacy name that a Talos node `
        + 'installed anew does not have: Talos names interfaces predictably (eno1, ens18 on a Proxmox VM, enp1s0) unless its kernel\'s '
        + 'command line carries net.ifnames=0, and no node would then answer ARP for the pools\' addresses',
      hint: 'give ciliumLoadBalancer() the interfaces `talosctl get links` shows on the nodes, e.g. interfaces: [\'ens18\']; keep eth0 only where the nodes boot with net.ifnames=0',
    });
  }

  public serviceSettings(request: LoadBalancerRequest): LoadBalancerSettings {
    // LB-IPAM allocates a requested address only from one of its pools; any other leaves the Service pending.
    requireServedAddresses(request, this.props.pools, 'Cilium LB-IPAM');
    const addresses = requestedAddresses(request).map((a) => a.address);
    return { annotations: addresses.length > 0 ? { [CILIUM_LB_IPS_ANNOTATION]: addresses.join(',') } : {} };
  }

  /** Addresses the pools hold, together. */
  public get capacity(): number {
    // An IPv6 pool may hold more addresses than a number counts exactly; it never runs out here.
    return this.props.pools.reduce((sum, pool) => sum + (pool.family === undefined ? NaN : Number(pool.lastValue! - pool.firstValue! + 1n)), 0);
  }

  private checkCapacity(cluster: ClusterChart): void {
    const claims: AddressClaim[] = [];
    const gatewayAddress = cluster.routes.address;
    if (gatewayAddress && this.props.pools.includes(gatewayAddress.pool)) {
      claims.push({ owner: `the ingress (${cluster.routes.name})`, address: gatewayAddress.address });
    }
    for (const construct of cluster.node.findAll()) {
      if (construct instanceof ApiObject && construct.kind === 'Service' && construct.apiVersion === 'v1') {
        const manifest = manifestOf(construct) as { metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: { type?: string; loadBalancerClass?: string } };
        if (manifest.spec?.type !== 'LoadBalancer' || manifest.spec.loadBalancerClass) {
          continue;
        }
        claims.push({
          owner: `Service ${manifest.metadata.namespace ?? 'default'}/${manifest.metadata.name}`,
          address: manifest.metadata.annotations?.[CILIUM_LB_IPS_ANNOTATION],
          scope: construct,
        });
      }
    }
    // An address asked for twice is reported once, on the prop that asks for it, by the site's check of
    // addresses (checkAddressesUnique); here it counts once.
    const taken = new Map<string, string>();
    for (const claim of claims.filter((c) => c.address && !taken.has(c.address))) {
      taken.set(claim.address!, claim.owner);
    }
    let free = this.capacity - taken.size;
    for (const claim of claims.filter((c) => !c.address)) {
      if (free > 0) {
        free -= 1;
      } else if (claim.scope) {
        reportFinding(claim.scope, {
          layer: 'inventory', severity: 'error', field: 'spec.type',
          message: `${claim.owner} needs a load-balancer address, but the pools ${this.props.pools.map((p) => `${p.name} (${p.range})`).join(', ')} have none left: ${[...taken.values()].join(', ')} hold them`,
          hint: 'expose it through the Gateway with a route, or add addresses to the pool in the inventory',
        });
      }
    }
  }
}

/** A pool as one Cilium block; a single address keeps `start` and `stop` equal. */
function poolBlock(pool: AddressPool): { start: string; stop: string } {
  // Both ends are validated addresses of the inventory, of one family.
  if (pool.family === undefined) {
    throw new Error(`pool "${pool.name}" (${pool.range}) is no range of addresses`);
  }
  return { start: pool.first, stop: pool.last };
}

/** The options of `ciliumLoadBalancer()`, for callers the type checker does not see. */
const CILIUM_LOAD_BALANCER_PROPS_SHAPE = {
  pools: { '[]': ADDRESS_POOL_SHAPE }, l2PolicyName: 'string', interfaces: 'strings',
  lease: { duration: 'duration', renewDeadline: 'duration', retryPeriod: 'duration' } satisfies Record<keyof CiliumL2Lease, PropShape>,
} as const satisfies Record<keyof CiliumLoadBalancerProps, PropShape>;

/**
 * What client-go's leader election, which Cilium's announcer runs on, refuses at start: a renew deadline
 * not shorter than the lease, or not longer than the retry period with its jitter (1.2 times).
 */
function leaseProblems(lease: CiliumL2Lease | undefined): PropProblem[] {
  const duration = goDurationMilliseconds(lease?.duration);
  const renewDeadline = goDurationMilliseconds(lease?.renewDeadline);
  const retryPeriod = goDurationMilliseconds(lease?.retryPeriod);
  if (duration === undefined || renewDeadline === undefined || retryPeriod === undefined) {
    return [];
  }
  const problems: PropProblem[] = [];
  if (renewDeadline >= duration) {
    problems.push({
      field: 'lease.renewDeadline', message: `the renew deadline ${lease!.renewDeadline} is not shorter than the lease duration ${lease!.duration}, which Cilium's agent refuses at start`,
      hint: 'give renewDeadline a shorter duration than duration, e.g. 1s for a lease of 3s',
    });
  }
  if (renewDeadline <= retryPeriod * 1.2) {
    problems.push({
      field: 'lease.retryPeriod', message: `the retry period ${lease!.retryPeriod} (with its jitter of 1.2 times) is not shorter than the renew deadline ${lease!.renewDeadline}, which Cilium's agent refuses at start`,
      hint: 'give retryPeriod at most a fifth of renewDeadline or so, e.g. 200ms for a renew deadline of 1s',
    });
  }
  return problems;
}

/** Interface patterns Cilium's agent compiles with Go's regexp: one that does not compile stops the announcements. */
function interfaceProblems(interfaces: unknown): PropProblem[] {
  return (Array.isArray(interfaces) ? interfaces : []).flatMap((pattern, i) => {
    const problem = typeof pattern === 'string' ? regexProblem(pattern) : undefined;
    return problem === undefined ? [] : [{
      field: `interfaces[${i}]`, message: `interface pattern "${pattern}" ${problem}`,
      hint: "give a Go regular expression of interface names, e.g. '^eno[0-9]+$' or 'eth0'",
    }];
  });
}

/** Load balancers through Cilium LB-IPAM, announced on the LAN with L2 announcements. */
export function ciliumLoadBalancer(given: CiliumLoadBalancerProps): CiliumLoadBalancer {
  // Called with nothing, it reports the props it needs rather than failing on them.
  const props = given ?? ({} as CiliumLoadBalancerProps);
  return checkedChoice(new CiliumLoadBalancer(props), 'ciliumLoadBalancer()', props, CILIUM_LOAD_BALANCER_PROPS_SHAPE, {
    required: [
      ['pools', 'list the inventory pools LB-IPAM hands addresses out of: ciliumLoadBalancer({ pools: [site.pools.vips] })'],
      ['lease.duration', "give the lease's duration, e.g. '3s'"],
      ['lease.renewDeadline', "give the lease's renew deadline, shorter than its duration, e.g. '1s'"],
      ['lease.retryPeriod', "give the lease's retry period, e.g. '200ms'"],
    ],
  }, [...leaseProblems(props?.lease), ...interfaceProblems(props?.interfaces), ...poolListProblems('ciliumLoadBalancer()', props?.pools)]);
}
