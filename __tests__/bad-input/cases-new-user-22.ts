import { ApiObject, App as CdkApp } from 'cdk8s';
import { AppDevice, ClusterChart, flux, HomeAssistantVm, HomelabApp, host, MediaContainers, metalLb, permitVmHostDevices, site, traefik, vlan } from '../../constructs';
import type { VmHostDevice } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded } from './lab';

// A home lab's hardware: an Intel iGPU for QuickSync, an NVIDIA card, Zigbee and Z-Wave sticks and a Coral
// TPU, given to apps through /dev and the device plugins, and to a KubeVirt VM passed through whole.

/** The lab's hardware: `nas` (Intel iGPU, ZFS pool `vms`, IoT bridge, two USB sticks), `gpubox` (an NVIDIA card, a Coral USB) and `pi`. */
function hardware(usbDevices: Record<string, unknown> = { zigbee: { vendorId: '10c4', productId: 'ea60' }, zwave: { vendorId: '0658', productId: '0200' } }, gpuPciId: unknown = '10de:2504') {
  const iot = vlan('iot', { id: 20, cidr: '192.168.20.0/24', gateway: '192.168.20.1' });
  const nas = host('nas', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', memoryGigabytes: 32,
    gpus: [{ vendor: 'intel', model: 'UHD Graphics 630' }], zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: iot, uplink: 'eno1.20' } },
    usbDevices: usbDevices as Record<'zigbee' | 'zwave', { vendorId: string; productId: string }>,
  });
  const gpubox = host('gpubox', {
    arch: 'amd64', address: '192.168.1.11', gpus: [{ vendor: 'nvidia', model: 'RTX 3060', pciId: gpuPciId as string }],
    usbDevices: { coral: { vendorId: '1a6e', productId: '089a' } },
  });
  const pi = host('pi', { arch: 'arm64', address: '192.168.1.12' });
  const outside = host('outside', { arch: 'amd64', address: '192.168.1.13', usbDevices: { stick: { vendorId: '10c4', productId: 'ea60' } } });
  const home = site('hw', {
    domain: 'hw.test', hosts: [nas, gpubox, pi, outside], vlans: { iot }, git: { url: 'https://git.hw.test/lab.git' },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  });
  return { nas, gpubox, pi, outside, home };
}

/** Builds the hardware lab's cluster `hw` beside the corpus' own and hands it to `build`. */
const inHardwareLab = (build: (cluster: ClusterChart, lab: ReturnType<typeof hardware>) => void, labFacts: () => ReturnType<typeof hardware> = () => hardware()) =>
  guarded((_main: ClusterChart, app: CdkApp) => {
    const facts = labFacts();
    const cluster = new ClusterChart(app, 'hw', {
      site: facts.home, hosts: [facts.nas, facts.gpubox, facts.pi], routes: traefik({ address: facts.home.pools.vips.at('192.168.1.240') }),
      loadBalancer: metalLb({ pools: [facts.home.pools.vips] }), storage: { vm: facts.nas.zfs.vms }, gitops: flux(),
    });
    build(cluster, facts);
  });

/** Home Assistant's VM on nas' pool `vms`, given `hostDevices`, in a lab whose nas has `usbDevices`. */
const haVmWith = (usbDevices: Record<string, unknown> | undefined, devices: (lab: ReturnType<typeof hardware>) => unknown[]) => inHardwareLab((cluster, lab) => new HomeAssistantVm(cluster, 'home-assistant', {
  disk: lab.nas.zfs.vms.existingVolume('haos', { size: '32Gi' }), iot: { bridge: lab.nas.bridges.br20, address: '192.168.20.5' },
  hostDevices: devices(lab) as VmHostDevice[],
}), () => hardware(usbDevices));

/** Home Assistant's VM on nas' pool `vms`, given `hostDevices`. */
const haVm = (devices: (lab: ReturnType<typeof hardware>) => unknown[]) => haVmWith(undefined, devices);

/** A VM written by hand in namespace `vms` whose devices are `devices` (`gpus` or `hostDevices`). */
const handVm = (devices: Record<string, unknown>, permit: (lab: ReturnType<typeof hardware>) => VmHostDevice[] = () => []) => inHardwareLab((cluster, lab) => {
  cluster.namespaces.ensure('vms');
  permitVmHostDevices(cluster, permit(lab));
  new ApiObject(cluster, 'win', {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'win', namespace: 'vms' },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          nodeSelector: { 'kubernetes.io/hostname': 'gpubox' },
          domain: { memory: { guest: '8Gi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], ...devices } },
          volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
        },
      },
    },
  });
});

const IMAGE = 'ghcr.io/haveagitgat/tdarr:2.27.02';

export const CASES: BadInput[] = [
  // KubeVirt: a VM given a host's USB stick or GPU, which the cluster's KubeVirt CR then permits.
  { name: 'a VM given its Zigbee stick by its /dev path', build: haVm(() => ['/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus-if00-port0']), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', hint: /usbDevices: \{ zigbee: \{ vendorId/ },
  { name: 'a VM given a USB stick of another host than its disk', build: haVm((lab) => [lab.gpubox.usb.coral]), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', message: /the VM runs on nas/ },
  { name: 'a VM given a GPU of another host than its disk', build: haVm((lab) => [lab.gpubox.vmGpu()]), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', hint: /nas\.vmGpu\(\)/ },
  { name: 'a VM given a GPU without its PCI ID', build: haVm((lab) => [lab.nas.vmGpu()]), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', hint: /pciId: '8086:/ },
  { name: 'a VM given a second GPU its host does not have', build: haVm((lab) => [lab.nas.vmGpu(1)]), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', message: /has no GPU gpus\[1\]/ },
  { name: 'a VM given a device of a host outside its cluster', build: haVm((lab) => [lab.outside.usb.stick]), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', message: /no node of the cluster/ },
  { name: 'a VM given one stick twice', build: haVm((lab) => [lab.nas.usb.zigbee, lab.nas.usb.zigbee]), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[1]' },
  { name: 'a VM given a USB stick by a misspelt name', build: haVm((lab) => [(lab.nas.usb as Record<string, unknown>).zigbe]), layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', hint: /nas\.usb\.zigbee, nas\.usb\.zwave/ },
  {
    name: 'two VMs given the one Zigbee stick',
    build: inHardwareLab((cluster, lab) => ['home-assistant', 'home-assistant-test'].forEach((id, i) => new HomeAssistantVm(cluster, id, {
      disk: lab.nas.zfs.vms.existingVolume(`haos${i}`, { size: '32Gi' }), iot: { bridge: lab.nas.bridges.br20, address: `192.168.20.${5 + i}` }, hostDevices: [lab.nas.usb.zigbee],
    }))),
    layer: 'props', path: 'hw/home-assistant-test', field: 'hostDevices[0]', message: /given to VM hw\/home-assistant already/,
  },
  {
    name: 'an app asking for the NVIDIA GPU a VM is given',
    build: inHardwareLab((cluster, lab) => {
      cluster.namespaces.ensure('vms');
      permitVmHostDevices(cluster, [lab.gpubox.vmGpu()]);
      new HomelabApp(cluster, 'immich-ml', { image: 'ghcr.io/immich-app/immich-machine-learning:v1.122.0-cuda', ports: [{ name: 'http', port: 3003 }], gpu: { vendor: 'nvidia' } });
    }),
    layer: 'inventory', path: 'hw/immich-ml', field: 'gpu', message: /vfio-pci/,
  },
  {
    name: 'a VM given one of two sticks of one chip',
    build: haVmWith({ zigbee: { vendorId: '10c4', productId: 'ea60' }, zwave: { vendorId: '10c4', productId: 'ea60' } }, (lab) => [lab.nas.usb.zigbee]),
    layer: 'props', path: 'hw/home-assistant', field: 'hostDevices[0]', hint: /every stick of that ID/,
  },
  { name: 'a resource name permitted where a device belongs', build: inHardwareLab((cluster) => permitVmHostDevices(cluster, ['usb.homelab.dev/10c4-ea60'] as unknown as VmHostDevice[])), layer: 'props', path: 'hw', field: 'permitVmHostDevices.devices[0]', hint: /host\.usb\.<name>/ },
  { name: 'a hand-written VM asking for nvidia.com/gpu', build: handVm({ gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/gpu' }] }), layer: 'references', path: 'hw/win', field: 'spec.template.spec.domain.devices.gpus[0].deviceName', hint: /container device plugin's resource/ },
  { name: 'a hand-written VM asking for a USB resource KubeVirt does not permit', build: handVm({ hostDevices: [{ name: 'zigbee', deviceName: 'kubevirt.io/zigbee' }] }), layer: 'references', path: 'hw/win', field: 'spec.template.spec.domain.devices.hostDevices[0].deviceName', hint: /permitVmHostDevices/ },
  { name: 'a hand-written VM with its permitted GPU under gpus', build: handVm({ gpus: [{ name: 'gpu1', deviceName: 'pci.homelab.dev/10de-2504' }] }, (lab) => [lab.gpubox.vmGpu()]), layer: 'references', path: 'hw/win', field: 'spec.template.spec.domain.devices.gpus[0]', hint: /under hostDevices/ },

  // The inventory's USB devices and GPU IDs as lsusb and lspci print them.
  { name: 'a USB stick written with its lsusb ID as one text', build: inHardwareLab(() => undefined, () => hardware({ zigbee: { id: '10c4:ea60' } })), layer: 'inventory', path: 'inventory/host/nas', field: 'usbDevices.zigbee.id', hint: /vendorId: '10c4', productId: 'ea60'/ },
  { name: 'a USB stick whose vendor is its maker\'s name', build: inHardwareLab(() => undefined, () => hardware({ zigbee: { vendorId: 'Silicon Labs', productId: 'ea60' } })), layer: 'inventory', path: 'inventory/host/nas', field: 'usbDevices.zigbee.vendorId' },
  { name: 'USB sticks listed rather than keyed by name', build: inHardwareLab(() => undefined, () => hardware([{ vendorId: '10c4', productId: 'ea60' }] as unknown as Record<string, unknown>)), layer: 'inventory', path: 'inventory/host/nas', field: 'usbDevices', hint: /key the devices by a name/ },
  { name: 'a USB stick named with capitals', build: inHardwareLab(() => undefined, () => hardware({ Zigbee: { vendorId: '10c4', productId: 'ea60' } })), layer: 'inventory', path: 'inventory/host/nas', field: 'usbDevices.Zigbee', hint: /'zigbee'/ },
  { name: 'a GPU whose pciId is its slot', build: inHardwareLab(() => undefined, () => hardware(undefined, '01:00.0')), layer: 'inventory', path: 'inventory/host/gpubox', field: 'gpus[0].pciId', message: /slot/ },

  // Apps: /dev/dri on a host with no GPU, a device plugin's GPU left unpinned, a node label as a role.
  {
    name: 'the iGPU render node mounted on a host with no GPU',
    build: (c) => new HomelabApp(c, 'tdarr', { image: IMAGE, ports: [{ name: 'http', port: 8265 }], placement: { host: arm1 }, devices: [AppDevice.dri('renderD128')], supplementalGroups: [44, 993], exemptions: { hostPath: 'the iGPU', privileged: 'opens the render node' } }),
    layer: 'inventory', path: 'tdarr', field: 'devices[0]', message: /arm1, which has no GPU/,
  },
  {
    name: '/dev/dri mounted by an app that may run on a host with no GPU',
    build: inHardwareLab((c) => new HomelabApp(c, 'tdarr', { image: IMAGE, ports: [{ name: 'http', port: 8265 }], devices: [AppDevice.dri()], supplementalGroups: [44, 993], exemptions: { hostPath: 'the iGPU', privileged: 'opens the render node' } })),
    layer: 'inventory', path: 'hw/tdarr', field: 'devices[0]', hint: /placement: \{ gpu: 'intel' \}/,
  },
  {
    name: 'an NVIDIA GPU asked for as a device plugin resource, unpinned',
    build: inHardwareLab((c) => new HomelabApp(c, 'llama', { image: 'ghcr.io/ggerganov/llama.cpp:server-cuda-b4400', ports: [{ name: 'http', port: 8080 }], devices: [AppDevice.plugin('nvidia.com/gpu')] })),
    layer: 'inventory', path: 'hw/llama', field: 'devices[0]', hint: /gpu: \{ vendor: 'nvidia' \}/,
  },
  {
    name: 'a Coral USB accelerator mounted by its numbered USB node',
    build: guarded((c: ClusterChart) => new HomelabApp(c, 'frigate', { image: 'ghcr.io/blakeblackshear/frigate:0.14.1', ports: [{ name: 'http', port: 5000 }], devices: [AppDevice.hostDevice('/dev/bus/usb/002/003')], exemptions: { hostPath: 'the Coral', privileged: 'opens the TPU' } })),
    layer: 'props', path: 'frigate', field: 'devices[0].path', hint: /AppDevice\.hostDevice\('\/dev\/bus\/usb\/002'\)/,
  },
  {
    name: 'a compose device of a Coral USB accelerator by its numbered USB node',
    build: (c) => new MediaContainers(c, 'media', {
      settings: { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
      containers: { frigate: { image: 'ghcr.io/blakeblackshear/frigate:0.14.1', host: gpu1, listenPort: 5000, devices: ['/dev/bus/usb/002/003:/dev/bus/usb/002/003'], privileged: 'opens the TPU' } },
    }),
    layer: 'references', path: 'media', field: 'containers.frigate.devices', hint: /"\/dev\/bus\/usb\/002:\/dev\/bus\/usb\/002"/,
  },
  {
    name: 'an app pinned to a host and asking for a GPU only another host has',
    build: (c) => new HomelabApp(c, 'tdarr', { image: IMAGE, ports: [{ name: 'http', port: 8265 }], gpu: { vendor: 'nvidia' }, placement: { host: arm1 } }),
    layer: 'inventory', path: 'tdarr', field: 'placement', hint: /host arm1: arm1; an NVIDIA GPU: gpu1/,
  },
  {
    name: 'a node-feature-discovery label given as the workload role',
    build: (c) => new HomelabApp(c, 'zwave', { image: 'zwavejs/zwave-js-ui:9.27.4', ports: [{ name: 'http', port: 8091 }], placement: { workloadRole: 'feature.node.kubernetes.io/usb-ff_0658_0200.present' } }),
    layer: 'inventory', path: 'zwave', field: 'placement.workloadRole', hint: /is not read/,
  },
];

