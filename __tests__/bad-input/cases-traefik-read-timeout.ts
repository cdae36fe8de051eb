import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// traefik({ readTimeout }): a duration Traefik reads.

export const CASES: BadInput[] = [
  {
    name: 'Traefik read timeout without its unit spelled as Traefik reads it',
    build: guarded((_c, root) => labCluster(root, 'edge', { routes: homelab.traefik({ readTimeout: '30 minutes' }) })),
    layer: 'props', path: 'edge', field: 'routes.readTimeout', hint: /write a number with its unit, e\.g\. readTimeout: '30m'/,
  },
];
