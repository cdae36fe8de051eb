import { ApiObject, App as CdkApp } from 'cdk8s';
import { AppController, AppVolume, HomelabApp, localPathStorage, nfsStorage, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, guarded, lab, labApp, labCluster, podWithContainer, raw } from './lab';

// The databases and caches behind a home lab's apps: PostgreSQL, MariaDB and Redis run as apps, with the
// apps that call them by the addresses in their env, and the init scripts a database image runs at its
// first start.

/** PostgreSQL as a StatefulSet in namespace `db`, its password from a Secret; `props` override. */
const postgres = (cluster: ClusterChart, props: Record<string, unknown> = {}) => new HomelabApp(cluster, 'postgres', {
  namespace: 'db', image: 'postgres:16.4', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'postgres', port: 5432 }],
  controller: AppController.statefulSet(),
  env: { POSTGRES_PASSWORD: SecretReference.external('db', 'postgres-auth', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
    run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
  },
  ...props,
});

/** Redis in namespace `db`. */
const redis = (cluster: ClusterChart) => new HomelabApp(cluster, 'redis', { namespace: 'db', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }] });

/** The app `wiki` with `env`, linked to PostgreSQL as its egress, its password from a Secret. */
const wikiCalling = (env: Record<string, string>) => guarded((cluster: ClusterChart) => {
  const db = postgres(cluster);
  labApp('wiki', { env: { ...env, PGPASSWORD: SecretReference.external('wiki', 'wiki-db', 'password') }, egress: [db] })(cluster);
});

/** A ConfigMap `conf` of namespace `db` holding the file `file`. */
const configFile = (file: string, text: string) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('db');
  new ApiObject(cluster, 'conf', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db-conf', namespace: 'db' }, data: { [file]: text } });
});

/** A ConfigMap `pg-init` of namespace `db` with the init script `init.sql`, mounted where the image runs it. */
const initScript = (script: string) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('db');
  new ApiObject(cluster, 'init', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pg-init', namespace: 'db' }, data: { 'init.sql': script } });
  postgres(cluster);
});

/** Builds `build` in a cluster `nas` of the lab whose tier `nas` is the lab's NFS export. */
const withNfsTier = (build: (cluster: ClusterChart) => void) => guarded((_cluster: ClusterChart, app: CdkApp) => {
  build(labCluster(app, 'nas', { storage: { fast: localPathStorage(), nas: nfsStorage(lab.nfs.share) } }));
});

/** A claim of 10Gi on the NFS tier, mounted at `mountPath`. */
const nfsClaim = (mountPath: string) => ({ volume: AppVolume.claim({ tier: 'nas', size: '10Gi' }), mountPath });

/** Adds a CloudNativePG Cluster `postgres` of namespace `db` with `spec` to `cluster`, its CRDs declared preinstalled. */
const cnpgCluster = (cluster: ClusterChart, spec: Record<string, unknown>) => {
  cluster.platform.declarePreinstalled({ source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster'] }] });
  cluster.namespaces.ensure('db');
  new ApiObject(cluster, 'pg', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'postgres', namespace: 'db' }, spec: { instances: 1, ...spec } });
};

const UNSERVED = /which the Service does not serve/;

export const CASES: BadInput[] = [
  // An address whose port the Service does not serve is refused, whatever the policies say.
  {
    name: "an app's DATABASE_URL on port 5433 where PostgreSQL's Service serves 5432",
    build: wikiCalling({ DATABASE_URL: 'postgres://wiki@postgres.db:5433/wiki' }),
    layer: 'references', path: 'wiki', field: 'env.DATABASE_URL', message: UNSERVED, hint: /serves 5432 \(postgres\)/,
  },
  {
    name: "an app's DB_HOST with the container's port written after it",
    build: wikiCalling({ DB_HOST: 'postgres.db:5433' }),
    layer: 'references', path: 'wiki', field: 'env.DB_HOST', message: UNSERVED,
  },
  {
    name: "Immich's REDIS_PORT beside REDIS_HOSTNAME, a port the Redis Service does not serve",
    build: guarded((cluster: ClusterChart) => labApp('immich', { env: { REDIS_HOSTNAME: 'redis.db', REDIS_PORT: '6380' }, egress: [redis(cluster)] })(cluster)),
    layer: 'references', path: 'immich', field: 'env.REDIS_PORT', message: /REDIS_PORT gives the port of REDIS_HOSTNAME/, hint: /serves 6379 \(redis\)/,
  },
  {
    name: 'PGPORT beside PGHOST, the MySQL port written for PostgreSQL',
    build: wikiCalling({ PGHOST: 'postgres.db', PGPORT: '3306' }),
    layer: 'references', path: 'wiki', field: 'env.PGPORT', message: UNSERVED,
  },
  {
    name: "a DB_PORT of 5433 beside a DB_HOST written in full (.svc.cluster.local)",
    build: wikiCalling({ DB_HOST: 'postgres.db.svc.cluster.local', DB_PORT: '5433' }),
    layer: 'references', path: 'wiki', field: 'env.DB_PORT', message: UNSERVED,
  },

  // An init script is committed with its ConfigMap: a password it sets is a secret written out.
  {
    name: "a PostgreSQL init script's CREATE USER … WITH PASSWORD in a ConfigMap",
    build: initScript("CREATE USER wiki WITH PASSWORD 'hunter2';\nCREATE DATABASE wiki OWNER wiki;\n"),
    layer: 'policy', path: 'init', field: 'data.init.sql', message: /SQL password \(PASSWORD '…'\) on line 1/,
  },
  {
    name: "a MariaDB init script's CREATE USER … IDENTIFIED BY in a ConfigMap",
    build: initScript("CREATE DATABASE nextcloud;\nCREATE USER 'nextcloud'@'%' IDENTIFIED BY 'hunter2';\nGRANT ALL ON nextcloud.* TO 'nextcloud'@'%';\n"),
    layer: 'policy', path: 'init', field: 'data.init.sql', message: /IDENTIFIED BY '…'\) on line 2/,
  },
  {
    name: "an init script's ALTER ROLE … ENCRYPTED PASSWORD in a ConfigMap",
    build: initScript("\\c wiki\nALTER ROLE wiki ENCRYPTED PASSWORD 'md5a3556571e93b0d20722ba62be61e8c2d';\n"),
    layer: 'policy', path: 'init', field: 'data.init.sql', message: /line 2/,
  },
  {
    name: "MySQL's SET PASSWORD … = PASSWORD('…') in an init script",
    build: initScript("SET PASSWORD FOR 'root'@'localhost' = PASSWORD('hunter2');\nFLUSH PRIVILEGES;\n"),
    layer: 'policy', path: 'init', field: 'data.init.sql',
  },

  // A database server's data on NFS: its fsync and locks are not kept there.
  {
    name: "PostgreSQL's data folder on a claim of an NFS tier",
    build: withNfsTier((cluster) => postgres(cluster, { persistence: { data: nfsClaim('/var/lib/postgresql/data'), run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } } })),
    layer: 'references', path: 'nas/postgres', field: 'persistence.data.volume.claim.tier', message: /keeps its volumes on NFS.*PostgreSQL keeps its data there/, hint: /localPathStorage/,
  },
  {
    name: 'PGDATA moved under /data, a claim of an NFS tier',
    build: withNfsTier((cluster) => postgres(cluster, {
      env: { POSTGRES_PASSWORD: SecretReference.external('db', 'postgres-auth', 'password'), PGDATA: '/data/pgdata' },
      persistence: { data: nfsClaim('/data'), run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    })),
    layer: 'references', path: 'nas/postgres', field: 'persistence.data.volume.claim.tier', message: /\(\/data\/pgdata\)/,
  },
  {
    name: "MariaDB's /var/lib/mysql on a claim of an NFS tier",
    build: withNfsTier((cluster) => new HomelabApp(cluster, 'mariadb', {
      namespace: 'db', image: 'mariadb:11.4.2', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'mysql', port: 3306 }],
      env: { MARIADB_ROOT_PASSWORD: SecretReference.external('db', 'mariadb', 'root') },
      persistence: { data: nfsClaim('/var/lib/mysql'), run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
    })),
    layer: 'references', path: 'nas/mariadb', field: 'persistence.data.volume.claim.tier', message: /MariaDB keeps its data there/,
  },
  {
    name: "MongoDB's /data/db as a StatefulSet's claim on an NFS tier",
    build: withNfsTier((cluster) => new HomelabApp(cluster, 'mongo', {
      namespace: 'db', image: 'mongo:7.0.14', runAsUser: 999, ports: [{ name: 'mongo', port: 27017 }], controller: AppController.statefulSet(),
      env: { MONGO_INITDB_ROOT_PASSWORD: SecretReference.external('db', 'mongo', 'password') }, persistence: { db: nfsClaim('/data/db') },
    })),
    layer: 'references', path: 'nas/mongo', field: 'persistence.db.volume.claim.tier', message: /MongoDB/,
  },

  // An operator's custom resource takes a command line of its own, committed with the object.
  {
    name: "a Dragonfly's --requirepass with its password in spec.args",
    build: guarded((cluster: ClusterChart) => {
      cluster.namespaces.ensure('db');
      new ApiObject(cluster, 'df', { apiVersion: 'dragonflydb.io/v1alpha1', kind: 'Dragonfly', metadata: { name: 'dragonfly', namespace: 'db' }, spec: { replicas: 2, args: ['--requirepass=hunter2', '--cache_mode=true'] } });
    }),
    layer: 'policy', path: 'df', field: 'spec.args[0]', message: /flag --requirepass/, hint: /passwordFromSecret/,
  },
  {
    name: "a Dragonfly's --requirepass with its password as the next word of spec.args",
    build: guarded((cluster: ClusterChart) => {
      cluster.namespaces.ensure('db');
      new ApiObject(cluster, 'df', { apiVersion: 'dragonflydb.io/v1alpha1', kind: 'Dragonfly', metadata: { name: 'dragonfly', namespace: 'db' }, spec: { args: ['--requirepass', 'hunter2'] } });
    }),
    layer: 'policy', path: 'df', field: 'spec.args[1]', message: /flag --requirepass/,
  },

  // Config files and arguments of a database or cache, committed with their ConfigMap or env.
  {
    name: "redis.conf's requirepass directive in a ConfigMap",
    build: configFile('redis.conf', 'bind 0.0.0.0\nrequirepass hunter2\nappendonly yes\n'),
    layer: 'policy', path: 'conf', field: 'data.redis.conf', message: /sets requirepass on line 2/,
  },
  {
    name: "a MongoDB init script's createUser with its pwd on one line",
    build: configFile('init.js', "db = db.getSiblingDB('wiki');\ndb.createUser({ user: 'wiki', pwd: 'hunter2', roles: [{ role: 'readWrite', db: 'wiki' }] });\n"),
    layer: 'policy', path: 'conf', field: 'data.init.js', message: /sets pwd on line 2/,
  },
  {
    name: 'a config file of JSON on one line with its database password',
    build: configFile('config.json', '{"database": {"host": "postgres.db", "password": "hunter2"}}\n'),
    layer: 'policy', path: 'conf', field: 'data.config.json', message: /sets password on line 1/,
  },
  {
    name: "redis-stack's REDIS_ARGS with --requirepass and its password",
    build: guarded(labApp('redis', { image: 'redis/redis-stack-server:7.4.0-v1', ports: [{ name: 'redis', port: 6379 }], env: { REDIS_ARGS: '--requirepass hunter2 --appendonly yes' } })),
    layer: 'props', path: 'redis', field: 'env.REDIS_ARGS', message: /flag --requirepass is written out/, hint: /\$\(PASSWORD\) after --requirepass/,
  },
  {
    name: 'JAVA_OPTS with a -D datasource password',
    build: guarded(labApp('web', { env: { JAVA_OPTS: '-Xmx512m -Dspring.datasource.password=hunter2' } })),
    layer: 'props', path: 'web', field: 'env.JAVA_OPTS',
  },

  // Replicas of a server that does not replicate are databases of their own behind one Service.
  {
    name: 'PostgreSQL as a StatefulSet of three replicas, meant as a highly available database',
    build: guarded((cluster: ClusterChart) => postgres(cluster, { replicas: 3 })),
    layer: 'props', path: 'postgres', field: 'replicas', message: /3 replicas are 3 separate databases/, hint: /CloudNativePG/,
  },
  {
    name: 'MariaDB as a StatefulSet of two replicas',
    build: guarded(labApp('mariadb', {
      image: 'mariadb:11.4.2', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'mysql', port: 3306 }], replicas: 2, controller: AppController.statefulSet(),
      env: { MARIADB_ROOT_PASSWORD: SecretReference.external('mariadb', 'mariadb', 'root') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
    })),
    layer: 'props', path: 'mariadb', field: 'replicas', hint: /the MariaDB operator/,
  },

  // A database answers its own protocol: an HTTP probe of it never passes.
  {
    name: "PostgreSQL's readiness probe written as an HTTP check of /health",
    build: guarded((cluster: ClusterChart) => postgres(cluster, { probes: { readiness: { httpPath: '/health' } } })),
    layer: 'props', path: 'postgres', field: 'probes.readiness.httpPath', message: /PostgreSQL answers its own protocol, not HTTP/, hint: /pg_isready/,
  },
  {
    name: "Valkey's liveness probe as an HTTP check of its port",
    build: guarded(labApp('valkey', { image: 'valkey/valkey:8.0.1', ports: [{ name: 'redis', port: 6379 }], probes: { liveness: { httpPath: '/', port: 6379 } } })),
    layer: 'props', path: 'valkey', field: 'probes.liveness.httpPath', hint: /redis-cli', 'ping/,
  },
  {
    name: 'a hand-written MariaDB Deployment with an httpGet readiness probe',
    build: (cluster: ClusterChart) => raw(cluster, 'w', podWithContainer({ image: 'mariadb:11.4.2', ports: [{ name: 'mysql', containerPort: 3306 }], readinessProbe: { httpGet: { path: '/', port: 3306 } } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.readinessProbe.httpGet`, hint: /healthcheck\.sh/,
  },

  // A database operator's resource names the StorageClass of its volumes, as a claim does.
  {
    name: "a CloudNativePG Cluster whose storage names the tier fast instead of its StorageClass",
    build: guarded((cluster: ClusterChart) => cnpgCluster(cluster, { storage: { size: '10Gi', storageClass: 'fast' } })),
    layer: 'references', path: 'pg', field: 'spec.storage.storageClass', hint: /"fast" is a storage tier of the cluster, whose StorageClass is/,
  },
  {
    name: "a CloudNativePG Cluster's WAL storage on the StorageClass of an NFS tier",
    build: withNfsTier((cluster) => cnpgCluster(cluster, { storage: { size: '10Gi', storageClass: 'local-path' }, walStorage: { size: '2Gi', storageClass: 'nfs-csi' } })),
    layer: 'references', path: 'nas/pg', field: 'spec.walStorage.storageClass', message: /keeps its volumes on NFS.*PostgreSQL keeps its data there/,
  },
  {
    name: "a MariaDB operator's MariaDB on the StorageClass of an NFS tier",
    build: withNfsTier((cluster) => {
      cluster.platform.declarePreinstalled({ source: 'mariadb-operator', crds: [{ group: 'k8s.mariadb.com', kinds: ['MariaDB'] }] });
      cluster.namespaces.ensure('db');
      new ApiObject(cluster, 'mdb', { apiVersion: 'k8s.mariadb.com/v1alpha1', kind: 'MariaDB', metadata: { name: 'mariadb', namespace: 'db' }, spec: { rootPasswordSecretKeyRef: { name: 'mariadb-root', key: 'password' }, storage: { size: '5Gi', storageClassName: 'nfs-csi' } } });
    }),
    layer: 'references', path: 'nas/mdb', field: 'spec.storage.storageClassName', message: /MariaDB keeps its data there/,
  },

  // A database client's host and port on a command line are read as an env value's are.
  {
    name: 'a pg_dump CronJob of another namespace that PostgreSQL does not admit',
    build: guarded((cluster: ClusterChart) => {
      postgres(cluster);
      new HomelabApp(cluster, 'pg-backup', {
        namespace: 'backup', image: 'postgres:16.4', runAsUser: 999, controller: AppController.cronJob({ schedule: '0 3 * * *' }),
        command: ['sh', '-c', 'pg_dump -h postgres.db -p 5432 -U postgres wiki > /backup/wiki.sql'], env: { PGPASSWORD: SecretReference.external('backup', 'pg', 'password') },
        persistence: { backup: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/backup' } },
      });
    }),
    layer: 'policy', path: 'pg-backup', field: 'command[2]', message: /pg_dump -h calls Service postgres\.db:5432, but the NetworkPolicy of its pods admits nothing/,
  },
  {
    name: "an init container's pg_isready waiting on a port PostgreSQL's Service does not serve",
    build: guarded((cluster: ClusterChart) => labApp('wiki', {
      initContainers: [{ name: 'wait-db', image: 'postgres:16.4', command: ['sh', '-c', 'until pg_isready -h postgres.db -p 5433; do sleep 2; done'] }], egress: [postgres(cluster)],
    })(cluster)),
    layer: 'references', path: 'wiki', field: 'containers.wait-db.command[2]', message: /pg_isready -h calls Service postgres\.db on port 5433/,
  },
  {
    name: 'mysqldump --host= and --port= of a port the MariaDB Service does not serve',
    build: guarded((cluster: ClusterChart) => {
      const mariadb = new HomelabApp(cluster, 'mariadb', {
        namespace: 'db', image: 'mariadb:11.4.2', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'mysql', port: 3306 }],
        env: { MARIADB_ROOT_PASSWORD: SecretReference.external('db', 'mariadb', 'root') },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
      });
      labApp('db-backup', {
        image: 'mariadb:11.4.2', runAsUser: 999, controller: AppController.cronJob({ schedule: '0 3 * * *' }), egress: [mariadb],
        args: ['mysqldump', '--host=mariadb.db', '--port=3307', '--all-databases'], persistence: { run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
      })(cluster);
    }),
    layer: 'references', path: 'db-backup', field: 'args[1]', message: /mysqldump -h calls Service mariadb\.db on port 3307/, hint: /serves 3306 \(mysql\)/,
  },
];
