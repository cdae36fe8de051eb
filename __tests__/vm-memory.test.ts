import type { Construct } from 'constructs';
import { ClusterChart, flux, HomeAssistantVm, host, site, traefik, vlan } from '../constructs';
import { synthInMemory } from './support/synth';

// A VM runs where its disk's pool is: a guest given more memory than that host has would never be scheduled.

function vmLab(scope: Construct, memory?: string) {
  const lan = vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' });
  const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1' });
  const box = host('box', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', memoryGigabytes: 32,
    zfsPools: { vms: { media: 'ssd' } }, bridges: { br64: { vlan: iot, uplink: 'eno1.64' } },
  });
  const home = site('home', { domain: 'home.example', hosts: [box], vlans: { lan, iot }, git: { url: 'https://git.home.example/lab.git' } });
  const cluster = new ClusterChart(scope, 'main', { site: home, hosts: [box], routes: traefik({ nodePorts: true }), storage: { vm: box.zfs.vms }, gitops: flux() });
  new HomeAssistantVm(cluster, 'home-assistant', {
    disk: box.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.2' }, memory,
  });
}

const memoryFindings = (memory?: string) => synthInMemory((scope) => vmLab(scope, memory)).findings
  .filter((f) => f.field === 'memory').map((f) => `${f.severity} ${f.constructPath}: ${f.message} (${f.hint})`);

describe("a VM's memory against its host", () => {
  test('more than the host of its disk has is a warning on memory', () => {
    expect(memoryFindings('64Gi')).toEqual([expect.stringMatching(/^warning .*home-assistant: the guest's memory 64Gi is more than host box has \(32 GB\).*memory: '16Gi'/)]);
  });

  test('the default memory fits', () => {
    expect(memoryFindings()).toEqual([]);
  });
});
