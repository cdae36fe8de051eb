import { AddressPool, host, l2Advertisements, vlan } from '../constructs';

const services = vlan('services', { id: 4, cidr: '192.168.4.0/24' });
const vips = vlan('vips', { id: 8, cidr: '192.168.8.0/24' });
const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20' });
const server = host('server', { arch: 'amd64', address: '192.168.4.5', vlanInterfaces: [{ vlan: vips, device: 'eno1.8' }] });
const worker = host('worker', { arch: 'arm64', address: '192.168.4.81', nodeName: 'worker-vm' });
const pool = (name: string, first: string, vlanId?: number) => new AddressPool(name, { first, last: first, vlan: vlanId });

test('a pool on a VLAN is announced only from the hosts with a leg on it, on their interface there', () => {
  const { advertisements, unreachable } = l2Advertisements([pool('vips', '192.168.8.50', 8)], [server, worker], [services, vips]);
  expect(unreachable).toEqual([]);
  expect(advertisements).toEqual([{ name: 'layer2-vips', pools: ['vips'], nodeNames: ['server'], interfaces: ['eno1.8'] }]);
});

test('a pool on the VLAN of the hosts\' addresses is announced from those hosts, on any interface', () => {
  const { advertisements } = l2Advertisements([pool('dns', '192.168.4.53', 4)], [server, worker], [services, vips]);
  expect(advertisements).toEqual([{ name: 'layer2-dns', pools: ['dns'], nodeNames: ['server', 'worker-vm'], interfaces: undefined }]);
});

test('a host whose taints keep pods off runs no speaker, so it announces none of its VLAN\'s pools', () => {
  const dedicated = host('dedicated', {
    arch: 'arm64', address: '192.168.4.82', taints: [{ key: 'dedicated', value: 'monitoring', effect: 'NoSchedule' }],
  });
  const preferring = host('preferring', {
    arch: 'arm64', address: '192.168.4.83', taints: [{ key: 'dedicated', value: 'monitoring', effect: 'PreferNoSchedule' }],
  });
  const { advertisements } = l2Advertisements([pool('dns', '192.168.4.53', 4)], [server, dedicated, preferring], [services, vips]);
  expect(advertisements).toEqual([{ name: 'layer2-dns', pools: ['dns'], nodeNames: ['preferring', 'server'], interfaces: undefined }]);
  expect(l2Advertisements([pool('dns', '192.168.4.53', 4)], [dedicated], [services]).unreachable.map((p) => p.name)).toEqual(['dns']);
});

test('pools without a VLAN share one advertisement from every node', () => {
  const { advertisements } = l2Advertisements([pool('a', '10.0.0.10'), pool('b', '10.0.0.20')], [server], [services]);
  expect(advertisements).toEqual([{ name: 'layer2', pools: ['a', 'b'] }]);
});

test('a pool on a VLAN no host reaches is unreachable, not announced', () => {
  const iotPool = pool('iot', '192.168.64.10', 64);
  const { advertisements, unreachable } = l2Advertisements([iotPool], [server, worker], [services, vips, iot]);
  expect(advertisements).toEqual([]);
  expect(unreachable).toEqual([iotPool]);
});

test('a host\'s VLAN interfaces: a malformed one is a problem and left out', () => {
  const odd = host('odd', { arch: 'amd64', address: '192.168.4.6', vlanInterfaces: [{ vlan: vips, device: 'a much too long name' }, { vlan: 8 as any, device: 'eno1.8' }] });
  expect(odd.vlanInterfaces).toEqual([]);
  expect(odd.problems.map((p) => p.field)).toEqual(['vlanInterfaces[0].device', 'vlanInterfaces[1].vlan']);
});
