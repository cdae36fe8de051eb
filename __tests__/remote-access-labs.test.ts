import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppDevice, AppVolume, ChartRelease, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, servesPorts, site, traefik,
} from '../constructs';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// A home lab reached from outside without opening the router, written from the README alone: a NetBird peer and a
// ZeroTier node in the cluster, frp's and rathole's clients holding tunnels to a VPS, Pangolin's Newt, a Cloudflare
// dynamic-DNS updater, and the LAN's own DNS (k8s-gateway, Blocky, Technitium) answering the lab's names. Written
// correctly, it synthesizes with no finding it does not deserve.

/** Cluster `main` of site `name`, one K3s node `nuc` on 192.168.1.10 with pool `lb`, Traefik (given `tcpEntryPoints`) at its first address. */
function homeCluster(scope: Construct, name: string, tcpEntryPoints?: Record<string, number>) {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const home = site(name, { domain: 'home.jdoe.dev', hosts: [nuc], git: { url: `https://github.com/jdoe/${name}.git` }, pools: { lb: { first: '192.168.1.200', last: '192.168.1.210' } } });
  const cluster = new ClusterChart(scope, 'main', {
    site: home, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: home.pools.lb.at('192.168.1.200'), tcpEntryPoints }),
    loadBalancer: metalLb({ pools: [home.pools.lb] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  return { cluster, home };
}

function remoteAccessLab(scope: Construct): void {
  const { cluster, home } = homeCluster(scope, 'remote');
  declareExternal(cluster, {
    secrets: [
      { namespace: 'netbird', name: 'netbird' }, { namespace: 'frp', name: 'frp' }, { namespace: 'rathole', name: 'rathole' },
      { namespace: 'newt', name: 'newt' }, { namespace: 'ddns', name: 'cloudflare' },
    ],
  });
  const jellyfin = new HomelabApp(cluster, 'jellyfin', {
    namespace: 'media', image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }], route: { host: 'jellyfin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
  });

  new HomelabApp(cluster, 'netbird', {
    image: 'netbirdio/netbird:0.36.5', ports: [],
    env: { NB_SETUP_KEY: SecretReference.external('netbird', 'netbird', 'setup-key'), NB_MANAGEMENT_URL: 'https://api.netbird.io:443', NB_HOSTNAME: 'homelab' },
    devices: [AppDevice.hostDevice('/dev/net/tun')],
    persistence: { state: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/var/lib/netbird' } },
    exemptions: {
      runAsRoot: 'the NetBird client configures its WireGuard interface and routes', hostPath: 'the tunnel device',
      addCapabilities: { capabilities: ['NET_ADMIN', 'SYS_ADMIN', 'SYS_RESOURCE'], reason: 'creates the wt0 interface and its routes' },
    },
    egress: 'any',
  });
  new HomelabApp(cluster, 'zerotier', {
    image: 'zerotier/zerotier:1.14.2', args: ['8056c2e21c000001'],
    ports: [{ name: 'zt', port: 9993, protocol: 'UDP' }], probes: { readiness: { command: ['zerotier-cli', 'info'] } },
    devices: [AppDevice.hostDevice('/dev/net/tun')],
    persistence: { state: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/var/lib/zerotier-one' } },
    exemptions: {
      runAsRoot: 'zerotier-one joins networks as root', hostPath: 'the tunnel device',
      addCapabilities: { capabilities: ['NET_ADMIN', 'SYS_ADMIN'], reason: 'creates its network interface' },
    },
    loadBalancer: { address: home.pools.lb.at('192.168.1.201') },
  });

  // frpc reads its token from the environment at start; its one proxy sends the VPS's port 8096 to Jellyfin's Service.
  cluster.namespaces.ensure('frp');
  new ApiObject(cluster, 'frpc-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frpc', namespace: 'frp' },
    data: {
      'frpc.toml': [
        'serverAddr = "203.0.113.7"', 'serverPort = 7000', 'auth.method = "token"', 'auth.token = "{{ .Envs.FRP_TOKEN }}"', '',
        '[[proxies]]', 'name = "jellyfin"', 'type = "tcp"', 'localIP = "jellyfin.media"', 'localPort = 8096', 'remotePort = 8096', '',
      ].join('\n'),
    },
  });
  const frpc = new HomelabApp(cluster, 'frpc', {
    namespace: 'frp', image: 'snowdreamtech/frpc:0.61.1', args: ['-c', '/etc/frp/frpc.toml'], ports: [],
    env: { FRP_TOKEN: SecretReference.external('frp', 'frp', 'token') },
    persistence: { config: { volume: AppVolume.configMap('frpc'), mountPath: '/etc/frp' } },
  });
  jellyfin.addAllowFrom(frpc);
  // rathole takes its tokens in its file alone, so the whole file is a Secret.
  const rathole = new HomelabApp(cluster, 'rathole', {
    image: 'rapiz1/rathole:v0.5.0', args: ['--client', '/config/client.toml'], ports: [],
    persistence: { config: { volume: AppVolume.secret('rathole'), mountPath: '/config' } },
  });
  jellyfin.addAllowFrom(rathole);
  new HomelabApp(cluster, 'newt', {
    image: 'fosrl/newt:1.3.4', ports: [],
    env: { PANGOLIN_ENDPOINT: 'https://pangolin.jdoe.dev', NEWT_ID: SecretReference.external('newt', 'newt', 'id'), NEWT_SECRET: SecretReference.external('newt', 'newt', 'secret') },
  });
  new HomelabApp(cluster, 'ddns', {
    image: 'favonia/cloudflare-ddns:1.15.1', ports: [], controller: AppController.cronJob({ schedule: '*/5 * * * *' }),
    env: { CLOUDFLARE_API_TOKEN: SecretReference.external('ddns', 'cloudflare', 'token'), DOMAINS: 'home.jdoe.dev', PROXIED: 'false', UPDATE_CRON: '@once', IP6_PROVIDER: 'none' },
  });

  new ChartRelease(cluster, 'k8s-gateway', {
    namespace: 'k8s-gateway', chart: { repository: 'https://ori-edge.github.io/k8s_gateway/', chart: 'k8s-gateway', version: '2.4.0' },
    values: { domain: 'home.jdoe.dev', service: { type: 'LoadBalancer', port: 53, loadBalancerIP: '192.168.1.202' } },
    network: servesPorts({ port: 53, protocol: 'UDP', purpose: 'DNS' }, { port: 53, purpose: 'DNS over TCP' }),
  });
  const dnsPorts = [{ name: 'dns', port: 53, protocol: 'UDP' as const }, { name: 'dns-tcp', port: 53 }];
  const port53 = { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } };
  cluster.namespaces.ensure('blocky');
  new ApiObject(cluster, 'blocky-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'blocky', namespace: 'blocky' },
    data: { 'config.yml': 'upstreams:\n  groups:\n    default:\n      - 1.1.1.1\nconditional:\n  mapping:\n    home.jdoe.dev: 192.168.1.202\nports:\n  dns: 53\n  http: 4000\n' },
  });
  new HomelabApp(cluster, 'blocky', {
    image: 'spx01/blocky:v0.25', ports: [...dnsPorts, { name: 'http', port: 4000 }], env: { BLOCKY_CONFIG_FILE: '/app/config/config.yml' },
    persistence: { config: { volume: AppVolume.configMap('blocky'), mountPath: '/app/config' } },
    exemptions: port53, loadBalancer: { address: home.pools.lb.at('192.168.1.203'), ports: ['dns', 'dns-tcp'] },
  });
  // Its route takes the web UI's port, not DNS over TCP listed before it.
  new HomelabApp(cluster, 'technitium', {
    image: 'technitium/dns-server:13.4.1', ports: [...dnsPorts, { name: 'http', port: 5380 }],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/dns' } },
    exemptions: port53, route: { host: 'dns' }, loadBalancer: { address: home.pools.lb.at('192.168.1.204'), ports: ['dns', 'dns-tcp'] },
  });
}

/**
 * AdGuard Home serving DNS on 53 over UDP and TCP, its DNS over TCP also through a TCP entry point of Traefik by an
 * IngressRouteTCP written by hand: the route names port 53, which the Service serves over UDP first.
 */
function dnsOverTraefikLab(scope: Construct): void {
  const { cluster } = homeCluster(scope, 'dns-tcp', { dnstcp: 5353 });
  new HomelabApp(cluster, 'adguard', {
    namespace: 'dns', image: 'adguard/adguardhome:v0.107.57',
    ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'http', port: 3000 }],
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } }, allowFrom: [{ namespace: 'traefik' }],
  });
  new ApiObject(cluster, 'dns-over-tcp', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRouteTCP', metadata: { name: 'dns-tcp', namespace: 'dns' },
    spec: { entryPoints: ['dnstcp'], routes: [{ match: 'HostSNI(`*`)', services: [{ name: 'adguard', port: 53 }] }] },
  });
}

test('a TCP route to the port number a Service serves on UDP and TCP reaches its TCP port', () => {
  expect(shownFindings(dnsOverTraefikLab)).toEqual([]);
});

test('the remote-access lab synthesizes with only the findings it deserves', () => {
  expect(shownFindings(remoteAccessLab)).toEqual([]);
});

test("a DNS server's route takes its web UI's port, not DNS over TCP listed before it", () => {
  const files = sitesInMemory(remoteAccessLab).files as Map<string, string>;
  const technitium = [...files].find(([file]) => file.endsWith('/apps/technitium.yaml'))?.[1] ?? '';
  expect(technitium).toMatch(/kind: IngressRoute\n[\s\S]*services:\n\s+- name: technitium\n\s+port: 5380\n/);
});
