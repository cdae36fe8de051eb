import { AppVolume, ClusterChart, Forgejo, Jellyfin, JellyfinMedia, MediaContainers, Ollama, Osquery, ServiceRoute } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab, labApp } from './lab';

// What a user wrote to a service construct is what a finding names: a `persistence` entry under the name of
// a volume the service mounts itself would replace it; the hint names the service's own prop for it.

const claim = (size = '5Gi') => AppVolume.claim({ tier: 'fast', size });

export const CASES: BadInput[] = [
  {
    name: "Forgejo with a persistence entry named like its repository volume",
    build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { persistence: { data: { volume: claim(), mountPath: '/data' } } })),
    layer: 'props', path: 'forgejo', field: 'persistence.data', hint: /`storage`/,
  },
  {
    name: "Ollama with a persistence entry named like its model volume",
    build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'cpu', persistence: { models: { volume: claim(), mountPath: '/models' } } })),
    layer: 'props', path: 'ollama', field: 'persistence.models', hint: /`modelStorage`/,
  },
  {
    name: "Jellyfin with a persistence entry named like its config volume",
    build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), persistence: { config: { volume: claim(), mountPath: '/config' } } })),
    layer: 'props', path: 'jellyfin', field: 'persistence.config', hint: /`config`/,
  },
  {
    name: "Jellyfin with a persistence entry named like its media library",
    build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), persistence: { media: { volume: AppVolume.hostPath('/tank/media'), mountPath: '/media' } } })),
    layer: 'props', path: 'jellyfin', field: 'persistence.media', hint: /JellyfinMedia/,
  },
  {
    name: "Osquery with a persistence entry named like its config volume",
    build: guarded((c: ClusterChart) => new Osquery(c, 'osquery', { persistence: { config: { volume: AppVolume.configMap('mine'), mountPath: '/etc/mine' } } })),
    layer: 'props', path: 'osquery', field: 'persistence.config', hint: /`schedule`/,
  },
];

// Values a service turns into pod fields are reported where the user wrote them, not on the field built from them.

const mediaSettings = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
const media = (settings: Record<string, unknown>, container: Record<string, unknown> = {}) => guarded((c: ClusterChart) =>
  new MediaContainers(c, 'media', { settings: { ...mediaSettings, ...settings } as any, containers: { sonarr: { image: 'nginxinc/nginx-unprivileged:1.27.0', listenPort: 8080, host: gpu1, ...container } } }));

CASES.push(
  { name: 'media health check with retries: 0', build: media({}, { healthCheck: { command: ['true'], retries: 0 } }), layer: 'props', path: 'media', field: 'containers.sonarr.healthCheck.retries', hint: /retries: 3/ },
  { name: 'media settings with a fractional pgid', build: media({ pgid: 1.5 }), layer: 'props', path: 'media', field: 'settings.pgid', hint: /id -g/ },
  { name: 'media settings with a negative puid', build: media({ puid: -5 }), layer: 'props', path: 'media', field: 'settings.puid', hint: /id -u/ },
  {
    name: 'ServiceRoute with a name longer than a label value',
    build: guarded((c: ClusterChart) => new ServiceRoute(c, 'route', { name: 'a'.repeat(70), host: 'x', namespace: 'default', serviceName: 'svc', port: 80 })),
    layer: 'props', path: 'route', field: 'name', hint: /at most 63/,
  },
  {
    name: 'ConfigMap volume named with upper case and an underscore',
    build: guarded(labApp('web', { persistence: { cfg: { volume: AppVolume.configMap('My_Config'), mountPath: '/etc/x' } } })),
    layer: 'props', path: 'web', field: 'persistence.cfg.volume', hint: /AppVolume\.configMap\('my-config'\)/,
  },
);

// Found exploring: volumes a service builds from its own props, and text props given numbers.

const sharedJellyfin = (props: Record<string, unknown>) => guarded((c: ClusterChart) =>
  new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.shared(AppVolume.claim({ tier: 'fast', size: '50Gi' })), ...props }));

CASES.push(
  {
    name: "Forgejo's storage as an existing claim named with upper case",
    build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { storage: AppVolume.existingClaim('Forgejo_Data') })),
    layer: 'props', path: 'forgejo', field: 'storage', hint: /existingClaim\('forgejo-data'\)/,
  },
  { name: "Jellyfin's transcodeSizeLimit as a bare number", build: sharedJellyfin({ transcodeSizeLimit: 50 }), layer: 'props', path: 'jellyfin', field: 'transcodeSizeLimit', hint: /'50Gi'/ },
  {
    name: "Ollama's keepAlive as a number of seconds",
    build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'cpu', keepAlive: 300 as any })),
    layer: 'props', path: 'ollama', field: 'keepAlive', hint: /keepAlive: '300'/,
  },
  {
    name: 'Forgejo app.ini setting given as a switch',
    build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { settings: { server: { LFS_START_SERVER: true as any } } })),
    layer: 'props', path: 'forgejo', field: 'settings.server.LFS_START_SERVER', hint: /'true'/,
  },
  {
    name: "a volume of the user's own mounted where Ollama mounts its models",
    build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'cpu', persistence: { home: { volume: claim(), mountPath: '/ollama' } } })),
    layer: 'props', path: 'ollama', field: 'persistence.home.mountPath', hint: /set modelStorage/,
  },
  {
    name: "a Jellyfin volume of the user's own on /config of the shared layout",
    build: sharedJellyfin({ persistence: { conf: { volume: claim(), mountPath: '/config' } } }),
    layer: 'props', path: 'jellyfin', field: 'persistence.conf.mountPath', hint: /set media/,
  },
  { name: 'media settings with the render group by name', build: media({ renderGroup: 'render' }), layer: 'props', path: 'media', field: 'settings.renderGroup', hint: /getent group render/ },
  {
    name: 'osquery schedule interval written as a duration',
    build: guarded((c: ClusterChart) => new Osquery(c, 'osquery', { schedule: { procs: { query: 'SELECT * FROM processes;', interval: '1h' as any } } })),
    layer: 'props', path: 'osquery', field: 'schedule.procs.interval', hint: /interval: 3600/,
  },
  { name: 'media health check retries in quotes', build: media({}, { healthCheck: { command: ['true'], retries: '3' } }), layer: 'props', path: 'media', field: 'containers.sonarr.healthCheck.retries', hint: /retries: 3$/ },
  {
    name: 'media container named with a capital letter',
    build: guarded((c: ClusterChart) => new MediaContainers(c, 'media', { settings: mediaSettings, containers: { Sonarr: { image: 'nginxinc/nginx-unprivileged:1.27.0', listenPort: 8080, host: gpu1 } } })),
    layer: 'props', path: 'media', field: 'containers.Sonarr', hint: /'sonarr'/,
  },
);
