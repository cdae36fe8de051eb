import type { Vlan } from '../inventory/vlan';

/**
 * The README's section on the site's VLANs: id, name, network, gateway and purpose of each, as the
 * inventory records them, including the VLANs no object of the cluster uses (a segment reserved for later
 * is still a fact the owner reads here). Empty when the site declares none. `cell` makes a value safe for
 * a table cell.
 */
export function networksSection(vlans: readonly Vlan[], cell: (text: string) => string): string[] {
  if (vlans.length === 0) {
    return [];
  }
  const lines = ['## Networks', '', '| VLAN | name | network | gateway | purpose |', '|---|---|---|---|---|'];
  for (const vlan of [...vlans].sort((a, b) => a.id - b.id)) {
    lines.push(`| ${vlan.id} | ${cell(vlan.name)} | ${cell(vlan.cidr)} | ${cell(vlan.gateway ?? 'none')} | ${cell(vlan.purpose ?? '')} |`);
  }
  lines.push('');
  return lines;
}
