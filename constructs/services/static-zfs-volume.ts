import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ZfsVolume, ZfsVolumeSpecVolumeType } from '../../imports/zfs.openebs.io';
import { ExistingZfsVolume, existingVolumeProblems, ZfsPool } from '../inventory/zfs-pool';
import { ClusterChart } from '../platform/cluster-chart';
import { zfsStorageClassName } from '../platform/storage';
import { leaveOwnerAction, OwnerAction } from '../synth/owner-action';
import { declareExternal } from '../validation/external';
import { reportFinding } from '../validation/finding';
import { rejectPropProblems, requireProps, type PropProblem } from '../validation/known-props';
import { PropsRejected } from '../validation/input-error';
import { STATIC_ZFS_VOLUME_PROPS_SHAPE } from '../validation/service-props-shapes';
import { labelMapProblems } from '../validation/label-map';
import { openEbsZfs } from '../platform/components/openebs-zfs';

/** The OpenEBS ZFS LocalPV CSI driver. */
export const ZFS_CSI_DRIVER = 'zfs.csi.openebs.io';

/** Options of a claim on a dataset or zvol that exists already. */
export interface StaticZfsVolumeProps {
  /** The existing volume: `n5.zfs.vms.existingVolume('HomeAssistant', { size: '256Gi' })`. */
  readonly volume: ExistingZfsVolume;
  /** Namespace of the claim. */
  readonly namespace: string;
  /** Name of the claim. */
  readonly claimName: string;
  /**
   * How the claim presents the volume: `Block` hands a zvol over raw (a VM disk with its own partition
   * table), `Filesystem` mounts a dataset or a formatted zvol.
   * @default 'Block'
   */
  readonly volumeMode?: 'Block' | 'Filesystem';
  /** Namespace the OpenEBS ZFS driver watches for ZFSVolume objects; another than the cluster's driver runs in is an error. @default 'openebs' */
  readonly openebsNamespace?: string;
  /** Labels on the claim. @default {} */
  readonly labels?: Record<string, string>;
}

const BYTES_PER_UNIT: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/**
 * The step that makes zvol `dataset` at least `size` (a binary quantity, `256Gi`). The command only grows:
 * `zfs set volsize` to a smaller value cuts off the end of the guest's disk, so it runs only when the zvol
 * is smaller (sizes compared in bytes, `zfs get -Hp`), and exits 0 either way.
 */
export function growZvolStep(dataset: string, size: string): OwnerAction {
  const volsize = size.replace(/i$/, '');
  return {
    kind: 'manual',
    action: `make the zvol ${dataset} at least ${volsize} before the cutover, the size its PersistentVolume declares (a larger zvol stays as it is)`,
    command: `[ "$(zfs get -Hp -o value volsize ${dataset})" -ge ${quantityToBytes(size)} ] || zfs set volsize=${volsize} ${dataset}`,
  };
}

/** A binary quantity (`256Gi`) in bytes, as ZFSVolume's `capacity` wants it. */
export function quantityToBytes(quantity: string): number {
  const match = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(quantity);
  if (!match) {
    throw new Error(`"${quantity}" is not a size such as 512Mi, 50Gi or 2Ti`);
  }
  return Number(match[1]) * BYTES_PER_UNIT[match[2]];
}

/**
 * The finding when no storage tier of `cluster` is the pool of `volume`: then nothing installs the OpenEBS
 * ZFS driver, its ZFSVolume CRD or the pool's StorageClass, and the volume's three objects would each be
 * refused for it. Undefined when a tier is the pool, or `volume` is no existing volume (reported as such).
 */
export function poolWithoutTierProblem(cluster: ClusterChart, volume: unknown, field: string): PropProblem | undefined {
  const pool = volume instanceof Object ? (volume as Partial<ExistingZfsVolume>).pool : undefined;
  if (!(pool instanceof ZfsPool) || cluster.tierNames.some((name) => cluster.tier(name) === pool)) {
    return undefined;
  }
  return {
    field,
    message: `ZFS pool "${pool.name}" of host ${pool.host.name} is no storage tier of cluster "${cluster.clusterName}", so nothing installs the OpenEBS ZFS driver or the StorageClass ${zfsStorageClassName(pool)} the volume is imported with`,
    hint: `give the cluster a tier on the pool: storage: { …, ${pool.name}: ${pool.host.name}.zfs.${pool.name} }`,
  };
}

/** Reports `problem` as a reference the cluster lacks, and stops building `what`. */
export function rejectTierProblem(scope: Construct, what: string, problem: PropProblem | undefined): void {
  if (problem) {
    reportFinding(scope, { layer: 'references', severity: 'error', ...problem });
    throw new PropsRejected(`the ${what}`);
  }
}

/**
 * An `openebsNamespace` other than the one the cluster's OpenEBS ZFS driver runs in: the driver reads ZFSVolumes
 * of its own namespace only, so it never finds this one, and the PersistentVolume never mounts.
 */
function driverNamespaceProblems(cluster: ClusterChart, openebsNamespace: string | undefined): PropProblem[] {
  const driver = cluster.platform.get(openEbsZfs().name);
  return openebsNamespace === undefined || driver === undefined || openebsNamespace === driver.namespace ? [] : [{
    field: 'openebsNamespace',
    message: `the OpenEBS ZFS driver of cluster "${cluster.clusterName}" runs in namespace "${driver.namespace}" and reads ZFSVolumes there only, not in "${openebsNamespace}": it would never find the volume, and its PersistentVolume would never mount`,
    hint: `leave openebsNamespace out (the driver's namespace, ${driver.namespace}, is the default)`,
  }];
}

/** The volumes each cluster imports, by pool host, pool and name as the driver finds it, with the construct that imports each. */
const imported = new WeakMap<ClusterChart, Map<string, string>>();

/**
 * A volume another StaticZfsVolume of the cluster imports already (two VMs given one disk): its ZFSVolume
 * and PersistentVolume would be made twice, and two writers would corrupt what it holds.
 */
function importedTwiceProblems(cluster: ClusterChart, volume: ExistingZfsVolume, importer: string): PropProblem[] {
  const byVolume = imported.get(cluster) ?? new Map<string, string>();
  imported.set(cluster, byVolume);
  const key = `${volume.pool.host.name}/${volume.pool.name}/${volume.name.toLowerCase()}`;
  const earlier = byVolume.get(key);
  if (earlier === undefined) {
    byVolume.set(key, importer);
    return [];
  }
  return [{
    field: 'volume', message: `${volume.pool.name}/${volume.name} of host ${volume.pool.host.name} is imported by ${earlier} already; one volume has one claim, and two writers would corrupt what it holds`,
    hint: 'give each its own volume (zfs clone or copy it first for a test instance), or import it once',
  }];
}

/**
 * Imports an existing ZFS volume the way OpenEBS documents it: a `ZFSVolume` that already reads
 * `Ready` (so the driver creates nothing) and carries no finalizer (so deleting it never destroys the
 * data), a PersistentVolume on the `zfs.csi.openebs.io` driver pinned to the pool's host and kept on
 * release (`Retain`), and a claim bound to that volume by name.
 */
export class StaticZfsVolume extends Construct {
  /** Name of the PersistentVolume, ZFSVolume and volume handle: the volume's name below its pool. */
  public readonly volumeName: string;
  /** The claim. */
  public readonly claim: ApiObject;

  constructor(scope: Construct, id: string, props: StaticZfsVolumeProps) {
    super(scope, id);
    requireProps(this, 'StaticZfsVolume', props, STATIC_ZFS_VOLUME_PROPS_SHAPE, {
      required: [
        ['volume', "pass the existing volume: volume: myHost.zfs.<pool>.existingVolume('<name>', { size: '256Gi' })"],
        ['namespace', "give the namespace of the claim"],
        ['claimName', "give the name of the claim"],
      ],
    });
    rejectPropProblems(this, 'StaticZfsVolume', [...existingVolumeProblems(props.volume, 'volume'), ...labelMapProblems(props.labels, 'labels')]);
    rejectTierProblem(this, 'StaticZfsVolume', poolWithoutTierProblem(ClusterChart.of(this), props.volume, 'volume'));
    rejectPropProblems(this, 'StaticZfsVolume', [
      ...importedTwiceProblems(ClusterChart.of(this), props.volume, this.node.path), ...driverNamespaceProblems(ClusterChart.of(this), props.openebsNamespace),
    ]);
    const { pool, size } = props.volume;
    // The driver finds the volume at <pool>/<ZFSVolume name>, and object names are lower case.
    this.volumeName = props.volume.name.toLowerCase();
    const volumeMode = props.volumeMode ?? 'Block';
    const isZvol = volumeMode === 'Block' || pool.volumeFilesystem !== 'zfs';
    if (isZvol) {
      // The PersistentVolume declares the size; the zvol on the host must be at least as large. It grows under
      // the name it has now, before a rename: the renamed zvol is what the driver finds, so its VM may start
      // at once, and a disk grown under a running VM is not seen by the guest until it restarts.
      leaveOwnerAction(this, growZvolStep(`${pool.name}/${props.volume.name}`, size));
    }
    if (this.volumeName !== props.volume.name) {
      reportFinding(this, {
        layer: 'inventory', severity: 'warning', field: 'volume.name',
        message: `the driver looks for ${pool.name}/${this.volumeName}, not ${pool.name}/${props.volume.name}`,
        hint: `before the cutover run \`zfs rename ${pool.name}/${props.volume.name} ${pool.name}/${this.volumeName}\``,
      });
      leaveOwnerAction(this, {
        kind: 'rename',
        action: `rename the zvol ${pool.name}/${props.volume.name} to ${pool.name}/${this.volumeName} before the cutover`,
        command: `zfs rename ${pool.name}/${props.volume.name} ${pool.name}/${this.volumeName}`,
      });
    }
    const fsType = volumeMode === 'Block' ? undefined : pool.volumeFilesystem;
    const storageClassName = zfsStorageClassName(pool);

    const openebsNamespace = props.openebsNamespace ?? 'openebs';
    // The OpenEBS installation owns its namespace.
    declareExternal(this, { namespaces: [openebsNamespace] });
    // ZFSVolume has no status subresource, so its state is part of the object: `Ready` means "exists,
    // create nothing". The typed class drops fields outside its props, so the manifest is built from it.
    const { metadata, ...zfsVolume } = ZfsVolume.manifest({
      metadata: { name: this.volumeName, namespace: openebsNamespace },
      spec: {
        capacity: String(quantityToBytes(size)),
        fsType,
        ownerNodeId: pool.host.nodeName,
        poolName: pool.name,
        volumeType: isZvol ? ZfsVolumeSpecVolumeType.ZVOL : ZfsVolumeSpecVolumeType.DATASET,
      },
    });
    const zfsVolumeObject = new ApiObject(this, 'zfs-volume', { ...zfsVolume, metadata, status: { state: 'Ready' } });
    // Deleting the ZFSVolume destroys the dataset or zvol: removing it from Git must not.
    ClusterChart.of(this).gitops?.keepWhenRemoved?.(zfsVolumeObject);

    new ApiObject(this, 'volume', {
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: this.volumeName, labels: props.labels },
      spec: {
        capacity: { storage: size },
        accessModes: ['ReadWriteOnce'],
        volumeMode,
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName,
        claimRef: { namespace: props.namespace, name: props.claimName },
        csi: {
          driver: ZFS_CSI_DRIVER,
          volumeHandle: this.volumeName,
          fsType,
          volumeAttributes: { 'openebs.io/poolname': pool.name },
        },
        nodeAffinity: {
          required: {
            // The driver's topology key, and the node name it defaults to: both name the pool's host.
            nodeSelectorTerms: [{
              matchExpressions: [
                { key: 'kubernetes.io/hostname', operator: 'In', values: [pool.host.nodeName] },
                { key: 'openebs.io/nodeid', operator: 'In', values: [pool.host.nodeName] },
              ],
            }],
          },
        },
      },
    });

    this.claim = new ApiObject(this, 'claim', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: props.claimName, namespace: props.namespace, labels: props.labels },
      spec: {
        accessModes: ['ReadWriteOnce'],
        volumeMode,
        storageClassName,
        volumeName: this.volumeName,
        resources: { requests: { storage: size } },
      },
    });
  }
}
