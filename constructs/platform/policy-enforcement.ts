import type { CniChoice } from './cni';
import type { Preinstalled } from './component';

/**
 * The pod network a distribution runs when the repository installs none (`Preinstalled.podNetwork`), and
 * whether it enforces the NetworkPolicies the library writes for every app and component.
 */
export interface BuiltInPodNetwork {
  /** What it is, for the README and messages, e.g. `Talos' built-in Flannel`. */
  readonly name: string;
  /** Whether it enforces `networking.k8s.io/v1` NetworkPolicy objects. */
  readonly enforcesNetworkPolicies: boolean;
  /**
   * The option of the distribution that decides it, relative to its `preinstalled` entry, e.g.
   * `bringYourOwnCni`. @default - the entry itself
   */
  readonly field?: string;
  /**
   * What to change so that the policies are enforced, for the hint, e.g. `drop --disable-network-policy
   * from k3s({ extraServerFlags })`. @default - install a CNI that enforces them (`cni: cilium({ … })`), or
   * declare one installed by hand
   */
  readonly change?: string;
  /**
   * UDP ports its tunnels between the nodes bind on every node, by port, with what binds them (Flannel's VXLAN on
   * 8472): a pod on the host's network cannot bind them. @default - none known
   */
  readonly nodeUdpPorts?: Readonly<Record<number, string>>;
}

/** Whether a cluster's NetworkPolicies take effect, decided once from its CNI and its distribution. */
export interface PolicyEnforcement {
  /** Whether its pod network enforces NetworkPolicies; `undefined` when the library cannot tell (no CNI, no known distribution). */
  readonly enforced: boolean | undefined;
  /** The pod network, e.g. `cilium` or `Talos' built-in Flannel`. @default - not known */
  readonly network?: string;
  /** The cluster prop that decides it, e.g. `cni` or `preinstalled[0].bringYourOwnCni`. */
  readonly field: string;
  /** What to change so that they are enforced. */
  readonly change: string;
  /** The owner's reason to run without enforcement (`unenforcedNetworkPolicies`). @default - none given */
  readonly accepted?: string;
  /** UDP ports the pod network's tunnels bind on every node (its `nodeUdpPorts`). @default - none known (a CNI's are not) */
  readonly nodeUdpPorts?: Readonly<Record<number, string>>;
}

/** The change that makes any cluster enforce its policies: a CNI of the library that does. */
const INSTALL_ENFORCING_CNI = "install a CNI that enforces them, e.g. cni: cilium({ … }), or declare the one you install by hand: "
  + "preinstalled: [{ source: 'calico', podNetwork: { name: 'Calico', enforcesNetworkPolicies: true } }]";

/**
 * Whether a cluster's NetworkPolicies are enforced: by its CNI when the repository installs one (every CNI
 * the library offers enforces them), else by the built-in pod network its distribution declares. Pure.
 * `preinstalled` pairs each declaration with the cluster prop that holds it.
 */
export function policyEnforcement(
  cni: CniChoice | undefined,
  preinstalled: ReadonlyArray<readonly [field: string, declaration: Preinstalled]>,
  accepted?: string,
): PolicyEnforcement {
  const reason = accepted === undefined ? {} : { accepted };
  if (cni !== undefined) {
    return { enforced: cni.enforcesNetworkPolicies ?? true, network: cni.name, field: 'cni', change: INSTALL_ENFORCING_CNI, ...reason };
  }
  const networkOf = (p: Preinstalled | undefined) => (p === undefined ? undefined : podNetworkOf(p));
  // A pod network declared beside the distribution (a CNI the owner installs by hand) replaces its built-in one.
  const declared = preinstalled.find(([, p]) => p?.podNetwork !== undefined && p.distribution === undefined)
    ?? preinstalled.find(([, p]) => networkOf(p) !== undefined);
  if (declared === undefined) {
    return { enforced: undefined, field: 'cni', change: INSTALL_ENFORCING_CNI, ...reason };
  }
  const [entry, declaration] = declared;
  const podNetwork = networkOf(declaration)!;
  return {
    enforced: podNetwork.enforcesNetworkPolicies === true,
    network: podNetwork.name,
    field: podNetwork.field === undefined ? entry : `${entry}.${podNetwork.field}`,
    change: podNetwork.change ?? INSTALL_ENFORCING_CNI,
    ...reason,
    ...podNetwork.nodeUdpPorts === undefined ? {} : { nodeUdpPorts: podNetwork.nodeUdpPorts },
  };
}

/**
 * The pod network of a distribution declared by name only (`{ source: 'k0s', distribution: 'k0s' }`), by its
 * name in lower case: k0s' default network provider, kube-router, enforces NetworkPolicies; so do RKE2's default
 * Canal (Flannel's VXLAN between the nodes on UDP 8472, Calico's policies) and MicroK8s' default Calico (VXLAN on
 * UDP 4789), whose tunnels hold those ports on every node.
 */
const DEFAULT_NETWORKS: Readonly<Record<string, BuiltInPodNetwork>> = {
  k0s: { name: "k0s' default kube-router", enforcesNetworkPolicies: true },
  rke2: { name: "RKE2's default Canal", enforcesNetworkPolicies: true, nodeUdpPorts: { 8472: "RKE2's Canal (Flannel VXLAN)" } },
  microk8s: { name: "MicroK8s' default Calico", enforcesNetworkPolicies: true, nodeUdpPorts: { 4789: "MicroK8s' Calico VXLAN" } },
};

/**
 * The pod network a `preinstalled` declaration brings: the one it declares, else its distribution's
 * default where the library knows it. Pure.
 */
export function podNetworkOf(preinstalled: Preinstalled): BuiltInPodNetwork | undefined {
  return preinstalled.podNetwork ?? (typeof preinstalled.distribution !== 'string' ? undefined : DEFAULT_NETWORKS[preinstalled.distribution.trim().toLowerCase()]);
}

/** The README's sentence on whether the cluster's NetworkPolicies take effect. Pure. */
export function policyEnforcementLine(enforcement: PolicyEnforcement): string {
  if (enforcement.enforced === true) {
    return `NetworkPolicies are enforced by its pod network (${enforcement.network}).`;
  }
  const reason = enforcement.accepted?.trim().replace(/\s+/g, ' ');
  const accepted = reason === undefined ? '' : ` Accepted by the owner (unenforcedNetworkPolicies): ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`;
  return enforcement.enforced === false
    ? `NetworkPolicies are NOT enforced: its pod network (${enforcement.network}) ignores them, so every pod may reach every other.${accepted}`
    : 'Whether NetworkPolicies are enforced is not known: the cluster has no cni and declares no pod network (a distribution such as k3s() or talos() '
      + `in preinstalled, or an entry with podNetwork).${accepted}`;
}

/**
 * What is wrong with the owner's acknowledgement (`unenforcedNetworkPolicies`, a reason the props shape
 * checks): one given where the pod network does enforce the policies, which the README would then
 * contradict. Pure.
 */
export function acknowledgementProblems(enforcement: PolicyEnforcement): Array<{ field: string; message: string; hint: string }> {
  return enforcement.accepted !== undefined && enforcement.enforced === true ? [{
    field: 'unenforcedNetworkPolicies', message: `unenforcedNetworkPolicies says the NetworkPolicies go unenforced, but the cluster's pod network (${enforcement.network}) enforces them`,
    hint: 'leave unenforcedNetworkPolicies out',
  }] : [];
}
