import type { AddressPool } from '../inventory/address-pool';
import { networkBounds } from '../inventory/vlan';
import { ClusterRange, overlaps } from './cluster-ranges';

// A cluster's pod range, its Service range and the LAN addresses its load balancers hand out must be apart:
// a pod address inside the Service range is taken by kube-proxy (or Cilium) for a Service, and a
// load-balancer address inside either is routed into the cluster instead of to the node that announces it.

/** A problem of ranges in force, on the range the owner gave (its `field`), else on `at`. */
export interface RangeOverlapProblem {
  /** The range the owner gave, the one to move; undefined when both are defaults. */
  readonly range?: ClusterRange;
  /** What is wrong, naming both. */
  readonly message: string;
  /** How to move one off the other. */
  readonly hint: string;
}

/**
 * Pod ranges inside a Service range of the same cluster, where at least one of the two was given (two
 * defaults are the distribution's own choice): on the given pod range, else on the given Service range. A
 * pod range around the whole Service range is none (kube-controller-manager leaves the Service range out of
 * the nodes' podCIDRs, and Cilium's cluster-pool default 10.0.0.0/8 holds the usual 10.96.0.0/12). Pure.
 */
export function podServiceOverlaps(ranges: readonly ClusterRange[]): RangeOverlapProblem[] {
  const pods = ranges.filter((r) => r.what === 'pod range');
  const services = ranges.filter((r) => r.what === 'Service range');
  const inside = (pod: ClusterRange, service: ClusterRange): boolean => {
    const p = networkBounds(pod.cidr)!;
    const s = networkBounds(service.cidr)!;
    return overlaps(p, s) && s.first <= p.first && p.last <= s.last;
  };
  return pods.flatMap((pod) => services
    .filter((service) => (pod.given || service.given) && inside(pod, service))
    .map((service) => {
      const moved = pod.given ? pod : service;
      const other = moved === pod ? service : pod;
      return {
        range: moved,
        message: `${pod.cidr}, ${pod.label}, lies in ${service.cidr}, ${service.label}: a pod given an address there is shadowed by a Service's, and traffic to it never reaches the pod`,
        hint: `give ${moved.write ?? 'the cluster'} a ${moved.what} apart from ${other.cidr}${other.given ? `, or move ${other.cidr}` : ''}: the usual pair is the pod range 10.244.0.0/16 and the Service range 10.96.0.0/12`,
      };
    }));
}

/**
 * Load-balancer pools of the site whose addresses lie in a pod or Service range of the cluster: its pods,
 * and its nodes, route them into the cluster instead of to the node that announces them, so the
 * LoadBalancer Services (and VIPs) taken from them are out of the cluster's own reach. Pure.
 */
export function poolRangeOverlaps(pools: readonly AddressPool[], ranges: readonly ClusterRange[]): Array<RangeOverlapProblem & { readonly pool: AddressPool }> {
  return pools.flatMap((pool) => {
    const range = ranges.find((r) => {
      const network = networkBounds(r.cidr)!;
      return pool.family === network.family && pool.firstValue !== undefined && pool.lastValue !== undefined
        && pool.firstValue <= network.last && network.first <= pool.lastValue;
    });
    return range === undefined ? [] : [{
      pool, range: range.given ? range : undefined,
      message: `pool "${pool.name}" (${pool.range}) lies in ${range.cidr}, ${range.label}: the cluster routes its addresses to pods or Services, never to the node that announces a LoadBalancer address`,
      hint: `take the pool's addresses from the LAN, outside ${range.cidr}${range.move.startsWith('give ') ? `, or ${range.move}` : ''}`,
    }];
  });
}

/**
 * The pod ranges the distribution was given (`podSubnets`, `--cluster-cidr`) that the CNI does not hand out:
 * with its own IPAM (Cilium's cluster-pool or multi-pool) pods get the CNI's ranges instead. Pure.
 */
export function ignoredPodRanges(distribution: readonly ClusterRange[], cniPods: readonly ClusterRange[]): ClusterRange[] {
  return distribution.filter((r) => r.what === 'pod range' && r.given && !cniPods.some((c) => c.cidr === r.cidr));
}
