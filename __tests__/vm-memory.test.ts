import type { Construct } from 'constructs';
import { HomeAssistantVm } from '../constructs';
import { synthInMemory } from './support/synth';
import { vmLab } from './support/vm-lab';

// A VM runs where its disk's pool is: a guest given more memory than that host has would never be scheduled.

function memoryLab(scope: Construct, memory?: string) {
  const { box, cluster } = vmLab(scope);
  new HomeAssistantVm(cluster, 'home-assistant', {
    disk: box.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.2' }, memory,
  });
}

const memoryFindings = (memory?: string) => synthInMemory((scope) => memoryLab(scope, memory)).findings
  .filter((f) => f.field === 'memory').map((f) => `${f.severity} ${f.constructPath}: ${f.message} (${f.hint})`);

describe("a VM's memory against its host", () => {
  test('more than the host of its disk has is a warning on memory', () => {
    expect(memoryFindings('64Gi')).toEqual([expect.stringMatching(/^warning .*home-assistant: the guest's memory 64Gi is more than host box has \(32 GB\).*memory: '16Gi'/)]);
  });

  test('the default memory fits', () => {
    expect(memoryFindings()).toEqual([]);
  });
});
