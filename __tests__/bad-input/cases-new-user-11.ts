import { externalHost, Forgejo, Jellyfin, JellyfinMedia, MediaContainers, Ollama, UpstreamProxy, WazuhAgent } from '../../constructs';
import type { ClusterChart, MediaContainer } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// First labs of someone who read the README and the TSDoc only, with the service constructs: a variable
// of `env` or `settings` that moves where the server listens or keeps its data (the pod never became
// ready, or wrote to its read-only root), a mail password written into Forgejo's settings (reported on a
// variable the user never wrote, with a hint to call addEnv), and compose's own line for a media
// container's config folder (reported on a volume named by a hash), and Ollama or Jellyfin on a path of a
// shared host name (every request answered 404), an upstream proxy's domain as a URL (its rule matched nothing),
// a Wazuh group the manager refuses. Each is one error on the prop written.

const ollama = (env: Record<string, string>, extra: Record<string, unknown> = {}) =>
  guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'nvidia', env, ...extra }));
const jellyfin = (extra: Record<string, unknown>) =>
  guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), ...extra }));
const forgejo = (extra: Record<string, unknown>) => guarded((c: ClusterChart) => new Forgejo(c, 'git', { route: { host: 'git' }, ...extra }));
const wazuh = (extra: Record<string, unknown>) =>
  guarded((c: ClusterChart) => new WazuhAgent(c, 'wazuh', { manager: externalHost('wazuh', { address: '10.0.0.50' }), ...extra }));
const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
const media = (container: Record<string, unknown>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', listenPort: 8989, ...container } as MediaContainer },
}));

export const CASES: BadInput[] = [
  // Ollama listened on 8080 while its Service, probes and route went to 11434.
  { name: "Ollama's OLLAMA_HOST in env on another port", build: ollama({ OLLAMA_HOST: '0.0.0.0:8080' }), layer: 'props', path: 'ollama', field: 'env.OLLAMA_HOST', hint: /leave OLLAMA_HOST out/ },
  { name: "Ollama's OLLAMA_HOST in env on the loopback address", build: ollama({ OLLAMA_HOST: '127.0.0.1:11434' }), layer: 'props', path: 'ollama', field: 'env.OLLAMA_HOST' },
  // The models went to the image's home on the read-only root: every pull failed.
  { name: "Ollama's OLLAMA_MODELS in env at the image's home", build: ollama({ OLLAMA_MODELS: '/root/.ollama/models' }), layer: 'props', path: 'ollama', field: 'env.OLLAMA_MODELS', hint: /modelStorage/ },
  { name: "Ollama's HOME in env as the image has it", build: ollama({ HOME: '/root' }), layer: 'props', path: 'ollama', field: 'env.HOME', hint: /homeStorage/ },
  // Jellyfin wrote its library database to the read-only root and never started.
  { name: "Jellyfin's JELLYFIN_DATA_DIR in env outside its volumes", build: jellyfin({ env: { JELLYFIN_DATA_DIR: '/data' } }), layer: 'props', path: 'jellyfin', field: 'env.JELLYFIN_DATA_DIR', hint: /persistence/ },
  { name: "Jellyfin's JELLYFIN_CONFIG_DIR in env climbing out of /config", build: jellyfin({ env: { JELLYFIN_CONFIG_DIR: '/config/../etc/jellyfin' } }), layer: 'props', path: 'jellyfin', field: 'env.JELLYFIN_CONFIG_DIR' },
  // Forgejo listened on 8080 while its Service and probes went to 3000: the pod never became ready.
  { name: "Forgejo's HTTP_PORT in settings", build: forgejo({ settings: { server: { HTTP_PORT: '8080' } } }), layer: 'props', path: 'git', field: 'settings.server.HTTP_PORT', hint: /leave HTTP_PORT out/ },
  { name: "Forgejo's HTTP_PORT as a GITEA__ variable in env", build: forgejo({ env: { GITEA__server__HTTP_PORT: '8080' } }), layer: 'props', path: 'git', field: 'env.GITEA__server__HTTP_PORT' },
  { name: "Forgejo's SSH_LISTEN_PORT as a FORGEJO__ variable in env", build: forgejo({ env: { FORGEJO__server__SSH_LISTEN_PORT: '22' } }), layer: 'props', path: 'git', field: 'env.FORGEJO__server__SSH_LISTEN_PORT', hint: /ssh\.port/ },
  // Reported on addEnv.GITEA__mailer__PASSWD, a call the user never made, with a hint to make it.
  { name: "Forgejo's mailer password written into settings", build: forgejo({ settings: { mailer: { ENABLED: 'true', PASSWD: 'hunter2hunter2' } } }), layer: 'props', path: 'git', field: 'settings.mailer.PASSWD', hint: /env: \{ GITEA__mailer__PASSWD: SecretReference/ },
  { name: "Forgejo's database password written into settings", build: forgejo({ settings: { database: { PASSWD: 'forgejo123' } } }), layer: 'props', path: 'git', field: 'settings.database.PASSWD', hint: /ForgejoDatabase\.postgres/ },
  // The ingress passed /ollama/api/… on to a server that serves /api/… only: every request answered 404.
  { name: 'Ollama on a path of a shared host', build: ollama({}, { route: { host: 'apps', path: '/ollama' } }), layer: 'props', path: 'ollama', field: 'route.path', hint: /host name of its own/ },
  { name: 'Jellyfin on a path of a shared host', build: jellyfin({ route: { host: 'apps', path: '/jellyfin' } }), layer: 'props', path: 'jellyfin', field: 'route.path', hint: /host name of its own/ },
  // The catch-all rule matched ^.+\.https://lab\.test$: no request ever reached the other cluster.
  {
    name: "an upstream proxy's domain written as a URL",
    build: guarded((c: ClusterChart) => new UpstreamProxy(c, 'proxy', { domain: 'https://lab.test', address: lab.pools.vips.at('10.0.8.15') })),
    layer: 'props', path: 'proxy', field: 'domain', hint: /domain: 'lab\.test'/,
  },
  // The manager refused every enrollment; the agent pointed elsewhere was held back by its own network policy.
  { name: 'a Wazuh agent group named with a blank', build: wazuh({ group: 'linux servers' }), layer: 'props', path: 'wazuh', field: 'group', hint: /group: 'linux-servers'/ },
  { name: "a Wazuh agent's manager given again in env by its name", build: wazuh({ env: { WAZUH_MANAGER_SERVER: 'wazuh.lab.test' } }), layer: 'props', path: 'wazuh', field: 'env.WAZUH_MANAGER_SERVER', hint: /set manager/ },
  // Reported on persistence.volume-<hash>.mountPath, a name the user never wrote.
  { name: "a media container's config folder as compose mounts it, beside configDir", build: media({ volumes: ['/srv/config/sonarr:/config'] }), layer: 'props', path: 'media', field: 'containers.sonarr.volumes[0]', hint: /configDir: false/ },
  { name: 'a media container with two host folders at one path', build: media({ volumes: ['/srv/a:/tv', '/srv/b:/tv/'] }), layer: 'props', path: 'media', field: 'containers.sonarr.volumes[1]' },
];

