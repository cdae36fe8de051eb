import { longhornBackupTargetProblem } from '../platform/longhorn-chart-values';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

// Longhorn reads its StorageClasses' and VolumeSnapshotClasses' parameters as text only when a volume or a
// snapshot is made, and a BackupTarget's URL when it backs up: the API server takes any string there, and a value
// Longhorn cannot read fails each claim (it stays Pending), each VolumeSnapshot (it never becomes ready to use) or
// each backup, never the object itself.

/** Longhorn's CSI driver, the provisioner of its StorageClasses and the driver of its VolumeSnapshotClasses. */
export const LONGHORN_DRIVER = 'driver.longhorn.io';

/** The data localities Longhorn knows (its StorageClass parameter `dataLocality`). */
const DATA_LOCALITIES = ['disabled', 'best-effort', 'strict-local'];

/** What a Longhorn VolumeSnapshotClass's `type` makes: a snapshot in the cluster, a backup in the backup target, a backing image. */
const SNAPSHOT_TYPES = ['snap', 'bak', 'bi'];

/** The words a user writes for each snapshot type, as Longhorn's UI and its RecurringJob tasks name them. */
const SNAPSHOT_TYPE_WORDS: Readonly<Record<string, string>> = { snapshot: 'snap', backup: 'bak', 'backing-image': 'bi', backingimage: 'bi' };

function storageClassFindings(storageClass: SynthesizedObject): Finding[] {
  const parameters = fields(storageClass.manifest.parameters);
  const findings: Finding[] = [];
  const replicas = text(parameters.numberOfReplicas);
  if (replicas !== undefined && !/^[1-9]\d*$/.test(replicas.trim())) {
    findings.push(objectFinding(storageClass, {
      layer: 'references', severity: 'error', field: 'parameters.numberOfReplicas',
      message: `numberOfReplicas "${replicas}" is no whole number of replicas above 0: Longhorn cannot read it when it makes a volume, so every claim of the class stays Pending`,
      hint: "write the count in digits, as text: numberOfReplicas: '3'",
    }));
  }
  const locality = text(parameters.dataLocality);
  if (locality !== undefined && !DATA_LOCALITIES.includes(locality)) {
    const meant = closestName(locality.toLowerCase().replace(/[_ ]/g, '-'), DATA_LOCALITIES) ?? 'best-effort';
    findings.push(objectFinding(storageClass, {
      layer: 'references', severity: 'error', field: 'parameters.dataLocality',
      message: `dataLocality "${locality}" is none of Longhorn's (${DATA_LOCALITIES.join(', ')}): Longhorn refuses the volume, so every claim of the class stays Pending`,
      hint: `dataLocality: '${meant}'`,
    }));
  }
  return findings;
}

function snapshotClassFindings(snapshotClass: SynthesizedObject): Finding[] {
  const type = text(fields(snapshotClass.manifest.parameters).type);
  if (type === undefined || SNAPSHOT_TYPES.includes(type)) {
    return [];
  }
  const meant = SNAPSHOT_TYPE_WORDS[type.toLowerCase()] ?? closestName(type.toLowerCase(), SNAPSHOT_TYPES);
  return [objectFinding(snapshotClass, {
    layer: 'references', severity: 'error', field: 'parameters.type',
    message: `type "${type}" is none of Longhorn's (snap: a snapshot kept in the cluster, bak: a backup in the backup target, bi: a backing image): Longhorn fails every VolumeSnapshot of the class, which never becomes ready to use`,
    hint: meant !== undefined ? `type: '${meant}'` : "type: 'snap' for a snapshot in the cluster, or 'bak' for a backup",
  })];
}

/** A Longhorn BackupTarget (Longhorn 1.8 on) whose URL Longhorn's backup store cannot parse. */
function backupTargetFindings(backupTarget: SynthesizedObject): Finding[] {
  const url = text(fields(backupTarget.manifest.spec).backupTargetURL);
  const problem = url === undefined ? undefined : longhornBackupTargetProblem(url);
  return problem === undefined ? [] : [objectFinding(backupTarget, { layer: 'references', severity: 'error', field: 'spec.backupTargetURL', ...problem })];
}

/** Longhorn's StorageClasses, VolumeSnapshotClasses and BackupTargets of the output have parameters Longhorn reads. */
export function checkLonghornParameters(cluster: SynthesizedCluster): Finding[] {
  return cluster.objects.flatMap((object) => {
    if (object.manifest.kind === 'BackupTarget' && object.manifest.apiVersion.startsWith('longhorn.io/')) {
      return backupTargetFindings(object);
    }
    if (object.manifest.kind === 'StorageClass' && object.manifest.provisioner === LONGHORN_DRIVER) {
      return storageClassFindings(object);
    }
    return object.manifest.kind === 'VolumeSnapshotClass' && object.manifest.driver === LONGHORN_DRIVER ? snapshotClassFindings(object) : [];
  });
}
