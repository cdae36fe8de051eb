import { ClusterChart, MediaContainer, MediaContainers, placeholder } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A media container's exposePort is a port or a placeholder for one, which says what it stands for.

const settings = { puid: 5000, pgid: 5000, tz: 'America/Toronto', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };
const media = (exposePort: unknown) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings, containers: { web: { image: 'nginxinc/nginx-unprivileged:1.27.0', listenPort: 8080, host: gpu1, exposePort } as MediaContainer },
}));

export const CASES: BadInput[] = [
  {
    name: 'media container: exposePort written as text, not a port',
    build: media('30080'), layer: 'props', path: 'media', field: 'containers.web.exposePort', message: /"30080"/, hint: /exposePort: 30080/,
  },
  {
    name: 'media container: exposePort placeholder whose stand-in is no port',
    build: media(placeholder(70000, { fact: 'node port of web', owner: 'write the port the proxy uses' })),
    layer: 'props', path: 'media', field: 'containers.web.exposePort', message: /70000/,
  },
  {
    name: 'media container: exposePort placeholder that does not say what to do',
    build: media(placeholder(30080, { fact: 'node port of web', owner: '' })),
    layer: 'props', path: 'media', field: 'containers.web.exposePort', message: /what to do about it/,
  },
];
