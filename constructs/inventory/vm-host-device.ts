import type { Host } from './host';

/** A USB device plugged into a host, as `lsusb` lists it: `ID 10c4:ea60 Silicon Labs CP210x UART Bridge`. */
export interface UsbDeviceProps {
  /** The vendor ID, four hex digits before the colon of `lsusb`'s `ID`, e.g. `10c4`. */
  readonly vendorId: string;
  /** The product ID, four hex digits after the colon of `lsusb`'s `ID`, e.g. `ea60`. */
  readonly productId: string;
  /** What it is, for people, e.g. `Sonoff Zigbee 3.0 USB Dongle Plus`. @default - unspecified */
  readonly model?: string;
}

/**
 * A device of a host that KubeVirt can pass through to a VM: a USB device of the inventory (`n5.usb.zigbee`)
 * or a GPU with its PCI ID (`n5.vmGpu()`). KubeVirt's device plugin advertises it under `resourceName` on
 * the host that has it, once the cluster's `KubeVirt` CR permits it.
 */
export interface VmHostDevice {
  /** The host the device is plugged into. */
  readonly host: Host<any, any, any>;
  /** Its name in the inventory: the USB device's key, or `gpus[<i>]`. */
  readonly name: string;
  /** How KubeVirt finds it: by its USB vendor and product, or by its PCI vendor and device ID. */
  readonly bus: 'usb' | 'pci';
  /** Vendor ID, four lower-case hex digits. */
  readonly vendorId: string;
  /** Product (USB) or device (PCI) ID, four lower-case hex digits. */
  readonly productId: string;
  /** The extended resource KubeVirt advertises the device as and a VM asks for, e.g. `usb.homelab.dev/10c4-ea60`. */
  readonly resourceName: string;
  /**
   * Why the device cannot be given to a VM (a GPU the host lacks, or one without its PCI ID), reported on the VM
   * that is given it. @default - none
   */
  readonly problem?: { readonly message: string; readonly hint: string };
}

/** Four hex digits: a USB or PCI vendor, product or device ID. */
export const DEVICE_ID = /^[0-9a-f]{4}$/i;

/**
 * The resource a device is advertised as: one per bus and ID pair, since KubeVirt selects devices by those
 * IDs alone (two sticks of one chip are the same resource, and a VM gets either). Pure.
 */
export function vmDeviceResourceName(bus: 'usb' | 'pci', vendorId: string, productId: string): string {
  return `${bus}.homelab.dev/${vendorId.toLowerCase()}-${productId.toLowerCase()}`;
}

/** Whether `value` is a device {@link VmHostDevice} describes (one of the inventory's, not text). */
export function isVmHostDevice(value: unknown): value is VmHostDevice {
  return value !== null && typeof value === 'object' && typeof (value as VmHostDevice).resourceName === 'string'
    && ((value as VmHostDevice).bus === 'usb' || (value as VmHostDevice).bus === 'pci') && typeof (value as VmHostDevice).host === 'object';
}
