import { canonicalIp } from '../inventory/ip-address';
import { ZfsPool } from '../inventory/zfs-pool';
import type { TalosProps } from './distributions';
import type { ClusterChart } from './cluster-chart';
import {
  TAILNET_SUBNET, TAILSCALE_RESOLVER, TALOS_FLANNEL_OVER_TAILNET, talosClusterSubnetsPatches, talosNameserversPatch, talosPodSubnetsPatch,
} from './talos-network';
import { talosEndpointPatch } from './talos-endpoint';
import { k3sKubeconfigFile } from './k3s-kubeconfig';
import { talosOidcPatch } from './talos-oidc';
import type { TalosNode, TalosPatch, TalosPlan } from './talos-steps';
import type { TalosFirewallInputs } from './talos-firewall';
import { TALOS_CLUSTER_RANGES } from './talos-subnets';
import { hostPortsNotedUnder } from '../validation/host-port-use';
import { servesGpusToPods } from './kubevirt-host-devices';

// What the Talos steps of one cluster say, from its inventory (the hosts, their roles, GPUs and addresses)
// and the options of talos(); other choices of the cluster add the machine-config changes they need.

/** What `talos()` tells the plan: its props. */
export type TalosPlanOptions = TalosProps;

// Kept beside the cluster: a storage tier is set up before the distribution's steps are made.
const addedPatches = new WeakMap<ClusterChart, TalosPatch[]>();

/**
 * Adds a change every node's machine config needs for a choice of `cluster` (the kubelet mount of
 * node-local volumes); `talos()` puts it in the configs it has the owner make.
 */
export function addTalosMachinePatch(cluster: ClusterChart, patch: TalosPatch): void {
  const patches = addedPatches.get(cluster) ?? [];
  if (!patches.some((p) => JSON.stringify(p) === JSON.stringify(patch))) {
    patches.push(patch);
  }
  addedPatches.set(cluster, patches);
}

const addedExtensions = new WeakMap<ClusterChart, string[]>();

/**
 * Adds system extensions (Image Factory names, e.g. `siderolabs/iscsi-tools`) every node needs for a choice of
 * `cluster` (a chart release whose pods call host tools); `talos()` puts them in the schematic its steps make.
 */
export function addTalosExtensions(cluster: ClusterChart, extensions: readonly string[]): void {
  const added = addedExtensions.get(cluster) ?? [];
  addedExtensions.set(cluster, [...added, ...extensions.filter((extension) => !added.includes(extension))]);
}

/** The plan of `cluster`'s Talos steps; none for a cluster without hosts, whose steps could name no node. */
export function talosPlan(cluster: ClusterChart, options: TalosPlanOptions): TalosPlan | undefined {
  if (cluster.hosts.length === 0) {
    return undefined;
  }
  const nodes = cluster.hosts.map((host): TalosNode => ({
    name: host.nodeName,
    address: host.address,
    installAddress: canonicalIp(options.maintenanceAddresses?.[host.name] ?? host.address),
    controlPlane: host.roles.includes('control-plane'),
    // A node whose NVIDIA GPUs are all given to VMs leaves them to vfio-pci: no NVIDIA driver may take them first.
    nvidia: host.hasGpu('nvidia') && servesGpusToPods(cluster, host, 'nvidia'),
    arch: host.arch,
    ...(typeof options.installDisks?.[host.name] === 'string' ? { installDisk: options.installDisks[host.name] } : {}),
  }));
  const bootstrapHost = options.bootstrapNode ?? cluster.hosts.find((h) => h.roles.includes('control-plane')) ?? cluster.hosts[0];
  const bootstrap = nodes[cluster.hosts.indexOf(bootstrapHost)] ?? nodes[0];
  const subnets = nonEmpty(options.clusterSubnets) ? talosClusterSubnetsPatches(options.clusterSubnets) : undefined;
  const endpoint = typeof options.clusterEndpoint === 'string' && options.clusterEndpoint !== '' ? options.clusterEndpoint : undefined;
  const dns = nonEmpty(options.nameservers) ? talosNameserversPatch(options.nameservers) : undefined;
  // Talos has no ZFS of its own: a pool that backs a storage tier needs the extension (which imports the
  // pools as the node boots) and its kernel module, or OpenEBS ZFS LocalPV finds no pool.
  const zfs = cluster.tierNames.some((name) => cluster.tier(name) instanceof ZfsPool);
  const everyNode: TalosPatch[] = [
    ...(options.bringYourOwnCni ?? true ? [ownPodNetworkPatch(cluster.cni?.replacesKubeProxy === true)] : []),
    ...(subnets ? [subnets.everyNode] : []),
    // A cluster on the tailnet keeps its pods' traffic there too.
    ...(options.bringYourOwnCni === false && options.tailscaleExtension === true && nonEmpty(options.clusterSubnets) && options.clusterSubnets.includes(TAILNET_SUBNET)
      ? [TALOS_FLANNEL_OVER_TAILNET] : []),
    ...(nonEmpty(options.podSubnets) ? [talosPodSubnetsPatch(options.podSubnets)] : []),
    ...(dns && dns.why === undefined ? [{ what: dns.what, patch: dns.patch }] : []),
    ...(zfs ? [TALOS_ZFS_MODULE] : []),
    ...(addedPatches.get(cluster) ?? []),
  ];
  const controlPlane: TalosPatch[] = [
    ...(options.allowSchedulingOnControlPlanes === true ? [{
      what: 'the control-plane nodes run workloads too (cluster.allowSchedulingOnControlPlanes)',
      patch: { cluster: { allowSchedulingOnControlPlanes: true } },
    }] : []),
    ...(subnets ? [subnets.controlPlane] : []),
    ...(endpoint !== undefined ? [talosEndpointPatch(endpoint)] : []),
    ...(options.apiServerOidc !== undefined ? [talosOidcPatch(options.apiServerOidc)] : []),
  ];
  return {
    clusterName: options.clusterName ?? `${cluster.site.name}-${cluster.clusterName}`,
    localFolder: `$HOME/.talos/${cluster.site.name}-${cluster.clusterName}`,
    kubeconfigFile: k3sKubeconfigFile(cluster),
    nodes,
    bootstrap,
    ...(endpoint !== undefined ? { endpoint } : {}),
    extensions: [...new Set([
      ...(options.tailscaleExtension === true ? ['siderolabs/tailscale'] : []), ...(zfs ? [TALOS_ZFS_EXTENSION] : []), ...(addedExtensions.get(cluster) ?? []),
    ])],
    everyNode,
    controlPlane,
    ...(dns?.why !== undefined ? { afterJoin: { what: dns.what, patch: dns.patch, why: dns.why } } : {}),
    tailscale: options.tailscaleExtension === true,
    tailscaleAcceptsDns: options.tailscaleExtension === true && nonEmpty(options.nameservers) && options.nameservers.includes(TAILSCALE_RESOLVER),
    ...(Array.isArray(options.provisioningSteps) && options.provisioningSteps.length > 0 ? { provisioning: options.provisioningSteps } : {}),
  };
}

/**
 * The machine-config change that leaves the pod network to the repository's CNI, and kube-proxy too when that CNI
 * serves Services itself: Talos' kube-proxy is the only one otherwise, and without it no Service answers.
 */
function ownPodNetworkPatch(replacesKubeProxy: boolean): TalosPatch {
  return replacesKubeProxy ? {
    what: 'no CNI and no kube-proxy of Talos\' own, as the repository installs the pod network (cluster.network.cni.name: none, cluster.proxy.disabled)',
    patch: { cluster: { network: { cni: { name: 'none' } }, proxy: { disabled: true } } },
  } : {
    what: 'no CNI of Talos\' own, as the repository installs the pod network; Talos\' kube-proxy serves Services (cluster.network.cni.name: none)',
    patch: { cluster: { network: { cni: { name: 'none' } } } },
  };
}

/** The system extension that brings ZFS to a Talos node. */
const TALOS_ZFS_EXTENSION = 'siderolabs/zfs';

/** The machine-config change that loads the ZFS module the extension brings. */
const TALOS_ZFS_MODULE: TalosPatch = {
  what: 'the zfs kernel module of the siderolabs/zfs extension loaded, for the ZFS pools of the storage tiers (machine.kernel.modules)',
  patch: { machine: { kernel: { modules: [{ name: 'zfs' }] } } },
};

/** Whether `list` is an array with something in it. */
function nonEmpty(list: unknown): list is string[] {
  return Array.isArray(list) && list.length > 0;
}

/**
 * What the firewall of `cluster`'s nodes is made from: read once everything is declared (the platform
 * components a chart adds after its cluster's checks, the host ports its routes take).
 */
export function talosFirewallInputs(cluster: ClusterChart, options: TalosPlanOptions, reachableFrom: readonly string[]): TalosFirewallInputs {
  return {
    reachableFrom,
    nodes: cluster.hosts.map((h) => h.address),
    controlPlanes: cluster.hosts.filter((h) => h.roles.includes('control-plane')).map((h) => h.address),
    podSubnets: nonEmpty(options.podSubnets) ? options.podSubnets : [TALOS_CLUSTER_RANGES[0].cidr],
    tailscale: options.tailscaleExtension === true,
    nodePorts: [
      ...cluster.platform.components.flatMap((c) => (c.props.hostPorts ?? []).map((p) => ({ ...p, owner: c.name }))),
      ...hostPortsNotedUnder(cluster).map((p) => ({ ...p, clients: true })),
    ],
  };
}
