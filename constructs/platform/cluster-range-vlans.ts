import { networkBounds } from '../inventory/vlan';
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
