import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// Loose ends of the platform's choices: one mistake is one error, on the choice or call the user wrote,
// with the hint for what they meant (loose-ends-8.test.ts counts the errors).

/** A cluster `edge` with `props` and a routed app `web`; the finding is on the cluster's `field`. */
const edge = (name: string, props: Partial<ClusterChartProps>, field: string, hint?: RegExp): BadInput => ({
  name, hint, layer: 'references', path: 'edge', field,
  build: guarded((_c, root) => labApp('web', { route: { host: 'web' } })(labCluster(root, 'edge', props))),
});

export const CASES: BadInput[] = [
  // Before: the cluster's error, and one "no CRD" error more for each app's CiliumNetworkPolicy.
  edge("networkPolicy: 'cilium' on the lab's cluster without Cilium", { networkPolicy: 'cilium' }, 'networkPolicy', /cni: cilium\(/),
];
