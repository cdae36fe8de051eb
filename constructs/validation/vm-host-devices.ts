import type { Host } from '../inventory/host';
import { HOST_DEVICES_GATE, permittedResourceNames } from '../platform/kubevirt-host-devices';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { closestName } from './closest-name';
import { schedulableHostsOfSpec } from './scheduling';

/** The run strategies under which a VM runs whenever it can, so that VMs of them hold their devices at once. */
const RUNS_ALWAYS: readonly string[] = ['Always', 'RerunOnFailure'];

/** The GPU resources of the container device plugins, which no VM is given: KubeVirt passes a GPU whole, by its PCI ID. */
const CONTAINER_GPU_RESOURCES: readonly string[] = ['nvidia.com/gpu', 'amd.com/gpu', 'gpu.intel.com/i915', 'gpu.intel.com/xe'];

/**
 * A VM's host device (`spec.template.spec.domain.devices.hostDevices[]` or `gpus[]`) names a resource the
 * cluster's KubeVirt CR permits: virt-api takes any name, and the VM's pod asks for a resource no node
 * advertises, so it never schedules. Read from the CR the KubeVirt component renders; a preinstalled
 * KubeVirt's CR is the owner's, and is not judged. A permitted device is advertised only on the hosts that have
 * it, so a VM whose node selector, affinity or tolerations keep it off every one of them never schedules either.
 */
export function checkVmHostDevices(cluster: SynthesizedCluster): Finding[] {
  const permitted = permittedResourceNames(cluster.chart);
  if (permitted === undefined) {
    return [];
  }
  const findings: Finding[] = [];
  // The devices of each resource the VMs that run at once hold, in output order, with the VMs that hold them.
  const held = new Map<string, string[]>();
  for (const vm of indexOf(cluster.objects).of('VirtualMachine')) {
    if (!String(vm.manifest.apiVersion).startsWith('kubevirt.io/')) {
      continue;
    }
    const runsAlways = RUNS_ALWAYS.includes(String(fields(vm.manifest.spec).runStrategy)) || fields(vm.manifest.spec).running === true;
    const vmSpec = fields(fields(fields(vm.manifest.spec).template).spec);
    const devices = fields(fields(vmSpec.domain).devices);
    // Asked once per VM, and only of a VM given a device.
    let schedulable: readonly Host<any, any>[] | undefined;
    const schedulableHere = () => (schedulable ??= schedulableHostsOfSpec(vmSpec, cluster.chart).hosts);
    for (const key of ['hostDevices', 'gpus'] as const) {
      list(devices[key]).forEach((device, i) => {
        const name = text(device.deviceName);
        const field = `spec.template.spec.domain.devices.${key}[${i}].deviceName`;
        if (name === undefined) {
          return; // the schema names a device without its deviceName
        }
        if (!permitted.names.includes(name)) {
          const near = closestName(name, permitted.names);
          findings.push(objectFinding(vm, {
            layer: 'references', severity: 'error', field,
            message: `the VM asks for host device ${name}, which the cluster's KubeVirt CR does not permit (${permitted.names.length > 0 ? `it permits ${permitted.names.join(', ')}` : 'it permits none'}), so its pod asks for a resource no node advertises and never schedules`,
            hint: CONTAINER_GPU_RESOURCES.includes(name)
              ? `${name} is a container device plugin's resource; a VM is given a GPU whole: give the host's GPU its pciId in the inventory, permit it with permitVmHostDevices(this, [host.vmGpu()]) and name its resourceName here`
              : near !== undefined ? `did you mean ${near}?`
                : "declare the device in its host's inventory (usbDevices: { zigbee: { vendorId, productId } }, or a GPU's pciId), permit it with permitVmHostDevices(this, [host.usb.zigbee]) and name its resourceName here (HomeAssistantVm does both with hostDevices)",
          }));
          return;
        }
        const unplaced = unplacedDeviceProblem(cluster, name, schedulableHere);
        const holders = held.get(name) ?? [];
        const supply = cluster.chart.hosts.reduce((n, host) => n + host.vmDeviceCount(name), 0);
        if (runsAlways) {
          held.set(name, [...holders, `${vm.manifest.metadata.name}`]);
        }
        if (unplaced !== undefined) {
          findings.push(objectFinding(vm, { layer: 'references', severity: 'error', field, ...unplaced }));
        } else if (runsAlways && supply > 0 && holders.length >= supply) {
          findings.push(objectFinding(vm, {
            layer: 'references', severity: 'error', field,
            message: `host device ${name} is held by ${holders.join(', ')} already, and the cluster's hosts have ${supply} of it: KubeVirt hands each device to one running VM, so this one waits for it and never starts`,
            hint: 'give each device to one VM that runs always, or run one of them on demand (runStrategy: Manual) and stop the other first',
          }));
        } else if (key === 'gpus' && !permitted.featureGates.includes('GPU')) {
          findings.push(objectFinding(vm, {
            layer: 'references', severity: 'error', field: `spec.template.spec.domain.devices.gpus[${i}]`,
            message: `KubeVirt refuses a VM with gpus unless its GPU feature gate is on, and the cluster's KubeVirt CR turns on ${HOST_DEVICES_GATE} alone`,
            hint: `give the GPU under hostDevices instead: hostDevices: [{ name: '${text(device.name) ?? 'gpu'}', deviceName: '${name}' }], which passes a PCI device whole`,
          }));
        }
      });
    }
  }
  return findings;
}

/**
 * Why a VM given the permitted device `resourceName` cannot run where the device is: no host of the cluster has it
 * (KubeVirt's device plugin advertises it nowhere), or the VM's own placement (`nodeSelector`, required node
 * affinity, tolerations) allows none of the hosts that have it. Undefined when it can.
 */
function unplacedDeviceProblem(cluster: SynthesizedCluster, resourceName: string, schedulable: () => readonly Host<any, any>[]): { message: string; hint: string } | undefined {
  const holders = cluster.chart.hosts.filter((host) => host.vmDeviceCount(resourceName) > 0);
  if (holders.length === 0) {
    return {
      message: `no host of the cluster has host device ${resourceName}, so KubeVirt advertises it on no node and the VM's pod never schedules`,
      hint: "give the VM a device of a host of its cluster (host.usb.<name>, host.vmGpu()), or add the device's host to the cluster",
    };
  }
  const allowed = schedulable();
  // A VM no host may run is the placement check's to report.
  if (allowed.length === 0 || allowed.some((host) => holders.includes(host))) {
    return undefined;
  }
  const names = (hosts: readonly Host<any, any>[]) => hosts.map((host) => host.name).join(', ');
  return {
    message: `host device ${resourceName} is on ${names(holders)}, but the VM may run only on ${names(allowed)}: its pod asks for a device no node it may run on has, and never schedules`,
    hint: `place the VM where the device is (nodeSelector: { 'kubernetes.io/hostname': '${holders[0].nodeName}' }), or give it a device of the host it runs on`,
  };
}
