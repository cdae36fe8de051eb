import type { PropProblem } from '../validation/known-props';
import { type FirewalledContainer, isGluetunImage } from './vpn-firewall';

// Everything a pod behind gluetun sends to the internet travels inside the tunnel, so its NetworkPolicy sees
// one flow only: the tunnel's own packets to the VPN server. WireGuard sends them over UDP, and so does OpenVPN
// unless OPENVPN_PROTOCOL is tcp. An app that lists its egress and admits no UDP to any address (the newcomer's
// `{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }`, thinking of the HTTPS its apps speak) has its tunnel dropped
// before the first handshake: gluetun never connects, and the kill switch leaves the pod with nothing.

/** An entry of an app's `egress`, as {@link vpnTunnelEgressProblems} reads it: an address block's, or another peer's. */
export interface ListedEgress {
  /** The address block, for an entry of one. @default - none: an app or pods of the cluster */
  readonly cidr?: unknown;
  /** Its ports; none means every port. @default - every port */
  readonly ports?: ReadonlyArray<{ readonly port?: unknown; readonly protocol?: unknown }>;
}

/** WireGuard's usual server port, and OpenVPN's. */
const USUAL_PORT = { wireguard: 51820, openvpn: 1194 } as const;

/** Whether `entry` lets UDP out to an address block. Pure. */
function admitsUdp(entry: ListedEgress): boolean {
  if (typeof entry.cidr !== 'string') {
    return false;
  }
  return !Array.isArray(entry.ports) || entry.ports.length === 0 || entry.ports.some((p) => p.protocol === 'UDP');
}

/**
 * The gluetun containers among `containers` whose tunnel runs over UDP (WireGuard, or OpenVPN not set to TCP)
 * while `egress`, the app's listed egress (undefined when it lists none), admits no UDP to any address block:
 * one problem on `egress` for the pod. Pure.
 */
export function vpnTunnelEgressProblems(containers: readonly FirewalledContainer[], egress: readonly ListedEgress[] | undefined): PropProblem[] {
  if (egress === undefined || egress.some(admitsUdp)) {
    return [];
  }
  // A type or protocol read from a ConfigMap or a Secret may be OpenVPN over TCP: such a tunnel is not judged.
  const vpn = containers.find((c) => isGluetunImage(c.image) && !['VPN_TYPE', 'OPENVPN_PROTOCOL'].some((name) => c.referenced?.has(name) === true)
    && ((c.env.get('VPN_TYPE') ?? 'openvpn').trim().toLowerCase() === 'wireguard' || (c.env.get('OPENVPN_PROTOCOL') ?? 'udp').trim().toLowerCase() === 'udp'));
  if (vpn === undefined) {
    return [];
  }
  const type = (vpn.env.get('VPN_TYPE') ?? 'openvpn').trim().toLowerCase() === 'wireguard' ? 'wireguard' : 'openvpn';
  return [{
    field: 'egress',
    message: `the pod reaches the internet only through gluetun's ${type === 'wireguard' ? 'WireGuard' : 'OpenVPN'} tunnel ("${vpn.name}"), which runs over UDP, and its egress admits no UDP to any address: the network policy drops the tunnel before its first handshake, and the kill switch leaves the pod no way out`,
    hint: `let the tunnel reach the VPN server: add { cidr: '0.0.0.0/0', ports: [{ port: ${USUAL_PORT[type]}, protocol: 'UDP' }] } to egress (the server's port from the provider's configuration; its address alone, as /32, where it is fixed)`,
  }];
}
