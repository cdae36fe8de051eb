import { DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { checkGatedVolumeFields } from './gated-fields';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { claimSizeProblem } from './quantity';
import { checkLabelSelector } from './selector-rules';

/**
 * What the API server refuses in a claim's spec (ValidatePersistentVolumeClaimSpec): no access mode,
 * ReadWriteOncePod beside another mode, a selector of volumes it refuses (see `checkLabelSelector`), a StorageClass name no class can have, no storage request or
 * one of zero, or a data source the API server refuses (see `checkDataSources`). `path` is where the spec sits: `spec` for a PersistentVolumeClaim,
 * `spec.volumeClaimTemplates[<n>].spec` for a StatefulSet's claim template, which the API server checks
 * alike (and the StatefulSet controller could not create its claims from anyway). Pure: reports through `add`.
 */
export function checkClaimSpec(spec: Fields, path: string, add: AddFinding): void {
  if (list(spec.accessModes).length === 0) {
    add(`${path}.accessModes`, 'a claim needs at least one access mode', 'set accessModes: [ReadWriteOnce] (or ReadWriteMany, ReadOnlyMany, ReadWriteOncePod)');
  }
  checkPodExclusiveMode(spec.accessModes, `${path}.accessModes`, add);
  checkLabelSelector(spec.selector, `${path}.selector`, add);
  checkGatedVolumeFields(spec, path, add);
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
  checkDataSources(spec, path, add);
}

/** The API group of the kinds a claim is most often filled from, for hints. */
const DATA_SOURCE_GROUPS: Readonly<Record<string, string>> = { VolumeSnapshot: 'snapshot.storage.k8s.io' };

/**
 * Where a claim's data comes from (ValidatePersistentVolumeClaimSpec): `dataSource` and `dataSourceRef`
 * each name a kind and a name, a kind of the core group only when it is a PersistentVolumeClaim (a
 * VolumeSnapshot needs its `apiGroup`), and when both are given they name the same object.
 */
function checkDataSources(spec: Fields, path: string, add: AddFinding): void {
  for (const key of ['dataSource', 'dataSourceRef'] as const) {
    if (spec[key] === undefined) {
      continue;
    }
    const source = fields(spec[key]);
    const kind = text(source.kind) ?? '';
    if (kind === '' || (text(source.name) ?? '') === '') {
      add(`${path}.${key}`, `the ${key} needs the kind and the name of the object the claim is filled from`, "give both, e.g. { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'db-daily' }");
    } else if ((text(source.apiGroup) ?? '') === '' && kind !== 'PersistentVolumeClaim') {
      const group = DATA_SOURCE_GROUPS[kind];
      add(`${path}.${key}.apiGroup`, `a ${key} of the core API group is a PersistentVolumeClaim, not a ${kind}`,
        group ? `set apiGroup: '${group}'` : `set the apiGroup of ${kind}, or name a PersistentVolumeClaim`);
    }
  }
  const refNamespace = text(fields(spec.dataSourceRef).namespace);
  if (refNamespace !== undefined && refNamespace !== '') {
    // The API server drops the field unless its alpha feature gate is on: the claim then looks in its own namespace.
    add(`${path}.dataSourceRef.namespace`, `the data source is in namespace "${refNamespace}": a claim filled from another namespace needs the alpha feature gate CrossNamespaceVolumeDataSource and a ReferenceGrant, and without the gate the API server drops the namespace, so the claim looks for the source in its own namespace`,
      `make the claim in namespace ${refNamespace}, beside its source, and leave dataSourceRef.namespace out`);
  }
  if (spec.dataSource !== undefined && spec.dataSourceRef !== undefined) {
    const [source, ref] = [fields(spec.dataSource), fields(spec.dataSourceRef)];
    if ((text(source.apiGroup) ?? '') !== (text(ref.apiGroup) ?? '') || source.kind !== ref.kind || source.name !== ref.name) {
      add(`${path}.dataSource`, 'dataSource and dataSourceRef name different objects; the API server takes both only when they match',
        'keep one of them: dataSourceRef, which may also name a custom resource');
    }
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
