import { externalHost, Harbor, Jellyfin, JellyfinMedia, MediaContainers, Ollama, Osquery, SecretReference, WazuhAgent } from '../../constructs';
import type { ClusterChart, MediaContainer } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// A newcomer adding the service constructs with props copied from a compose file or a blog post: each
// mistake is one finding on the prop written, with a hint.

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
const media = (container: Record<string, unknown>, changed: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings: { ...settings, ...changed } as typeof settings, containers: { app: { image: 'ghcr.io/acme/app:1.2.3', listenPort: 8080, ...container } as MediaContainer },
}));
const jellyfin = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), ...props }));
const ollama = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', ...props }));
const osquery = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Osquery(cluster, 'osquery', props));
const harbor = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Harbor(cluster, 'harbor', {
  route: { host: 'registry' }, adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
  internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'), ...props,
}));
const wazuh = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new WazuhAgent(cluster, 'wazuh', { manager: externalHost('wazuh', { address: '10.0.0.9' }), ...props }));

export const CASES: BadInput[] = [
  { name: "a media container's route written as a URL under node-port exposure", build: media({ route: 'https://app.lab.test' }), layer: 'props', path: 'media', field: 'containers.app.route', hint: /app\.lab\.test/ },
  { name: "Jellyfin's NFS media folder written as compose's volume", build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share, 'movies:/media') })), layer: 'props', path: 'jellyfin', field: 'media.subDirectory', hint: /'movies'/ },
  { name: 'an osquery scheduled query left empty', build: osquery({ schedule: { procs: { query: '', interval: 300 } } }), layer: 'props', path: 'osquery', field: 'schedule.procs.query', hint: /SELECT/ },
  { name: 'media settings TZ written as a GMT offset', build: media({}, { tz: 'GMT+2' }), layer: 'props', path: 'media', field: 'settings.tz', hint: /Europe/ },
  { name: "a media container's extra port written as compose's host:container", build: media({ extraPorts: [{ name: 'web', port: '8081:8081' }] }), layer: 'props', path: 'media', field: 'containers.app.extraPorts[0].port' },
  { name: "Ollama's CPU limit written in words", build: ollama({ cpuLimit: '4 cores' }), layer: 'props', path: 'ollama', field: 'cpuLimit', hint: /'4'/ },
  { name: "Ollama's gpuCount in quotes", build: ollama({ accelerator: 'nvidia', gpuCount: '1' }), layer: 'props', path: 'ollama', field: 'gpuCount' },
  { name: 'Ollama given a list of models to pull, a prop it does not have', build: ollama({ models: ['llama 3'] }), layer: 'props', path: 'ollama', field: 'models' },
  { name: "Jellyfin's hardwareTranscoding misspelt", build: jellyfin({ hardwareTranscode: { type: 'nvidia' } }), layer: 'props', path: 'jellyfin', field: 'hardwareTranscode', hint: /hardwareTranscoding/ },
  { name: "Harbor's registrySize misspelt", build: harbor({ registrySzie: '100Gi' }), layer: 'props', path: 'harbor', field: 'registrySzie', hint: /registrySize/ },
  { name: "Harbor's IngressClass in capitals", build: harbor({ ingressClassName: 'Traefik' }), layer: 'references', path: 'harbor', field: 'ingressClassName', hint: /traefik/ },
  { name: 'an osquery interval written as a cron schedule', build: osquery({ schedule: { procs: { query: 'SELECT pid FROM processes;', interval: '*/5 * * * *' } } }), layer: 'props', path: 'osquery', field: 'schedule.procs.interval' },
  { name: "the Wazuh agent's group written with a blank", build: wazuh({ group: 'home lab' }), layer: 'props', path: 'wazuh', field: 'group', hint: /home-lab/ },
  { name: "an osquery host folder written as compose's node:container volume", build: osquery({ hostFolders: ['/var/log:/host/var/log'] }), layer: 'props', path: 'osquery', field: 'hostFolders[0]', hint: /'\/var\/log'/ },
  { name: "the Wazuh agent's watched folder written as compose's node:container volume", build: wazuh({ watchedFolders: ['/etc:/etc:ro'] }), layer: 'props', path: 'wazuh', field: 'watchedFolders[0]', hint: /'\/etc'/ },
  { name: 'an osquery host folder written as a file URL', build: osquery({ hostFolders: ['file:///var/log'] }), layer: 'props', path: 'osquery', field: 'hostFolders[0]', hint: /'\/var\/log'/ },
];
