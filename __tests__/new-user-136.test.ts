import type { Construct } from 'constructs';
import {
  App, AppVolume, ClusterChart, ExternalService, externalHost, flux, HostService, host, Jellyfin, JellyfinMedia, JellyfinTranscoding,
  k3s, localPathStorage, MediaContainers, metalLb, Ollama, Osquery, SecretReference, ServiceRoute, site, traefik, WazuhAgent,
} from '../constructs';
import type { AppProps, ExternalServiceProps, HostServiceProps, JellyfinProps, OllamaProps, OsqueryProps, WazuhAgentProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';

// A new user's lab from the README's service constructs alone: Ollama on the tower's NVIDIA card with Open WebUI
// in front of it, Jellyfin transcoding on the NUC's Intel iGPU with Jellyseerr asking it, the NAS's MinIO as an
// ExternalService that a backup App writes to, the tower's own Caddy as a HostService behind a ServiceRoute, and
// a Wazuh agent and osquery on every node. Written the obvious way, it synthesizes with no error; the mistakes a
// newcomer makes are each one finding on the prop that holds them.

const tower = host('nu136-tower', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.136.10', cores: 16, memoryGigabytes: 64, gpus: [{ vendor: 'nvidia' }],
});
const nuc = host('nu136-nuc', { arch: 'amd64', address: '192.168.136.11', cores: 4, memoryGigabytes: 16, gpus: [{ vendor: 'intel' }] });
const nas = externalHost('nas', { address: '192.168.136.5', ports: { minio: 9000, dsm: 5000 } });
const wazuh = externalHost('wazuh', { address: '192.168.136.6', ports: { events: 1514, enrollment: 1515 } });
const lab = site('nu136', {
  domain: 'home.example.net', hosts: [tower, nuc], externalHosts: { nas, wazuh },
  pools: { vips: { first: '192.168.136.240', last: '192.168.136.250' } },
  nfs: { media: { server: '192.168.136.5', path: '/volume1/media' } },
  git: { url: 'https://github.com/jdoe/homelab.git' },
});

/** What a case changes: props of one construct by its id, given over the correct ones. */
interface Changes {
  readonly ollama?: Partial<OllamaProps> | Record<string, unknown>;
  readonly jellyfin?: Partial<JellyfinProps> | Record<string, unknown>;
  readonly minio?: Partial<ExternalServiceProps> | Record<string, unknown>;
  readonly caddy?: Partial<HostServiceProps> | Record<string, unknown>;
  readonly wazuhAgent?: Partial<WazuhAgentProps> | Record<string, unknown>;
  readonly osquery?: Partial<OsqueryProps> | Record<string, unknown>;
  readonly apps?: Record<string, Partial<AppProps>>;
  /** More of the lab, added to the cluster. */
  readonly extra?: (cluster: ClusterChart) => void;
}

const defineLab = (changes: Changes = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [tower, nuc], externalHosts: [nas, wazuh],
    routes: traefik({ address: lab.pools.vips.at('192.168.136.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const app = (id: string, props: AppProps) => new App(cluster, id, { ...props, ...changes.apps?.[id] } as AppProps);

  // AI: Ollama on the tower's GPU, Open WebUI in front of it.
  const ollama = new Ollama(cluster, 'ollama', {
    namespace: 'ai', memoryLimit: '24Gi', modelStorage: AppVolume.claim({ tier: 'fast', size: '200Gi' }),
    ...changes.ollama,
  } as OllamaProps);
  const webui = app('open-webui', {
    namespace: 'ai', image: 'ghcr.io/open-webui/open-webui:0.5.20', ports: [{ name: 'http', port: 8080 }],
    env: { OLLAMA_BASE_URL: 'http://ollama.ai.svc.cluster.local:11434', WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/backend/data' } },
    resources: { cpuRequest: '250m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    route: { host: 'chat' },
  });
  ollama.addAllowFrom(webui);

  // Media: Jellyfin on the NUC's iGPU, Jellyseerr asking it.
  const jellyfin = new Jellyfin(cluster, 'jellyfin', {
    media: JellyfinMedia.nfs(lab.nfs.media, 'movies'),
    hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 109 }),
    route: { host: 'jellyfin' },
    migratedConfig: 'the /config of the old Docker server, restored before the first sync',
    ...changes.jellyfin,
  } as JellyfinProps);
  const seerr = app('jellyseerr', {
    namespace: 'jellyfin', image: 'fallenbagel/jellyseerr:2.5.2', ports: [{ name: 'http', port: 5055 }],
    env: { JELLYFIN_TYPE: 'jellyfin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
    route: { host: 'requests' },
  });
  jellyfin.addAllowFrom(seerr);

  // Backups: the NAS's MinIO, reached by name.
  const minio = new ExternalService(cluster, 'minio', { host: nas, namespace: 'backup', ...changes.minio } as ExternalServiceProps);
  app('backrest', {
    namespace: 'backup', image: 'garethgeorge/backrest:v1.7.3', ports: [{ name: 'http', port: 9898 }],
    env: { BACKREST_DATA: '/data', BACKREST_CONFIG: '/config/config.json', XDG_CACHE_HOME: '/cache', TMPDIR: '/tmp', AWS_ENDPOINT_URL: `http://${minio.node.id}.backup.svc.cluster.local:9000` },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' },
      config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/config' },
      cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' },
      tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
    },
  });

  // The tower's own Caddy, serving static sites, through the ingress.
  const caddy = new HostService(cluster, 'caddy', { host: tower, port: 8880, namespace: 'web', ...changes.caddy } as HostServiceProps);
  new ServiceRoute(cluster, 'files', { host: 'files', namespace: caddy.namespace, serviceName: caddy.serviceName, port: caddy.port });

  // Security agents on every node.
  new WazuhAgent(cluster, 'wazuh-agent', { manager: wazuh, namespace: 'security', ...changes.wazuhAgent } as WazuhAgentProps);
  new Osquery(cluster, 'osquery', { namespace: 'security', ...changes.osquery } as OsqueryProps);
  changes.extra?.(cluster);
};

/** The lab's findings as `severity layer path field: message | hint`, schema notes about its CRDs left out. */
const shown = (changes?: Changes) => aboutTheLab(synthInMemory(guarded(defineLab(changes))).findings)
  .map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);

test('the lab written the obvious way synthesizes with no finding', () => {
  expect(shown()).toEqual([]);
});

describe('mistakes of a newcomer that the library names', () => {
  test.each<[string, Changes, RegExp]>([
    ['Jellyfin asked to transcode on an AMD GPU no host has',
      { jellyfin: { hardwareTranscoding: JellyfinTranscoding.dri({ vendor: 'amd', renderGroup: 109, videoGroup: 44 }) } },
      /^error inventory main\/jellyfin hardwareTranscoding: no host of cluster "main" has an AMD GPU \| .*nu136-nuc \(intel\)/],
    ["Ollama's memoryLimit given to Jellyfin", { jellyfin: { memoryLimit: '4Gi' } },
      /^error props main\/jellyfin memoryLimit: Jellyfin has no prop "memoryLimit".*\| memoryLimit is an option of resources/],
    ["Jellyfin's hardwareTranscoding given to Ollama", { ollama: { hardwareTranscoding: JellyfinTranscoding.nvidia() } },
      /^error props main\/ollama hardwareTranscoding: Ollama has no prop "hardwareTranscoding".*\| Ollama knows: .*accelerator/],
    ["the model volume's size as docker writes it", { ollama: { modelStorage: AppVolume.claim({ tier: 'fast', size: '200GB' }) } },
      /^error props main\/ollama modelStorage\.claim\.size: "200GB" is not a size \| write '200Gi'/],
    ['the GPU count as text', { ollama: { gpuCount: '1' } }, /^error props main\/ollama gpuCount: .*\| write it as a number, without quotes: gpuCount: 1/],
    ['two GPUs of a host that has one', { ollama: { gpuCount: 2 } }, /^error inventory main\/ollama accelerator: asks for 2 NVIDIA GPUs; no host .* more than 1 \| ask for at most 1/],
    ["compose's NVIDIA_VISIBLE_DEVICES", { ollama: { env: { NVIDIA_VISIBLE_DEVICES: 'all' } } },
      /^error props main\/ollama env\.NVIDIA_VISIBLE_DEVICES: .*\| drop env\.NVIDIA_VISIBLE_DEVICES/],
    ['a keep-alive in words', { ollama: { keepAlive: '30 minutes' } }, /^error props main\/ollama keepAlive: .*does not start \| write a Go duration such as '30m'/],
    ["the NAS's URL where its external host belongs", { minio: { host: 'http://192.168.136.5:9000' } },
      /^error props main\/minio host: host is "http:\/\/192\.168\.136\.5:9000", not an external host of the inventory .*\| pass an external host/],
    ["compose's port given to an ExternalService", { minio: { port: 9000 } }, /^error props main\/minio port: ExternalService has no prop "port".*\| did you mean "portName"\?/],
    ["the host service's port as text", { caddy: { port: '8880' } }, /^error props main\/caddy port: .*\| write the port as a number, without quotes: 8880/],
    ["Wazuh's ports the other way round", { wazuhAgent: { manager: externalHost('wazuh', { address: '192.168.136.6', ports: { events: 1515, enrollment: 1514 } }) } },
      /^error props main\/wazuh-agent manager\.ports\.events: .*\| swap them in the manager's external host/],
    ['a Wazuh group with a blank', { wazuhAgent: { group: 'linux servers' } }, /^error props main\/wazuh-agent group: .*\| write group: 'linux-servers'/],
    ["osquery's interval as text", { osquery: { schedule: { procs: { query: 'SELECT pid, name FROM processes;', interval: '3600' } } } },
      /^error props main\/osquery schedule\.procs\.interval: .*\| write it as a number, without quotes: interval: 3600/],
  ])('%s', (_, changes, expected) => {
    expect(shown(changes)).toEqual([expect.stringMatching(expected)]);
  });

  test.each([
    ['a URL copied from its dashboard', 'http://192.168.136.5:9000', 'a URL', 'scheme or port 9000'],
    ["compose's extra_hosts line", '192.168.136.5:9000', 'an address with a port', 'port 9000'],
  ])("the NAS's address written as %s is an error whose hint gives the address alone", (_, address, written, without) => {
    const nasByUrl = externalHost('nas', { address, ports: { minio: 9000 } });
    expect(shown({ minio: { host: nasByUrl } })).toEqual([
      `error props main/minio host.address: "${address}" is ${written}, where a single address belongs | write the address alone, without ${without}: 192.168.136.5`,
    ]);
  });

  test("a Wazuh manager declared inline with its dashboard's URL is an error on manager.address, not on an egress rule the agent builds from it", () => {
    const managerByUrl = externalHost('wazuh-dashboard', { address: 'https://192.168.136.6:55000' });
    expect(shown({ wazuhAgent: { manager: managerByUrl } })).toEqual([
      'error props main/wazuh-agent manager.address: "https://192.168.136.6:55000" is a URL, where a single address belongs | write the address alone, without scheme or port 55000: 192.168.136.6',
    ]);
  });

  test("a host service on the kubelet's port is an error on port: the host's server cannot listen there", () => {
    expect(shown({ caddy: { port: 10250 } })).toEqual([
      expect.stringMatching(/^error props main\/caddy port: port 10250 of host nu136-tower is held by the kubelet's API: no server of the host can listen there.*\| give the port the server listens on/),
    ]);
  });

  test.each([
    [6443, "K3s' supervisor and API server"],
    [6444, "K3s' API server on servers and its load balancer to them on agents (on localhost)"],
  ])("a host service on K3s' port %i of a server is an error on port", (port, agent) => {
    expect(shown({ caddy: { port } })).toEqual([
      expect.stringMatching(new RegExp(`^error props main/caddy port: port ${port} of host nu136-tower is held by ${agent.replace(/[()]/g, '\\$&')}: no server of the host can listen there`)),
    ]);
  });

  test("a media container's route written as Jellyfin's, { host }, is an error whose hint writes the host name alone", () => {
    const sonarr = { image: 'lscr.io/linuxserver/sonarr:4.0.14', host: nuc, listenPort: 8989, mediaVolumes: true, route: { host: 'sonarr', maxBodySize: '20Mi' } };
    const extra = (cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings: { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
      containers: { sonarr: sonarr as never }, exposure: 'ingress',
    });
    expect(shown({ extra })).toEqual([
      `error props main/media containers.sonarr.route: containers.sonarr.route is {"host":"sonarr","maxBodySize":"20Mi"}, not a string | this route is its host name alone, as text: route: 'sonarr', maxBodySize: '20Mi' beside it`,
    ]);
  });

  test("Ollama's memory limit above its host's memory is a warning on memoryLimit", () => {
    expect(shown({ ollama: { memoryLimit: '96Gi' } })).toEqual([
      expect.stringMatching(/^warning inventory main\/ollama memoryLimit: limits memory to 96Gi, above the 64 GB of nu136-tower.*\| give a limit within 64 GiB/),
    ]);
  });
});
