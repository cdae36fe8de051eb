import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, declareExternal, existingStorageClass, flux, HomelabApp, host, nfsStorage, site, traefik, zfsSnapshotClass } from '../constructs';
import { synthInMemory } from './support/synth';

// What the bad-input corpus cannot say about backups, snapshots and restores: that the right way passes, and
// that one mistake gives one error.

const nas = host('sr-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.4.0.1', zfsPools: { fast: { media: 'nvme' } } });
const nuc = host('sr-nuc', { arch: 'amd64', roles: ['worker'], address: '10.4.0.2' });
const lab = site('sr', { domain: 'sr.test', hosts: [nas, nuc], git: { url: 'https://git.example/sr.git' }, nfs: { share: { server: '10.4.0.9', path: '/export' } } });

function errorsOf(add: (chart: ClusterChart) => void): string[] {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [nas, nuc], routes: traefik(), gitops: flux(),
      storage: { fast: nas.zfs.fast, longhorn: existingStorageClass('longhorn'), shared: nfsStorage(lab.nfs.share) },
      preinstalled: [{ source: 'k3s', provides: { loadBalancers: ['servicelb'] } }, { source: 'longhorn', provides: { storageClasses: ['longhorn'] } }],
    });
    zfsSnapshotClass(chart);
    add(chart);
  });
  return result.findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

/** Immich in namespace `photos` with its library on `tier`, the claim `library`. */
const immich = (chart: ClusterChart, tier = 'fast') => new HomelabApp(chart, 'immich', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'photos', ports: [{ name: 'http', port: 8080 }],
  persistence: { library: { volume: AppVolume.claim({ tier, size: '100Gi', claimName: 'library' }), mountPath: '/data' } },
});

/** A restic CronJob in namespace `photos` reading the claim `library`. */
const backup = (chart: ClusterChart) => new HomelabApp(chart, 'backup', {
  image: 'restic/restic:0.17.3', namespace: 'photos', args: ['backup', '/data'], controller: AppController.cronJob({ schedule: '0 3 * * *' }),
  persistence: { library: { volume: AppVolume.existingClaim('library'), mountPath: '/data', readOnly: true } },
});

const object = (chart: ClusterChart, id: string, manifest: Record<string, unknown>) => new ApiObject(chart, id, manifest as never);
const snapshot = (chart: ClusterChart, namespace: string, claim = 'library') => object(chart, 'snap', {
  apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'library-daily', namespace },
  spec: { volumeSnapshotClassName: 'zfs-snapshots', source: { persistentVolumeClaimName: claim } },
});
const restored = (chart: ClusterChart, size = '100Gi') => object(chart, 'restored', {
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'library-restored', namespace: 'photos' },
  spec: {
    accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-fast', resources: { requests: { storage: size } },
    dataSourceRef: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'library-daily' },
  },
});

test("a backup CronJob beside the app on a ZFS pool's claim passes: the volume takes both pods to the pool's host", () => {
  expect(errorsOf((chart) => { immich(chart); backup(chart); })).toEqual([]);
});

test("a second app on the ZFS pool's claim of the first passes, for the same reason", () => {
  expect(errorsOf((chart) => {
    immich(chart);
    new HomelabApp(chart, 'viewer', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'photos', ports: [{ name: 'http', port: 8080 }],
      persistence: { library: { volume: AppVolume.existingClaim('library'), mountPath: '/data', readOnly: true } },
    });
  })).toEqual([]);
});

test("a backup CronJob beside the app on a Longhorn claim, free to run on another node, is one error", () => {
  expect(errorsOf((chart) => { immich(chart, 'longhorn'); backup(chart); })).toEqual([expect.stringContaining('main/backup persistence.library.volume: mounts the ReadWriteOnce claim "library"')]);
});

test('a snapshot of the claim in its own namespace, by the driver of its class, restored at its size into its class, passes', () => {
  expect(errorsOf((chart) => { immich(chart); snapshot(chart, 'photos'); restored(chart); })).toEqual([]);
});

test('a restore larger than the claim its snapshot was taken of passes', () => {
  expect(errorsOf((chart) => { immich(chart); snapshot(chart, 'photos'); restored(chart, '200Gi'); })).toEqual([]);
});

test('a snapshot and a class made outside the repository, declared, pass', () => {
  expect(errorsOf((chart) => {
    chart.namespaces.ensure('photos');
    declareExternal(chart, { claims: [{ namespace: 'photos', name: 'old-library' }], volumeSnapshots: [{ namespace: 'photos', name: 'library-daily' }], volumeSnapshotClasses: ['longhorn'] });
    object(chart, 'snap', {
      apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'old-library-daily', namespace: 'photos' },
      spec: { volumeSnapshotClassName: 'longhorn', source: { persistentVolumeClaimName: 'old-library' } },
    });
    restored(chart);
  })).toEqual([]);
});

test('a snapshot of a claim of another namespace is one error, on its source', () => {
  expect(errorsOf((chart) => { immich(chart); chart.namespaces.ensure('backup'); snapshot(chart, 'backup'); }))
    .toEqual([expect.stringContaining('main/snap spec.source.persistentVolumeClaimName: PersistentVolumeClaim "library" does not exist in namespace "backup" (namespace "photos" has one)')]);
});

test("two apps' claims of one name in their own namespaces pass on the NFS tier's default folders, which name the namespace", () => {
  expect(errorsOf((chart) => {
    for (const app of ['sonarr', 'radarr']) {
      new HomelabApp(chart, app, {
        image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        persistence: { config: { volume: AppVolume.claim({ tier: 'shared', size: '1Gi', claimName: 'config' }), mountPath: '/config' } },
      });
    }
  })).toEqual([]);
});

test("a claim restored by VolSync's populator from a ReplicationDestination of its namespace passes", () => {
  expect(errorsOf((chart) => {
    chart.platform.declarePreinstalled({ source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationDestination'] }] });
    chart.namespaces.ensure('photos');
    object(chart, 'dst', {
      apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationDestination', metadata: { name: 'library-dst', namespace: 'photos' },
      spec: { trigger: { manual: 'restore-once' }, restic: { repository: 'library-restic', copyMethod: 'Snapshot', storageClassName: 'zfs-fast', volumeSnapshotClassName: 'zfs-snapshots', capacity: '100Gi', accessModes: ['ReadWriteOnce'] } },
    });
    declareExternal(chart, { secrets: [{ namespace: 'photos', name: 'library-restic' }] });
    object(chart, 'restored', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'library', namespace: 'photos' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-fast', resources: { requests: { storage: '100Gi' } }, dataSourceRef: { apiGroup: 'volsync.backube', kind: 'ReplicationDestination', name: 'library-dst' } },
    });
  })).toEqual([]);
});
