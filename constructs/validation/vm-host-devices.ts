import { HOST_DEVICES_GATE, permittedResourceNames } from '../platform/kubevirt-host-devices';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { closestName } from './closest-name';

/** The GPU resources of the container device plugins, which no VM is given: KubeVirt passes a GPU whole, by its PCI ID. */
const CONTAINER_GPU_RESOURCES: readonly string[] = ['nvidia.com/gpu', 'amd.com/gpu', 'gpu.intel.com/i915', 'gpu.intel.com/xe'];

/**
 * A VM's host device (`spec.template.spec.domain.devices.hostDevices[]` or `gpus[]`) names a resource the
 * cluster's KubeVirt CR permits: virt-api takes any name, and the VM's pod asks for a resource no node
 * advertises, so it never schedules. Read from the CR the KubeVirt component renders; a preinstalled
 * KubeVirt's CR is the owner's, and is not judged.
 */
export function checkVmHostDevices(cluster: SynthesizedCluster): Finding[] {
  const permitted = permittedResourceNames(cluster.chart);
  if (permitted === undefined) {
    return [];
  }
  const findings: Finding[] = [];
  for (const vm of indexOf(cluster.objects).of('VirtualMachine')) {
    if (!String(vm.manifest.apiVersion).startsWith('kubevirt.io/')) {
      continue;
    }
    const devices = fields(fields(fields(fields(fields(vm.manifest.spec).template).spec).domain).devices);
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
