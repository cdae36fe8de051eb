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
  // A fact the inventory refused (a network under another name, say) is reported there; the table shows
  // what was written, as text.
  const text = (value: unknown, absent: string) => cell(value === undefined || value === null ? absent : String(value));
  for (const vlan of [...vlans].sort((a, b) => Number(a.id) - Number(b.id))) {
    // An inventory without a gateway has not said the segment is isolated: its router may just be left out.
    lines.push(`| ${text(vlan.id, '')} | ${text(vlan.name, '')} | ${text(vlan.cidr, '')} | ${text(vlan.gateway, 'not given')} | ${text(vlan.purpose, '')} |`);
  }
  lines.push('');
  return lines;
}
