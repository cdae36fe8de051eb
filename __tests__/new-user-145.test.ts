// A new user's docker-compose stack moved from the README alone: Traefik in front, Vaultwarden, Gitea with its
// PostgreSQL and SSH, Home Assistant on the host's network, linuxserver.io's qBittorrent behind a gluetun VPN, Uptime
// Kuma; on a K3s server and a second node, Flux. Written the README's way it synthesizes with no finding; the habits
// compose taught (its keys written as props, its strings where a typed value goes) are each one finding.
import type { Construct } from 'constructs';
import { AppController, AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { schemasMissing, testWhen } from './support/shared';
import { aboutTheLab, synthInMemory } from './support/synth';

const server = host('server', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.10', cores: 8, memoryGigabytes: 32 });
const second = host('second', { arch: 'amd64', roles: ['worker'], address: '192.168.50.11', cores: 4, memoryGigabytes: 16 });
const lab = site('homelab', {
  domain: 'lab.example.org', hosts: [server, second], git: { url: 'https://github.com/jdoe/homelab.git' },
  pools: { vips: { first: '192.168.50.240', last: '192.168.50.250' } },
});

interface Changes {
  readonly apps?: Record<string, Record<string, unknown>>;
}

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] } as AppProps);
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [server, second], storage: { fast: localPathStorage() }, gitops: flux(),
    routes: traefik({ address: lab.pools.vips.at('192.168.50.240') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });

  app(c, 'vaultwarden', {
    namespace: 'vault', image: 'vaultwarden/server:1.32.7', ports: [{ name: 'http', port: 8080 }],
    env: {
      ROCKET_PORT: '8080', DOMAIN: 'https://vault.lab.example.org', SIGNUPS_ALLOWED: 'false',
      ADMIN_TOKEN: SecretReference.external('vault', 'vaultwarden', 'admin-token'),
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' } },
    probes: { readiness: { httpPath: '/alive' } },
    resources: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '512Mi' },
    route: { host: 'vault' },
  });

  const db = app(c, 'gitea-db', {
    namespace: 'git', image: 'postgres:16.6', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_DB: 'gitea', POSTGRES_USER: 'gitea', POSTGRES_PASSWORD: SecretReference.external('git', 'gitea-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '256Mi' }), mountPath: '/dev/shm' },
    },
    probes: { readiness: { command: ['pg_isready', '-U', 'gitea', '-d', 'gitea'] } },
  });
  app(c, 'gitea', {
    namespace: 'git', image: 'gitea/gitea:1.22.6-rootless', ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222, servicePort: 22 }],
    env: {
      GITEA__database__DB_TYPE: 'postgres', GITEA__database__HOST: 'gitea-db:5432', GITEA__database__NAME: 'gitea', GITEA__database__USER: 'gitea',
      GITEA__database__PASSWD: SecretReference.external('git', 'gitea-db', 'password'),
      GITEA__server__ROOT_URL: 'https://git.lab.example.org/', GITEA__server__SSH_DOMAIN: 'git.lab.example.org', GITEA__server__SSH_PORT: '22',
    },
    persistence: { data: { volume: claim('20Gi'), mountPath: '/var/lib/gitea' }, config: { volume: claim('100Mi'), mountPath: '/etc/gitea' } },
    route: { host: 'git' }, loadBalancer: { address: lab.pools.vips.at('192.168.50.241'), ports: ['ssh'] },
    egress: [db],
  });

  app(c, 'home-assistant', {
    namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2025.1.2', ports: [{ name: 'http', port: 8123 }],
    controller: AppController.statefulSet(), placement: { host: server }, env: { TZ: 'Europe/Amsterdam' },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    exemptions: {
      runAsRoot: 's6-overlay runs Home Assistant as root', writableRootFilesystem: 's6-overlay writes /run and /etc',
      hostNetwork: 'discovers devices by mDNS and SSDP', privileged: 'reads Bluetooth and USB devices plugged in after it starts',
    },
    route: { host: 'home' },
  });

  app(c, 'qbittorrent', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/qbittorrent:4.6.7', ports: [{ name: 'http', port: 8080 }],
    env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Amsterdam', WEBUI_PORT: '8080' },
    persistence: {
      config: { volume: claim('1Gi'), mountPath: '/config' },
      downloads: { volume: claim('200Gi'), mountPath: '/downloads' },
      gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] },
    },
    sidecars: [{
      name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1',
      env: {
        VPN_SERVICE_PROVIDER: 'mullvad', VPN_TYPE: 'wireguard', WIREGUARD_PRIVATE_KEY: SecretReference.external('downloads', 'gluetun', 'wireguard-key'),
        WIREGUARD_ADDRESSES: '10.64.0.2/32', SERVER_CITIES: 'Amsterdam', FIREWALL_INPUT_PORTS: '8080', FIREWALL_OUTBOUND_SUBNETS: '10.42.0.0/16,10.43.0.0/16',
      },
      exemptions: { runAsRoot: 'sets up the tunnel and its firewall', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the VPN tunnel' } },
    }],
    devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
    exemptions: {
      runAsRoot: "s6-overlay starts as root and drops to PUID:PGID", writableRootFilesystem: 's6-overlay writes /run',
      addCapabilities: rootInitExemption('supervisor', 's6-overlay gives the folders to PUID:PGID and drops to it'),
      hostPath: 'the VPN sidecar opens /dev/net/tun',
    },
    route: { host: 'torrent' },
  });

  app(c, 'uptime-kuma', {
    namespace: 'monitoring', image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
    persistence: { data: { volume: claim('2Gi'), mountPath: '/app/data' } },
    probes: { readiness: { httpPath: '/' } }, route: { host: 'uptime' }, egress: 'any',
  });
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => aboutTheLab(synthOf(changes).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);
const vault = (more: Record<string, unknown>): Changes => ({ apps: { vaultwarden: more } });
const gitea = (more: Record<string, unknown>): Changes => ({ apps: { gitea: more } });
const torrent = (more: Record<string, unknown>): Changes => ({ apps: { qbittorrent: more } });
const VAULT_ENV = { ROCKET_PORT: '8080', DOMAIN: 'https://vault.lab.example.org' };
const gluetun = (more: Record<string, unknown>) => torrent({ sidecars: [{ name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1', ...more }] });

describe('the stack written the README\'s way', () => {
  const result = synthOf();
  const objects = result.clusters[0].objects.map((o) => o.manifest as any);
  const workload = (name: string): any => objects.find((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name === name);

  test('synthesizes with no finding', () => {
    expect(aboutTheLab(result.findings)).toEqual([]);
  });

  test('qBittorrent shares the pod of a gluetun sidecar that alone gets the tunnel and NET_ADMIN, each exemption annotated', () => {
    const pod = workload('qbittorrent').spec.template;
    const vpn = pod.spec.initContainers.find((c: any) => c.name === 'gluetun');
    expect(vpn.restartPolicy).toBe('Always');
    expect(vpn.securityContext.capabilities.add).toEqual(['NET_ADMIN']);
    expect(vpn.volumeMounts).toContainEqual({ mountPath: '/dev/net/tun', name: 'dev-net-tun' });
    expect(pod.spec.containers[0].volumeMounts.map((m: any) => m.mountPath)).not.toContain('/dev/net/tun');
    expect(pod.spec.volumes).toContainEqual({ name: 'dev-net-tun', hostPath: { path: '/dev/net/tun', type: 'CharDevice' } });
    expect(pod.metadata.annotations).toMatchObject({
      'security.homelab.dev/host-path': 'the VPN sidecar opens /dev/net/tun',
      'security.homelab.dev/add-capabilities': expect.stringContaining('gluetun: NET_ADMIN: creates the VPN tunnel'),
    });
  });

  test("Home Assistant runs on the host's network, privileged, with both reasons on the pod", () => {
    const pod = workload('home-assistant').spec.template;
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.spec.containers[0].securityContext.privileged).toBe(true);
    expect(pod.metadata.annotations).toMatchObject({
      'security.homelab.dev/host-network': 'discovers devices by mDNS and SSDP', 'security.homelab.dev/privileged': 'reads Bluetooth and USB devices plugged in after it starts',
    });
  });

  test("Gitea's SSH is served on 22 by a load balancer while the rootless image listens on 2222", () => {
    const lb = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'gitea-lb');
    expect(lb.spec.ports).toEqual([{ name: 'ssh', port: 22, protocol: 'TCP', targetPort: 2222 }]);
  });

  testWhen(schemasMissing())('every object passes the upstream schemas', () => {
    expect(result.findings.filter((f) => f.layer === 'schema')).toEqual([]);
  });
});

describe("compose's habits that have their answer already", () => {
  test.each<[string, Changes, string]>([
    ['restart: unless-stopped', vault({ restart: 'unless-stopped' }), 'error main/vaultwarden restart: App has no prop "restart"; it would be ignored | Kubernetes restarts a container that exits by itself, as unless-stopped does; leave restart out (a one-off task is controller: AppController.job())'],
    ['depends_on with a health condition', gitea({ depends_on: { 'gitea-db': { condition: 'service_healthy' } } }), 'error main/gitea depends_on: App has no prop "depends_on"; it would be ignored | pods start in any order and an app retries until its database answers; leave depends_on out. The link to the database is egress: [db], which also admits this app in its NetworkPolicy; a wait before start is an initContainer'],
    ["the healthcheck's CMD kept in a probe", vault({ probes: { readiness: { command: ['CMD', 'curl', '-f', 'http://localhost:8080/alive'] } } }), 'error main/vaultwarden probes.readiness.command: the probe\'s command starts with docker\'s "CMD", which the kubelet would run as a program | give the command itself: ["curl", "-f", "http://localhost:8080/alive"]'],
    ['network_mode: host', { apps: { 'home-assistant': { network_mode: 'host' } } }, "error main/home-assistant network_mode: App has no prop \"network_mode\"; it would be ignored | compose's network_mode: host is exemptions: { hostNetwork: '…' }; service:<name> is a sidecar, whose containers share the pod's network: sidecars: [{ name: 'gluetun', image: … }]"],
    ['privileged: true', { apps: { 'home-assistant': { privileged: true } } }, "error main/home-assistant privileged: App has no prop \"privileged\"; it would be ignored | compose's privileged: true is an exemption with its reason here: exemptions: { privileged: '…' }"],
    ['cap_add on the sidecar', gluetun({ cap_add: ['NET_ADMIN'] }), "error main/qbittorrent sidecars[0].cap_add: App has no prop \"cap_add\" in sidecars[0]; it would be ignored | compose's cap_add is an exemption with its reason here: exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: '…' } }"],
    ['environment as a KEY=value list', vault({ env: ['SIGNUPS_ALLOWED=false', 'ROCKET_PORT=8080'] }), 'error main/vaultwarden env: env is ["SIGNUPS_ALLOWED=false", "ROCKET_PORT=8080"], not an object | compose\'s list of KEY=value is a map here: { SIGNUPS_ALLOWED: \'false\', ROCKET_PORT: \'8080\' }'],
    ['env_file', vault({ env_file: '.env' }), "error main/vaultwarden env_file: App has no prop \"env_file\"; it would be ignored | an env file has no counterpart: write each value in env: { KEY: 'value' }, and each secret of the .env file as a Secret that env reads: env: { DB_PASSWORD: SecretReference.external('<namespace>', '<secret>', 'DB_PASSWORD') }"],
    ['ulimits', { apps: { 'gitea-db': { ulimits: { nofile: { soft: 65536, hard: 65536 } } } } }, "error main/gitea-db ulimits: App has no prop \"ulimits\"; it would be ignored | not supported: Kubernetes has no per-container ulimits, a container gets the container runtime's limits (containerd's open-files limit is high already); leave ulimits out"],
    ['shm_size', { apps: { 'gitea-db': { shm_size: '256mb' } } }, "error main/gitea-db shm_size: App has no prop \"shm_size\"; it would be ignored | compose's shm_size is a memory-backed volume at /dev/shm here: persistence: { shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '256Mi' }), mountPath: '/dev/shm' } }"],
    ['extra_hosts', { apps: { 'uptime-kuma': { extra_hosts: ['host.docker.internal:host-gateway'] } } }, "error main/uptime-kuma extra_hosts: App has no prop \"extra_hosts\"; it would be ignored | an app has no extra hosts: it reaches another app by its id (its Service), a host of the inventory by its address; host.docker.internal is the node, which an app on exemptions.hostNetwork reaches as localhost"],
    ['dns', { apps: { 'uptime-kuma': { dns: ['1.1.1.1'] } } }, "error main/uptime-kuma dns: App has no prop \"dns\"; it would be ignored | not supported: an app resolves names through the cluster's DNS, which answers the apps' names and forwards the rest to the nodes' resolvers; leave dns out"],
    ["user: '1000:1000' as runAsUser", vault({ runAsUser: '1000:1000' }), 'error main/vaultwarden runAsUser: runAsUser is "1000:1000", not a user or group id: a whole number of 0–2147483647, such as 1000 | compose\'s user "1000:1000" is two props here: runAsUser: 1000, runAsGroup: 1000'],
    ['command as one string', { apps: { 'uptime-kuma': { command: 'node server/server.js' } } }, "error main/uptime-kuma command: command is \"node server/server.js\", not a list of strings | write it as a list of words: ['node', 'server/server.js']"],
    ["Uptime Kuma given Docker's socket on K3s nodes", { apps: { 'uptime-kuma': { exemptions: { hostPath: 'watches containers' }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' }, docker: { volume: AppVolume.hostPath('/var/run/docker.sock', 'Socket'), mountPath: '/var/run/docker.sock' } } } } },
      expect.stringMatching(/^error main\/uptime-kuma persistence\.docker\.volume: host path \/var\/run\/docker\.sock is Docker's socket, .* \| drop the mount/)],
    ['Watchtower carried over', { apps: { 'uptime-kuma': { image: 'containrrr/watchtower:1.7.1', command: undefined, ports: undefined, route: undefined, probes: undefined, persistence: undefined } } },
      expect.stringMatching(/^error main\/uptime-kuma image: image "containrrr\/watchtower:1\.7\.1" runs Watchtower, .* \| drop the app: pin each image's tag in Git and let Renovate propose each update/)],
  ])('%s is one finding', (_, changes, expected) => {
    expect(shown(changes)).toEqual([expected]);
  });
});

describe('what the library now says', () => {
  test("a .env value written as compose's ${NAME} of the variable itself is an error on it, a secret read from a Secret", () => {
    expect(shown(vault({ env: { ...VAULT_ENV, ADMIN_TOKEN: '${ADMIN_TOKEN}' } }))).toEqual([
      'error main/vaultwarden env.ADMIN_TOKEN: container "vaultwarden": env ADMIN_TOKEN is "${ADMIN_TOKEN}", compose\'s interpolation of the variable from the .env file or the shell; nothing fills it in here, so the container gets the text ${ADMIN_TOKEN} itself'
        + " | keep the .env file's value in a Secret and read it: ADMIN_TOKEN: SecretReference.external('<namespace>', '<secret>', 'ADMIN_TOKEN')",
    ]);
    expect(shown(vault({ env: { ...VAULT_ENV, SIGNUPS_ALLOWED: '${SIGNUPS_ALLOWED:-false}' } }))).toEqual([
      'error main/vaultwarden env.SIGNUPS_ALLOWED: container "vaultwarden": env SIGNUPS_ALLOWED is "${SIGNUPS_ALLOWED:-false}", compose\'s interpolation of the variable from the .env file or the shell; nothing fills it in here, so the container gets the text ${SIGNUPS_ALLOWED:-false} itself'
        + " | write the .env file's value: SIGNUPS_ALLOWED: 'false'",
    ]);
  });

  test("compose's deploy.resources written as resources is one finding whose hint writes cpus and docker's M", () => {
    expect(shown(vault({ resources: { limits: { cpus: '0.5', memory: '512M' }, reservations: { memory: '128M' } } }))).toEqual([
      "error main/vaultwarden resources: resources are written in compose's form (deploy.resources: reservations and limits), which is not read here; they would be ignored"
        + " | resources are flat here: write resources: { memoryRequest: '128Mi', cpuLimit: '0.5', memoryLimit: '512Mi' } (docker's M and G are Mi and Gi)",
    ]);
  });

  test('deploy is answered with the resources its limits and reservations are', () => {
    expect(shown(vault({ deploy: { resources: { limits: { cpus: '0.5', memory: '512M' } } } }))).toEqual([
      'error main/vaultwarden deploy: App has no prop "deploy"; it would be ignored | compose\'s deploy is replicas, resources and placement: { host } here: deploy.resources\' limits and reservations are '
        + "resources: { cpuLimit: '0.5', memoryLimit: '512Mi', cpuRequest: '0.25', memoryRequest: '128Mi' } (docker's 512M is 512Mi)",
    ]);
  });

  test("Gitea's SSH published as 2222:22 is the ssh port, kept on 2222 by a load balancer", () => {
    expect(shown(gitea({ ports: [{ name: 'http', port: 3000 }, '2222:22'] }))).toEqual([
      'error main/gitea ports[1]: ports[1] is "2222:22", not an object | compose\'s "2222:22" publishes a port of the host; here the container\'s port is { name: \'ssh\', port: 22 }, '
        + "and clients reach it through loadBalancer: { address: site.pools.<pool>.at('…'), ports: ['ssh'] } with servicePort: 2222 on the port",
    ]);
  });

  test("the tunnel device in compose's form is made with the factory of that device", () => {
    expect(shown(torrent({ devices: ['/dev/net/tun:/dev/net/tun'] }))).toEqual([
      "error main/qbittorrent devices[0]: devices[0] is \"/dev/net/tun:/dev/net/tun\", compose's device line, not made by one of its factories | make it with AppDevice.hostDevice('/dev/net/tun'), which mounts /dev/net/tun at the same path in the container",
    ]);
  });

  test("the gluetun service's devices, restart and network_mode on its sidecar are each answered", () => {
    expect(shown(gluetun({ devices: ['/dev/net/tun'], restart: 'unless-stopped', network_mode: 'bridge' })).filter((f) => f.includes('sidecars[0].'))).toEqual([
      "error main/qbittorrent sidecars[0].devices: App has no prop \"devices\" in sidecars[0]; it would be ignored | a device is the app's, handed to the containers it names: devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['<container>'] })] on the app's props",
      'error main/qbittorrent sidecars[0].restart: App has no prop "restart" in sidecars[0]; it would be ignored | Kubernetes restarts a container of the pod that exits by itself, as unless-stopped does; leave restart out',
      "error main/qbittorrent sidecars[0].network_mode: App has no prop \"network_mode\" in sidecars[0]; it would be ignored | the containers of a pod share its network, as compose's network_mode: service:<name> shares the VPN's; leave network_mode out",
    ]);
  });

  test("Traefik's labels in compose's list form are answered with the route, not a map of them", () => {
    expect(shown(vault({ labels: ['traefik.enable=true', 'traefik.http.routers.vault.rule=Host(`vault.lab.example.org`)'] }))).toEqual([
      'error main/vaultwarden labels: labels is ["traefik.enable=true", "traefik.http.routers.vault.rule=Host(`vault.lab.example.org`)"], not an object | written as a map they would still be refused: '
        + "traefik.http.routers.vault.rule is configuration for Traefik's Docker provider; Traefik on Kubernetes reads no labels, so the app would not be routed; route the app with route: { host: 'vault.lab.example.org' } "
        + "(a bare name goes under the cluster's domain; port is needed only when it is not the app's first), and drop the traefik.* labels; a Traefik middleware is a feature of the route's rules (redirect, rewrite, requestHeaders) or basicAuth",
    ]);
  });

  test("compose's ./data and named volume as a volume are answered with a full node path and a claim", () => {
    expect(shown(vault({ persistence: { data: { volume: './data', mountPath: '/data' } } }))).toEqual([
      "error main/vaultwarden persistence.data.volume: persistence.data.volume is \"./data\", not an object | a folder of the node is volume: AppVolume.hostPath('/srv/data') with exemptions: { hostPath: '…' }; data the app keeps is better on a claim: AppVolume.claim({ tier: 'fast', size: '10Gi' })",
    ]);
    expect(shown(vault({ persistence: { data: { volume: 'vw-data', mountPath: '/data' } } }))).toEqual([
      "error main/vaultwarden persistence.data.volume: persistence.data.volume is \"vw-data\", not an object | compose's named volume \"vw-data\" is a claim here, which the app makes: volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }) (a claim made outside the repository is AppVolume.existingClaim('vw-data'))",
    ]);
  });
});
