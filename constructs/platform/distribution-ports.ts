import type { Preinstalled } from './component';

// The TCP ports a distribution's own processes bind on its nodes, outside any pod: a pod on the host's network (or
// with a host port) cannot bind them there, and restarts in a loop.

/** TCP ports a distribution's processes hold, by port with what holds it. */
export interface DistributionNodePorts {
  /** Held on every node. */
  readonly everyNode: Readonly<Record<number, string>>;
  /** Held on the control-plane nodes alone (the API server, its datastore). */
  readonly controlPlane: Readonly<Record<number, string>>;
}

/** What kubeadm's control plane binds, as Kubernetes' "Ports and Protocols" lists it (the kubelet's are every distribution's). */
const KUBEADM_CONTROL_PLANE = {
  6443: 'the API server', 2379: "etcd's client API", 2380: "etcd's peer API", 10257: 'kube-controller-manager', 10259: 'kube-scheduler',
};

/**
 * The ports of the distributions by name in lower case: kubeadm's control plane; RKE2's servers, which add its
 * supervisor API (9345, where agents join); MicroK8s, whose every node runs its API server on 16443 and its cluster
 * agent on 25000, and whose control plane keeps its dqlite datastore on 19001 (its "Services and ports"); K3s, whose
 * servers serve the supervisor and the API on 6443 and run the API server itself on localhost's 6444, where each agent
 * runs its load balancer to the servers instead. K3s' embedded etcd (2379-2380) is left out: servers on SQLite or an
 * external datastore leave those ports free. Talos' every node serves its API (apid, which talosctl calls) on 50000 and
 * KubePrism on localhost's 7445, and its control plane trustd on 50001 beside kubeadm's ports (its "Network connectivity").
 */
const BY_NAME: Readonly<Record<string, DistributionNodePorts>> = {
  k3s: {
    everyNode: { 6444: "K3s' API server on servers and its load balancer to them on agents (on localhost)" },
    controlPlane: { 6443: "K3s' supervisor and API server", 10257: 'kube-controller-manager (on localhost)', 10259: 'kube-scheduler (on localhost)' },
  },
  kubeadm: { everyNode: {}, controlPlane: KUBEADM_CONTROL_PLANE },
  rke2: { everyNode: {}, controlPlane: { ...KUBEADM_CONTROL_PLANE, 9345: "RKE2's supervisor API" } },
  'talos linux': {
    everyNode: { 50000: "Talos' API (apid), which talosctl calls", 7445: "KubePrism, Talos' load balancer to the API server (on localhost)" },
    controlPlane: { ...KUBEADM_CONTROL_PLANE, 50001: "Talos' trustd, which hands the nodes their certificates" },
  },
  microk8s: { everyNode: { 16443: "MicroK8s' API server", 25000: "MicroK8s' cluster agent" }, controlPlane: { 19001: "MicroK8s' dqlite datastore" } },
};

/** The ports the distribution the cluster declares (its first declaration that names one) binds on its nodes, where the library knows them. Pure. */
export function distributionNodePorts(declared: readonly Preinstalled[]): DistributionNodePorts | undefined {
  const name = declared.find((p) => typeof p.distribution === 'string')?.distribution?.trim().toLowerCase();
  return name === undefined ? undefined : BY_NAME[name];
}
