import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { parseIpAddress } from '../inventory/ip-address';
import { networkBounds } from '../inventory/vlan';
import type { ClusterRange } from '../platform/cluster-ranges';
import { rangesInForce } from '../platform/cluster-range-vlans';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';
import { isHeadlessWithoutSelector } from './service-cluster-ips';

// The API server gives a Service its cluster IPs from the Service ranges it runs with, one per family the
// Service asks for: a family it has no range of is refused ("IPv6 is not configured on this cluster"), and
// so is a cluster IP the Service asks for that its allocator cannot hand out ("the provided IP is not in
// the valid range").

const FAMILIES: Readonly<Record<string, 4 | 6>> = { IPv4: 4, IPv6: 6 };

/** Why the allocator of `ranges` cannot hand out `address`, or undefined. Pure. */
function unallocatableProblem(address: string, ranges: readonly ClusterRange[]): string | undefined {
  const ip = parseIpAddress(address);
  if (ip === undefined) {
    return undefined; // no address: the schema layer's
  }
  const own = ranges.filter((r) => networkBounds(r.cidr)?.family === ip.family);
  const holding = own.find((r) => {
    const network = networkBounds(r.cidr)!;
    return ip.value >= network.first && ip.value <= network.last;
  });
  if (holding === undefined) {
    return own.length === 0 ? undefined : `lies outside ${own.map((r) => `${r.cidr} (${r.label})`).join(', ')}, the Service range${own.length > 1 ? 's' : ''} the API server hands cluster IPs from`;
  }
  // The allocator keeps back the network's own address and, in IPv4, its broadcast address (ipallocator.New).
  const network = networkBounds(holding.cidr)!;
  if (ip.value === network.first || (ip.family === 4 && ip.value === network.last && network.last > network.first)) {
    return `is the ${ip.value === network.first ? 'network\'s own' : 'broadcast'} address of ${holding.cidr} (${holding.label}), which the API server never hands out`;
  }
  return undefined;
}

/**
 * Every cluster IP a Service asks for (`spec.clusterIP`, then the rest of `spec.clusterIPs`) that the
 * cluster's Service ranges cannot give: the API server refuses the Service ("failed to allocate IP").
 */
function clusterIpFindings(object: SynthesizedObject, ranges: readonly ClusterRange[]): Finding[] {
  const spec = fields(object.manifest.spec);
  const listed: unknown[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  const asked: Array<[unknown, string]> = typeof spec.clusterIP === 'string' && spec.clusterIP !== ''
    ? [[spec.clusterIP, 'spec.clusterIP'], ...listed.slice(1).map((ip, i): [unknown, string] => [ip, `spec.clusterIPs[${i + 1}]`])]
    : listed.map((ip, i): [unknown, string] => [ip, `spec.clusterIPs[${i}]`]);
  return asked.flatMap(([ip, field]) => {
    const problem = typeof ip === 'string' && ip !== 'None' ? unallocatableProblem(ip, ranges) : undefined;
    return problem === undefined ? [] : [objectFinding(object, {
      layer: 'inventory', severity: 'error', field,
      message: `cluster IP ${ip} ${problem}: the API server refuses the Service ("failed to allocate IP")`,
      hint: `leave the cluster IP out, and the API server picks a free one; a fixed one (a DNS server's, say) is an address inside ${ranges.map((r) => r.cidr).join(' or ')}, not its first or last`,
    })];
  });
}

/**
 * A Service that requires both address families on a cluster whose Service ranges are of one: the API server
 * refuses it ("this cluster is not configured for dual-stack services"), but for a headless Service without a
 * selector, which it takes with the family it has.
 */
function dualStackFindings(object: SynthesizedObject, ranges: readonly ClusterRange[], families: ReadonlySet<unknown>): Finding[] {
  const spec = fields(object.manifest.spec);
  if (spec.ipFamilyPolicy !== 'RequireDualStack' || families.size > 1 || spec.type === 'ExternalName' || isHeadlessWithoutSelector(spec)) {
    return [];
  }
  return [objectFinding(object, {
    layer: 'inventory', severity: 'error', field: 'spec.ipFamilyPolicy',
    message: `the Service requires both address families, but ${ranges.map((r) => `${r.cidr} (${r.label})`).join(', ')} ${ranges.length > 1 ? 'are' : 'is'} the cluster's only Service range: `
      + 'the API server refuses it, as the cluster is not configured for dual-stack services',
    hint: 'set ipFamilyPolicy: PreferDualStack, which takes both families where the cluster has them and one where it has one, or leave it out',
  })];
}

/**
 * Every Service whose `spec.ipFamilies` names a family none of the cluster's Service ranges is of (an IPv6
 * load-balancer address on a cluster of IPv4 ranges), where the ranges are known: those its distribution
 * declares, or that distribution's defaults. One finding per Service, on the family. And every cluster IP a
 * Service asks for outside those ranges, or one the allocator keeps back (see `clusterIpFindings`), and a Service
 * that requires both families of a cluster of one (see `dualStackFindings`).
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
    findings.push(...clusterIpFindings(object, ranges));
    const written = fields(object.manifest.spec).ipFamilies;
    const asked = (Array.isArray(written) ? written : []).map((f) => text(f) ?? '');
    const i = asked.findIndex((f) => FAMILIES[f] !== undefined && !families.has(FAMILIES[f]));
    if (i < 0) {
      // A family the cluster lacks, named, is the finding of a dual-stack Service of a single-stack cluster already.
      findings.push(...dualStackFindings(object, ranges, families));
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
