import { ApiObject, App } from 'cdk8s';
import { ClusterChart, flux, HomeAssistantVm, host, type Host, ownerActions, permitVmHostDevices, site, talos, TALOS_DISTRIBUTION, traefik, vlan } from '../constructs';
import { manifestsOf, synthInMemory } from './support/synth';

// A VM given a host's USB stick: the KubeVirt CR the cluster installs permits exactly the devices its VMs
// are given, with the HostDevices gate, and the VM asks for each by the resource KubeVirt advertises.

const lan = vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' });
const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1' });
const box = host('box', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', memoryGigabytes: 32,
  zfsPools: { vms: { media: 'ssd' } }, bridges: { br64: { vlan: iot, uplink: 'eno1.64' } },
  gpus: [{ vendor: 'nvidia', pciId: '10de:2504' }], usbDevices: { zigbee: { vendorId: '10C4', productId: 'EA60' } },
});
const home = site('home', { domain: 'home.example', hosts: [box], vlans: { lan, iot }, git: { url: 'https://git.home.example/lab.git' } });

test('a VM given a USB stick and a hand-written VM given a GPU: the KubeVirt CR permits both and nothing else', () => {
  const result = synthInMemory((scope) => {
    const cluster = new ClusterChart(scope, 'main', { site: home, hosts: [box], routes: traefik({ nodePorts: true }), storage: { vm: box.zfs.vms }, gitops: flux() });
    new HomeAssistantVm(cluster, 'home-assistant', { disk: box.zfs.vms.existingVolume('haos', { size: '32Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.2' }, hostDevices: [box.usb.zigbee] });
    permitVmHostDevices(cluster, [box.vmGpu()]);
    cluster.namespaces.ensure('desk');
    new ApiObject(cluster, 'desk', {
      apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'desk', namespace: 'desk' },
      spec: { runStrategy: 'Always', template: { spec: { domain: { memory: { guest: '4Gi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], hostDevices: [{ name: 'gpu0', deviceName: 'pci.homelab.dev/10de-2504' }] } }, volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }] } } },
    });
  });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const manifests = manifestsOf(result, 'home/main');
  const release = manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kubevirt');
  expect(release.spec.values.kubevirt.configuration).toEqual({
    developerConfiguration: { featureGates: ['HostDevices'] },
    permittedHostDevices: {
      pciHostDevices: [{ pciVendorSelector: '10DE:2504', resourceName: 'pci.homelab.dev/10de-2504' }],
      usb: [{ resourceName: 'usb.homelab.dev/10c4-ea60', selectors: [{ vendor: '10c4', product: 'ea60' }] }],
    },
  });
  const vm = manifests.find((m) => m.kind === 'VirtualMachine' && m.metadata.name === 'home-assistant');
  expect(vm.spec.template.spec.domain.devices.hostDevices).toEqual([{ name: 'zigbee', deviceName: 'usb.homelab.dev/10c4-ea60' }]);
  expect(manifests.some((m) => m.kind === 'HelmRelease' && m.metadata.name === 'cdi')).toBe(true);
  const steps = ownerActions(result.clusters.find((c) => c.folder === 'home/main')!);
  expect(JSON.stringify(steps)).toMatch(/vfio-pci\.ids=10de:2504/);
});

// A host's NVIDIA GPU passed whole to a VM is bound to vfio-pci: the NVIDIA device plugin, its driver step and
// the nvidia RuntimeClass are for the hosts whose GPUs containers use, and none of them is the VM's host.
test("the NVIDIA device plugin and its driver step stay off a host whose GPU a VM is given, and stay on the other GPU host", () => {
  const vmHost = host('vm-host', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.20', zfsPools: { vms: { media: 'ssd' } },
    bridges: { br64: { vlan: iot, uplink: 'eno1.64' } }, gpus: [{ vendor: 'nvidia', pciId: '10de:2504' }],
  });
  const other = host('other', { arch: 'amd64', roles: ['worker'], address: '192.168.1.21', gpus: [{ vendor: 'nvidia' }] });
  const lab = site('home-gpus', { domain: 'home.example', hosts: [vmHost, other], vlans: { lan, iot }, git: { url: 'https://git.home.example/lab.git' } });
  const build = (hosts: Array<Host<any, any, any>>) => synthInMemory((scope) => {
    const cluster = new ClusterChart(scope, 'main', { site: lab, hosts, routes: traefik({ nodePorts: true }), storage: { vm: vmHost.zfs.vms }, gitops: flux() });
    new HomeAssistantVm(cluster, 'home-assistant', {
      disk: vmHost.zfs.vms.existingVolume('haos', { size: '32Gi' }), iot: { bridge: vmHost.bridges.br64, address: '192.168.64.2' }, hostDevices: [vmHost.vmGpu()],
    });
  });
  const picture = (result: ReturnType<typeof build>) => {
    const manifests = manifestsOf(result, 'home-gpus/main');
    const plugin = manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'nvidia-device-plugin');
    const steps = JSON.stringify(ownerActions(result.clusters.find((c) => c.folder === 'home-gpus/main')!));
    return {
      errors: result.findings.filter((f) => f.severity === 'error'),
      pluginHosts: plugin?.spec.values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values,
      runtimeClass: manifests.some((m) => m.kind === 'RuntimeClass' && m.metadata.name === 'nvidia'),
      driverStep: /install the NVIDIA driver[^"]* on ([\w, ]+), with/.exec(steps)?.[1],
    };
  };
  expect(picture(build([vmHost]))).toEqual({ errors: [], pluginHosts: undefined, runtimeClass: false, driverStep: undefined });
  expect(picture(build([vmHost, other]))).toEqual({ errors: [], pluginHosts: ['other'], runtimeClass: true, driverStep: 'other' });
});

// On Talos the NVIDIA driver comes with the node's image: a node whose GPU a VM is given boots without it.
test('a Talos node whose NVIDIA GPU a VM is given gets no NVIDIA extensions or kernel modules', () => {
  const talosGpu = host('talos-gpu', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.30', gpus: [{ vendor: 'nvidia', pciId: '10de:2504' }] });
  const lab = site('home-talos', { domain: 'home.example', hosts: [talosGpu], vlans: { lan }, git: { url: 'https://git.home.example/lab.git' } });
  const talosSteps = (givenToVm: boolean) => {
    const cluster = new ClusterChart(new App(), 'main', {
      site: lab, hosts: [talosGpu], routes: traefik({ nodePorts: true }), storage: {}, gitops: flux(), preinstalled: [talos({ bringYourOwnCni: false })],
    });
    if (givenToVm) {
      permitVmHostDevices(cluster, [talosGpu.vmGpu()]);
    }
    cluster.prepare();
    return (cluster.platform.preinstalled.find((p) => p.distribution === TALOS_DISTRIBUTION)?.manualSteps ?? []).join('\n');
  };
  expect(talosSteps(false)).toMatch(/nvidia-container-toolkit/);
  expect(talosSteps(true)).not.toMatch(/nvidia/);
});
