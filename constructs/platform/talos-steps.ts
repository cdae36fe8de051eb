// The owner steps that take bare machines to a running Talos cluster, in the one order that works: the
// auth key and the image first, then every machine-config change inside the generated configs, then each
// node's first config (with its hostname), talosctl's own config, the nodes' resolver once they are on their
// network, the records of the API server's name, bootstrap and the kubeconfig. Pure: the plan is made from
// the cluster elsewhere (talos-plan.ts).

import { endpointUrl, isEndpointAddress, talosEndpointRecordsStep, talosEndpointVipStep } from './talos-endpoint';


/** One node as the steps name it. */
export interface TalosNode {
  /** Kubernetes node name; the node's hostname patch gives it (Talos would pick one from DHCP or make one up). */
  readonly name: string;
  /** Where the node is reached once it runs Talos (its address in the inventory). */
  readonly address: string;
  /** Where it is reached in maintenance mode, for its first config. */
  readonly installAddress: string;
  /** Whether it runs etcd and the control plane (`controlplane.yaml`), or is a worker (`worker.yaml`). */
  readonly controlPlane: boolean;
  /** Whether it carries an NVIDIA GPU, whose driver and container runtime come from system extensions. */
  readonly nvidia: boolean;
  /** CPU architecture, which names its boot image. */
  readonly arch: string;
  /** The disk Talos installs onto (`machine.install.disk`). @default - `/dev/sda`, the one `talosctl gen config` writes */
  readonly installDisk?: string;
}

/** A machine-config patch with what it is for, in the owner's words. */
export interface TalosPatch {
  /** What it changes, e.g. `cluster.allowSchedulingOnControlPlanes (the control-plane nodes run workloads too)`. */
  readonly what: string;
  /** The strategic-merge patch. */
  readonly patch: Record<string, unknown>;
}

/** Everything the steps of one Talos cluster say. */
export interface TalosPlan {
  /** The name `talosctl gen config` gives the cluster. */
  readonly clusterName: string;
  /** Every node of the cluster, in the inventory's order. */
  readonly nodes: readonly TalosNode[];
  /** The control-plane node etcd is bootstrapped on, and talosctl kubeconfig asks. */
  readonly bootstrap: TalosNode;
  /** Host of the API server's cluster endpoint: a DNS name of every control-plane node, or a VIP. @default - the bootstrap node's address */
  readonly endpoint?: string;
  /** System extensions every node runs (Image Factory names, e.g. `siderolabs/tailscale`). */
  readonly extensions: readonly string[];
  /** Patches of every node's config, made with the configs. */
  readonly everyNode: readonly TalosPatch[];
  /** Patches of the control-plane nodes' config, made with the configs. */
  readonly controlPlane: readonly TalosPatch[];
  /** A patch of the running nodes before bootstrap, with why it cannot be in the first config. @default - none */
  readonly afterJoin?: TalosPatch & { readonly why: string };
  /** Whether the nodes join a tailnet with the Tailscale extension, whose auth key each first config carries. */
  readonly tailscale: boolean;
  /**
   * Whether the extension takes the tailnet's DNS settings (`TS_ACCEPT_DNS=true`, which is `tailscale up
   * --accept-dns=true`): nodes that resolve through Tailscale's resolver need them, as the extension's
   * containerboot turns them off by default, and without them that resolver answers the tailnet's machine
   * names only, neither its Split DNS domains nor its global nameservers.
   * @default false
   */
  readonly tailscaleAcceptsDns?: boolean;
  /** Steps of the owner's own provisioning, which makes and applies the configs instead of talosctl. @default - talosctl makes them */
  readonly provisioning?: readonly string[];
  /**
   * Folder of the owner's machine, outside the repository, that talosctl's steps keep this cluster's machine
   * configs, talosctl config and Tailscale auth key in, e.g. `$HOME/.talos/lab-main`: they hold its secrets,
   * and another cluster's steps would overwrite them in a folder of their own name.
   */
  readonly localFolder: string;
  /** The kubeconfig file the steps write on the owner's machine, e.g. `~/.kube/lab-main.yaml`. */
  readonly kubeconfigFile: string;
}

/** The NVIDIA system extensions a GPU node runs: the proprietary kernel modules and the userspace driver and runtime. */
export const TALOS_NVIDIA_EXTENSIONS = ['siderolabs/nonfree-kmod-nvidia-production', 'siderolabs/nvidia-container-toolkit-production'];

/** The kernel modules and sysctl the NVIDIA extensions need in the machine config (Talos' NVIDIA GPU guide). */
export const TALOS_NVIDIA_PATCH = {
  machine: {
    kernel: { modules: ['nvidia', 'nvidia_uvm', 'nvidia_drm', 'nvidia_modeset'].map((name) => ({ name })) },
    sysctls: { 'net.core.bpf_jit_harden': '1' },
  },
};

const AUTH_KEY_FILE = 'tailscale-authkey.yaml';
const FACTORY = 'factory.talos.dev';
const VERSION = '$TALOS_VERSION';
const SCHEMATIC = '$TALOS_SCHEMATIC';
const NVIDIA_SCHEMATIC = '$TALOS_SCHEMATIC_NVIDIA';

/** The owner steps of `plan`, in order. Pure. */
export function talosSteps(plan: TalosPlan): string[] {
  const provisioned = plan.provisioning !== undefined;
  return [
    ...(plan.tailscale ? [authKeyStep(plan, provisioned)] : []),
    ...imageSteps(plan),
    ...(provisioned ? [provisioningPatchesStep(plan), ...plan.provisioning!] : [genConfigStep(plan), ...plan.nodes.map((n) => applyConfigStep(plan, n)), talosconfigStep(plan)]),
    // Before bootstrap: the nodes reach the API server by its name through the resolver this patch sets.
    ...(plan.afterJoin ? [afterJoinStep(plan)] : []),
    ...(plan.endpoint === undefined ? []
      : isEndpointAddress(plan.endpoint) ? [talosEndpointVipStep(plan.endpoint, plan.nodes.filter((n) => n.controlPlane).map((n) => n.address))]
        : [talosEndpointRecordsStep(plan.endpoint, plan.nodes.filter((n) => n.controlPlane).map((n) => n.address), plan.tailscaleAcceptsDns === true)]),
    bootstrapStep(plan, provisioned),
    ...(provisioned ? [] : [kubeconfigStep(plan)]),
  ];
}

/** `patch` as one shell word: JSON in single quotes, with `$VARIABLES` left to the shell. */
export function shellJson(patch: unknown): string {
  return `'${JSON.stringify(patch).replace(/\$[A-Z_]+/g, (variable) => `'"${variable}"'`)}'`;
}

/** Deep merge of strategic-merge patches (objects merged, lists joined), so one flag carries them all. Pure. */
export function mergePatches(patches: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> {
  const merge = (a: unknown, b: unknown): unknown => {
    if (Array.isArray(a) && Array.isArray(b)) {
      return [...a, ...b];
    }
    if (isObject(a) && isObject(b)) {
      const out: Record<string, unknown> = { ...a };
      Object.entries(b).forEach(([key, value]) => { out[key] = key in out ? merge(out[key], value) : value; });
      return out;
    }
    return b;
  };
  return patches.reduce<Record<string, unknown>>((all, patch) => merge(all, patch) as Record<string, unknown>, {});
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The hostname patch that gives a node its Kubernetes node name. */
function hostnamePatch(node: TalosNode): Record<string, unknown> {
  return { machine: { network: { hostname: node.name } } };
}

/** The URL of the API server in the configs and the kubeconfig. */
function clusterEndpoint(plan: TalosPlan): string {
  return endpointUrl(plan.endpoint ?? plan.bootstrap.address);
}

/** The disk `talosctl gen config` has every node install onto, unless a patch names another. */
const GEN_CONFIG_INSTALL_DISK = '/dev/sda';

/** The patches of one node's own config: its hostname, the disk it installs onto when given, and a GPU node's own. */
function nodePatches(node: TalosNode): Record<string, unknown>[] {
  return [
    hostnamePatch(node),
    ...(node.installDisk !== undefined ? [{ machine: { install: { disk: node.installDisk } } }] : []),
    ...(node.nvidia ? [nvidiaNodePatch()] : []),
  ];
}

/** The patch only a GPU node gets: its own installer image (with the NVIDIA extensions) and the modules they need. */
function nvidiaNodePatch(): Record<string, unknown> {
  return mergePatches([{ machine: { install: { image: `${FACTORY}/installer/${NVIDIA_SCHEMATIC}:${VERSION}` } } }, TALOS_NVIDIA_PATCH]);
}

/** Where the auth key's file is written: the cluster's folder, unless the owner's provisioning reads it where it runs. */
function authKeyFile(plan: TalosPlan, provisioned: boolean): string {
  return provisioned ? AUTH_KEY_FILE : `${plan.localFolder}/${AUTH_KEY_FILE}`;
}

function authKeyStep(plan: TalosPlan, provisioned: boolean): string {
  const acceptDns = plan.tailscaleAcceptsDns === true;
  const file = authKeyFile(plan, provisioned);
  const environment = ['TS_AUTHKEY=$TS_AUTHKEY', ...(acceptDns ? ['TS_ACCEPT_DNS=true'] : [])].map((entry) => `\\"${entry}\\"`).join(',');
  const command = `${provisioned ? '' : `install -d -m 700 ${plan.localFolder} && `}read -rsp 'Tailscale auth key: ' TS_AUTHKEY && printf '%s\\n' "{\\"apiVersion\\":\\"v1alpha1\\",\\"kind\\":\\"ExtensionServiceConfig\\",`
    + `\\"name\\":\\"tailscale\\",\\"environment\\":[${environment}]}" > ${file}`;
  return 'auth key of the Tailscale extension, kept out of Git: make a reusable auth key in the Tailscale admin console (Settings → Keys), '
    + `then write ${file}, an ExtensionServiceConfig document (JSON, which Talos reads as YAML) that `
    + (provisioned ? 'your provisioning passes as a config patch of every node' : 'every talosctl apply-config below passes')
    + (acceptDns ? ', with TS_ACCEPT_DNS=true: the nodes resolve through Tailscale\'s resolver, which answers Split DNS domains and other names only '
      + 'when the extension takes the tailnet\'s DNS settings (it does not by default)' : '')
    + `: ${command}. A node is on the tailnet once tailscale status lists it; then disable its key expiry (the admin console's Machines, `
    + 'the node\'s menu, Disable key expiry): its node key otherwise expires with the tailnet\'s key expiry (180 days by default), and from then '
    + 'the node passes no tailnet traffic, nor the cluster\'s traffic that runs over it. The auth key itself expires '
    + '(after 90 days at most): make a new one for a node that joins later';
}

/** The Image Factory schematics and boot images, when any node runs a system extension. */
function imageSteps(plan: TalosPlan): string[] {
  const gpuNodes = plan.nodes.filter((n) => n.nvidia);
  if (plan.extensions.length === 0 && gpuNodes.length === 0) {
    return [];
  }
  const schematic = (variable: string, extensions: readonly string[]) => `export ${variable.slice(1)}=$(curl -sf -X POST --data-binary `
    + `'${JSON.stringify({ customization: { systemExtensions: { officialExtensions: extensions } } })}' https://${FACTORY}/schematics | jq -r .id)`;
  const iso = (variable: string, nodes: readonly TalosNode[]) => [...new Set(nodes.map((n) => n.arch))]
    .map((arch) => `${nodes.filter((n) => n.arch === arch).map((n) => n.name).join(', ')} from https://${FACTORY}/image/${variable}/${VERSION}/metal-${arch}.iso`);
  const others = plan.nodes.filter((n) => !n.nvidia);
  const gpu = gpuNodes.length > 0
    ? `; ${gpuNodes.map((n) => n.name).join(', ')} (NVIDIA GPU) run${gpuNodes.length === 1 ? 's' : ''} ${TALOS_NVIDIA_EXTENSIONS.join(' and ')}${plan.extensions.length > 0 ? ' too' : ''}, which bring the driver `
      + "and containerd's runtime handler nvidia (nothing is installed on a Talos node by hand), from a schematic of their own" : '';
  const commands = [
    `export TALOS_VERSION=$(talosctl version --client | awk '/Tag:/ {print $2; exit}')`,
    ...(others.length > 0 ? [schematic(SCHEMATIC, plan.extensions)] : []),
    ...(gpuNodes.length > 0 ? [schematic(NVIDIA_SCHEMATIC, [...plan.extensions, ...TALOS_NVIDIA_EXTENSIONS])] : []),
  ];
  const every = plan.extensions.length > 0 ? `with the system extensions ${plan.extensions.join(', ')} on every node` : 'with no system extension on the other nodes';
  return [`Talos image from the Image Factory, at the release of the talosctl you run, ${every}${gpu}: `
    + `${commands.join(' && ')}; then boot ${[...iso(SCHEMATIC, others), ...iso(NVIDIA_SCHEMATIC, gpuNodes)].join(', and ')}`];
}

/** What the patches of `patches` change, for the step's text. */
function describe(patches: readonly TalosPatch[]): string {
  return patches.map((p) => p.what).join('; ');
}

function genConfigStep(plan: TalosPlan): string {
  const image = plan.extensions.length > 0 && plan.nodes.some((n) => !n.nvidia) ? ` --install-image ${FACTORY}/installer/${SCHEMATIC}:${VERSION}` : '';
  const every = plan.everyNode.length > 0 ? ` --config-patch ${shellJson(mergePatches(plan.everyNode.map((p) => p.patch)))}` : '';
  const controlPlane = plan.controlPlane.length > 0
    ? ` --config-patch-control-plane ${shellJson(mergePatches(plan.controlPlane.map((p) => p.patch)))}` : '';
  const changes = [...plan.everyNode, ...plan.controlPlane];
  return `machine configs and talosctl's config, made once (a second gen config makes new certificates, which the configured nodes do not take), `
    + `in ${plan.localFolder}, outside the repository (they hold the cluster's secrets)`
    + `${changes.length > 0 ? `, with every change the cluster needs: ${describe(changes)}` : ''}: `
    + `talosctl gen config ${plan.clusterName} ${clusterEndpoint(plan)} --output ${plan.localFolder}${image}${every}${controlPlane}`;
}

function applyConfigStep(plan: TalosPlan, node: TalosNode): string {
  const patches = [
    ...(plan.tailscale ? [`--config-patch @${authKeyFile(plan, false)}`] : []),
    ...nodePatches(node).map((patch) => `--config-patch ${shellJson(patch)}`),
  ];
  const reached = node.installAddress !== node.address
    ? `, at ${node.installAddress} in maintenance mode; it is reached at ${node.address} once it runs${plan.tailscale ? ' (its tailnet address)' : ''}` : '';
  // The installer partitions its disk anew: a machine that ran another OS loses what that disk held.
  const disk = node.installDisk ?? `${GEN_CONFIG_INSTALL_DISK} (gen config's default; talos({ installDisks }) names another)`;
  return `first config of node ${node.name}, with its hostname (its Kubernetes node name, which the repository's placements and the steps below name)`
    + `${node.nvidia ? ' and the NVIDIA kernel modules' : ''}${reached}. Talos installs onto ${disk} and erases it: copy off and check what the machine keeps there first: `
    + `talosctl apply-config --insecure --nodes ${node.installAddress} --file ${plan.localFolder}/${node.controlPlane ? 'controlplane' : 'worker'}.yaml ${patches.join(' ')}`;
}

function talosconfigStep(plan: TalosPlan): string {
  const endpoints = plan.nodes.filter((n) => n.controlPlane).map((n) => n.address);
  return `talosctl's own config: the one gen config wrote, with the control-plane nodes as endpoints, in this shell (talosctl reads $TALOSCONFIG, else ~/.talos/config): `
    + `export TALOSCONFIG=${plan.localFolder}/talosconfig && talosctl config endpoint ${endpoints.join(' ')} && talosctl config node ${plan.bootstrap.address}`;
}

function bootstrapStep(plan: TalosPlan, provisioned: boolean): string {
  return `start etcd on ${plan.bootstrap.name} once every node runs its config${plan.tailscale ? ' and has its tailnet address' : ''}`
    + `${provisioned ? ', unless your provisioning bootstraps it itself (Terraform\'s talos_machine_bootstrap; a second bootstrap answers AlreadyExists)' : ''}: `
    + `talosctl bootstrap --nodes ${plan.bootstrap.address}`;
}

function afterJoinStep(plan: TalosPlan): string {
  const patch = plan.afterJoin!;
  // A node's first config leaves this patch out (it waits for the running node): one that joins later gets it only from this step.
  return `machine config of the running nodes: ${patch.what}. ${patch.why}. Run it again, as the README then writes it, once a node that joins later runs (its first config leaves this out): `
    + `talosctl patch mc --nodes ${plan.nodes.map((n) => n.address).join(',')} --patch ${shellJson(patch.patch)}`;
}

function kubeconfigStep(plan: TalosPlan): string {
  const server = plan.endpoint !== undefined ? ` (talosctl asks one node; the kubeconfig's server is ${clusterEndpoint(plan)}, which any control-plane node answers)` : '';
  return `kubectl's config for the cluster, for the steps below${server}, outside the repository (it holds the cluster's admin credentials): `
    + `talosctl kubeconfig ${plan.kubeconfigFile} --nodes ${plan.bootstrap.address} && export KUBECONFIG=${plan.kubeconfigFile}`;
}

/** The patches a provisioning tool (Terraform's config_patches) puts in the configs it makes, node by node. */
function provisioningPatchesStep(plan: TalosPlan): string {
  const parts = [
    ...(plan.everyNode.length > 0 ? [`every node ${JSON.stringify(mergePatches(plan.everyNode.map((p) => p.patch)))}`] : []),
    ...(plan.controlPlane.length > 0 ? [`the control-plane nodes ${JSON.stringify(mergePatches(plan.controlPlane.map((p) => p.patch)))}`] : []),
    ...plan.nodes.map((n) => `node ${n.address} ${JSON.stringify(mergePatches(nodePatches(n)))}`),
  ];
  const changes = [...plan.everyNode, ...plan.controlPlane];
  return `machine-config patches for the configs your provisioning makes and applies (e.g. the config_patches of Terraform's talos_machine_configuration), `
    + `before it runs${plan.endpoint !== undefined ? `, with the cluster endpoint ${clusterEndpoint(plan)} (Terraform's cluster_endpoint)` : ''}: `
    + `${changes.length > 0 ? `${describe(changes)}; ` : ''}each node's hostname is its Kubernetes node name, which the repository's placements and the steps below name. `
    + `${parts.join('; ')}`;
}
