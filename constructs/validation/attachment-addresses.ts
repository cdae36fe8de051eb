import type { AddressPool } from '../inventory/address-pool';
import { formatIpAddress, parseIpAddress } from '../inventory/ip-address';
import { type IpBlock, parseIpBlock } from '../inventory/ip';
import type { Vlan } from '../inventory/vlan';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { addressClaims } from './addresses';
import { attachmentsOf, cniPlugins, taggedLink } from './attachment-vlans';
import type { Finding } from './finding';
import { fields, type Fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { podTemplates } from './pod-spec';

// A Multus attachment with the static IPAM plugin (Home Assistant or Pi-hole at a fixed address of the IoT
// VLAN) gives each pod that attaches it the address written in `ipam.addresses`. The plugin reads each as an
// address with its prefix and its gateway inside that network; a bare address makes the pod's sandbox fail,
// an address outside the VLAN the attachment is on reaches no neighbour, and one a router, a host of the
// inventory or a second pod already holds answers ARP for two machines.

const layer = 'inventory' as const;
const FIELD = 'spec.config';

/** The static IPAM section of each plugin of a CNI config (one plugin, or a list of `plugins`). Pure. */
function staticIpams(config: unknown): Fields[] {
  return cniPlugins(config).map((plugin) => fields(plugin.ipam)).filter((ipam) => text(ipam.type) === 'static');
}

/** Whether `address` lies in the network of `block`. Pure. */
function inBlock(block: IpBlock, address: string): boolean {
  const value = parseIpAddress(address);
  if (value === undefined || value.family !== block.family) {
    return false;
  }
  const shift = BigInt(block.bits - block.prefix);
  return (value.value >> shift) === (block.address >> shift);
}

/** The network `block` lies in, as `a.b.c.d/p`. Pure. */
function networkText(block: IpBlock): string {
  const shift = BigInt(block.bits - block.prefix);
  return `${formatIpAddress(block.family, (block.address >> shift) << shift)}/${block.prefix}`;
}

/**
 * Static addresses of hand-written NetworkAttachmentDefinitions: each written with its prefix, its gateway
 * (and each route's `gw`) in its own network, inside the VLAN the attachment is on (where the site declares
 * it), on no address of that VLAN's router or boundary, a host of the cluster, a Service's load-balancer
 * address, an auto-assigned pool or another definition, and attached by one pod at a time. One error on the
 * definition's `spec.config` for each. Linear in the cluster's objects and the site's hosts and pools.
 */
export function checkAttachmentAddresses(cluster: SynthesizedCluster): Finding[] {
  const definitions = indexOf(cluster.objects).of('NetworkAttachmentDefinition');
  if (definitions.length === 0) {
    return [];
  }
  const vlans = Object.values(cluster.chart.site?.vlans ?? {}) as Vlan[];
  const findings: Finding[] = [];
  const report = (object: SynthesizedObject, message: string, hint: string) => findings.push(objectFinding(object, { layer, severity: 'error', field: FIELD, message, hint }));
  const crowded = crowdedAttachments(cluster);
  // Load-balancer addresses by their canonical text, and who takes each.
  const claimed = new Map(addressClaims(cluster).map((c) => [parseIpAddress(c.address)?.text ?? c.address, c.owner]));
  const pools = Object.values(cluster.chart.site?.pools ?? {}) as AddressPool[];
  // Static addresses by VLAN id and address, and the definition that took each first.
  const taken = new Map<string, string>();
  for (const definition of definitions) {
    const config = fields(definition.manifest.spec).config;
    const ipams = staticIpams(config);
    if (ipams.length === 0) {
      continue;
    }
    const link = taggedLink(config);
    const key = `${text(definition.manifest.metadata.namespace) ?? 'default'}/${text(definition.manifest.metadata.name)}`;
    // A static IPAM without addresses takes each pod's own from its annotation's `ips` (the `ips` capability).
    const many = ipams.some((ipam) => list(ipam.addresses).length > 0) ? crowded.get(key) : undefined;
    if (many !== undefined) {
      report(definition, `its static IPAM gives one address to every pod that attaches it, and ${many} run${many.includes(' and ') ? '' : 's'} more than one pod at a time: they answer for one address on the LAN`,
        'give each pod its own attachment with its own address, or run one replica (a Deployment with strategy: { type: \'Recreate\' }), or use a DHCP or whereabouts IPAM that hands out a range');
    }
    for (const ipam of ipams) {
      list(ipam.addresses).forEach((entry, i) => {
        const written = text(entry.address);
        if (written === undefined) {
          return;
        }
        const where = `ipam.addresses[${i}].address ${written}`;
        const vlan = link === undefined ? undefined : vlans.find((v) => v.id === link.id && v.network?.family === parseIpAddress(written.split('/')[0])?.family);
        const block = parseIpBlock(written);
        if (block === undefined) {
          const bare = parseIpAddress(written);
          if (bare !== undefined) {
            const prefix = vlan?.prefixLength ?? (bare.family === 4 ? 24 : 64);
            report(definition, `${where} has no prefix: the static IPAM plugin reads an address in CIDR notation and fails the pod's sandbox on a bare one`,
              `write it with its network's prefix: "address": "${bare.text}/${prefix}"`);
          }
          return;
        }
        const address = written.split('/')[0];
        const gateway = text(entry.gateway);
        if (gateway !== undefined && parseIpAddress(gateway) !== undefined && !inBlock(block, gateway)) {
          report(definition, `ipam.addresses[${i}].gateway ${gateway} is outside ${networkText(block)}, the network of its address: the pod has no route to it`,
            `give the router's address on that network${vlan?.gateway === undefined ? '' : ` (${vlan.name}'s gateway is ${vlan.gateway})`}, or the address's prefix that takes the gateway in`);
        }
        if (vlan === undefined || link === undefined) {
          return;
        }
        if (!vlan.contains(address)) {
          report(definition, `${where} is outside VLAN ${vlan.id} (${vlan.name}, ${vlan.cidr}), which its ${link.written} puts the pod on: no neighbour on that segment answers it`,
            `take a free address of ${vlan.cidr}${vlan.gateway === undefined ? '' : ` with "gateway": "${vlan.gateway}"`}`);
          return;
        }
        const role = vlan.reservedRole(address);
        const holder = role === undefined ? cluster.chart.hosts.find((h) => h.addresses.some((a) => parseIpAddress(a)?.text === parseIpAddress(address)?.text)) : undefined;
        if (role !== undefined || holder !== undefined) {
          report(definition, `${where} is ${role === undefined ? `host ${holder?.name}'s address` : `the ${role} of VLAN ${vlan.id} (${vlan.name})`}: two machines would answer for it`,
            `take a free address of ${vlan.cidr} that neither the router nor a host of the inventory holds`);
          return;
        }
        const claim = claimed.get(parseIpAddress(address)?.text ?? address);
        if (claim !== undefined) {
          report(definition, `${where} is the load-balancer address ${claim} takes: the Service and the pod would both answer for it`,
            `take another free address of ${vlan.cidr}, or reach the app at the Service's address and leave the attachment out`);
          return;
        }
        const pool = pools.find((p) => p.autoAssign && p.contains(address));
        if (pool !== undefined) {
          report(definition, `${where} lies in load-balancer pool ${pool.name} (${pool.range}), whose addresses the load balancer hands to Services: a Service given it would answer for it beside the pod`,
            `take an address of ${vlan.cidr} outside ${pool.range}, or narrow the pool to leave it out`);
          return;
        }
        const seen = `${vlan.id} ${parseIpAddress(address)?.text}`;
        const earlier = taken.get(seen);
        if (earlier !== undefined && earlier !== key) {
          report(definition, `${where} is NetworkAttachmentDefinition ${earlier}'s static address on VLAN ${vlan.id} already: two pods would answer for it`,
            `give each attachment an address of its own of ${vlan.cidr}`);
        }
        taken.set(seen, earlier ?? key);
      });
      list(ipam.routes).forEach((route, r) => {
        const gw = text(route.gw);
        const blocks = list(ipam.addresses).map((entry) => parseIpBlock(text(entry.address))).filter((b): b is IpBlock => b !== undefined);
        const family = parseIpAddress(gw)?.family;
        const own = blocks.filter((b) => b.family === family);
        if (gw !== undefined && own.length > 0 && !own.some((b) => inBlock(b, gw))) {
          report(definition, `ipam.routes[${r}].gw ${gw} is in none of the attachment's networks (${own.map(networkText).join(', ')}): the kernel refuses a route via a gateway it cannot reach`,
            'route via the router of the attachment\'s own network, or leave gw out to use the address\'s gateway');
        }
      });
    }
  }
  return findings;
}

/**
 * The attachments whose workloads run more than one pod at a time between them (replicas, a DaemonSet on a
 * cluster of several hosts, or two workloads), and how, for the message: `Deployment web/pihole (2 replicas)`.
 */
function crowdedAttachments(cluster: SynthesizedCluster): Map<string, string> {
  // A DaemonSet on a cluster of one host runs one pod, as a single replica does.
  const nodes = cluster.chart.hosts.length;
  const pods = new Map<string, Array<{ readonly count: number; readonly what: string }>>();
  for (const template of podTemplates(cluster.objects)) {
    const perNode = template.object.manifest.kind === 'DaemonSet';
    const count = perNode ? nodes : template.replicas;
    const what = `${template.object.manifest.kind} ${template.namespace}/${text(template.object.manifest.metadata.name)}${perNode ? ' (a pod on each node)' : ` (${template.replicas} replica${template.replicas === 1 ? '' : 's'})`}`;
    for (const key of attachmentsOf(template)) {
      pods.set(key, [...(pods.get(key) ?? []), { count, what }]);
    }
  }
  const crowded = new Map<string, string>();
  for (const [key, users] of pods) {
    if (users.reduce((sum, user) => sum + user.count, 0) > 1) {
      crowded.set(key, users.map((user) => user.what).join(' and '));
    }
  }
  return crowded;
}
