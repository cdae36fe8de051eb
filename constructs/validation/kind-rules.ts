import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, Fields } from './manifest';
import { qualifiedNameProblem } from './syntax';

/** The highest priority a PriorityClass may give unless its name marks it as the system's own. */
const MAX_USER_PRIORITY = 1_000_000_000;
/** The most bytes a ConfigMap's or Secret's data may hold in all (etcd's object limit leaves room for no more). */
const MAX_DATA_BYTES = 1024 * 1024;

/** A HorizontalPodAutoscaler scales between at least one replica and a maximum no lower than its minimum. */
export function checkAutoscaler(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) {
    add('spec.minReplicas', `minReplicas ${spec.minReplicas} is below 1`, 'keep at least one replica, or scale the workload to 0 itself');
  }
  if (typeof spec.maxReplicas === 'number' && spec.maxReplicas < Math.max(min, 1)) {
    add('spec.maxReplicas', `maxReplicas ${spec.maxReplicas} is below minReplicas ${min}`, 'set maxReplicas at least as high as minReplicas');
  }
}

/** A StorageClass names its provisioner as a qualified name (e.g. `rancher.io/local-path`). */
export function checkStorageClass(object: SynthesizedObject, add: AddFinding): void {
  const provisioner = object.manifest.provisioner;
  const problem = typeof provisioner === 'string' ? qualifiedNameProblem(provisioner) : undefined;
  if (problem) {
    add('provisioner', `provisioner: ${problem}`, 'name the CSI driver or provisioner as it registers itself, e.g. rancher.io/local-path');
  }
}

/** A PriorityClass of the lab stays at or below 1 000 000 000; higher values are kept for the system's own classes. */
export function checkPriorityClass(object: SynthesizedObject, add: AddFinding): void {
  const value = object.manifest.value;
  const name = String(fields(object.manifest.metadata).name ?? '');
  if (typeof value === 'number' && value > MAX_USER_PRIORITY && !name.startsWith('system-')) {
    add('value', `priority ${value} is above ${MAX_USER_PRIORITY}, the highest a PriorityClass of your own may have`, `use a value of at most ${MAX_USER_PRIORITY}`);
  }
}

/** A ConfigMap's or Secret's data fits the API server's limit of 1 MiB, counted over all its maps. */
export function checkDataSize(object: SynthesizedObject, maps: readonly string[], add: AddFinding): void {
  // A UTF-16 unit is at most 3 bytes of UTF-8: most data is far below the limit even so, and needs no count.
  if (dataBytes(object, maps, (value) => value.length * 3) <= MAX_DATA_BYTES) {
    return;
  }
  const bytes = dataBytes(object, maps, (value) => Buffer.byteLength(value));
  if (bytes > MAX_DATA_BYTES) {
    add(maps[0], `holds ${bytes} bytes; a ${String(object.manifest.kind)} may hold at most ${MAX_DATA_BYTES} (1 MiB)`,
      'split the data into several objects, or mount a volume for large files');
  }
}

/** Bytes of the object's data maps: base64 values decoded, text measured by `textBytes`. */
function dataBytes(object: SynthesizedObject, maps: readonly string[], textBytes: (value: string) => number): number {
  let bytes = 0;
  for (const name of maps) {
    const map: Fields = fields(object.manifest[name]);
    const base64 = name === 'binaryData' || (name === 'data' && object.manifest.kind === 'Secret');
    for (const key in map) {
      const value = map[key];
      if (typeof value === 'string') {
        bytes += base64 ? Math.floor(value.length * 3 / 4) : textBytes(value);
      }
    }
  }
  return bytes;
}
