import { parseIpBlock, parseIpv4, parseIpv6 } from '../inventory/ip';
import type { PropProblem } from '../validation/known-props';

// How the nodes of a Talos cluster resolve names and which of their networks the cluster runs on: the
// options of `talos()` that become machine-config steps, and what those options cannot take.

/** Tailscale's resolver on every machine of a tailnet ("quad-100"): MagicDNS names and the tailnet's Split DNS domains. */
export const TAILSCALE_RESOLVER = '100.100.100.100';

/** The block Tailscale gives its machines' IPv4 addresses from (CGNAT space). */
export const TAILNET_SUBNET = '100.64.0.0/10';

/** Networking options of `talos()`. */
export interface TalosNetworkProps {
  /**
   * DNS servers of every node, in order (`machine.network.nameservers`; IP addresses). The same step keeps
   * Talos' host DNS forwarding CoreDNS to the node (`machine.features.hostDNS.forwardKubeDNSToHost`), so pods
   * resolve names outside the cluster through them too. `[TAILSCALE_RESOLVER]` makes tailnet names resolve
   * for the kubelet's NFS mounts, containerd's pulls and pods: the Tailscale extension runs in a container of
   * its own and cannot point the node's resolver at itself.
   * @default - the resolvers Talos finds (DHCP, or 8.8.8.8 and 1.1.1.1)
   */
  readonly nameservers?: string[];
  /**
   * The nodes' networks the cluster runs on, for nodes with more than one (CIDR blocks): etcd advertises its
   * address there (`cluster.etcd.advertisedSubnets`) and the kubelet takes its node IP from them
   * (`machine.kubelet.nodeIP.validSubnets`). `[TAILNET_SUBNET]` keeps the cluster's traffic on a Tailscale
   * tailnet instead of the LAN.
   * @default - the addresses Talos picks, usually the LAN's
   */
  readonly clusterSubnets?: string[];
  /**
   * Join every node to a tailnet with Talos' Tailscale system extension (`siderolabs/tailscale`): the steps
   * name the installer image that carries it and the auth key it logs in with, which stays out of Git.
   * @default false
   */
  readonly tailscaleExtension?: boolean;
}

/** A `talosctl` patch flag with `patch` as JSON, quoted for the shell. */
function patchArgument(flag: string, patch: Record<string, unknown>): string {
  return `${flag} '${JSON.stringify(patch)}'`;
}

/** The steps that join every node to the tailnet with the Tailscale extension, before its config is applied. */
export function talosTailscaleSteps(): string[] {
  return [
    'Talos image with the Tailscale system extension: make a schematic with siderolabs/tailscale at the Image Factory (factory.talos.dev), '
      + 'boot the machines from its ISO and give its installer image as machine.install.image, so every node runs tailscaled as a Talos service',
    'auth key of the Tailscale extension, kept out of Git: make a reusable auth key in the Tailscale admin console (Settings → Keys) and write '
      + 'tailscale-authkey.yaml beside the generated configs, a machine-config document "apiVersion: v1alpha1, kind: ExtensionServiceConfig, name: tailscale, '
      + 'environment: [TS_AUTHKEY=<the key>]"; pass it with --config-patch @tailscale-authkey.yaml to every talosctl apply-config. '
      + 'A node is on the tailnet once tailscale status lists it',
  ];
}

/** The step that keeps etcd and the kubelet on `subnets`. */
export function talosClusterSubnetsStep(subnets: readonly string[]): string {
  const kubelet = { machine: { kubelet: { nodeIP: { validSubnets: subnets } } } };
  const etcd = { cluster: { etcd: { advertisedSubnets: subnets } } };
  return `machine config: etcd advertises and the kubelet takes its node IP on ${subnets.join(', ')}, not on another network of the node `
    + '(cluster.etcd.advertisedSubnets, machine.kubelet.nodeIP.validSubnets), before talosctl bootstrap: talosctl gen config … '
    + `${patchArgument('--config-patch', kubelet)} ${patchArgument('--config-patch-control-plane', etcd)}`;
}

/** The step that points every node's resolver, and through Talos' host DNS CoreDNS, at `nameservers`. */
export function talosNameserversStep(nameservers: readonly string[]): string {
  const patch = { machine: { network: { nameservers }, features: { hostDNS: { enabled: true, forwardKubeDNSToHost: true } } } };
  const tailscale = nameservers.includes(TAILSCALE_RESOLVER)
    ? ` ${TAILSCALE_RESOLVER} answers on the tailnet only, so patch a node once tailscale status lists it (its first install resolves through the LAN); `
      + 'and turn on Override local DNS in the DNS page of the Tailscale admin console, with the global nameservers the tailnet should use: '
      + `otherwise ${TAILSCALE_RESOLVER} answers only the tailnet's own names and every other name fails (tailscale/tailscale#12760).`
    : '';
  return `machine config of every node: resolve names through ${nameservers.join(', ')} (machine.network.nameservers), and let CoreDNS send names `
    + "outside the cluster to the node's resolver (machine.features.hostDNS.forwardKubeDNSToHost), so the kubelet, containerd and pods resolve alike: "
    + `talosctl patch mc --nodes <every node> ${patchArgument('--patch', patch)}.${tailscale}`;
}

/** What the networking options of `talos()` cannot take beyond their types. Pure. */
export function talosNetworkProblems(props: TalosNetworkProps): PropProblem[] {
  const nameservers = (Array.isArray(props?.nameservers) ? props.nameservers : []).flatMap((server, i): PropProblem[] =>
    typeof server !== 'string' || parseIpv4(server) !== undefined || parseIpv6(server) !== undefined ? [] : [{
      field: `nameservers[${i}]`, message: `"${server}" is no IP address, and Talos takes its DNS servers by address`,
      hint: `write the server's address, e.g. '${TAILSCALE_RESOLVER}' for Tailscale's resolver`,
    }]);
  const subnets = (Array.isArray(props?.clusterSubnets) ? props.clusterSubnets : []).flatMap((subnet, i): PropProblem[] =>
    typeof subnet !== 'string' || parseIpBlock(subnet) !== undefined ? [] : [{
      field: `clusterSubnets[${i}]`, message: `"${subnet}" is no CIDR block, and Talos matches the node's addresses against blocks`,
      hint: `write the network as address/prefix, e.g. '${TAILNET_SUBNET}' for a Tailscale tailnet`,
    }]);
  return [...nameservers, ...subnets];
}
