import { AddFinding, fields, Fields, list } from './manifest';
import { claimSizeProblem } from './quantity';

/**
 * What the API server refuses in a claim's spec (ValidatePersistentVolumeClaimSpec): no access mode, or no
 * storage request or one of zero. `path` is where the spec sits: `spec` for a PersistentVolumeClaim,
 * `spec.volumeClaimTemplates[<n>].spec` for a StatefulSet's claim template, which the API server checks
 * alike (and the StatefulSet controller could not create its claims from anyway). Pure: reports through `add`.
 */
export function checkClaimSpec(spec: Fields, path: string, add: AddFinding): void {
  if (list(spec.accessModes).length === 0) {
    add(`${path}.accessModes`, 'a claim needs at least one access mode', 'set accessModes: [ReadWriteOnce] (or ReadWriteMany, ReadOnlyMany, ReadWriteOncePod)');
  }
  const storage = fields(fields(spec.resources).requests).storage;
  const sizeProblem = claimSizeProblem(storage);
  if (storage === undefined || sizeProblem) {
    add(`${path}.resources.requests.storage`, sizeProblem ?? 'a claim needs the size it requests', 'set resources.requests.storage, e.g. 10Gi');
  }
}
