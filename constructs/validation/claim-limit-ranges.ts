import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding } from './manifest';
import { namespaceClaims } from './namespace-claims';
import { indexOf } from './object-index';
import { quantityValue } from './quantity';

/**
 * The LimitRanger admission refuses a claim whose storage request is below the `min` or above the `max` of a
 * `PersistentVolumeClaim` item of a LimitRange in its namespace ("maximum storage usage per
 * PersistentVolumeClaim is 5Gi, but request is 10Gi"): the apply fails, or a StatefulSet's controller cannot
 * make the claims its pods wait for. The error is on the claim's request, naming the LimitRange.
 */
export function checkClaimLimitRanges(cluster: SynthesizedCluster): Finding[] {
  const bounds = indexOf(cluster.objects).of('LimitRange').filter((r) => r.manifest.apiVersion === 'v1')
    .flatMap((range) => list(fields(range.manifest.spec).limits).filter((item) => item.type === 'PersistentVolumeClaim').map((item) => ({
      range, min: quantityValue(fields(item.min).storage), max: quantityValue(fields(item.max).storage), written: { min: fields(item.min).storage, max: fields(item.max).storage },
    })));
  if (bounds.length === 0) {
    return [];
  }
  return namespaceClaims(cluster.objects).flatMap((claim) => {
    const bytes = quantityValue(claim.storage);
    const broken = bytes === undefined ? undefined : bounds.filter(({ range }) => namespaceOf(range) === claim.namespace)
      .map((b) => (b.min !== undefined && bytes < b.min ? { ...b, bound: 'min' as const } : b.max !== undefined && bytes > b.max ? { ...b, bound: 'max' as const } : undefined))
      .find((b) => b !== undefined);
    if (broken === undefined) {
      return [];
    }
    const name = `${claim.namespace}/${broken.range.manifest.metadata.name}`;
    const word = broken.bound === 'min' ? 'minimum' : 'maximum';
    return [objectFinding(claim.object, {
      layer: 'references', severity: 'error', field: claim.storageField,
      message: `LimitRange ${name} sets a ${word} of ${String(broken.written[broken.bound])} storage per PersistentVolumeClaim, and this claim requests ${String(claim.storage)}, `
        + `so the API server refuses it ("${word} storage usage per PersistentVolumeClaim is ${String(broken.written[broken.bound])}, but request is ${String(claim.storage)}")`,
      hint: `request ${broken.bound === 'min' ? 'at least' : 'at most'} ${String(broken.written[broken.bound])}, or change the ${broken.bound}.storage of LimitRange ${name}`,
    })];
  });
}
