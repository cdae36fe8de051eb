import { mayOpenRawSockets } from './packet-capture';
import type { SecurityExemptions } from './security';

// Smokeping measures latency with fping, run as the image's user `abc`. fping sends its echo requests on a raw
// socket, which needs NET_RAW (the container drops every capability unless one is added, and no setuid bit works
// under allowPrivilegeEscalation: false), else on an unprivileged ICMP socket, which the kernel opens only for a
// group in the pod's `net.ipv4.ping_group_range` ("1 0", no group, unless the container runtime sets it, as containerd
// 2 does). Where neither holds, every probe fails and the graphs stay empty, while the web interface runs.

/** linuxserver.io's Smokeping, by repository, with or without a registry. */
const SMOKEPING_IMAGE = /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/smokeping(?=[:@]|$)/;

/** The sysctl that lets a group open unprivileged ICMP sockets, and a value that lets every group. */
const PING_GROUP_RANGE = 'net.ipv4.ping_group_range';
const EVERY_GROUP = '0 2147483647';

/** What the Smokeping check reads of an app's props. */
interface SmokepingProps {
  readonly image?: unknown;
  readonly sysctls?: unknown;
  readonly exemptions?: Pick<SecurityExemptions, 'privileged' | 'addCapabilities' | 'hostNetwork'>;
}

/**
 * A warning on the `image` of an App of linuxserver.io's Smokeping whose pod neither opens unprivileged ICMP to its
 * groups (`sysctls` without `net.ipv4.ping_group_range`) nor gives its container NET_RAW or privileges: fping
 * could open no socket, unless the container runtime sets the range itself. A pod on the host's network, where the
 * node's own setting holds, is left alone. Pure.
 */
export function smokepingIcmpProblems(props: SmokepingProps | null | undefined): Array<{ severity: 'warning'; field: string; message: string; hint: string }> {
  const exemptions = props?.exemptions ?? {};
  const sysctls = props?.sysctls !== null && typeof props?.sysctls === 'object' ? props.sysctls as Record<string, unknown> : {};
  if (typeof props?.image !== 'string' || !SMOKEPING_IMAGE.test(props.image) || mayOpenRawSockets(exemptions) || PING_GROUP_RANGE in sysctls || exemptions.hostNetwork !== undefined) {
    return [];
  }
  return [{
    severity: 'warning', field: 'image',
    message: `${props.image} probes with fping, which needs a raw socket (NET_RAW, dropped with every other capability) or an unprivileged ICMP socket, `
      + `which the pod's ${PING_GROUP_RANGE} allows no group unless the container runtime sets it (containerd 2 does): where it does not, every probe fails and the graphs stay empty`,
    hint: `let the pod's groups open ICMP sockets: sysctls: { '${PING_GROUP_RANGE}': '${EVERY_GROUP}' }`,
  }];
}
