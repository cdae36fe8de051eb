import { createHash } from 'crypto';
import { describeValue } from '../inventory/problems';
import { isOvercommittable } from '../validation/exclusive-resources';
import type { PropProblem } from '../validation/known-props';
import type { TaggedVariant } from '../validation/tagged-props';
import { paddedPathProblem } from './mount-paths';

/** A device of the host the main container (or the containers it names) uses. Create one with the static methods. */
export type AppDevice =
  | { readonly type: 'hostDevice'; readonly path: string; readonly hostPathType: 'CharDevice' | 'Directory'; readonly containers?: readonly string[] }
  | { readonly type: 'plugin'; readonly resource: string; readonly count: number };

/** Options of {@link AppDevice.hostDevice}. */
export interface HostDeviceOptions {
  /**
   * Whether the path is a directory of device nodes (hostPath type `Directory`) rather than one character
   * device (`CharDevice`). The kubelet checks the type before it mounts, and a pod whose path is of the other
   * type never starts.
   * @default - true for the folders of devices listed in {@link DEVICE_DIRECTORIES} (`/dev/bus/usb`,
   *   `/dev/serial/by-id`, …) and a USB bus under `/dev/bus/usb`, false for any other path
   */
  readonly directory?: boolean;
  /**
   * The containers of the app that get the device, by name (a sidecar's or another container's name; the
   * main container is named after the app): compose's `devices` of a VPN such as gluetun, run as a sidecar
   * that gives the pod its network, go to the sidecar, not to the app it carries.
   * @default - the main container
   */
  readonly containers?: string[];
}

/**
 * Paths under `/dev` that are folders of device nodes on every Linux host (udev makes them), never a device
 * themselves: `/dev/bus/usb` (every USB device, as a Coral USB accelerator or a Zigbee stick is passed by
 * bus), `/dev/dri` (GPU nodes), `/dev/serial/by-id` (stable names of serial adapters), input, sound and
 * video4linux folders. A bus under `/dev/bus/usb` (`/dev/bus/usb/001`) is one too.
 */
export const DEVICE_DIRECTORIES: readonly string[] = [
  '/dev/bus/usb', '/dev/dri', '/dev/dri/by-path', '/dev/serial/by-id', '/dev/serial/by-path', '/dev/input', '/dev/input/by-id',
  '/dev/input/by-path', '/dev/snd', '/dev/v4l/by-id', '/dev/v4l/by-path', '/dev/net', '/dev/disk/by-id',
];

/** Whether `path` names a folder of devices by its name alone (see {@link DEVICE_DIRECTORIES}). Pure. */
export function isDeviceDirectory(path: string): boolean {
  const trimmed = path.replace(/(.)\/+$/, '$1');
  return DEVICE_DIRECTORIES.includes(trimmed) || /^\/dev\/bus\/usb\/\d{3}$/.test(trimmed);
}

/**
 * Whether `path` names a device plugged into one machine rather than one every host has: a USB serial adapter
 * (`/dev/ttyUSB0`, `/dev/ttyACM0`, or its stable name under `/dev/serial/by-id` or `/dev/serial/by-path`), as
 * Zigbee and Z-Wave sticks are, or a Coral PCIe accelerator (`/dev/apex_0`). Pure.
 */
export function isOneMachineDevice(path: string): boolean {
  return isUsbSerialDevice(path) || /^\/dev\/apex_\d+$/.test(path);
}

/**
 * Whether `path` names a device node of a Raspberry Pi's own chips, which no x86 machine has: the GPIO
 * registers (`/dev/gpiomem` of the BCM2835 driver, `/dev/gpiomem0`–`4` of a Pi 5's RP1), the VideoCore
 * interfaces (`/dev/vchiq`, `/dev/vcio`, `/dev/vcsm-cma`) and the UART of the GPIO header a Zigbee or Z-Wave
 * HAT talks over (`/dev/ttyAMA0`, an Arm PL011, and Raspberry Pi OS' `/dev/serial0` and `/dev/serial1`). Pure.
 */
export function isRaspberryPiDevice(path: string): boolean {
  return /^\/dev\/(gpiomem\d?|vchiq|vcio|vcsm-cma|ttyAMA\d+|serial[01])$/.test(path);
}

/** Whether `path` names a USB serial adapter (a Zigbee or Z-Wave stick), by its kernel name or its stable one. Pure. */
export function isUsbSerialDevice(path: string): boolean {
  return /^\/dev\/(tty(USB|ACM)\d+|serial\/by-(id|path)\/[^/]+)$/.test(path);
}

/**
 * The device `/dev/net/tun`, which containers open without a device plugin and unprivileged: runc's
 * built-in device allow-list holds tun/tap (c 10:200) in every release but 1.2.0–1.2.3, which dropped it
 * and then took it back in 1.2.4 because Kubernetes workloads rely on it.
 */
export const TUN_DEVICE = '/dev/net/tun';

/** A container as {@link tunCapabilityProblem} reads it: its name, the capabilities it adds, and whether it is privileged. */
export interface TunContainer {
  /** The container's name. */
  readonly name: string;
  /** The capabilities it adds (`NET_ADMIN`, `ALL`, …). */
  readonly capabilities: readonly string[];
  /** Whether it runs privileged, which grants every capability. */
  readonly privileged: boolean;
}

/**
 * Why `/dev/net/tun` given to `given` (the containers a device names) makes no tunnel: opening the device needs
 * nothing, but creating the interface on it (`TUNSETIFF`) and routing through it need `NET_ADMIN`, so a VPN
 * client without it stops as it starts. `others` are the pod's other containers: one of them with `NET_ADMIN`
 * is the VPN the device was meant for (compose's `devices` of gluetun given to the app it carries). `grant`
 * says how the caller's API gives a container the capability. Undefined when every container given the device may create the interface. Pure.
 */
export function tunCapabilityProblem(
  given: readonly TunContainer[], others: readonly TunContainer[],
  grant = "add the capability to the container that runs the VPN, with its reason: exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel interface' } }",
): { message: string; hint: string } | undefined {
  const mayCreate = (c: TunContainer) => c.privileged || c.capabilities.includes('NET_ADMIN') || c.capabilities.includes('ALL');
  const lacking = given.filter((c) => !mayCreate(c));
  if (lacking.length === 0) {
    return undefined;
  }
  const names = lacking.map((c) => `"${c.name}"`).join(', ');
  const vpn = others.find((c) => !given.includes(c) && mayCreate(c));
  return {
    message: `${TUN_DEVICE} goes to container ${names}, which lacks the NET_ADMIN capability: the container may open the device, but creating the tunnel's interface on it needs NET_ADMIN, so the VPN stops as it starts`,
    hint: vpn !== undefined
      ? `give the device to container "${vpn.name}", which has NET_ADMIN: AppDevice.hostDevice('${TUN_DEVICE}', { containers: ['${vpn.name}'] })`
      : grant,
  };
}

/**
 * What was wrong with the factory call that made a device, by the device it returned: the app given it reports
 * the call on its `devices` entry, which names the app and the entry, where a throw would name neither.
 */
const CALL_PROBLEMS = new WeakMap<object, { readonly message: string; readonly hint: string }>();

/** Factories for devices. */
export const AppDevice = {
  /**
   * The host's GPU render nodes through `/dev/dri`: one character device (`renderD128`) or the whole
   * directory. A hostPath volume: needs the `hostPath` exemption with its reason, and the host's `render`
   * and `video` groups in `supplementalGroups`.
   */
  dri(renderNode?: string): AppDevice {
    if (renderNode !== undefined && typeof renderNode !== 'string') {
      const device = { type: 'hostDevice', path: '/dev/dri', hostPathType: 'Directory' } as AppDevice;
      CALL_PROBLEMS.set(device, {
        message: `AppDevice.dri() was given ${describeValue(renderNode)}, where it takes the name of one render node of /dev/dri`,
        hint: `name the node as ls /dev/dri shows it: AppDevice.dri('renderD${typeof renderNode === 'number' && Number.isInteger(renderNode) ? renderNode : 128}'), or leave it out for all of /dev/dri`,
      });
      return device;
    }
    // `renderD128` and `/dev/dri/renderD128` name the same node.
    const node = typeof renderNode === 'string' ? renderNode.replace(/^\/dev\/dri\//, '') : renderNode;
    return node
      ? { type: 'hostDevice', path: `/dev/dri/${node}`, hostPathType: 'CharDevice' }
      : { type: 'hostDevice', path: '/dev/dri', hostPathType: 'Directory' };
  },
  /**
   * Another device of the host mounted by path at the same path in the container: a character device,
   * e.g. `/dev/ttyUSB0` (a Zigbee stick) or `/dev/net/tun` (a VPN), or a folder of devices, e.g.
   * `/dev/bus/usb` (a Coral USB accelerator, which changes its USB id once loaded, so it is passed by bus).
   * A folder of devices is known by its path (see {@link DEVICE_DIRECTORIES}) or stated with
   * `{ directory: true }`. Needs the `hostPath` exemption. An unprivileged container may not open a device
   * mounted by path (the runtime's device cgroup admits the devices a device plugin hands over), so synth
   * warns unless the app is `privileged`: prefer `AppDevice.plugin('squat.ai/serial')` with
   * generic-device-plugin. `/dev/net/tun` is the exception: runc admits tun/tap to every container (all
   * releases but 1.2.0–1.2.3), so a VPN needs only the `NET_ADMIN` capability beside it, in the container that
   * gets the device: one without it (and not privileged) is an error on the device.
   */
  hostDevice(given: string, options: HostDeviceOptions = {}): AppDevice {
    // `/dev/bus/usb/` is the folder `/dev/bus/usb`.
    const path = typeof given === 'string' && given.length > 1 ? given.replace(/\/+$/, '') : given;
    // Anything but text (a USB device of the inventory, from JavaScript nothing) is reported on the app's prop.
    const directory = options.directory ?? (typeof path === 'string' && isDeviceDirectory(path));
    const containers = options.containers;
    return { type: 'hostDevice', path, hostPathType: directory ? 'Directory' : 'CharDevice', ...(containers !== undefined ? { containers } : {}) };
  },
  /**
   * An extended resource a device plugin advertises, e.g. `gpu.intel.com/i915`, requested as a limit;
   * `count` is a whole number of devices, at least 1.
   */
  plugin(resource: string, count = 1): AppDevice {
    return { type: 'plugin', resource, count };
  },
};

/**
 * What is wrong with a device's count: the API server takes only whole, non-negative amounts of an
 * extended resource, and a count of 0 asks for no device at all. Empty for a well-formed device. Pure.
 */
export function deviceCountProblems(device: unknown, field: string): PropProblem[] {
  const { type, count, resource } = (device ?? {}) as { type?: unknown; count?: unknown; resource?: unknown };
  if (type !== 'plugin' || typeof count !== 'number' || (Number.isInteger(count) && count >= 1)) {
    return [];
  }
  return [{
    field: `${field}.count`, message: `device count ${count} of ${String(resource)} is not a whole number of at least 1`,
    hint: `ask for whole devices: AppDevice.plugin('${String(resource)}', 1)`,
  }];
}

/**
 * What is wrong with the resource of a plugin device: a device plugin advertises an extended resource, a
 * name with its domain (`gpu.intel.com/i915`) that the API server hands out whole. Huge pages are memory
 * in pages, not devices: a count of them would be a count of bytes. Empty for a well-formed device. Pure.
 */
export function deviceResourceProblems(device: unknown, field: string): PropProblem[] {
  const { type, resource } = (device ?? {}) as { type?: unknown; resource?: unknown };
  if (type !== 'plugin' || typeof resource !== 'string' || (resource.includes('/') && !isOvercommittable(resource))) {
    return [];
  }
  const hint = resource.startsWith('hugepages-')
    ? `an app has no huge-pages prop; write the workload as a raw Deployment with requests and limits of ${resource} equal, in whole pages (e.g. ${resource.slice('hugepages-'.length)})`
    : "name the resource the device plugin advertises, with its domain, e.g. AppDevice.plugin('gpu.intel.com/i915') or AppDevice.plugin('squat.ai/serial')";
  return [{ field: `${field}.resource`, message: `${resource} is no device plugin's extended resource (a name with its domain, outside kubernetes.io)`, hint }];
}

/**
 * The host's device of docker's `host:container[:permissions]` device line (`/dev/ttyUSB0:/dev/ttyUSB0:rwm`), or
 * undefined for a path alone. Colons are part of stable udev names (/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0),
 * so only a second path or a permission suffix after one makes the docker form. Pure.
 */
function dockerDeviceHostPath(text: string): string | undefined {
  return /:\//.test(text) || /:[rwm]{1,3}$/.test(text) ? text.split(/:(?=\/|[rwm]{1,3}$)/)[0] : undefined;
}

/**
 * A device written as compose's `devices` list writes it, a line of text (`/dev/net/tun`, `/dev/dri:/dev/dri`), where
 * a factory's device belongs: one problem whose hint makes that device. Empty for anything else. Pure.
 */
export function composeDeviceProblems(device: unknown, field: string): PropProblem[] {
  if (typeof device !== 'string' || !device.trim().startsWith('/dev/')) {
    return [];
  }
  const path = dockerDeviceHostPath(device.trim()) ?? device.trim();
  const call = path === '/dev/dri' ? 'AppDevice.dri()' : `AppDevice.hostDevice('${path}')`;
  return [{
    field, message: `${field} is ${describeValue(device)}, compose's device line, not made by one of its factories`,
    hint: `make it with ${call}${path === device.trim() ? '' : `, which mounts ${path} at the same path in the container`}`,
  }];
}

/**
 * A host device path that names no device: not under `/dev/`, with an empty or `..` segment, in docker's
 * `host:container` form (the device is mounted at its own path), or the numbered node of one USB device
 * (`/dev/bus/usb/001/004`), whose number changes. Pure.
 */
export function devicePathProblems(device: unknown, field: string): PropProblem[] {
  const { type, path } = (device ?? {}) as { type?: unknown; path?: unknown };
  if (type !== 'hostDevice' || typeof path !== 'string') {
    return [];
  }
  const hostPath = dockerDeviceHostPath(path);
  if (hostPath !== undefined) {
    return [{
      field: `${field}.path`, message: `device path "${path}" is in docker's host:container form`,
      hint: `name the host's device alone; it is mounted at the same path in the container: AppDevice.hostDevice('${hostPath}')`,
    }];
  }
  const padded = paddedPathProblem(path, 'device path');
  if (padded !== undefined) {
    return [{
      field: `${field}.path`, message: `${padded.message}; the node has no device of that name, and the pod would not start`,
      hint: `write the path alone: AppDevice.hostDevice('${padded.meant}')`,
    }];
  }
  const segments = path.split('/').slice(1);
  if (!path.startsWith('/dev/') || segments.some((segment) => segment === '' || segment === '..' || segment === '.')) {
    return [{
      field: `${field}.path`, message: `device path "${path}" is no path under /dev`,
      hint: "name the device by its path, e.g. AppDevice.hostDevice('/dev/ttyUSB0') or AppDevice.dri('renderD128')",
    }];
  }
  const usbNode = usbNodeProblem(path, (folder) => `AppDevice.hostDevice('${folder}')`);
  return usbNode === undefined ? [] : [{ field: `${field}.path`, ...usbNode }];
}

/**
 * The numbered node of one USB device (`/dev/bus/usb/002/003`) as a device path: the kernel numbers it anew
 * each time the device is plugged in or the host starts, and a Coral USB accelerator as soon as it loads its
 * firmware, so the path soon names another device or none. `mount` writes a folder as the caller's API
 * mounts it (`AppDevice.hostDevice('/dev/bus/usb/002')`, or compose's `'/dev/bus/usb/002:/dev/bus/usb/002'`). Pure.
 */
export function usbNodeProblem(path: string, mount: (folder: string) => string): { message: string; hint: string } | undefined {
  const usbNode = /^\/dev\/bus\/usb\/(\d{3})\/\d{3}$/.exec(path);
  return usbNode === null ? undefined : {
    message: `${path} is the node of one USB device, which the kernel numbers anew each time the device is plugged in or the host starts (a Coral USB accelerator takes a new number as soon as it loads its firmware): the path would soon name another device, or none, and the pod would not start`,
    hint: `mount its bus, ${mount(`/dev/bus/usb/${usbNode[1]}`)}, or every bus, ${mount('/dev/bus/usb')}; a serial stick by its stable link under /dev/serial/by-id`,
  };
}

/**
 * Devices of `devices` (the prop) given again: a host device's path, whose second volume would have the
 * first one's name (which the API server refuses), or a device plugin's resource, whose two requests are one
 * limit of the container. Each repeat is reported on the later entry. Pure.
 */
export function repeatedDeviceProblems(devices: readonly unknown[]): PropProblem[] {
  const first = new Map<string, number>();
  return devices.flatMap((device, i) => {
    const { type, path, resource } = (device ?? {}) as { type?: unknown; path?: unknown; resource?: unknown };
    const key = type === 'hostDevice' && typeof path === 'string' ? `path ${path.replace(/(.)\/+$/, '$1')}`
      : type === 'plugin' && typeof resource === 'string' ? `resource ${resource}` : undefined;
    const earlier = key === undefined ? undefined : first.get(key);
    if (key !== undefined && earlier === undefined) {
      first.set(key, i);
    }
    if (earlier === undefined) {
      return [];
    }
    return [type === 'hostDevice' ? {
      field: `devices[${i}]`, message: `devices[${i}] mounts ${String(path)}, which devices[${earlier}] mounts already; the pod would have two volumes of one name, which the API server refuses`,
      hint: `give the device once, naming every container that uses it: AppDevice.hostDevice('${String(path)}', { containers: [...] })`,
    } : {
      field: `devices[${i}]`, message: `devices[${i}] asks for ${String(resource)}, which devices[${earlier}] asks for already; a container has one limit of each resource`,
      hint: `ask once, for as many as the app uses: AppDevice.plugin('${String(resource)}', 2)`,
    }];
  });
}

/** A host device's `containers` that is no list of container names (JavaScript, `as any`: `containers: 'vpn'`). Pure. */
export function deviceContainersProblems(device: unknown, field: string): PropProblem[] {
  const { type, containers } = (device ?? {}) as { type?: unknown; containers?: unknown };
  if (type !== 'hostDevice' || containers === undefined || (Array.isArray(containers) && containers.every((c) => typeof c === 'string'))) {
    return [];
  }
  return [{
    field: `${field}.containers`, message: `the containers of a host device are ${describeValue(containers)}, not a list of container names`,
    hint: "name them in a list: AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })",
  }];
}

/** Whether `path` names one character device by its name alone: a stick, a Coral PCIe card, a Pi's chips, a GPU node, the tunnel device. Pure. */
function isCharacterDevice(path: string): boolean {
  return isOneMachineDevice(path) || isRaspberryPiDevice(path) || path === TUN_DEVICE || /^\/dev\/dri\/(renderD|card)\d+$/.test(path);
}

/**
 * A host device mounted as one character device although its path is a folder of devices (see
 * {@link DEVICE_DIRECTORIES}), or as a folder (`{ directory: true }`) although its path names one character device:
 * the kubelet's hostPath type check fails and the pod never starts. Pure.
 */
export function deviceTypeProblems(device: unknown, field: string): PropProblem[] {
  const { type, path, hostPathType } = (device ?? {}) as { type?: unknown; path?: unknown; hostPathType?: unknown };
  if (type !== 'hostDevice' || typeof path !== 'string') {
    return [];
  }
  if (hostPathType === 'Directory' && isCharacterDevice(path)) {
    return [{
      field: `${field}.hostPathType`, message: `${path} is one character device, not a folder of devices; the kubelet's hostPath type check would keep the pod from starting ("is not a directory")`,
      hint: `mount it as the device it is: AppDevice.hostDevice('${path}'), without directory: true`,
    }];
  }
  if (hostPathType !== 'CharDevice' || !isDeviceDirectory(path)) {
    return [];
  }
  return [{
    field: `${field}.hostPathType`, message: `${path} is a folder of devices, not a character device; the kubelet's type check would keep the pod from starting`,
    hint: `mount it as a folder: AppDevice.hostDevice('${path}'), without directory: false`,
  }];
}

/**
 * The volume name of a host device: its path without `/dev/`, as a DNS label. A long path (a stable
 * `/dev/serial/by-id/…` one) keeps its end, which tells devices apart, and a hash of the whole path, within
 * a label's 63 characters. Pure.
 */
export function deviceVolumeName(path: string): string {
  const name = `dev-${path.replace(/^\/dev\//, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.replace(/-+$/, '');
  if (name.length <= 63) {
    return name;
  }
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
  return `dev-${name.slice(-(63 - 4 - 9)).replace(/^-+/, '')}-${hash}`;
}

/**
 * What is wrong with a device as its factory was called (`AppDevice.dri(128)`), or a device of the inventory
 * (`nuc.usb.zigbee`, `nuc.vmGpu()`) given as an app's device or in place of `AppDevice.hostDevice()`'s path:
 * those name a USB or PCI device by its IDs for KubeVirt, which passes it to a VM; a container reaches a
 * device through its path on the host or a device plugin's resource. Empty for anything else. Pure.
 */
export function inventoryDeviceProblems(device: unknown, field: string): PropProblem[] {
  const call = device !== null && typeof device === 'object' ? CALL_PROBLEMS.get(device) : undefined;
  if (call !== undefined) {
    return [{ field, ...call }];
  }
  // The device itself, or given to AppDevice.hostDevice() in place of its path.
  const written = (device ?? {}) as { type?: unknown; path?: unknown };
  const inventory = written.type === 'hostDevice' && written.path !== null && typeof written.path === 'object' ? written.path : written.type === undefined ? device : undefined;
  const { bus, name, host } = (inventory ?? {}) as { bus?: unknown; name?: unknown; host?: { name?: unknown } };
  if ((bus !== 'usb' && bus !== 'pci') || typeof host?.name !== 'string') {
    return [];
  }
  const given = bus === 'usb' ? `${host.name}.usb.${String(name)}` : `${host.name}.vmGpu()`;
  return [{
    field,
    message: `${given} is a ${bus === 'usb' ? 'USB' : 'PCI'} device of the inventory, which KubeVirt passes to a VM by its IDs (a VM's hostDevices); a container reaches a device by its path on the host`,
    hint: bus === 'usb'
      ? `mount the stick by its stable path and run the app on its host: devices: [AppDevice.hostDevice('/dev/serial/by-id/<the name ls -l /dev/serial/by-id shows>')], placement: { host: ${host.name} }`
      : "ask for the GPU with gpu: { vendor: '<its vendor>' }, which places the app on a host that has one",
  }];
}

/**
 * Variables of a container that name a serial device (`ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/ttyUSB0'`, a
 * stick's `/dev/serial/by-id/…` name) that nothing gives the container: no device of it at that path or a
 * folder holding it, no volume mounted there. A container has only the devices it is given (a privileged
 * one excepted, which the caller leaves out), so the app cannot open the port and stops. `mounted` holds the
 * paths of its devices and volume mounts. Empty when every such device is there. Pure.
 */
export function unmountedDeviceEnvProblems(env: unknown, mounted: readonly string[], field: string): PropProblem[] {
  if (env === null || typeof env !== 'object' || Array.isArray(env)) {
    return [];
  }
  const inside = (path: string) => mounted.some((m) => path === m || path.startsWith(`${m.replace(/\/+$/, '')}/`));
  return Object.entries(env as Record<string, unknown>).flatMap(([name, value]) => {
    if (typeof value !== 'string' || !/^\/dev\/(tty(USB|ACM|AMA)\d+|serial\/by-(id|path)\/[^/]+)$/.test(value) || inside(value)) {
      return [];
    }
    return [{
      field: `${field}.${name}`,
      message: `${name} names the device ${value}, which the container is not given: it sees only the devices mounted into it, so the app cannot open the port`,
      hint: mounted.some((m) => m.startsWith('/dev/'))
        ? `name the device the container is given (${mounted.filter((m) => m.startsWith('/dev/')).join(', ')}), or give it this one: devices: [AppDevice.hostDevice('${value}')]`
        : `give the container the device: devices: [AppDevice.hostDevice('${value}')], with exemptions.hostPath`,
    }];
  });
}

/** The device kinds, as the factories of {@link AppDevice} make them. */
export const DEVICE_VARIANTS: Readonly<Record<AppDevice['type'], TaggedVariant>> = {
  hostDevice: { carries: { path: 'string' }, factory: "AppDevice.dri() or AppDevice.hostDevice('/dev/ttyUSB0')" },
  plugin: { carries: { resource: 'string', count: 'number' }, factory: "AppDevice.plugin('gpu.intel.com/i915')" },
};
