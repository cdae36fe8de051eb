import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart, ClusterChartProps, HostProps } from '../../constructs';
import { AppDevice, AppVolume, ChartRelease, declareExternal, host, localPathStorage, SecretReference, servesPorts, site, tailscaleLoadBalancer, traefik, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, labApp, lab, labCluster, raw } from './lab';

// The edge of a home network, as its owner writes it after reading the README: DNS servers, a Cloudflare
// Tunnel, Tailscale as a subnet router or exit node, WireGuard, external-dns with a Pi-hole or RFC2136
// provider, and a DHCP server in a pod.

/** Home Assistant's own image in namespace `home`, run as its s6-overlay needs, serving 8123. */
const homeAssistant = (c: ClusterChart) => labApp('home-assistant', {
  namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2024.12.5', ports: [{ name: 'http', port: 8123 }],
  exemptions: { runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 's6-overlay writes /run' },
})(c);

/** cloudflared in namespace `cloudflared`, its tunnel token from a Secret; `props` add to it. */
const cloudflared = (props: Record<string, unknown>) => labApp('cloudflared', {
  namespace: 'cloudflared', image: 'cloudflare/cloudflared:2024.12.2', ports: [{ name: 'metrics', port: 2000 }],
  env: { TUNNEL_TOKEN: SecretReference.external('cloudflared', 'tunnel', 'token') }, probes: { readiness: { httpPath: '/ready' } }, egress: 'any',
  ...props,
});

/** Args of cloudflared that run the tunnel of its token and send every request to `url`. */
const tunnelTo = (url: string) => ['tunnel', '--no-autoupdate', '--metrics', '0.0.0.0:2000', 'run', '--url', url];

/** A locally managed tunnel: cloudflared reads a config file from ConfigMap `cloudflared` whose ingress sends home's name to `service`. */
const tunnelConfig = (service: string) => (c: ClusterChart) => {
  c.namespaces.ensure('cloudflared');
  // The tunnel's credentials file, which `cloudflared tunnel create` writes on the owner's machine.
  declareExternal(c, { secrets: [{ namespace: 'cloudflared', name: 'cloudflared-credentials' }] });
  raw(c, 'cf-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cloudflared', namespace: 'cloudflared' },
    data: {
      'config.yaml': [
        'tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef', 'credentials-file: /etc/cloudflared/creds/credentials.json', 'metrics: 0.0.0.0:2000',
        'ingress:', '  - hostname: home.lab.test', `    service: ${service}`, '  - service: http_status:404', '',
      ].join('\n'),
    },
  });
  cloudflared({
    args: ['tunnel', '--config', '/etc/cloudflared/config/config.yaml', 'run'], env: {},
    persistence: {
      config: { volume: AppVolume.configMap('cloudflared'), mountPath: '/etc/cloudflared/config' },
      creds: { volume: AppVolume.secret('cloudflared-credentials'), mountPath: '/etc/cloudflared/creds' },
    },
  })(c);
};

/** Tailscale's container in kernel mode with `env` added, its tunnel device as its docs give it, its state on a claim. */
const tailscale = (env: Record<string, unknown>, props: Record<string, unknown> = {}) => labApp('tailscale', {
  image: 'ghcr.io/tailscale/tailscale:v1.78.1', ports: [],
  env: { TS_USERSPACE: 'false', TS_AUTHKEY: SecretReference.external('tailscale', 'tailscale-auth', 'TS_AUTHKEY'), TS_KUBE_SECRET: '', TS_STATE_DIR: '/var/lib/tailscale', ...env },
  devices: [AppDevice.hostDevice('/dev/net/tun')],
  exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel' }, hostPath: '/dev/net/tun', runAsRoot: 'tailscaled sets up routes' },
  persistence: { state: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/var/lib/tailscale' } },
  probes: { readiness: { command: ['tailscale', 'status'] } }, egress: 'any',
  ...props,
});

/** wg-easy on the lab's VIPs, with `props` over a setup that passes. */
const wgEasy = (props: Record<string, unknown>) => labApp('wg-easy', {
  image: 'ghcr.io/wg-easy/wg-easy:14.0.0', ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }],
  env: { WG_HOST: 'vpn.lab.test' }, loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['wg'] },
  sysctls: { 'net.ipv4.ip_forward': '1', 'net.ipv4.conf.all.src_valid_mark': '1' },
  exemptions: {
    addCapabilities: { capabilities: ['NET_ADMIN', 'SYS_MODULE'], reason: 'wg-quick creates the interface' }, runAsRoot: 'wg-quick runs as root',
    privileged: 'forwarding sysctls',
  },
  ...props,
});

/** external-dns' chart with the provider `provider` and `extraArgs`, its metrics port stated. */
const externalDns = (provider: string, extraArgs: string[]) => guarded((c: ClusterChart) => new ChartRelease(c, 'external-dns', {
  namespace: 'external-dns', chart: { repository: 'https://kubernetes-sigs.github.io/external-dns/', chart: 'external-dns', version: '1.15.0' },
  network: servesPorts({ port: 7979, purpose: 'metrics' }), values: { provider: { name: provider }, extraArgs, policy: 'upsert-only', sources: ['ingress'] },
}));

/** A cluster `id` beside the lab's `main`, of a site and a host of its own (a host is a node of one cluster), with `props`. */
const ownCluster = (app: CdkApp, id: string, props: Partial<ClusterChartProps>) => {
  const box = host(`${id}-box`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.4.0.5' });
  const own = site(id, { domain: `${id}.test`, hosts: [box], git: { url: `https://git.${id}.test/lab.git` } });
  return labCluster(app, id, { site: own, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, ...props });
};

/** The networks of `attachedOn`'s site: the LAN of its host and an IoT VLAN. */
const edgeVlans = { lan: vlan('edge-lan', { id: 1, cidr: '10.2.0.0/24' }), iot: vlan('edge-iot', { id: 30, cidr: '10.2.30.0/24' }) };

/**
 * A cluster `edge` of a site that declares its VLANs, whose one host has `hostProps`, with a Multus attachment
 * `iot` of CNI config `config` that Home Assistant's Deployment `web` attaches.
 */
const attachedOn = (config: Record<string, unknown>, hostProps: Partial<HostProps> = {}) => (_cluster: ClusterChart, app: CdkApp) => {
  const box = host('edge-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.5', ...hostProps });
  const edge = site('edge', { domain: 'edge.test', hosts: [box], git: { url: 'https://git.edge.test/lab.git' }, vlans: edgeVlans });
  const c = labCluster(app, 'edge', { site: edge, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
  raw(c, 'nad', { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'iot', namespace: 'web' }, spec: { config: JSON.stringify({ cniVersion: '0.3.1', ...config }) } });
  raw(c, 'web', goodDeployment('web', {}, {}, { 'k8s.v1.cni.cncf.io/networks': 'iot' }));
};

/** A macvlan on `master` with a static address on the IoT VLAN, as Home Assistant's discovery wants one. */
const macvlan = (master: string) => ({ type: 'macvlan', master, mode: 'bridge', ipam: { type: 'static', addresses: [{ address: '10.2.30.5/24', gateway: '10.2.30.1' }] } });

/**
 * A cluster `edge` whose split horizon writes into AdGuard Home at `url`, and AdGuard Home as the README's
 * example runs it (admitting `allowFrom`), with its API on port 3000.
 */
const splitHorizon = (url: string, allowFrom: Array<{ namespace: string }> = []) => guarded((_c: ClusterChart, app: CdkApp) => {
  const edge = ownCluster(app, 'edge', {
    dns: {
      publicTarget: host('nu39-vps', { arch: 'amd64', address: '10.7.39.1', publicAddress: '203.0.113.39' }),
      adguard: { url, username: SecretReference.external('external-dns', 'adguard', 'username'), password: SecretReference.external('external-dns', 'adguard', 'password') },
    },
  });
  labApp('adguard-home', {
    image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } }, allowFrom,
  })(edge);
});

export const CASES: BadInput[] = [
  // WireGuard's port written as compose's `51820:51820` would give it: TCP, the default.
  { name: "wg-easy's WireGuard port declared without its protocol", build: guarded(wgEasy({ ports: [{ name: 'wg', port: 51820 }, { name: 'http', port: 51821 }] })), layer: 'props', path: 'wg-easy', field: 'ports[0].protocol', hint: /protocol: 'UDP'/ },
  {
    name: "Tailscale's direct-connection port offered over TCP alone",
    build: guarded(tailscale({ TS_EXTRA_ARGS: '--port=41641' }, { ports: [{ name: 'wireguard', port: 41641 }] })),
    layer: 'props', path: 'tailscale', field: 'ports[0].protocol',
  },
  // The forwarding wg-easy's compose file sets with `sysctls:` left out.
  { name: 'wg-easy without IP forwarding', build: guarded(wgEasy({ sysctls: { 'net.ipv4.conf.all.src_valid_mark': '1' } })), layer: 'props', path: 'wg-easy', field: 'sysctls', hint: /net\.ipv4\.ip_forward/ },
  { name: 'a Tailscale exit node in kernel mode without forwarding sysctls', build: guarded(tailscale({ TS_EXTRA_ARGS: '--advertise-exit-node' })), layer: 'props', path: 'tailscale', field: 'sysctls', hint: /TS_USERSPACE/ },
  {
    name: 'a Tailscale subnet router of an IPv6 prefix with IPv4 forwarding alone',
    build: guarded(tailscale({ TS_ROUTES: '192.168.1.0/24,fd00:1::/64' }, { sysctls: { 'net.ipv4.ip_forward': '1' }, exemptions: {
      addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel' }, hostPath: '/dev/net/tun', runAsRoot: 'tailscaled sets up routes', privileged: 'forwarding sysctls',
    } })),
    layer: 'props', path: 'tailscale', field: 'sysctls', message: /does not turn on net\.ipv6\.conf\.all\.forwarding:/,
  },
  // Pi-hole's DHCP server turned on as its docs show, on the pod network.
  {
    name: "Pi-hole's DHCP server on the pod network",
    build: guarded(labApp('pihole', {
      image: 'pihole/pihole:2024.07.0',
      ports: [{ name: 'http', port: 80 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'dhcp', port: 67, protocol: 'UDP' }],
      env: { FTLCONF_dhcp_active: 'true', FTLCONF_dhcp_start: '10.0.0.100', FTLCONF_dhcp_end: '10.0.0.200', FTLCONF_dhcp_router: '10.0.0.254' },
      loadBalancer: { address: lab.pools.dns.at('10.0.4.53'), ports: ['dns-udp', 'dns-tcp'] },
      exemptions: {
        runAsRoot: "pihole's start script", writableRootFilesystem: 'pihole writes /etc/pihole',
        addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP', 'CHOWN', 'SETUID', 'SETGID', 'KILL'], reason: "pihole-FTL's capabilities" },
      },
    })),
    layer: 'references', path: 'pihole', field: 'ports[3]', message: /DHCP/,
  },
  // A Cloudflare Tunnel's origin named as the dashboard's example writes it, not as the Service is named.
  {
    name: 'a tunnel --url to a Service name that does not exist',
    build: guarded((c: ClusterChart) => { homeAssistant(c); cloudflared({ args: tunnelTo('http://homeassistant.home:8123') })(c); }),
    layer: 'references', path: 'cloudflared', field: 'args[6]', hint: /home-assistant\.home/,
  },
  {
    name: "a tunnel config file's ingress to a Service name that does not exist",
    build: guarded((c: ClusterChart) => { homeAssistant(c); tunnelConfig('http://homeassistant.home.svc.cluster.local:8123')(c); }),
    layer: 'references', path: 'cf-config', field: 'data.config.yaml', hint: /home-assistant\.home/,
  },
  {
    name: "a tunnel config file's ingress to the Service's container port behind port 80",
    build: guarded((c: ClusterChart) => {
      labApp('home-assistant', {
        namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2024.12.5', ports: [{ name: 'http', port: 8123, servicePort: 80 }],
        exemptions: { runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 's6-overlay writes /run' },
      })(c);
      tunnelConfig('http://home-assistant.home:8123')(c);
    }),
    layer: 'references', path: 'cf-config', field: 'data.config.yaml', hint: /serves 80/,
  },
  // The right Service, whose default-deny policy the tunnel is not let through.
  {
    name: "a tunnel --url to a Service whose app's policy does not admit cloudflared",
    build: guarded((c: ClusterChart) => { homeAssistant(c); cloudflared({ args: tunnelTo('http://home-assistant.home:8123') })(c); }),
    layer: 'policy', path: 'cloudflared', field: 'args[6]', hint: /allowFrom: \[cloudflared\] on home-assistant/,
  },
  // external-dns' providers given their credentials as its docs' flags show them.
  { name: "external-dns' Pi-hole password as a flag in the chart's extraArgs", build: externalDns('pihole', ['--pihole-server=http://pihole-web.pihole.svc.cluster.local', '--pihole-password=hunter2hunter2']), layer: 'policy', path: 'external-dns', field: 'values.extraArgs[1]' },
  {
    name: "external-dns' RFC2136 TSIG secret as a flag in the chart's extraArgs",
    build: externalDns('rfc2136', ['--rfc2136-host=10.0.0.53', '--rfc2136-zone=lab.test', '--rfc2136-tsig-secret=96Ah/a2g0/nLeFGK+d/0tzQcccf9hCEIy34PoXX2Qg8=', '--rfc2136-tsig-secret-alg=hmac-sha256', '--rfc2136-tsig-keyname=externaldns']),
    layer: 'policy', path: 'external-dns', field: 'values.extraArgs[2]',
  },
  // Multus attachments written by hand from a macvlan guide, on a VLAN the inventory does not give the host.
  { name: 'a macvlan attachment on a VLAN interface the host has no leg on', build: attachedOn(macvlan('eth0.30')), layer: 'inventory', path: 'nad', field: 'spec.config', hint: /vlanInterfaces: \[\{ vlan: <site>\.vlans\.edge-iot, device: 'eth0\.30' \}\]/ },
  { name: 'a macvlan attachment on a VLAN the site does not declare', build: attachedOn(macvlan('eth0.40'), { vlanInterfaces: [{ vlan: edgeVlans.iot, device: 'eth0.30' }] }), layer: 'inventory', path: 'nad', field: 'spec.config', message: /VLAN 40, which the site does not declare/ },
  { name: "the vlan plugin's vlanId of a VLAN the site does not declare", build: attachedOn({ type: 'vlan', master: 'eth0', vlanId: 300, ipam: { type: 'dhcp' } }), layer: 'inventory', path: 'nad', field: 'spec.config', hint: /edge-iot 30/ },
  // The internal half of a split horizon: external-dns' webhook writes rewrites through AdGuard Home's API.
  { name: "the split horizon's AdGuard Home URL naming a Service that does not exist", build: splitHorizon('http://adguard.adguard-home.svc:3000', [{ namespace: 'external-dns' }]), layer: 'references', path: 'edge', field: 'dns.adguard.url', hint: /adguard-home\.adguard-home/ },
  { name: "the split horizon's AdGuard Home, whose policy does not admit external-dns", build: splitHorizon('http://adguard-home.adguard-home.svc:3000'), layer: 'policy', path: 'edge', field: 'dns.adguard.url', hint: /allowFrom: \[\{ namespace: 'external-dns' \}\] on adguard-home/ },
  { name: "the split horizon's AdGuard Home URL without the port of its web interface", build: splitHorizon('http://adguard-home.adguard-home.svc', [{ namespace: 'external-dns' }]), layer: 'references', path: 'edge', field: 'dns.adguard.url', hint: /serves 3000 \(http\)/ },
  // A subnet router's route written as the router's own address with its prefix, as its settings page shows it.
  {
    name: "a Tailscale Connector's subnet route with host bits",
    build: guarded((_c: ClusterChart, app: CdkApp) => raw(ownCluster(app, 'ts', { loadBalancer: tailscaleLoadBalancer() }), 'conn', {
      apiVersion: 'tailscale.com/v1alpha1', kind: 'Connector', metadata: { name: 'home-lan' },
      spec: { hostname: 'home-lan', subnetRouter: { advertiseRoutes: ['10.0.0.1/24'] }, tags: ['tag:k8s'] },
    })),
    layer: 'schema', path: 'conn', field: 'spec.subnetRouter.advertiseRoutes[0]', hint: /10\.0\.0\.0\/24/,
  },
  { name: "TS_ROUTES of Tailscale's container with host bits", build: guarded(tailscale({ TS_USERSPACE: 'true', TS_ROUTES: '10.0.0.0/24,10.0.4.1/24' })), layer: 'schema', path: 'tailscale', field: 'env.TS_ROUTES', hint: /10\.0\.4\.0\/24/ },
  // Tailscale's Kubernetes guide runs it with a ServiceAccount that may keep its Secret; a compose file's TS_STATE_DIR alone does not move the state.
  {
    name: "Tailscale's container keeping its state in a Secret without a ServiceAccount",
    build: guarded(labApp('tailscale', {
      image: 'ghcr.io/tailscale/tailscale:v1.78.1', ports: [],
      env: { TS_AUTHKEY: SecretReference.external('tailscale', 'tailscale-auth', 'TS_AUTHKEY'), TS_STATE_DIR: '/var/lib/tailscale', TS_ROUTES: '10.0.0.0/24' },
      persistence: { state: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/var/lib/tailscale' } },
      probes: { readiness: { command: ['tailscale', 'status'] } }, egress: 'any',
    })),
    layer: 'props', path: 'tailscale', field: 'image', hint: /TS_KUBE_SECRET: ''/,
  },
  // Kernel mode from a compose file, where the device came with `devices: [/dev/net/tun]` beside it.
  {
    name: "Tailscale's container in kernel mode without the tunnel device",
    build: guarded(tailscale({}, {
      devices: [], exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel' }, runAsRoot: 'tailscaled sets up routes' },
    })),
    layer: 'props', path: 'tailscale', field: 'env.TS_USERSPACE', hint: /AppDevice\.hostDevice\('\/dev\/net\/tun'\)/,
  },
];
