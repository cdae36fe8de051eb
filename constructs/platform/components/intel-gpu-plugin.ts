import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { resourceRequirements } from '../component-resources';
import { servesPorts } from '../component-network';
import type { PartResources } from '../part-resources';

/** Pinned release of Intel's device plugins. Renovate reads the comment above each pin. */
export const INTEL_GPU_PLUGIN_PINS = {
  // renovate: datasource=github-tags depName=intel/intel-device-plugins-for-kubernetes
  tag: 'v0.32.0',
} as const;

/**
 * How many containers may share one Intel GPU (`-shared-dev-num`). The plugin's own default is 1, which
 * lets a second transcoder on the same node (Plex beside Jellyfin) wait for ever; media servers share the
 * GPU's engines well.
 */
export const INTEL_GPU_SHARED_DEVICES = 10;

/** The extended resource the plugin advertises. */
export const INTEL_GPU_RESOURCE = 'gpu.intel.com/i915';

/** Size of the device plugin on each GPU node: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const INTEL_GPU_PLUGIN_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** The part of a GPU device plugin a user can size: the plugin on each GPU host. */
export type DevicePluginPart = 'plugin';

/**
 * Intel's GPU device plugin as a plain DaemonSet from the upstream manifest at a release tag (no
 * operator, so no CRD): advertises `gpu.intel.com/i915` on nodes with an Intel GPU. `resources` sizes the
 * plugin, merged key by key into {@link INTEL_GPU_PLUGIN_SIZE}.
 */
export function intelGpuPluginComponent(given: PartResources<DevicePluginPart> = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const resources: PartResources<DevicePluginPart> = given ?? {};
  return {
    name: 'intel-gpu-plugin',
    description: 'Intel GPU device plugin: gpu.intel.com/i915 for Quick Sync and compute',
    namespace: 'intel-gpu-plugin',
    network: servesPorts(),
    podSecurity: 'privileged',
    podSecurityReason: 'the device plugin reads /dev/dri and registers with the kubelet through hostPath mounts',
    install: {
      type: 'manifests',
      repository: 'https://github.com/intel/intel-device-plugins-for-kubernetes',
      tag: INTEL_GPU_PLUGIN_PINS.tag,
      path: 'deployments/gpu_plugin/base',
      files: ['intel-gpu-plugin.yaml'],
      containerPatches: [{
        kind: 'DaemonSet', name: 'intel-gpu-plugin', args: [`-shared-dev-num=${INTEL_GPU_SHARED_DEVICES}`], resources: resourceRequirements(INTEL_GPU_PLUGIN_SIZE, resources.plugin),
      }],
    },
    resources: { setAt: ['install.containerPatches.DaemonSet/intel-gpu-plugin'] },
    provides: { extendedResources: [INTEL_GPU_RESOURCE] },
  };
}
