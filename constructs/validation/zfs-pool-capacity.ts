import type { Host } from '../inventory/host';
import { exceedsPool } from '../inventory/zfs-pool';
import type { SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, Fields, list, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { quantityValue } from './quantity';

// A ZFS pool holds what its disks hold. One volume asked of it that is larger than the whole pool is a
// mistake of a unit or a digit (`2Ti` for `200Gi`): no pool of that size ever holds it, and a thin volume
// that size fails its writes once the pool is full, far from the line that sized it. Claims that together
// ask for more are left alone: a claim's size is what it may grow to, and ZFS volumes are thin by default.

/** A volume asked of a ZFS pool: where it is written and what it asks for. */
interface PoolRequest {
  readonly object: SynthesizedObject;
  readonly field: string;
  readonly storageClassName: unknown;
  readonly size: unknown;
}

/** The requests of a claim spec (`spec`, a claim template's, a DataVolume's `storage` or `pvc`) at `field`. */
function claimRequest(object: SynthesizedObject, spec: Fields, field: string): PoolRequest {
  return { object, field: `${field}.resources.requests.storage`, storageClassName: spec.storageClassName, size: fields(fields(spec.resources).requests).storage };
}

/** A DataVolume spec's target (`storage`, or the older `pvc`) at `field`. */
function dataVolumeRequests(object: SynthesizedObject, spec: Fields, field: string): PoolRequest[] {
  return ['storage', 'pvc'].filter((key) => spec[key] !== undefined).map((key) => claimRequest(object, fields(spec[key]), `${field}.${key}`));
}

/**
 * Claims, claim templates, DataVolumes and VMs' DataVolume templates of a ZFS StorageClass (`pools`: each
 * class's pool name and the hosts it may use) that ask for more than the whole pool holds on every one of
 * those hosts whose size the inventory knows. Pure.
 */
export function oversizedZfsRequests(index: ObjectIndex, pools: ReadonlyMap<string, { readonly pool: string; readonly hosts: readonly Host<any, any>[] }>): Finding[] {
  const requests: PoolRequest[] = [
    ...index.of('PersistentVolumeClaim').map((o) => claimRequest(o, fields(o.manifest.spec), 'spec')),
    ...index.of('StatefulSet').flatMap((o) => list(fields(o.manifest.spec).volumeClaimTemplates).map((t, i) => claimRequest(o, fields(t.spec), `spec.volumeClaimTemplates[${i}].spec`))),
    ...index.of('DataVolume').flatMap((o) => dataVolumeRequests(o, fields(o.manifest.spec), 'spec')),
    ...index.of('VirtualMachine').flatMap((o) => list(fields(o.manifest.spec).dataVolumeTemplates)
      .flatMap((t, i) => dataVolumeRequests(o, fields(t.spec), `spec.dataVolumeTemplates[${i}].spec`))),
  ];
  const findings: Finding[] = [];
  for (const request of requests) {
    const zfs = pools.get(text(request.storageClassName) ?? '');
    const bytes = quantityValue(request.size);
    const sizes = zfs?.hosts.map((h) => h.zfs[zfs.pool]?.sizeTerabytes).filter((t): t is number => typeof t === 'number' && t > 0) ?? [];
    if (zfs === undefined || bytes === undefined || sizes.length === 0 || sizes.length < zfs.hosts.length || !exceedsPool(bytes, Math.max(...sizes))) {
      continue;
    }
    const largest = Math.max(...sizes);
    findings.push(objectFinding(request.object, {
      layer: 'inventory', severity: 'error', field: request.field,
      message: `${String(request.size)} is more than ZFS pool "${zfs.pool}" holds (${largest} TB on ${zfs.hosts.map((h) => h.name).join(', ')}), so no volume of that size fits it`,
      hint: `ask for what the volume needs, within the pool's ${largest} TB (a unit or a digit too many?), or put it on a larger pool's tier`,
    }));
  }
  return findings;
}
