import { ClusterChart, flux, HomeAssistantVm, traefik } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { guarded } from './lab';

// The addresses a Home Assistant VM routes through its pod interface: IPv4 load-balancer addresses of its
// cluster, never a name, an IPv6 address (the pod interface has IPv4 only) or a neighbour on its IoT VLAN.

const homeAssistant = (podRouteAddresses: unknown[]) => guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
  new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, podRouteAddresses } as any,
));

export const CASES: BadInput[] = [
  {
    name: 'a Home Assistant VM pod route address that is a host name',
    build: homeAssistant(['id.jax-lab.dev']), layer: 'props', path: 'home-assistant', field: 'podRouteAddresses[0]', hint: /load-balancer address of this cluster/,
  },
  {
    name: 'a Home Assistant VM pod route address of IPv6',
    build: homeAssistant(['192.168.8.50', 'fd00:8::50']), layer: 'props', path: 'home-assistant', field: 'podRouteAddresses[1]', hint: /IPv4 only/,
  },
  {
    name: 'a Home Assistant VM pod route address on its own IoT VLAN',
    build: homeAssistant(['192.168.64.10']), layer: 'props', path: 'home-assistant', field: 'podRouteAddresses[0]', message: /IoT interface's own network/,
  },
];
