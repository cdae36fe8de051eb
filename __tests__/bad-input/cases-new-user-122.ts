import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs one PostgreSQL, one MariaDB and one Valkey for all apps, from the README alone: a database and a
// role per app made by an init script or a Job, each app's host and password from env and Secrets, a Valkey database
// number per app. Each mistake passed synthesis and then left an app without its database.

/** PostgreSQL of namespace `databases` on its claim, its admin Secret declared, running the init scripts `initScripts` of a ConfigMap. */
export function postgresServer(cluster: ClusterChart, initScripts: Record<string, string> = {}): App {
  declareExternal(cluster, { secrets: [{ namespace: 'databases', name: 'postgres-admin' }] });
  new ApiObject(cluster, 'initdb', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'postgres-initdb', namespace: 'databases' }, data: initScripts });
  return new App(cluster, 'postgres', {
    namespace: 'databases', image: 'postgres:16.4', controller: AppController.statefulSet(), runAsUser: 999, fsGroup: 999, ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_PASSWORD: SecretReference.external('databases', 'postgres-admin', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' },
      initdb: { volume: AppVolume.configMap('postgres-initdb'), mountPath: '/docker-entrypoint-initdb.d', readOnly: true },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    probes: { readiness: { command: ['pg_isready', '-U', 'postgres'] } },
  });
}

/** The shared servers of namespace `databases`: PostgreSQL with its init scripts' ConfigMap, MariaDB and Valkey (`valkeyArgs` on its command line). */
function servers(cluster: ClusterChart, initScripts: Record<string, string> = {}, valkeyArgs: string[] = []): App {
  declareExternal(cluster, { secrets: [{ namespace: 'databases', name: 'mariadb-admin' }] });
  const postgres = postgresServer(cluster, initScripts);
  new App(cluster, 'mariadb', {
    namespace: 'databases', image: 'mariadb:11.4', controller: AppController.statefulSet(), runAsUser: 999, fsGroup: 999, ports: [{ name: 'mysql', port: 3306 }],
    env: { MARIADB_ROOT_PASSWORD: SecretReference.external('databases', 'mariadb-admin', 'password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' }, tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
    probes: { readiness: { command: ['healthcheck.sh', '--connect', '--innodb_initialized'] } },
    allowFrom: [{ namespace: 'nextcloud' }],
  });
  new App(cluster, 'valkey', {
    namespace: 'databases', image: 'valkey/valkey:8.0', ports: [{ name: 'redis', port: 6379 }], args: valkeyArgs,
    probes: { readiness: { command: ['valkey-cli', 'ping'] } }, allowFrom: [{ namespace: 'immich' }, { namespace: 'paperless' }],
  });
  return postgres;
}

/** Immich's server of namespace `immich` on the shared servers, its Redis database `dbIndex`. */
const immichOnValkey = (dbIndex: string, valkeyArgs: string[] = []) => guarded((cluster: ClusterChart) => {
  servers(cluster, {}, valkeyArgs);
  new App(cluster, 'immich', {
    image: 'ghcr.io/immich-app/immich-server:v1.119.1', ports: [{ name: 'http', port: 2283 }],
    env: { REDIS_HOSTNAME: 'valkey.databases', REDIS_PORT: '6379', REDIS_DBINDEX: dbIndex },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/usr/src/app/upload' } },
  });
});

/** A setup Job of namespace `databases` that runs `script` with psql against the shared PostgreSQL. */
const setupJob = (script: string) => guarded((cluster: ClusterChart) => {
  const postgres = servers(cluster);
  new App(cluster, 'db-setup', {
    namespace: 'databases', image: 'postgres:16.4', controller: AppController.job({ backoffLimit: 3 }),
    command: ['sh', '-c', script], env: { PGPASSWORD: SecretReference.external('databases', 'postgres-admin', 'password') }, egress: [postgres],
  });
});

export const CASES: BadInput[] = [
  {
    name: "an app's Valkey database number beyond the server's 16 databases",
    build: immichOnValkey('20'), layer: 'references', path: 'immich', field: 'env.REDIS_DBINDEX', message: /out of range/, hint: /REDIS_DBINDEX: '0'.*'--databases', '21'/,
  },
  {
    name: "an app's Valkey database number beyond the databases the server was started with",
    build: immichOnValkey('5', ['--databases', '4']), layer: 'references', path: 'immich', field: 'env.REDIS_DBINDEX', message: /keeps 4/,
  },
  {
    name: 'an init script creating a database whose name has a dash, unquoted',
    build: guarded((cluster: ClusterChart) => servers(cluster, { '01-apps.sql': 'CREATE USER paperless;\nCREATE DATABASE paperless-ngx OWNER paperless;\n' })),
    layer: 'references', path: 'initdb', field: 'data.01-apps.sql', hint: /paperless_ngx.*"paperless-ngx"/,
  },
  {
    name: 'a setup Job granting a role whose name has a dash, unquoted',
    build: setupJob('psql -h postgres -U postgres -c "GRANT ALL PRIVILEGES ON DATABASE paperless TO paperless-ngx"'),
    layer: 'references', path: 'db-setup', field: 'command[2]', message: /GRANT … TO paperless-ngx/,
  },
  {
    name: "a setup Job whose psql command writes the app role's password out",
    build: setupJob("psql -h postgres -U postgres -c \"CREATE ROLE immich LOGIN PASSWORD 'immich-pass-123'\""),
    layer: 'props', path: 'db-setup', field: 'command[2]', message: /PASSWORD '…'/,
  },
  {
    name: "a setup Job handing the role's password to psql -c as a psql variable",
    build: setupJob("psql -h postgres -U postgres -v pw=\"$IMMICH_PASSWORD\" -c \"CREATE ROLE immich LOGIN PASSWORD :'pw'\""),
    layer: 'references', path: 'db-setup', field: 'command[2]', hint: /standard input/,
  },
  {
    name: "Nextcloud's database host written as localhost",
    build: guarded((cluster: ClusterChart) => {
      servers(cluster);
      declareExternal(cluster, { secrets: [{ namespace: 'nextcloud', name: 'nextcloud-db' }] });
      new App(cluster, 'nextcloud', {
        image: 'nextcloud:30.0.2-apache', ports: [{ name: 'http', port: 80 }],
        env: { MYSQL_HOST: 'localhost', MYSQL_DATABASE: 'nextcloud', MYSQL_USER: 'nextcloud', MYSQL_PASSWORD: SecretReference.external('nextcloud', 'nextcloud-db', 'password') },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/var/www/html' }, apache2: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' } },
        exemptions: {
          runAsRoot: 'Apache binds port 80 and drops to www-data',
          addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and drops to www-data' },
        },
      });
    }),
    layer: 'references', path: 'nextcloud', field: 'env.MYSQL_HOST', message: /localhost:3306/, hint: /mariadb\.databases/,
  },
];
