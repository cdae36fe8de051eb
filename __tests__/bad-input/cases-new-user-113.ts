import { App, AppDevice, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';
import { vpnDownloadsLab, VpnLabChanges } from '../support/vpn-downloads-lab';

// A new user moves the download stack behind a VPN from the README alone: qBittorrent and Prowlarr each behind a
// gluetun sidecar, Prowlarr calling Sonarr and FlareSolverr, Transmission with its whitelists, on K3s. Each
// mistake passed synthesis and then timed out or was refused once applied.

/** The lab, on a K3s cluster of its own (`p113`), with `changes`. */
const downloads = (changes: VpnLabChanges) => (_cluster: ClusterChart, app: Parameters<BadInput['build']>[1]) => {
  vpnDownloadsLab(app, changes, 'p113');
};

export const CASES: BadInput[] = [
  {
    name: 'Prowlarr behind gluetun calling Sonarr and FlareSolverr without FIREWALL_OUTBOUND_SUBNETS',
    build: downloads({ gluetunEnv: { FIREWALL_OUTBOUND_SUBNETS: undefined } }),
    layer: 'props', path: 'p113/prowlarr', field: 'sidecars[0].env', hint: /FIREWALL_OUTBOUND_SUBNETS: '10\.42\.0\.0\/16,10\.43\.0\.0\/16'/,
  },
  {
    name: "gluetun's FIREWALL_OUTBOUND_SUBNETS copied with kubeadm's ranges onto a K3s cluster",
    build: downloads({ gluetunEnv: { FIREWALL_OUTBOUND_SUBNETS: '10.96.0.0/12,10.244.0.0/16' } }),
    layer: 'props', path: 'p113/prowlarr', field: 'sidecars[0].env.FIREWALL_OUTBOUND_SUBNETS', message: /leave out 10\.42\.0\.0\/16, K3s' pod range; 10\.43\.0\.0\/16/,
  },
  {
    name: "Transmission's WHITELIST of the LAN alone behind a route",
    build: downloads({ transmissionEnv: { WHITELIST: '127.0.0.1,192.168.60.*' } }),
    layer: 'props', path: 'p113/transmission', field: 'env.WHITELIST', hint: /WHITELIST: '127\.0\.0\.1,192\.168\.60\.\*,10\.42\.\*\.\*'/,
  },
  {
    name: "Transmission's HOST_WHITELIST without its route's host",
    build: downloads({ transmissionEnv: { HOST_WHITELIST: 'transmission.local' } }),
    layer: 'props', path: 'p113/transmission', field: 'env.HOST_WHITELIST', hint: /transmission\.vpn\.jdoe\.dev/,
  },
  {
    name: 'gluetun asked to forward a port by Mullvad, which forwards none',
    build: downloads({ gluetunEnv: { VPN_SERVICE_PROVIDER: 'mullvad', VPN_PORT_FORWARDING: 'on' } }),
    layer: 'props', path: 'p113/qbittorrent', field: 'sidecars[0].env.VPN_PORT_FORWARDING', message: /provider here is mullvad/,
  },
  {
    name: "Prowlarr behind gluetun's WireGuard with an egress of HTTPS alone",
    build: downloads({ prowlarrInternet: { cidr: '0.0.0.0/0', ports: [{ port: 443 }] } }),
    layer: 'props', path: 'p113/prowlarr', field: 'egress', hint: /port: 51820, protocol: 'UDP'/,
  },
  {
    name: "gluetun from GitHub's registry with nothing at /gluetun on the read-only root",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'qbittorrent', {
      image: 'ghcr.io/home-operations/qbittorrent:5.0.4', ports: [{ name: 'http', port: 8080 }],
      sidecars: [{
        name: 'gluetun', image: 'ghcr.io/qdm12/gluetun:v3.40.0', env: { VPN_SERVICE_PROVIDER: 'protonvpn', FIREWALL_INPUT_PORTS: '8080' },
        exemptions: { runAsRoot: 'sets up the tunnel', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the WireGuard tunnel' } },
      }],
      devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })], exemptions: { hostPath: 'gluetun opens /dev/net/tun' },
    })),
    layer: 'props', path: 'qbittorrent', field: 'sidecars[0].image', hint: /mountPath: '\/gluetun'/,
  },
];
