/**
 * A new user's lab written from the README alone: Ceph storage across three identical mini PCs on RKE2. Rook-Ceph
 * (operator and cluster, a replicated block pool of size 3, CephFS for shared folders, the dashboard behind the
 * ingress), a StorageClass per tier, VolumeSnapshots with a snapshot class, Velero backing namespaces up to a MinIO
 * on the NAS, and Nextcloud (CephFS data, PostgreSQL on RBD), Gitea and Grafana on it; ingress-nginx as RKE2 ships
 * it (RKE2's own switched off for the one `ingressNginx()` installs, as no route flavor serves routes with RKE2's),
 * MetalLB, Argo CD. Day two: a node's NVMe replaced, the pools' size at 2 while a node is away, an app moved from
 * CephFS to RBD. Written the obvious way it synthesizes with no finding; the mistakes of someone new to Ceph and to
 * Kubernetes are each one finding on the field that holds them.
 */
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, argoCd, ChartRelease, ClusterChart, declareExternal, existingStorageClass, externalHost, HomelabApp, host, ingressNginx, IngressTls, metalLb,
  noNetworkPolicy, rootInitExemption, SecretReference, servesPorts, ServiceRoute, site,
} from '../constructs';
import type { AppProps, HostProps, Preinstalled } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

/** What a mistake changes in the lab. */
interface Changes {
  /** Props of a mini PC, by host name. */
  readonly hosts?: Record<string, Partial<HostProps>>;
  /** Props of an app, by id. */
  readonly apps?: Record<string, Partial<AppProps>>;
  /** Replaces fields of the CephCluster's spec. */
  readonly cephCluster?: Record<string, unknown>;
  /** Replaces parameters of the RBD StorageClass. */
  readonly rbdClass?: Record<string, unknown>;
  /** Replaces fields of the VolumeSnapshotClass. */
  readonly snapshotClass?: Record<string, unknown>;
  /** Replaces fields of the VolumeSnapshot's spec. */
  readonly snapshot?: Record<string, unknown>;
  /** Replaces fields of the declaration of RKE2. */
  readonly rke2?: Partial<Preinstalled>;
  /** Replaces values of the Velero chart. */
  readonly veleroValues?: Record<string, unknown>;
  /** Replaces values of the Velero chart's `configuration.backupStorageLocation[0]`. */
  readonly backupLocation?: Record<string, unknown>;
  /** Replaces fields of the nightly Velero Schedule's spec. */
  readonly schedule?: Record<string, unknown>;
  /** Day two: mini-2's NVMe was replaced by a larger one, which Rook is given by its stable id. */
  readonly nvmeReplaced?: boolean;
  /** Day two: mini-3 is away for repair, and the pools run on two replicas meanwhile. */
  readonly nodeAway?: boolean;
  /** Day two: Gitea moved from CephFS to RBD. */
  readonly giteaOnRbd?: boolean;
}

const ROOK = 'rook-ceph';
const RBD_DRIVER = `${ROOK}.rbd.csi.ceph.com`;
const CEPHFS_DRIVER = `${ROOK}.cephfs.csi.ceph.com`;

/** Every mini PC is the same box: a SATA SSD for the OS and RKE2, a spare NVMe for Ceph. */
const miniPc = (address: string): HostProps => ({
  arch: 'amd64', roles: ['control-plane', 'worker'], address, cores: 12, memoryGigabytes: 32,
  model: 'Minisforum MS-01', cpuModel: 'Intel Core i5-12600H', disks: [{ media: 'ssd', sizeGigabytes: 500 }, { media: 'nvme', sizeGigabytes: 1000 }],
});

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const hostsOf = (name: string, address: string) => host(name, {
    ...miniPc(address),
    ...changes.nvmeReplaced && name === 'mini-2' ? { disks: [{ media: 'ssd', sizeGigabytes: 500 }, { media: 'nvme', sizeGigabytes: 2000 }] } : {},
    ...changes.hosts?.[name],
  } as HostProps);
  const minis = [hostsOf('mini-1', '192.168.10.11'), hostsOf('mini-2', '192.168.10.12'), hostsOf('mini-3', '192.168.10.13')];
  const nas = externalHost('nas', { address: '192.168.10.5', ports: { minio: 9000 } });
  const lab = site('ceph-lab', {
    domain: 'lab.example.com', hosts: minis, externalHosts: { nas }, git: { url: 'https://github.com/me/ceph-lab.git' },
    pools: { vips: { first: '192.168.10.200', last: '192.168.10.220' } },
  });

  class Main extends ClusterChart {
    constructor(s: Construct) {
      super(s, 'main', {
        site: lab, hosts: minis,
        preinstalled: [{
          source: 'rke2', distribution: 'RKE2',
          // RKE2 ships the snapshot controller and its CRDs (rke2-snapshot-controller).
          crds: [{ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] }],
          ...changes.rke2,
        }],
        // RKE2 ships ingress-nginx, but routes are served by the one ingressNginx() installs: config.yaml has
        // disable: [rke2-ingress-nginx], so RKE2's own is left out of the declaration.
        routes: ingressNginx({ address: lab.pools.vips.at('192.168.10.200'), tls: IngressTls.none() }),
        loadBalancer: metalLb({ pools: [lab.pools.vips] }),
        storage: {
          block: existingStorageClass('ceph-block'),
          shared: existingStorageClass('ceph-filesystem', ['ReadWriteOnce', 'ReadWriteMany']),
        },
        gitops: argoCd(),
      });

      // Rook's operator needs the host: its CSI plugins and OSDs run privileged.
      this.namespaces.ensure(ROOK, { podSecurity: 'privileged', reason: "Rook's OSDs and Ceph CSI node plugins run privileged on the host's devices" });
      new ChartRelease(this, 'rook-ceph', {
        namespace: ROOK,
        chart: { repository: 'https://charts.rook.io/release', chart: 'rook-ceph', version: 'v1.16.4' },
        values: { csi: { enableRbdDriver: true, enableCephfsDriver: true } },
        network: noNetworkPolicy("Ceph's daemons talk to each other and to every node's kernel client on many ports"),
        crds: [{ group: 'ceph.rook.io', kinds: ['CephCluster', 'CephBlockPool', 'CephFilesystem', 'CephFilesystemSubVolumeGroup'] }],
      });

      const nodes = changes.nvmeReplaced
        ? [{ name: 'mini-1', devices: [{ name: 'nvme0n1' }] }, { name: 'mini-2', devices: [{ name: '/dev/disk/by-id/nvme-Samsung_SSD_990_PRO_2TB_S7DNNJ0X123456' }] }, { name: 'mini-3', devices: [{ name: 'nvme0n1' }] }]
        : minis.map((h) => ({ name: h.nodeName, devices: [{ name: 'nvme0n1' }] }));
      new ApiObject(this, 'ceph-cluster', {
        apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: ROOK, namespace: ROOK },
        spec: {
          cephVersion: { image: 'quay.io/ceph/ceph:v19.2.1' },
          dataDirHostPath: '/var/lib/rook',
          mon: { count: 3, allowMultiplePerNode: false },
          mgr: { count: 2, modules: [{ name: 'rook', enabled: true }] },
          dashboard: { enabled: true, ssl: false },
          storage: { useAllNodes: false, useAllDevices: false, nodes },
          ...changes.cephCluster,
        },
      });
      new ApiObject(this, 'block-pool', {
        apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'replicapool', namespace: ROOK },
        spec: { failureDomain: 'host', replicated: { size: changes.nodeAway ? 2 : 3 } },
      });
      new ApiObject(this, 'filesystem', {
        apiVersion: 'ceph.rook.io/v1', kind: 'CephFilesystem', metadata: { name: 'shared', namespace: ROOK },
        spec: {
          metadataPool: { replicated: { size: changes.nodeAway ? 2 : 3 } },
          dataPools: [{ name: 'replicated', failureDomain: 'host', replicated: { size: changes.nodeAway ? 2 : 3 } }],
          preserveFilesystemOnDelete: true,
          metadataServer: { activeCount: 1, activeStandby: true },
        },
      });
      new ApiObject(this, 'ceph-block', {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'ceph-block' },
        provisioner: RBD_DRIVER, reclaimPolicy: 'Retain', allowVolumeExpansion: true,
        parameters: {
          clusterID: ROOK, pool: 'replicapool', imageFormat: '2', imageFeatures: 'layering',
          'csi.storage.k8s.io/provisioner-secret-name': 'rook-csi-rbd-provisioner', 'csi.storage.k8s.io/provisioner-secret-namespace': ROOK,
          'csi.storage.k8s.io/controller-expand-secret-name': 'rook-csi-rbd-provisioner', 'csi.storage.k8s.io/controller-expand-secret-namespace': ROOK,
          'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-rbd-node', 'csi.storage.k8s.io/node-stage-secret-namespace': ROOK,
          'csi.storage.k8s.io/fstype': 'ext4',
          ...changes.rbdClass,
        },
      });
      new ApiObject(this, 'ceph-filesystem', {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'ceph-filesystem' },
        provisioner: CEPHFS_DRIVER, reclaimPolicy: 'Retain', allowVolumeExpansion: true,
        parameters: {
          clusterID: ROOK, fsName: 'shared', pool: 'shared-replicated',
          'csi.storage.k8s.io/provisioner-secret-name': 'rook-csi-cephfs-provisioner', 'csi.storage.k8s.io/provisioner-secret-namespace': ROOK,
          'csi.storage.k8s.io/controller-expand-secret-name': 'rook-csi-cephfs-provisioner', 'csi.storage.k8s.io/controller-expand-secret-namespace': ROOK,
          'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-cephfs-node', 'csi.storage.k8s.io/node-stage-secret-namespace': ROOK,
        },
      });
      new ApiObject(this, 'rbd-snapshots', {
        apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass',
        metadata: { name: 'ceph-block-snapshots', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } },
        driver: RBD_DRIVER, deletionPolicy: 'Delete',
        parameters: {
          clusterID: ROOK,
          'csi.storage.k8s.io/snapshotter-secret-name': 'rook-csi-rbd-provisioner', 'csi.storage.k8s.io/snapshotter-secret-namespace': ROOK,
        },
        ...changes.snapshotClass,
      });

      // The dashboard of the manager, behind the ingress (Rook's Service rook-ceph-mgr-dashboard, port 7000 without SSL).
      declareExternal(this, { services: [{ namespace: ROOK, name: 'rook-ceph-mgr-dashboard' }] });
      new ServiceRoute(this, 'ceph-dashboard', { host: 'ceph', namespace: ROOK, serviceName: 'rook-ceph-mgr-dashboard', port: 7000 });

      // Velero backs namespaces up to the MinIO on the NAS, the volumes' files too (its node agent reads them on the hosts).
      this.namespaces.ensure('velero', { podSecurity: 'privileged', reason: "Velero's node agent reads the pods' volumes under the kubelet's folder on each host" });
      const veleroCredentials = SecretReference.external('velero', 'velero-s3', 'cloud');
      declareExternal(this, { secrets: [veleroCredentials] });
      new ChartRelease(this, 'velero', {
        namespace: 'velero',
        chart: { repository: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '8.3.0' },
        values: {
          initContainers: [{
            name: 'velero-plugin-for-aws', image: 'velero/velero-plugin-for-aws:v1.11.1', imagePullPolicy: 'IfNotPresent',
            volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
          }],
          credentials: { existingSecret: 'velero-s3' },
          snapshotsEnabled: false,
          deployNodeAgent: true,
          configuration: {
            backupStorageLocation: [{
              name: 'default', provider: 'aws', bucket: 'velero', default: true,
              config: { region: 'minio', s3ForcePathStyle: 'true', s3Url: 'http://192.168.10.5:9000' },
              ...changes.backupLocation,
            }],
          },
          ...changes.veleroValues,
        },
        network: servesPorts({ port: 8085, purpose: 'Prometheus metrics of the Velero server' }),
        crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup', 'Restore', 'BackupStorageLocation'] }],
      });
      new ApiObject(this, 'nightly-backup', {
        apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: 'nightly', namespace: 'velero' },
        spec: {
          schedule: '0 3 * * *',
          template: { includedNamespaces: ['nextcloud', 'gitea', 'grafana'], ttl: '720h', defaultVolumesToFsBackup: true },
          ...changes.schedule,
        },
      });

      const app = (id: string, props: AppProps) => new HomelabApp(this, id, { ...props, ...changes.apps?.[id] } as AppProps);

      // Nextcloud: its files on CephFS, its database on RBD.
      const postgres = app('nextcloud-db', {
        namespace: 'nextcloud', image: 'postgres:16.6', controller: AppController.statefulSet(),
        ports: [{ name: 'postgres', port: 5432 }],
        env: {
          POSTGRES_DB: 'nextcloud', POSTGRES_USER: 'nextcloud',
          POSTGRES_PASSWORD: SecretReference.external('nextcloud', 'nextcloud-db', 'password'),
          PGDATA: '/var/lib/postgresql/data/pgdata',
        },
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'block', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' },
          postgresql: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
        },
        runAsUser: 999, runAsGroup: 999, fsGroup: 999,
      });
      app('nextcloud', {
        namespace: 'nextcloud', image: 'nextcloud:30.0.4-apache',
        ports: [{ name: 'http', port: 80 }],
        env: {
          POSTGRES_HOST: 'nextcloud-db', POSTGRES_DB: 'nextcloud', POSTGRES_USER: 'nextcloud',
          POSTGRES_PASSWORD: SecretReference.external('nextcloud', 'nextcloud-db', 'password'),
          NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.lab.example.com', OVERWRITEPROTOCOL: 'http',
          NEXTCLOUD_DATA_DIR: '/var/www/data',
        },
        persistence: {
          html: { volume: AppVolume.claim({ tier: 'block', size: '5Gi' }), mountPath: '/var/www/html' },
          data: { volume: AppVolume.claim({ tier: 'shared', size: '200Gi', accessMode: 'ReadWriteMany' }), mountPath: '/var/www/data' },
          apache2: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
        },
        exemptions: {
          runAsRoot: "the official image's entrypoint copies Nextcloud into /var/www/html as root, and Apache's master process stays root",
          addCapabilities: rootInitExemption('supervisor', 'the entrypoint hands the files to www-data, and Apache drops to it'),
        },
        egress: [postgres],
        route: { host: 'cloud' },
      });

      // Gitea, rootless, its repositories on CephFS (on day two on RBD).
      app('gitea', {
        namespace: 'gitea', image: 'gitea/gitea:1.22.6-rootless',
        ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }],
        env: { GITEA__server__ROOT_URL: 'http://git.lab.example.com/', GITEA__server__SSH_PORT: '2222' },
        persistence: {
          data: { volume: changes.giteaOnRbd ? AppVolume.claim({ tier: 'block', size: '20Gi' }) : AppVolume.claim({ tier: 'shared', size: '20Gi' }), mountPath: '/var/lib/gitea' },
          config: { volume: AppVolume.claim({ tier: 'block', size: '1Gi' }), mountPath: '/etc/gitea' },
        },
        route: { host: 'git' },
      });

      // Grafana, its database and plugins on RBD.
      app('grafana', {
        namespace: 'grafana', image: 'grafana/grafana:11.4.0',
        ports: [{ name: 'http', port: 3000 }],
        runAsUser: 472, runAsGroup: 472, fsGroup: 472,
        env: {
          GF_SERVER_ROOT_URL: 'http://grafana.lab.example.com/',
          GF_SECURITY_ADMIN_PASSWORD: SecretReference.external('grafana', 'grafana-admin', 'password'),
        },
        persistence: { data: { volume: AppVolume.claim({ tier: 'block', size: '5Gi' }), mountPath: '/var/lib/grafana' } },
        probes: { readiness: { httpPath: '/api/health' } },
        route: { host: 'grafana' },
      });

      // A snapshot of Nextcloud's database before an upgrade.
      new ApiObject(this, 'db-snapshot', {
        apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'nextcloud-db-before-31', namespace: 'nextcloud' },
        spec: { volumeSnapshotClassName: 'ceph-block-snapshots', source: { persistentVolumeClaimName: 'data-nextcloud-db-0' }, ...changes.snapshot },
      });
    }
  }
  new Main(scope);
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => shownFindings(synthOf(changes).findings);

describe('a Ceph lab on three RKE2 mini PCs, written from the README', () => {
  const obvious = synthOf();
  expectObviousLabClean(() => obvious);

  test.each<[string, Changes]>([
    ["a node's NVMe replaced, named by its id", { nvmeReplaced: true }],
    ['the pools on two replicas while a node is away', { nodeAway: true }],
    ['Gitea moved from CephFS to RBD', { giteaOnRbd: true }],
  ])('day two: %s synthesizes with no finding', (_, changes) => {
    expect(shown(changes)).toEqual([]);
  });
});


const dbPassword = SecretReference.external('nextcloud', 'nextcloud-db', 'password');
const nextcloudEnv = (more: Record<string, unknown>) => ({
  POSTGRES_HOST: 'nextcloud-db', POSTGRES_DB: 'nextcloud', POSTGRES_USER: 'nextcloud', POSTGRES_PASSWORD: dbPassword,
  NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.lab.example.com', OVERWRITEPROTOCOL: 'http', NEXTCLOUD_DATA_DIR: '/var/www/data', ...more,
});
const minio = (config: Record<string, unknown>) => ({ backupLocation: { config: { region: 'minio', s3ForcePathStyle: 'true', s3Url: 'http://192.168.10.5:9000', ...config } } });
const nightly = (template: Record<string, unknown>) => ({ schedule: { template: { includedNamespaces: ['nextcloud', 'gitea', 'grafana'], ttl: '720h', defaultVolumesToFsBackup: true, ...template } } });

const MISTAKES: Array<[string, Changes, string[]]> = [
  ["Ceph's image on the latest tag", { cephCluster: { cephVersion: { image: 'quay.io/ceph/ceph:latest' } } }, [
    'error main/ceph-cluster spec.cephVersion.image: image "quay.io/ceph/ceph:latest" uses the moving tag "latest", which the registry points at each new build: the operator moves every instance it runs onto each new build of it | pin a version tag (e.g. :1.2.3) or a digest (@sha256:...), or state why it follows the moving tag in the CephCluster\'s annotation security.homelab.dev/floating-image: \'…\'',
  ]],
  ['five monitors, as Ceph recommends for a production cluster', { cephCluster: { mon: { count: 5 } } }, [
    'error main/ceph-cluster spec.mon.count: 5 monitors, each on a node of its own, and the cluster has 3 hosts (mini-1, mini-2, mini-3): the rest stay Pending, and the monitors never reach the quorum they were given | run an odd number the hosts hold, mon: { count: 3 }, or add hosts',
  ]],
  ["day two: the replaced NVMe's node named by its address", { nvmeReplaced: true, cephCluster: { storage: { useAllNodes: false, useAllDevices: false, nodes: [
    { name: 'mini-1', devices: [{ name: 'nvme0n1' }] }, { name: '192.168.10.12', devices: [{ name: '/dev/disk/by-id/nvme-Samsung_SSD_990_PRO_2TB_S7DNNJ0X123456' }] }, { name: 'mini-3', devices: [{ name: 'nvme0n1' }] },
  ] } } }, [
    'error main/ceph-cluster spec.storage.nodes[1].name: "192.168.10.12" is no node of cluster "main" (its nodes are mini-1, mini-2, mini-3): Rook matches it against each node\'s kubernetes.io/hostname label, so no OSD starts for it and its disks stay unused | write the node\'s name: name: \'mini-2\'',
  ]],
  ["the RBD class's clusterID as Ceph names the cluster", { rbdClass: { clusterID: 'ceph' } }, [
    'error main/ceph-block parameters.clusterID: "ceph" is no namespace of a CephCluster (the output has "rook-ceph"): clusterID is the namespace the Rook cluster runs in, and Ceph CSI cannot provision there, so every claim of the class stays Pending | write clusterID: \'rook-ceph\'',
  ]],
  ["the RBD class's pool as Ceph's default pool, rbd", { rbdClass: { pool: 'rbd' } }, [
    'error main/ceph-block parameters.pool: "rbd" is no CephBlockPool of namespace "rook-ceph" (the output has "replicapool"): Ceph CSI cannot provision there, so every claim of the class stays Pending | write pool: \'replicapool\'',
  ]],
  ["the snapshot class's driver as Ceph-CSI's own example writes it", { snapshotClass: { driver: 'rbd.csi.ceph.com' } }, [
    'error main/db-snapshot spec.volumeSnapshotClassName: VolumeSnapshotClass "ceph-block-snapshots" is of driver rbd.csi.ceph.com, while claim "data-nextcloud-db-0" is a volume of rook-ceph.rbd.csi.ceph.com (StorageClass ceph-block): the driver knows no such volume, so the snapshot never becomes ready | give the class the claim\'s driver: driver: \'rook-ceph.rbd.csi.ceph.com\' on VolumeSnapshotClass ceph-block-snapshots, or, if that driver takes no snapshots, back the claim\'s data up with a tool that copies files (restic, kopia)',
  ]],
  ["the database's claim named after the app", { snapshot: { source: { persistentVolumeClaimName: 'nextcloud-db-data' } } }, [
    'error main/db-snapshot spec.source.persistentVolumeClaimName: PersistentVolumeClaim "nextcloud-db-data" does not exist in namespace "nextcloud", the only namespace its controller looks in | StatefulSet nextcloud-db names the claim of each pod data-nextcloud-db-<ordinal>: name the first pod\'s, persistentVolumeClaimName: \'data-nextcloud-db-0\'',
  ]],
  ["the snapshot class named as Rook's example names it", { snapshot: { volumeSnapshotClassName: 'csi-rbdplugin-snapclass' } }, [
    'error main/db-snapshot spec.volumeSnapshotClassName: VolumeSnapshotClass "csi-rbdplugin-snapclass" is made by nothing in cluster "main" (it has ceph-block-snapshots): the snapshot is never taken | name a class of driver rook-ceph.rbd.csi.ceph.com: volumeSnapshotClassName: \'ceph-block-snapshots\'',
  ]],
  ["Velero's MinIO location without path-style buckets", { backupLocation: { config: { region: 'minio', s3Url: 'http://192.168.10.5:9000' } } }, [
    'error main/velero values.configuration.backupStorageLocation[0].config.s3ForcePathStyle: the location\'s S3 server http://192.168.10.5:9000 is asked for bucket "velero" as a host name (<bucket>.<server>), which such a server does not answer, so every backup fails | ask for the bucket by path, as MinIO wants: config: { s3Url, region, s3ForcePathStyle: \'true\' }',
  ]],
  ["Velero's MinIO written as an s3:// address", minio({ s3Url: 's3://192.168.10.5:9000' }), [
    'error main/velero values.configuration.backupStorageLocation[0].config.s3Url: s3Url "s3://192.168.10.5:9000" is an s3:// address, where Velero\'s AWS plugin takes the URL of the S3 server (http:// or https://), so it reaches no server and every backup fails | s3Url: \'https://192.168.10.5:9000\' (http:// for a MinIO without TLS, with its port), and the bucket in its own field',
  ]],
  ["Velero's bucket with the cluster's folder in it", { backupLocation: { bucket: 'velero/ceph-lab' } }, [
    'error main/velero values.configuration.backupStorageLocation[0].bucket: bucket "velero/ceph-lab" holds a folder: Velero takes the bucket\'s name alone, marks the location Unavailable ("must not contain a \'/\'") and every backup to it fails | bucket: \'velero\', prefix: \'ceph-lab\'',
  ]],
  ["Velero's S3 keys written into the chart's values", { veleroValues: { credentials: { secretContents: { cloud: '[default]\naws_access_key_id=velero\naws_secret_access_key=Zk3vQ9pL2xW8rT5y' } } } }, [
    'error main/velero values.credentials.secretContents.cloud: the text sets aws_secret_access_key on line 3; a secret would be committed in the clear | keep the value in a SealedSecret, a SopsSecret or an ExternalSecret and give the chart its name: most charts read one through a value such as existingSecret or *.secretName (see the chart\'s values.yaml)',
  ]],
  ['a backup kept 30d', nightly({ ttl: '30d' }), [
    'error main/nightly-backup spec.template.ttl: ttl "30d" is no Go duration: Velero cannot read the object, so it makes no backup and deletes none | write it in hours, minutes and seconds: ttl: \'720h\'',
  ]],
  ["Nextcloud's namespace spelt as its docs' compose project", nightly({ includedNamespaces: ['next-cloud', 'gitea', 'grafana'] }), [
    'error main/nightly-backup spec.template.includedNamespaces[0]: namespace "next-cloud" is not one of cluster "main", so Velero backs up nothing of it, without a word | did you mean includedNamespaces: [\'nextcloud\']?',
  ]],
  ["Nextcloud's shared data on the RBD tier", { apps: { nextcloud: { persistence: {
    html: { volume: AppVolume.claim({ tier: 'block', size: '5Gi' }), mountPath: '/var/www/html' },
    data: { volume: AppVolume.claim({ tier: 'block', size: '200Gi', accessMode: 'ReadWriteMany' }), mountPath: '/var/www/data' },
    apache2: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
  } } } }, [
    'error main/nextcloud persistence.data.volume.claim.accessMode: storage tier "block" does not support ReadWriteMany | the tier supports: ReadWriteOnce; if StorageClass ceph-block serves ReadWriteMany, as Longhorn\'s and CephFS\' do, list it: existingStorageClass(\'ceph-block\', [\'ReadWriteOnce\', \'ReadWriteMany\'])',
  ]],
  ["the database's host copied from the compose file", { apps: { nextcloud: { env: nextcloudEnv({ POSTGRES_HOST: 'db:5432' }) } } }, [
    'warning main/nextcloud env.POSTGRES_HOST: env POSTGRES_HOST calls Service db.nextcloud, which nothing in namespace "nextcloud" makes: the app\'s connections would find no such host (at spec.template.spec.containers[0].env[4] of Deployment nextcloud/nextcloud) | deploy it in namespace "nextcloud" (an app db there), or call a Service that is: the Services of namespace "nextcloud" are nextcloud-db, nextcloud-db-headless, nextcloud; a machine outside the cluster is named in full (db.lan)',
  ]],
  ['the trusted domain written as a URL', { apps: { nextcloud: { env: nextcloudEnv({ NEXTCLOUD_TRUSTED_DOMAINS: 'https://cloud.lab.example.com' }) } } }, [
    'error main/nextcloud env.NEXTCLOUD_TRUSTED_DOMAINS: NEXTCLOUD_TRUSTED_DOMAINS "https://cloud.lab.example.com" leaves out cloud.lab.example.com, which the app\'s route serves: it answers every request at any other host with "Access through untrusted domain" | list the route\'s host, as the browser sends it: NEXTCLOUD_TRUSTED_DOMAINS: \'cloud.lab.example.com\'',
  ]],
  ["Gitea's SSH port as its docs' compose file maps it", { apps: { gitea: { ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 22 }] } } }, [
    'error main/gitea ports[1].port: image "gitea/gitea:1.22.6-rootless" Gitea\'s rootless image runs its built-in SSH server, which listens on port 2222; the container declares SSH on 22, where nothing listens: clones and pushes over SSH through its Service would reach nothing (its image without -rootless starts as root and runs OpenSSH on 22) | declare the port it listens on, the Service keeping 22 for clients: { name: \'ssh\', port: 2222, servicePort: 22 }',
  ]],
  ["Grafana's root URL left at its docs' localhost", { apps: { grafana: { env: { GF_SERVER_ROOT_URL: 'http://localhost:3000/', GF_SECURITY_ADMIN_PASSWORD: SecretReference.external('grafana', 'grafana-admin', 'password') } } } }, [
    'error main/grafana env.GF_SERVER_ROOT_URL: Grafana is told it is reached at http://localhost:3000/, on host localhost, which no route of this app serves (grafana.lab.example.com): it sends the browser there after a login, and gives that host in the redirect URI of its OAuth sign-in, which the issuer then refuses | write the URL of the app\'s own route host: GF_SERVER_ROOT_URL: \'http://grafana.lab.example.com/\'',
  ]],
  ["Grafana's claim sized in docker's units", { apps: { grafana: { persistence: { data: { volume: AppVolume.claim({ tier: 'block', size: '5GB' }), mountPath: '/var/lib/grafana' } } } } }, [
    'error main/grafana persistence.data.volume.claim.size: "5GB" is not a size | write \'5Gi\': docker\'s 5GB is 5Gi here (Kubernetes\' units are Ki, Mi, Gi, Ti, or k, M, G, T)',
  ]],
  ["RKE2's own ingress-nginx declared beside the cluster's", { rke2: { provides: { ingressClasses: ['nginx'] } } }, [
    'error main preinstalled[0].provides.ingressClasses[0]: IngressClass "nginx" is declared preinstalled by rke2, and platform component ingress-nginx of the cluster makes one of that name too: Helm does not take over an object its release did not make, so the install fails, and two controllers would claim what the object names | keep the cluster\'s: component ingress-nginx serves the cluster\'s routes, and no route flavor serves them with the distribution\'s own controller, so switch the distribution\'s own off (RKE2: the disable list of /etc/rancher/rke2/config.yaml, e.g. disable: [rke2-ingress-nginx]) and drop it from this declaration',
  ]],
];

describe('the mistakes a newcomer makes in it', () => {
  test.each(MISTAKES)('%s', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});
