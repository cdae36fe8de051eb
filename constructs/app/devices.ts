import { createHash } from 'crypto';
import type { PropProblem } from '../validation/known-props';
import type { TaggedVariant } from '../validation/tagged-props';

/** A device of the host the main container uses. Create one with the static methods. */
export type AppDevice =
  | { readonly type: 'hostDevice'; readonly path: string; readonly hostPathType: 'CharDevice' | 'Directory' }
  | { readonly type: 'plugin'; readonly resource: string; readonly count: number };

/** Factories for devices. */
export const AppDevice = {
  /**
   * The host's GPU render nodes through `/dev/dri`: one character device (`renderD128`) or the whole
   * directory. A hostPath volume: needs the `hostPath` exemption with its reason, and the host's `render`
   * and `video` groups in `supplementalGroups`.
   */
  dri(renderNode?: string): AppDevice {
    return renderNode
      ? { type: 'hostDevice', path: `/dev/dri/${renderNode}`, hostPathType: 'CharDevice' }
      : { type: 'hostDevice', path: '/dev/dri', hostPathType: 'Directory' };
  },
  /**
   * Another character device of the host, e.g. `/dev/ttyUSB0` (a Zigbee stick), mounted by path. Needs the
   * `hostPath` exemption; an unprivileged container may not open it (the runtime admits the devices a device
   * plugin hands over), so synth warns unless the app is `privileged`: prefer
   * `AppDevice.plugin('squat.ai/serial')` with generic-device-plugin.
   */
  hostDevice(path: string): AppDevice {
    return { type: 'hostDevice', path, hostPathType: 'CharDevice' };
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

/** The device kinds, as the factories of {@link AppDevice} make them. */
export const DEVICE_VARIANTS: Readonly<Record<AppDevice['type'], TaggedVariant>> = {
  hostDevice: { carries: { path: 'string' }, factory: "AppDevice.dri() or AppDevice.hostDevice('/dev/ttyUSB0')" },
  plugin: { carries: { resource: 'string', count: 'number' }, factory: "AppDevice.plugin('gpu.intel.com/i915')" },
};
