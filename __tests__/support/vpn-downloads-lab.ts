import type { Construct } from 'constructs';
import type { AddressPeer } from '../../constructs';
import { App, AppDevice, AppVolume, ClusterChart, flux, host, k3s, localPathStorage, SecretReference, site, traefik } from '../../constructs';

// A download stack behind a VPN, as the README writes it: qBittorrent and Prowlarr each behind a gluetun sidecar
// (the WireGuard key from a Secret, /dev/net/tun and NET_ADMIN for gluetun alone), Prowlarr calling Sonarr and
// FlareSolverr, Transmission beside them, each web UI behind a route. `env` changes what each gluetun is given.

const box = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.10', cores: 8, memoryGigabytes: 32 });
const home = site('vpnlab', { domain: 'vpn.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/vpnlab.git' } });

/** A value of gluetun's env: a text, or a key of a ConfigMap of the namespace. */
export type GluetunValue = string | { readonly configMapName: string; readonly key: string };

/** What a lab of this shape may change: each gluetun's extra env, Transmission's env. */
export interface VpnLabChanges {
  /** Replaces variables of each gluetun's env (a text, or a ConfigMap's key); one given `undefined` is left out. */
  readonly gluetunEnv?: Record<string, GluetunValue | undefined>;
  /** Prowlarr's egress to the internet, in place of the tunnel's UDP to the VPN server. */
  readonly prowlarrInternet?: AddressPeer;
  /** Replaces variables of Transmission's env. */
  readonly transmissionEnv?: Record<string, unknown>;
}

/** The env of every gluetun of the lab: WireGuard from a Secret, the web UI let in, the cluster's K3s ranges reachable. */
const gluetunEnv = (port: string, extra: Record<string, GluetunValue | undefined>) => Object.fromEntries(Object.entries({
  VPN_SERVICE_PROVIDER: 'protonvpn', VPN_TYPE: 'wireguard', WIREGUARD_PRIVATE_KEY: SecretReference.external('downloads', 'vpn', 'wireguard-key'),
  FIREWALL_INPUT_PORTS: port, FIREWALL_OUTBOUND_SUBNETS: '10.42.0.0/16,10.43.0.0/16', ...extra,
}).filter(([, value]) => value !== undefined));

/** A gluetun sidecar with the tunnel's exemptions, and its writable /gluetun. */
const gluetun = (port: string, extra: Record<string, GluetunValue | undefined>) => ({
  name: 'gluetun', image: 'ghcr.io/qdm12/gluetun:v3.40.0', env: gluetunEnv(port, extra),
  exemptions: { runAsRoot: 'gluetun sets up routes and its firewall', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the WireGuard tunnel' } },
});

/** The lab's one cluster, `id`, and its download stack, with `changes`. */
export function vpnDownloadsLab(scope: Construct, changes: VpnLabChanges = {}, id = 'main'): ClusterChart {
  const cluster = new ClusterChart(scope, id, {
    site: home, hosts: [box], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  const lsio = { runAsRoot: 'linuxserver.io s6-overlay', addCapabilities: { capabilities: ['CHOWN', 'SETUID', 'SETGID', 'DAC_OVERRIDE', 'FOWNER', 'KILL'], reason: 's6-overlay switches to PUID:PGID' }, writableRootFilesystem: 's6-overlay writes /run' };
  const config = (size: string) => ({ volume: AppVolume.claim({ tier: 'fast', size }), mountPath: '/config' });
  const tunnel = { gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] } };
  const tun = [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })];
  const vpnExemptions = { ...lsio, hostPath: 'gluetun opens /dev/net/tun' };
  const sonarr = new App(cluster, 'sonarr', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/sonarr:4.0.11', ports: [{ name: 'http', port: 8989 }], env: { PUID: '1000', PGID: '1000' },
    persistence: { config: config('2Gi') }, exemptions: lsio, route: { host: 'sonarr' },
  });
  const flaresolverr = new App(cluster, 'flaresolverr', {
    namespace: 'downloads', image: 'ghcr.io/flaresolverr/flaresolverr:v3.3.21', ports: [{ name: 'http', port: 8191 }],
  });
  const qbittorrent = new App(cluster, 'qbittorrent', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/qbittorrent:5.0.2', ports: [{ name: 'http', port: 8080 }], env: { PUID: '1000', PGID: '1000', WEBUI_PORT: '8080' },
    persistence: { config: config('1Gi'), ...tunnel }, exemptions: vpnExemptions, sidecars: [gluetun('8080', changes.gluetunEnv ?? {})], devices: tun, route: { host: 'torrent' },
  });
  new App(cluster, 'prowlarr', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/prowlarr:1.28.2', ports: [{ name: 'http', port: 9696 }], env: { PUID: '1000', PGID: '1000' },
    persistence: { config: config('1Gi'), ...tunnel }, exemptions: vpnExemptions, sidecars: [gluetun('9696', changes.gluetunEnv ?? {})], devices: tun, route: { host: 'prowlarr' },
    egress: [sonarr, flaresolverr, changes.prowlarrInternet ?? { cidr: '0.0.0.0/0', ports: [{ port: 51820, protocol: 'UDP' }] }], allowFrom: [sonarr],
  });
  qbittorrent.addAllowFrom(sonarr);
  new App(cluster, 'transmission', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/transmission:4.0.6', ports: [{ name: 'http', port: 9091 }],
    env: { PUID: '1000', PGID: '1000', HOST_WHITELIST: 'transmission.vpn.jdoe.dev', WHITELIST: '127.0.0.1,10.42.*.*', ...changes.transmissionEnv },
    persistence: { config: config('1Gi') }, exemptions: lsio, route: { host: 'transmission' }, allowFrom: [sonarr],
  });
  return cluster;
}
