import type { PropProblem } from '../validation/known-props';
import { type FirewalledContainer, isGluetunImage } from './vpn-firewall';

// Gluetun forwards a port (VPN_PORT_FORWARDING, the port a torrent client is then told to listen on) only with
// the providers whose port forwarding it implements; asked to with another (Mullvad, which ended it in 2023,
// NordVPN, Surfshark, …), its settings fail validation at start and the container exits, taking the pod's
// network with it. VPN_PORT_FORWARDING_PROVIDER names the provider whose code to use (the custom provider's
// WireGuard to one of those), else VPN_SERVICE_PROVIDER does, "private internet access" unless set.

/** The providers whose port forwarding gluetun implements, as its settings spell them. */
const FORWARDING_PROVIDERS = ['perfect privacy', 'private internet access', 'privatevpn', 'protonvpn'] as const;

/** Gluetun's default VPN_SERVICE_PROVIDER. */
const DEFAULT_PROVIDER = 'private internet access';

/** Values gluetun reads as on. */
const ON = /^(on|yes|true|enabled)$/i;

/**
 * The gluetun containers among `containers` asked to forward a port (`VPN_PORT_FORWARDING: 'on'`) by a provider
 * whose port forwarding gluetun does not implement: one problem on that variable each. A provider given from a
 * Secret is not judged. Pure.
 */
export function vpnPortForwardingProblems(containers: readonly FirewalledContainer[]): PropProblem[] {
  return containers.filter((c) => isGluetunImage(c.image) && ON.test((c.env.get('VPN_PORT_FORWARDING') ?? '').trim())).flatMap((vpn): PropProblem[] => {
    const named = vpn.env.get('VPN_PORT_FORWARDING_PROVIDER')?.trim();
    const provider = (named !== undefined && named !== '' ? named : vpn.env.get('VPN_SERVICE_PROVIDER')?.trim() ?? DEFAULT_PROVIDER).toLowerCase();
    if ((FORWARDING_PROVIDERS as readonly string[]).includes(provider)) {
      return [];
    }
    return [{
      field: vpn.field('env.VPN_PORT_FORWARDING'),
      message: `gluetun forwards a port only with ${FORWARDING_PROVIDERS.join(', ')}, and its provider here is ${provider}: its settings are refused at start and the container exits, and with it the pod's network`,
      hint: `leave VPN_PORT_FORWARDING out on container "${vpn.name}" (the torrent client then only connects out), or take a provider that forwards one, e.g. VPN_SERVICE_PROVIDER: 'protonvpn' with VPN_PORT_FORWARDING: 'on'`,
    }];
  });
}
