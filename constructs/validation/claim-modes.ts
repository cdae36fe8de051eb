import type { IConstruct } from 'constructs';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { accessModesOf, storageClassNameOf, tierAccessModeProblem, tierBlockVolumeProblem, type StorageTier } from '../platform/storage';
import type { Finding } from './finding';
import { Fields, objectFinding, text } from './manifest';

/** Note of a construct that checked the access modes of the claims it renders against their tier itself. */
const CLAIM_MODES_CHECKED_NOTE = `${NOTE_TYPE_PREFIX}claim-modes-checked`;

/** Notes that `scope` checked the access modes of the claims it renders (reported on its props). */
export function noteClaimModesChecked(scope: IConstruct): void {
  if (!scope.node.metadata.some((entry) => entry.type === CLAIM_MODES_CHECKED_NOTE)) {
    scope.node.addMetadata(CLAIM_MODES_CHECKED_NOTE, true);
  }
}

/**
 * A claim's access modes (of a PersistentVolumeClaim, a StatefulSet's claim template or a DataVolume, at `path`)
 * that the storage tier behind its StorageClass does not serve, or its raw block volume mode on a tier of
 * directories: a hand-written claim of ReadWriteMany on a ZFS or
 * local-path class stays Pending, as the provisioner never makes such a volume. The rule is the tier's, as for the
 * claims an App asks for, which are left to the App (reported on its props). Returns a function to call per claim
 * spec; the tiers are indexed once per cluster.
 */
export function claimModeChecker(cluster: SynthesizedCluster): (object: SynthesizedObject, path: string, spec: Fields) => Finding[] {
  const chart = cluster.chart;
  const tiers = new Map<string, { readonly name: string; readonly tier: StorageTier }>();
  for (const name of chart.tierNames) {
    const tier = chart.tier(name)!;
    tiers.set(storageClassNameOf(tier), { name, tier });
  }
  const checked = new Set(cluster.notes.filter((note) => note.type === CLAIM_MODES_CHECKED_NOTE).map((note) => note.constructPath));
  /** Whether a construct at or above `path` checked its claims itself; the depth of a path bounds the walk. */
  const checkedAbove = (path: string): boolean => {
    for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
      if (checked.has(path.slice(0, end))) {
        return true;
      }
    }
    return false;
  };
  return (object, path, spec) => {
    const className = text(spec.storageClassName);
    const behind = className === undefined ? undefined : tiers.get(className);
    if (behind === undefined || checkedAbove(object.constructPath)) {
      return [];
    }
    const block = spec.volumeMode === 'Block' ? tierBlockVolumeProblem(behind.name, behind.tier) : undefined;
    const modes: unknown[] = Array.isArray(spec.accessModes) ? spec.accessModes : [];
    return [...block === undefined ? [] : [objectFinding(object, { layer: 'references', severity: 'error', field: `${path}.volumeMode`, ...block })], ...modes.flatMap((mode, i) => {
      const problem = typeof mode === 'string' ? tierAccessModeProblem(behind.name, behind.tier, mode) : undefined;
      return problem === undefined ? [] : [objectFinding(object, {
        layer: 'references', severity: 'error', field: `${path}.accessModes[${i}]`,
        message: `${problem.message}, and StorageClass ${className} is that tier's: the claim would stay Pending, as its provisioner makes no such volume`,
        hint: `${problem.hint}: write accessModes: ['${accessModesOf(behind.tier)[0]}'], or claim on a tier whose class serves ${mode} (an NFS tier, nfsStorage(), serves ReadWriteMany)`,
      })];
    })];
  };
}
