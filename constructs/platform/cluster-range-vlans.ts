import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { distributionRanges, rangeVlanProblems } from './cluster-ranges';
import type { Preinstalled } from './component';

/**
 * Reports each VLAN of the cluster's site inside its pod or Service range, on `site.vlans.<name>`: the ranges
 * its distribution declares (or that distribution's defaults), with the pod range of a CNI that hands out
 * pod addresses itself (Cilium's cluster-pool) in the place of the distribution's.
 */
export function reportRangeVlans(cluster: ClusterChart, declared: readonly Preinstalled[]): void {
  const distribution = declared.find((d) => d.distribution !== undefined);
  const ranges = distribution === undefined ? [] : distributionRanges(distribution);
  const cniPods = cluster.cni?.podRanges;
  const inForce = cniPods === undefined ? ranges : [...cniPods, ...ranges.filter((r) => r.what !== 'pod range')];
  const vlans = Object.entries(cluster.site.vlans);
  for (const { vlan, message, hint } of rangeVlanProblems(vlans.map(([, v]) => v), inForce)) {
    const name = vlans.find(([, v]) => v === vlan)![0];
    reportFinding(cluster, { layer: 'inventory', severity: 'error', field: `site.vlans.${name}`, message, hint });
  }
}
