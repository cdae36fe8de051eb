import type { Construct } from 'constructs';
import { ClusterChart, flux, host, site, traefik, vlan } from '../../constructs';

/**
 * A one-host lab for VMs: host `box` (32 GB, ZFS pool `vms`, bridge `br64` on the IoT VLAN 192.168.64.0/20)
 * of site `home`, in cluster `main`.
 */
export function vmLab(scope: Construct) {
  const lan = vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' });
  const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1' });
  const box = host('box', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', memoryGigabytes: 32,
    zfsPools: { vms: { media: 'ssd' } }, bridges: { br64: { vlan: iot, uplink: 'eno1.64' } },
  });
  const home = site('home', { domain: 'home.example', hosts: [box], vlans: { lan, iot }, git: { url: 'https://git.home.example/lab.git' } });
  const cluster = new ClusterChart(scope, 'main', { site: home, hosts: [box], routes: traefik({ nodePorts: true }), storage: { vm: box.zfs.vms }, gitops: flux() });
  return { box, cluster };
}
