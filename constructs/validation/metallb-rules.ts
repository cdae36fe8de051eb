import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { networkOf, parseIpBlock } from '../inventory/ip';
import { parseIpAddress } from '../inventory/ip-address';
import { AddFinding, fields, namespaceOf, text } from './manifest';

// What MetalLB's webhook refuses in IPAddressPools and advertisements although their CRD schemas allow it:
// the webhook parses the whole configuration with the new object in it (config.For) and refuses it when
// that fails, so a strict server-side dry-run refuses these as the API server's own rules.

/** The addresses an entry of a pool's `addresses` stands for, as one interval of one family. */
export interface AddressSpan {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/** An entry of a pool that MetalLB reads, with where it was written. */
interface PoolEntry extends AddressSpan {
  readonly object: SynthesizedObject;
  readonly pool: string;
  readonly namespace: string;
  readonly written: string;
  readonly inventory: boolean;
}

/**
 * What an entry of `addresses` stands for (ParseCIDR): a CIDR block `a.b.c.d/nn`, or a range `first-last` of
 * one family whose first address is not after its last; else why MetalLB refuses it and how to write it.
 */
export function spanOf(written: string): AddressSpan | { readonly message: string; readonly hint: string } {
  if (!written.includes('-')) {
    const block = parseIpBlock(written);
    if (block) {
      const first = networkOf(block);
      return { family: block.family, first, last: first + (1n << BigInt(block.bits - block.prefix)) - 1n };
    }
    const single = parseIpAddress(written.trim());
    return {
      message: `address ${JSON.stringify(written)} is neither a CIDR block nor a range, so MetalLB's webhook refuses the pool`,
      hint: single ? `write one address as a block of one: '${single.text}/${single.family === 4 ? 32 : 128}'` : "write a CIDR block (e.g. '192.168.1.240/28') or a range (e.g. '192.168.1.240-192.168.1.250')",
    };
  }
  const [from, to] = written.split('-', 2).map((part) => parseIpAddress(part.trim()));
  if (from === undefined || to === undefined || from.family !== to.family) {
    return {
      message: `range ${JSON.stringify(written)} is not two addresses of one family, so MetalLB's webhook refuses the pool`,
      hint: "write 'first-last' of one family, e.g. '192.168.1.240-192.168.1.250'",
    };
  }
  if (from.value > to.value) {
    return {
      message: `range ${JSON.stringify(written)} starts after it ends, so MetalLB's webhook refuses the pool`,
      hint: `write the lower address first: '${to.text}-${from.text}'`,
    };
  }
  return { family: from.family, first: from.value, last: to.value };
}

/** Whether the pool was rendered from the site's inventory, whose overlapping pools the inventory reports. */
function fromInventory(cluster: SynthesizedCluster, name: string, addresses: readonly unknown[]): boolean {
  const pool = Object.values(cluster.chart.site.pools).find((p) => p.name === name);
  return pool !== undefined && addresses.length === 1 && addresses[0] === pool.range;
}

/**
 * The IPAddressPools of a cluster (config.go: addressPoolFromCR, ParseCIDR, poolsFor): each address is a
 * CIDR block or a range whose start is not after its end, and no two entries of the pools of one namespace
 * (MetalLB reads those of its own) overlap. Overlaps between two pools of the site's inventory, and a pool
 * of the inventory that is no range, are the inventory's to report.
 */
export function checkAddressPools(cluster: SynthesizedCluster, adderFor: (object: SynthesizedObject) => AddFinding): void {
  const seen: PoolEntry[] = [];
  for (const object of cluster.objects) {
    if (object.manifest.kind !== 'IPAddressPool' || !String(object.manifest.apiVersion).startsWith('metallb.io/')) {
      continue;
    }
    const add = adderFor(object);
    const pool = text(fields(object.manifest.metadata).name) ?? '';
    const namespace = namespaceOf(object);
    const addresses = Array.isArray(fields(object.manifest.spec).addresses) ? fields(object.manifest.spec).addresses as unknown[] : [];
    const inventory = fromInventory(cluster, pool, addresses);
    addresses.forEach((address, i) => {
      if (typeof address !== 'string') {
        return;
      }
      const field = `spec.addresses[${i}]`;
      const span = spanOf(address);
      if ('message' in span) {
        // A pool of the site's inventory that is no range is the inventory's to report, on the site's pools.
        if (!inventory) {
          add(field, span.message, span.hint);
        }
        return;
      }
      const other = seen.find((e) => e.namespace === namespace && e.family === span.family && e.first <= span.last && span.first <= e.last && !(inventory && e.inventory && e.object !== object));
      if (other) {
        add(field, `${address} of pool "${pool}" overlaps ${other.written} of pool "${other.pool}"; MetalLB's webhook refuses pools that share an address`,
          other.pool === pool ? 'list each address once in the pool' : `give each pool its own addresses, or take ${address} out of one of them`);
      }
      // Written out field by field: a spread with more fields after it takes V8 (Node 20) a slow path, some microseconds a field.
      seen.push({ family: span.family, first: span.first, last: span.last, object, pool, namespace, written: address, inventory });
    });
  }
}

/**
 * An L2Advertisement or BGPAdvertisement names each pool once (l2AdvertisementFromCR, bgpAdvertisementFromCR:
 * validateDuplicate). A pool it names that does not exist is skipped by MetalLB, not refused.
 */
export function checkAdvertisement(object: SynthesizedObject, add: AddFinding): void {
  const pools = fields(object.manifest.spec).ipAddressPools;
  if (!Array.isArray(pools)) {
    return;
  }
  pools.forEach((pool, i) => {
    if (typeof pool === 'string' && pools.indexOf(pool) < i) {
      add(`spec.ipAddressPools[${i}]`, `pool "${pool}" is listed twice; MetalLB's webhook refuses an advertisement that names a pool twice`, `list "${pool}" once`);
    }
  });
}

/** The kinds whose `spec.ipAddressPools` list MetalLB reads. */
export const ADVERTISEMENT_KINDS: ReadonlySet<unknown> = new Set(['L2Advertisement', 'BGPAdvertisement']);

/** What marks the configuration file MetalLB read from a ConfigMap before 0.13: its pools and its BGP peers. */
const LEGACY_CONFIG = /^\s*(address-pools|peers)\s*:/m;

/**
 * A ConfigMap of MetalLB's configuration file as posts before MetalLB 0.13 wrote it (`config` in
 * metallb-system): MetalLB 0.13 and later read only their custom resources, so the pools in it are never
 * announced and every LoadBalancer Service stays pending.
 */
export function checkLegacyMetalLbConfig(object: SynthesizedObject, add: AddFinding): void {
  const config = fields(object.manifest.data).config;
  if (typeof config !== 'string' || !LEGACY_CONFIG.test(config)) {
    return;
  }
  add('data.config', `ConfigMap ${namespaceOf(object)}/${text(fields(object.manifest.metadata).name) ?? ''} holds MetalLB's configuration file of before 0.13, which the MetalLB the cluster runs no longer reads: its pools are never announced`,
    "drop the ConfigMap and give the cluster loadBalancer: metalLb({ pools: [site.pools.<name>] }), which writes an IPAddressPool (spec.addresses: the pool's 'first-last' range) and an L2Advertisement naming it (spec.ipAddressPools), the objects that replaced address-pools and protocol: layer2; a BGP peer is now a BGPPeer with a BGPAdvertisement");
}
