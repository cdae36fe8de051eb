// A new user's very first cluster from the README alone: one old PC (amd64, 16 GB) as a single-node K3s cluster at
// home, a domain from a registrar, a static homepage, Vaultwarden and Uptime Kuma, each on one route with HTTPS from
// Let's Encrypt and its data on the PC's disk; on the second evening a Raspberry Pi joins as a second node and
// Pi-hole answers the LAN's DNS. Written the obvious way it synthesizes with no finding; the mistakes of someone new
// to Kubernetes are each one finding on the field that holds them.
import type { Construct } from 'constructs';
import { acmeHttp01, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import type { AppProps, HostProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly pc?: Record<string, unknown>;
  readonly pi?: Record<string, unknown>;
  readonly email?: string;
  /** The second evening: the Pi and Pi-hole. */
  readonly secondEvening?: boolean;
}

function inventory(changes: Changes) {
  const pc = host('pc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', cores: 4, memoryGigabytes: 16, disks: [{ media: 'ssd', sizeGigabytes: 500 }], ...changes.pc } as HostProps);
  const pi = host('pi', { arch: 'arm64', roles: ['worker'], address: '192.168.1.11', cores: 4, memoryGigabytes: 4, model: 'Raspberry Pi 4', ...changes.pi } as HostProps);
  const hosts = changes.secondEvening ? [pc, pi] : [pc];
  const home = site('home', {
    domain: 'jdoe.net', hosts, git: { url: 'https://github.com/jdoe/homelab.git' },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  });
  return { pc, pi, hosts, home };
}

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const { hosts, home } = inventory(changes);
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const c = new ClusterChart(scope, 'main', {
    site: home, hosts, storage: { disk: localPathStorage() }, gitops: flux(),
    routes: traefik({ address: home.pools.vips.at('192.168.1.240'), certResolver: 'letsencrypt', acme: { letsencrypt: acmeHttp01({ email: changes.email ?? 'jdoe@gmail.com' }) } }),
    loadBalancer: metalLb({ pools: [home.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const disk = (size: string) => AppVolume.claim({ tier: 'disk', size });
  app(c, 'homepage', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'www' } });
  app(c, 'vaultwarden', {
    namespace: 'vaultwarden', image: 'vaultwarden/server:1.32.7', ports: [{ name: 'http', port: 8080 }],
    env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.jdoe.net', SIGNUPS_ALLOWED: 'false', ADMIN_TOKEN: SecretReference.external('vaultwarden', 'vaultwarden', 'admin-token') },
    persistence: { data: { volume: disk('2Gi'), mountPath: '/data' } },
    route: { host: 'vault' },
  });
  app(c, 'uptime-kuma', {
    namespace: 'uptime', image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
    persistence: { data: { volume: disk('2Gi'), mountPath: '/app/data' } },
    probes: { readiness: { httpPath: '/' } }, route: { host: 'uptime' },
  });
  if (changes.secondEvening) {
    app(c, 'pihole', {
      namespace: 'pihole', image: 'pihole/pihole:2024.07.0',
      ports: [{ name: 'http', port: 80 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
      env: { TZ: 'Europe/Berlin', DNSMASQ_LISTENING: 'all', WEBPASSWORD: SecretReference.external('pihole', 'pihole', 'password') },
      persistence: { etc: { volume: disk('1Gi'), mountPath: '/etc/pihole' }, dnsmasq: { volume: disk('1Gi'), mountPath: '/etc/dnsmasq.d' } },
      exemptions: {
        runAsRoot: 'its start script sets pihole-FTL capabilities as root', writableRootFilesystem: 'its start script writes its settings',
        addCapabilities: rootInitExemption('supervisor', 'pihole-FTL binds DNS and sets its own capabilities', ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP']),
      },
      loadBalancer: { address: home.pools.vips.at('192.168.1.241'), ports: ['dns-tcp', 'dns-udp'] },
      route: { host: 'pihole' },
    });
  }
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => shownFindings(synthOf(changes).findings);

describe('the first cluster written the obvious way', () => {
  expectObviousLabClean(() => synthOf());
});

describe('the second evening: the Pi and Pi-hole', () => {
  expectObviousLabClean(() => synthOf({ secondEvening: true }));
});

const vault = (more: Record<string, unknown>): Changes => ({ apps: { vaultwarden: more as Partial<AppProps> } });
const pihole = (more: Record<string, unknown>): Changes => ({ secondEvening: true, apps: { pihole: more as Partial<AppProps> } });

describe("the README's steps for the first cluster", () => {
  test('the cluster README lists its steps by hand', () => {
    const readme = [...synthOf().files].find(([file]) => file.endsWith('home/main/README.md'))?.[1] ?? '';
    const steps = ['start the K3s server with --disable=traefik --disable=servicelb', 'into ~/.kube/home-main.yaml', 'flux create kustomization home-main-root',
      'flux bootstrap github --owner=jdoe --repository=homelab', 'create Secret vaultwarden/vaultwarden with key admin-token'].map((step) => readme.indexOf(step));
    expect(steps.every((at) => at > 0)).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });
});

describe('the mistakes of someone new to Kubernetes', () => {
  test.each<[string, Changes, string[]]>([
    ["Pi-hole's load balancer given the address it had on the LAN, as text, which no pool holds", pihole({ loadBalancer: { address: '192.168.1.53', ports: ['dns-tcp', 'dns-udp'] } }), [
      'error main/pihole loadBalancer.address: loadBalancer.address is "192.168.1.53", not an address taken from an inventory pool (site.pools.<pool>.at(…))'
        + " | no pool of the inventory holds 192.168.1.53: take an address its site's pool holds, <site>.pools.<pool>.at('<address>'), or widen that pool in the site's inventory to hold it",
    ]],
    ['an image without a tag', vault({ image: 'vaultwarden/server' }), [
      "error main/vaultwarden image: image \"vaultwarden/server\" has no tag, so it floats on latest | pin a version tag (e.g. :1.2.3) or a digest (@sha256:...), or state why it follows the moving tag: `exemptions: { floatingImage: '…' }`",
    ]],
    ['the route host written as a URL', vault({ route: { host: 'https://vault.jdoe.net' } }), [
      "error main/vaultwarden route.host: the route's host \"https://vault.jdoe.net\" is not a DNS host name | write host: 'vault.jdoe.net'",
    ]],
    ["the route host with the root's trailing dot", vault({ route: { host: 'vault.' } }), [
      "error main/vaultwarden route.host: the route's host \"vault.\" is not a DNS host name | write host: 'vault'",
    ]],
    ['the full host name under the domain is fine', vault({ route: { host: 'vault.jdoe.net' } }), []],
    ['a port as a string', vault({ ports: [{ name: 'http', port: '8080' }] }), [
      "error main/vaultwarden ports[0].port: ports[0].port is \"8080\", not a port: a whole number of 1–65535 | write the port as a number, without quotes: 8080",
    ]],
    ["Let's Encrypt's email left as the example's", { email: 'you@example.com' }, [
      "error main routes.acme.letsencrypt.email: email \"you@example.com\" is at example.com, a domain kept for documentation; Let's Encrypt refuses to register an account with it, so no certificate is ever issued | give a mailbox you read, of a domain that receives mail: the ACME account's contact",
    ]],
    ['a size of 10 GB', vault({ persistence: { data: { volume: AppVolume.claim({ tier: 'disk', size: '10 GB' }), mountPath: '/data' } } }), [
      "error main/vaultwarden persistence.data.volume.claim.size: \"10 GB\" is not a size | write '10Gi': docker's 10 GB is 10Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
    ]],
    ['the namespace default', vault({ namespace: 'default' }), [
      "error main/vaultwarden namespace: namespace \"default\" is a namespace Kubernetes keeps for itself: the repository cannot own it (a prune would delete it), and the app's Pod Security level would apply to whatever else runs there | give the app a namespace of its own, e.g. namespace: 'vaultwarden', or leave namespace out: it defaults to the app's id",
    ]],
    ['a namespace with a capital', vault({ namespace: 'Vaultwarden' }), [
      "error main/vaultwarden namespace: namespace is \"Vaultwarden\", not a namespace name: lower-case letters, digits and '-', at most 63 characters | write it as namespace: 'vaultwarden'",
    ]],
    ['two apps on one route host', { apps: { 'uptime-kuma': { route: { host: 'vault' } } } }, [
      "error main/uptime-kuma route.host: vault.jdoe.net/ is routed already by main/vaultwarden (route); the ingress sends its requests to one of the two routes only | give this route another host name, or a path of its own (path: '/…')",
    ]],
    ['a route host with a capital', vault({ route: { host: 'Vault' } }), [
      "error main/vaultwarden route.host: the route's host \"Vault\" is not a DNS host name | write host: 'vault'",
    ]],
    ['an env value as a number', vault({ env: { ROCKET_PORT: 8080, DOMAIN: 'https://vault.jdoe.net' } }), [
      "error main/vaultwarden env.ROCKET_PORT: container \"vaultwarden\": env ROCKET_PORT is the number 8080; environment values are text | write it as a string: ROCKET_PORT: '8080'",
    ]],
    ["a host's roles as a string", { pc: { roles: 'control-plane' } }, [
      "error inventory/host/pc roles: roles \"control-plane\" is not a list | write roles: ['control-plane', 'worker']",
    ]],
    ["Pi-hole's DNS port on its route", pihole({ route: { host: 'pihole', port: 53 } }), [
      "error main/pihole route.port: port 53 (dns-tcp) serves DNS over TCP, the protocol DNS clients ask in, not HTTP, and the route carries HTTP: every resolver and device that asks it would be answered in HTTP, or not at all | serve DNS through the app's load balancer on both protocols, loadBalancer: { address, ports: ['dns', 'dns-tcp'] }, and route only the server's web UI (route: { host, port: <its web port> })",
    ]],
  ])('%s', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});
