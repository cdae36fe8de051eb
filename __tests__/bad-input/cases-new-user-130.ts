import { ApiObject } from 'cdk8s';
import { ClusterChart, declareExternal } from '../../constructs';
import type { BadInput } from './cases';

// A new user keeps the lab's data on a NAS, from the README alone: an SMB share through csi-driver-smb with its
// credentials Secret made by hand, static PersistentVolumes of existing shares, and claims of an NFS export through
// nfs-subdir-external-provisioner. Each of these passed synthesis and then failed once applied: the mount or the claim
// waited for a Secret that is not there, a second share was mounted with the first one's files, or every claim of a
// class got one folder.

/** The SMB credentials Secret `smbcreds` of kube-system, made by hand, and a StorageClass `smb` of csi-driver-smb with `secrets`. */
const smbClass = (secrets: Record<string, string>) => (c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'kube-system', name: 'smbcreds' }] });
  new ApiObject(c, 'smb-class', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'smb' }, provisioner: 'smb.csi.k8s.io',
    parameters: { source: '//nas.lab.test/family', ...secrets }, reclaimPolicy: 'Retain', mountOptions: ['dir_mode=0770', 'file_mode=0660'],
  });
};

/** A static PersistentVolume `name` of the SMB share `share`, with the handle csi-driver-smb's example gives. */
const smbVolume = (c: ClusterChart, name: string, share: string, volumeHandle = 'smb-server.default.svc.cluster.local/share##') => new ApiObject(c, `${name}-pv`, {
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
  spec: {
    capacity: { storage: '100Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '',
    csi: { driver: 'smb.csi.k8s.io', volumeHandle, volumeAttributes: { source: `//nas.lab.test/${share}` }, nodeStageSecretRef: { name: 'smbcreds', namespace: 'kube-system' } },
  },
});

/** A StorageClass `nfs-client` of nfs-subdir-external-provisioner, as its chart names it, whose folders are `pathPattern`. */
const subdirClass = (pathPattern: string) => (c: ClusterChart) => new ApiObject(c, 'nfs-client', {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'nfs-client' },
  provisioner: 'cluster.local/nfs-subdir-external-provisioner', parameters: { pathPattern, onDelete: 'retain' }, reclaimPolicy: 'Retain',
});

export const CASES: BadInput[] = [
  {
    name: "an SMB StorageClass whose node-stage Secret is misspelt",
    build: smbClass({ 'csi.storage.k8s.io/node-stage-secret-name': 'smb-creds', 'csi.storage.k8s.io/node-stage-secret-namespace': 'kube-system' }),
    layer: 'references', path: 'smb-class', field: 'parameters.csi.storage.k8s.io/node-stage-secret-name', hint: /did you mean "smbcreds"/,
  },
  {
    name: "an SMB StorageClass that names its node-stage Secret without the Secret's namespace",
    build: smbClass({ 'csi.storage.k8s.io/node-stage-secret-name': 'smbcreds' }),
    layer: 'references', path: 'smb-class', field: 'parameters.csi.storage.k8s.io/node-stage-secret-namespace', hint: /node-stage-secret-namespace': 'kube-system'/,
  },
  {
    name: "two static SMB volumes of other shares, both with the volumeHandle of csi-driver-smb's example",
    build: (c) => { smbClass({})(c); smbVolume(c, 'documents', 'documents'); smbVolume(c, 'scans', 'scans'); },
    layer: 'references', path: 'scans-pv', field: 'spec.csi.volumeHandle', hint: /volumeHandle: 'scans'/,
  },
  {
    name: "an nfs-subdir-external-provisioner class whose pathPattern is written in csi-driver-nfs' placeholders",
    build: subdirClass('${pvc.metadata.namespace}/${pvc.metadata.name}'),
    layer: 'references', path: 'nfs-client', field: 'parameters.pathPattern', hint: /pathPattern: '\$\{\.PVC\.namespace\}\/\$\{\.PVC\.name\}'/,
  },
];
