import { host, site, vlan } from '../constructs';

// A pool's tag that is no VLAN id is said once, on the pool: the site neither hints to declare a VLAN of
// that id nor reports it undeclared.
const node = (name: string) => host(name, { arch: 'amd64', address: '10.9.0.1' });

test('a pool tagged 5000 on a site without VLANs is not told to declare VLAN 5000', () => {
  const lab = site('tag-a', { domain: 'a.test', hosts: [node('tag-a-node')], pools: { vips: { first: '10.9.0.240', last: '10.9.0.250', vlan: 5000 } } });
  expect(lab.problems.map((p) => p.field)).toEqual([]);
  expect(lab.pools.vips.problems.map((p) => p.field)).toEqual(['vlan']);
});

test("a pool tagged '20' is not also on an undeclared VLAN", () => {
  const lab = site('tag-b', {
    domain: 'b.test', hosts: [node('tag-b-node')], vlans: { lan: vlan('tag-lan', { id: 9, cidr: '10.9.0.0/24' }), iot: vlan('tag-iot', { id: 20, cidr: '10.9.20.0/24' }) },
    pools: { vips: { first: '10.9.20.240', last: '10.9.20.250', vlan: '20' as any } },
  });
  expect(lab.problems.map((p) => p.field)).toEqual([]);
  expect(lab.pools.vips.problems.map((p) => p.field)).toEqual(['vlan']);
});

test("a pool tagged with its VLAN's name, by the key or by the name vlan() gave it, is told the VLAN's id", () => {
  const lab = site('tag-c', {
    domain: 'c.test', hosts: [node('tag-c-node')], vlans: { lan: vlan('tag-lan-c', { id: 9, cidr: '10.9.0.0/24' }), iot: vlan('tag-iot-c', { id: 20, cidr: '10.9.20.0/24' }) },
    pools: { vips: { first: '10.9.20.240', last: '10.9.20.245', vlan: 'iot' as any }, more: { first: '10.9.20.246', last: '10.9.20.250', vlan: 'tag-iot-c' as any } },
  });
  expect(lab.problems).toEqual([]);
  expect([...lab.pools.vips.problems, ...lab.pools.more.problems].map((p) => `${p.field}: ${p.message} | ${p.hint}`)).toEqual([
    'vlan: vlan "iot" is the name of the site\'s VLAN, where a pool is tagged with its id | write vlan: 20',
    'vlan: vlan "tag-iot-c" is the name of the site\'s VLAN, where a pool is tagged with its id | write vlan: 20',
  ]);
});

test('a VLAN written as a plain object of its facts is told the vlan() call that declares it', () => {
  const lab = site('tag-d', {
    domain: 'd.test', hosts: [node('tag-d-node')], vlans: { iot: { id: 20, cidr: '10.9.20.0/24' } as any },
  });
  expect(lab.problems.map((p) => `${p.field} | ${p.hint}`)).toEqual([
    "vlans.iot | declare it with vlan() and pass that object: iot: vlan('iot', { id: 20, cidr: '10.9.20.0/24' })",
  ]);
});
