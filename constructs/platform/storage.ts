import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AccessMode } from '../app/volumes';
import { NfsExport } from '../inventory/nfs-export';
import { ZfsPool } from '../inventory/zfs-pool';
import { InputError } from '../validation/input-error';
import type { ClusterChart } from './cluster-chart';
import { csiDriverNfs, NFS_CSI_PROVISIONER } from './components/csi-driver-nfs';
import { leaveOwnerAction } from '../synth/owner-action';
import { LOCAL_PATH_PROVISIONER_SIZE, localPathProvisioner } from './components/local-path';
import { runsTalos, talosKubeletMountPatch, TALOS_LOCAL_VOLUME_ROOT } from './distributions';
import { addTalosMachinePatch } from './talos-plan';
import { openEbsZfs, ZFS_CSI_PROVISIONER } from './components/openebs-zfs';
import { describeValue } from '../inventory/problems';
import { checkedChoice } from '../validation/choice-props';
import { DNS1123_SUBDOMAIN, nameMeant, nameProblem } from '../validation/dns-names';
import { reportFinding } from '../validation/finding';
import { checkProps, oneOf, type PropShape } from '../validation/known-props';
import { RESOURCES_SHAPE } from '../validation/app-props-shape';
import { CLAIM_ACCESS_MODE_SHAPE } from '../validation/access-mode';
import type { ResourcesProps } from '../app/resources';
import { componentSizeProblems } from './part-resources';

/**
 * A storage tier backed by a StorageClass. Create one with {@link localPathStorage}, {@link nfsStorage}
 * or {@link existingStorageClass}; a tier brings the provisioner it needs as a platform component.
 */
export interface StorageClassTier {
  /** StorageClass name, e.g. `nfs-csi`, `local-path`. */
  readonly storageClassName: string;
  /** Access modes the class supports. @default ['ReadWriteOnce'] */
  readonly accessModes?: AccessMode[];
  /**
   * Whether the class's provisioner makes raw block volumes, which a claim of `volumeMode: Block` asks for
   * (local-path and csi-driver-nfs make directories only). @default true
   */
  readonly blockVolumes?: boolean;
  /**
   * Adds what the class needs to the cluster: its provisioner component, the StorageClass object.
   * @default - nothing: the class must be provided by a component or declared preinstalled
   */
  readonly setup?: (scope: Construct, cluster: ClusterChart) => void;
}

/** @deprecated use {@link StorageClassTier} */
export type ExistingStorageClass = StorageClassTier;

/** What a storage tier of a cluster is backed by: a ZFS pool of the inventory, or a StorageClass. */
export type StorageTier = ZfsPool | StorageClassTier;

/**
 * The StorageClass name a ZFS pool gets: `zfs-<pool>`, in lower case and with a dataset's `/` as `-`
 * (ZFS allows `Tank` and `tank/k8s`, which no object name may hold). The one place that decides it.
 */
export function zfsStorageClassName(pool: ZfsPool): string {
  return `zfs-${pool.name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}`;
}

/** The StorageClass name a tier maps to. */
export function storageClassNameOf(tier: StorageTier): string {
  if (tier instanceof ZfsPool) {
    return zfsStorageClassName(tier);
  }
  // `cluster.tier('fats')!` of a tier the cluster lacks is undefined, whatever the `!` tells the type checker.
  if (typeof tier?.storageClassName !== 'string') {
    throw new InputError(`storageClassNameOf() was given ${describeValue(tier)}, not a storage tier`, 'tier',
      "give it one of the cluster's tiers, by a name its storage prop has: storageClassNameOf(cluster.tier('fast')!)");
  }
  return tier.storageClassName;
}

/** Access modes a tier supports: ZFS LocalPV volumes live on one node, so only single-writer modes. */
export function accessModesOf(tier: StorageTier): AccessMode[] {
  return tier instanceof ZfsPool ? ['ReadWriteOnce', 'ReadWriteOncePod'] : tier.accessModes ?? ['ReadWriteOnce'];
}

/**
 * Why a claim on tier `tierName` cannot have `accessMode`, which the tier's class does not serve (a ZFS LocalPV or
 * local-path volume lives on one node, so no ReadWriteMany), as a finding's message and hint; undefined when it
 * serves it. One rule for the claims an App asks for and those written by hand on the tier's StorageClass; `subject`
 * names what the claim is on in the message. Pure.
 */
export function tierAccessModeProblem(tierName: string, tier: StorageTier, accessMode: string, subject = `storage tier "${tierName}"`): { message: string; hint: string } | undefined {
  const modes = accessModesOf(tier);
  if ((modes as string[]).includes(accessMode)) {
    return undefined;
  }
  return {
    message: `${subject} does not support ${accessMode}`,
    hint: `${subject.startsWith('storage tier') ? 'the tier' : 'the class'} supports: ${modes.join(', ')}${tier instanceof ZfsPool || tier.setup !== undefined ? ''
      // A class the cluster has from elsewhere serves the modes its tier lists, ReadWriteOnce unless it says more.
      : `; if StorageClass ${tier.storageClassName} serves ${accessMode}${accessMode === 'ReadWriteMany' ? ", as Longhorn's and CephFS' do" : ''}, list it: existingStorageClass('${tier.storageClassName}', [${[...modes, accessMode].map((m) => `'${m}'`).join(', ')}])`}`,
  };
}

/**
 * Why a claim of `volumeMode: Block` on tier `tierName` cannot be provisioned: its class makes directories only
 * (local-path: "does not support block volume provisioning"; csi-driver-nfs), so the claim stays Pending; undefined
 * for a tier whose class makes block volumes (a ZFS pool's zvols). Pure.
 */
export function tierBlockVolumeProblem(tierName: string, tier: StorageTier, subject = `storage tier "${tierName}" (StorageClass ${storageClassNameOf(tier)})`): { message: string; hint: string } | undefined {
  if (tier instanceof ZfsPool || tier.blockVolumes !== false) {
    return undefined;
  }
  return {
    message: `${subject} makes directories, no raw block volumes, so a claim of volumeMode Block stays Pending`,
    hint: "drop volumeMode (Filesystem, the default, is a folder the pod mounts), or claim on a ZFS tier, whose volumes can be raw block devices",
  };
}

/**
 * A StorageClass the cluster has from elsewhere (a distribution's built-in, a class made by hand). It
 * must be provided by a component or declared in the cluster's `preinstalled`; validation checks that.
 */
export function existingStorageClass(storageClassName: string, accessModes: AccessMode[] = ['ReadWriteOnce']): StorageClassTier {
  const nameProblemText = typeof storageClassName === 'string' ? nameProblem(storageClassName, DNS1123_SUBDOMAIN) : `${describeValue(storageClassName)} is no name`;
  // The modes as a claim's: one written as text would be read a letter at a time ('ReadWriteMany'.includes('ReadWriteOnce')).
  return checkedChoice<StorageClassTier>({ storageClassName, accessModes }, 'existingStorageClass()', { accessModes }, EXISTING_STORAGE_CLASS_SHAPE, undefined, [
    ...nameProblemText === undefined ? [] : [{
      field: 'storageClassName', message: `the StorageClass name ${nameProblemText}`,
      hint: `give the name the class has in the cluster (kubectl get storageclass), e.g. existingStorageClass('${(typeof storageClassName === 'string' ? nameMeant(storageClassName, DNS1123_SUBDOMAIN) : undefined) ?? 'local-path'}')`,
    }],
  ]);
}

/** The access modes of `existingStorageClass()`, for callers the type checker does not see. */
const EXISTING_STORAGE_CLASS_SHAPE = { accessModes: { '[]': CLAIM_ACCESS_MODE_SHAPE } } as const satisfies PropShape;



/** Options of the local-path storage tier. */
export interface LocalPathStorageOptions {
  /**
   * Requests and limits of the provisioner, as an App's `resources` (CPU in cores or millicores, memory
   * with a binary unit). @default - 10m CPU and 32Mi memory requested, a 128Mi memory limit
   */
  readonly resources?: ResourcesProps;
}

/** The options of `localPathStorage()`, for callers the type checker does not see. */
const LOCAL_PATH_STORAGE_OPTIONS_SHAPE = { resources: RESOURCES_SHAPE } as const satisfies Record<keyof LocalPathStorageOptions, PropShape>;

/**
 * Node-local directories through Rancher's local-path provisioner (class `local-path`): the provisioner
 * is installed unless the cluster declares the class preinstalled (K3s ships it). On Talos, whose `/opt`
 * is read-only, the volumes live under `/var/local-path-provisioner`, and the machine configs the cluster's
 * README has the owner make mount that folder into the kubelet.
 */
export function localPathStorage(options: LocalPathStorageOptions = {}): StorageClassTier {
  const resources = options?.resources;
  const tier = checkedChoice<StorageClassTier>({
    storageClassName: 'local-path',
    accessModes: ['ReadWriteOnce'],
    blockVolumes: false,
    setup: (_scope, cluster) => {
      if (cluster.platform.provider('storageClasses', 'local-path')) {
        return;
      }
      if (!runsTalos(cluster.platform.preinstalled)) {
        cluster.platform.require(localPathProvisioner({ resources }));
        return;
      }
      cluster.platform.require(localPathProvisioner({ root: TALOS_LOCAL_VOLUME_ROOT, resources }));
      addTalosMachinePatch(cluster, talosKubeletMountPatch(TALOS_LOCAL_VOLUME_ROOT));
    },
  }, 'localPathStorage()', options, LOCAL_PATH_STORAGE_OPTIONS_SHAPE, undefined, componentSizeProblems(resources, 'resources', LOCAL_PATH_PROVISIONER_SIZE));
  TIER_MAKERS.set(tier, LOCAL_PATH_MAKER);
  return tier;
}

/** Options of an NFS storage tier. */
export interface NfsStorageOptions {
  /** StorageClass name. @default 'nfs-csi' */
  readonly storageClassName?: string;
  /** What happens to a volume's directory when its claim is deleted. @default 'Retain' */
  readonly reclaimPolicy?: 'Retain' | 'Delete';
  /** NFS mount options. @default ['nfsvers=4.1'] */
  readonly mountOptions?: string[];
  /**
   * Folder of each claim under the export, with csi-driver-nfs' placeholders `${pvc.metadata.namespace}`,
   * `${pvc.metadata.name}` and `${pv.metadata.name}`. A folder named after the claim is found again when the
   * cluster is rebuilt and the claim made anew; one named after the volume (`${pv.metadata.name}`, the
   * driver's own default) is a new, empty `pvc-<uid>` folder each time.
   * @default '${pvc.metadata.namespace}/${pvc.metadata.name}'
   */
  readonly subDirectory?: string;
}

/** The folder of each claim under an NFS export when `subDirectory` is not given. */
const NFS_CLAIM_FOLDER = '${pvc.metadata.namespace}/${pvc.metadata.name}';

/** The placeholders csi-driver-nfs replaces in `subDir`. */
const NFS_FOLDER_PLACEHOLDERS = ['${pvc.metadata.namespace}', '${pvc.metadata.name}', '${pv.metadata.name}'];

/** Why `folder` cannot be a claim's folder under an export, or undefined when it can. Pure. */
function nfsFolderProblem(folder: unknown): string | undefined {
  if (typeof folder !== 'string') {
    return undefined;
  }
  const literal = NFS_FOLDER_PLACEHOLDERS.reduce((text, placeholder) => text.split(placeholder).join('x'), folder);
  if (literal.includes('${')) {
    return `"${folder}" has a placeholder csi-driver-nfs does not replace; it knows ${NFS_FOLDER_PLACEHOLDERS.join(', ')}`;
  }
  if (folder === '' || folder.startsWith('/') || folder.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return `"${folder}" is not a relative folder of the export`;
  }
  if (!NFS_FOLDER_PLACEHOLDERS.some((placeholder) => folder.includes(placeholder))) {
    return `"${folder}" names no claim or volume, so every claim of the class would share one folder`;
  }
  return undefined;
}

/**
 * The /etc/exports line of a Linux NFS server that exports `path` read-write to `clients` with root not squashed, which
 * csi-driver-nfs needs to make each claim's folder. Pure.
 */
function nfsExportsLine(path: string, clients: readonly string[]): string {
  return [path, ...clients.map((client) => `${client}(rw,sync,no_subtree_check,no_root_squash)`)].join(' ');
}

/** Mount options that are one option under two names: `vers` is `nfsvers`. */
const NFS_OPTION_SYNONYMS: Readonly<Record<string, string>> = { vers: 'nfsvers' };

/**
 * Problems of NFS `mountOptions`: an option given twice (`nfsvers=4.1` and `nfsvers=3`, or `vers=3`), of which
 * mount keeps one without a word, so the volume is mounted otherwise than one of them says. Pure.
 */
function nfsMountOptionProblems(mountOptions: unknown): Array<{ field: string; message: string; hint: string }> {
  if (!Array.isArray(mountOptions)) {
    return [];
  }
  const seen = new Map<string, number>();
  return mountOptions.flatMap((option, i) => {
    if (typeof option !== 'string') {
      return [];
    }
    const name = option.split('=')[0].trim();
    const key = NFS_OPTION_SYNONYMS[name] ?? name;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return [];
    }
    return [{
      field: `mountOptions[${i}]`, message: `"${option}" sets ${key} again, after mountOptions[${first}] "${String(mountOptions[first])}": mount keeps one of them without a word`,
      hint: `give each option once, e.g. mountOptions: [${mountOptions.filter((_o, j) => j !== i).map((o) => `'${String(o)}'`).join(', ')}]`,
    }];
  });
}

/** The options of `nfsStorage()`, for callers the type checker does not see. */
const NFS_STORAGE_OPTIONS_SHAPE = { storageClassName: 'string', reclaimPolicy: oneOf('Retain', 'Delete'), mountOptions: 'strings', subDirectory: 'string' } as const satisfies Record<keyof NfsStorageOptions, PropShape>;

/**
 * Volumes as directories of an NFS export, through csi-driver-nfs: the driver is installed and a
 * StorageClass points at the export. Claims may be ReadWriteMany.
 */
export function nfsStorage(nfsExport: NfsExport, options: NfsStorageOptions = {}): StorageClassTier {
  const storageClassName = options.storageClassName ?? 'nfs-csi';
  const folder = options.subDirectory ?? NFS_CLAIM_FOLDER;
  const folderProblem = nfsFolderProblem(options.subDirectory);
  const tier = checkedChoice<StorageClassTier>({
    storageClassName,
    accessModes: ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'],
    blockVolumes: false,
    setup: (scope, cluster) => {
      cluster.platform.require(csiDriverNfs());
      new ApiObject(scope, storageClassName, {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
        metadata: { name: storageClassName },
        provisioner: NFS_CSI_PROVISIONER,
        parameters: { server: nfsExport.server, share: nfsExport.path, subDir: folder },
        reclaimPolicy: options.reclaimPolicy ?? 'Retain',
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: true,
        mountOptions: options.mountOptions ?? ['nfsvers=4.1'],
      });
      // The driver makes a folder per claim as root and the kubelet gives it the pod's group: a squashed root can do neither.
      // The first sync provisions the claims, so the export comes before it. The driver's pods run on the host network, so the
      // server sees the nodes' own addresses, the ones the export names.
      const nodes = cluster.hosts.flatMap((h) => h.addresses);
      leaveOwnerAction(scope, {
        kind: 'bootstrap',
        action: `export ${nfsExport.mountServer}:${nfsExport.path} with no_root_squash to the nodes, ${nodes.join(', ')} (StorageClass ${storageClassName}: csi-driver-nfs creates a folder per claim as root, `
          + "and the kubelet sets each pod's fsGroup on it; the driver mounts from the nodes' own addresses); on a Linux NFS server, "
          + `the line \`${nfsExportsLine(nfsExport.path, nodes)}\` in /etc/exports, then exportfs -ra. When a node joins later, `
          + 'export to it the same way before it joins: the server refuses the mounts of a node the export does not name',
        beforeFirstSync: true,
      });
      leaveOwnerAction(scope, {
        kind: 'manual',
        action: `a claim of StorageClass ${storageClassName} keeps its data in ${nfsExport.mountServer}:${nfsExport.path}/${folder}: copy data it starts with there before its first start`,
      });
    },
  }, 'nfsStorage()', options, NFS_STORAGE_OPTIONS_SHAPE, undefined, [
    ...nfsExport instanceof NfsExport ? [] : [{
      field: 'nfsExport', message: `nfsStorage() was given ${describeValue(nfsExport)}, not an NFS export of the inventory`,
      hint: "declare the export on the site (nfs: { media: { server, path } }) and pass it: nfsStorage(site.nfs.media)",
    }],
    ...folderProblem === undefined ? [] : [{
      field: 'subDirectory', message: folderProblem,
      hint: `name each claim's folder, e.g. subDirectory: '${NFS_CLAIM_FOLDER}'`,
    }],
    ...nfsMountOptionProblems(options.mountOptions),
  ]);
  TIER_EXPORTS.set(tier, nfsExport);
  // Options of another shape (one text, as fstab writes them) are the choice's finding, not a throw here.
  const mounted = Array.isArray(options.mountOptions) ? options.mountOptions.join(',') : String(options.mountOptions ?? 'nfsvers=4.1');
  TIER_MAKERS.set(tier, `csi-driver-nfs on ${nfsExport?.server}:${nfsExport?.path}, folders ${folder}, ${options.reclaimPolicy ?? 'Retain'}, mounted ${mounted}`);
  return tier;
}

/** The NFS export of each tier `nfsStorage()` made: the cluster checks it is of its own site. */
const TIER_EXPORTS = new WeakMap<StorageClassTier, NfsExport>();

/** What makes the StorageClass of `localPathStorage()`, whose name is fixed. */
export const LOCAL_PATH_MAKER = 'the local-path provisioner';

/** What makes the StorageClass of each tier a factory of this module made, said for people. */
const TIER_MAKERS = new WeakMap<StorageClassTier, string>();

/**
 * What makes the StorageClass of `tier`, said for people (`the local-path provisioner`, `csi-driver-nfs on
 * nas:/export, folders <…>`): two tiers whose class has one name and different makers are two classes the
 * cluster can hold only one of. Undefined for a class made outside the repository (`existingStorageClass()`).
 */
export function storageClassMakerOf(tier: StorageTier): string | undefined {
  return tier instanceof ZfsPool ? `OpenEBS ZFS LocalPV on pool ${tier.name} of ${tier.host.name}` : TIER_MAKERS.get(tier);
}

/** The NFS export a tier keeps its volumes on, if `nfsStorage()` made it. */
export function nfsExportOfTier(tier: StorageTier): NfsExport | undefined {
  return tier instanceof ZfsPool ? undefined : TIER_EXPORTS.get(tier);
}

/** Adds what one tier needs to the cluster, once per StorageClass name (`seen`). */
export function storageTierSetup(tier: StorageTier, scope: Construct, cluster: ClusterChart, seen: Set<string>): void {
  const name = storageClassNameOf(tier);
  if (seen.has(name)) {
    return;
  }
  seen.add(name);
  if (tier instanceof ZfsPool) {
    const zfs = cluster.platform.require(openEbsZfs(cluster.componentResources.openEbsZfs));
    // The node plugin serves the hosts with pools; where one host of several has them, it runs there only.
    const withPools = cluster.hosts.filter((host) => Object.keys(host.zfs).length > 0);
    if (withPools.length === 1 && cluster.hosts.length > 1) {
      zfs.addValues({ zfsNode: { nodeSelector: { 'kubernetes.io/hostname': withPools[0].nodeName } } });
    }
    renderZfsStorageClass(scope, tier);
  } else {
    tier.setup?.(scope, cluster);
  }
}

/**
 * The OpenEBS ZFS LocalPV StorageClass of a pool: volumes wait for their pod's node, are kept on delete
 * (`Retain`, the data outlives a mistaken `kubectl delete pvc`) and may grow; the class may only place
 * volumes on the hosts that carry the pool.
 */
export function renderZfsStorageClass(scope: Construct, pool: ZfsPool): void {
  new ApiObject(scope, pool.name, {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: zfsStorageClassName(pool) },
    provisioner: ZFS_CSI_PROVISIONER,
    parameters: {
      poolname: pool.name,
      fstype: pool.volumeFilesystem,
      compression: pool.compression,
      dedup: pool.dedup,
      thinprovision: pool.thinProvision ? 'yes' : 'no',
    },
    allowVolumeExpansion: true,
    volumeBindingMode: 'WaitForFirstConsumer',
    reclaimPolicy: 'Retain',
    allowedTopologies: [{
      matchLabelExpressions: [{ key: 'kubernetes.io/hostname', values: [pool.host.nodeName] }],
    }],
  });
}

/** Options of the ZFS driver's VolumeSnapshotClass. */
export interface ZfsSnapshotClassOptions {
  /** Name of the VolumeSnapshotClass. @default 'zfs-snapshots' */
  readonly name?: string;
  /**
   * What happens to the ZFS snapshot when its VolumeSnapshot is deleted: `Delete` destroys it with the
   * object, `Retain` keeps it (and its VolumeSnapshotContent) until removed by hand.
   * @default 'Delete'
   */
  readonly deletionPolicy?: 'Delete' | 'Retain';
  /**
   * Whether it is the default class for the driver's volumes, which a VolumeSnapshot that names no class
   * takes (`snapshot.storage.kubernetes.io/is-default-class`).
   * @default true
   */
  readonly isDefault?: boolean;
}

/** The options of `zfsSnapshotClass()`, for callers the type checker does not see. */
const ZFS_SNAPSHOT_CLASS_SHAPE = {
  name: 'objectName', deletionPolicy: oneOf('Delete', 'Retain'), isDefault: 'boolean',
} as const satisfies Record<keyof ZfsSnapshotClassOptions, PropShape>;

/** The VolumeSnapshotClasses `zfsSnapshotClass` made on each cluster, and which of them is the driver's default. */
const SNAPSHOT_CLASSES = new WeakMap<ClusterChart, { names: Set<string>; defaultClass?: string }>();

/**
 * Volume snapshots of the cluster's ZFS volumes (instant ZFS snapshots): turns on the VolumeSnapshot CRDs
 * of the OpenEBS ZFS chart (`crds.csi.volumeSnapshots.enabled`) and adds a `VolumeSnapshotClass` for
 * driver `zfs.csi.openebs.io` in the config layer. The cluster needs a ZFS pool among its storage tiers;
 * call it after the cluster's constructor has set them up. Each call makes one class: a name made before, or a
 * second default class of the driver (which leaves a VolumeSnapshot naming no class without one), is an error.
 */
export function zfsSnapshotClass(cluster: ClusterChart, options: ZfsSnapshotClassOptions = {}): void {
  if (!checkProps(cluster, 'zfsSnapshotClass()', options, ZFS_SNAPSHOT_CLASS_SHAPE)) {
    return;
  }
  const zfs = cluster.platform.get(openEbsZfs().name);
  if (!zfs) {
    reportFinding(cluster, {
      layer: 'references', severity: 'error', field: 'storage',
      message: `zfsSnapshotClass() on cluster "${cluster.clusterName}", which has no ZFS storage tier: no driver would take the snapshots`,
      hint: 'give the cluster a ZFS pool as a storage tier (storage: { fast: host.zfs.<pool> }), or leave the snapshot class out',
    });
    return;
  }
  zfs.replaceValues({ crds: { csi: { volumeSnapshots: { enabled: true } } } });
  zfs.addCrds({ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] });
  const name = options.name ?? 'zfs-snapshots';
  const isDefault = options.isDefault ?? true;
  const made = SNAPSHOT_CLASSES.get(cluster) ?? { names: new Set<string>() };
  SNAPSHOT_CLASSES.set(cluster, made);
  if (made.names.has(name)) {
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: 'name',
      message: `zfsSnapshotClass() is called again for VolumeSnapshotClass "${name}", which an earlier call made`,
      hint: `call it once for each class, and give a second class its own name: zfsSnapshotClass(cluster, { name: '${name === 'zfs-keep' ? 'zfs-retained' : 'zfs-keep'}', deletionPolicy: 'Retain', isDefault: false })`,
    });
    return;
  }
  if (isDefault && made.defaultClass !== undefined) {
    // The snapshot controller takes a VolumeSnapshot without a class only when one class of its driver is the default.
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: 'isDefault',
      message: `VolumeSnapshotClass "${name}" would be a second default class of ${ZFS_CSI_PROVISIONER} beside "${made.defaultClass}": the snapshot controller then refuses every VolumeSnapshot that names no class`,
      hint: `give this one isDefault: false, and name it in the VolumeSnapshots that use it (spec.volumeSnapshotClassName: '${name}')`,
    });
    return;
  }
  made.names.add(name);
  if (isDefault) {
    made.defaultClass = name;
  }
  new ApiObject(cluster.platform.configScope('zfs-snapshots'), name, {
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass',
    metadata: {
      name,
      ...(isDefault ? { annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } } : {}),
    },
    driver: ZFS_CSI_PROVISIONER,
    deletionPolicy: options.deletionPolicy ?? 'Delete',
  });
}
