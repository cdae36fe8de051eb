import type { Preinstalled } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

/** A cluster `edge` beside the lab's, with one `preinstalled` entry written as untyped code may write it. */
const withPreinstalled = (entry: unknown): BadInput['build'] => guarded((_cluster, app) => {
  labCluster(app, 'edge', { preinstalled: [entry as Preinstalled] });
});

// The README lists each declaration and the checks read its pod network and taints: an entry that lacks
// what names them is refused, rather than listed as "undefined".
export const CASES: BadInput[] = [
  {
    name: 'preinstalled pod network without its name',
    build: withPreinstalled({ source: 'calico', podNetwork: { enforcesNetworkPolicies: true } }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].podNetwork.name', hint: /name: 'Calico'/,
  },
  {
    name: 'preinstalled pod network that does not say whether it enforces NetworkPolicies',
    build: withPreinstalled({ source: 'calico', podNetwork: { name: 'Calico' } }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].podNetwork.enforcesNetworkPolicies',
  },
  {
    name: 'preinstalled control-plane taint without its effect',
    build: withPreinstalled({ source: 'rke2', controlPlaneTaints: [{ key: 'node-role.kubernetes.io/control-plane' }] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].controlPlaneTaints[0].effect', hint: /NoSchedule/,
  },
  {
    name: 'preinstalled control-plane taint without its key',
    build: withPreinstalled({ source: 'rke2', controlPlaneTaints: [{ effect: 'NoSchedule' }] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].controlPlaneTaints[0].key',
  },
  {
    name: 'preinstalled CRDs without their group',
    build: withPreinstalled({ source: 'traefik by hand', crds: [{ kinds: ['IngressRoute'] }] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].crds[0].group', hint: /group: 'traefik\.io'/,
  },
  {
    name: 'preinstalled CRD group without its kinds',
    build: withPreinstalled({ source: 'traefik by hand', crds: [{ group: 'traefik.io' }] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].crds[0].kinds',
  },
];
