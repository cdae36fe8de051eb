import { Host, Taint } from '../inventory/host';
import { reportEvenEtcdMembers } from './etcd-members';
import { reportNoControlPlaneHost } from './control-plane-hosts';
import type { ClusterChart } from './cluster-chart';
import { withClusterCheck } from './cluster-checks';
import { declareBuiltInCharts } from './built-in-charts';
import type { Preinstalled } from './component';
import { reportFinding } from '../validation/finding';
import { leaveOwnerAction } from '../synth/owner-action';
import type { CiliumOptions } from './components/cilium';
import { CILIUM_AGENT_CAPABILITIES, CILIUM_CLEAN_STATE_CAPABILITIES } from './components/cilium';
import { HOST_SHAPE } from '../validation/app-props-shape';
import { checkedChoice } from '../validation/choice-props';
import type { PropProblem, PropShape } from '../validation/known-props';
import type { TalosPatch } from './talos-steps';
import { parseIpAddress } from '../inventory/ip-address';
import { TalosNetworkProps, talosNetworkProblems } from './talos-network';
import { endpointAddressProblems, TalosEndpointProps, talosEndpointProblems } from './talos-endpoint';
import { noteApiServerOidc, TalosOidcProps, talosOidcProblems } from './talos-oidc';
import { noteIssuer } from '../validation/oidc-issuer';
import { talosFirewallInputs, talosPlan } from './talos-plan';
import { TalosFirewallProps, talosFirewallProblems, talosFirewallRules, talosFirewallStep } from './talos-firewall';
import { clusterSubnetProblems } from './talos-subnets';
import { cidrBlocks, KNOWN_DISTRIBUTIONS } from './cluster-ranges';
import { rangesInForce } from './cluster-range-vlans';
import { talosSteps } from './talos-steps';
import { distributionVersionRules } from './distribution-version';
import { checkKubeletServingCertificates, TalosKubeletCertificatesProps, useKubeletServingCertificates } from './talos-kubelet-certificates';

export { TAILNET_SUBNET, TAILSCALE_RESOLVER } from './talos-network';
export type { TalosNetworkProps } from './talos-network';
export type { TalosFirewallProps, TalosIngressFirewall } from './talos-firewall';
export type { TalosEndpointProps } from './talos-endpoint';
export type { TalosApiServerOidc, TalosOidcProps } from './talos-oidc';
export type { TalosKubeletCertificatesProps } from './talos-kubelet-certificates';

/** Port of KubePrism, Talos' API server load balancer on every node (`localhost:7445`). */
export const TALOS_KUBEPRISM_PORT = 7445;

/** The name `talos()` gives its distribution (`Preinstalled.distribution`). */
export const TALOS_DISTRIBUTION = KNOWN_DISTRIBUTIONS.talos.name;

/**
 * Where node-local volumes live on a Talos node: its `/opt` is read-only, and `/var` is the writable
 * EPHEMERAL partition (Talos docs, Local Storage).
 */
export const TALOS_LOCAL_VOLUME_ROOT = '/var/local-path-provisioner';

/** The taint Talos puts on control-plane nodes unless `allowSchedulingOnControlPlanes` (Talos docs, workers on control plane). */
export const TALOS_CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** Whether the cluster's distribution is Talos Linux, by what it declared preinstalled. */
export function runsTalos(preinstalled: readonly Preinstalled[]): boolean {
  return preinstalled.some((p) => p.distribution === TALOS_DISTRIBUTION);
}

/**
 * The machine-config change that lets pods see node folders under `root`: the kubelet runs in its own
 * container on Talos, and sees a host folder only once it is bind-mounted into it (rshared, so volumes
 * mounted there later show too).
 */
export function talosKubeletMountPatch(root: string): TalosPatch {
  return {
    what: `the kubelet sees ${root}, where node-local volumes live (machine.kubelet.extraMounts; it sees no host folder it does not mount)`,
    patch: { machine: { kubelet: { extraMounts: [{ destination: root, type: 'bind', source: root, options: ['bind', 'rshared', 'rw'] }] } } },
  };
}

/**
 * Talos' own pod network, kept with `bringYourOwnCni: false`: Flannel, which enforces no NetworkPolicy
 * (Talos docs, "Network": a CNI with policies, such as Cilium, replaces it).
 */
const TALOS_FLANNEL = {
  name: "Talos' built-in Flannel", enforcesNetworkPolicies: false, field: 'bringYourOwnCni',
  change: 'install a CNI that enforces them: talos({ bringYourOwnCni: true }) with the cluster\'s cni: cilium({ ...ciliumOnTalos() })',
  nodeUdpPorts: { 4789: "Talos' Flannel VXLAN" },
} as const;

/** Options of the Talos distribution. */
export interface TalosProps extends TalosNetworkProps, TalosFirewallProps, TalosEndpointProps, TalosOidcProps, TalosKubeletCertificatesProps {
  /**
   * The name `talosctl gen config` gives the cluster (in its kubeconfig and certificates).
   * @default - `<site>-<cluster>`
   */
  readonly clusterName?: string;
  /**
   * The control-plane node `talosctl bootstrap` and `talosctl kubeconfig` run against: one of the cluster's
   * hosts. Its address is the API server's endpoint in the generated configs unless `clusterEndpoint` is set.
   * @default - the cluster's first host with the role control-plane
   */
  readonly bootstrapNode?: Host<any, any>;
  /**
   * Whether the machine config leaves the CNI to the repository (`cluster.network.cni.name: none`), and
   * kube-proxy too (`cluster.proxy.disabled: true`) when that CNI replaces it, as Cilium does unless
   * `kubeProxyReplacement: false`; the cluster must then have a `cni` (e.g. `cilium({ ...ciliumOnTalos() })`).
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
   * Steps of the owner's own provisioning, which makes and applies the Talos configs instead of `talosctl gen
   * config` and `apply-config` (e.g. `terraform apply` and the outputs that hold the talosconfig and
   * kubeconfig). The steps then list the machine-config patches (each node's hostname among them) for it to
   * put in the configs, before these steps.
   * @default - the steps make the configs with talosctl and apply them node by node
   */
  readonly provisioningSteps?: string[];
  /**
   * Where a node is reached in Talos maintenance mode, for its first `talosctl apply-config --insecure`,
   * when that is not its address in the inventory (e.g. a node whose inventory address is on a tailnet it
   * joins only once configured), by host name.
   * @default - each node's address in the inventory
   */
  readonly maintenanceAddresses?: Record<string, string>;
  /**
   * The disk Talos installs onto on each node (`machine.install.disk` of its first config), by host name,
   * e.g. `/dev/nvme0n1`: the installer partitions it anew, erasing what it held. A node left out installs
   * onto the disk `talosctl gen config` names.
   * @default - `/dev/sda` on every node, talosctl gen config's default
   */
  readonly installDisks?: Record<string, string>;
}

/** The options of `talos()`, for callers the type checker does not see. */
const TALOS_PROPS_SHAPE = {
  clusterName: 'objectName', bootstrapNode: HOST_SHAPE, bringYourOwnCni: 'boolean', allowSchedulingOnControlPlanes: 'boolean', provisioningSteps: 'strings',
  nameservers: 'strings', clusterSubnets: 'strings', podSubnets: 'strings', tailscaleExtension: 'boolean', maintenanceAddresses: { '{}': 'string' },
  installDisks: { '{}': 'string' }, ingressFirewall: { reachableFrom: 'strings' },
  clusterEndpoint: 'string', apiServerOidc: { issuerUrl: 'string', clientId: 'string', usernameClaim: 'string', groupsClaim: 'string' },
  kubeletServingCertificates: 'boolean',
} as const satisfies Record<keyof TalosProps, PropShape>;

/** talos() takes no release: talosctl and the nodes' image carry one. */
const TALOS_VERSION_RULES = distributionVersionRules('talosVersion',
  "talos() takes no release: the Talos release is the talosctl that makes the nodes' configs and the image they boot, "
  + 'and the Kubernetes it runs is that talosctl\'s default unless its gen config is given --kubernetes-version');

/**
 * What a Talos Linux cluster has before the repository is applied: the built-in namespaces and CoreDNS,
 * no StorageClass, no CRDs; and the steps its owner runs by hand, made from the cluster's hosts once it is
 * built (each node's hostname, role, GPU and addresses) and from what its other choices need of the
 * machine configs.
 */
export function talos(props: TalosProps = {}): Preinstalled {
  const declaration = checkedChoice<Preinstalled>({
    source: TALOS_DISTRIBUTION,
    distribution: TALOS_DISTRIBUTION,
    ...(cidrBlocks(props?.podSubnets).length > 0 ? { clusterRanges: { pods: cidrBlocks(props.podSubnets) } } : {}),
    namespaces: ['kube-system', 'kube-public', 'kube-node-lease', 'default'],
    brings: [
      "CoreDNS, the cluster's DNS (Service kube-dns in kube-system)",
      `KubePrism, a load balancer of the API server on every node at localhost:${TALOS_KUBEPRISM_PORT}`,
    ],
    controlPlaneTaints: props?.allowSchedulingOnControlPlanes === true ? [] : [TALOS_CONTROL_PLANE_TAINT],
    ...(props?.bringYourOwnCni === false ? { podNetwork: TALOS_FLANNEL } : {}),
  }, 'talos()', props, TALOS_PROPS_SHAPE, { foreign: TALOS_VERSION_RULES }, talosProblems(props));
  return withClusterCheck(declaration, (cluster, field) => {
    declareBuiltInCharts(cluster, [{
      charts: ['coredns'], what: "Talos' CoreDNS (Service kube-dns in kube-system)",
      clash: "two DNS servers for one cluster, and pods would still ask Talos' one, whose address the kubelet hands them",
      hint: "drop this release: Talos' own takes its settings from the machine config (cluster.coreDNS)",
    }]);
    leaveNoShellSteps(cluster);
    reportEvenEtcdMembers(cluster, "Talos' etcd, which runs on every control-plane node,");
    if (props?.kubeletServingCertificates === true && cluster.hosts.length > 0) {
      useKubeletServingCertificates(cluster);
    }
    const plan = checkTalosCluster(cluster, field, props) ? talosPlan(cluster, props) : undefined;
    if (plan !== undefined) {
      let declared: Preinstalled = { ...declaration, manualSteps: talosSteps(plan) };
      cluster.platform.replacePreinstalled(declaration, declared);
      leaveFirewallStep(cluster, props);
      const remake = (steps = talosSteps(talosPlan(cluster, props)!)) => {
        const next = { ...declaration, manualSteps: steps };
        cluster.platform.replacePreinstalled(declared, next);
        declared = next;
      };
      // The charts require their components after the cluster is built, and the apps' autoscalers bring
      // metrics-server once they have rendered: the steps are made again when one of them needs the kubelets'
      // certificates signed by the cluster CA.
      cluster.onPlatformPrepare(() => checkKubeletServingCertificates(cluster, field, props ?? {}, remake));
      // So are VMs, which may be given a node's NVIDIA GPUs (that node then boots without the NVIDIA extensions),
      // and chart releases whose pods need tools or folders of the nodes (Longhorn's): whatever they changed of
      // the plan, the steps are made again from it.
      cluster.onPrepare(() => {
        const steps = talosSteps(talosPlan(cluster, props)!);
        if (JSON.stringify(steps) !== JSON.stringify(declared.manualSteps)) {
          remake(steps);
        }
      });
    }
  });
}

/**
 * The step that closes the running nodes with `props.ingressFirewall`, before the first sync: its rules
 * are read when the README is written, once the charts have declared every component and host port.
 */
function leaveFirewallStep(cluster: ClusterChart, props: TalosProps): void {
  const reachableFrom = props.ingressFirewall?.reachableFrom;
  if (!Array.isArray(reachableFrom) || reachableFrom.length === 0 || props.bringYourOwnCni !== false) {
    return;
  }
  const step = () => {
    const inputs = talosFirewallInputs(cluster, props, reachableFrom);
    return talosFirewallStep(inputs, talosFirewallRules(inputs));
  };
  leaveOwnerAction(cluster, {
    kind: 'bootstrap',
    beforeFirstSync: true,
    get action() { return step().action; },
    get command() { return step().command; },
  });
}

/** Services of the inventory a machine runs by hand on its own OS, which a Talos node cannot run (no shell, no packages). */
const HOST_OS_SERVICES = ['nfs-server'];

/**
 * Says plainly where the inventory gives a Talos node a service it cannot run: Talos has no shell and no
 * package manager, so an NFS export (and a chown or mkdir on it) must live on a machine outside its nodes.
 */
function leaveNoShellSteps(cluster: ClusterChart): void {
  for (const node of cluster.hosts) {
    for (const service of node.services.filter((s) => HOST_OS_SERVICES.includes(s))) {
      leaveOwnerAction(cluster, {
        kind: 'manual',
        action: `the inventory has node ${node.name} serve ${service}, but it runs Talos, which has no shell and runs no ${service}: serve it from a machine `
          + `outside the Talos nodes, record that machine in the inventory as an external host (and drop ${service} from ${node.name}'s services), and run `
          + 'the steps that create, export or chown folders there',
      });
    }
  }
}

/**
 * What the cluster must have for `talos(props)`: a pod network when the machine config leaves it to the
 * repository (no node becomes Ready without one) and none when Talos keeps its own (two would fight over
 * every pod), and a bootstrap node among its hosts (the step would start etcd on a machine that is no node
 * of it).
 */
function checkTalosCluster(cluster: ClusterChart, field: string, props: TalosProps): boolean {
  let sound = true;
  if (props?.apiServerOidc !== undefined && props.apiServerOidc !== null && typeof props.apiServerOidc === 'object') {
    noteApiServerOidc(cluster, props.apiServerOidc, `${field}.apiServerOidc`);
    noteIssuer(cluster, props.apiServerOidc.issuerUrl, `talos()'s ${field}.apiServerOidc.issuerUrl`, `${field}.apiServerOidc.issuerUrl`);
  }
  if ((props?.bringYourOwnCni ?? true) && cluster.cni === undefined) {
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: 'cni',
      message: `Talos leaves the pod network to the repository (bringYourOwnCni), and cluster "${cluster.clusterName}" installs none: no node would become Ready`,
      hint: "give the cluster cni: cilium({ ...ciliumOnTalos() }), or keep Talos' own with talos({ bringYourOwnCni: false })",
    });
  }
  if (props?.bringYourOwnCni === false && cluster.cni !== undefined) {
    // Talos would run its Flannel (and kube-proxy) beside the repository's CNI: two networks for every pod.
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: `${field}.bringYourOwnCni`,
      message: `talos({ bringYourOwnCni: false }) keeps Talos' built-in Flannel as the pod network, and cluster "${cluster.clusterName}" installs `
        + `${cluster.cni.name} as well (cni): two pod networks on the same nodes`,
      hint: `drop bringYourOwnCni: false, so that Talos leaves the pod network to the cluster's cni (${cluster.cni.name}, with ciliumOnTalos() for Cilium); or drop cni to keep Talos' Flannel`,
    });
  }
  if (props?.allowSchedulingOnControlPlanes !== true && cluster.hosts.length > 0 && cluster.hosts.every((h) => h.roles.includes('control-plane'))) {
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: `${field}.allowSchedulingOnControlPlanes`,
      message: `every host of cluster "${cluster.clusterName}" is a control-plane node, which Talos taints node-role.kubernetes.io/control-plane:NoSchedule: no pod of the repository would be scheduled`,
      hint: 'let them run workloads with talos({ allowSchedulingOnControlPlanes: true }), or add a host with the role worker only',
    });
  } else if (props?.allowSchedulingOnControlPlanes !== true) {
    // A host written for a distribution that schedules on control planes (K3s), moved to Talos as it was.
    const both = cluster.hosts.filter((h) => h.roles.includes('control-plane') && h.roles.includes('worker'));
    if (both.length > 0) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: `${field}.allowSchedulingOnControlPlanes`,
        message: `host${both.length > 1 ? 's' : ''} ${both.map((h) => h.name).join(', ')} of cluster "${cluster.clusterName}" list${both.length > 1 ? '' : 's'} the role worker beside control-plane, `
          + 'but Talos taints control-plane nodes node-role.kubernetes.io/control-plane:NoSchedule: no pod of the repository would run there',
        hint: "let them run workloads with talos({ allowSchedulingOnControlPlanes: true }), or give them the role 'control-plane' alone and place the workloads on a worker",
      });
    }
  }
  // Every node would get the worker config and talosctl bootstrap would start etcd on a worker.
  if (!reportNoControlPlaneHost(cluster, "Talos' etcd, with the API server,", 'the steps would bootstrap a worker')) {
    sound = false;
  }
  const bootstrapNode = props?.bootstrapNode;
  if (bootstrapNode instanceof Host && !cluster.hosts.includes(bootstrapNode)) {
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: `${field}.bootstrapNode`,
      message: `host ${bootstrapNode.name} is no node of cluster "${cluster.clusterName}", and talosctl bootstrap starts its etcd there`,
      hint: `name a control-plane host of the cluster's hosts (${cluster.hosts.map((h) => h.name).join(', ') || 'none listed'})`,
    });
    sound = false;
  }
  const ranges = rangesInForce(cluster, cluster.platform.preinstalled).inForce;
  const controlPlanes = cluster.hosts.filter((h) => h.roles.includes('control-plane')).map((h) => h.address);
  for (const problem of endpointAddressProblems(props?.clusterEndpoint, ranges, Object.values(cluster.site.pools), controlPlanes)) {
    reportFinding(cluster, { layer: 'props', severity: 'error', ...problem, field: `${field}.${problem.field}` });
  }
  for (const problem of clusterSubnetProblems(props, cluster.hosts, Object.values(cluster.site.vlans))) {
    reportFinding(cluster, { layer: 'props', severity: 'error', ...problem, field: `${field}.${problem.field}` });
  }
  const byNode = [
    { option: 'maintenanceAddresses', what: 'the addresses', use: 'the steps give a node its first config at its maintenance address' },
    { option: 'installDisks', what: 'the disks', use: 'the steps install Talos onto a node\'s disk in its first config' },
  ] as const;
  for (const { option, what, use } of byNode) {
    for (const name of Object.keys(props?.[option] ?? {}).filter((n) => !cluster.hosts.some((h) => h.name === n))) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: `${field}.${option}.${name}`,
        message: `"${name}" is no node of cluster "${cluster.clusterName}", and ${use}`,
        hint: `key ${what} by the names of the cluster's hosts (${cluster.hosts.map((h) => h.name).join(', ') || 'none listed'})`,
      });
      sound = false;
    }
  }
  return sound;
}

/** A disk device as Talos' machine.install.disk takes it: a path under /dev (`/dev/nvme0n1`, `/dev/disk/by-id/…`). */
const INSTALL_DISK = /^\/dev\/[A-Za-z0-9][\w.:+@/-]*$/;

/**
 * A partition's device, with the disk's in the first group: `/dev/sda1`, `/dev/vdb2`, `/dev/nvme0n1p1`,
 * `/dev/mmcblk0p2`, `/dev/disk/by-id/…-part1`.
 */
const PARTITION = /^(\/dev\/(?:[shv]d[a-z]+|xvd[a-z]+)|\/dev\/(?:nvme\d+n\d+|mmcblk\d+)(?=p)|\/dev\/disk\/by-[a-z]+\/.+(?=-part))(?:p|-part)?\d+$/;

/** What `talos()` cannot take beyond the types of its props. */
function talosProblems(props: TalosProps): PropProblem[] {
  const problems: PropProblem[] = [...talosNetworkProblems(props), ...talosFirewallProblems(props), ...talosEndpointProblems(props), ...talosOidcProblems(props)];
  if (props?.ingressFirewall !== undefined && props.bringYourOwnCni !== false) {
    problems.push({
      field: 'ingressFirewall',
      message: "the firewall opens the ports of Talos' own Flannel between the nodes, and bringYourOwnCni leaves the pod network to the repository's cni, "
        + 'whose ports between the nodes it would block',
      hint: "keep Talos' Flannel with talos({ bringYourOwnCni: false, ingressFirewall }), or leave ingressFirewall out and close the nodes with the CNI's own host firewall",
    });
  }
  const bootstrapNode = props?.bootstrapNode;
  // A role the host lists wrongly (master, server) is the host's own error, which the inventory names.
  if (bootstrapNode instanceof Host && !bootstrapNode.roles.includes('control-plane') && !bootstrapNode.problems.some((p) => p.field.startsWith('roles'))) {
    problems.push({
      field: 'bootstrapNode', message: `host ${bootstrapNode.name} is no control-plane node, and talosctl bootstrap starts etcd on one`,
      hint: "name a host with the role 'control-plane'",
    });
  }
  const addresses = props?.maintenanceAddresses;
  Object.entries(typeof addresses === 'object' && addresses !== null ? addresses : {}).forEach(([name, address]) => {
    if (typeof address === 'string' && parseIpAddress(address) === undefined) {
      problems.push({
        field: `maintenanceAddresses.${name}`, message: `"${address}" is no IP address, and talosctl apply-config --insecure reaches the node by address`,
        hint: 'write the address the node shows on its console in maintenance mode, e.g. 192.168.1.11',
      });
    }
  });
  const disks = props?.installDisks;
  Object.entries(typeof disks === 'object' && disks !== null ? disks : {}).forEach(([name, disk]) => {
    if (typeof disk === 'string' && !INSTALL_DISK.test(disk)) {
      problems.push({
        field: `installDisks.${name}`, message: `"${disk}" is no disk device, and Talos installs onto the device machine.install.disk names`,
        hint: 'write the device as lsblk names it, under /dev, e.g. /dev/nvme0n1 or /dev/sda',
      });
    } else if (typeof disk === 'string' && PARTITION.test(disk)) {
      const whole = PARTITION.exec(disk)![1];
      problems.push({
        field: `installDisks.${name}`, message: `"${disk}" is a partition, and Talos installs onto a whole disk, which its installer partitions anew`,
        hint: `name the disk the partition is on: '${whole}' (everything on it is erased)`,
      });
    }
  });
  if (Array.isArray(props?.provisioningSteps) && props.provisioningSteps.length === 0) {
    problems.push({
      field: 'provisioningSteps', message: 'provisioningSteps is an empty list, which is taken as none: the steps would make and apply the configs with talosctl',
      hint: 'list the steps of your own provisioning (e.g. terraform apply), or leave provisioningSteps out to make the configs with talosctl',
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
