import { host, site, vlan } from '../constructs';

// Valid networks of a home lab that the inventory keeps: point-to-point links, single addresses, a pool
// beside the gateway, VLANs side by side.
describe('VLAN networks and the pools on them', () => {
  test('a /31 link may use both its addresses (RFC 3021), a /32 its one', () => {
    expect(vlan('p2p', { id: 31, cidr: '10.9.31.0/31', gateway: '10.9.31.0' }).problems).toEqual([]);
    expect(vlan('one', { id: 32, cidr: '10.9.32.7/32', gateway: '10.9.32.7' }).problems).toEqual([]);
  });

  test('a pool that spans a /31 network is no broadcast address', () => {
    const lab = site('p2p-lab', {
      domain: 'p2p.test', hosts: [host('p2p-node', { arch: 'amd64', address: '10.9.0.1' })],
      vlans: { lan: vlan('p2p-lan', { id: 9, cidr: '10.9.0.0/24' }), link: vlan('link', { id: 31, cidr: '10.9.31.0/31' }) },
      pools: { vips: { first: '10.9.31.0', last: '10.9.31.1', vlan: 31 } },
    });
    expect(lab.problems).toEqual([]);
  });

  test('a pool beside the gateway, in VLANs side by side, passes', () => {
    const lab = site('side-lab', {
      domain: 'side.test', hosts: [host('side-node', { arch: 'amd64', address: '192.168.4.10' })],
      vlans: {
        services: vlan('side-services', { id: 4, cidr: '192.168.4.0/24', gateway: '192.168.4.1' }),
        vips: vlan('side-vips', { id: 8, cidr: '192.168.8.0/24', gateway: '192.168.8.1' }),
        iot: vlan('side-iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1' }),
      },
      pools: { vips: { first: '192.168.8.2', last: '192.168.8.254', vlan: 8 }, dns: { first: '192.168.4.53', last: '192.168.4.53', vlan: 4 } },
    });
    expect(lab.problems).toEqual([]);
    expect(Object.values(lab.vlans).flatMap((v) => v.problems)).toEqual([]);
  });
});
