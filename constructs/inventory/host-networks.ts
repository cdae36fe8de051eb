import type { Host } from './host';
import { formatIpAddress, parseIpAddress } from './ip-address';
import type { InventoryProblem } from './problems';
import type { Vlan } from './vlan';

// How a host meets the site's networks: its address lies on one of them, and every VLAN it has a leg on
// (an interface, a bridge) is one the site declares. Checked when the site is declared, as the host alone
// does not know the site's networks.

/** LAN blocks: RFC 1918 IPv4 and unique local IPv6 (fc00::/7), as family, first address and prefix. */
const LAN_BLOCKS: ReadonlyArray<{ readonly family: 4 | 6; readonly base: bigint; readonly prefix: number }> = [
  { family: 4, base: 10n << 24n, prefix: 8 },
  { family: 4, base: (172n << 24n) | (16n << 16n), prefix: 12 },
  { family: 4, base: (192n << 24n) | (168n << 16n), prefix: 16 },
  { family: 6, base: 0xfc00n << 112n, prefix: 7 },
];

/**
 * Whether `address` is a LAN address (RFC 1918, or unique local IPv6): one the site's own networks hold.
 * A public address (a VPS) and a tailnet's CGNAT address (100.64.0.0/10) lie outside the home's VLANs by
 * design. Pure.
 */
export function isLanAddress(address: string): boolean {
  const parsed = parseIpAddress(address);
  if (parsed === undefined) {
    return false;
  }
  const bits = parsed.family === 4 ? 32 : 128;
  return LAN_BLOCKS.some((b) => b.family === parsed.family && parsed.value >> BigInt(bits - b.prefix) === b.base >> BigInt(bits - b.prefix));
}

/**
 * The problems of host `hosts[index]` with the networks the site declares (`declared`): an interface or a
 * bridge on a VLAN the site does not declare (its VMs and pods would sit on a segment that nothing else of
 * the site knows: no pool, no gateway, no check of their addresses), and a LAN address in none of the
 * site's networks of its family (a typo of the network part: MetalLB, network policies and talosctl would
 * all use an address no route of the site reaches). Pure.
 */
export function hostNetworkProblems(host: Host<any, any>, index: number, declared: readonly Vlan[]): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const declareHint = "declare the VLAN in the site's vlans, and pass that same object";
  host.vlanInterfaces.filter((link) => !declared.includes(link.vlan)).forEach((link) => problems.push({
    field: `hosts[${index}].vlanInterfaces`, message: `host ${host.name} has interface ${link.device} on VLAN ${link.vlan.id} (${link.vlan.name}), which the site does not declare`,
    hint: declareHint,
  }));
  for (const [name, bridge] of Object.entries(host.bridges)) {
    if (bridge.vlan !== undefined && !declared.includes(bridge.vlan)) {
      const twin = declared.find((v) => v.id === bridge.vlan!.id && v.network?.family === bridge.vlan!.network?.family);
      problems.push({
        field: `hosts[${index}].bridges.${name}.vlan`,
        message: `bridge ${name} of host ${host.name} carries VLAN ${bridge.vlan.id} (${bridge.vlan.name}, ${bridge.vlan.cidr}), which the site does not declare`,
        hint: twin !== undefined
          ? `pass the site's own VLAN object, vlan: ${twin.name} (VLAN ${twin.id}, ${twin.cidr}), rather than a second vlan('${bridge.vlan.name}', …)`
          : declareHint,
      });
    }
  }
  host.addresses.forEach((address, a) => {
    const family = parseIpAddress(address)?.family;
    const networks = declared.filter((v) => v.network?.family === family);
    if (!isLanAddress(address) || networks.length === 0 || networks.some((v) => v.contains(address))) {
      return;
    }
    const field = a === 0 ? 'address' : 'ipv6Address';
    const listed = networks.map((v) => `${v.name} (VLAN ${v.id}) ${v.cidr}`).join(', ');
    const moved = networks.map((v) => sameHostPart(address, v)).find((x): x is string => x !== undefined);
    problems.push({
      field: `hosts[${index}].${field}`,
      message: `${field} ${address} of host ${host.name} lies in none of the networks the site declares (${listed}), so nothing of the site reaches the host there`,
      hint: `${moved !== undefined ? `give the host its address on the VLAN it is on, e.g. ${field}: '${moved}'` : `give the host its address on one of ${listed}`}, or declare the network it is on in the site's vlans`,
    });
  });
  return problems;
}

/**
 * `address` moved into `vlan`'s network with its host part kept (`192.168.1.11` on 192.168.10.0/24 is
 * `192.168.10.11`), when that is an address a machine of the VLAN may hold; else undefined. Pure.
 */
function sameHostPart(address: string, vlan: Vlan): string | undefined {
  const parsed = parseIpAddress(address);
  const network = vlan.network;
  if (parsed === undefined || network === undefined || parsed.family !== network.family) {
    return undefined;
  }
  const hostBits = (1n << BigInt((network.family === 4 ? 32 : 128) - network.prefix)) - 1n;
  const moved = formatIpAddress(network.family, network.first | (parsed.value & hostBits));
  return vlan.reservedRole(moved) === undefined ? moved : undefined;
}
