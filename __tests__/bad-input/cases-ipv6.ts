import { App, host, metalLb, site, traefik, vlan } from '../../constructs';
import type { AddressPoolProps, PoolAddress } from '../../constructs';
import type { BadInput } from './cases';
import { labCluster } from './lab';

// IPv6 and dual-stack addresses of the inventory: what is refused, with the address that was meant.

/** A one-host IPv6 site `name` with the pools given, in a cluster `edge` whose MetalLB serves them all. */
const v6Cluster = (name: string, pools: Record<string, AddressPoolProps>, build?: (taken: Record<string, (a: string) => PoolAddress>, cluster: ReturnType<typeof labCluster>) => void): BadInput['build'] =>
  (_c, app) => {
    const node = host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5', ipv6Address: 'fd00:9::5' });
    const dual = site(name, { domain: `${name}.test`, hosts: [node], pools });
    const cluster = labCluster(app, 'edge', { site: dual, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: metalLb({ pools: Object.values(dual.pools) }), storage: {} });
    const taken = Object.fromEntries(Object.entries(dual.pools).map(([pool, p]) => [pool, (a: string) => p.at(a)]));
    build?.(taken, cluster);
  };
const hostOnly = (props: Record<string, unknown>): BadInput['build'] => (_c, app) => {
  const node = host('v6-node', { arch: 'amd64', roles: ['control-plane', 'worker'], ...props } as any);
  labCluster(app, 'edge', { site: site('v6h', { domain: 'v6h.test', hosts: [node] }), hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {} });
};
const lbApp = (cluster: ReturnType<typeof labCluster>, loadBalancer: Record<string, unknown>) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], loadBalancer } as any);
const V4 = { first: '10.9.8.10', last: '10.9.8.20' };
const V6 = { first: 'fd00:9:8::10', last: 'fd00:9:8::20' };

export const CASES: BadInput[] = [
  { name: 'IPv6 host address with a zone id', build: hostOnly({ address: 'fe80::1%eth0' }), layer: 'inventory', path: 'inventory/host/v6-node', field: 'address', hint: /without it: fe80::1$/ },
  { name: 'IPv4-mapped IPv6 host address', build: hostOnly({ address: '::ffff:10.9.0.7' }), layer: 'inventory', path: 'inventory/host/v6-node', field: 'address', hint: /IPv4 address itself: 10\.9\.0\.7/ },
  { name: 'IPv6 host address with its prefix', build: hostOnly({ address: 'fd00:9::7/64' }), layer: 'inventory', path: 'inventory/host/v6-node', field: 'address', hint: /without \/64: fd00:9::7/ },
  { name: 'ipv6Address that is an IPv4 address', build: hostOnly({ address: '10.9.0.7', ipv6Address: '10.9.0.8' }), layer: 'inventory', path: 'inventory/host/v6-node', field: 'ipv6Address', hint: /IPv6 address, e\.g\./ },
  { name: 'ipv6Address beside an IPv6 address', build: hostOnly({ address: 'fd00:9::7', ipv6Address: 'fd00:9::8' }), layer: 'inventory', path: 'inventory/host/v6-node', field: 'ipv6Address', hint: /IPv6-only network/ },
  {
    name: 'two hosts of a site with one IPv6 address',
    build: (_c, app) => {
      const [a, b] = [host('v6-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1', ipv6Address: 'fd00:9::1' }), host('v6-b', { arch: 'amd64', address: '10.9.0.2', ipv6Address: 'FD00:9:0::1' })];
      labCluster(app, 'edge', { site: site('v6u', { domain: 'v6u.test', hosts: [a, b] }), hosts: [a, b], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {} });
    },
    layer: 'inventory', path: 'edge', field: 'site.hosts[1].ipv6Address',
  },
  { name: 'pool from an IPv4 to an IPv6 address', build: v6Cluster('v6m', { mixed: { first: '10.9.8.10', last: 'fd00:9:8::20' } }), layer: 'inventory', path: 'inventory/site/v6m/pools/mixed', field: 'last', hint: /one family/ },
  { name: 'reversed IPv6 pool', build: v6Cluster('v6r', { vips6: { first: 'fd00:9:8::20', last: 'fd00:9:8::10' } }), layer: 'inventory', path: 'inventory/site/v6r/pools/vips6', field: 'last', hint: /swap/ },
  { name: 'IPv6 pool written as a CIDR block', build: v6Cluster('v6c', { vips6: 'fd00:9:8::/120' as any }), layer: 'inventory', path: 'inventory/site/v6c', field: 'pools.vips6', hint: /first: 'fd00:9:8::', last: 'fd00:9:8::ff'/ },
  { name: 'IPv6 pools that overlap', build: v6Cluster('v6o', { a: V6, b: { first: 'FD00:9:8::18', last: 'fd00:9:8::30' } }), layer: 'inventory', path: 'edge', field: 'site.pools.b' },
  { name: 'IPv6 pool that covers a host\'s IPv6 address', build: v6Cluster('v6p', { vips6: { first: 'fd00:9::1', last: 'fd00:9::9' } }), layer: 'inventory', path: 'edge', field: 'site.pools.vips6' },
  {
    name: 'IPv6 address outside its IPv6 pool',
    build: v6Cluster('v6x', { vips6: V6 }, (taken, cluster) => lbApp(cluster, { address: taken.vips6('fd00:9:8::99') })),
    layer: 'inventory', path: 'edge/web', field: 'loadBalancer.address', hint: /between fd00:9:8::10 and fd00:9:8::20/,
  },
  {
    name: 'IPv6 address taken from an IPv4 pool',
    build: v6Cluster('v6f', { vips: V4 }, (taken, cluster) => lbApp(cluster, { address: taken.vips('fd00:9:8::10') })),
    layer: 'inventory', path: 'edge/web', field: 'loadBalancer.address', hint: /between 10\.9\.8\.10 and 10\.9\.8\.20/,
  },
  {
    name: 'ipv6Address of a LoadBalancer from an IPv4 pool',
    build: v6Cluster('v6l', { vips: V4, more: { first: '10.9.9.10', last: '10.9.9.20' } }, (taken, cluster) => lbApp(cluster, { address: taken.vips('10.9.8.11'), ipv6Address: taken.more('10.9.9.11') })),
    layer: 'inventory', path: 'edge/web', field: 'loadBalancer.ipv6Address', hint: /IPv6 pool/,
  },
  {
    name: 'ipv6Address of a LoadBalancer without an IPv4 address beside it',
    build: v6Cluster('v6s', { vips6: V6, more6: { first: 'fd00:9:9::10', last: 'fd00:9:9::20' } }, (taken, cluster) => lbApp(cluster, { address: taken.vips6('fd00:9:8::11'), ipv6Address: taken.more6('fd00:9:9::11') })),
    layer: 'inventory', path: 'edge/web', field: 'loadBalancer.ipv6Address', hint: /an IPv4 address and an IPv6 one/,
  },
  {
    name: 'two LoadBalancers with one IPv6 address written two ways',
    build: v6Cluster('v6d', { vips6: V6 }, (taken, cluster) => {
      lbApp(cluster, { address: taken.vips6('fd00:9:8::11') });
      new App(cluster, 'copy', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], loadBalancer: { address: taken.vips6('FD00:9:8:0::11') } });
    }),
    layer: 'inventory', path: 'edge/copy', field: 'loadBalancer.address', hint: /its own address/,
  },
  {
    name: 'IPv6 VLAN network with host bits set',
    build: (_c, app) => {
      const node = host('v6v-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5' });
      const vlans = { lan6: vlan('lan6', { id: 6, cidr: 'fd00:9:6::1/64' }) };
      labCluster(app, 'edge', { site: site('v6v', { domain: 'v6v.test', hosts: [node], vlans }), hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {} });
    },
    layer: 'inventory', path: 'inventory/vlan/lan6', field: 'cidr', hint: /cidr: 'fd00:9:6::\/64'/,
  },
  {
    name: 'IPv6 VLAN gateway at its subnet-router anycast address',
    build: (_c, app) => {
      const node = host('v6g-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5' });
      const vlans = { lan6: vlan('lan6', { id: 6, cidr: 'fd00:9:6::/64', gateway: 'fd00:9:6::' }) };
      labCluster(app, 'edge', { site: site('v6g', { domain: 'v6g.test', hosts: [node], vlans }), hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {} });
    },
    layer: 'inventory', path: 'inventory/vlan/lan6', field: 'gateway', hint: /fd00:9:6::1$/,
  },
  {
    name: 'IPv6 VLANs that overlap',
    build: (_c, app) => {
      const node = host('v6w-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5' });
      const vlans = { a: vlan('a', { id: 6, cidr: 'fd00:9:6::/48' }), b: vlan('b', { id: 7, cidr: 'fd00:9:6:7::/64' }) };
      labCluster(app, 'edge', { site: site('v6w', { domain: 'v6w.test', hosts: [node], vlans }), hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {} });
    },
    layer: 'inventory', path: 'inventory/site/v6w', field: 'vlans.b',
  },
  {
    name: 'IPv6 pool on a VLAN that covers its gateway',
    build: (_c, app) => {
      const node = host('v6k-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5', ipv6Address: 'fd00:9:6::5' });
      const vlans = { lan6: vlan('lan6', { id: 6, cidr: 'fd00:9:6::/64', gateway: 'fd00:9:6::1' }) };
      const s = site('v6k', { domain: 'v6k.test', hosts: [node], vlans, pools: { vips6: { first: 'fd00:9:6::1', last: 'fd00:9:6::4', vlan: 6 } } });
      labCluster(app, 'edge', { site: s, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: metalLb({ pools: [s.pools.vips6] }), storage: {} });
    },
    layer: 'inventory', path: 'inventory/site/v6k', field: 'pools.vips6', hint: /first: 'fd00:9:6::2', last: 'fd00:9:6::4'/,
  },
];
