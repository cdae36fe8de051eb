import type { Host } from '../inventory/host';
import type { SynthesizedCluster } from '../synth/collect';
import type { Site } from '../inventory/site';
import type { Finding } from './finding';

const layer = 'inventory' as const;

/**
 * A cluster has nodes; every node of a cluster is a host of its site, listed once; every machine outside it
 * that it uses is one of its site's.
 */
export function checkSiteInventory(cluster: SynthesizedCluster): Finding[] {
  const site = cluster.chart.site;
  const findings: Finding[] = [];
  // A site given no list of hosts (from JavaScript) has that one finding: its clusters' hosts are not each one more.
  const siteHostsUnknown = site.problems.some((problem) => problem.field === 'hosts');
  if (cluster.chart.hosts.length === 0) {
    findings.push({
      layer, severity: 'error', constructPath: cluster.chart.node.path, field: 'hosts',
      message: `cluster "${cluster.chart.clusterName}" lists no host, so none of its pods could run`,
      hint: `list the hosts of site "${site.name}" that are its nodes: hosts: [host1, host2]`,
    });
  }
  cluster.chart.hosts.forEach((host, i) => {
    const first = cluster.chart.hosts.indexOf(host);
    if (first !== i) {
      findings.push({
        layer, severity: 'error', constructPath: cluster.chart.node.path, field: `hosts[${i}]`,
        message: `host ${host.name} is listed already as hosts[${first}]`,
        hint: 'list each node of the cluster once',
      });
    } else if (!siteHostsUnknown && !site.hosts.includes(host)) {
      findings.push({
        layer, severity: 'error', constructPath: cluster.chart.node.path, field: `hosts[${i}]`,
        message: `host ${host.name} is not a host of site "${site.name}"`,
        hint: `add it to the site's hosts, or take the cluster's hosts from site "${site.name}"`,
      });
    }
  });
  const machines = Object.values<unknown>(site.externalHosts);
  cluster.chart.externalHosts.forEach((machine, i) => {
    if (!machines.includes(machine)) {
      findings.push({
        layer, severity: 'error', constructPath: cluster.chart.node.path, field: `externalHosts[${i}]`,
        message: `machine ${machine.name} is not an external host of site "${site.name}"`,
        hint: `add it to the site's externalHosts, or take the cluster's externalHosts from site "${site.name}"`,
      });
    }
  });
  return findings;
}

/**
 * The site's inventory is consistent: host names, node names and addresses are unique across the site,
 * and address pools do not overlap. Reported against the site's first cluster (`chartPath`).
 */
export function siteInventoryFindings(site: Site<any, any, any, any>, chartPath: string): Finding[] {
  const finding = (field: string, message: string, hint: string): Finding =>
    ({ layer, severity: 'error', constructPath: chartPath, field, message, hint });
  const findings: Finding[] = [];
  const unique = (what: string, key: (h: Host<any, any>) => string | undefined) => {
    const seen = new Map<string, string>();
    site.hosts.forEach((host, i) => {
      const value = key(host);
      if (value === undefined) {
        return;
      }
      const first = seen.get(value);
      if (first !== undefined) {
        findings.push(finding(`site.hosts[${i}].${what}`, `${what} "${value}" of host ${host.name} is taken already by host ${first} of site "${site.name}"`, `give every host of the site its own ${what}`));
      } else {
        seen.set(value, host.name);
      }
    });
  };
  unique('name', (h) => h.name);
  // A node named after its host repeats the host's name: that name's error says it.
  const names = site.hosts.map((h) => h.name);
  unique('nodeName', (h) => h.nodeName === h.name && names.indexOf(h.name) !== names.lastIndexOf(h.name) ? undefined : h.nodeName);
  unique('address', (h) => h.address);
  unique('ipv6Address', (h) => h.ipv6Address);
  site.hosts.forEach((host, i) => {
    host.addresses.forEach((address, a) => {
      for (const vlan of Object.values(site.vlans)) {
        const role = vlan.contains(address) ? vlan.reservedRole(address) : undefined;
        if (role !== undefined) {
          const field = a === 0 ? 'address' : 'ipv6Address';
          findings.push(finding(`site.hosts[${i}].${field}`, `${field} ${address} of host ${host.name} is the ${role} of VLAN ${vlan.id} (${vlan.cidr}), which the host cannot hold`,
            role === 'gateway' ? "give the host its own address: the gateway is the router's" : `give the host an address inside ${vlan.cidr} other than its ${role}`));
        }
      }
    });
  });
  const pools = Object.values(site.pools);
  pools.forEach((pool, i) => {
    const other = pools.slice(0, i).find((p) => p.family !== undefined && p.family === pool.family && p.firstValue! <= pool.lastValue! && pool.firstValue! <= p.lastValue!);
    if (other) {
      findings.push(finding(`site.pools.${pool.name}`, `address pool "${pool.name}" (${pool.range}) overlaps pool "${other.name}" (${other.range})`, 'give each pool its own range, or merge them'));
    }
  });
  return findings;
}
