import type { Host } from '../inventory/host';
import { describeValue } from '../inventory/problems';
import { isVmHostDevice, type VmHostDevice } from '../inventory/vm-host-device';
import { ExistingZfsVolume, ZfsPool } from '../inventory/zfs-pool';
import type { ClusterChart } from '../platform/cluster-chart';
import type { PropProblem } from '../validation/known-props';

// The host devices a KubeVirt VM is given (`hostDevices`), judged against the inventory and the cluster's other VMs.

/**
 * Host devices the VM cannot be given: an entry that is no device of the inventory (a path such as
 * `/dev/ttyUSB0`), a GPU the host lacks or without its PCI ID, a device of a host outside the cluster or of
 * another host than the disk's pool, which pins the VM (its pod would ask for a resource no node it may run
 * on advertises, and never schedule), one device given twice, or one of USB sticks that share their IDs (KubeVirt
 * would hand the VM any of them). Pure.
 */
export function hostDeviceProblems(devices: unknown, disk: unknown, clusterHosts: readonly Host<any, any, any>[]): PropProblem[] {
  const pool = disk instanceof Object ? (disk as Partial<ExistingZfsVolume>).pool : undefined;
  if (devices !== undefined && !Array.isArray(devices)) {
    return [{ field: 'hostDevices', message: `hostDevices is ${describeValue(devices)}, not a list`, hint: `give the devices as a list: hostDevices: [${isVmHostDevice(devices) ? `${devices.host.name}.usb.${devices.name}` : 'n5.usb.zigbee'}]` }];
  }
  return (Array.isArray(devices) ? devices : []).flatMap((device: unknown, i): PropProblem[] => {
    const field = `hostDevices[${i}]`;
    if (device === undefined || device === null) {
      // `n5.usb.zigbe`: a name the host does not have reads as undefined where the types are not checked.
      const known = clusterHosts.flatMap((h) => Object.keys(h.usb).map((name) => `${h.name}.usb.${name}`));
      return [{
        field, message: `${field} is ${describeValue(device)}: no device of the inventory (a name its host does not have reads as undefined)`,
        hint: known.length > 0 ? `give one of the USB devices of the cluster's hosts: ${known.join(', ')}; a GPU is host.vmGpu()`
          : "declare the device in its host's inventory, usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60' } }, and give host.usb.zigbee; a GPU is host.vmGpu()",
      }];
    }
    if (!isVmHostDevice(device)) {
      const path = typeof device === 'string' && device.startsWith('/dev/');
      return [{
        field, message: `${describeValue(device)} is not a device of the inventory${path ? ': KubeVirt passes a USB device by its vendor and product ID, not by its path' : ''}`,
        hint: "declare it in its host's inventory, usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60' } } (the ID lsusb shows), and give host.usb.zigbee; a GPU is host.vmGpu()",
      }];
    }
    if (device.problem !== undefined) {
      return [{ field, ...device.problem }];
    }
    if (!clusterHosts.includes(device.host)) {
      return [{ field, message: `${device.name} is a device of host ${device.host.name}, which is no node of the cluster`, hint: 'give the VM a device of a host of its cluster, or add that host to the cluster' }];
    }
    if (pool instanceof ZfsPool && device.host !== pool.host) {
      return [{
        field, message: `${device.name} is plugged into host ${device.host.name}, but the VM runs on ${pool.host.name}, where its disk's pool ${pool.name} is: its pod would wait for a device no node it may run on has`,
        hint: device.bus === 'usb'
          ? `plug the device into ${pool.host.name} and declare it there (${pool.host.name}.usb.<name>), or take the disk from a pool of ${device.host.name}`
          : `give the VM a GPU of ${pool.host.name} (${pool.host.name}.vmGpu()), or take the disk from a pool of ${device.host.name}`,
      }];
    }
    const first = (devices as unknown[]).indexOf(device);
    if (first < i) {
      return [{ field, message: `${device.name} of host ${device.host.name} is given twice, as hostDevices[${first}] too`, hint: 'give each device once' }];
    }
    // KubeVirt selects USB devices by their IDs alone: of sticks that share them, the VM gets any.
    const twins = Object.values<VmHostDevice>(device.host.usb).filter((d) => d.resourceName === device.resourceName);
    const missing = twins.filter((d) => !(devices as unknown[]).includes(d));
    return device.bus === 'usb' && missing.length > 0 ? [{
      field, message: `${device.name} of host ${device.host.name} has the USB ID ${device.vendorId}:${device.productId} of ${missing.map((d) => d.name).join(', ')} too, and KubeVirt selects USB devices by their IDs alone: the VM would get either stick`,
      hint: `give the VM every stick of that ID (hostDevices: [${twins.map((d) => `${d.host.name}.usb.${d.name}`).join(', ')}]) and tell them apart in the guest by their /dev/serial/by-id names, or use sticks of different chips`,
    }] : [];
  });
}

/** The host devices each cluster's VMs are given, by host and resource, with the construct path of each VM given one. */
const deviceClaims = new WeakMap<ClusterChart, Map<string, string[]>>();

/**
 * Host devices of which the host has fewer than the cluster's VMs, which all run at once, are given: KubeVirt
 * hands each device to one VM, so the VM given one too many waits for it and never starts.
 */
export function claimedDeviceProblems(cluster: ClusterChart, devices: readonly VmHostDevice[], vm: string): PropProblem[] {
  const claims = deviceClaims.get(cluster) ?? new Map<string, string[]>();
  deviceClaims.set(cluster, claims);
  return devices.flatMap((device, i): PropProblem[] => {
    const key = `${device.host.name}/${device.resourceName}`;
    const holders = claims.get(key) ?? [];
    claims.set(key, [...holders, vm]);
    const owned = device.host.vmDeviceCount(device.resourceName);
    const others = holders.filter((holder) => holder !== vm);
    return holders.length < owned ? [] : [{
      field: `hostDevices[${i}]`,
      message: `${device.name} of host ${device.host.name} is given to ${others.length > 0 ? `VM ${others.join(', ')}` : 'this VM'} already, and the host has ${owned} such device${owned === 1 ? '' : 's'}: KubeVirt hands a device to one running VM, so this one would wait for it and never start`,
      hint: `give the device to one VM; a second device of the same IDs, plugged into ${device.host.name}, is declared in its inventory too`,
    }];
  });
}
