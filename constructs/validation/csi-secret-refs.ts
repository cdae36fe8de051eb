import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';

// A CSI driver that mounts a share with credentials (csi-driver-smb's `username` and `password`, an iSCSI target's
// CHAP secret) gets them from the Secret a StorageClass's reserved parameters or a PersistentVolume's `spec.csi`
// reference names. The API server takes any name there: the external-provisioner, the attacher or the kubelet
// look the Secret up only when a claim is provisioned or a pod mounts the volume, and fail that claim or pod.

/** A Secret a StorageClass or a CSI PersistentVolume names, in the namespace it names. */
export interface CsiSecretRef {
  readonly object: SynthesizedObject;
  /** The field that names the Secret. */
  readonly field: string;
  readonly name: string;
  readonly namespace: string;
}

/**
 * The CSI calls whose Secret a StorageClass names by two reserved parameters each,
 * `csi.storage.k8s.io/<call>-secret-name` and `…-secret-namespace` (the external-provisioner's keys).
 */
const STORAGE_CLASS_SECRET_CALLS: readonly string[] = ['provisioner', 'controller-publish', 'node-stage', 'node-publish', 'controller-expand', 'node-expand'];

/** The fields of a PersistentVolume's `spec.csi` that name a Secret, each for one call to its driver. */
export const CSI_VOLUME_SECRET_FIELDS: readonly string[] = ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodeStageSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef'];

const PARAMETER_PREFIX = 'csi.storage.k8s.io/';

/**
 * The Secrets Rook's operator makes for Ceph CSI in its CephCluster's namespace (`rook-csi-rbd-provisioner`,
 * `rook-csi-cephfs-node`, …), which Rook's StorageClasses name: they are no Secret of the repository to make.
 */
const ROOK_MADE = { driver: /(^|\.)(rbd|cephfs|nfs|nvmeof)\.csi\.ceph\.com$/, secret: /^rook-csi-/ };

/** The two reserved parameters of `call`'s Secret. */
function secretParameters(call: string): { name: string; namespace: string } {
  return { name: `${PARAMETER_PREFIX}${call}-secret-name`, namespace: `${PARAMETER_PREFIX}${call}-secret-namespace` };
}

/** A name written whole: one with a template (`${pvc.namespace}`) is filled in per claim, and not known here. */
function literal(value: unknown): string | undefined {
  const written = text(value);
  return written === undefined || written === '' || written.includes('${') ? undefined : written;
}

/**
 * The Secrets the StorageClasses and CSI PersistentVolumes of the output name, each where it names it (the schema
 * layer reports a volume's reference that lacks its name or namespace). Pure.
 */
export function csiSecretRefs(index: ObjectIndex): CsiSecretRef[] {
  const refs: CsiSecretRef[] = [];
  for (const object of index.of('StorageClass')) {
    const parameters = fields(object.manifest.parameters);
    const byRook = ROOK_MADE.driver.test(text(object.manifest.provisioner) ?? '');
    for (const call of STORAGE_CLASS_SECRET_CALLS) {
      const keys = secretParameters(call);
      const name = literal(parameters[keys.name]);
      const namespace = literal(parameters[keys.namespace]);
      if (name !== undefined && namespace !== undefined && !(byRook && ROOK_MADE.secret.test(name))) {
        refs.push({ object, field: `parameters.${keys.name}`, name, namespace });
      }
    }
  }
  for (const object of index.of('PersistentVolume')) {
    const csi = fields(fields(object.manifest.spec).csi);
    for (const key of CSI_VOLUME_SECRET_FIELDS) {
      const reference = fields(csi[key]);
      const name = literal(reference.name);
      const namespace = literal(reference.namespace);
      if (name !== undefined && namespace !== undefined) {
        refs.push({ object, field: `spec.csi.${key}.name`, name, namespace });
      }
    }
  }
  return refs;
}

/**
 * A StorageClass that gives one of a Secret's two reserved parameters without the other: the external-provisioner
 * takes a Secret only from both, and fails every claim of the class ("Both must be specified"), which stays Pending.
 */
export function checkCsiSecretParameterPairs(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    if (object.manifest.kind !== 'StorageClass') {
      continue;
    }
    const parameters = fields(object.manifest.parameters);
    for (const call of STORAGE_CLASS_SECRET_CALLS) {
      const keys = secretParameters(call);
      const given = [keys.name, keys.namespace].filter((key) => parameters[key] !== undefined);
      if (given.length !== 1) {
        continue;
      }
      const missing = given[0] === keys.name ? keys.namespace : keys.name;
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: `parameters.${missing}`,
        message: `the StorageClass gives ${given[0]} without ${missing}: the CSI external-provisioner takes the ${call} Secret only from both, and refuses every claim of the class, which stays Pending`,
        hint: missing === keys.namespace
          ? `name the Secret's namespace beside it: '${keys.namespace}': 'kube-system' (or '\${pvc.namespace}' for a Secret in each claim's namespace)`
          : `name the Secret beside its namespace: '${keys.name}': 'smbcreds'`,
      }));
    }
  }
  return findings;
}
