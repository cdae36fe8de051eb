import { k3s } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Loose ends of cluster ranges, secret references and policies: one mistake reported once, on the prop the
// user wrote, with the hint for what they meant.

export const CASES: BadInput[] = [
  // Before: one error for each node, on hosts[0] and hosts[1], each asking to check that node's address.
  {
    name: "K3s' --service-cidr written around the LAN that holds every node",
    build: guarded((_c, app) => labCluster(app, 'edge', { preinstalled: [k3s({ extraServerFlags: ['--service-cidr=10.0.0.0/16'] })] })),
    layer: 'inventory', path: 'edge', field: 'preinstalled[0].extraServerFlags', hint: /--service-cidr=<range>/,
  },
];
