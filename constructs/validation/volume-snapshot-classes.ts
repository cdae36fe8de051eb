import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { externalIndexOf } from './external';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { claimSpecNamed } from './claim-specs';
import { indexOf } from './object-index';
import { kindsWithoutCrd } from './provided';
import { volsyncMovers } from './volsync-movers';
import { LOCAL_PATH_PROVISIONER } from '../platform/components/local-path';
import { NFS_CSI_PROVISIONER } from '../platform/components/csi-driver-nfs';

/** The name of local-path's StorageClass, K3s' built-in one and `localPathStorage()`'s. */
const LOCAL_PATH_CLASS = 'local-path';

const layer = 'references' as const;

/** Where an object asks for snapshots of a claim: the VolumeSnapshotClass it names, at `field`, and the claim. */
interface SnapshotRequest {
  readonly object: SynthesizedObject;
  readonly field: string;
  readonly className?: string;
  readonly claimName?: string;
}

/** VolumeSnapshots, and VolSync's movers, which snapshot their source claim (ReplicationSource) or their copy. */
function snapshotRequests(cluster: SynthesizedCluster): SnapshotRequest[] {
  const requests: SnapshotRequest[] = [];
  for (let n = 0, objects = cluster.objects; n < objects.length; n++) {
    const object = objects[n];
    const spec = fields(object.manifest.spec);
    if (object.manifest.kind === 'VolumeSnapshot') {
      requests.push({ object, field: 'spec.volumeSnapshotClassName', className: text(spec.volumeSnapshotClassName), claimName: text(fields(spec.source).persistentVolumeClaimName) });
    }
    // A mover snapshots only with copyMethod Snapshot; with Direct or Clone it reads no class. Without a class
    // named, the snapshot controller takes the default class of the claim's driver.
    for (const { path, mover } of volsyncMovers(object).filter((m) => m.mover.copyMethod === 'Snapshot')) {
      const source = object.manifest.kind === 'ReplicationSource' ? text(spec.sourcePVC) : undefined;
      requests.push({ object, field: `${path}.volumeSnapshotClassName`, className: text(mover.volumeSnapshotClassName), claimName: source });
    }
  }
  return requests;
}

/**
 * Why a claim of these provisioners is never snapshotted, whatever class the snapshot names: local-path makes
 * folders on a node and is no CSI driver; csi-driver-nfs is installed without its csi-snapshotter sidecar
 * (its snapshots would be tar files on the same export, and need CRDs it does not install).
 */
const FOLDER_PROVISIONERS: ReadonlyMap<string, string> = new Map([
  [LOCAL_PATH_PROVISIONER, 'a folder of local-path (StorageClass {class}), which is no CSI driver and takes no snapshots'],
  [NFS_CSI_PROVISIONER, 'a folder of an NFS export (StorageClass {class}), and csi-driver-nfs runs here without its csi-snapshotter sidecar, so it takes no snapshots'],
]);

/** A snapshot of a claim whose provisioner takes none (FOLDER_PROVISIONERS). */
function folderSnapshot(snapshot: SynthesizedObject, field: string, claimName: string, storageClassName: string, why: string): Finding {
  const mover = snapshot.manifest.kind !== 'VolumeSnapshot';
  return objectFinding(snapshot, {
    layer, severity: 'error', field: mover ? `${field.replace(/\.volumeSnapshotClassName$/, '')}.copyMethod` : 'spec.source.persistentVolumeClaimName',
    message: `claim "${claimName}" is ${why.replace('{class}', storageClassName)}: the snapshot is never taken`,
    hint: mover
      ? "copy the claim without a snapshot, copyMethod: 'Direct' (or 'Clone' on a driver that clones), or move the app to a class whose driver takes snapshots"
      : 'move the claim to a class whose driver takes snapshots (Longhorn, Ceph RBD, a ZFS pool), or back its files up with a tool that copies them (VolSync with copyMethod Direct, restic, Velero\'s file-system backup)',
  });
}

/**
 * The VolumeSnapshotClass a VolumeSnapshot (or a VolSync mover) names exists (an object of the output, or declared external), and its
 * driver is the provisioner of the snapshot's claim: the snapshot controller hands the snapshot to the class's
 * driver, which knows no volume of another driver, so the snapshot never becomes ready. One that names no class
 * takes the default class of its claim's driver: the driver has one, and a VolSync mover's snapshot the CRDs.
 */
export function checkVolumeSnapshotClasses(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const external = externalIndexOf(cluster);
  const findings: Finding[] = [];
  const classes = index.of('VolumeSnapshotClass');
  const classesOf = (driver: string) => classes.filter((c) => c.manifest.driver === driver).map((c) => text(c.manifest.metadata.name) ?? '');
  // An object of a kind the cluster has no CRD of is reported once, as such (provided-crds).
  const withoutCrd = kindsWithoutCrd(cluster);
  for (const { object: snapshot, field, className, claimName } of snapshotRequests(cluster)) {
    // A StatefulSet's claim (`data-postgres-0`) is no object of the output: its template gives the class.
    const claim = claimName === undefined ? undefined : claimSpecNamed(index, namespaceOf(snapshot), claimName);
    const storageClassName = text(fields(claim).storageClassName);
    const storageClass = storageClassName === undefined ? undefined : index.find('StorageClass', '', storageClassName);
    // K3s' built-in class is named local-path and is no object of the output.
    const provisioner = text(storageClass?.manifest.provisioner) ?? (storageClassName === LOCAL_PATH_CLASS ? LOCAL_PATH_PROVISIONER : undefined);
    const noSnapshots = provisioner === undefined ? undefined : FOLDER_PROVISIONERS.get(provisioner);
    // A class of another driver is the first thing to fix on a CSI driver's claim: it is reported below.
    const namedDriver = className === undefined ? undefined : index.find('VolumeSnapshotClass', '', className)?.manifest.driver;
    if (noSnapshots !== undefined && (provisioner === LOCAL_PATH_PROVISIONER || namedDriver === undefined || namedDriver === provisioner)) {
      findings.push(folderSnapshot(snapshot, field, claimName!, storageClassName!, noSnapshots));
      continue;
    }
    if (external.volumeSnapshotClasses.has(className ?? '') || withoutCrd(snapshot.manifest.apiVersion, snapshot.manifest.kind)) {
      continue;
    }
    const fitting = provisioner === undefined ? [] : classesOf(provisioner);
    const fittingHint = fitting.length > 0 ? `name a class of driver ${provisioner}: volumeSnapshotClassName: '${fitting[0]}'` : undefined;
    if (className === undefined || className === '') {
      // No class named: the snapshot controller takes the default class of the claim's driver, which needs the
      // snapshot CRDs (a VolSync mover's snapshot is reported here; a VolumeSnapshot's own kind by provided-crds).
      const noCrds = snapshot.manifest.kind !== 'VolumeSnapshot' && withoutCrd('snapshot.storage.k8s.io/v1', 'VolumeSnapshot');
      if (noCrds || (provisioner !== undefined && fitting.length === 0 && external.volumeSnapshotClasses.size === 0)) {
        const mover = field.replace(/\.volumeSnapshotClassName$/, '');
        findings.push(objectFinding(snapshot, {
          layer, severity: 'error', field: snapshot.manifest.kind === 'VolumeSnapshot' ? field : `${mover}.copyMethod`,
          message: noCrds
            ? `copyMethod Snapshot takes a VolumeSnapshot of claim "${claimName}", and cluster "${cluster.chart.clusterName}" has no snapshot CRDs: no copy is ever made`
            : `no VolumeSnapshotClass of driver ${provisioner}, the driver of claim "${claimName}" (StorageClass ${storageClassName}), is made in cluster "${cluster.chart.clusterName}": the snapshot is never taken`,
          hint: `${noCrds ? 'install the snapshot CRDs with a class of the driver' : 'make a class of the driver'} (zfsSnapshotClass(cluster) for volumes of a ZFS pool does both)`
            + `${snapshot.manifest.kind === 'VolumeSnapshot' ? '' : ", or copy the claim without a snapshot: copyMethod: 'Clone' (a driver that clones) or 'Direct'"}`,
        }));
      }
      continue;
    }
    const snapshotClass = index.find('VolumeSnapshotClass', '', className);
    if (snapshotClass === undefined) {
      findings.push(objectFinding(snapshot, {
        layer, severity: 'error', field,
        message: `VolumeSnapshotClass "${className}" is made by nothing in cluster "${cluster.chart.clusterName}"${classes.length > 0 ? ` (it has ${classes.map((c) => String(c.manifest.metadata.name)).sort().join(', ')})` : ''}: the snapshot is never taken`,
        hint: fittingHint ?? `make the class (zfsSnapshotClass(cluster) for volumes of a ZFS pool), or declareExternal(scope, { volumeSnapshotClasses: ['${className}'] }) for one the storage system's own install makes`,
      }));
    } else if (provisioner !== undefined && snapshotClass.manifest.driver !== provisioner) {
      findings.push(objectFinding(snapshot, {
        layer, severity: 'error', field,
        message: `VolumeSnapshotClass "${className}" is of driver ${String(snapshotClass.manifest.driver)}, while claim "${claimName}" is a volume of ${provisioner} (StorageClass ${storageClassName}): the driver knows no such volume, so the snapshot never becomes ready`,
        // No class of the claim's driver: the class named was meant for it, its driver written as another guide writes it.
        hint: fittingHint ?? `give the class the claim's driver: driver: '${provisioner}' on VolumeSnapshotClass ${className}, or, if that driver takes no snapshots, back the claim's data up with a tool that copies files (restic, kopia)`,
      }));
    }
  }
  return findings;
}
