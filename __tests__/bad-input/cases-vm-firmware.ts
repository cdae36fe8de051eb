import { ClusterChart, flux, HomeAssistantVm, traefik } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { guarded } from './lab';

// How a Home Assistant VM boots is one of two firmwares, written as KubeVirt's bootloaders are named.

const homeAssistant = (firmware: unknown) => guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
  new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, firmware } as any,
));

export const CASES: BadInput[] = [
  {
    name: "a Home Assistant VM firmware written as libvirt's uefi",
    build: homeAssistant('uefi'), layer: 'props', path: 'home-assistant', field: 'firmware', hint: /efi|bios/,
  },
];
