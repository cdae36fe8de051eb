import type { Construct } from 'constructs';
import { zfsPoolProblems } from '../constructs/inventory/zfs-pool-facts';
import { raw } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { vmLab } from './support/vm-lab';

// What the VM and ZFS pool checks refuse must leave alone what KubeVirt and OpenEBS read as written: MAC
// addresses with colons in either case, every interface model KubeVirt emulates, memory in any unit or as a
// bare number of bytes of 1M or more, and a pool keyed by a dataset below it.

/** The errors on the VM's interfaces and memory of a VM with `iface` on its interface and `domain` in its domain. */
function vmErrors(iface: Record<string, unknown>, domain: Record<string, unknown>): string[] {
  const define = (scope: Construct) => {
    const { cluster } = vmLab(scope);
    raw(cluster, 'w', {
      apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'debian', namespace: 'web' },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {}, ...iface }] }, memory: { guest: '2Gi' }, ...domain },
            networks: [{ name: 'default', pod: {} }],
            volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/debian:12' } }],
          },
        },
      },
    });
  };
  return synthInMemory(define).findings
    .filter((f) => f.severity === 'error' && /interfaces|memory/.test(f.field))
    .map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

describe('VMs written as KubeVirt reads them', () => {
  test.each(['02:00:00:aa:bb:cc', '02:00:00:AA:BB:CC'])('MAC address %s', (macAddress) => {
    expect(vmErrors({ macAddress }, {})).toEqual([]);
  });

  test.each(['virtio', 'e1000', 'e1000e', 'igb', 'ne2k_pci', 'pcnet', 'rtl8139'])('interface model %s', (model) => {
    expect(vmErrors({ model }, {})).toEqual([]);
  });

  test.each(['1536Mi', '2G', '2147483648'])('guest memory %s', (guest) => {
    expect(vmErrors({}, { memory: { guest } })).toEqual([]);
  });

  test('a memory request without its unit is the one error, on the request', () => {
    expect(vmErrors({}, { resources: { requests: { memory: '512' } } })).toEqual([
      expect.stringMatching(/domain\.resources\.requests\.memory: memory 512 is 512 bytes/),
    ]);
  });
});

describe('ZFS pool names', () => {
  test.each(['tank', 'tank/k8s', 'rpool/data/vms'])('%s is a pool or a dataset OpenEBS takes', (name) => {
    expect(zfsPoolProblems(name, { media: 'ssd' })).toEqual([]);
  });

  test("a dataset written with the '/' df shows after it is named without it", () => {
    expect(zfsPoolProblems('tank/vms/', { media: 'ssd' })).toEqual([
      expect.objectContaining({ field: 'name', hint: expect.stringMatching(/at its end: zfsPools: \{ 'tank\/vms'/) }),
    ]);
  });
});
