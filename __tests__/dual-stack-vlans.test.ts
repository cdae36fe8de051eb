import { App, ClusterChart, flux, host, metalLb, site, traefik, vlan } from '../constructs';
import { ciliumOptionProblems } from '../constructs/platform/cilium-options';
import { l2Advertisements } from '../constructs/platform/metallb';
import { synthInMemory } from './support/synth';

// A dual-stack VLAN is one 802.1Q segment with an IPv4 and an IPv6 network: the inventory declares it as
// two VLANs of one id, one per family, and a pool tagged with the id is on the network of its own family.

function dualStackVlanLab() {
  const vlans = {
    lan: vlan('lan', { id: 10, cidr: '192.168.10.0/24', gateway: '192.168.10.1' }),
    lan6: vlan('lan6', { id: 10, cidr: 'fd00:10::/64', gateway: 'fd00:10::1' }),
  };
  const node = host('dsv-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.10', ipv6Address: 'fd00:10::10' });
  const lab = site('dsv', {
    domain: 'dsv.test', hosts: [node], vlans, git: { url: 'https://git.dsv.test/lab.git' },
    pools: {
      vips: { first: '192.168.10.200', last: '192.168.10.220', vlan: 10 },
      vips6: { first: 'fd00:10::200', last: 'fd00:10::220', vlan: 10 },
    },
  });
  return { lab, node, vlans };
}

test('a VLAN of one id with a network of each family is no VLAN declared twice, and each pool lies in its own', () => {
  const { lab } = dualStackVlanLab();
  expect(lab.problems).toEqual([]);
});

test('one id and one family twice is still a VLAN declared twice', () => {
  const twice = site('dsv-twice', {
    domain: 'dsv.test', hosts: [],
    vlans: { a: vlan('a', { id: 10, cidr: '192.168.10.0/24' }), b: vlan('b', { id: 10, cidr: '192.168.11.0/24' }) },
  });
  expect(twice.problems.map((p) => p.field)).toEqual(['vlans.b']);
});

test('a pool of the other family than every VLAN of its id is outside its network', () => {
  const lab = site('dsv-v4only', {
    domain: 'dsv.test', hosts: [], vlans: { lan: vlan('lan', { id: 10, cidr: '192.168.10.0/24' }) },
    pools: { vips6: { first: 'fd00:10::200', last: 'fd00:10::220', vlan: 10 } },
  });
  expect(lab.problems.map((p) => p.field)).toEqual(['pools.vips6']);
});

test('MetalLB announces both pools of the dual-stack VLAN from the host on it, and a dual-stack Service synthesizes', () => {
  const { lab, node, vlans } = dualStackVlanLab();
  const plan = l2Advertisements([lab.pools.vips, lab.pools.vips6], [node], Object.values(vlans));
  expect(plan.unreachable).toEqual([]);
  expect(plan.advertisements.map((a) => [a.name, a.nodeNames])).toEqual([['layer2-vips', ['dsv-node']], ['layer2-vips6', ['dsv-node']]]);
  const result = synthInMemory((app) => {
    const chart = new ClusterChart(app, 'main', {
      site: lab, hosts: [node], routes: traefik({ nodePorts: true }), storage: {}, gitops: flux(),
      loadBalancer: metalLb({ pools: [lab.pools.vips, lab.pools.vips6] }),
    });
    new App(chart, 'whoami', {
      image: 'traefik/whoami:v1.10.1', args: ['--port', '8080'], namespace: 'web', ports: [{ name: 'http', port: 8080 }],
      loadBalancer: { address: lab.pools.vips.at('192.168.10.201'), ipv6Address: lab.pools.vips6.at('fd00:10::201') },
    });
  });
  expect(result.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
  const service = result.clusters.flatMap((c) => c.objects).map((o) => o.manifest as any)
    .find((m) => m.kind === 'Service' && m.spec.type === 'LoadBalancer');
  expect(service.spec.ipFamilyPolicy).toBe('RequireDualStack');
  expect(service.metadata.annotations['metallb.io/loadBalancerIPs']).toBe('192.168.10.201,fd00:10::201');
});

test("Cilium's API server address may be an IPv6 address, written bare as the agent joins it with the port", () => {
  expect(ciliumOptionProblems({ k8sServiceHost: 'fd00:10::10', k8sServicePort: 6443 })).toEqual([]);
  expect(ciliumOptionProblems({ k8sServiceHost: '192.168.10.10' })).toEqual([]);
  expect(ciliumOptionProblems({ k8sServiceHost: '[fd00:10::10]' }).map((p) => p.field)).toEqual(['k8sServiceHost']);
  expect(ciliumOptionProblems({ k8sServiceHost: 'https://[fd00:10::10]:6443' }).map((p) => p.field)).toEqual(['k8sServiceHost']);
});
