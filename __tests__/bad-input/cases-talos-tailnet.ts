import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Talos nodes on a Tailscale tailnet: what `talos()` writes into the machine config must be something Talos takes.

/** A cluster `edge` of the lab on Talos with `options`; the finding is expected on `field`. */
const talosCluster = (name: string, options: Record<string, unknown>, field: string): BadInput => ({
  name,
  build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options } as any)] } as any)),
  layer: 'props', path: 'edge', field,
});

export const CASES: BadInput[] = [
  talosCluster('Talos nameserver given by MagicDNS name', { nameservers: ['100.100.100.100', 'magicdns.tailnet'] }, 'preinstalled[0].nameservers[1]'),
  talosCluster('Talos cluster subnet without its prefix', { clusterSubnets: ['100.64.0.0'] }, 'preinstalled[0].clusterSubnets[0]'),
  talosCluster('Talos nameservers as one string', { nameservers: '100.100.100.100' }, 'preinstalled[0].nameservers'),
];
