import type { PlatformComponentProps } from '../component';

/** Pinned release of the NVIDIA device plugin chart. Renovate reads the comment above each pin. */
export const NVIDIA_DEVICE_PLUGIN_PINS = {
  // renovate: datasource=helm depName=nvidia-device-plugin registryUrl=https://nvidia.github.io/k8s-device-plugin
  chart: '0.17.2',
} as const;

/** The RuntimeClass GPU pods run with; its handler is the NVIDIA container runtime of containerd. */
export const NVIDIA_RUNTIME_CLASS = 'nvidia';

/** The extended resource the plugin advertises. */
export const NVIDIA_GPU_RESOURCE = 'nvidia.com/gpu';

/**
 * The NVIDIA device plugin on the hosts that have an NVIDIA GPU (from the inventory, by node name):
 * advertises `nvidia.com/gpu`; runs under the `nvidia` RuntimeClass, which the cluster declares.
 */
export function nvidiaDevicePluginComponent(nodeNames: readonly string[]): PlatformComponentProps {
  return {
    name: 'nvidia-device-plugin',
    description: 'NVIDIA device plugin: nvidia.com/gpu on the GPU hosts, with the nvidia RuntimeClass',
    namespace: 'nvidia-device-plugin',
    podSecurity: 'privileged',
    podSecurityReason: 'the device plugin registers with the kubelet through a hostPath socket',
    install: {
      type: 'helm',
      chart: { repository: 'https://nvidia.github.io/k8s-device-plugin', chart: 'nvidia-device-plugin', version: NVIDIA_DEVICE_PLUGIN_PINS.chart },
      values: {
        runtimeClassName: NVIDIA_RUNTIME_CLASS,
        // The chart's default affinity wants Node Feature Discovery labels; the inventory knows the hosts.
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [...nodeNames] }] }],
            },
          },
        },
      },
    },
    healthChecks: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'nvidia-device-plugin' }],
    provides: { runtimeClasses: [NVIDIA_RUNTIME_CLASS], extendedResources: [NVIDIA_GPU_RESOURCE] },
  };
}
