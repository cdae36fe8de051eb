import type { IConstruct } from 'constructs';
import type { GpuVendor } from '../inventory/gpu';
import type { ClusterChart } from '../platform/cluster-chart';
import { INTEL_GPU_SHARED_DEVICES } from '../platform/components/intel-gpu-plugin';
import { servesGpusToPods } from '../platform/kubevirt-host-devices';
import { reportFinding } from '../validation/finding';
import { GPU_VENDOR_NAMES } from '../validation/inventory';
import { GPU_RESOURCE } from './gpu';

// A device plugin advertises each GPU as a number of devices, each handed to one pod: one for NVIDIA's plugin
// unless it time-slices, ten for Intel's as the library installs it. The pods of every app that asks for a vendor's
// GPU share what the plugins advertise: past it, the API server takes them and they wait in Pending for good.

/**
 * How many pods one GPU of `vendor` serves as the cluster's device plugin advertises it: NVIDIA's plugin gives
 * each GPU whole unless the cluster time-slices it (`nvidiaTimeSlicing`), Intel's shares each among
 * {@link INTEL_GPU_SHARED_DEVICES} containers, and AMD's (installed by the owner) is taken as whole GPUs. Pure.
 */
export function podsPerGpu(cluster: Pick<ClusterChart, 'nvidiaTimeSlicing'>, vendor: GpuVendor): number {
  switch (vendor) {
    case 'nvidia': return cluster.nvidiaTimeSlicing ?? 1;
    case 'intel': return INTEL_GPU_SHARED_DEVICES;
    default: return 1;
  }
}

/** The GPUs one app asks for, as it runs. */
interface GpuDemand {
  readonly scope: IConstruct;
  /** The prop that asked for the GPU (`gpu`, or the service prop it was built from). */
  readonly field: string;
  readonly vendor: GpuVendor;
  /** Devices of the plugin its pods take together, while they run: replicas times the GPUs of each. */
  readonly devices: number;
  /** The app is vLLM left to take 90 % of its GPU's memory (no `--gpu-memory-utilization`). @default false */
  readonly defaultGpuMemory?: boolean;
}

const DEMANDS = new WeakMap<ClusterChart, GpuDemand[]>();

/**
 * Records the devices an app's pods take of its GPU vendor's plugin, which run for good (a Deployment's or
 * StatefulSet's replicas), and reports, once the cluster is prepared, each app whose pods come past what the
 * cluster's hosts advertise, in the order the apps were declared. Judged only where the library installs the plugin:
 * one the owner installs may share its GPUs in ways synthesis does not see.
 */
export function recordGpuDemand(scope: IConstruct, cluster: ClusterChart, demand: Omit<GpuDemand, 'scope'>): void {
  let demands = DEMANDS.get(cluster);
  if (demands === undefined) {
    demands = [];
    DEMANDS.set(cluster, demands);
    const recorded = demands;
    cluster.onPrepare(() => reportOversubscribed(cluster, recorded));
  }
  demands.push({ scope, ...demand });
}

function reportOversubscribed(cluster: ClusterChart, demands: readonly GpuDemand[]): void {
  for (const vendor of new Set(demands.map((d) => d.vendor))) {
    const provider = cluster.platform.provider('extendedResources', GPU_RESOURCE[vendor]);
    if (provider === undefined || !provider.startsWith('component ')) {
      continue;
    }
    const hosts = cluster.hosts.filter((h) => h.hasGpu(vendor) && servesGpusToPods(cluster, h, vendor));
    const shares = podsPerGpu(cluster, vendor);
    const advertised = hosts.reduce((n, h) => n + h.gpuCount(vendor) * shares, 0);
    const ofVendor = demands.filter((d) => d.vendor === vendor);
    const total = ofVendor.reduce((n, d) => n + d.devices, 0);
    if (total <= advertised) {
      reportDefaultMemoryOnSharedGpu(ofVendor, advertised / shares, total);
      continue;
    }
    const name = GPU_VENDOR_NAMES[vendor];
    const taken = ofVendor.map((d) => `${d.scope.node.id} ${d.devices}`).join(', ');
    const plugin = `${hosts.map((h) => `${h.name} ${h.gpuCount(vendor)}`).join(', ')} GPU${advertised === 1 ? '' : 's'}${shares > 1 ? `, each shared by ${shares} pods` : ''}`;
    let running = 0;
    for (const demand of ofVendor) {
      running += demand.devices;
      if (running <= advertised) {
        continue;
      }
      reportFinding(demand.scope, {
        layer: 'inventory', severity: 'error', field: demand.field,
        message: `the apps of cluster "${cluster.clusterName}" ask for ${total} ${name} GPUs together (${taken}), and its device plugin hands out ${advertised} (${plugin}): `
          + 'the pods past them, this app\'s among them, would wait in Pending',
        hint: vendor === 'nvidia'
          ? `let the apps share each GPU by time-slicing: new ClusterChart(…, { nvidiaTimeSlicing: ${Math.ceil(total / Math.max(1, advertised / shares))} }) (they share its memory too, `
            + "so bound each app's share, e.g. vLLM's --gpu-memory-utilization); or run fewer apps on the GPU, or this one on the CPU"
          : `run fewer apps on the ${name} GPU, or this one on the CPU; or list more ${name} GPUs of the hosts in the inventory`,
      });
    }
  }
}

/**
 * A vLLM app left to its default share of the GPU's memory (90 %) where the GPUs are time-sliced and more pods take
 * them than there are GPUs: vLLM takes the memory at its start, so the pods that share its GPU run out of it, or vLLM
 * does not start where they hold more than the rest. A warning on its `args`, as the pods may not share vLLM's GPU.
 */
function reportDefaultMemoryOnSharedGpu(demands: readonly GpuDemand[], gpus: number, total: number): void {
  if (total <= gpus) {
    return;
  }
  for (const demand of demands.filter((d) => d.defaultGpuMemory === true)) {
    const others = demands.filter((d) => d !== demand).map((d) => d.scope.node.id);
    reportFinding(demand.scope, {
      layer: 'inventory', severity: 'warning', field: 'args',
      message: `vLLM takes 90 % of its GPU's memory as it starts (--gpu-memory-utilization 0.9 unless told), and the cluster time-slices its ${gpus} GPU${gpus === 1 ? '' : 's'} `
        + `among ${total} pods (${others.join(', ')} beside it): those on its GPU would run out of memory, or vLLM would not start where they hold more than the rest`,
      hint: "give vLLM its share of the GPU's memory, leaving the others theirs: args: [..., '--gpu-memory-utilization', '0.5']",
    });
  }
}
