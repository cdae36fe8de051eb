import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, declareExternal, existingStorageClass, flux, HomelabApp, host, site, traefik, zfsSnapshotClass } from '../constructs';
import { synthInMemory } from './support/synth';

// What the bad-input corpus cannot say about the resources of backup operators: that what each operator takes
// passes, and that one mistake gives one error.

const nas = host('bo-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.5.0.1', zfsPools: { fast: { media: 'nvme' } } });
const lab = site('bo', { domain: 'bo.test', hosts: [nas], git: { url: 'https://git.example/bo.git' } });

const OPERATORS = [
  { source: 'k3s', provides: { loadBalancers: ['servicelb'] } },
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [{ group: 'longhorn.io', kinds: ['RecurringJob'] }] },
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup'] }] },
  { source: 'velero', namespaces: ['velero'], crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup'] }] },
  { source: 'k8up', crds: [{ group: 'k8up.io', kinds: ['Schedule'] }] },
  { source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] },
];

function errorsOf(add: (chart: ClusterChart) => void, snapshots = true): string[] {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [nas], routes: traefik(), gitops: flux(),
      storage: { fast: nas.zfs.fast, longhorn: existingStorageClass('longhorn') }, preinstalled: OPERATORS,
    });
    if (snapshots) {
      zfsSnapshotClass(chart);
    }
    add(chart);
  });
  return result.findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

const object = (chart: ClusterChart, id: string, apiVersion: string, kind: string, namespace: string, spec: Record<string, unknown>) => {
  chart.namespaces.ensure(namespace);
  return new ApiObject(chart, id, { apiVersion, kind, metadata: { name: id, namespace }, spec } as never);
};

/**
 * Vaultwarden in namespace `vault` with its claim `vaultwarden-data` of 5Gi on `tier`, its restic repository Secret
 * and a VolSync ReplicationSource of the claim that copies it by `copyMethod`.
 */
const vaultwarden = (chart: ClusterChart, tier = 'longhorn', copyMethod = 'Clone') => {
  new HomelabApp(chart, 'vaultwarden', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'vault', ports: [{ name: 'http', port: 8080 }],
    persistence: { data: { volume: AppVolume.claim({ tier, size: '5Gi', claimName: 'vaultwarden-data' }), mountPath: '/data' } },
  });
  declareExternal(chart, { secrets: [{ namespace: 'vault', name: 'restic' }] });
  object(chart, 'backup', 'volsync.backube/v1alpha1', 'ReplicationSource', 'vault', {
    sourcePVC: 'vaultwarden-data', trigger: { schedule: 'CRON_TZ=Europe/Oslo 0 3 * * *' }, restic: { repository: 'restic', copyMethod, retain: { daily: 7 } },
  });
};

test("each operator's schedules and retention, written as its documentation writes them, pass", () => {
  expect(errorsOf((chart) => {
    object(chart, 'nightly', 'postgresql.cnpg.io/v1', 'ScheduledBackup', 'db', { schedule: '0 0 3 * * *', cluster: { name: 'pg' } });
    object(chart, 'hourly', 'postgresql.cnpg.io/v1', 'ScheduledBackup', 'db', { schedule: '@hourly', cluster: { name: 'pg' } });
    object(chart, 'pg', 'postgresql.cnpg.io/v1', 'Cluster', 'db', { instances: 1, storage: { size: '1Gi', storageClass: 'longhorn' }, backup: { retentionPolicy: '4w' } });
    object(chart, 'daily', 'velero.io/v1', 'Schedule', 'velero', { schedule: 'CRON_TZ=Europe/Oslo 0 2 * * *', template: { ttl: '720h0m0s' } });
    object(chart, 'weekly', 'velero.io/v1', 'Schedule', 'velero', { schedule: '@every 168h', template: { ttl: '2160h' } });
    object(chart, 'snapshots', 'longhorn.io/v1beta2', 'RecurringJob', 'longhorn-system', { cron: '0 3 * * *', task: 'snapshot', groups: ['default'], retain: 7, concurrency: 1 });
    object(chart, 'trim', 'longhorn.io/v1beta2', 'RecurringJob', 'longhorn-system', { cron: '0 4 * * 0', task: 'filesystem-trim', groups: ['default'], retain: 0, concurrency: 1 });
    object(chart, 'nextcloud', 'k8up.io/v1', 'Schedule', 'nextcloud', { backup: { schedule: '@daily-random' }, prune: { schedule: '0 4 * * 0', retention: { keepDaily: 14 } } });
  })).toEqual([]);
});

test('a VolSync restore of the size of its source, into a claim of its own, passes', () => {
  expect(errorsOf((chart) => {
    vaultwarden(chart);
    object(chart, 'restore', 'volsync.backube/v1alpha1', 'ReplicationDestination', 'vault', {
      trigger: { manual: 'restore-1' }, restic: { repository: 'restic', copyMethod: 'Snapshot', capacity: '5Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn' },
    });
  })).toEqual([]);
});

test('a VolumeSnapshot on a cluster without the snapshot CRDs is one error, on its kind, whose hint installs them', () => {
  const errors = errorsOf((chart) => {
    vaultwarden(chart);
    object(chart, 'before-upgrade', 'snapshot.storage.k8s.io/v1', 'VolumeSnapshot', 'vault', { volumeSnapshotClassName: 'longhorn', source: { persistentVolumeClaimName: 'vaultwarden-data' } });
  }, false);
  expect(errors).toEqual([expect.stringMatching(/before-upgrade apiVersion: kind VolumeSnapshot of group snapshot\.storage\.k8s\.io has no CRD/)]);
});

test("CloudNativePG's two S3 keys of one missing Secret are one error, on the first", () => {
  const errors = errorsOf((chart) => object(chart, 'pg', 'postgresql.cnpg.io/v1', 'Cluster', 'db', {
    instances: 1, storage: { size: '1Gi', storageClass: 'longhorn' },
    backup: { barmanObjectStore: { destinationPath: 's3://pg', s3Credentials: { accessKeyId: { name: 'minio', key: 'id' }, secretAccessKey: { name: 'minio', key: 'secret' } } } },
  }));
  expect(errors).toEqual([expect.stringMatching(/main\/pg spec\.backup\.barmanObjectStore\.s3Credentials\.accessKeyId\.name: Secret "minio" does not exist/)]);
});

test('Velero objects in the namespace its preinstalled declaration names, including namespaces by pattern, pass', () => {
  expect(errorsOf((chart) => {
    vaultwarden(chart);
    object(chart, 'daily', 'velero.io/v1', 'Schedule', 'velero', { schedule: '0 2 * * *', template: { includedNamespaces: ['vault', 'media-*'], ttl: '720h' } });
  })).toEqual([]);
});

test("a VolSync copy by snapshot that names no class, of a claim whose driver has one, passes: the driver's default class takes it", () => {
  expect(errorsOf((chart) => vaultwarden(chart, 'fast', 'Snapshot'))).toEqual([]);
});
