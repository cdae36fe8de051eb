import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// talos({ ingressFirewall }): the networks that keep reaching the nodes, and the pod network it opens ports for.

/** A cluster `edge` of the lab's two hosts on Talos with `options`; the finding is expected on `field`. */
const talosCluster = (name: string, options: Record<string, unknown>, field: string, hint: RegExp): BadInput => ({
  name, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options } as any)] } as any)),
  layer: 'props', path: 'edge', field,
});

export const CASES: BadInput[] = [
  talosCluster('Talos firewall reachable from no network', { ingressFirewall: { reachableFrom: [] } }, 'preinstalled[0].ingressFirewall.reachableFrom',
    /list the networks talosctl and kubectl connect from/),
  talosCluster('Talos firewall network with host bits set', { ingressFirewall: { reachableFrom: ['100.64.0.1/10'] } }, 'preinstalled[0].ingressFirewall.reachableFrom[0]',
    /write '100\.64\.0\.0\/10' for that network/),
  talosCluster('Talos firewall networks in one text', { ingressFirewall: { reachableFrom: ['100.64.0.0/10, 192.168.1.0/24'] } }, 'preinstalled[0].ingressFirewall.reachableFrom[0]',
    /write each as its own entry: ingressFirewall\.reachableFrom: \['100\.64\.0\.0\/10', '192\.168\.1\.0\/24'\]/),
  talosCluster('Talos firewall with the pod network left to the repository', { bringYourOwnCni: true, ingressFirewall: { reachableFrom: ['100.64.0.0/10'] } },
    'preinstalled[0].ingressFirewall', /keep Talos' Flannel with talos\(\{ bringYourOwnCni: false, ingressFirewall \}\)/),
];
