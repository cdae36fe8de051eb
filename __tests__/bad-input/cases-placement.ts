import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { hostFact } from './cases-inventory-facts';
import { gpu1, guarded, labCluster } from './lab';

// Scheduling and placement as a home-lab user writes them: each synthesized before, though no node would
// ever run the pods (or the output was refused by the API server).

/** A Talos cluster of the lab; props override. */
const talosCluster = (talos: Record<string, unknown>, props: Record<string, unknown> = {}) => guarded((_c: unknown, root: CdkApp) =>
  labCluster(root, 'edge', { storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false, ...talos } as any)], ...props } as any));

export const CASES: BadInput[] = [
  {
    name: 'a single control-plane and worker host on Talos without allowSchedulingOnControlPlanes (Talos taints it)',
    build: talosCluster({}, { hosts: [gpu1] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].allowSchedulingOnControlPlanes', hint: /allowSchedulingOnControlPlanes: true/,
  },
  hostFact('a taint written as kubectl taint takes it', { taints: ['dedicated=iot:NoSchedule'] }, 'taints[0]'),
  hostFact('two taints of one key and effect on a host', {
    taints: [{ key: 'dedicated', value: 'iot', effect: 'NoSchedule' }, { key: 'dedicated', value: 'media', effect: 'NoSchedule' }],
  }, 'taints[1]'),
];
