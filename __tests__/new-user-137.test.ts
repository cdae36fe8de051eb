import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { acmeIssuer, App, AppController, AppVolume, ClusterChart, ClusterIssuer, flux, host, http01Ingress, IngressTls, ingressNginx, k3s, localPathStorage, metalLb, site } from '../constructs';
import type { AppProps, ClusterChartProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';

// A new user's network edge, from the README alone: a dual-stack K3s pair behind ingress-nginx, each route's
// certificate from a Let's Encrypt ClusterIssuer answering HTTP-01 through that ingress, Blocky for DNS on a load
// balancer of both families, Mosquitto for MQTT on its own address, Home Assistant calling the broker across
// namespaces, and a Valheim server on UDP. Written the obvious way, it synthesizes with no error finding; the
// mistakes a newcomer makes at the edge are each one finding on the field that holds them.

const nodeA = host('nu137-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.137.11', ipv6Address: 'fd00:137::11', cores: 8, memoryGigabytes: 32 });
const nodeB = host('nu137-b', { arch: 'amd64', roles: ['worker'], address: '192.168.137.12', ipv6Address: 'fd00:137::12', cores: 8, memoryGigabytes: 32 });
const lab = site('nu137', {
  domain: 'edge.jdoe.dev', hosts: [nodeA, nodeB], git: { url: 'https://github.com/jdoe/edge.git' },
  pools: {
    vips: { first: '192.168.137.200', last: '192.168.137.229' },
    dns: { first: '192.168.137.53', last: '192.168.137.53' },
    vips6: { first: 'fd00:137::200', last: 'fd00:137::229' },
    dns6: { first: 'fd00:137::53', last: 'fd00:137::53' },
  },
});

interface Changes {
  readonly cluster?: Partial<ClusterChartProps>;
  readonly issuerEmail?: string | null;
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly extra?: (cluster: ClusterChart) => void;
  readonly unlinked?: boolean;
  readonly solverClass?: string;
}

const defineLab = (changes: Changes = {}) => (scope: Construct) => {
  const props = (id: string, given: AppProps): AppProps => ({ ...given, ...changes.apps?.[id] });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nodeA, nodeB],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'], extraServerFlags: ['--cluster-cidr=10.42.0.0/16,fd00:42::/56', '--service-cidr=10.43.0.0/16,fd00:43::/112'] })],
    routes: ingressNginx({ address: lab.pools.vips.at('192.168.137.200'), tls: IngressTls.perRoute('letsencrypt') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips, lab.pools.vips6, lab.pools.dns, lab.pools.dns6] }),
    storage: { fast: localPathStorage() }, gitops: flux(),
    ...changes.cluster,
  });
  const email = changes.issuerEmail === undefined ? 'certs@jdoe.dev' : changes.issuerEmail;
  new ClusterIssuer(cluster, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', ...(email === null ? {} : { email }), solvers: [http01Ingress(changes.solverClass ?? 'nginx')] } as Parameters<typeof acmeIssuer>[0]),
  });

  new App(cluster, 'blocky', props('blocky', {
    namespace: 'dns', image: 'ghcr.io/0xerr0r/blocky:v0.25',
    ports: [{ name: 'http', port: 4000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
    loadBalancer: { address: lab.pools.dns.at('192.168.137.53'), ipv6Address: lab.pools.dns6.at('fd00:137::53'), ports: ['dns-tcp', 'dns-udp'] },
    route: { host: 'dns' },
  }));

  cluster.namespaces.ensure('mqtt');
  new ApiObject(cluster, 'mosquitto-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'mqtt' },
    data: { 'mosquitto.conf': ['listener 1883', 'allow_anonymous false', 'password_file /mosquitto/data/passwd', 'persistence true', 'persistence_location /mosquitto/data/', ''].join('\n') },
  });
  const mosquitto = new App(cluster, 'mosquitto', props('mosquitto', {
    namespace: 'mqtt', image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/mosquitto/data' },
      config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
    },
    loadBalancer: { address: lab.pools.vips.at('192.168.137.202'), ports: ['mqtt'] },
  }));

  const homeAssistant = new App(cluster, 'home-assistant', props('home-assistant', {
    namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2025.1.2', ports: [{ name: 'http', port: 8123 }],
    controller: AppController.statefulSet(),
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
    exemptions: { runAsRoot: 's6-overlay runs Home Assistant as root', writableRootFilesystem: 's6-overlay writes /run and /etc' },
    route: { host: 'home' },
  }));
  if (!changes.unlinked) {
    mosquitto.addAllowFrom(homeAssistant);
  }

  new App(cluster, 'whoami', props('whoami', {
    namespace: 'web', image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 8080 }], args: ['--port', '8080'],
    route: { host: 'whoami', rules: [{ path: '/api' }] },
  }));

  new App(cluster, 'valheim', props('valheim', {
    namespace: 'games', image: 'lloesche/valheim-server:latest@sha256:0b5b1e0ad9f5f0d4d0f4ab4bfbef3b0e0e1e8c1f6f6a6fd5c1d2a6e0f4c3b2a1',
    ports: [{ name: 'game', port: 2456, protocol: 'UDP' }, { name: 'query', port: 2457, protocol: 'UDP' }],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
    resources: { cpuRequest: '1', memoryRequest: '4Gi', memoryLimit: '6Gi' },
    probes: { readiness: { command: ['sh', '-c', 'pgrep valheim_server'] }, liveness: { command: ['sh', '-c', 'pgrep valheim_server'] } },
    loadBalancer: { address: lab.pools.vips.at('192.168.137.203') },
  }));

  changes.extra?.(cluster);
};

const findingsOf = (changes?: Changes) => aboutTheLab(synthInMemory(guarded(defineLab(changes))).findings);
const shown = (changes?: Changes) => findingsOf(changes).filter((f) => f.severity === 'error').map((f) => `${f.layer} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);
const everything = (changes?: Changes) => findingsOf(changes).map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);

test('the network edge synthesizes with no error finding', () => {
  expect(everything()).toEqual([]);
});

describe('what the lab leaves alone', () => {
  test('an IPv6 address for the ingress, on a dual-stack cluster', () => {
    expect(everything({ cluster: { routes: ingressNginx({ address: lab.pools.vips6.at('fd00:137::200'), tls: IngressTls.perRoute('letsencrypt') }) } })).toEqual([]);
  });

  test("Home Assistant calling the broker's load-balanced port across namespaces, which admits anyone, without addAllowFrom", () => {
    expect(everything({ unlinked: true, apps: { 'home-assistant': { env: { MQTT_URL: 'mqtt://mosquitto.mqtt:1883' } } } })).toEqual([]);
  });
});

describe('a newcomer at the edge', () => {
  test('a route host written as the browser shows it, with a trailing dot, or with its port, is an error on route.host naming the host meant', () => {
    expect(shown({ apps: { whoami: { route: { host: 'https://whoami.edge.jdoe.dev/' } } } })).toEqual([
      `props main/whoami route.host: the route's host "https://whoami.edge.jdoe.dev/" is not a DNS host name | write host: 'whoami.edge.jdoe.dev'`,
    ]);
    expect(shown({ apps: { whoami: { route: { host: 'whoami.edge.jdoe.dev.' } } } })).toEqual([
      `props main/whoami route.host: the route's host "whoami.edge.jdoe.dev." is not a DNS host name | write host: 'whoami.edge.jdoe.dev'`,
    ]);
  });

  test('a bare host with its port is shown as written, not with the domain added to it', () => {
    expect(shown({ apps: { whoami: { route: { host: 'whoami:8080' } } } })).toEqual([
      `props main/whoami route.host: the route's host "whoami:8080" is not a DNS host name | write host: 'whoami'`,
    ]);
  });

  test('a wildcard route host under a per-route HTTP-01 issuer is an error on the Ingress TLS host', () => {
    expect(shown({ apps: { whoami: { route: { host: '*.apps.edge.jdoe.dev' } } } })).toEqual([
      expect.stringMatching(/^references main\/whoami\/route spec\.tls\[0\]\.hosts\[0\]: \*\.apps\.edge\.jdoe\.dev is a wildcard name, which ACME issues through DNS-01 alone.*\| give the issuer a DNS-01 solver/),
    ]);
  });

  test('IngressTls.wildcard from an HTTP-01 issuer is an error on the wildcard certificate', () => {
    expect(shown({ cluster: { routes: ingressNginx({ address: lab.pools.vips.at('192.168.137.200'), tls: IngressTls.wildcard({ issuer: 'letsencrypt' }) }) } })).toEqual([
      expect.stringMatching(/^references main\/wildcard-certificate\/\S+ spec\.dnsNames: \*\.edge\.jdoe\.dev is a wildcard name.*\| give the issuer a DNS-01 solver, or list the host names themselves/),
    ]);
  });

  test("an HTTP route to the MQTT broker's port is an error on route.port whose hint is the load balancer", () => {
    expect(shown({ apps: { mosquitto: { route: { host: 'mqtt' } } } })).toEqual([
      "references main/mosquitto route.port: port 1883 (mqtt) serves MQTT, a message broker's own protocol, not HTTP, and the route carries HTTP: every MQTT client would be answered in HTTP, or not at all | clients connect through the app's load balancer, loadBalancer: { address, ports: ['mqtt'] } (or a TCP route, addTcpRoute); route only a WebSockets listener of the broker (route: { host, port: <its websockets port> }) for clients in a browser",
    ]);
  });

  test("a broker's WebSockets listener beside its MQTT port is the port a route without one takes", () => {
    const ports = [{ name: 'mqtt', port: 1883 }, { name: 'websockets', port: 9001 }];
    expect(shown({ apps: { mosquitto: { ports, route: { host: 'mqtt' } } } })).toEqual([]);
  });

  test("an issuer without its email is told the email is missing, not that undefined is no address", () => {
    expect(shown({ issuerEmail: null })).toEqual([
      "props main/letsencrypt issuer.email: no email is given: the ACME account is registered with a contact address, which acmeIssuer() requires | add the mailbox of the account's contact: email: 'certs@<your domain>'",
    ]);
  });

  test("an HTTP-01 solver of Traefik's class on an ingress-nginx cluster is an error on the solver", () => {
    expect(shown({ solverClass: 'traefik' })).toEqual([expect.stringMatching(/^references main\/letsencrypt issuer\.solvers\[0\]: IngressClass "traefik" is provided by nothing in cluster "main" \(it has: nginx\)/)]);
  });

  test('a path prefix without its slash is an error on the rule path', () => {
    expect(shown({ apps: { whoami: { route: { host: 'whoami', rules: [{ path: 'api' }] } } } })).toEqual([
      'props main/whoami route.rules[0].path: route path "api" does not start with / | write it from the root: /api',
    ]);
  });

  test('a TCP route under ingress-nginx, and an HTTP route to a UDP game port, are errors on the call and on route.port', () => {
    expect(shown({ extra: (c) => { (c.node.findChild('mosquitto') as App).addTcpRoute({ listenerName: 'mqtt', port: 1883 }); } })).toEqual([
      'references main/mosquitto addTcpRoute(mqtt): the ingress-nginx ingress of cluster "main" cannot forward TCP | expose the port through a LoadBalancer Service instead',
    ]);
    expect(shown({ apps: { valheim: { route: { host: 'valheim' } } } })).toEqual([
      'references main/valheim route.port: port 2456 is not a TCP port, and a route carries HTTP over TCP | add the TCP port the app serves HTTP on to `ports`',
    ]);
  });

  test('two apps on one host and path is an error on the later route', () => {
    expect(shown({ apps: { whoami: { route: { host: 'home' } } } })).toEqual([
      expect.stringMatching(/^inventory main\/whoami route\.host: home\.edge\.jdoe\.dev\/ is routed already by main\/home-assistant \(route\)/),
    ]);
  });

  test('a route backend in another namespace is an error naming the namespace it is in', () => {
    expect(shown({ apps: { whoami: { route: { host: 'whoami', rules: [{ path: '/ha', backends: [{ service: 'home-assistant', port: 8123 }] }] } } } })).toEqual([
      expect.stringMatching(/backend Service "home-assistant" does not exist in namespace "web" \| Service "home-assistant" is in namespace "home"/),
    ]);
  });

  test('a load-balancer address outside its pool, of the other family, or the ingress\'s own is an error on loadBalancer.address', () => {
    expect(shown({ apps: { mosquitto: { loadBalancer: { address: lab.pools.vips.at('192.168.137.240'), ports: ['mqtt'] } } } })).toEqual([
      expect.stringMatching(/^inventory main\/mosquitto loadBalancer\.address: address 192\.168\.137\.240 is outside pool "vips"/),
    ]);
    expect(shown({ apps: { mosquitto: { loadBalancer: { address: lab.pools.vips.at('fd00:137::202'), ports: ['mqtt'] } } } })).toEqual([
      expect.stringMatching(/^inventory main\/mosquitto loadBalancer\.address: "fd00:137::202" is an IPv6 address, where an IPv4 address belongs/),
    ]);
    expect(shown({ apps: { mosquitto: { loadBalancer: { address: lab.pools.vips.at('192.168.137.200'), ports: ['mqtt'] } } } })).toEqual([
      expect.stringMatching(/^inventory main\/mosquitto loadBalancer\.address: address 192\.168\.137\.200 is taken already by main \(the ingress, routes\.address\)/),
    ]);
  });

  test("Traefik's annotations on an Ingress of nginx, Helm values given to ingressNginx(), and route annotations are each an error", () => {
    const ingress = (c: ClusterChart) => new ApiObject(c, 'hand-ingress', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'hand', namespace: 'web', annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': 'web-auth@kubernetescrd' } },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'hand.edge.jdoe.dev', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'whoami', port: { number: 8080 } } } }] } }] },
    });
    expect(shown({ extra: ingress })).toEqual([
      expect.stringMatching(/^references main\/hand-ingress metadata\.annotations\["traefik\.ingress\.kubernetes\.io\/router\.middlewares"\]: .*served by ingress-nginx, which ignores it/),
    ]);
    expect(shown({ cluster: { routes: ingressNginx({ tls: IngressTls.perRoute('letsencrypt'), controller: { service: { loadBalancerIP: '192.168.137.200' } } } as never) } })).toEqual([
      'props main routes.controller: ingressNginx() has no prop "controller"; it would be ignored | ingressNginx() knows: address, ingressClassName, namespace, replicas, tls, resources',
    ]);
    expect(shown({ apps: { whoami: { route: { host: 'whoami', annotations: { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' } } as never } } })).toEqual([
      expect.stringMatching(/^props main\/whoami route\.annotations: App has no prop "annotations" in route/),
    ]);
  });
});
