import { AppController, ClusterChart, MediaContainers, MediaSettings } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp } from './lab';

// A new user's first lab typed in from the README's examples: a time zone written as the abbreviation the
// clock shows, and media settings copied from a `.env` file whose lines end in a blank. Each passed synthesis
// and then ran the containers in UTC, or mounted host folders the node does not have.

const settings: MediaSettings = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
/** A MediaContainers `media` of one Sonarr, with its media folders, the settings changed by `changed`. */
const mediaWith = (changed: Partial<MediaSettings>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings: { ...settings, ...changed },
  containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', host: gpu1, listenPort: 8989, mediaVolumes: true } },
}));

export const CASES: BadInput[] = [
  { name: "a container's TZ written as the abbreviation PST", build: guarded(labApp('web', { env: { TZ: 'PST' } })), layer: 'props', path: 'web', field: 'env.TZ', hint: /env: \{ TZ: 'America\/Los_Angeles' \}/ },
  {
    name: "a backup job's sidecar with TZ written as the abbreviation CEST",
    build: guarded(labApp('backup', {
      ports: [], controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }),
      sidecars: [{ name: 'log', image: 'busybox:1.36', command: ['sh', '-c', 'tail -F /tmp/log'], env: { TZ: 'CEST' } }],
    })),
    layer: 'props', path: 'backup', field: 'sidecars[0].env.TZ', hint: /TZ: 'Europe\/Berlin'/,
  },
  { name: "media settings' tz written as the abbreviation PST", build: mediaWith({ tz: 'PST' }), layer: 'props', path: 'media', field: 'settings.tz', hint: /tz: 'America\/Los_Angeles'/ },
  { name: "media settings' dataDir copied from a .env line that ends in a blank", build: mediaWith({ dataDir: '/srv/data ' }), layer: 'props', path: 'media', field: 'settings.dataDir', hint: /dataDir: '\/srv\/data'$/ },
  { name: "media settings' configDir with a blank before it", build: mediaWith({ configDir: ' /srv/config' }), layer: 'props', path: 'media', field: 'settings.configDir', hint: /configDir: '\/srv\/config'$/ },
];
