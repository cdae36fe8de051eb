import type { IConstruct } from 'constructs';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { accessModesOf, storageClassNameOf, tierAccessModeProblem, tierBlockVolumeProblem, type StorageClassTier, type StorageTier } from '../platform/storage';
import { ZFS_CSI_PROVISIONER } from '../platform/components/openebs-zfs';
import { NFS_CSI_PROVISIONER } from '../platform/components/csi-driver-nfs';
import { LOCAL_PATH_PROVISIONER } from '../platform/components/local-path';
import type { Finding } from './finding';
import { fields, Fields, objectFinding, text } from './manifest';

/** Note of a construct that checked the access modes of the claims it renders against their tier itself. */
const CLAIM_MODES_CHECKED_NOTE = `${NOTE_TYPE_PREFIX}claim-modes-checked`;

/** Notes that `scope` checked the access modes of the claims it renders (reported on its props). */
export function noteClaimModesChecked(scope: IConstruct): void {
  if (!scope.node.metadata.some((entry) => entry.type === CLAIM_MODES_CHECKED_NOTE)) {
    scope.node.addMetadata(CLAIM_MODES_CHECKED_NOTE, true);
  }
}

/**
 * What the provisioners the library installs make, by provisioner: a hand-written StorageClass of one of them
 * holds its claims to the same rules as a tier of the library (ZFS LocalPV and local-path volumes live on one
 * node; local-path and csi-driver-nfs make directories, no block devices).
 */
const KNOWN_PROVISIONERS: Readonly<Record<string, Pick<StorageClassTier, 'accessModes' | 'blockVolumes'>>> = {
  [ZFS_CSI_PROVISIONER]: { accessModes: ['ReadWriteOnce', 'ReadWriteOncePod'], blockVolumes: true },
  [LOCAL_PATH_PROVISIONER]: { accessModes: ['ReadWriteOnce'], blockVolumes: false },
  [NFS_CSI_PROVISIONER]: { accessModes: ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'], blockVolumes: false },
};

/** What a claim's StorageClass is: a tier of the cluster, or a hand-written class of a provisioner known here. */
interface ClassFacts {
  /** The tier's name, or the class's. */
  readonly name: string;
  /** The tier, or one standing for the hand-written class. */
  readonly tier: StorageTier;
  /** How messages name it. */
  readonly subject: string;
  /** Whether it is a tier of the cluster, whose claims an App can ask for. */
  readonly isTier: boolean;
}

/**
 * A claim (a PersistentVolumeClaim, a StatefulSet's claim template or a DataVolume, its spec at `path`) on a
 * StorageClass whose provisioner cannot make the volume it asks for, so it stays Pending: an access mode the class
 * does not serve (ReadWriteMany of a ZFS or local-path class), or a raw block volume of a class of directories. A
 * label selector is left alone: a volume made by hand may match it, which binds before any provisioning. The classes are the
 * cluster's tiers (the rule an App's claims follow, which are left to the App, reported on its props) and
 * hand-written StorageClasses of the provisioners the library installs. Returns a function to call per claim
 * spec; the classes are indexed once per cluster.
 */
export function claimModeChecker(cluster: SynthesizedCluster): (object: SynthesizedObject, path: string, spec: Fields) => Finding[] {
  const chart = cluster.chart;
  const classes = new Map<string, ClassFacts>();
  for (const storageClass of cluster.objects) {
    const known = storageClass.manifest.kind === 'StorageClass' ? KNOWN_PROVISIONERS[String(storageClass.manifest.provisioner)] : undefined;
    const name = text(fields(storageClass.manifest.metadata).name);
    if (known !== undefined && name !== undefined) {
      classes.set(name, { name, tier: { storageClassName: name, ...known, setup: () => undefined }, subject: `StorageClass ${name} (${String(storageClass.manifest.provisioner)})`, isTier: false });
    }
  }
  // A tier's class is judged by the tier, which says what the library made it with.
  for (const name of chart.tierNames) {
    const tier = chart.tier(name)!;
    classes.set(storageClassNameOf(tier), { name, tier, subject: `storage tier "${name}"`, isTier: true });
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
    const behind = className === undefined ? undefined : classes.get(className);
    if (behind === undefined || checkedAbove(object.constructPath)) {
      return [];
    }
    const findings: Finding[] = [];
    const add = (field: string, problem: { message: string; hint: string }) => findings.push(objectFinding(object, { layer: 'references', severity: 'error', field, ...problem }));
    const block = spec.volumeMode === 'Block' ? tierBlockVolumeProblem(behind.name, behind.tier, behind.isTier ? undefined : behind.subject) : undefined;
    if (block !== undefined) {
      add(`${path}.volumeMode`, block);
    }
    const modes: unknown[] = Array.isArray(spec.accessModes) ? spec.accessModes : [];
    modes.forEach((mode, i) => {
      const problem = typeof mode === 'string' ? tierAccessModeProblem(behind.name, behind.tier, mode, behind.subject) : undefined;
      if (problem !== undefined) {
        add(`${path}.accessModes[${i}]`, {
          message: `${problem.message}${behind.isTier ? `, and StorageClass ${className} is that tier's` : ''}: the claim would stay Pending, as its provisioner makes no such volume`,
          hint: `${problem.hint}: write accessModes: ['${accessModesOf(behind.tier)[0]}'], or claim on a class that serves ${mode} (an NFS tier, nfsStorage(), serves ReadWriteMany)`,
        });
      }
    });
    return findings;
  };
}
