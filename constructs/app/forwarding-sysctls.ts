import type { PropProblem } from '../validation/known-props';
import { advertisedRoutes, TAILSCALE_IMAGE } from '../validation/tailnet-routes';
import { inKernelMode } from './tailscale-kernel-mode';
import { type NamedPropContainer, propEnvValue } from './prop-containers';
import { WG_EASY_IMAGE } from './wg-easy-settings';

// A VPN that routes for others (a Tailscale subnet router or exit node, a WireGuard server that lets its
// peers into the LAN) forwards packets between its tunnel and the pod's interface. A pod's network namespace
// forwards only what its own sysctls turn on: IPv6 forwarding starts off in every new namespace, and IPv4
// forwarding is whatever the node's runtime left, which Kubernetes does not promise. Tailscale in userspace
// mode (its container's default) forwards inside tailscaled and needs neither.

const IPV4_FORWARD = 'net.ipv4.ip_forward';
const IPV6_FORWARD = 'net.ipv6.conf.all.forwarding';

/** The text of env `name`, when it is given as text. */
function envText(env: unknown, name: string): string | undefined {
  const value = propEnvValue(env, name);
  return typeof value === 'string' ? value : undefined;
}

/** The families a container forwards, with what makes it forward them; none when it routes for nobody. */
function forwardedFamilies(container: NamedPropContainer): { readonly ipv4: boolean; readonly ipv6: boolean; readonly why: string } | undefined {
  const image = typeof container.image === 'string' ? container.image : '';
  if (WG_EASY_IMAGE.test(image)) {
    return { ipv4: true, ipv6: false, why: `${container.label} (wg-easy) routes its WireGuard peers into the network` };
  }
  if (!TAILSCALE_IMAGE.test(image) || !inKernelMode(container.env)) {
    return undefined;
  }
  const extra = envText(container.env, 'TS_EXTRA_ARGS') ?? '';
  const exitNode = /(?:^|\s)--advertise-exit-node(?:=true)?(?=\s|$)/.test(extra);
  const advertised = advertisedRoutes(envText(container.env, 'TS_ROUTES'), extra);
  if (!exitNode && advertised.length === 0) {
    return undefined;
  }
  return {
    ipv4: exitNode || advertised.some((route) => !route.includes(':')),
    ipv6: exitNode || advertised.some((route) => route.includes(':')),
    why: `${container.label} runs Tailscale in kernel mode (TS_USERSPACE=false) as ${exitNode ? 'an exit node' : `a subnet router of ${advertised.join(', ')}`}`,
  };
}

/**
 * The forwarding sysctls a pod of `containers` needs and `sysctls` does not set to 1: one problem on
 * `sysctls`, naming the first container that forwards. A pod on the host's network (`hostNetwork`) forwards
 * as its node does. Pure.
 */
export function forwardingSysctlProblems(containers: readonly NamedPropContainer[], sysctls: unknown, hostNetwork: boolean): PropProblem[] {
  if (hostNetwork) {
    return [];
  }
  const set = (name: string) => sysctls !== null && typeof sysctls === 'object' && String((sysctls as Record<string, unknown>)[name]).trim() === '1';
  for (const container of containers) {
    const families = forwardedFamilies(container);
    const missing = families === undefined ? [] : [...(families.ipv4 ? [IPV4_FORWARD] : []), ...(families.ipv6 ? [IPV6_FORWARD] : [])].filter((name) => !set(name));
    if (families === undefined || missing.length === 0) {
      continue;
    }
    const tailscale = families.why.includes('Tailscale');
    return [{
      field: 'sysctls',
      message: `${families.why}, but the pod does not turn on ${missing.join(' and ')}: its network namespace forwards nothing the sysctls leave off `
        + '(IPv6 forwarding starts off in every new namespace), so the clients behind it reach nothing',
      hint: `set sysctls: { ${[...(families.ipv4 ? [IPV4_FORWARD] : []), ...(families.ipv6 ? [IPV6_FORWARD] : [])].map((name) => `'${name}': '1'`).join(', ')} } `
        + "with exemptions.privileged (the kubelet's --allowed-unsafe-sysctls must list them)"
        + (tailscale ? ", or leave TS_USERSPACE unset: Tailscale's userspace networking forwards inside tailscaled and needs neither" : ''),
    }];
  }
  return [];
}
