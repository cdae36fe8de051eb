import { DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { claimSizeProblem } from './quantity';

/**
 * What the API server refuses in a claim's spec (ValidatePersistentVolumeClaimSpec): no access mode,
 * ReadWriteOncePod beside another mode, a StorageClass name no class can have, or no storage request or
 * one of zero. `path` is where the spec sits: `spec` for a PersistentVolumeClaim,
 * `spec.volumeClaimTemplates[<n>].spec` for a StatefulSet's claim template, which the API server checks
 * alike (and the StatefulSet controller could not create its claims from anyway). Pure: reports through `add`.
 */
export function checkClaimSpec(spec: Fields, path: string, add: AddFinding): void {
  if (list(spec.accessModes).length === 0) {
    add(`${path}.accessModes`, 'a claim needs at least one access mode', 'set accessModes: [ReadWriteOnce] (or ReadWriteMany, ReadOnlyMany, ReadWriteOncePod)');
  }
  checkPodExclusiveMode(spec.accessModes, `${path}.accessModes`, add);
  const className = text(spec.storageClassName);
  const classProblem = className === undefined || className === '' ? undefined : nameProblem(className, DNS1123_SUBDOMAIN);
  if (classProblem !== undefined) {
    add(`${path}.storageClassName`, `storageClassName ${classProblem}`, "name the StorageClass as it is named, e.g. local-path, or '' for no class");
  }
  const storage = fields(fields(spec.resources).requests).storage;
  const sizeProblem = claimSizeProblem(storage);
  if (storage === undefined || sizeProblem) {
    add(`${path}.resources.requests.storage`, sizeProblem ?? 'a claim needs the size it requests', 'set resources.requests.storage, e.g. 10Gi');
  }
}

/**
 * ReadWriteOncePod, of a claim or a PersistentVolume, stands alone: the API server refuses it beside
 * another access mode, which would contradict it.
 */
export function checkPodExclusiveMode(modes: unknown, at: string, add: AddFinding): void {
  if (Array.isArray(modes) && modes.length > 1 && modes.includes('ReadWriteOncePod')) {
    add(at, 'ReadWriteOncePod cannot be combined with other access modes', 'keep ReadWriteOncePod alone, or drop it for ReadWriteOnce');
  }
}
