import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppVolume, ChartRelease, ClusterChart, declareExternal, existingStorageClass, flux, HomelabApp, host, k3s, localPathStorage,
  nfsStorage, noNetworkPolicy, site, traefik,
} from '../constructs';
import { shownFindings } from './support/lab-output';

// A lab that keeps its data on a NAS, written from the README alone: an NFS export's tier, a class of
// nfs-subdir-external-provisioner whose folders an annotation of each claim names, an SMB share through csi-driver-smb whose credentials Secret is made by hand,
// one SMB share mounted in two namespaces through two PersistentVolumes of one handle (a volume binds one claim), and
// Rook's StorageClass as its docs write it. It synthesizes without a finding.

/** A static PersistentVolume of csi-driver-smb for the share `//nas/family`, bound to claim `family` of `namespace`. */
function familyShare(cluster: ClusterChart, namespace: string): void {
  new ApiObject(cluster, `family-${namespace}-pv`, {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `family-${namespace}` },
    spec: {
      capacity: { storage: '1Ti' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '',
      mountOptions: ['dir_mode=0770', 'file_mode=0660', 'uid=1000', 'gid=1000'],
      // One handle per share, as csi-driver-smb asks: both volumes are the one share.
      csi: { driver: 'smb.csi.k8s.io', volumeHandle: '192.168.1.10/family##', volumeAttributes: { source: '//192.168.1.10/family' }, nodeStageSecretRef: { name: 'smbcreds', namespace: 'kube-system' } },
      claimRef: { namespace, name: 'family' },
    },
  });
  new ApiObject(cluster, `family-${namespace}-pvc`, {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'family', namespace },
    spec: { accessModes: ['ReadWriteMany'], storageClassName: '', volumeName: `family-${namespace}`, resources: { requests: { storage: '1Ti' } } },
  });
}

function nasLab(scope: Construct): void {
  const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.21' });
  const lab = site('nas', {
    domain: 'home.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/nas.git' },
    nfs: { kube: { server: '192.168.1.10', path: '/mnt/tank/kube' } },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(),
    storage: { fast: localPathStorage(), nfs: nfsStorage(lab.nfs.kube), smb: existingStorageClass('smb', ['ReadWriteMany']) },
    gitops: flux(),
  });
  new ChartRelease(cluster, 'csi-driver-smb', {
    namespace: 'kube-system', network: noNetworkPolicy('CSI node plugins on the host network'),
    chart: { repository: 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-smb/master/charts', chart: 'csi-driver-smb', version: '1.17.0' },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'kube-system', name: 'smbcreds' }] });
  new ApiObject(cluster, 'smb-class', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'smb' }, provisioner: 'smb.csi.k8s.io',
    parameters: {
      source: '//192.168.1.10/apps',
      'csi.storage.k8s.io/provisioner-secret-name': 'smbcreds', 'csi.storage.k8s.io/provisioner-secret-namespace': 'kube-system',
      'csi.storage.k8s.io/node-stage-secret-name': 'smbcreds', 'csi.storage.k8s.io/node-stage-secret-namespace': 'kube-system',
    },
    reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate', mountOptions: ['dir_mode=0770', 'file_mode=0660', 'uid=1000', 'gid=1000'],
  });
  // Claims of a second class in folders an annotation of each claim names, in nfs-subdir-external-provisioner's spelling.
  new ApiObject(cluster, 'nfs-client', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'nfs-client' }, provisioner: 'cluster.local/nfs-subdir-external-provisioner',
    parameters: { pathPattern: '${.PVC.namespace}/${.PVC.annotations.nfs.io/storage-path}', onDelete: 'retain' }, reclaimPolicy: 'Retain',
  });

  for (const namespace of ['files', 'paperless']) {
    familyShare(cluster, namespace);
  }
  // Rook's StorageClass as its docs write it: its operator makes the rook-csi-* Secrets in the CephCluster's namespace.
  new ApiObject(cluster, 'ceph-block', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'ceph-block' }, provisioner: 'rook-ceph.rbd.csi.ceph.com',
    parameters: {
      clusterID: 'rook-ceph', pool: 'replicapool', imageFormat: '2', imageFeatures: 'layering',
      'csi.storage.k8s.io/provisioner-secret-name': 'rook-csi-rbd-provisioner', 'csi.storage.k8s.io/provisioner-secret-namespace': 'rook-ceph',
      'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-rbd-node', 'csi.storage.k8s.io/node-stage-secret-namespace': 'rook-ceph',
    },
    reclaimPolicy: 'Delete', allowVolumeExpansion: true,
  });
  new HomelabApp(cluster, 'filebrowser', {
    namespace: 'files', image: 'filebrowser/filebrowser:v2.32.0', ports: [{ name: 'http', port: 8080 }], env: { FB_PORT: '8080' },
    persistence: {
      family: { volume: AppVolume.existingClaim('family'), mountPath: '/srv' },
      apps: { volume: AppVolume.claim({ tier: 'smb', size: '10Gi', accessMode: 'ReadWriteMany' }), mountPath: '/srv/apps' },
      database: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/database' },
    },
    route: { host: 'files' },
  });
  new HomelabApp(cluster, 'scans', {
    namespace: 'paperless', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { family: { volume: AppVolume.existingClaim('family'), mountPath: '/usr/share/nginx/html', readOnly: true } },
  });
}

test('a lab on a NAS: SMB volumes of one share in two namespaces, CSI Secrets made by hand, nfs-subdir folders by annotation', () => {
  expect(shownFindings(nasLab)).toEqual([]);
});
