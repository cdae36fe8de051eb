import type { Bridge } from '../inventory/bridge';
import type { Host } from '../inventory/host';
import type { InventoryObject } from '../inventory/problems';
import type { Site } from '../inventory/site';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { AddressPool } from '../inventory/address-pool';

/** Every inventory object a cluster reaches: its site, the site's pools, VLANs, exports and machines, its hosts. */
export function inventoryObjects(site: Site<any, any, any, any>, clusterHosts: readonly Host<any, any>[]): InventoryObject[] {
  const objects = new Set<InventoryObject>([site]);
  const add = (object: unknown) => {
    if (object && typeof object === 'object' && Array.isArray((object as InventoryObject).problems)) {
      objects.add(object as InventoryObject);
    }
  };
  Object.values(site.pools ?? {}).forEach(add);
  Object.values(site.vlans ?? {}).forEach(add);
  Object.values(site.nfs ?? {}).forEach(add);
  Object.values(site.externalHosts ?? {}).forEach(add);
  for (const host of [...(site.hosts ?? []), ...(Array.isArray(clusterHosts) ? clusterHosts : [])]) {
    add(host);
    Object.values(host?.zfs ?? {}).forEach(add);
    for (const bridge of Object.values<Bridge>(host?.bridges ?? {})) {
      add(bridge);
      add(bridge.vlan);
    }
  }
  return [...objects];
}

/**
 * Problems inventory objects recorded in their facts (an address outside its pool, a reversed pool, a host
 * address that is no IPv4 address, …), each reported once per run, with the first cluster that reaches it.
 */
export function checkInventoryProblems(cluster: SynthesizedCluster, all: readonly SynthesizedCluster[], usedAddresses: ReadonlySet<string> = new Set()): Finding[] {
  const index = all.indexOf(cluster);
  // An address taken outside its pool and used by a load balancer is reported where it is used, with the
  // construct path; the pool's record of it would say the same again.
  const used = new Set([...usedAddresses].map((address) => `at("${address}")`));
  const earlier = new Set(all.slice(0, Math.max(index, 0)).flatMap((c) => inventoryObjects(c.chart.site, c.chart.hosts)));
  return inventoryObjects(cluster.chart.site, cluster.chart.hosts)
    .filter((object) => !earlier.has(object))
    .flatMap((object) => object.problems.filter((problem) => !(object instanceof AddressPool && used.has(problem.field))).map((problem): Finding => ({
      layer: 'inventory', severity: 'error', constructPath: object.inventoryPath,
      field: problem.field, message: problem.message, hint: problem.hint,
    })));
}
