import type { ClusterChart } from '../../constructs';
import { AppController, AppDevice, AppVolume, declareExternal, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, raw } from './lab';

// Reaching the lab from outside without opening the router, as its owner writes it from the README: frp's or
// rathole's client holding a tunnel to a cheap VPS, a Cloudflare dynamic-DNS updater, and the LAN's own DNS
// servers answering the lab's names. Each mistake passed synthesis and then served or published nothing.

/** Jellyfin in namespace `media`, serving 8096, whose policy admits nobody but the ingress. */
const jellyfin = labApp('jellyfin', { namespace: 'media', image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }] });

/** A tunnel client in namespace `tunnel` of `image`, reading `file` from ConfigMap `tunnel` at /etc/tunnel, beside Jellyfin. */
const tunnelClient = (image: string, args: string[], file: string, data: string) => (c: ClusterChart) => {
  jellyfin(c);
  c.namespaces.ensure('tunnel');
  raw(c, 'tunnel-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tunnel', namespace: 'tunnel' }, data: { [file]: data } });
  declareExternal(c, { secrets: [{ namespace: 'tunnel', name: 'tunnel' }] });
  labApp('tunnel', {
    namespace: 'tunnel', image, args, ports: [],
    env: { FRP_TOKEN: SecretReference.external('tunnel', 'tunnel', 'token') },
    persistence: { config: { volume: AppVolume.configMap('tunnel'), mountPath: '/etc/tunnel' } },
  })(c);
};

/** frpc.toml as frp's guides write it, its token filled in from the environment at start, with one TCP proxy of `proxy`. */
const frpcToml = (proxy: string) => [
  'serverAddr = "203.0.113.7"', 'serverPort = 7000', 'auth.method = "token"', 'auth.token = "{{ .Envs.FRP_TOKEN }}"', '',
  '[[proxies]]', 'name = "jellyfin"', 'type = "tcp"', proxy, 'remotePort = 8096', '',
].join('\n');

/** favonia's updater for the lab's public name, its API token from a Secret, `props` added. */
const ddns = (props: Record<string, unknown>, env: Record<string, unknown> = {}) => (c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'ddns', name: 'cloudflare' }] });
  labApp('ddns', {
    image: 'favonia/cloudflare-ddns:1.15.1', ports: [],
    env: { CLOUDFLARE_API_TOKEN: SecretReference.external('ddns', 'cloudflare', 'token'), DOMAINS: 'home.lab.test', PROXIED: 'false', ...env },
    ...props,
  })(c);
};

/** A DNS server of the LAN serving DNS on 53 over both protocols and its web UI on `web`, `props` added. */
const dnsServer = (id: string, image: string, web: number, props: Record<string, unknown>) => labApp(id, {
  image, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'http', port: web }],
  exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
  ...props,
});

export const CASES: BadInput[] = [
  {
    name: 'a ZeroTier node with nowhere to keep its identity, its root filesystem read-only',
    build: guarded(labApp('zerotier', {
      image: 'zerotier/zerotier:1.14.2', args: ['8056c2e21c000001'], ports: [{ name: 'zt', port: 9993, protocol: 'UDP' }],
      devices: [AppDevice.hostDevice('/dev/net/tun')],
      exemptions: { runAsRoot: 'zerotier-one joins networks as root', hostPath: 'the tunnel device', addCapabilities: { capabilities: ['NET_ADMIN', 'SYS_ADMIN'], reason: 'creates its interface' } },
    })),
    layer: 'props', path: 'zerotier', field: 'image', hint: /mountPath: '\/var\/lib\/zerotier-one'/,
  },
  {
    name: 'frpc proxying a Jellyfin of another pod at the localIP it takes unless given, its own loopback',
    build: tunnelClient('snowdreamtech/frpc:0.61.1', ['-c', '/etc/tunnel/frpc.toml'], 'frpc.toml', frpcToml('localPort = 8096')),
    layer: 'references', path: 'tunnel-config', field: 'data.frpc.toml', hint: /localIP = "jellyfin\.media"/,
  },
  {
    name: 'rathole sending its service to Jellyfin, whose policy admits only the ingress',
    build: tunnelClient('rapiz1/rathole:v0.5.0', ['--client', '/etc/tunnel/client.toml'], 'client.toml',
      '[client]\nremote_addr = "203.0.113.7:2333"\n\n[client.services.jellyfin]\ntoken = "{{ .Envs.FRP_TOKEN }}"\nlocal_addr = "jellyfin.media:8096"\n'),
    layer: 'policy', path: 'tunnel-config', field: 'data.client.toml', hint: /allowFrom: \[tunnel\] on jellyfin/,
  },
  {
    name: 'the Cloudflare DDNS updater as a CronJob without UPDATE_CRON @once, so its first Job never ends',
    build: ddns({ controller: AppController.cronJob({ schedule: '*/5 * * * *' }) }),
    layer: 'props', path: 'ddns', field: 'env', hint: /UPDATE_CRON: '@once'/,
  },
  {
    name: 'the Cloudflare DDNS updater as a Deployment told to update once and exit',
    build: ddns({}, { UPDATE_CRON: '@once' }),
    layer: 'props', path: 'ddns', field: 'env.UPDATE_CRON', hint: /AppController\.cronJob/,
  },
  {
    name: "the Cloudflare DDNS updater reading its address from the pod's own interfaces",
    build: ddns({}, { IP4_PROVIDER: 'local', IP6_PROVIDER: 'none' }),
    layer: 'props', path: 'ddns', field: 'env.IP4_PROVIDER', hint: /cloudflare\.trace/,
  },
  {
    name: 'Blocky answering on 53 with every capability dropped, its binary carrying NET_BIND_SERVICE',
    build: guarded(dnsServer('blocky', 'spx01/blocky:v0.25', 4000, { exemptions: {} })),
    layer: 'props', path: 'blocky', field: 'image', hint: /addCapabilities: \{ capabilities: \['NET_BIND_SERVICE'\]/,
  },
  {
    name: "Technitium's route sent to DNS over TCP instead of its web UI",
    build: dnsServer('technitium', 'technitium/dns-server:13.4.1', 5380, { route: { host: 'dns', port: 53 } }),
    layer: 'references', path: 'technitium', field: 'route.port', hint: /loadBalancer: \{ address, ports: \['dns', 'dns-tcp'\] \}/,
  },
];
