import { Host } from '../inventory/host';
import type { ClusterChart } from './cluster-chart';
import { withClusterCheck } from './cluster-checks';
import type { Preinstalled } from './component';
import { reportFinding } from '../validation/finding';
import type { CiliumOptions } from './components/cilium';
import { CILIUM_AGENT_CAPABILITIES, CILIUM_CLEAN_STATE_CAPABILITIES } from './components/cilium';
import { HOST_SHAPE } from '../validation/app-props-shape';
import { checkedChoice } from '../validation/choice-props';
import type { PropProblem, PropShape } from '../validation/known-props';
import {
  talosClusterSubnetsStep, talosNameserversStep, TalosNetworkProps, talosNetworkProblems, talosTailscaleSteps,
} from './talos-network';

export { TAILNET_SUBNET, TAILSCALE_RESOLVER } from './talos-network';
export type { TalosNetworkProps } from './talos-network';

/** Port of KubePrism, Talos' API server load balancer on every node (`localhost:7445`). */
export const TALOS_KUBEPRISM_PORT = 7445;

/** The name `talos()` gives its distribution (`Preinstalled.distribution`). */
export const TALOS_DISTRIBUTION = 'Talos Linux';

/**
 * Where node-local volumes live on a Talos node: its `/opt` is read-only, and `/var` is the writable
 * EPHEMERAL partition (Talos docs, Local Storage).
 */
export const TALOS_LOCAL_VOLUME_ROOT = '/var/local-path-provisioner';

/** Whether the cluster's distribution is Talos Linux, by what it declared preinstalled. */
export function runsTalos(preinstalled: readonly Preinstalled[]): boolean {
  return preinstalled.some((p) => p.distribution === TALOS_DISTRIBUTION);
}

/**
 * The machine-config step that lets pods see node folders under `root`: the kubelet runs in its own
 * container on Talos, and sees a host folder only once it is bind-mounted into it (rshared, so volumes
 * mounted there later show too).
 */
export function talosKubeletMountStep(root: string): string {
  const patch = { machine: { kubelet: { extraMounts: [{ destination: root, type: 'bind', source: root, options: ['bind', 'rshared', 'rw'] }] } } };
  return `machine config of every node: mount ${root}, where node-local volumes live, into the kubelet (machine.kubelet.extraMounts; `
    + `the kubelet sees no host folder it does not mount): talosctl patch mc --nodes <every node> --patch '${JSON.stringify(patch)}'`;
}

/** Options of the Talos distribution. */
export interface TalosProps extends TalosNetworkProps {
  /**
   * The control-plane node `talosctl bootstrap` runs against: one of the cluster's hosts.
   * @default - named in the steps as <control-plane>
   */
  readonly bootstrapNode?: Host<any, any>;
  /**
   * Whether the machine config leaves the CNI to the repository (`cluster.network.cni.name: none`) and
   * turns kube-proxy off (`cluster.proxy.disabled: true`), as Cilium with kube-proxy replacement needs;
   * the cluster must then have a `cni` (e.g. `cilium({ ...ciliumOnTalos() })`).
   * @default true
   */
  readonly bringYourOwnCni?: boolean;
  /**
   * Whether the control-plane nodes run workloads too (`cluster.allowSchedulingOnControlPlanes: true` in
   * the machine config). Talos taints them otherwise, so a host with the roles control-plane and worker
   * runs no pods without it.
   * @default false
   */
  readonly allowSchedulingOnControlPlanes?: boolean;
  /**
   * Steps that make the machines and their Talos configs before anything else, listed first among the
   * owner steps (after the Tailscale extension's image and auth key, which the configs need), e.g.
   * `terraform apply` and the outputs that hold the talosconfig and kubeconfig.
   * @default - none listed
   */
  readonly provisioningSteps?: string[];
}

/** The options of `talos()`, for callers the type checker does not see. */
const TALOS_PROPS_SHAPE = {
  bootstrapNode: HOST_SHAPE, bringYourOwnCni: 'boolean', allowSchedulingOnControlPlanes: 'boolean', provisioningSteps: 'strings',
  nameservers: 'strings', clusterSubnets: 'strings', tailscaleExtension: 'boolean',
} as const satisfies Record<keyof TalosProps, PropShape>;

/**
 * What a Talos Linux cluster has before the repository is applied: the built-in namespaces and CoreDNS,
 * no StorageClass, no CRDs; and the steps its owner runs by hand.
 */
export function talos(props: TalosProps = {}): Preinstalled {
  const node = props.bootstrapNode?.address ?? '<control-plane>';
  const byoCni = props.bringYourOwnCni ?? true;
  const declaration = checkedChoice<Preinstalled>({
    source: TALOS_DISTRIBUTION,
    distribution: TALOS_DISTRIBUTION,
    namespaces: ['kube-system', 'kube-public', 'kube-node-lease', 'default'],
    manualSteps: [
      ...(props.tailscaleExtension === true ? talosTailscaleSteps() : []),
      ...(Array.isArray(props.provisioningSteps) ? props.provisioningSteps : []),
      ...(byoCni ? ['machine config: cluster.network.cni.name: none and cluster.proxy.disabled: true (the repository installs the CNI)'] : []),
      ...(props.allowSchedulingOnControlPlanes === true
        ? ['machine config: cluster.allowSchedulingOnControlPlanes: true (the control-plane nodes run workloads too)'] : []),
      ...(nonEmpty(props.clusterSubnets) ? [talosClusterSubnetsStep(props.clusterSubnets)] : []),
      `talosctl bootstrap --nodes ${node}`,
      ...(nonEmpty(props.nameservers) ? [talosNameserversStep(props.nameservers)] : []),
    ],
  }, 'talos()', props, TALOS_PROPS_SHAPE, undefined, talosProblems(props));
  return withClusterCheck(declaration, (cluster, field) => checkTalosCluster(cluster, field, props));
}

/**
 * What the cluster must have for `talos(props)`: a pod network when the machine config leaves it to the
 * repository (no node becomes Ready without one), and a bootstrap node among its hosts (the step would
 * start etcd on a machine that is no node of it).
 */
function checkTalosCluster(cluster: ClusterChart, field: string, props: TalosProps): void {
  if ((props?.bringYourOwnCni ?? true) && cluster.cni === undefined) {
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: 'cni',
      message: `Talos leaves the pod network to the repository (bringYourOwnCni), and cluster "${cluster.clusterName}" installs none: no node would become Ready`,
      hint: "give the cluster cni: cilium({ ...ciliumOnTalos() }), or keep Talos' own with talos({ bringYourOwnCni: false })",
    });
  }
  const bootstrapNode = props?.bootstrapNode;
  if (bootstrapNode instanceof Host && !cluster.hosts.includes(bootstrapNode)) {
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: `${field}.bootstrapNode`,
      message: `host ${bootstrapNode.name} is no node of cluster "${cluster.clusterName}", and talosctl bootstrap starts its etcd there`,
      hint: `name a control-plane host of the cluster's hosts (${cluster.hosts.map((h) => h.name).join(', ') || 'none listed'})`,
    });
  }
}

/** Whether `list` is an array with something in it. */
function nonEmpty(list: unknown): list is string[] {
  return Array.isArray(list) && list.length > 0;
}

/** What `talos()` cannot take beyond the types of its props. */
function talosProblems(props: TalosProps): PropProblem[] {
  const problems: PropProblem[] = [...talosNetworkProblems(props)];
  const bootstrapNode = props?.bootstrapNode;
  if (bootstrapNode instanceof Host && !bootstrapNode.roles.includes('control-plane')) {
    problems.push({
      field: 'bootstrapNode', message: `host ${bootstrapNode.name} is no control-plane node, and talosctl bootstrap starts etcd on one`,
      hint: "name a host with the role 'control-plane'",
    });
  }
  (Array.isArray(props?.provisioningSteps) ? props.provisioningSteps : []).forEach((step, i) => {
    if (typeof step === 'string' && step.trim() === '') {
      problems.push({ field: `provisioningSteps[${i}]`, message: 'the step is empty', hint: 'say what the owner runs, or leave the step out' });
    }
  });
  return problems;
}

/**
 * The Cilium options a Talos node needs: the agent's capabilities without `SYS_MODULE` (Talos does not let
 * pods load kernel modules), cgroup v2 already mounted at `/sys/fs/cgroup`, and the API server through
 * KubePrism on `localhost:7445` because kube-proxy is off.
 */
export function ciliumOnTalos(): Pick<CiliumOptions, 'capabilities' | 'cgroup' | 'k8sServiceHost' | 'k8sServicePort' | 'kubeProxyReplacement'> {
  return {
    kubeProxyReplacement: true,
    capabilities: { ciliumAgent: [...CILIUM_AGENT_CAPABILITIES], cleanCiliumState: [...CILIUM_CLEAN_STATE_CAPABILITIES] },
    cgroup: { autoMount: false, hostRoot: '/sys/fs/cgroup' },
    k8sServiceHost: 'localhost',
    k8sServicePort: TALOS_KUBEPRISM_PORT,
  };
}
