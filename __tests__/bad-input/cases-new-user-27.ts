import { ApiObject, App as CdkApp } from 'cdk8s';
import { AppDevice, AppVolume, HomelabApp, localPathStorage, MediaContainers, nfsStorage, SecretReference } from '../../constructs';
import type { ClusterChart, ContainerProps } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab, labCluster } from './lab';

// The media stack of a home lab: Jellyfin and the *arr apps on one media share, a torrent client behind a
// gluetun VPN sidecar, and the request apps that call Sonarr and Radarr by their Service names.

/** Sonarr in namespace `media` on its port 8989; `props` override. */
const sonarr = (cluster: ClusterChart, props: Record<string, unknown> = {}) => new HomelabApp(cluster, 'sonarr', {
  namespace: 'media', image: 'ghcr.io/home-operations/sonarr:4.0.14.2939', ports: [{ name: 'http', port: 8989 }], ...props,
});

/** Jellyseerr in namespace `media` with `env`, which calls Sonarr (linked as its egress). */
const jellyseerrCalling = (env: Record<string, string>) => guarded((cluster: ClusterChart) => {
  const called = sonarr(cluster);
  new HomelabApp(cluster, 'jellyseerr', {
    namespace: 'media', image: 'ghcr.io/fallenbagel/jellyseerr:2.5.2', ports: [{ name: 'http', port: 5055 }], env, egress: [called],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
  });
});

/** Gluetun as a sidecar: WireGuard to Mullvad, its key from a Secret; `props` override. */
const gluetun = (props: Record<string, unknown> = {}): ContainerProps => ({
  name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1',
  exemptions: { runAsRoot: 'sets up the tunnel and its firewall', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel interface' } },
  env: { VPN_SERVICE_PROVIDER: 'mullvad', VPN_TYPE: 'wireguard', WIREGUARD_PRIVATE_KEY: SecretReference.external('torrent', 'vpn', 'private-key'), FIREWALL_INPUT_PORTS: '8080' },
  ...props,
} as ContainerProps);

/** qBittorrent in namespace `torrent` behind the gluetun sidecar `vpn`, which gets /dev/net/tun and an emptyDir for its server list; `props` override. */
const qbittorrent = (vpn: ContainerProps, props: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'qbittorrent', {
  namespace: 'torrent', image: 'ghcr.io/home-operations/qbittorrent:5.0.4', ports: [{ name: 'http', port: 8080 }], route: { host: 'qb' },
  sidecars: [vpn], devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
  exemptions: { hostPath: 'gluetun opens /dev/net/tun' },
  persistence: { gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] } },
  ...props,
}));

/** A media container `gluetun` written as compose writes it; `entry` adds to it. */
const mediaGluetun = (entry: Record<string, unknown>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings: { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
  containers: { gluetun: { image: 'qmcgaw/gluetun:v3.39.1', devices: ['/dev/net/tun:/dev/net/tun'], environment: { VPN_SERVICE_PROVIDER: 'mullvad' }, ...entry } as any },
}));

/** A ConfigMap `cfg` of namespace `media` holding the file `file`. */
const configFile = (file: string, text: string) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('media');
  new ApiObject(cluster, 'cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'arr-config', namespace: 'media' }, data: { [file]: text } });
});

/** Builds `build` in a cluster `nas` of the lab whose tier `nas` is the lab's NFS export. */
const withNfsTier = (build: (cluster: ClusterChart) => void) => guarded((_cluster: ClusterChart, app: CdkApp) => {
  build(labCluster(app, 'nas', { storage: { fast: localPathStorage(), nas: nfsStorage(lab.nfs.share) } }));
});

export const CASES: BadInput[] = [
  // A URL without its port calls its scheme's: a Service of the app's own port does not serve it.
  {
    name: "Jellyseerr's SONARR_URL written without Sonarr's port, as if its Service served 80",
    build: jellyseerrCalling({ SONARR_URL: 'http://sonarr.media' }),
    layer: 'references', path: 'jellyseerr', field: 'env.SONARR_URL', message: /on port 80, the port of its URL's scheme/, hint: /serves 8989 \(http\)/,
  },
  {
    name: 'an https:// URL of Sonarr written without its port, in the full Service name',
    build: jellyseerrCalling({ SONARR_URL: 'https://sonarr.media.svc.cluster.local/api/v3' }),
    layer: 'references', path: 'jellyseerr', field: 'env.SONARR_URL', message: /on port 443/,
  },

  // An *arr app's config.xml holds its API key: committed in a ConfigMap, the key is in Git.
  {
    name: "Sonarr's config.xml with its ApiKey element in a ConfigMap",
    build: configFile('config.xml', '<Config>\n  <Port>8989</Port>\n  <ApiKey>0123456789abcdef0123456789abcdef</ApiKey>\n  <AuthenticationMethod>External</AuthenticationMethod>\n</Config>\n'),
    layer: 'policy', path: 'cfg', field: 'data.config.xml', message: /sets ApiKey on line 3/,
  },
  {
    name: "Radarr's config.xml with its PostgresPassword element, written on one line each",
    build: configFile('config.xml', '<Config>\n<PostgresUser>radarr</PostgresUser>\n<PostgresPassword>hunter2hunter2</PostgresPassword>\n</Config>\n'),
    layer: 'policy', path: 'cfg', field: 'data.config.xml', message: /sets PostgresPassword on line 3/,
  },

  // /dev/net/tun makes no tunnel without NET_ADMIN in the container that gets it.
  {
    name: 'the gluetun sidecar given /dev/net/tun without NET_ADMIN',
    build: qbittorrent(gluetun({ exemptions: { runAsRoot: 'sets up the tunnel and its firewall' } })),
    layer: 'props', path: 'qbittorrent', field: 'devices[0]', message: /lacks the NET_ADMIN capability/, hint: /addCapabilities: \{ capabilities: \['NET_ADMIN'\]/,
  },
  {
    name: "/dev/net/tun given to the torrent client, as compose's devices sat beside its service, while gluetun has NET_ADMIN",
    build: qbittorrent(gluetun(), { devices: [AppDevice.hostDevice('/dev/net/tun')] }),
    layer: 'props', path: 'qbittorrent', field: 'devices[0]', message: /goes to container "qbittorrent"/, hint: /containers: \['gluetun'\]/,
  },
  {
    name: 'a media container gluetun with /dev/net/tun and no way to create the tunnel',
    build: mediaGluetun({}),
    layer: 'props', path: 'media', field: 'containers.gluetun.devices', message: /lacks the NET_ADMIN capability/, hint: /privileged: 'creates the VPN tunnel'/,
  },
  {
    name: "a media container gluetun with compose's cap_add: [NET_ADMIN]",
    build: mediaGluetun({ cap_add: ['NET_ADMIN'] }),
    layer: 'props', path: 'media', field: 'containers.gluetun.cap_add', hint: /compose's cap_add has no prop here.*privileged/,
  },

  // Gluetun's kill switch drops what comes in on the pod's interface but the ports it lists.
  {
    name: "the gluetun sidecar without FIREWALL_INPUT_PORTS, in front of qBittorrent's WebUI",
    build: qbittorrent(gluetun({ env: { VPN_SERVICE_PROVIDER: 'mullvad', WIREGUARD_PRIVATE_KEY: SecretReference.external('torrent', 'vpn', 'private-key') } })),
    layer: 'props', path: 'qbittorrent', field: 'sidecars[0].env', message: /FIREWALL_INPUT_PORTS, which it does not set, and the pod serves 8080 \(http of qbittorrent\)/, hint: /FIREWALL_INPUT_PORTS: '8080'/,
  },
  {
    name: "the torrent port put on a LoadBalancer, which gluetun's FIREWALL_INPUT_PORTS leaves out",
    build: qbittorrent(gluetun(), { ports: [{ name: 'http', port: 8080 }, { name: 'bt', port: 6881 }], loadBalancer: { address: lab.pools.vips.at('10.0.8.11') } }),
    layer: 'props', path: 'qbittorrent', field: 'sidecars[0].env.FIREWALL_INPUT_PORTS', hint: /FIREWALL_INPUT_PORTS: '8080,6881'/,
  },

  // A media container's finding of the output names the entry's field that wrote it.
  {
    name: 'Jellyfin and Emby as host-network media containers on one host, both on listenPort 8096',
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings: { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
      containers: {
        jellyfin: { image: 'lscr.io/linuxserver/jellyfin:10.10.7', listenPort: 8096, network: 'host', host: gpu1, mediaVolumes: true },
        emby: { image: 'lscr.io/linuxserver/emby:4.8.11', listenPort: 8096, network: 'host', host: gpu1, mediaVolumes: true },
      },
    })),
    layer: 'inventory', path: 'media/emby', field: 'listenPort', message: /host port TCP\/8096 is also taken by Deployment media\/jellyfin/,
  },

  // One claimName in two apps of a namespace: one claim made twice, meant to be shared.
  {
    name: "Sonarr's and Radarr's media claims of one claimName in one namespace, meant as one share",
    build: withNfsTier((cluster) => {
      for (const [id, port] of [['sonarr', 8989], ['radarr', 7878]] as const) {
        new HomelabApp(cluster, id, {
          namespace: 'media', image: `ghcr.io/home-operations/${id}:${id === 'sonarr' ? '4.0.14.2939' : '5.21.1.9799'}`, ports: [{ name: 'http', port }],
          persistence: { media: { volume: AppVolume.claim({ tier: 'nas', size: '1Ti', accessMode: 'ReadWriteMany', claimName: 'media' }), mountPath: '/media' } },
        });
      }
    }),
    layer: 'references', path: 'nas/radarr/claim-media', field: 'metadata.name', hint: /AppVolume\.existingClaim\('media', 'ReadWriteMany'\)/,
  },

  // API keys and VPN credentials of the stack, written out where a pod reads them.
  {
    name: "Unpackerr's UN_SONARR_0_API_KEY written in env",
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'unpackerr', {
      namespace: 'media', image: 'ghcr.io/unpackerr/unpackerr:0.14.5', env: { UN_SONARR_0_URL: 'http://sonarr.media:8989', UN_SONARR_0_API_KEY: '0123456789abcdef0123456789abcdef' },
    })),
    layer: 'props', path: 'unpackerr', field: 'env.UN_SONARR_0_API_KEY',
  },
  {
    name: "Exportarr's --api-key with Sonarr's key in args",
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'sonarr-exporter', {
      namespace: 'media', image: 'ghcr.io/onedr0p/exportarr:v2.0.1', ports: [{ name: 'metrics', port: 9707 }],
      args: ['sonarr', '--api-key', '0123456789abcdef0123456789abcdef', '--url', 'http://sonarr.media:8989'],
    })),
    layer: 'props', path: 'sonarr-exporter', field: 'args[2]', message: /flag --api-key/,
  },
  {
    name: "gluetun's OPENVPN_PASSWORD written in the sidecar's env",
    build: qbittorrent(gluetun({ env: { VPN_SERVICE_PROVIDER: 'private internet access', OPENVPN_USER: 'p1234567', OPENVPN_PASSWORD: 'hunter2hunter2', FIREWALL_INPUT_PORTS: '8080' } })),
    layer: 'props', path: 'qbittorrent', field: 'sidecars[0].env.OPENVPN_PASSWORD',
  },
];
