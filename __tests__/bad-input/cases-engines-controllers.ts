import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// GitOps engine options a user wrote that the engine would misuse or ignore, and workload controllers
// whose pods could never run as asked: each is named on the option or prop the user wrote.

/** A cluster `edge` of the lab whose props are the lab's with `props`; the finding is expected on `field`. */
const cluster = (name: string, props: Record<string, unknown>, field: string, extra: Partial<BadInput> = {}): BadInput => ({
  name, build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, ...props } as any)), layer: 'props', path: 'edge', field, ...extra,
});

export const CASES: BadInput[] = [
  cluster('Argo CD sync account that is its built-in admin', { gitops: homelab.argoCd({ syncAccount: 'admin' }) }, 'gitops.syncAccount'),
];
