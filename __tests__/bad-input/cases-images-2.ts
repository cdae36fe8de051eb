import { AppController, AppDevice, AppVolume, HomelabApp, rootInitExemption, SecretReference } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Well-known images of a home lab run as their compose files or docs run them: the ports their settings move,
// the folders they write as they start, and the servers that stay apart when run several times. Their
// neighbours that work, and the warnings and owner steps of what synthesis cannot read, are in images-2.test.ts.

const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
});
const claim = (mountPath: string) => ({ volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath });
/** linuxserver.io's init run as the image is built, as the library's hint writes it. */
const linuxserverInit = {
  runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'),
  writableRootFilesystem: 's6-overlay writes its service tree under /run',
};
/** Gluetun as qBittorrent's sidecar, its firewall open on the WebUI; `persistence` adds to the app's. */
const behindGluetun = (persistence: AppProps['persistence'] = {}): Partial<AppProps> => ({
  namespace: 'torrent', image: 'ghcr.io/home-operations/qbittorrent:5.0.4', route: { host: 'qb' },
  persistence: { config: claim('/config'), ...persistence },
  sidecars: [{
    name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1',
    env: { VPN_SERVICE_PROVIDER: 'mullvad', VPN_TYPE: 'wireguard', FIREWALL_INPUT_PORTS: '8080', WIREGUARD_PRIVATE_KEY: SecretReference.external('torrent', 'vpn', 'private-key') },
    exemptions: { runAsRoot: 'sets up the tunnel and its firewall', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel' } },
  }],
  devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
  exemptions: { hostPath: 'gluetun opens /dev/net/tun' },
});

export const CASES: BadInput[] = [
  // Its service runs qbittorrent-nox --webui-port=${WEBUI_PORT}: the WebUI moves, the declared port stays.
  {
    name: "linuxserver.io's qBittorrent moved by WEBUI_PORT off the port it declares",
    build: app('qbittorrent', {
      image: 'lscr.io/linuxserver/qbittorrent:4.6.7', env: { WEBUI_PORT: '8090', PUID: '1000', PGID: '1000' }, exemptions: linuxserverInit,
      persistence: { config: claim('/config') }, route: { host: 'qb' },
    }),
    layer: 'props', path: 'qbittorrent', field: 'ports[0].port', hint: /env\.WEBUI_PORT: '8080'/,
  },
  {
    name: "home-operations' qBittorrent moved by QBT_WEBUI_PORT off the port it declares",
    build: app('qbittorrent', { image: 'ghcr.io/home-operations/qbittorrent:5.0.4', env: { QBT_WEBUI_PORT: '8090' }, persistence: { config: claim('/config') } }),
    layer: 'props', path: 'qbittorrent', field: 'ports[0].port', message: /listens on port 8090, where env\.QBT_WEBUI_PORT moves it/,
  },
  // "ERROR creating servers storage: ... read-only file system", then it exits, and the pod's network with it.
  {
    name: 'the gluetun sidecar with nothing at /gluetun on the read-only root',
    build: app('qbittorrent', behindGluetun()),
    layer: 'props', path: 'qbittorrent', field: 'sidecars[0].image', hint: /mountPath: '\/gluetun', containers: \['gluetun'\].*sidecars\[0\]\.env\.STORAGE_FILEPATH/,
  },
  // Each broker delivers to its own subscribers: three pods are three MQTT networks behind one Service.
  {
    name: 'Mosquitto as a StatefulSet of three replicas',
    build: app('mosquitto', {
      image: 'eclipse-mosquitto:2.0.18', ports: [{ name: 'mqtt', port: 1883 }], replicas: 3, controller: AppController.statefulSet(),
      persistence: {
        data: claim('/mosquitto/data'),
        config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
      },
    }),
    layer: 'props', path: 'mosquitto', field: 'replicas', message: /3 separate brokers/, hint: /EMQX/,
  },
  {
    name: 'Mosquitto as a Deployment of two replicas that keep nothing on a claim',
    build: app('mosquitto', {
      image: 'eclipse-mosquitto:2.0.18', ports: [{ name: 'mqtt', port: 1883 }], replicas: 2,
      persistence: { config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] } },
    }),
    layer: 'props', path: 'mosquitto', field: 'replicas', message: /2 separate brokers, each with data of its own/,
  },
  {
    name: 'Sonarr behind a path route to /sonarr with its URL base set to another path',
    build: app('sonarr', {
      namespace: 'media', image: 'ghcr.io/home-operations/sonarr:4.0.14.2939', ports: [{ name: 'http', port: 8989 }], env: { SONARR__SERVER__URLBASE: '/tv' },
      persistence: { config: claim('/config') }, route: { host: 'media', path: '/sonarr' },
    }),
    layer: 'props', path: 'sonarr', field: 'env.SONARR__SERVER__URLBASE', hint: /SONARR__SERVER__URLBASE: '\/sonarr'/,
  },
  {
    name: 'Radarr as one rule of a shared media route, its URL base left at the root by an empty variable',
    build: app('radarr', {
      namespace: 'media', image: 'lscr.io/linuxserver/radarr:5.19.3', ports: [{ name: 'http', port: 7878 }], env: { RADARR__SERVER__URLBASE: '', PUID: '1000', PGID: '1000' },
      exemptions: linuxserverInit, persistence: { config: claim('/config') }, route: { host: 'media', rules: [{ path: '/radarr/' }] },
    }),
    layer: 'props', path: 'radarr', field: 'env.RADARR__SERVER__URLBASE', hint: /RADARR__SERVER__URLBASE: '\/radarr'/,
  },
  // File Browser's settings say port 80, which user 1000 may not bind either.
  {
    name: 'File Browser declared on 8080 without FB_PORT',
    build: app('files', { image: 'filebrowser/filebrowser:v2.33.0', persistence: { srv: claim('/srv'), db: claim('/database') } }),
    layer: 'props', path: 'files', field: 'ports[0].port', hint: /env\.FB_PORT: '8080'/,
  },
  {
    name: 'File Browser with its files mounted and nothing at its database folder',
    build: app('files', { image: 'filebrowser/filebrowser:v2.33.0', env: { FB_PORT: '8080' }, persistence: { srv: claim('/srv') } }),
    layer: 'props', path: 'files', field: 'image', hint: /mountPath: '\/database'.*env\.FB_DATABASE/,
  },
  {
    name: 'FreshRSS declared on 8080 without LISTEN',
    build: app('rss', { image: 'freshrss/freshrss:1.26.1', persistence: { data: claim('/var/www/FreshRSS/data') } }),
    layer: 'props', path: 'rss', field: 'ports[0].port', hint: /env\.LISTEN: '8080'/,
  },
  // Its init script chowns its folders and runs the server with su-exec: as user 1000 it cannot, and its logs fail.
  {
    name: "Stirling-PDF under the secure defaults, given PUID as its compose file did",
    build: app('pdf', { image: 'stirlingtools/stirling-pdf:0.46.2', env: { PUID: '1000', PGID: '1000' } }),
    layer: 'props', path: 'pdf', field: 'image', hint: /runAsRoot: .*rootInitExemption\('exec', 'switches to PUID:PGID'\).*writableRootFilesystem/,
  },
  {
    name: 'Stirling-PDF started as root with nothing at /configs on the read-only root',
    build: app('pdf', {
      image: 'stirlingtools/stirling-pdf:0.46.2', env: { PUID: '1000', PGID: '1000' },
      exemptions: { runAsRoot: 'its init starts as root, then runs the server as PUID:PGID', addCapabilities: rootInitExemption('exec', 'switches to PUID:PGID') },
    }),
    layer: 'props', path: 'pdf', field: 'image', hint: /mountPath: '\/configs'/,
  },
  {
    name: "Actual's server moved by ACTUAL_PORT off the port it declares",
    build: app('budget', { image: 'actualbudget/actual-server:25.1.0', ports: [{ name: 'http', port: 5006 }], env: { ACTUAL_PORT: '5007' } }),
    layer: 'props', path: 'budget', field: 'ports[0].port', hint: /env\.ACTUAL_PORT: '5006'/,
  },
  {
    name: 'Homarr declared on 3000, the port of the Next.js apps beside it',
    build: app('homarr', { image: 'ghcr.io/homarr-labs/homarr:v1.7.0', ports: [{ name: 'http', port: 3000 }], persistence: { data: claim('/appdata') } }),
    layer: 'props', path: 'homarr', field: 'ports[0].port', hint: /port: 7575, servicePort: 3000/,
  },
  {
    name: 'Homarr with nothing at /appdata on the read-only root',
    build: app('homarr', { image: 'ghcr.io/homarr-labs/homarr:v1.7.0', ports: [{ name: 'http', port: 7575 }] }),
    layer: 'props', path: 'homarr', field: 'image', hint: /mountPath: '\/appdata'/,
  },
  {
    name: "ESPHome's dashboard declared on another port than 6052",
    build: app('esphome', { image: 'ghcr.io/esphome/esphome:2025.2.0', ports: [{ name: 'http', port: 6123 }], persistence: { config: claim('/config') } }),
    layer: 'props', path: 'esphome', field: 'ports[0].port', hint: /port: 6052/,
  },
];
