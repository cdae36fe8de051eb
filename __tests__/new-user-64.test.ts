import { ApiObject, App as CdkApp } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { declareExternal } from '../constructs';
import type { ClusterChart, Finding } from '../constructs';
import { blockPool, cephCluster, filesystem, longhornChart, minis, paperless, RBD_PARAMETERS } from './bad-input/cases-new-user-64';
import { synthFindings } from './bad-input/lab';
import { aboutTheLab } from './support/synth';

// The new user's three mini PCs, their storage written right: the checks its mistakes met (see
// bad-input/cases-new-user-64.ts) leave it alone, and the one that is a warning stays one.

/** The findings of a fresh app whose cluster `minis` is built by `build`, one line each, but the warning of schemas missing here. */
function findingsOf(build: (c: ClusterChart) => void): string[] {
  const app = new CdkApp();
  minis(build)(undefined as unknown as ClusterChart, app);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-64-')), 'dist');
  return aboutTheLab(synthFindings(app, outdir).findings).map((f: Finding) => `${f.severity} ${f.constructPath} ${f.field}`);
}

const object = (c: ClusterChart, id: string, manifest: Record<string, unknown>) => new ApiObject(c, id, manifest as never);

describe("a new user's replicated storage, written right", () => {
  test('Longhorn with three replicas kept near their pod, backups to MinIO by a one-word credential Secret, a snapshot class and a nightly backup job', () => {
    expect(findingsOf((c) => {
      declareExternal(c, { secrets: [{ namespace: 'longhorn-system', name: 'minio' }] });
      c.namespaces.ensure('longhorn-system', { podSecurity: 'privileged', reason: "Longhorn's manager runs privileged with the node's /dev, /proc and data folder" });
      longhornChart(c, {
        persistence: { defaultClassReplicaCount: 3, defaultDataLocality: 'best-effort' },
        defaultBackupStore: { backupTarget: 's3://longhorn@us-east-1/', backupTargetCredentialSecret: 'minio' },
      });
      object(c, 'nas-target', {
        apiVersion: 'longhorn.io/v1beta2', kind: 'BackupTarget', metadata: { name: 'nas', namespace: 'longhorn-system' },
        spec: { backupTargetURL: 'nfs://192.168.64.5:/export/longhorn', pollInterval: '5m0s' },
      });
      object(c, 'longhorn-local', {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'longhorn-local' }, provisioner: 'driver.longhorn.io',
        parameters: { numberOfReplicas: '1', dataLocality: 'strict-local' },
      });
      object(c, 'longhorn-backup', {
        apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'longhorn-backup' }, driver: 'driver.longhorn.io', deletionPolicy: 'Delete', parameters: { type: 'bak' },
      });
      object(c, 'nightly', {
        apiVersion: 'longhorn.io/v1beta2', kind: 'RecurringJob', metadata: { name: 'nightly', namespace: 'longhorn-system' },
        spec: { cron: '0 3 * * *', task: 'backup-force-create', groups: ['default'], retain: 7, concurrency: 1 },
      });
      paperless(c, 'replicated');
    })).toEqual([]);
  });

  test('Rook-Ceph on each PC by its node name, a block pool and a filesystem with their StorageClasses, and a one-replica scratch pool', () => {
    expect(findingsOf((c) => {
      cephCluster(c);
      blockPool(c);
      filesystem(c);
      object(c, 'scratch', {
        apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'scratch', namespace: 'rook-ceph' },
        spec: { failureDomain: 'host', replicated: { size: 1, requireSafeReplicaSize: false } },
      });
      object(c, 'ceph-block', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'ceph-block' }, provisioner: 'rook-ceph.rbd.csi.ceph.com', parameters: RBD_PARAMETERS });
      object(c, 'ceph-fs', {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'ceph-fs' }, provisioner: 'rook-ceph.cephfs.csi.ceph.com',
        parameters: { clusterID: 'rook-ceph', fsName: 'myfs', pool: 'myfs-replicated' },
      });
    })).toEqual([]);
  });

  test('two Ceph monitors on three PCs are a warning, as Rook gives one', () => {
    expect(findingsOf((c) => cephCluster(c, { mon: { count: 2 } }))).toEqual(['warning minis/rook-ceph spec.mon.count']);
  });
});
