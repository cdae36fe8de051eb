import type { App as CdkApp } from 'cdk8s';
import { AppVolume, ClusterChart, flux, HomelabApp, host, localPathStorage, site, traefik } from '../../constructs';
import type { AppProps, Host } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user's month, from the README alone, moving a docker-compose homelab (one Ubuntu server with an i5 and a
// Synology NAS exporting NFS) onto K3s, values copied from the compose files and their .env. The compose habits
// below were taken by the API server and left a pod that never started (Docker's socket), an app that wrote to the
// node's disk instead of the NAS, a tunnel to nothing, a setting nobody read (Homepage's and Watchtower's labels), a
// value with its quotes, a JVM killed by its own heap.

/** The Ubuntu server: an i5 with its iGPU and the Zigbee stick. */
export const srv46 = host('srv46', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.46.10', memoryGigabytes: 32, cores: 6,
  gpus: [{ vendor: 'intel' }], usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
});
/** The old laptop added later as a second node, for Immich's machine learning. */
export const laptop46 = host('laptop46', { arch: 'amd64', roles: ['worker'], address: '192.168.46.11', memoryGigabytes: 16, cores: 4 });
/** The server, had it kept Docker beside K3s for the compose stacks not moved yet. */
export const dockerSrv46 = host('dockersrv46', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.46.12', services: ['docker'] });
export const lab46 = site('lab46', {
  domain: 'home46.test', hosts: [srv46, laptop46, dockerSrv46],
  nfs: { media: { server: '192.168.46.20', path: '/volume1/media' } },
  git: { url: 'https://github.com/lab46/homelab.git' },
});

/** The lab's K3s cluster, `lab46/k3s46`, on `hosts`. */
export function cluster46(app: CdkApp, hosts: Host[] = [srv46]): ClusterChart {
  return new ClusterChart(app, 'k3s46', { site: lab46, hosts, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
}

/** Builds `build` into the lab's own cluster, as a definition runs: a thrown error is a finding. */
const in46 = (build: (cluster: ClusterChart) => void, hosts?: Host[]) => guarded((_lab: ClusterChart, app: CdkApp) => build(cluster46(app, hosts)));

/** An app `id` of the lab: a web image on 8080 with `props` over it, as JavaScript without a type checker writes them. */
const app46 = (id: string, props: Record<string, unknown>, hosts?: Host[]) =>
  in46((cluster) => new HomelabApp(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as AppProps), hosts);

/** An app `id` of the lab that mounts the host path `path` (of `type`) at `mountPath`, as a compose bind mount. */
const bind46 = (id: string, image: string, path: string, mountPath: string, type?: 'Socket', hosts?: Host[]) => app46(id, {
  image, ...(image.startsWith('jellyfin/') ? { ports: [{ name: 'http', port: 8096 }] } : {}), exemptions: { hostPath: 'a bind mount of the compose file' },
  persistence: { host: { volume: AppVolume.hostPath(path, type), mountPath } },
}, hosts);

/** An app of the lab that mounts the NFS export `media` with the folder `folder`, as the compose file's NFS volume wrote it. */
const nfs46 = (folder: string) => app46('jellyfin', {
  image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }],
  persistence: { media: { volume: AppVolume.nfs(lab46.nfs.media, folder), mountPath: '/media', readOnly: true } },
});

/** Cloudflare's tunnel in namespace `cloudflared` with `args`, and Jellyfin it should reach. */
const tunnel46 = (props: Record<string, unknown>) => in46((cluster) => {
  new HomelabApp(cluster, 'jellyfin', { namespace: 'media', image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }] });
  new HomelabApp(cluster, 'cloudflared', { image: 'cloudflare/cloudflared:2024.12.2', ...props } as AppProps);
});

const SOCKET_HINT = /Renovate/;
const DOCKER = /Docker's socket, and the pods may run on/;

export const CASES: BadInput[] = [
  // Homepage and Watchtower read container labels through Docker's socket; on a pod nothing reads them.
  {
    name: "Homepage's Docker labels kept on an app",
    build: app46('vaultwarden', { labels: { 'homepage.group': 'Security', 'homepage.name': 'Vaultwarden', 'homepage.icon': 'vaultwarden.png' } }),
    layer: 'props', path: 'k3s46/vaultwarden', field: 'labels.homepage.group', hint: /services\.yaml.*gethomepage\.dev/,
  },
  {
    name: "Homepage's Docker label with its link, which is no label value either, is one error",
    build: app46('paperless', { labels: { 'homepage.href': 'https://paperless.home46.test' } }),
    layer: 'props', path: 'k3s46/paperless', field: 'labels.homepage.href', message: /Homepage's Docker discovery/,
  },
  {
    name: "Watchtower's enable label kept on an app",
    build: app46('uptime-kuma', { labels: { 'com.centurylinklabs.watchtower.enable': 'true' } }),
    layer: 'props', path: 'k3s46/uptime-kuma', field: 'labels.com.centurylinklabs.watchtower.enable', hint: SOCKET_HINT,
  },
  // Watchtower and Nextcloud AIO do their whole work through the Docker API.
  {
    name: 'Watchtower kept as an app',
    build: app46('watchtower', { image: 'containrrr/watchtower:1.7.1', ports: undefined, env: { WATCHTOWER_CLEANUP: 'true', WATCHTOWER_SCHEDULE: '0 0 4 * * *' } }),
    layer: 'props', path: 'k3s46/watchtower', field: 'image', hint: SOCKET_HINT,
  },
  {
    name: "Watchtower's maintained fork kept as an app, its socket mounted",
    build: bind46('watchtower', 'ghcr.io/nickfedor/watchtower:1.8.0', '/var/run/docker.sock', '/var/run/docker.sock', 'Socket'),
    layer: 'props', path: 'k3s46/watchtower', field: 'image', message: /cannot update a pod/,
  },
  {
    name: 'Nextcloud AIO kept as an app',
    build: app46('nextcloud', { image: 'nextcloud/all-in-one:20241216_101215' }),
    layer: 'props', path: 'k3s46/nextcloud', field: 'image', hint: /nextcloud:30-apache/,
  },
  // Docker's socket and data folder, on nodes that run containerd alone.
  {
    name: "Portainer with Docker's socket mounted as a Socket",
    build: bind46('portainer', 'portainer/portainer-ce:2.21.4', '/var/run/docker.sock', '/var/run/docker.sock', 'Socket'),
    layer: 'inventory', path: 'k3s46/portainer', field: 'persistence.host.volume', message: DOCKER, hint: /services: \['docker'\]/,
  },
  {
    name: "Dozzle with Docker's socket under /run",
    build: bind46('dozzle', 'amir20/dozzle:v8.8.2', '/run/docker.sock', '/var/run/docker.sock', 'Socket'),
    layer: 'inventory', path: 'k3s46/dozzle', field: 'persistence.host.volume', message: DOCKER,
  },
  {
    name: "cAdvisor reading Docker's data folder",
    build: bind46('cadvisor', 'gcr.io/cadvisor/cadvisor:v0.49.1', '/var/lib/docker/', '/var/lib/docker'),
    layer: 'inventory', path: 'k3s46/cadvisor', field: 'persistence.host.volume', message: /Docker's data folder/,
  },
  {
    name: "Docker's socket of an app that may run on the laptop, which runs no Docker, beside the server that does",
    build: bind46('dozzle', 'amir20/dozzle:v8.8.2', '/var/run/docker.sock', '/var/run/docker.sock', 'Socket', [dockerSrv46, laptop46]),
    layer: 'inventory', path: 'k3s46/dozzle', field: 'persistence.host.volume', message: /may run on dockersrv46, laptop46, of which laptop46 lists no docker/,
  },
  // The NAS's folders, as the compose file on the NAS itself named them.
  {
    name: "the Synology share's folder as a host path",
    build: bind46('jellyfin', 'jellyfin/jellyfin:10.10.3', '/volume1/media/movies', '/media/movies'),
    layer: 'inventory', path: 'k3s46/jellyfin', field: 'persistence.host.volume', hint: /AppVolume\.nfs\(<site>\.nfs\.media, 'movies'\)/,
  },
  {
    name: "the Synology share itself as a host path",
    build: bind46('jellyfin', 'jellyfin/jellyfin:10.10.3', '/volume1/media/', '/media'),
    layer: 'inventory', path: 'k3s46/jellyfin', field: 'persistence.host.volume', hint: /AppVolume\.nfs\(<site>\.nfs\.media\)/,
  },
  {
    name: "an NFS export's folder given as compose's nfs:// URL",
    build: nfs46('nfs://192.168.46.20/volume1/media/tv'),
    layer: 'props', path: 'k3s46/jellyfin', field: 'persistence.media.volume', hint: /AppVolume\.nfs\(<export>, 'tv'\)/,
  },
  {
    name: "an NFS export's folder given as a mount source",
    build: nfs46('192.168.46.20:/volume1/media/music'),
    layer: 'props', path: 'k3s46/jellyfin', field: 'persistence.media.volume', hint: /'music'/,
  },
  {
    name: "an NFS export given whole as its URL",
    build: nfs46('nfs://192.168.46.20/volume1/media'),
    layer: 'props', path: 'k3s46/jellyfin', field: 'persistence.media.volume', hint: /AppVolume\.nfs\(<export>\)/,
  },
  // Values of the .env file, with the quotes compose strips.
  {
    name: 'a time zone in the quotes of the .env file',
    build: app46('immich-server', { env: { TZ: '"Europe/Oslo"' } }),
    layer: 'props', path: 'k3s46/immich-server', field: 'env.TZ', hint: /TZ: 'Europe\/Oslo'/,
  },
  {
    name: "PUID in the .env file's single quotes",
    build: app46('syncthing', { env: { PUID: "'1000'" } }),
    layer: 'props', path: 'k3s46/syncthing', field: 'env.PUID', hint: /PUID: '1000'/,
  },
  {
    name: 'an empty value written as the .env file writes it',
    build: app46('paperless', { env: { PAPERLESS_OCR_LANGUAGES: '""' } }),
    layer: 'props', path: 'k3s46/paperless', field: 'env.PAPERLESS_OCR_LANGUAGES', hint: /PAPERLESS_OCR_LANGUAGES: ''/,
  },
  {
    name: 'a time zone with the blank the .env line ended in',
    build: app46('paperless', { env: { TZ: 'Europe/Oslo ' } }),
    layer: 'props', path: 'k3s46/paperless', field: 'env.TZ', hint: /TZ: 'Europe\/Oslo' \}/,
  },
  // Names Docker's network resolves and a cluster's DNS does not.
  {
    name: "Home Assistant's URL for Homepage on host.docker.internal",
    build: app46('homepage', { env: { HOMEPAGE_VAR_HASS_URL: 'http://host.docker.internal:8123' } }),
    layer: 'props', path: 'k3s46/homepage', field: 'env.HOMEPAGE_VAR_HASS_URL', message: /host\.docker\.internal/,
  },
  {
    name: "Immich's Redis host kept as compose's container name",
    build: app46('immich-server', { env: { REDIS_HOSTNAME: 'immich_redis' } }),
    layer: 'props', path: 'k3s46/immich-server', field: 'env.REDIS_HOSTNAME', hint: /REDIS_HOSTNAME: 'immich-redis'/,
  },
  {
    name: "Immich's database host kept as compose's container name",
    build: app46('immich-server', { env: { DB_HOSTNAME: 'immich_postgres' } }),
    layer: 'props', path: 'k3s46/immich-server', field: 'env.DB_HOSTNAME', message: /"immich_postgres", which holds a '_'/,
  },
  {
    name: "Paperless' Tika endpoint on compose's container name",
    build: app46('paperless', { env: { PAPERLESS_TIKA_ENDPOINT: 'http://paperless_tika:9998' } }),
    layer: 'props', path: 'k3s46/paperless', field: 'env.PAPERLESS_TIKA_ENDPOINT', hint: /http:\/\/paperless-tika:9998/,
  },
  {
    name: "Paperless' Redis URL on compose's container name, under a name that holds no host word",
    build: app46('paperless', { env: { PAPERLESS_REDIS: 'redis://paperless_broker:6379' } }),
    layer: 'props', path: 'k3s46/paperless', field: 'env.PAPERLESS_REDIS', hint: /redis:\/\/paperless-broker:6379/,
  },
  // The Cloudflare Tunnel as compose ran it, on the host's network.
  {
    name: "a Cloudflare Tunnel's origin on localhost",
    build: tunnel46({ args: ['tunnel', '--no-autoupdate', '--url', 'http://localhost:8096', 'run'] }),
    layer: 'references', path: 'k3s46/cloudflared', field: 'args[3]', hint: /http:\/\/jellyfin\.media:8096/,
  },
  {
    name: "a Cloudflare Tunnel's origin on 127.0.0.1",
    build: tunnel46({ args: ['tunnel', '--url', 'http://127.0.0.1:8096', 'run'] }),
    layer: 'references', path: 'k3s46/cloudflared', field: 'args[2]', message: /the pod's own loopback/,
  },
  {
    name: "a Cloudflare Tunnel's origin on localhost in its env",
    build: tunnel46({ args: ['tunnel', 'run'], env: { TUNNEL_URL: 'http://localhost:8096' } }),
    layer: 'references', path: 'k3s46/cloudflared', field: 'env.TUNNEL_URL', message: /none of its containers listens/,
  },
  // The Minecraft server's memory as compose gave it.
  {
    name: "a Minecraft server's MEMORY as large as its memory limit",
    build: app46('minecraft', { image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'mc', port: 25565 }], env: { EULA: 'TRUE', MEMORY: '4G' }, resources: { memoryLimit: '4Gi' } }),
    layer: 'props', path: 'k3s46/minecraft', field: 'env.MEMORY', hint: /MEMORY of about three quarters/,
  },
  {
    name: "a Minecraft server's MAX_MEMORY above its memory limit",
    build: app46('minecraft', { image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'mc', port: 25565 }], env: { EULA: 'TRUE', MAX_MEMORY: '6G' }, resources: { memoryLimit: '4Gi' } }),
    layer: 'props', path: 'k3s46/minecraft', field: 'env.MAX_MEMORY', hint: /at least 9216Mi/,
  },
  {
    name: "a Minecraft server without MEMORY, whose image's 1G fills the default limit",
    build: app46('minecraft', { image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'mc', port: 25565 }], env: { EULA: 'TRUE' } }),
    layer: 'props', path: 'k3s46/minecraft', field: 'image', message: /unless MEMORY is set \(1G\)/,
  },
  // Compose keys kept in the props, from JavaScript, each not in the corpus before.
  {
    name: "compose's restart policy written as a pod's restartPolicy",
    build: app46('vaultwarden', { restartPolicy: 'unless-stopped' }),
    layer: 'props', path: 'k3s46/vaultwarden', field: 'restartPolicy',
  },
  {
    name: "compose's expose list kept",
    build: app46('gotenberg', { expose: [3000] }),
    layer: 'props', path: 'k3s46/gotenberg', field: 'expose', hint: /ports: \[/,
  },
  {
    name: "cap_add written as exemptions' capabilities",
    build: app46('gluetun', { exemptions: { capabilities: 'NET_ADMIN' } }),
    layer: 'props', path: 'k3s46/gluetun', field: 'exemptions.capabilities', hint: /addCapabilities/,
  },
  {
    name: "the Synology share's path on the server given as the NFS folder",
    build: nfs46('/volume1/media/tv'),
    layer: 'props', path: 'k3s46/jellyfin', field: 'persistence.media.volume', hint: /AppVolume\.nfs\(<export>, 'tv'\)/,
  },
];
