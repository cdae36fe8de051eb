import { App, ClusterChart, MediaContainer, MediaContainers, noRoutes, pinnedImage, placeholder } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, lab } from './lab';

const settings = { puid: 5000, pgid: 5000, tz: 'America/Toronto', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };
const media = (containers: Record<string, MediaContainer>) => (cluster: ClusterChart) =>
  new MediaContainers(cluster, 'media', { settings, containers });
const web = (extra: Partial<MediaContainer> = {}): MediaContainer => ({ image: 'nginxinc/nginx-unprivileged:1.27.0', listenPort: 8080, host: gpu1, ...extra });

export const CASES: BadInput[] = [
  {
    name: 'media container: TZ in its environment, which the site settings overwrite',
    build: guarded(media({ web: web({ environment: { TZ: 'UTC' } }) })),
    layer: 'props', path: 'media', field: 'containers.web.environment.TZ',
  },
  {
    name: 'media settings: a time zone in lower case',
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', { settings: { ...settings, tz: 'america/toronto' }, containers: { web: web() } })),
    layer: 'props', path: 'media', field: 'settings.tz',
  },
  {
    name: 'media settings: a placeholder that does not say what to do',
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings: { ...settings, puid: placeholder(1000, { fact: 'media user id', owner: '' }) }, containers: { web: web() },
    })),
    layer: 'props', path: 'media', field: 'settings.puid',
  },
  {
    name: 'media container: a further port named as the listen port',
    build: media({ lldap: web({ extraPorts: [{ name: 'http', port: 3890 }] }) }),
    layer: 'props', path: 'media', field: 'containers.lldap.extraPorts[0].name',
  },
  {
    name: 'media container: a further port with an upper-case name',
    build: media({ lldap: web({ extraPorts: [{ name: 'LDAP_PORT', port: 3890 }] }) }),
    layer: 'props', path: 'media', field: 'containers.lldap.extraPorts[0].name',
  },
  {
    name: 'media container: supplementalGroups as one number',
    build: guarded(media({ kc: web({ supplementalGroups: 44 as any }) })),
    layer: 'props', path: 'media', field: 'containers.kc.supplementalGroups',
  },
  {
    name: 'media container: amd64-only image placed on an arm64 host',
    build: media({ web: web({ image: pinnedImage('example/amd64-only:1.0.0', ['amd64']), host: arm1 }) }),
    layer: 'inventory', path: 'media', field: 'containers.web.image',
  },
  {
    name: 'media container: node port outside the cluster\'s node-port range',
    build: media({ web: web({ exposePort: 8989 }) }),
    layer: 'inventory', path: 'media', field: 'containers.web.exposePort',
  },
  {
    name: 'media container: two containers on one node port',
    build: media({ web: web({ exposePort: 31000 }), api: web({ exposePort: 31000 }) }),
    layer: 'inventory', path: 'media', field: 'containers.api.exposePort',
  },
  {
    name: 'media container: node port of a host-network container\'s port',
    build: media({ plex: web({ image: 'ghcr.io/acme/media:1.0.0', listenPort: 32400, network: 'host' }), web: web({ exposePort: 32400 }) }),
    layer: 'inventory', path: 'media', field: 'containers.web.exposePort',
  },
  {
    name: 'media container: node port of a host-network container',
    build: media({ plex: web({ image: 'ghcr.io/acme/media:1.0.0', listenPort: 32400, network: 'host', exposePort: 31000 }) }),
    layer: 'props', path: 'media', field: 'containers.plex.exposePort',
  },
  {
    name: 'media container: volume not written "src:dst[:ro]"',
    build: media({ web: web({ volumes: ['backups:/backups'] }) }),
    layer: 'references', path: 'media', field: 'containers.web.volumes',
  },
  {
    name: 'media container: /dev/dri on a host without a GPU',
    build: media({ web: web({ host: arm1, devices: ['/dev/dri:/dev/dri'] }) }),
    layer: 'inventory', path: 'media', field: 'containers.web.devices',
  },
  {
    name: 'media container: exposePort without listenPort',
    build: media({ web: { image: 'nginxinc/nginx-unprivileged:1.27.0', host: gpu1, exposePort: 31000 } }),
    layer: 'references', path: 'media', field: 'containers.web.exposePort',
  },
  {
    name: 'media container: health-check interval that is not a duration',
    build: media({ web: web({ healthCheck: { command: ['true'], interval: 'often' } }) }),
    layer: 'references', path: 'media', field: 'containers.web.healthCheck.interval',
  },
  {
    name: 'media container: health-check timeout that is not a duration',
    build: media({ web: web({ healthCheck: { command: ['true'], timeout: '1.5s' } }) }),
    layer: 'references', path: 'media', field: 'containers.web.healthCheck.timeout',
  },
  {
    name: 'route asked of a cluster without ingress',
    build: (_cluster, app) => {
      const bare = new ClusterChart(app, 'bare', { site: lab, hosts: [gpu1], routes: noRoutes() });
      new App(bare, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'web' } });
    },
    layer: 'references', path: 'web', field: 'route',
  },
];
