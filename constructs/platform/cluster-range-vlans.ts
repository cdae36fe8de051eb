import { networkBounds } from '../inventory/vlan';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { ClusterRange, distributionRanges, overlaps, rangeAddressProblems, rangeHolding, rangeHoldingEveryNode, rangeVlanProblems } from './cluster-ranges';
import { ignoredPodRanges, podServiceOverlaps, poolRangeOverlaps } from './cluster-range-overlaps';
import type { Preinstalled } from './component';

/** The ranges in force and where they come from: the distribution's (its declaration's, else its defaults), a CNI's own pod ranges in the place of its pod range. */
export interface RangesInForce {
  /** The index of the distribution's declaration among `preinstalled`, -1 without one. */
  readonly index: number;
  /** The distribution's ranges. */
  readonly ranges: readonly ClusterRange[];
  /** The pod ranges of a CNI that hands out pod addresses itself. @default - none: the distribution's are in force */
  readonly cniPods?: readonly ClusterRange[];
  /** The pod and Service ranges the cluster runs with. */
  readonly inForce: readonly ClusterRange[];
}

/** The pod and Service ranges of `cluster`, by the declarations of its `preinstalled` and its CNI. */
export function rangesInForce(cluster: ClusterChart, declared: readonly Preinstalled[]): RangesInForce {
  const index = declared.findIndex((d) => d.distribution !== undefined);
  const ranges = index === -1 ? [] : distributionRanges(declared[index]);
  const cniPods = cluster.cni?.podRanges;
  return { index, ranges, cniPods, inForce: cniPods === undefined ? ranges : [...cniPods, ...ranges.filter((r) => r.what !== 'pod range')] };
}

/**
 * Reports each VLAN of the cluster's site inside its pod or Service range, on `site.vlans.<name>`, and each
 * node or external host whose address lies in one off those VLANs (on `hosts[i]`, `site.externalHosts.<name>`; a range
 * that holds every node is one error on the prop that gives it, naming them): the ranges
 * its distribution declares (or that distribution's defaults), with the pod range of a CNI that hands out
 * pod addresses itself (Cilium's cluster-pool) in the place of the distribution's. So is a pod range inside
 * a Service range (on the prop that gives it), and a load-balancer pool of the site inside either (on
 * `site.pools.<name>`); a pod range the distribution was given that such a CNI does not hand out is a warning.
 */
export function reportRangeVlans(cluster: ClusterChart, declared: readonly Preinstalled[]): void {
  declared.forEach((d, i) => {
    for (const kind of ['pods', 'services'] as const) {
      (d.clusterRanges?.[kind] ?? []).forEach((cidr, j) => {
        if (networkBounds(cidr) === undefined) {
          reportFinding(cluster, {
            layer: 'props', severity: 'error', field: `preinstalled[${i}].clusterRanges.${kind}[${j}]`,
            message: `"${cidr}" is not a CIDR block, so no VLAN of the site can be checked against it`,
            hint: `write the range as the distribution is configured with it, e.g. '${kind === 'pods' ? '10.244.0.0/16' : '10.96.0.0/12'}'`,
          });
        }
      });
    }
  });
  const { index, ranges, cniPods, inForce } = rangesInForce(cluster, declared);
  // The prop that gives a range: the CNI's own, or the distribution's declaration.
  const fieldOf = (r: ClusterRange | undefined, otherwise: string): string => r?.field === undefined ? otherwise
    : cniPods?.includes(r) ? `cni.${r.field}` : `preinstalled[${index}].${r.field}`;
  for (const ignored of cniPods === undefined ? [] : ignoredPodRanges(ranges, cniPods)) {
    const handed = cniPods!.length > 0 ? `from ${cniPods!.map((r) => `${r.cidr}, ${r.label}`).join('; ')}` : 'from pools of its own';
    reportFinding(cluster, {
      layer: 'props', severity: 'warning', field: fieldOf(ignored, 'preinstalled'),
      message: `${ignored.cidr}, ${ignored.label}, is not what pods get: the CNI (${cluster.cni!.name}) hands out pod addresses itself, ${handed}`,
      hint: `give the range to the CNI (${cniPods!.length > 0 ? `${cluster.cni!.name}({ ${cniPods![0].field ?? 'clusterPoolPodCidrs'}: ['${ignored.cidr}'] })` : 'its pools'}) `
        + `or let it use the nodes' pod ranges (ipamMode: 'kubernetes'); else leave ${ignored.field} out`,
    });
  }
  for (const { range, message, hint } of podServiceOverlaps(inForce)) {
    reportFinding(cluster, { layer: 'props', severity: 'error', field: fieldOf(range, 'preinstalled'), message, hint });
  }
  const vlans = Object.entries(cluster.site.vlans);
  for (const { vlan, message, hint } of rangeVlanProblems(vlans.map(([, v]) => v), inForce)) {
    const name = vlans.find(([, v]) => v === vlan)![0];
    reportFinding(cluster, { layer: 'inventory', severity: 'error', field: `site.vlans.${name}`, message, hint });
  }
  // A machine the pods reach (a node, a machine outside the cluster) is unreachable inside a range too;
  // one on a VLAN reported above is that VLAN's error already.
  const reported = (address: string) => vlans.some(([, v]) => v.contains(address) && inForce.some((r) => v.network !== undefined && overlaps(v.network, networkBounds(r.cidr)!)));
  const nodes = cluster.hosts.map((h, i) => ({ name: h.name, address: h.address, field: `hosts[${i}]` }));
  const outside = Object.entries(cluster.site.externalHosts).map(([key, x]) => ({ name: x.name, address: x.address, field: `site.externalHosts.${key}` }));
  // A range around every node is the range's mistake: one error on the prop that gives it.
  const everyNode = nodes.some((n) => reported(n.address)) ? undefined : rangeHoldingEveryNode(nodes, outside.filter((m) => !reported(m.address)), inForce);
  if (everyNode !== undefined) {
    const { range, message, hint } = everyNode;
    reportFinding(cluster, { layer: 'inventory', severity: 'error', field: fieldOf(range, index === -1 ? 'preinstalled' : `preinstalled[${index}]`), message, hint });
  }
  const heldByRange = (address: string) => everyNode !== undefined && rangeHolding(address, [everyNode.range]) !== undefined;
  for (const [what, machines] of [['node', nodes], ['external host', outside]] as const) {
    const unreported = machines.filter((m) => !reported(m.address) && !heldByRange(m.address));
    for (const { name, message, hint } of rangeAddressProblems(what, unreported, inForce)) {
      reportFinding(cluster, { layer: 'inventory', severity: 'error', field: unreported.find((m) => m.name === name)!.field, message, hint });
    }
  }
  // A range that holds a machine is that machine's error already: a pool in it is the same mistake.
  const holdingMachines = new Set([...nodes, ...outside].filter((m) => !reported(m.address)).map((m) => rangeHolding(m.address, inForce)));
  if (everyNode !== undefined) holdingMachines.add(everyNode.range);
  const pools = Object.entries(cluster.site.pools);
  for (const { pool, message, hint } of poolRangeOverlaps(pools.map(([, p]) => p).filter((p) => !reported(p.first)), inForce.filter((r) => !holdingMachines.has(r)))) {
    reportFinding(cluster, { layer: 'inventory', severity: 'error', field: `site.pools.${pools.find(([, p]) => p === pool)![0]}`, message, hint });
  }
}
