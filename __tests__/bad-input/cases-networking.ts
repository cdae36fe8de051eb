import { App as CdkApp } from 'cdk8s';
import { App, host, metalLb, site, SiteProps, tailscaleLoadBalancer, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// Networking as a home lab writes it: VLANs and their networks, pools on them, IPv6 where the inventory
// takes IPv4. Each case declares its own inventory, so a problem recorded by one case never shows in another.

/** A cluster `edge` on a site `name` of one host at 10.9.0.1, with the site's other facts. */
function edge(name: string, siteProps: Partial<SiteProps<any, any, any, any>>, hostAddress = '10.9.0.1') {
  return (_c: unknown, app: CdkApp) => {
    const node = host(`${name}-node`, { arch: 'amd64', address: hostAddress });
    const lab = site(name, { domain: `${name}.test`, hosts: [node], ...siteProps } as SiteProps<any, any, any, any>);
    labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: {} });
  };
}

/** A site with one VLAN 10 on 10.9.0.0/24 (with `gateway`, if given) and a pool `vips` on it. */
const vlanPool = (name: string, first: string, last: string, gateway?: string) => edge(name, {
  vlans: { lan: vlan(`${name}-lan`, { id: 10, cidr: '10.9.0.0/24', gateway }) },
  pools: { vips: { first, last, vlan: 10 } },
});

export const CASES: BadInput[] = [
  {
    name: 'pool on a VLAN that covers the VLAN gateway',
    build: vlanPool('ng', '10.9.0.240', '10.9.0.254', '10.9.0.254'),
    layer: 'inventory', path: 'inventory/site/ng', field: 'pools.vips', hint: /first: '10\.9\.0\.240', last: '10\.9\.0\.253'/,
  },
  {
    name: 'pool on a VLAN that ends on its broadcast address',
    build: vlanPool('nb', '10.9.0.200', '10.9.0.255'),
    layer: 'inventory', path: 'inventory/site/nb', field: 'pools.vips', hint: /last: '10\.9\.0\.254'/,
  },
  {
    name: 'pool on a VLAN that starts on its network address',
    build: vlanPool('nn', '10.9.0.0', '10.9.0.20'),
    layer: 'inventory', path: 'inventory/site/nn', field: 'pools.vips',
  },
  {
    name: 'VLAN gateway that is the network address',
    build: edge('gn', { vlans: { lan: vlan('gn-lan', { id: 10, cidr: '10.9.0.0/24', gateway: '10.9.0.0' }) } }),
    layer: 'inventory', path: 'inventory/vlan/gn-lan', field: 'gateway',
  },
  {
    name: 'VLAN network written with host bits, as a router shows its interface',
    build: edge('hb', { vlans: { lan: vlan('hb-lan', { id: 10, cidr: '10.9.0.1/24' }) } }),
    layer: 'inventory', path: 'inventory/vlan/hb-lan', field: 'cidr', hint: /10\.9\.0\.0\/24/,
  },
  {
    name: 'two VLANs whose networks overlap',
    build: edge('ov', {
      vlans: { lan: vlan('ov-lan', { id: 10, cidr: '10.9.0.0/16' }), iot: vlan('ov-iot', { id: 20, cidr: '10.9.20.0/24' }) },
    }),
    layer: 'inventory', path: 'inventory/site/ov', field: 'vlans.iot',
  },
];

/** An app `id` exposed on the tailnet of a cluster whose load balancer is Tailscale's, with `loadBalancer` props. */
const onTailnet = (id: string, loadBalancer: Record<string, unknown>) => (_c: unknown, app: CdkApp) => {
  const cluster = labCluster(app, 'ts', { loadBalancer: tailscaleLoadBalancer() });
  return new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], loadBalancer });
};

CASES.push(
  {
    name: 'tailnet machine name with an underscore',
    build: guarded(onTailnet('wiki', { hostname: 'my_wiki' })),
    layer: 'inventory', path: 'ts/wiki', field: 'loadBalancer.hostname', hint: /hostname: 'my-wiki'/,
  },
  {
    name: 'tailnet machine name written as its MagicDNS name',
    build: guarded(onTailnet('wiki', { hostname: 'wiki.tail1234.ts.net' })),
    layer: 'inventory', path: 'ts/wiki', field: 'loadBalancer.hostname', hint: /hostname: 'wiki'/,
  },
  {
    name: 'two Services under one tailnet machine name',
    build: guarded((c: unknown, app: CdkApp) => {
      const first = onTailnet('wiki', { hostname: 'wiki' })(c, app);
      new App(first.node.scope!, 'wiki2', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], loadBalancer: { hostname: 'wiki' } });
    }),
    layer: 'inventory', path: 'ts/wiki2', field: 'loadBalancer.hostname',
  },
);

// Route hosts written as a browser or a router shows them: the hint gives the name the route meant.
CASES.push(
  { name: 'route host in capitals', build: labApp('grafana', { route: { host: 'Grafana' } }), layer: 'props', path: 'grafana', field: 'route.host', hint: /host: 'grafana'/ },
  {
    name: 'route host copied from the browser with its scheme',
    build: labApp('grafana', { route: { host: 'https://grafana.lab.test/' } }), layer: 'props', path: 'grafana', field: 'route.host', hint: /host: 'grafana\.lab\.test'/,
  },
  { name: 'route host with the root\'s trailing dot', build: labApp('grafana', { route: { host: 'grafana.lab.test.' } }), layer: 'props', path: 'grafana', field: 'route.host', hint: /host: 'grafana\.lab\.test'/ },
  { name: 'route host with a port', build: labApp('grafana', { route: { host: 'grafana:3000' } }), layer: 'props', path: 'grafana', field: 'route.host', hint: /host: 'grafana'/ },
  { name: 'route host that is an IP address', build: labApp('grafana', { route: { host: '10.0.8.12' } }), layer: 'props', path: 'grafana', field: 'route.host', hint: /loadBalancer/ },
);

// Addresses a load balancer or a policy names.
CASES.push(
  {
    name: 'load-balancer address taken outside its pool',
    // A site of its own: the pool keeps the address it was asked for, and the shared lab's would then be
    // wrong in every later case.
    build: (_c, app) => {
      const node = host('lbo-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.5' });
      const own = site('lbo', { domain: 'lbo.test', hosts: [node], git: { url: 'https://git.lbo.test/lab.git' }, pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' } } });
      const cluster = labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: metalLb({ pools: [own.pools.vips] }), storage: {} });
      labApp('dns', { loadBalancer: { address: own.pools.vips.at('10.0.8.99') } })(cluster);
    },
    layer: 'inventory', path: 'dns', field: 'loadBalancer.address', hint: /between 10\.0\.8\.10 and 10\.0\.8\.20/,
  },
  { name: 'egress to a bare address', build: guarded(labApp('web', { egress: [{ cidr: '192.168.1.20' }] })), layer: 'props', path: 'web', field: 'egress[0].cidr', hint: /192\.168\.1\.20\/32/ },
  { name: 'egress to a bare IPv6 address', build: guarded(labApp('web', { egress: [{ cidr: 'fd00::20' }] })), layer: 'props', path: 'web', field: 'egress[0].cidr', hint: /fd00::20\/128/ },
);
