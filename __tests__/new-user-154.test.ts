// A new user's two houses from the README alone, joined by a tailnet of their own. At home a K3s cluster of two mini
// PCs runs Headscale (its own control server with the embedded DERP relay, behind Traefik with Let's Encrypt, its
// config.yaml from a ConfigMap, its SQLite state on a disk, its noise private key from a Secret), a Tailscale node that
// routes the home LAN and is an exit node, Jellyfin and Home Assistant. At the parents' house, another site of the
// inventory, a one-node K3s cluster on a Raspberry Pi runs Pi-hole and a Tailscale client that joins the home Headscale
// and relays the parents' TV to Jellyfin at home by the name MagicDNS gives it. Flux pulls both clusters from one
// repository. On day two the Pi is replaced by an N100 mini PC. Written the obvious way it synthesizes with no finding;
// each mistake of someone new to Kubernetes and to a self-hosted tailnet gives its finding on the field that holds it
// (Tailscale switched to kernel mode as an exit node lacks two things, the forwarding sysctls and the tunnel device).
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  acmeCloudflareDns01, AppDevice, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, Jellyfin, JellyfinMedia, JellyfinTranscoding, k3s,
  localPathStorage, metalLb, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps, HostProps, JellyfinProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly jellyfin?: Partial<JellyfinProps>;
  /** Headscale's config.yaml, changed by the function. */
  readonly headscaleConfig?: (config: string) => string;
  /** The relay's nginx.conf, changed by the function. */
  readonly relayConfig?: (config: string) => string;
  readonly mini1?: Record<string, unknown>;
  readonly pi?: Record<string, unknown>;
  readonly parentsPools?: Record<string, unknown>;
  readonly parentsGit?: Record<string, unknown>;
  /** Flux's props of the home cluster and of the parents' cluster. */
  readonly homeFlux?: Record<string, unknown>;
  readonly parentsFlux?: Record<string, unknown>;
  /** The noise key's Secret, made by hand, declared so. */
  readonly noiseDeclared?: boolean;
  /** The address Pi-hole answers DNS on, in the parents' pool. */
  readonly piholeAddress?: string;
  /** Day two: the Pi is replaced by an N100 mini PC. */
  readonly dayTwo?: boolean;
}

const REPOSITORY = 'https://github.com/jsmith/homelab.git';
const TAILSCALE_IMAGE = 'tailscale/tailscale:v1.90.9';

/** Headscale 0.26's configuration, from its config-example.yaml with the lab's names. */
const HEADSCALE_CONFIG = `server_url: https://headscale.smithfamily.net
listen_addr: 0.0.0.0:8080
metrics_listen_addr: 0.0.0.0:9090
grpc_listen_addr: 127.0.0.1:50443
grpc_allow_insecure: false
noise:
  private_key_path: /run/secrets/headscale/noise_private.key
prefixes:
  v4: 100.64.0.0/10
  v6: fd7a:115c:a1e0::/48
  allocation: sequential
derp:
  server:
    enabled: true
    region_id: 999
    region_code: home
    region_name: Home
    stun_listen_addr: 0.0.0.0:3478
    private_key_path: /var/lib/headscale/derp_server_private.key
    automatically_add_embedded_derp_region: true
  urls:
    - https://controlplane.tailscale.com/derpmap/default
  paths: []
  auto_update_enabled: true
  update_frequency: 24h
disable_check_updates: true
ephemeral_node_inactivity_timeout: 30m
database:
  type: sqlite
  sqlite:
    path: /var/lib/headscale/db.sqlite
    write_ahead_log: true
log:
  level: info
policy:
  mode: file
  path: ""
dns:
  magic_dns: true
  base_domain: tail.smithfamily.net
  override_local_dns: true
  nameservers:
    global:
      - 1.1.1.1
      - 1.0.0.1
  extra_records:
    - name: jellyfin.tail.smithfamily.net
      type: A
      value: 192.168.1.240
unix_socket: /var/run/headscale/headscale.sock
unix_socket_permission: "0770"
`;

/** The parents' relay: nginx asks MagicDNS (Tailscale's resolver in the pod) for Jellyfin's tailnet name. */
const RELAY_CONFIG = `server {
  listen 8080;
  resolver 100.100.100.100 valid=30s;
  location / {
    set $jellyfin https://jellyfin.tail.smithfamily.net;
    proxy_pass $jellyfin;
    proxy_set_header Host jellyfin.smithfamily.net;
    proxy_ssl_server_name on;
    proxy_ssl_name jellyfin.smithfamily.net;
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
  }
}
`;

function inventory(changes: Changes) {
  const mini1 = host('mini1', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', cores: 4, memoryGigabytes: 16,
    model: 'Beelink EQ12', disks: [{ media: 'nvme', sizeGigabytes: 1000 }], gpus: [{ vendor: 'intel' }], ...changes.mini1,
  } as HostProps);
  const mini2 = host('mini2', {
    arch: 'amd64', roles: ['worker'], address: '192.168.1.11', cores: 4, memoryGigabytes: 16,
    model: 'Beelink EQ12', disks: [{ media: 'nvme', sizeGigabytes: 500 }],
  });
  const home = site('home', {
    domain: 'smithfamily.net', hosts: [mini1, mini2], git: { url: REPOSITORY },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  });
  const pi = host('pi', {
    arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.2.10', cores: 4, memoryGigabytes: 8,
    model: 'Raspberry Pi 4', disks: [{ media: 'ssd', sizeGigabytes: 256 }], ...changes.pi,
  } as HostProps);
  const n100 = host('n100', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.2.11', cores: 4, memoryGigabytes: 16,
    model: 'Beelink Mini S12 Pro', disks: [{ media: 'nvme', sizeGigabytes: 500 }], gpus: [{ vendor: 'intel' }],
  });
  const parentsHost = changes.dayTwo ? n100 : pi;
  const parents = site('parents', {
    domain: 'parents.smithfamily.net', hosts: [parentsHost], git: { url: REPOSITORY, ...changes.parentsGit },
    pools: { vips: { first: '192.168.2.240', last: '192.168.2.250' }, ...changes.parentsPools },
  });
  return { mini1, mini2, home, parentsHost, parents };
}

/** Traefik with Let's Encrypt over Cloudflare's DNS, as both houses have it. */
function letsEncryptTraefik(address: ReturnType<ReturnType<typeof site>['pools'][string]['at']>) {
  return traefik({
    address, certResolver: 'letsencrypt',
    acme: { letsencrypt: acmeCloudflareDns01({ apiToken: SecretReference.external('traefik', 'cloudflare-api-token', 'api-token'), email: 'jsmith@smithfamily.net' }) },
  });
}

/**
 * A Tailscale node that joins the home Headscale, its state on a claim (TS_KUBE_SECRET empty) and its health on
 * containerboot's local address; `env` adds to and overrides the variables.
 */
function tailscaleNode(hostname: string, flags: string, env: Record<string, unknown> = {}): Pick<AppProps, 'image' | 'env' | 'ports' | 'probes'> {
  return {
    image: TAILSCALE_IMAGE,
    env: {
      TS_AUTHKEY: SecretReference.external('tailscale', 'tailscale-auth', 'authkey'),
      TS_EXTRA_ARGS: `--login-server=https://headscale.smithfamily.net ${flags}`, TS_HOSTNAME: hostname,
      TS_STATE_DIR: '/var/lib/tailscale', TS_KUBE_SECRET: '',
      TS_ENABLE_HEALTH_CHECK: 'true', TS_LOCAL_ADDR_PORT: '[::]:9002', ...env,
    } as AppProps['env'],
    ports: [{ name: 'health', port: 9002 }],
    probes: { readiness: { httpPath: '/healthz' } },
  };
}

/** The home node: a subnet router for the LAN and an exit node. */
const homeRouter = (env: Record<string, unknown> = {}) => tailscaleNode('home-router', '--advertise-exit-node', { TS_ROUTES: '192.168.1.0/24', ...env });

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const { mini1, mini2, home, parentsHost, parents } = inventory(changes);
  // Changes to an app by its id, the parents' one by `parents-<id>`.
  const app = (c: ClusterChart, id: string, props: AppProps, key = id) => new HomelabApp(c, id, { ...props, ...changes.apps?.[key] });

  // Home: two mini PCs.
  const main = new ClusterChart(scope, 'main', {
    site: home, hosts: [mini1, mini2], storage: { disk: localPathStorage() }, gitops: flux(changes.homeFlux),
    routes: letsEncryptTraefik(home.pools.vips.at('192.168.1.240')),
    loadBalancer: metalLb({ pools: [home.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const headscale = app(main, 'headscale', {
    image: 'headscale/headscale:0.26.1', args: ['serve'],
    ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }, { name: 'stun', port: 3478, protocol: 'UDP' }],
    persistence: {
      config: { volume: AppVolume.configMap('headscale-config'), mountPath: '/etc/headscale', readOnly: true },
      data: { volume: AppVolume.claim({ tier: 'disk', size: '1Gi' }), mountPath: '/var/lib/headscale' },
      noise: { volume: AppVolume.secret('headscale-noise'), mountPath: '/run/secrets/headscale', readOnly: true },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/headscale' },
    },
    probes: { readiness: { httpPath: '/health' } },
    route: { host: 'headscale' },
    loadBalancer: { address: home.pools.vips.at('192.168.1.241'), ports: ['stun'] },
  });
  // The noise key was made once with `headscale generate private-key` and put in a Secret by hand.
  if (changes.noiseDeclared ?? true) {
    declareExternal(main, { secrets: [{ namespace: 'headscale', name: 'headscale-noise' }] });
  }
  new ApiObject(headscale, 'config-file', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'headscale-config', namespace: 'headscale' },
    data: { 'config.yaml': changes.headscaleConfig ? changes.headscaleConfig(HEADSCALE_CONFIG) : HEADSCALE_CONFIG },
  });
  app(main, 'tailscale', {
    ...homeRouter(),
    persistence: { state: { volume: AppVolume.claim({ tier: 'disk', size: '1Gi' }), mountPath: '/var/lib/tailscale' } },
  });
  new Jellyfin(main, 'jellyfin', {
    media: JellyfinMedia.shared(AppVolume.claim({ tier: 'disk', size: '800Gi' })),
    hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 993 }),
    route: { host: 'jellyfin' },
    ...changes.jellyfin,
  });
  app(main, 'home-assistant', {
    image: 'ghcr.io/home-assistant/home-assistant:2025.10.1',
    ports: [{ name: 'http', port: 8123 }],
    env: { TZ: 'Europe/London' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'disk', size: '10Gi' }), mountPath: '/config' } },
    exemptions: {
      runAsRoot: 'the image runs Home Assistant under s6-overlay, as root only',
      writableRootFilesystem: 's6-overlay writes its state under /run and /var',
    },
    route: { host: 'ha' },
  });

  // The parents' house: one node.
  const parentsCluster = new ClusterChart(scope, 'parents-main', {
    site: parents, hosts: [parentsHost], storage: { disk: localPathStorage() }, gitops: flux(changes.parentsFlux),
    routes: letsEncryptTraefik(parents.pools.vips.at('192.168.2.240')),
    loadBalancer: metalLb({ pools: [parents.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  app(parentsCluster, 'pihole', {
    image: 'pihole/pihole:2025.08.0',
    ports: [{ name: 'http', port: 80 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    env: {
      TZ: 'Europe/London', FTLCONF_dns_listeningMode: 'all', FTLCONF_dns_upstreams: '1.1.1.1;1.0.0.1',
      FTLCONF_webserver_api_password: SecretReference.external('pihole', 'pihole-admin', 'password'),
    },
    persistence: { etc: { volume: AppVolume.claim({ tier: 'disk', size: '1Gi' }), mountPath: '/etc/pihole' } },
    exemptions: {
      runAsRoot: "Pi-hole's start script sets pihole-FTL's capabilities as root",
      addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP', 'CHOWN', 'SETUID', 'SETGID', 'FOWNER', 'DAC_OVERRIDE', 'KILL'], reason: 'the start script sets capabilities and hands over to the pihole user' },
      writableRootFilesystem: 'the start script writes its settings under /etc',
    },
    route: { host: 'pihole' },
    loadBalancer: { address: parents.pools.vips.at(changes.piholeAddress ?? '192.168.2.245'), ports: ['dns-tcp', 'dns-udp'] },
  });
  const relay = app(parentsCluster, 'tailscale', {
    ...tailscaleNode('parents', '--accept-routes', { TS_USERSPACE: 'false' }),
    devices: [AppDevice.hostDevice('/dev/net/tun')],
    exemptions: {
      addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'tailscaled makes its tailscale0 interface and routes in the pod' },
      hostPath: 'tailscaled in kernel mode opens the node\'s /dev/net/tun',
    },
    persistence: {
      state: { volume: AppVolume.claim({ tier: 'disk', size: '1Gi' }), mountPath: '/var/lib/tailscale', containers: ['tailscale'] },
      relay: { volume: AppVolume.configMap('jellyfin-relay'), mountPath: '/etc/nginx/conf.d', readOnly: true, containers: ['relay'] },
    },
    containers: [{ name: 'relay', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] }],
    route: { host: 'jellyfin', port: 8080 },
  }, 'parents-tailscale');
  new ApiObject(relay, 'relay-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'jellyfin-relay', namespace: 'tailscale' },
    data: { 'default.conf': changes.relayConfig ? changes.relayConfig(RELAY_CONFIG) : RELAY_CONFIG },
  });
});

const obvious = synthInMemory(defineLab());

describe('a new user\'s two houses on a self-hosted tailnet, written from the README alone', () => {
  expectObviousLabClean(() => obvious);

  test('day two: the N100 that replaces the Pi synthesizes with no finding', () => {
    expect(shownFindings(synthInMemory(defineLab({ dayTwo: true })).findings)).toEqual([]);
  });
});

const headscale = (props: Partial<AppProps>): Changes => ({ apps: { headscale: props } });
const homeTailscaleEnv = (env: Record<string, unknown>): Changes => ({ apps: { tailscale: { env: homeRouter(env).env } } });
const piholeEnv = (env: Record<string, unknown>): Changes => ({ apps: { pihole: { env: {
  TZ: 'Europe/London', FTLCONF_dns_listeningMode: 'all', FTLCONF_dns_upstreams: '1.1.1.1;1.0.0.1',
  FTLCONF_webserver_api_password: SecretReference.external('pihole', 'pihole-admin', 'password'), ...env,
} as AppProps['env'] } } });

const MISTAKES: Array<[string, Changes, string[]]> = [
  ['Headscale started as compose starts it (command: headscale serve)', headscale({ args: ['headscale', 'serve'] }), [
    'error main/headscale args: headscale/headscale:0.26.1 already runs headscale as its entrypoint, so args ["headscale","serve"] run `headscale headscale …`, an unknown command: it exits and the pod restarts forever | args: [\'serve\'] (with its configuration mounted at /etc/headscale/config.yaml)',
  ]],
  ['listen_addr kept from the example configuration', { headscaleConfig: (c) => c.replace('listen_addr: 0.0.0.0:8080', 'listen_addr: 127.0.0.1:8080') }, [
    'error main/headscale/config-file data.config.yaml: Headscale\'s listen_addr 127.0.0.1:8080 is the pod\'s own loopback, which neither its Service nor the ingress controller reaches: every client and every request of its route is refused | listen on every address of the pod: listen_addr: 0.0.0.0:8080',
  ]],
  ['server_url kept from the example configuration', { headscaleConfig: (c) => c.replace('server_url: https://headscale.smithfamily.net', 'server_url: http://127.0.0.1:8080') }, [
    "error main/headscale/config-file data.config.yaml: Headscale's server_url http://127.0.0.1:8080 is what it tells every client to reach it at, and its host is the pod's own loopback: no phone, laptop or other site could log in or find its DERP relay | write the address its route serves: server_url: https://headscale.smithfamily.net",
  ]],
  ["server_url at the Service's cluster name", { headscaleConfig: (c) => c.replace('server_url: https://headscale.smithfamily.net', 'server_url: http://headscale.headscale.svc.cluster.local:8080') }, [
    "error main/headscale/config-file data.config.yaml: Headscale's server_url http://headscale.headscale.svc.cluster.local:8080 is what it tells every client to reach it at, and its host resolves inside the cluster alone: no phone, laptop or other site could log in or find its DERP relay | write the address its route serves: server_url: https://headscale.smithfamily.net",
  ]],
  ['the database beside the configuration, as the example keeps everything in /etc/headscale', { headscaleConfig: (c) => c.replace('path: /var/lib/headscale/db.sqlite', 'path: /etc/headscale/db.sqlite') }, [
    "error main/headscale/config-file data.config.yaml: Headscale's database /etc/headscale/db.sqlite lies in /etc/headscale, the ConfigMap mounted there, which is read-only: Headscale cannot create it and stops as it starts | put it on the volume mounted at /var/lib/headscale: database: { type: sqlite, sqlite: { path: /var/lib/headscale/db.sqlite } }",
  ]],
  ['MagicDNS base domain the server URL lies in', { headscaleConfig: (c) => c.replace('base_domain: tail.smithfamily.net', 'base_domain: smithfamily.net') }, [
    'error main/headscale/config-file data.config.yaml: Headscale\'s MagicDNS base_domain smithfamily.net holds the host of its server_url https://headscale.smithfamily.net: MagicDNS would answer for the control server and its DERP relay inside the tailnet, so Headscale refuses the configuration and stops as it starts | give MagicDNS a domain of its own that the server\'s name does not lie in: base_domain: tail.smithfamily.net',
  ]],
  ['STUN port without its protocol', headscale({ ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }, { name: 'stun', port: 3478 }] }), [
    'error main/headscale ports[2].protocol: port stun (3478) is declared for TCP (the protocol a port takes when none is given), and Headscale\'s embedded DERP server (STUN, which Tailscale\'s clients find their public address with) speaks UDP there: the app\'s Service and load balancer forward no UDP, so none of its packets would reach the app | declare it for UDP: { name: \'stun\', port: 3478, protocol: \'UDP\' }',
  ]],
  ['the noise key\'s Secret made by hand and not declared', { noiseDeclared: false }, [
    'error main/headscale persistence.noise.volume: Secret "headscale-noise" does not exist in namespace "headscale" (at spec.template.spec.volumes[3].secret.secretName of Deployment headscale/headscale) | declare a SealedSecret, SopsSecret or ExternalSecret in the chart, or declareExternal(scope, { secrets: [{ namespace: \'headscale\', name: \'headscale-noise\' }] }) when it is made outside this repository',
  ]],
  ['pre-auth key pasted into the env', homeTailscaleEnv({ TS_AUTHKEY: 'a3f9c2e1b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0' }), [
    'error main/tailscale env.TS_AUTHKEY: TS_AUTHKEY is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { TS_AUTHKEY: SecretReference.external(\'tailscale\', \'tailscale\', \'ts-authkey\') }',
  ]],
  ["the state folder named as compose's volume, which the claim is not mounted at", homeTailscaleEnv({ TS_STATE_DIR: '/state' }), [
    "error main/tailscale env.TS_STATE_DIR: TS_STATE_DIR /state is where tailscaled keeps the node's key and state, and it lies under no volume of the container, on the read-only root: tailscaled cannot write it and stops as it starts | name a folder the container mounts, TS_STATE_DIR: '/var/lib/tailscale', or mount a claim at /state: persistence: { state: { volume: AppVolume.claim({ tier, size: '100Mi' }), mountPath: '/state' } }",
  ]],
  ['subnet route written as the router\'s own address', homeTailscaleEnv({ TS_ROUTES: '192.168.1.10/24' }), [
    'error main/tailscale env.TS_ROUTES: route 192.168.1.10/24 has host bits set, and Tailscale refuses to advertise it ("non-address bits set"): the subnet router advertises nothing (at spec.template.spec.containers[0].env[6] of Deployment tailscale/tailscale) | advertise the network: 192.168.1.0/24',
  ]],
  ['exit node in kernel mode without forwarding', homeTailscaleEnv({ TS_USERSPACE: 'false' }), [
    'error main/tailscale sysctls: the main container runs Tailscale in kernel mode (TS_USERSPACE=false) as an exit node, but the pod does not turn on net.ipv4.ip_forward and net.ipv6.conf.all.forwarding: its network namespace forwards nothing the sysctls leave off (IPv6 forwarding starts off in every new namespace), so the clients behind it reach nothing | set sysctls: { \'net.ipv4.ip_forward\': \'1\', \'net.ipv6.conf.all.forwarding\': \'1\' } with exemptions.privileged (the kubelet\'s --allowed-unsafe-sysctls must list them), or leave TS_USERSPACE unset: Tailscale\'s userspace networking forwards inside tailscaled and needs neither',
    'error main/tailscale env.TS_USERSPACE: the main container runs Tailscale in kernel mode (TS_USERSPACE=false), which creates its interface on /dev/net/tun, and the container is not given the device: tailscaled stops as it starts | give it the device and the capability to create the interface: devices: [AppDevice.hostDevice(\'/dev/net/tun\')] with exemptions.hostPath and addCapabilities NET_ADMIN; or leave TS_USERSPACE unset: userspace networking needs neither',
  ]],
  ['the parents\' client in kernel mode without the tunnel device', { apps: { 'parents-tailscale': { devices: [], exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'tailscaled makes its tailscale0 interface and routes in the pod' } } } } }, [
    'error parents-main/tailscale env.TS_USERSPACE: the main container runs Tailscale in kernel mode (TS_USERSPACE=false), which creates its interface on /dev/net/tun, and the container is not given the device: tailscaled stops as it starts | give it the device and the capability to create the interface: devices: [AppDevice.hostDevice(\'/dev/net/tun\')] with exemptions.hostPath and addCapabilities NET_ADMIN; or leave TS_USERSPACE unset: userspace networking needs neither',
  ]],
  ['Jellyfin with two replicas', { jellyfin: { replicas: 2 } }, [
    'error main/jellyfin replicas: Jellyfin runs exactly one replica, not 2: its library is a single-writer SQLite database | remove `replicas`',
  ]],
  ['Jellyfin\'s Quick Sync on a mini PC declared without its GPU', { mini1: { gpus: [] } }, [
    'error main/jellyfin hardwareTranscoding: no host of cluster "main" has an Intel GPU | no host of this cluster has a GPU: list it in the host\'s gpus, e.g. gpus: [{ vendor: \'intel\' }]',
  ]],
  ['Home Assistant left to the non-root default', { apps: { 'home-assistant': { exemptions: {} } } }, [
    'error main/home-assistant image: image "ghcr.io/home-assistant/home-assistant:2025.10.1" is Home Assistant\'s, whose init (s6-overlay) writes its service tree under /run and runs Home Assistant as root: on a read-only root, as a user other than root, it stops as it starts | start it as the image is built: exemptions: { runAsRoot: \'the image runs Home Assistant as root\', writableRootFilesystem: \'s6-overlay writes its service tree under /run\' }; or use an image built to run as its user (ghcr.io/home-operations/home-assistant), or the HomeAssistantVm construct',
  ]],
  ['Pi-hole given its own address as upstream', piholeEnv({ FTLCONF_dns_upstreams: '192.168.2.245' }), [
    'error parents-main/pihole env.FTLCONF_dns_upstreams: FTLCONF_dns_upstreams names 192.168.2.245, the address the app\'s own load balancer serves DNS on, as an upstream: Pi-hole would forward each query it cannot answer to itself, again and again until it times out, and no name outside its lists would resolve | name a resolver that is not Pi-hole: a public one (FTLCONF_dns_upstreams: \'9.9.9.9;149.112.112.112\'), or Unbound beside it on another port (FTLCONF_dns_upstreams: \'127.0.0.1#5335\')',
  ]],
  ['Pi-hole\'s password written inline', piholeEnv({ FTLCONF_webserver_api_password: 'hunter2hunter2' }), [
    'error parents-main/pihole env.FTLCONF_webserver_api_password: FTLCONF_webserver_api_password is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { FTLCONF_webserver_api_password: SecretReference.external(\'pihole\', \'pihole\', \'ftlconf-webserver-api-password\') }',
  ]],
  ['Pi-hole\'s DNS address written as a DNS server\'s, outside the parents\' pool', { piholeAddress: '192.168.2.53' }, [
    'error parents-main/pihole loadBalancer.address: address 192.168.2.53 is outside pool "vips" (192.168.2.240-192.168.2.250) | take an address between 192.168.2.240 and 192.168.2.250, or widen the pool in the site\'s inventory',
  ]],
  ['both clusters bootstrapped into one folder', { homeFlux: { bootstrapPath: 'clusters/main' }, parentsFlux: { bootstrapPath: 'clusters/main' } }, [
    'error parents-main gitops.bootstrapPath: cluster parents/parents-main bootstraps from clusters/main/, the folder cluster home/main bootstraps from, in the same repository and branch: the second bootstrap overwrites the first\'s sync files there, and each cluster applies what is under its folder, the other\'s engine included | give each cluster a folder of its own, e.g. bootstrapPath: \'clusters/parents-parents-main\', or leave it out for the default flux-system/parents/parents-main',
  ]],
  ['the repository written as git clones it over SSH', { parentsGit: { url: 'git@github.com:jsmith/homelab.git' } }, [
    'error parents-main gitops: Flux clones ssh:// URLs, not the scp form "git@github.com:jsmith/homelab.git" of site "parents" | write the site\'s git url as ssh://git@github.com/jsmith/homelab.git (a path relative to the account\'s home needs its full path there)',
  ]],
];

describe('the mistakes of someone new to this, each with its finding', () => {
  test.each(MISTAKES)('%s', (_name, changes, expected) => {
    expect(shownFindings(synthInMemory(defineLab(changes)).findings)).toEqual(expected);
  });
});
