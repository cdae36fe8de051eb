import { networkBounds } from '../inventory/vlan';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { distributionRanges, overlaps, rangeAddressProblems, rangeVlanProblems } from './cluster-ranges';
import type { Preinstalled } from './component';

/**
 * Reports each VLAN of the cluster's site inside its pod or Service range, on `site.vlans.<name>`, and each
 * node or external host whose address lies in one off those VLANs (on `hosts[i]`, `site.externalHosts.<name>`): the ranges
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
  // A machine the pods reach (a node, a machine outside the cluster) is unreachable inside a range too;
  // one on a VLAN reported above is that VLAN's error already.
  const reported = (address: string) => vlans.some(([, v]) => v.contains(address) && inForce.some((r) => v.network !== undefined && overlaps(v.network, networkBounds(r.cidr)!)));
  const nodes = cluster.hosts.map((h, i) => ({ name: h.name, address: h.address, field: `hosts[${i}]` }));
  const outside = Object.entries(cluster.site.externalHosts).map(([key, x]) => ({ name: x.name, address: x.address, field: `site.externalHosts.${key}` }));
  for (const [what, machines] of [['node', nodes], ['external host', outside]] as const) {
    const unreported = machines.filter((m) => !reported(m.address));
    for (const { name, message, hint } of rangeAddressProblems(what, unreported, inForce)) {
      reportFinding(cluster, { layer: 'inventory', severity: 'error', field: unreported.find((m) => m.name === name)!.field, message, hint });
    }
  }
}
