import type { SynthesizedCluster } from '../synth/collect';
import { networkBounds } from '../inventory/vlan';
import { rangesInForce } from '../platform/cluster-range-vlans';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

// The API server gives a Service its cluster IPs from the Service ranges it runs with, one per family the
// Service asks for: a family it has no range of is refused ("IPv6 is not configured on this cluster").

const FAMILIES: Readonly<Record<string, 4 | 6>> = { IPv4: 4, IPv6: 6 };

/**
 * Every Service whose `spec.ipFamilies` names a family none of the cluster's Service ranges is of (an IPv6
 * load-balancer address on a cluster of IPv4 ranges), where the ranges are known: those its distribution
 * declares, or that distribution's defaults. One finding per Service, on the family.
 */
export function checkServiceFamilies(cluster: SynthesizedCluster): Finding[] {
  const ranges = rangesInForce(cluster.chart, cluster.chart.platform.preinstalled).ranges.filter((r) => r.what === 'Service range');
  const families = new Set(ranges.map((r) => networkBounds(r.cidr)?.family));
  if (ranges.length === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    if (object.manifest.kind !== 'Service' || object.manifest.apiVersion !== 'v1') {
      continue;
    }
    const written = fields(object.manifest.spec).ipFamilies;
    const asked = (Array.isArray(written) ? written : []).map((f) => text(f) ?? '');
    const i = asked.findIndex((f) => FAMILIES[f] !== undefined && !families.has(FAMILIES[f]));
    if (i < 0) {
      continue;
    }
    const range = ranges[0];
    findings.push(objectFinding(object, {
      layer: 'inventory', severity: 'error', field: `spec.ipFamilies[${i}]`,
      message: `the Service asks for ${asked[i]}, but ${ranges.map((r) => `${r.cidr} (${r.label})`).join(', ')} ${ranges.length > 1 ? 'are' : 'is'} the cluster's only Service range: `
        + `the API server refuses the Service, as ${asked[i]} is not configured on the cluster`,
      hint: range.write !== undefined
        ? `give the Service an address of the cluster's family, or run the cluster dual-stack: an ${asked[i]} range beside ${range.cidr} in ${range.write}, and a pod range of the family`
        : `give the Service an address of the cluster's family: ${range.label} is set by the distribution and has no ${asked[i]} range`,
    }));
  }
  return findings;
}
