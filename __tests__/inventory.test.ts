import { AddressPool, host, resolvePlacement, Vlan } from '../constructs';
import { renderPlacement } from '../constructs/app/placement';
import { m1, mobius, n5, vps } from '../hosts/mobius';

describe('address pools', () => {
  const pool = new AddressPool('vips', { first: '192.168.8.50', last: '192.168.8.79' });

  test('contains its range, inclusive', () => {
    expect(pool.contains('192.168.8.50')).toBe(true);
    expect(pool.contains('192.168.8.79')).toBe(true);
    expect(pool.contains('192.168.8.80')).toBe(false);
    expect(pool.contains('192.168.8.49')).toBe(false);
    expect(pool.range).toBe('192.168.8.50-192.168.8.79');
  });

  test('hands out addresses inside and refuses others', () => {
    expect(pool.at('192.168.8.60').address).toBe('192.168.8.60');
    const probe = new AddressPool('probe', { first: '192.168.8.50', last: '192.168.8.79' });
    probe.at('192.168.4.53');
    expect(probe.problems.map((p) => p.message)).toEqual([expect.stringMatching(/outside pool "probe"/)]);
  });

  test('refuses a reversed range and malformed addresses', () => {
    // Inventory objects are declared when a module loads: they record problems, and synthesis reports them.
    expect(new AddressPool('bad', { first: '10.0.0.9', last: '10.0.0.1' }).problems[0].message).toMatch(/reversed/);
    expect(new AddressPool('bad', { first: '10.0.0.300', last: '10.0.0.301' }).problems.map((p) => p.field)).toEqual(['first', 'last']);
  });
});

describe('VLANs', () => {
  test('derive interface addresses with the network prefix', () => {
    const iot = new Vlan('iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1' });
    expect(iot.interfaceAddress('192.168.64.2')).toBe('192.168.64.2/20');
    expect(iot.contains('192.168.79.254')).toBe(true);
    iot.interfaceAddress('192.168.80.1');
    expect(iot.problems[0].message).toMatch(/outside VLAN "iot"/);
  });

  test('refuse a gateway outside the network and ids outside 1-4094', () => {
    expect(new Vlan('x', { id: 5, cidr: '10.0.0.0/24', gateway: '10.0.1.1' }).problems[0].field).toBe('gateway');
    expect(new Vlan('x', { id: 4095, cidr: '10.0.0.0/24' }).problems[0].message).toMatch(/1–4094/);
  });
});

describe('mobius inventory (seed 004)', () => {
  test('N5 carries the three ZFS pools and the IoT bridge', () => {
    expect(Object.keys(n5.zfs).sort()).toEqual(['ai', 'tank', 'vms']);
    expect(n5.zfs.ai.media).toBe('nvme');
    expect(n5.zfs.vms.volumeFilesystem).toBe('ext4');
    expect(n5.zfs.tank.sizeTerabytes).toBe(18.2);
    expect(n5.bridges.bridge64.vlan?.id).toBe(64);
    expect(n5.bridges.bridge64.vlan?.gateway).toBe('192.168.64.1');
  });

  test('M1 is an arm64 worker set aside for monitoring and CI/CD', () => {
    expect(m1.arch).toBe('arm64');
    expect(m1.workloadRoles).toEqual(['monitoring', 'ci-cd']);
    expect(m1.address).toBe('192.168.4.81');
  });

  test('the site knows its pools, external hosts and domain', () => {
    expect(mobius.pools.ingress.range).toBe('192.168.8.50-192.168.8.50');
    expect(mobius.pools.services.range).toBe('192.168.8.51-192.168.8.79');
    expect(mobius.pools.dns.contains('192.168.4.53')).toBe(true);
    expect(mobius.fqdn(mobius.externalHosts.m4)).toBe('m4.jax-lab.dev');
    expect(mobius.externalHosts.m4.port('osaurus')).toBe(8080);
    expect(vps.publicAddress).toBe('85.31.234.30');
  });
});

describe('placement derivation', () => {
  const gpuHost = host('gpu', { arch: 'amd64', address: '10.0.0.1', gpus: [{ vendor: 'nvidia' }] });
  const plain = host('plain', { arch: 'amd64', address: '10.0.0.2' });
  const tainted = host('registry', {
    arch: 'arm64', address: '10.0.0.3', taints: [{ key: 'dedicated', value: 'registry', effect: 'NoSchedule' }],
  });
  const hosts = [gpuHost, plain, tainted];

  test('no intent means no constraint', () => {
    const placement = resolvePlacement(hosts, {});
    expect(placement.constrained).toBe(false);
    expect(placement.candidates).toEqual(hosts);
  });

  test('a GPU vendor narrows to the hosts that have one', () => {
    const placement = resolvePlacement(hosts, { gpu: 'nvidia' });
    expect(placement.candidates).toEqual([gpuHost]);
    expect(placement.unmet).toEqual([]);
  });

  test('a vendor no host has is unmet', () => {
    expect(resolvePlacement(hosts, { gpu: 'amd' }).unmet).toEqual([{ text: 'an AMD GPU', field: 'gpu', hint: expect.stringMatching(/^GPUs of this cluster's hosts: gpu \(nvidia\)/) }]);
  });

  test('a ZFS pool pins to the host that owns it', () => {
    const placement = resolvePlacement([n5, m1], { zfsPool: n5.zfs.tank });
    expect(placement.candidates).toEqual([n5]);
    expect(resolvePlacement([vps], { zfsPool: n5.zfs.tank }).unmet[0].text).toMatch(/ZFS pool tank of host n5/);
  });

  test('choosing a tainted host tolerates its taint', () => {
    const placement = resolvePlacement(hosts, { host: tainted });
    expect(placement.tolerations).toEqual([{ key: 'dedicated', value: 'registry', effect: 'NoSchedule' }]);
  });

  test('requirements that contradict each other leave no candidate', () => {
    const placement = resolvePlacement(hosts, { gpu: 'nvidia', arch: 'arm64' });
    expect(placement.candidates).toEqual([]);
    expect(placement.unmet).toEqual([{ text: 'an NVIDIA GPU and arch arm64', hint: 'no host meets them together; an NVIDIA GPU: gpu; arch arm64: registry' }]);
  });

  test('a preferred host with nothing required is still preferred, and nothing is required', () => {
    const rendered = renderPlacement(resolvePlacement(hosts, { preferredHost: plain }));
    expect(rendered).toEqual({
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['plain'] }] } },
      ] } },
    });
    expect(renderPlacement(resolvePlacement(hosts, {}))).toEqual({});
  });

  test('a preferred host outside the allowed ones is a problem of preferredHost', () => {
    const placement = resolvePlacement(hosts, { gpu: 'nvidia', preferredHost: plain });
    expect(placement.unmet).toEqual([]);
    expect(placement.misplaced).toEqual([expect.objectContaining({ field: 'preferredHost', message: expect.stringMatching(/host plain/) })]);
  });
});

describe('host facts left open', () => {
  test('a CPU architecture the design does not give is a placeholder: the stand-in is used and listed', () => {
    expect(vps.arch).toBe('amd64');
    expect(vps.placeholders).toContainEqual(expect.objectContaining({ where: 'host vps arch', value: 'amd64', fact: 'CPU architecture of vps' }));
    // M1's architecture is given (arm64), so it is no placeholder.
    expect(m1.placeholders.some((p) => p.where.endsWith('arch'))).toBe(false);
  });
});
