import { AppController, ClusterChart, MediaContainers, MediaSettings } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp } from './lab';

// A new user's first lab typed in from the README's examples: a time zone written as the abbreviation the
// clock shows, media settings copied from a `.env` file whose lines end in a blank, and a port as Docker writes
// it. The first two passed synthesis and then ran the containers in UTC, or mounted host folders the node does
// not have; the port was refused with no word of the protocol.

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
  { name: 'a DNS port written as Docker writes it, 53/udp', build: guarded(labApp('dns', { ports: [{ name: 'dns', port: '53/udp' as unknown as number }] })), layer: 'props', path: 'dns', field: 'ports[0].port', hint: /port: 53, protocol: 'UDP'/ },
  { name: "media settings' tz written as the abbreviation PST", build: mediaWith({ tz: 'PST' }), layer: 'props', path: 'media', field: 'settings.tz', hint: /tz: 'America\/Los_Angeles'/ },
  { name: "media settings' dataDir copied from a .env line that ends in a blank", build: mediaWith({ dataDir: '/srv/data ' }), layer: 'props', path: 'media', field: 'settings.dataDir', hint: /dataDir: '\/srv\/data'$/ },
  { name: "media settings' configDir with a blank before it", build: mediaWith({ configDir: ' /srv/config' }), layer: 'props', path: 'media', field: 'settings.configDir', hint: /configDir: '\/srv\/config'$/ },
];
