import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import type { ContainerRef, PodTemplate } from './pod-spec';
import { quantityValue } from './quantity';

/** A memory-backed emptyDir of a pod with the size it may grow to, in bytes. */
interface MemoryVolume {
  readonly name: string;
  readonly sizeLimit: string;
  readonly bytes: number;
}

/** The pod's emptyDirs with `medium: Memory` and a size limit, by name. Pure. */
function memoryVolumes(template: PodTemplate): Map<string, MemoryVolume> {
  const volumes = new Map<string, MemoryVolume>();
  for (const volume of list(template.spec.volumes)) {
    const emptyDir = fields(volume.emptyDir);
    const name = text(volume.name);
    const bytes = quantityValue(emptyDir.sizeLimit);
    if (volume.emptyDir !== undefined && emptyDir.medium === 'Memory' && name !== undefined && bytes !== undefined) {
      volumes.set(name, { name, sizeLimit: String(emptyDir.sizeLimit), bytes });
    }
  }
  return volumes;
}

/**
 * Memory-backed emptyDirs (tmpfs, such as `/dev/shm`) that a container mounts and that together may hold
 * more than its memory limit: the pages written there are charged to the container's memory cgroup, so it
 * is OOM-killed before the volumes are full. A warning, since a process may never fill them.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
 */
export function memoryVolumeFindings(template: PodTemplate, containers: readonly ContainerRef[]): Finding[] {
  const volumes = memoryVolumes(template);
  if (volumes.size === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const { container, path } of containers) {
    const limitText = fields(fields(container.resources).limits).memory;
    const limit = quantityValue(limitText);
    const names = new Set(list(container.volumeMounts).map((mount) => text(mount.name)));
    const mounted = [...volumes.values()].filter((volume) => names.has(volume.name));
    const total = mounted.reduce((sum, volume) => sum + volume.bytes, 0);
    if (limit === undefined || total <= limit) {
      continue;
    }
    const listed = mounted.map((volume) => `${volume.name} (${volume.sizeLimit})`).join(', ');
    findings.push(objectFinding(template.object, {
      layer: 'policy', severity: 'warning', field: `${path}.resources.limits.memory`,
      message: `the memory-backed volume${mounted.length > 1 ? 's' : ''} ${listed} may hold ${formatBytes(total)}, above the container's memory limit ${String(limitText)}; `
        + 'what is written to them counts against the limit, so the container is OOM-killed before they are full',
      hint: `raise the memory limit above ${formatBytes(total)} plus what the process itself needs, or lower the volumes' sizeLimit`,
    }));
  }
  return findings;
}

/** A byte count in the largest binary unit that keeps one decimal, e.g. 1.5Gi. Pure. */
function formatBytes(bytes: number): string {
  for (const [unit, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= size) {
      return `${Math.round((bytes / size) * 10) / 10}${unit}`;
    }
  }
  return `${bytes}`;
}
