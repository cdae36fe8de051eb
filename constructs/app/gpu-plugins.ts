import type { IConstruct } from 'constructs';
import type { GpuVendor } from '../inventory/gpu';
import type { ClusterChart } from '../platform/cluster-chart';
import { reportFinding } from '../validation/finding';
import { GPU_RESOURCE, GpuRequest } from './gpu';

/**
 * Vendors whose device plugin this library installs (`gpuDevicePlugins`), so that it knows whether the
 * cluster hands out their GPUs. An AMD plugin always comes from outside: one nothing declares is a warning.
 */
const PLUGIN_VENDORS: readonly GpuVendor[] = ['nvidia', 'intel'];

/**
 * Reports on `scope`'s `field` (its `gpu`, or the service prop it was built from) a GPU no device plugin of the cluster hands out (`gpuDevicePlugins: false`
 * and none declared preinstalled): the pod asks for an extended resource no node advertises and stays
 * Pending. Read once the cluster is prepared, when every component and preinstalled declaration is known.
 */
export function reportUnservedGpu(scope: IConstruct, cluster: ClusterChart, request: GpuRequest, field = 'gpu'): void {
  const resource = GPU_RESOURCE[request.vendor];
  cluster.onPrepare(() => {
    if (cluster.platform.provider('extendedResources', resource) !== undefined) {
      return;
    }
    if (!PLUGIN_VENDORS.includes(request.vendor)) {
      // The owner installs it: what the cluster gets from outside is declared, so its README lists it.
      reportFinding(scope, {
        layer: 'references', severity: 'warning', field,
        message: `the app asks for ${resource}, and nothing of cluster "${cluster.clusterName}" is declared to hand it out: the library installs no device plugin for it, and without one the pod stays Pending`,
        hint: `install the vendor's device plugin and declare it: preinstalled: [{ source: 'amd-gpu-device-plugin', provides: { extendedResources: ['${resource}'] } }]`,
      });
    } else {
      reportFinding(scope, {
        layer: 'references', severity: 'error', field,
        message: `the app asks for ${resource}, which no device plugin of cluster "${cluster.clusterName}" hands out, so its pod stays Pending`,
        hint: `turn gpuDevicePlugins back on for the cluster, declare the plugin preinstalled (provides: { extendedResources: ['${resource}'] }), `
          + 'or reach the GPU through device mounts (devices) instead of gpu',
      });
    }
  });
}

/**
 * Reports on `scope`'s `field` (`devices[<i>]`) a device plugin's resource that nothing of the cluster is
 * declared to hand out: the library installs only the GPU plugins, so another plugin (generic-device-plugin's
 * `squat.ai/serial`) comes from outside and is declared, which lists it in the cluster's README. Read once
 * the cluster is prepared, when every component and preinstalled declaration is known.
 */
export function reportUnservedDevice(scope: IConstruct, cluster: ClusterChart, resource: string, field: string): void {
  cluster.onPrepare(() => {
    if (cluster.platform.provider('extendedResources', resource) !== undefined) {
      return;
    }
    const plugin = resource.startsWith('squat.ai/') ? 'generic-device-plugin' : '<its device plugin>';
    reportFinding(scope, {
      layer: 'references', severity: 'warning', field,
      message: `the app asks for ${resource}, and nothing of cluster "${cluster.clusterName}" is declared to hand it out: without a device plugin that advertises it, the pod stays Pending`,
      hint: `install the device plugin on the nodes that have the device and declare it: preinstalled: [{ source: '${plugin}', provides: { extendedResources: ['${resource}'] } }]`,
    });
  });
}
