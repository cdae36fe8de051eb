import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { raw, refusedAtW } from './lab';

// Hand-written objects that a strict API server refuses although their schemas take them: a PersistentVolume
// whose CSI Secret references lack their namespace or that carries the old mount-options annotation on a
// source that never took it (ValidatePersistentVolume).

/** The hand-written object `w`. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', manifest);
};
/** A PersistentVolume `w` of 1Gi, ReadWriteOnce, with `spec` laid over its spec and `annotations` on it. */
const volume = (spec: Record<string, unknown>, annotations?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'w', annotations },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
});
/** A CSI source of the NFS driver, with `extra` laid over it. */
const csi = (extra: Record<string, unknown>) => ({ csi: { driver: 'nfs.csi.k8s.io', volumeHandle: 'nas.lab.test#export#media', ...extra } });
const MOUNT_OPTIONS = { 'volume.beta.kubernetes.io/mount-options': 'noatime,nfsvers=4.1' };

export const CASES: BadInput[] = [
  // validatePVSecretReference: a PersistentVolume has no namespace to find its Secrets in.
  refusedAtW('a CSI PersistentVolume whose node publish Secret names no namespace', w(volume(csi({ nodePublishSecretRef: { name: 'nfs-credentials' } }))),
    'spec.csi.nodePublishSecretRef.namespace', /namespace: 'kube-system'/),
  refusedAtW('a CSI PersistentVolume whose expand Secret names no Secret', w(volume(csi({ controllerExpandSecretRef: { namespace: 'kube-system' } }))),
    'spec.csi.controllerExpandSecretRef.name'),
  refusedAtW('a CSI PersistentVolume whose stage Secret namespace is in capitals', w(volume(csi({ nodeStageSecretRef: { name: 'nfs-credentials', namespace: 'Kube-System' } }))),
    'spec.csi.nodeStageSecretRef.namespace', /kube-system/),
  refusedAtW('a CSI PersistentVolume whose publish Secret name has an underscore', w(volume(csi({ nodePublishSecretRef: { name: 'nfs_credentials', namespace: 'kube-system' } }))),
    'spec.csi.nodePublishSecretRef.name', /nfs-credentials/),
  // checkMountOption: the annotation is refused on every source but the old in-tree ones.
  refusedAtW('a hostPath PersistentVolume with the mount-options annotation', w(volume({ hostPath: { path: '/srv/media' } }, MOUNT_OPTIONS)),
    'metadata.annotations.volume.beta.kubernetes.io/mount-options', /spec\.mountOptions: \["noatime", "nfsvers=4\.1"\]/),
  refusedAtW('a CSI PersistentVolume with the mount-options annotation', w(volume(csi({}), MOUNT_OPTIONS)),
    'metadata.annotations.volume.beta.kubernetes.io/mount-options', /spec\.mountOptions/),
  refusedAtW('a local PersistentVolume with the mount-options annotation', w(volume({
    local: { path: '/mnt/disk1' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['gpu1'] }] }] } },
  }, MOUNT_OPTIONS)), 'metadata.annotations.volume.beta.kubernetes.io/mount-options'),
];
