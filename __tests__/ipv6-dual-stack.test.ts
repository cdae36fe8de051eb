import { App, cilium, ciliumLoadBalancer, ClusterChart, flux, host, HostService, metalLb, site, traefik, vlan } from '../constructs';
import { formatIpv6, ipAddressProblem, parseIpAddress } from '../constructs/inventory/ip-address';
import { serviceIpFamilies } from '../constructs/platform/ip-families';
import { synthInMemory } from './support/synth';

// IPv6 and dual-stack inventories synthesize, with IPv6 written in RFC 5952's form everywhere.

describe('IPv6 addresses', () => {
  test('are kept in RFC 5952 form: lowercase, no leading zeros, the longest run of zeros compressed', () => {
    expect(parseIpAddress('FD00:0:0::0010')?.text).toBe('fd00::10');
    expect(parseIpAddress('2001:db8:0:0:1:0:0:1')?.text).toBe('2001:db8::1:0:0:1');
    expect(parseIpAddress('2001:db8:0:1:1:1:1:1')?.text).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6(0n)).toBe('::');
    expect(parseIpAddress('192.168.1.10')?.text).toBe('192.168.1.10');
  });
  test('refuse zone ids and IPv4-mapped forms, with the address meant', () => {
    expect(ipAddressProblem('fe80::1%eth0', 'h')?.hint).toBe('write the address without it: fe80::1');
    expect(ipAddressProblem('::ffff:192.168.1.10', 'h')?.hint).toBe('write the IPv4 address itself: 192.168.1.10');
    // Copied from a URL: the brackets, and the port after them, are not part of the address.
    expect(ipAddressProblem('[FD00::10]', 'h')?.hint).toBe('write the address alone: fd00::10');
    expect(ipAddressProblem('[fd00::10]:6443', 'h')?.message).toMatch(/brackets of a URL, with a port/);
    expect(ipAddressProblem('fd00::10', 'h')).toBeUndefined();
    expect(ipAddressProblem('fd00::10', 'h', '', 4)?.message).toMatch(/IPv6 address, where an IPv4 address belongs/);
  });
  test('Services state their families only when an address asks for IPv6', () => {
    expect(serviceIpFamilies(['192.168.1.5'])).toEqual({});
    expect(serviceIpFamilies(['fd00::5'])).toEqual({ ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' });
    expect(serviceIpFamilies(['192.168.1.5', 'fd00::5'])).toEqual({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' });
  });
});

function dualStackLab(loadBalancer: 'metallb' | 'cilium', extra: (chart: ClusterChart, nodes: { only6: ReturnType<typeof host> }) => void = () => undefined) {
  const node = host('ds-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', ipv6Address: 'FD00:1::10' });
  const only6 = host('ds-six', { arch: 'amd64', address: 'fd00:1::11' });
  const vlans = { lan: vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' }), lan6: vlan('lan6', { id: 6, cidr: 'FD00:1:0::/64', gateway: 'fd00:1::1' }) };
  const lab = site('ds', {
    domain: 'ds.test', hosts: [node, only6], vlans, git: { url: 'https://git.ds.test/lab.git' },
    pools: { vips: { first: '192.168.1.50', last: '192.168.1.59' }, vips6: { first: 'fd00:1::50', last: 'FD00:1::0059', vlan: 6 } },
  });
  return synthInMemory((app) => {
  const pools = [lab.pools.vips, lab.pools.vips6];
  const chart = new ClusterChart(app, 'main', {
    site: lab, hosts: [node, only6], routes: traefik({ nodePorts: true }), storage: {}, gitops: flux(),
    ...(loadBalancer === 'cilium' ? { cni: cilium({ kubeProxyReplacement: false }) } : {}),
    loadBalancer: loadBalancer === 'metallb' ? metalLb({ pools }) : ciliumLoadBalancer({ pools, lease: { duration: '3s', renewDeadline: '1s', retryPeriod: '200ms' } }),
  });
  const reader = new App(chart, 'reader', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], egress: [{ cidr: 'fd00:2::/64', ports: [{ port: 443 }] }],
    serviceAccount: { reason: 'reads pods', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    loadBalancer: { address: lab.pools.vips.at('192.168.1.52'), ipv6Address: lab.pools.vips6.at('fd00:1::52') },
  });
  new App(chart, 'six', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], loadBalancer: { address: lab.pools.vips6.at('FD00:1::53') }, egress: [reader] });
  extra(chart, { only6 });
  });
}

const objectOf = (result: ReturnType<typeof synthInMemory>, kind: string, name: string) =>
  result.clusters.flatMap((c) => c.objects).find((o) => o.manifest.kind === kind && o.manifest.metadata.name === name)!.manifest as any;

describe('a dual-stack inventory', () => {
  test('synthesizes under MetalLB: IPv6 pools, a dual-stack and a single-stack IPv6 Service, /128 node peers', () => {
    const result = dualStackLab('metallb');
    expect(result.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(objectOf(result, 'IPAddressPool', 'vips6').spec.addresses).toEqual(['fd00:1::50-fd00:1::59']);
    const dual = objectOf(result, 'Service', 'reader-lb');
    expect(dual.metadata.annotations).toEqual({ 'metallb.io/loadBalancerIPs': '192.168.1.52,fd00:1::52' });
    expect(dual.spec).toMatchObject({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' });
    const six = objectOf(result, 'Service', 'six-lb');
    expect(six.metadata.annotations).toEqual({ 'metallb.io/address-pool': 'vips6', 'metallb.io/loadBalancerIPs': 'fd00:1::53' });
    expect(six.spec).toMatchObject({ ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' });
    // The API server reached from the reader: each address of the control-plane node.
    const egress = JSON.stringify(objectOf(result, 'NetworkPolicy', 'reader').spec.egress);
    expect(egress).toContain('"cidr":"192.168.1.10/32"');
    expect(egress).toContain('"cidr":"fd00:1::10/128"');
    expect(egress).toContain('"cidr":"fd00:2::/64"');
    // The IPv6 pool is announced from the host with an address on its VLAN.
    expect(objectOf(result, 'L2Advertisement', 'layer2-vips6').spec.nodeSelectors).toEqual([{ matchLabels: { 'kubernetes.io/hostname': 'ds-node' } }, { matchLabels: { 'kubernetes.io/hostname': 'ds-six' } }]);
  });
  test('synthesizes under Cilium LB-IPAM with IPv6 blocks and both addresses in its annotation', () => {
    const result = dualStackLab('cilium');
    expect(result.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(objectOf(result, 'CiliumLoadBalancerIPPool', 'vips6').spec.blocks).toEqual([{ start: 'fd00:1::50', stop: 'fd00:1::59' }]);
    expect(objectOf(result, 'Service', 'reader-lb').metadata.annotations).toEqual({ 'lbipam.cilium.io/ips': '192.168.1.52,fd00:1::52' });
  });
});

describe('a server of an IPv6-only node behind a HostService', () => {
  test('gets a single-stack IPv6 Service and an IPv6 EndpointSlice, which the proxies read for it', () => {
    const result = dualStackLab('metallb', (chart, { only6 }) => new HostService(chart, 'caddy', { host: only6, port: 8880, namespace: 'static' }));
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(objectOf(result, 'Service', 'caddy').spec).toMatchObject({ ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' });
    expect(objectOf(result, 'EndpointSlice', 'caddy-1')).toMatchObject({ addressType: 'IPv6', endpoints: [{ addresses: ['fd00:1::11'] }] });
  });
});
