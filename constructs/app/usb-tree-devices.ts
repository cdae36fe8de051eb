import type { VmHostDevice } from '../inventory/vm-host-device';
import { propContainers, type PropContainersProps } from './prop-containers';
import { FRIGATE_IMAGE } from './root-started-images';
import { readsLocalDongle } from './sdr-receivers';

// The host's USB device tree (/dev/bus/usb) is on every host, but what a program opens through it is plugged into one
// machine: an SDR receiver's RTL-SDR dongle, Frigate's Coral USB accelerator (its edgetpu detector of `device: usb`,
// which libusb finds on the bus, as the Coral re-enumerates under a new ID once its firmware loads). The kubelet starts
// such a pod on any host the scheduler picks, where the program finds no device of its own.

/** What an app opens through the USB device tree that is plugged into one machine. */
export interface UsbTreeDevice {
  /** What the tree holds for the app, as a message names it (`the RTL-SDR dongle the app's receiver opens`). */
  readonly holds: string;
  /** What the inventory lists of it, as a message names it (`USB device`). */
  readonly listed: string;
  /** What the app does on a host without it. */
  readonly missing: string;
  /** Whether one of a host's USB devices of the inventory may be it, so the host is likely the one it is plugged into. */
  readonly listedAs: (device: VmHostDevice) => boolean;
}

/** The Coral USB accelerator's IDs as lsusb shows them: Global Unichip's before its firmware loads, Google's after. */
const CORAL_USB_IDS = ['1a6e:089a', '18d1:9302'];

const SDR_DONGLE: UsbTreeDevice = {
  holds: "the RTL-SDR dongle the app's receiver opens", listed: 'USB device',
  missing: 'the receiver finds no dongle, exits and restarts for ever',
  // Any USB device the inventory lists on a host says the host is where such sticks are plugged in.
  listedAs: () => true,
};

const CORAL_USB: UsbTreeDevice = {
  holds: "the Coral USB accelerator Frigate's detector opens", listed: 'Coral (USB IDs 1a6e:089a or 18d1:9302)',
  missing: 'Frigate finds no Coral ("No EdgeTPU was detected"), its detector fails and Frigate exits and restarts for ever',
  listedAs: (device) => CORAL_USB_IDS.includes(`${device.vendorId}:${device.productId}`),
};

/**
 * The device an app's props open through the USB device tree mounted from the host, plugged into one machine: an
 * SDR receiver's dongle, or Frigate's Coral USB accelerator. Undefined for other apps. Pure.
 */
export function usbTreeDeviceOf(props: PropContainersProps, app: string): UsbTreeDevice | undefined {
  if (readsLocalDongle(props, app)) {
    return SDR_DONGLE;
  }
  const frigate = propContainers(props, app).some(({ container }) => typeof container.image === 'string' && FRIGATE_IMAGE.test(container.image));
  return frigate ? CORAL_USB : undefined;
}
