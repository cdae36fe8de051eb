import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The exemption that opens the AppProject of the site's Git repository, written where it cannot work.

/** A cluster `edge` of the lab reconciled by Argo CD with `props`; the finding is expected on `field`. */
const argo = (name: string, props: Record<string, unknown>, field: string, extra: Partial<BadInput> = {}): BadInput => ({
  name, build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, gitops: homelab.argoCd(props as homelab.ArgoCdProps) })),
  layer: 'props', path: 'edge', field, ...extra,
});

export const CASES: BadInput[] = [
  argo('an unrestricted Argo CD project the repository does not render', { project: 'lab', unrestrictedProject: 'trying things' }, 'gitops.unrestrictedProject', { hint: /createProject: true/ }),
  argo('an unrestricted Argo CD project given as a flag, not a reason', { project: 'lab', createProject: true, unrestrictedProject: true }, 'gitops.unrestrictedProject'),
  argo('an unrestricted Argo CD project with an empty reason', { project: 'lab', createProject: true, unrestrictedProject: '' }, 'gitops.unrestrictedProject'),
];
