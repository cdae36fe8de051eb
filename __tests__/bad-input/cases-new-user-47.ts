import { ApiObject, App as CdkApp } from 'cdk8s';
import { declareExternal, existingStorageClass, host, SealedSecret, site, traefik } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { operatorObject } from './cases-new-user-38';
import { guarded, labApp, labCluster } from './lab';

// A new user's month, from the README alone, on a lab of three used micro PCs with one SSD each and a NAS with MinIO,
// whose databases are CloudNativePG's, whose volumes are Longhorn's and whose backups are Velero's. Most of its
// mistakes were refused already (earlier rounds); these passed: each was taken by the API server and left a database
// that never bootstrapped or was never backed up, a restore that restored nothing, or a game no player reached.

const pc1 = host('nu47-pc1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.47.0.11', memoryGigabytes: 16, zfsPools: { ssd: { media: 'ssd' } } });
const pc2 = host('nu47-pc2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.47.0.12', memoryGigabytes: 16 });
const pc3 = host('nu47-pc3', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.47.0.13', memoryGigabytes: 16 });
/** The lab's site; its NAS serves MinIO at 10.47.0.5:9000. */
export const lab47 = site('nu47-optiplex', {
  domain: 'optiplex.test', hosts: [pc1, pc2, pc3], pools: { vips: { first: '10.47.8.10', last: '10.47.8.20' } }, git: { url: 'https://git.optiplex.test/lab.git' },
});

/** The operators the owner installed by hand, each with the kinds it defines. */
const OPERATORS = [
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [{ group: 'longhorn.io', kinds: ['RecurringJob'] }] },
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup'] }] },
  { source: 'velero', namespaces: ['velero'], crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup', 'Restore', 'BackupStorageLocation'] }] },
];

/** Builds `build` into the lab's cluster `micro`, with tiers `longhorn` (Longhorn's class) and `ssd` (pc1's pool). */
export const micro = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'micro', {
    site: lab47, hosts: [pc1, pc2, pc3], routes: traefik({ nodePorts: true }), loadBalancer: undefined,
    storage: { longhorn: existingStorageClass('longhorn'), ssd: pc1.zfs.ssd }, preinstalled: OPERATORS,
  });
  build(c);
});

const SEALED = `Ag${'B'.repeat(720)}==`;
/** A SealedSecret `name` of namespace `ns` with `keys`. */
const sealed = (c: ClusterChart, ns: string, name: string, keys: string[]) =>
  new SealedSecret(c, `${ns}-${name}`, { namespace: ns, name, encryptedData: Object.fromEntries(keys.map((k) => [k, SEALED])) });

/** Immich's CloudNativePG Cluster `immich-pg` in namespace `immich` on Longhorn; `spec` adds to its spec. */
const immichPg = (c: ClusterChart, spec: Record<string, unknown> = {}) =>
  operatorObject(c, 'immich-pg', 'immich', 'postgresql.cnpg.io/v1', 'Cluster', { instances: 1, storage: { size: '10Gi', storageClass: 'longhorn' }, ...spec });

const MINIO_KEYS = { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } };
/** Immich's Cluster backed up with `store` as its barmanObjectStore, its MinIO keys a Secret of its namespace. */
const backedUp = (store: Record<string, unknown>) => micro((c) => {
  declareExternal(c, { secrets: [{ namespace: 'immich', name: 'minio' }] });
  immichPg(c, { backup: { barmanObjectStore: { s3Credentials: MINIO_KEYS, ...store } } });
});

/** Velero's BackupStorageLocation `default` at MinIO with `config`. */
const location = (config: Record<string, unknown>) => micro((c) => {
  declareExternal(c, { secrets: [{ namespace: 'velero', name: 'minio' }] });
  operatorObject(c, 'default', 'velero', 'velero.io/v1', 'BackupStorageLocation', {
    provider: 'aws', objectStorage: { bucket: 'velero' }, credential: { name: 'minio', key: 'cloud' }, config,
  });
});

/** A Velero Restore `restore-immich` in namespace `ns` with `spec`; the cluster keeps Immich's app in `immich`. */
const restore = (spec: Record<string, unknown>, ns = 'velero') => micro((c) => {
  labApp('immich', { namespace: 'immich' })(c);
  operatorObject(c, 'restore-immich', ns, 'velero.io/v1', 'Restore', spec);
});

export const CASES: BadInput[] = [
  // CloudNativePG's bootstrap and roles: their Secrets are basic-auth Secrets, read by key.
  {
    name: "a CloudNativePG bootstrap Secret whose user is under key user, not username",
    build: micro((c) => {
      sealed(c, 'immich', 'immich-db', ['user', 'password']);
      immichPg(c, { bootstrap: { initdb: { database: 'immich', owner: 'immich', secret: { name: 'immich-db' } } } });
    }),
    layer: 'references', path: 'immich-pg', field: 'spec.bootstrap.initdb.secret (key username)', hint: /user/,
  },
  {
    name: 'a CloudNativePG bootstrap Secret that nothing makes',
    build: micro((c) => immichPg(c, { bootstrap: { initdb: { database: 'immich', owner: 'immich', secret: { name: 'immich-app' } } } })),
    layer: 'references', path: 'immich-pg', field: 'spec.bootstrap.initdb.secret.name',
  },
  {
    name: 'a CloudNativePG managed role whose password Secret has no key password',
    build: micro((c) => {
      sealed(c, 'immich', 'grafana-role', ['username', 'pass']);
      immichPg(c, { managed: { roles: [{ name: 'grafana', login: true, passwordSecret: { name: 'grafana-role' } }] } });
    }),
    layer: 'references', path: 'immich-pg', field: 'spec.managed.roles[0].passwordSecret (key password)',
  },
  {
    name: 'a CloudNativePG superuser Secret made in the namespace of another database',
    build: micro((c) => {
      sealed(c, 'gitea', 'postgres-superuser', ['username', 'password']);
      immichPg(c, { enableSuperuserAccess: true, superuserSecret: { name: 'postgres-superuser' } });
    }),
    layer: 'references', path: 'immich-pg', field: 'spec.superuserSecret.name', hint: /namespace "immich"/,
  },
  // Backups to MinIO.
  {
    name: "a CloudNativePG backup whose destinationPath is MinIO's URL",
    build: backedUp({ destinationPath: 'http://10.47.0.5:9000/cnpg/immich' }),
    layer: 'schema', path: 'immich-pg', field: 'spec.backup.barmanObjectStore.destinationPath', hint: /s3:\/\/cnpg\/immich', endpointURL: 'http:\/\/10\.47\.0\.5:9000'/,
  },
  {
    name: 'a Velero storage location at MinIO without path-style bucket addresses',
    build: location({ region: 'minio', s3Url: 'http://10.47.0.5:9000' }),
    layer: 'schema', path: 'default', field: 'spec.config.s3ForcePathStyle', hint: /s3ForcePathStyle: 'true'/,
  },
  {
    name: 'a Velero storage location with s3ForcePathStyle as a boolean',
    build: location({ region: 'minio', s3Url: 'http://10.47.0.5:9000', s3ForcePathStyle: true }),
    layer: 'schema', path: 'default', field: 'spec.config.s3ForcePathStyle', hint: /'true'/,
  },
  // Restoring a namespace after losing a node.
  {
    name: 'a Velero Restore that names no backup',
    build: restore({ includedNamespaces: ['immich'], namespaceMapping: { immich: 'immich-restore' } }),
    layer: 'schema', path: 'restore-immich', field: 'spec.backupName', hint: /scheduleName/,
  },
  {
    name: 'a Velero Restore that names a backup and a schedule',
    build: restore({ backupName: 'daily-20261201020000', scheduleName: 'daily', includedNamespaces: ['immich'], namespaceMapping: { immich: 'immich-restore' } }),
    layer: 'schema', path: 'restore-immich', field: 'spec.scheduleName',
  },
  {
    name: 'a Velero Restore written in the namespace it restores',
    build: restore({ backupName: 'daily-20261201020000', includedNamespaces: ['immich'], namespaceMapping: { immich: 'immich-restore' } }, 'immich'),
    layer: 'references', path: 'restore-immich', field: 'metadata.namespace', hint: /namespace: 'velero'/,
  },
  {
    name: 'a Velero Restore into a namespace the repository still keeps',
    build: restore({ backupName: 'daily-20261201020000', includedNamespaces: ['immich'] }),
    layer: 'references', path: 'restore-immich', field: 'spec.includedNamespaces[0]', hint: /namespaceMapping: \{ 'immich': 'immich-restore' \}/,
  },
  {
    name: "external-dns' hostname annotation on Uptime Kuma's ClusterIP Service",
    build: micro((c) => {
      labApp('uptime-kuma', { namespace: 'uptime-kuma' })(c);
      new ApiObject(c, 'status', {
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'status', namespace: 'uptime-kuma', annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'status.optiplex.test' } },
        spec: { selector: { 'app.kubernetes.io/name': 'uptime-kuma' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      });
    }),
    layer: 'references', path: 'status', field: 'metadata.annotations.external-dns.alpha.kubernetes.io/hostname', hint: /LoadBalancer/,
  },
  // Scheduling and ports.
  {
    name: 'a Longhorn StorageClass of four replicas on three PCs',
    build: micro((c) => new ApiObject(c, 'longhorn-4', {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'longhorn-4' }, provisioner: 'driver.longhorn.io', parameters: { numberOfReplicas: '4' },
    })),
    layer: 'inventory', path: 'longhorn-4', field: 'parameters.numberOfReplicas', hint: /numberOfReplicas: '3'/,
  },
  {
    name: "a CloudNativePG Cluster of two instances, required apart, on one PC's ZFS pool",
    build: micro((c) => immichPg(c, { instances: 2, affinity: { podAntiAffinityType: 'required' }, storage: { size: '10Gi', storageClass: 'zfs-ssd' } })),
    layer: 'references', path: 'immich-pg', field: 'spec.instances', hint: /longhorn/,
  },
  {
    name: "a Valheim server's game port left at TCP",
    build: micro(labApp('valheim', { namespace: 'games', image: 'lloesche/valheim-server:v0.7.1', ports: [{ name: 'game', port: 2456 }] })),
    layer: 'props', path: 'valheim', field: 'ports[0].protocol', hint: /protocol: 'UDP'/,
  },
];
