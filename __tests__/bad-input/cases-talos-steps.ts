import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The addresses the Talos steps give each node its first config at, and the disks it installs onto: keyed by the
// cluster's hosts, each an address or a device under /dev.

/** A cluster `edge` of the lab's two hosts on Talos with `options`; the finding is expected on `field`. */
const talosCluster = (name: string, options: Record<string, unknown>, field: string): BadInput => ({
  name,
  build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options } as any)] } as any)),
  layer: 'props', path: 'edge', field,
});

export const CASES: BadInput[] = [
  talosCluster('Talos maintenance address of a host that is no node of the cluster', { maintenanceAddresses: { gpu2: '192.168.1.12' } },
    'preinstalled[0].maintenanceAddresses.gpu2'),
  talosCluster('Talos maintenance address written with its prefix', { maintenanceAddresses: { gpu1: '192.168.1.11/24' } },
    'preinstalled[0].maintenanceAddresses.gpu1'),
  talosCluster('Talos install disk of a host that is no node of the cluster', { installDisks: { gpu2: '/dev/nvme0n1' } },
    'preinstalled[0].installDisks.gpu2'),
  talosCluster('Talos install disk written without /dev', { installDisks: { gpu1: 'nvme0n1' } },
    'preinstalled[0].installDisks.gpu1'),
];
