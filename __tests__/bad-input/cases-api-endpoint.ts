import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The API server's cluster endpoint of talos(): a DNS name or an address, which the steps make a URL of.

/** A cluster `edge` of the lab's two hosts on Talos with `options`; the finding is expected on `field`. */
const talosCluster = (name: string, options: Record<string, unknown>, field: string, hint: RegExp): BadInput => ({
  name, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options } as any)] } as any)),
  layer: 'props', path: 'edge', field,
});

export const CASES: BadInput[] = [
  talosCluster('Talos cluster endpoint written as the URL', { clusterEndpoint: 'https://kube.lab.test:6443' }, 'preinstalled[0].clusterEndpoint',
    /host alone, without scheme or port: clusterEndpoint: 'kube\.lab\.test'/),
  talosCluster('Talos cluster endpoint that is no DNS name', { clusterEndpoint: 'kube_api.lab.test' }, 'preinstalled[0].clusterEndpoint',
    /DNS name in lower case that resolves to the control-plane nodes/),
];
