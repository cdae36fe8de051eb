import type { Bridge } from '../inventory/bridge';
import type { Host } from '../inventory/host';
import type { InventoryObject } from '../inventory/problems';
import type { Site } from '../inventory/site';
import type { ClusterFacts } from './cluster-facts';
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

/** A problem an inventory object recorded in its facts, as plain data. */
export interface InventoryProblemFact {
  /** The object's inventory path, e.g. `inventory/site/lab/pools/vips`. */
  readonly object: string;
  /** Whether the object is an address pool. */
  readonly pool: boolean;
  /** Field of the object. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. @default - none */
  readonly hint?: string;
  /** The address a pool's `at()` handed out despite the problem. @default - none */
  readonly address?: string;
  /** `warning` for facts that are sound but do not do what they say. @default 'error' */
  readonly severity?: 'warning';
}

/** The problems recorded by every inventory object a cluster reaches. */
export function inventoryProblems(site: Site<any, any, any, any>, clusterHosts: readonly Host<any, any>[]): InventoryProblemFact[] {
  return inventoryObjects(site, clusterHosts).flatMap((object) => object.problems.map((problem) => ({
    object: object.inventoryPath, pool: object instanceof AddressPool, field: problem.field, message: problem.message, hint: problem.hint,
    ...(problem.address === undefined ? {} : { address: problem.address }),
    ...(problem.severity === undefined ? {} : { severity: problem.severity }),
  })));
}

/**
 * Problems inventory objects recorded in their facts (an address outside its pool, a reversed pool, a host
 * address that is no IPv4 address, …), each reported once per run, with the first cluster that reaches it.
 */
export function checkInventoryProblems(clusters: readonly ClusterFacts[]): Finding[] {
  // An address a pool's at() handed out despite a problem and a load balancer uses is reported where it is
  // used, on the prop the user wrote; the pool's record of it would say the same again.
  const used = new Set(clusters.flatMap((c) => c.addressClaims.map((claim) => claim.address)));
  const reported = new Set<string>();
  const findings: Finding[] = [];
  for (const cluster of clusters) {
    for (const problem of cluster.inventoryProblems) {
      const key = JSON.stringify([problem.object, problem.field, problem.message, problem.hint]);
      if (reported.has(key) || (problem.address !== undefined && used.has(problem.address))) {
        continue;
      }
      reported.add(key);
      findings.push({ layer: 'inventory', severity: problem.severity ?? 'error', constructPath: problem.object, field: problem.field, message: problem.message, hint: problem.hint });
    }
  }
  return findings;
}
