import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The owner's acknowledgement that the cluster's NetworkPolicies go unenforced: a reason that says
// something, and only where the pod network indeed enforces none.

/** A cluster `edge` of the lab with `props`; the finding is expected on the cluster's `unenforcedNetworkPolicies`. */
const edgeCluster = (name: string, props: Record<string, unknown>, hint: RegExp): BadInput => ({
  name,
  build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, ...props } as any)),
  layer: 'props', path: 'edge', field: 'unenforcedNetworkPolicies', hint,
});

const talosFlannel = () => homelab.talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true });

/** A cluster `edge` whose `cni` is no CNI choice; the finding is expected on `cni`. */
const notACni = (name: string, cni: unknown, hint: RegExp): BadInput => ({
  name,
  build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, cni } as any)),
  layer: 'props', path: 'edge', field: 'cni', hint,
});

export const CASES: BadInput[] = [
  notACni('cni named as text, as other tools take it', 'flannel', /leave cni out.*podNetwork/),
  notACni('cni given as an object of its own, not made by a factory', { name: 'calico' }, /cilium\(\{ … \}\).*podNetwork/),
  notACni("cni: 'cilium' as text", 'cilium', /write cni: cilium\(\{ … \}\)/),
  edgeCluster('unenforced NetworkPolicies accepted with an empty reason', { preinstalled: [talosFlannel()], unenforcedNetworkPolicies: '  ' }, /write the reason as text/),
  edgeCluster('unenforced NetworkPolicies accepted on K3s, whose network-policy controller enforces them', {
    preinstalled: [homelab.k3s()], unenforcedNetworkPolicies: 'Flannel enforces nothing',
  }, /leave unenforcedNetworkPolicies out/),
  edgeCluster('unenforced NetworkPolicies accepted under Cilium, which enforces them', {
    preinstalled: [homelab.talos({ allowSchedulingOnControlPlanes: true })], cni: homelab.cilium({ kubeProxyReplacement: false }),
    unenforcedNetworkPolicies: 'copied from the Flannel lab',
  }, /leave unenforcedNetworkPolicies out/),
];
