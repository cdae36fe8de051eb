import type { Taint } from '../../inventory/host';
import { optionalArgument, requiredArgument } from '../component-arguments';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import type { PartResources } from '../part-resources';
import type { DevicePluginPart } from './intel-gpu-plugin';
import { servesPorts } from '../component-network';

/** Pinned release of the NVIDIA device plugin chart. Renovate reads the comment above each pin. */
export const NVIDIA_DEVICE_PLUGIN_PINS = {
  // renovate: datasource=helm depName=nvidia-device-plugin registryUrl=https://nvidia.github.io/k8s-device-plugin
  chart: '0.17.2',
} as const;

/** The RuntimeClass GPU pods run with; its handler is the NVIDIA container runtime of containerd. */
export const NVIDIA_RUNTIME_CLASS = 'nvidia';

/** The extended resource the plugin advertises. */
export const NVIDIA_GPU_RESOURCE = 'nvidia.com/gpu';

/** The chart's own tolerations, which a `tolerations` value replaces rather than extends. */
const CHART_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { key: NVIDIA_GPU_RESOURCE, operator: 'Exists', effect: 'NoSchedule' },
];

/** Size of the device plugin on each GPU host, which only lists and hands out devices: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const NVIDIA_DEVICE_PLUGIN_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/**
 * The NVIDIA device plugin on the hosts that have an NVIDIA GPU (from the inventory, by node name):
 * advertises `nvidia.com/gpu`; runs under the `nvidia` RuntimeClass, which the cluster declares. It
 * tolerates the taints of those hosts (`taints`), or a GPU app placed on a tainted host would wait for a
 * GPU no plugin there advertises. `resources` sizes the plugin, merged key by key into
 * {@link NVIDIA_DEVICE_PLUGIN_SIZE}. `timeSlicing`, 2 or more, shares each GPU among that many pods (see
 * {@link timeSlicingValues}).
 */
export function nvidiaDevicePluginComponent(nodeNames: readonly string[], givenTaints: readonly Taint[] = [], givenResources: PartResources<DevicePluginPart> = {}, timeSlicing?: number): PlatformComponentProps {
  const call = 'nvidiaDevicePluginComponent()';
  requiredArgument(nodeNames, call, 'nodeNames', 'list', "the names of the nodes with an NVIDIA GPU: ['gpu1']");
  const taint = "{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }";
  const taints = optionalArgument(givenTaints, [], call, 'taints', 'list', `the GPU hosts' taints: [${taint}]`);
  taints.forEach((t, i) => requiredArgument(t, call, `taints[${i}]`, 'object', taint));
  const resources = optionalArgument(givenResources, {}, call, 'resources', 'object', "the plugin's size: { plugin: { memoryLimit: '256Mi' } }");
  const hostTolerations = [...new Map(taints.map((t) => [`${t.key}=${t.value ?? ''}:${t.effect}`, t.value === undefined
    ? { key: t.key, operator: 'Exists', effect: t.effect }
    : { key: t.key, operator: 'Equal', value: t.value, effect: t.effect }])).values()];
  return {
    name: 'nvidia-device-plugin',
    resources: { setAt: ['values.resources'] },
    description: 'NVIDIA device plugin: nvidia.com/gpu on the GPU hosts, with the nvidia RuntimeClass',
    namespace: 'nvidia-device-plugin',
    network: servesPorts(),
    podSecurity: 'privileged',
    podSecurityReason: 'the device plugin registers with the kubelet through a hostPath socket',
    install: {
      type: 'helm',
      chart: { repository: 'https://nvidia.github.io/k8s-device-plugin', chart: 'nvidia-device-plugin', version: NVIDIA_DEVICE_PLUGIN_PINS.chart },
      values: withResourceValues({
        runtimeClassName: NVIDIA_RUNTIME_CLASS,
        ...(hostTolerations.length > 0 ? { tolerations: [...CHART_TOLERATIONS, ...hostTolerations] } : {}),
        ...(timeSlicing !== undefined ? timeSlicingValues(timeSlicing) : {}),
        // The chart's default affinity wants Node Feature Discovery labels; the inventory knows the hosts.
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [...nodeNames] }] }],
            },
          },
        },
      }, ['resources'], NVIDIA_DEVICE_PLUGIN_SIZE, resources.plugin),
    },
    provides: { runtimeClasses: [NVIDIA_RUNTIME_CLASS], extendedResources: [NVIDIA_GPU_RESOURCE] },
  };
}

/**
 * The chart's values that time-slice each GPU among `replicas` pods: its configuration named `default`, which the
 * plugin falls back to on every node, advertising each GPU as `replicas` of `nvidia.com/gpu` under its own name.
 * Pure.
 */
export function timeSlicingValues(replicas: number): Record<string, unknown> {
  const config = [
    'version: v1',
    'sharing:',
    '  timeSlicing:',
    '    resources:',
    `      - name: ${NVIDIA_GPU_RESOURCE}`,
    `        replicas: ${replicas}`,
    '',
  ].join('\n');
  return { config: { map: { default: config } } };
}
