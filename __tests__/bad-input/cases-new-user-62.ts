import { ApiObject, App as CdkApp } from 'cdk8s';
import { App, AppController, AppVolume, declareExternal, host, localPathStorage, SecretReference, site, traefik } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A new user's lab of stateful software, from the README alone: a MongoDB replica set and apps that reach it by its
// pods' names, MinIO on four pods, OpenSearch and Elasticsearch, PostgreSQL, InfluxDB and NATS JetStream on claims,
// and CloudNativePG with a pooler and a restore. Each mistake passed synthesis and then never started, never formed
// its cluster, never found a peer, or kept its data where a restart lost it.

/** An App of the lab's cluster with `props`. */
const app = (id: string, props: Partial<AppProps>) => (cluster: ClusterChart) => new App(cluster, id, props as AppProps);

/** A claim of the lab's node-local tier. */
const claim = (size = '10Gi') => AppVolume.claim({ tier: 'local', size });

/** MongoDB as a replica set of three pods in namespace `db`, open to namespace `web`; `props` replace. */
export const mongoProps = (props: Partial<AppProps> = {}): Partial<AppProps> => ({
  namespace: 'db', image: 'mongo:7.0.14', controller: AppController.statefulSet({ podManagementPolicy: 'Parallel' }), replicas: 3,
  ports: [{ name: 'mongo', port: 27017 }], args: ['--replSet', 'rs0', '--bind_ip_all'], runAsUser: 999, runAsGroup: 999,
  persistence: { data: { volume: claim(), mountPath: '/data/db' } },
  probes: { readiness: { command: ['mongosh', '--quiet', '--eval', 'db.adminCommand("ping")'] } },
  resources: { memoryLimit: '2Gi' }, allowFrom: [{ namespace: 'web' }],
  ...props,
});

/** A web app of namespace `web` whose env is `env`. */
const webApp = (env: Record<string, string>) => app('web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env });

/** The replica set, and the web app calling it at `url`. */
const mongoAndWeb = (url: string, props: Partial<AppProps> = {}) => guarded((cluster: ClusterChart) => {
  app('mongo', mongoProps(props))(cluster);
  webApp({ MONGO_URL: url })(cluster);
});

/** The seed list of the replica set's pods `ordinals`, under Service `service`. */
const seeds = (ordinals: number[], service = 'mongo-headless') =>
  `mongodb://${ordinals.map((i) => `mongo-${i}.${service}.db.svc.cluster.local:27017`).join(',')}/app?replicaSet=rs0`;

/** MinIO on four pods, each with a claim, started with `drives`. */
export const minioProps = (drives: string): Partial<AppProps> => ({
  namespace: 'minio', image: 'quay.io/minio/minio:RELEASE.2024-11-07T00-52-20Z', replicas: 4,
  controller: AppController.statefulSet({ podManagementPolicy: 'Parallel' }), ports: [{ name: 'api', port: 9000 }],
  args: ['server', drives], persistence: { data: { volume: claim(), mountPath: '/data' } },
});

/** OpenSearch on three pods of a StatefulSet, its settings `env` added. */
export const openSearchProps = (env: Record<string, string>, props: Partial<AppProps> = {}): Partial<AppProps> => ({
  namespace: 'search', image: 'opensearchproject/opensearch:2.17.1', replicas: 3,
  controller: AppController.statefulSet({ podManagementPolicy: 'Parallel' }), ports: [{ name: 'http', port: 9200 }, { name: 'transport', port: 9300 }],
  env: { 'cluster.name': 'lab', DISABLE_SECURITY_PLUGIN: 'true', OPENSEARCH_JAVA_OPTS: '-Xms1g -Xmx1g', ...env }, resources: { memoryLimit: '2Gi' },
  persistence: { data: { volume: claim(), mountPath: '/usr/share/opensearch/data' } },
  ...props,
});

/** The settings of an OpenSearch cluster formed by its three pods. */
export const OPENSEARCH_CLUSTER = { 'discovery.seed_hosts': 'opensearch-headless', 'cluster.initial_cluster_manager_nodes': 'opensearch-0,opensearch-1,opensearch-2' };

/** PostgreSQL's official image `image` as a StatefulSet whose claim is mounted at `mountPath`. */
export const postgresProps = (image: string, mountPath: string, env: Record<string, string> = {}): Partial<AppProps> => ({
  namespace: 'db', image, controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, runAsGroup: 999,
  env: { POSTGRES_PASSWORD_FILE: '/run/secrets/postgres/password', ...env },
  persistence: { data: { volume: claim(), mountPath }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  probes: { readiness: { command: ['pg_isready', '-U', 'postgres'] } },
});

/** NATS with JetStream on three pods, started with `args`. */
export const natsProps = (args: string[], props: Partial<AppProps> = {}): Partial<AppProps> => ({
  namespace: 'nats', image: 'nats:2.10.22-alpine', replicas: 3, controller: AppController.statefulSet({ podManagementPolicy: 'Parallel' }),
  ports: [{ name: 'client', port: 4222 }, { name: 'cluster', port: 6222 }, { name: 'monitor', port: 8222 }],
  args: ['--jetstream', '--store_dir=/data', ...args, '--cluster_name=lab', '--cluster=nats://0.0.0.0:6222',
    '--routes=nats://nats-0.nats-headless:6222,nats://nats-1.nats-headless:6222,nats://nats-2.nats-headless:6222'],
  persistence: { data: { volume: claim('5Gi'), mountPath: '/data' } }, probes: { readiness: { httpPath: '/healthz', port: 8222 } },
  ...props,
});

/** A site of its own for the databases' cluster, which shares no host with the corpus' cluster `main`. */
const pc1 = host('nu62-pc1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.62.0.11' });
const pc2 = host('nu62-pc2', { arch: 'amd64', roles: ['worker'], address: '10.62.0.12' });
const databases = site('nu62-databases', { domain: 'databases.test', hosts: [pc1, pc2], git: { url: 'https://git.databases.test/lab.git' } });

/** Sentinel's configuration, monitoring the primary by its pod's name, with `extra` lines. */
export const sentinelConf = (extra = '') =>
  `port 26379\nsentinel monitor mymaster redis-0.redis-headless.cache.svc.cluster.local 6379 2\n${extra}sentinel down-after-milliseconds mymaster 5000\n`;

/** Valkey's Sentinel on three pods, its configuration `conf` a ConfigMap mounted at /config, started by `command`. */
export const sentinel = (conf: string, command: string[]) => (c: ClusterChart) => {
  c.namespaces.ensure('cache');
  new ApiObject(c, 'sentinel-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sentinel-config', namespace: 'cache' }, data: { 'sentinel.conf': conf } });
  app('sentinel', {
    namespace: 'cache', image: 'valkey/valkey:8.0.1', replicas: 3, controller: AppController.statefulSet(), ports: [{ name: 'sentinel', port: 26379 }], command,
    persistence: { config: { volume: AppVolume.configMap('sentinel-config'), mountPath: '/config' }, data: { volume: claim('1Gi'), mountPath: '/data' } },
    probes: { readiness: { command: ['valkey-cli', '-p', '26379', 'ping'] } },
  })(c);
};

/** Builds `build` into cluster `pg` of a site of its own, which runs CloudNativePG and the MariaDB operator, with MinIO's keys a Secret of namespace `db`. */
export const withCloudNativePg = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, cdk: CdkApp) => {
  const c = labCluster(cdk, 'pg', {
    site: databases, hosts: [pc1, pc2], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: { local: localPathStorage() },
    preinstalled: [
      { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'Pooler', 'ScheduledBackup', 'Backup'] }] },
      { source: 'mariadb-operator', crds: [{ group: 'k8s.mariadb.com', kinds: ['MariaDB', 'Database', 'User', 'Grant'] }] },
    ],
  });
  c.namespaces.ensure('db');
  declareExternal(c, { secrets: [{ namespace: 'db', name: 'minio' }] });
  build(c);
});

/** A CloudNativePG object `name` of `kind` in namespace `db`. */
export const cnpg = (c: ClusterChart, name: string, kind: string, spec: Record<string, unknown>) =>
  new ApiObject(c, name, { apiVersion: 'postgresql.cnpg.io/v1', kind, metadata: { name, namespace: 'db' }, spec });

/** The MinIO bucket CloudNativePG backs up to. */
export const STORE = {
  destinationPath: 's3://cnpg/', endpointURL: 'http://minio.minio.svc.cluster.local:9000',
  s3Credentials: { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } },
};

/** The spec of Cluster `pg` made anew from its own backups in the bucket, its own backups going there too with `own` added. */
export const restoredPgSpec = (own: Record<string, unknown>) => ({
  instances: 1, storage: { size: '20Gi', storageClass: 'local-path' },
  bootstrap: { recovery: { source: 'pg' } }, externalClusters: [{ name: 'pg', barmanObjectStore: STORE }],
  backup: { barmanObjectStore: { ...STORE, ...own } },
});

export const CASES: BadInput[] = [
  {
    name: "a MongoDB seed list naming a fourth pod of a replica set of three", build: mongoAndWeb(seeds([1, 2, 3])),
    layer: 'references', path: 'web', field: 'env.MONGO_URL', message: /mongo-3, which StatefulSet mongo does not run/,
  },
  {
    name: "a MongoDB seed list naming the pods under the app's Service rather than its headless one", build: mongoAndWeb(seeds([0, 1, 2], 'mongo')),
    layer: 'references', path: 'web', field: 'env.MONGO_URL', hint: /mongo-0\.mongo-headless\.db/,
  },
  {
    name: 'a MongoDB seed list from an app the replica set does not admit', build: mongoAndWeb(seeds([0, 1, 2]), { allowFrom: [] }),
    layer: 'policy', path: 'web', field: 'env.MONGO_URL',
  },
  {
    name: 'a mongodb+srv URL of the replica set whose Service port is not named mongodb',
    build: mongoAndWeb('mongodb+srv://mongo-headless.db.svc.cluster.local/app?replicaSet=rs0&tls=false'),
    layer: 'references', path: 'web', field: 'env.MONGO_URL', message: /_mongodb\._tcp\.mongo-headless\.db\.svc\.cluster\.local/,
  },
  {
    name: 'a mongodb+srv URL of a replica set without TLS, its tls=false left out',
    build: mongoAndWeb('mongodb+srv://mongo-headless.db.svc.cluster.local/app?replicaSet=rs0', { ports: [{ name: 'mongodb', port: 27017 }] }),
    layer: 'references', path: 'web', field: 'env.MONGO_URL', hint: /replicaSet=rs0&tls=false/,
  },
  {
    name: "a mongodb+srv URL naming the replica set's Service by its short name",
    build: mongoAndWeb('mongodb+srv://mongo-headless.db/app?replicaSet=rs0&tls=false', { ports: [{ name: 'mongodb', port: 27017 }] }),
    layer: 'references', path: 'web', field: 'env.MONGO_URL', hint: /mongodb\+srv:\/\/mongo-headless\.db\.svc\.cluster\.local\//,
  },
  {
    name: "Sentinel started on its ConfigMap's read-only file",
    build: guarded(sentinel(sentinelConf('sentinel resolve-hostnames yes\n'), ['valkey-sentinel', '/config/sentinel.conf'])),
    layer: 'references', path: 'sentinel', field: 'command[1]', hint: /cp \/config\/sentinel\.conf/,
  },
  {
    name: "Sentinel monitoring the primary by its pod's name without resolve-hostnames",
    build: guarded(sentinel(sentinelConf(), ['sh', '-c', 'cp /config/sentinel.conf /data/sentinel.conf && exec valkey-sentinel /data/sentinel.conf'])),
    layer: 'references', path: 'sentinel-config', field: 'data.sentinel.conf', hint: /sentinel resolve-hostnames yes/,
  },
  {
    name: "MinIO's drives written with a shell's two-dot range", build: guarded(app('minio', minioProps('http://minio-{0..3}.minio-headless.minio.svc.cluster.local/data'))),
    layer: 'references', path: 'minio', field: 'args[1]', hint: /minio-\{0\.\.\.3\}/,
  },
  {
    name: "MinIO's drives numbered from 1 on a StatefulSet that numbers its pods from 0", build: guarded(app('minio', minioProps('http://minio-{1...4}.minio-headless.minio.svc.cluster.local/data'))),
    layer: 'references', path: 'minio', field: 'args[1]', hint: /minio-\{0\.\.\.3\}/,
  },
  {
    name: "PostgreSQL 18's claim mounted at the data folder of earlier releases", build: guarded(app('postgres', postgresProps('postgres:18.1', '/var/lib/postgresql/data'))),
    layer: 'props', path: 'postgres', field: 'persistence.data.mountPath', hint: /\/var\/lib\/postgresql \(/,
  },
  {
    name: "MongoDB's claim mounted where a distribution's package keeps its data", build: guarded(app('mongo', mongoProps({ persistence: { data: { volume: claim(), mountPath: '/var/lib/mongodb' } }, allowFrom: [] }))),
    layer: 'props', path: 'mongo', field: 'persistence.data.mountPath', hint: /\/data\/db/,
  },
  {
    name: "InfluxDB 2's claim mounted at InfluxDB 1's data folder",
    build: guarded(app('influxdb', {
      namespace: 'metrics', image: 'influxdb:2.7.10', controller: AppController.statefulSet(), ports: [{ name: 'http', port: 8086 }],
      persistence: { data: { volume: claim(), mountPath: '/var/lib/influxdb' } }, probes: { readiness: { httpPath: '/health' } },
    })),
    layer: 'props', path: 'influxdb', field: 'persistence.data.mountPath', hint: /\/var\/lib\/influxdb2/,
  },
  {
    name: 'OpenSearch told to lock its memory, as its compose file does', build: guarded(app('opensearch', openSearchProps({ ...OPENSEARCH_CLUSTER, 'bootstrap.memory_lock': 'true' }))),
    layer: 'props', path: 'opensearch', field: 'env.bootstrap.memory_lock',
  },
  {
    name: 'Elasticsearch as single-node discovery on three replicas',
    build: guarded(app('es', {
      namespace: 'search', image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.3', replicas: 3, controller: AppController.statefulSet(),
      ports: [{ name: 'http', port: 9200 }, { name: 'transport', port: 9300 }], env: { 'discovery.type': 'single-node', 'xpack.security.enabled': 'false', ES_JAVA_OPTS: '-Xms1g -Xmx1g' },
      resources: { memoryLimit: '2Gi' }, persistence: { data: { volume: claim(), mountPath: '/usr/share/elasticsearch/data' } },
    })),
    layer: 'props', path: 'es', field: 'replicas', hint: /discovery\.seed_hosts to 'es-headless'/,
  },
  {
    name: "OpenSearch's first cluster managers named as a compose file's services",
    build: guarded(app('opensearch', openSearchProps({ 'discovery.seed_hosts': 'opensearch-headless', 'cluster.initial_cluster_manager_nodes': 'opensearch-node1,opensearch-node2' }))),
    layer: 'props', path: 'opensearch', field: 'env.cluster.initial_cluster_manager_nodes', hint: /'opensearch-0,opensearch-1,opensearch-2'/,
  },
  {
    name: 'a MongoDB replica set with a root user and no key file',
    build: guarded((cluster: ClusterChart) => {
      app('mongo', mongoProps({ env: { MONGO_INITDB_ROOT_USERNAME: 'root', MONGO_INITDB_ROOT_PASSWORD: SecretReference.external('db', 'mongo-root', 'password') } }))(cluster);
      webApp({})(cluster);
    }),
    layer: 'props', path: 'mongo', field: 'args[0]', message: /security\.keyFile is required/,
  },
  {
    name: 'NATS JetStream clustered without server names', build: guarded(app('nats', natsProps([]))),
    layer: 'props', path: 'nats', field: 'args[0]', hint: /--server_name=\$\(POD_NAME\)/,
  },
  {
    name: 'a CloudNativePG Pooler naming its Cluster by the database it serves',
    build: withCloudNativePg((c) => {
      cnpg(c, 'pg', 'Cluster', { instances: 1, storage: { size: '20Gi', storageClass: 'local-path' } });
      cnpg(c, 'pg-pooler-rw', 'Pooler', { cluster: { name: 'postgres' }, instances: 2, type: 'rw', pgbouncer: { poolMode: 'session' } });
    }),
    layer: 'references', path: 'pg-pooler-rw', field: 'spec.cluster.name', message: /PgBouncer/,
  },
  {
    name: "a MariaDB operator's User naming its MariaDB by the app's name",
    build: withCloudNativePg((c) => {
      declareExternal(c, { secrets: [{ namespace: 'db', name: 'mariadb-root' }, { namespace: 'db', name: 'nextcloud-db' }] });
      new ApiObject(c, 'mariadb', { apiVersion: 'k8s.mariadb.com/v1alpha1', kind: 'MariaDB', metadata: { name: 'mariadb', namespace: 'db' }, spec: { rootPasswordSecretKeyRef: { name: 'mariadb-root', key: 'password' }, storage: { size: '10Gi', storageClassName: 'local-path' } } });
      new ApiObject(c, 'nextcloud-user', { apiVersion: 'k8s.mariadb.com/v1alpha1', kind: 'User', metadata: { name: 'nextcloud', namespace: 'db' }, spec: { mariaDbRef: { name: 'nextcloud-mariadb' }, passwordSecretKeyRef: { name: 'nextcloud-db', key: 'password' } } });
    }),
    layer: 'references', path: 'nextcloud-user', field: 'spec.mariaDbRef.name', hint: /name a MariaDB of namespace db \(it has mariadb\)/,
  },
  {
    name: 'a read-only CloudNativePG Pooler in front of a Cluster of one instance',
    build: withCloudNativePg((c) => {
      cnpg(c, 'pg', 'Cluster', { instances: 1, storage: { size: '20Gi', storageClass: 'local-path' } });
      cnpg(c, 'pg-pooler-ro', 'Pooler', { cluster: { name: 'pg' }, instances: 1, type: 'ro', pgbouncer: { poolMode: 'session' } });
    }),
    layer: 'references', path: 'pg-pooler-ro', field: 'spec.type', hint: /type: rw/,
  },
  {
    name: 'a CloudNativePG Cluster restored from its own backups and archiving into them again', build: withCloudNativePg((c) => cnpg(c, 'pg', 'Cluster', restoredPgSpec({}))),
    layer: 'references', path: 'pg', field: 'spec.backup.barmanObjectStore.serverName', hint: /serverName: 'pg-restored'/,
  },
];
