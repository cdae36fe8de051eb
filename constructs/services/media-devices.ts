import { isDeviceDirectory, usbNodeProblem } from '../app/devices';

/** A host device of a media container: the host's path, where the container sees it, and its hostPath type. */
export interface MediaDevice {
  /** Path on the host, e.g. `/dev/ttyUSB0`. */
  readonly src: string;
  /** Path in the container, e.g. `/dev/ttyACM0`. */
  readonly dst: string;
  /** `Directory` for a folder of device nodes (`/dev/bus/usb`, `/dev/dri`), else `CharDevice`. */
  readonly hostPathType: 'Directory' | 'CharDevice';
}

/**
 * A device entry as compose writes it: `/dev/x` (the same path inside), `/dev/x:/dev/y`, or either with
 * cgroup permissions. Only `rwm` (docker's default, every access) is taken: a Kubernetes container gets no
 * device cgroup rules of its own, and a read-only mount does not keep a process from writing to a device
 * node. A folder of device nodes (see {@link isDeviceDirectory}) is mounted as a folder, since the kubelet
 * checks the type. Pure; a string that is none of these is a problem to report.
 */
export function parseDeviceSpec(spec: string): MediaDevice | { readonly problem: string; readonly hint: string } {
  const parts = spec.split(':');
  const [src, dst = src, permissions] = parts;
  if (parts.length > 3 || !src.startsWith('/') || !dst.startsWith('/')) {
    return { problem: `"${spec}" is not "src", "src:dst" or "src:dst:rwm" with absolute paths`, hint: 'write e.g. "/dev/dri:/dev/dri" or "/dev/ttyUSB0:/dev/ttyACM0"' };
  }
  if (permissions !== undefined && permissions !== 'rwm') {
    return {
      problem: `"${spec}" narrows the device's cgroup permissions to "${permissions}", which a Kubernetes container cannot: it gets no device cgroup rules of its own, and a read-only mount still lets it write to a device`,
      hint: `write "${src}:${dst}"; the container then has the access the runtime gives it`,
    };
  }
  const usbNode = usbNodeProblem(src, (folder) => `"${folder}:${folder}"`);
  if (usbNode !== undefined) {
    return { problem: usbNode.message, hint: usbNode.hint };
  }
  return { src, dst, hostPathType: isDeviceDirectory(src) ? 'Directory' : 'CharDevice' };
}
