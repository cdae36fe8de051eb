import type { IConstruct } from 'constructs';
import type { GpuVendor } from '../inventory/gpu';
import type { Host } from '../inventory/host';
import { isVmHostDevice, type VmHostDevice } from '../inventory/vm-host-device';
import { describeValue } from '../inventory/problems';
import { reportFinding } from '../validation/finding';
import { leaveOwnerAction } from '../synth/owner-action';
import { ClusterChart } from './cluster-chart';
import { KIND_TRIGGERS } from './triggers';
import * as yaml from 'js-yaml';

/** The KubeVirt feature gate that lets a VM have host devices (`spec.domain.devices.hostDevices`). */
export const HOST_DEVICES_GATE = 'HostDevices';

/** The devices each cluster's VMs are given, by resource name. */
const permitted = new WeakMap<ClusterChart, Map<string, VmHostDevice>>();

/**
 * The `permittedHostDevices` of a `KubeVirt` CR that lets VMs have `devices`, one entry per resource, sorted: a
 * USB device by its vendor and product, a PCI device (a GPU) by its vendor and device ID. Pure.
 */
export function permittedHostDevices(devices: readonly VmHostDevice[]): Record<string, unknown> {
  const sorted = [...devices].sort((a, b) => (a.resourceName < b.resourceName ? -1 : a.resourceName > b.resourceName ? 1 : 0));
  const usb = sorted.filter((d) => d.bus === 'usb').map((d) => ({ resourceName: d.resourceName, selectors: [{ vendor: d.vendorId, product: d.productId }] }));
  const pci = sorted.filter((d) => d.bus === 'pci').map((d) => ({ pciVendorSelector: `${d.vendorId}:${d.productId}`.toUpperCase(), resourceName: d.resourceName }));
  return { ...(pci.length > 0 ? { pciHostDevices: pci } : {}), ...(usb.length > 0 ? { usb } : {}) };
}

/**
 * Lets the VMs of `scope`'s cluster have `devices`: the cluster's `KubeVirt` CR then permits exactly the
 * devices its VMs are given (`permittedHostDevices`), with the `HostDevices` feature gate, and KubeVirt's
 * device plugin advertises each on the host that has it. A VM written by hand that asks for a device
 * (`spec.template.spec.domain.devices.hostDevices[].deviceName`) names its `resourceName` and calls this
 * for it. A PCI device (a GPU) leaves the owner the step that binds it to `vfio-pci` on its host. Where
 * KubeVirt is preinstalled, its CR is the owner's: the entries to add are a step of the cluster's README.
 */
export function permitVmHostDevices(scope: IConstruct, devices: readonly VmHostDevice[]): void {
  const given: readonly unknown[] = Array.isArray(devices) ? devices : [devices];
  const refused = given.flatMap((device, i) => (isVmHostDevice(device) && device.problem === undefined ? [] : [{ device, i }]));
  for (const { device, i } of refused) {
    reportFinding(scope, {
      layer: 'props', severity: 'error', field: `permitVmHostDevices.devices[${i}]`,
      message: isVmHostDevice(device) ? device.problem!.message : `${describeValue(device)} is not a device of the inventory`,
      hint: isVmHostDevice(device) ? device.problem!.hint : "pass the inventory's devices: host.usb.<name> for a USB stick, host.vmGpu() for a GPU; a resource name is what they permit, not what is passed",
    });
  }
  if (given.length === 0 || refused.length > 0) {
    return;
  }
  const cluster = ClusterChart.of(scope);
  let known = permitted.get(cluster);
  if (known === undefined) {
    known = new Map();
    permitted.set(cluster, known);
    const registry = known;
    cluster.onPlatformPrepare(() => permitInCluster(cluster, [...registry.values()]));
  }
  for (const device of given as readonly VmHostDevice[]) {
    if (!known.has(device.resourceName)) {
      known.set(device.resourceName, device);
      if (device.bus === 'pci') {
        const id = `${device.vendorId}:${device.productId}`;
        leaveOwnerAction(scope, {
          kind: 'manual',
          action: `on ${device.host.name}, turn on the IOMMU (kernel arguments intel_iommu=on or amd_iommu=on, and iommu=pt) and bind the PCI device ${id} (${device.name}) to vfio-pci (vfio-pci.ids=${id}), then reboot: `
            + 'KubeVirt passes to a VM only a device that vfio-pci holds, and no container of the host can use it meanwhile',
          command: `lspci -nnk -d ${id}   # "Kernel driver in use: vfio-pci"`,
        });
      }
    }
  }
}

/**
 * How many of `host`'s GPUs of `vendor` the cluster's VMs are given, with every GPU of the same PCI ID, which
 * the host's `vfio-pci.ids` binds as well: no container device plugin sees them, so no pod can use them.
 */
export function gpusHeldByVms(cluster: ClusterChart, host: Host<any, any, any>, vendor: GpuVendor): number {
  const held = [...(permitted.get(cluster)?.values() ?? [])].filter((d) => d.bus === 'pci' && d.host === host).map((d) => `${d.vendorId}:${d.productId}`);
  return host.gpus.filter((gpu) => gpu.vendor === vendor && typeof gpu.pciId === 'string' && held.includes(gpu.pciId.trim().replace(/^\[|\]$/g, '').toLowerCase()))
    .reduce((n, gpu) => n + (gpu.count ?? 1), 0);
}

/**
 * Whether `host` has a GPU of `vendor` left for containers: one the cluster's VMs are not given (see
 * {@link gpusHeldByVms}). The vendor's device plugin runs only there, and a pod's GPU is only there.
 */
export function servesGpusToPods(cluster: ClusterChart, host: Host<any, any, any>, vendor: GpuVendor): boolean {
  return host.gpuCount(vendor) > gpusHeldByVms(cluster, host, vendor);
}

/** Writes the devices into the cluster's KubeVirt CR (its chart's values), or leaves the step for a preinstalled one. */
function permitInCluster(cluster: ClusterChart, devices: readonly VmHostDevice[]): void {
  const platform = cluster.platform;
  const configuration = { permittedHostDevices: permittedHostDevices(devices), developerConfiguration: { featureGates: [HOST_DEVICES_GATE] } };
  if (platform.has('kubevirt') || !platform.providesKind('kubevirt.io', 'KubeVirt')) {
    // The components a VM brings, asked for now: their CR's values must hold the devices before they render.
    KIND_TRIGGERS['kubevirt.io/VirtualMachine'](cluster.componentResources).forEach((props) => platform.requireFor(props));
    platform.get('kubevirt')?.replaceValues({ kubevirt: { configuration } });
    return;
  }
  leaveOwnerAction(cluster, {
    kind: 'manual',
    action: `KubeVirt is preinstalled: add to its KubeVirt CR's spec.configuration the host devices the cluster's VMs are given and the ${HOST_DEVICES_GATE} feature gate, or the VMs never start`,
    command: yaml.dump({ spec: { configuration } }, { lineWidth: -1, sortKeys: true }),
  });
}

/** The resource names the KubeVirt CR a cluster's chart renders permits, or undefined when KubeVirt is not the cluster's component. */
export function permittedResourceNames(cluster: ClusterChart): { readonly names: readonly string[]; readonly featureGates: readonly string[] } | undefined {
  const component = cluster.platform.get('kubevirt');
  if (component === undefined) {
    return undefined;
  }
  const configuration = ((component.values.kubevirt ?? {}) as { configuration?: Record<string, any> }).configuration ?? {};
  const devices = configuration.permittedHostDevices ?? {};
  const names = ['pciHostDevices', 'usb', 'mediatedDevices'].flatMap((key) => (Array.isArray(devices[key]) ? devices[key] : []))
    .map((entry: { resourceName?: unknown }) => entry?.resourceName).filter((name): name is string => typeof name === 'string');
  const gates = configuration.developerConfiguration?.featureGates;
  return { names, featureGates: Array.isArray(gates) ? gates.filter((g: unknown): g is string => typeof g === 'string') : [] };
}
