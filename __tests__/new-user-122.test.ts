import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, SecretReference, site, traefik } from '../constructs';
import { postgresServer } from './bad-input/cases-new-user-122';
import { dayTwo } from './support/day-two';
import { shownFindings } from './support/lab-output';

// One PostgreSQL, one MariaDB and one Valkey for a home lab's apps, written from the README alone: the roles and
// databases made by init scripts that read their passwords from the server's env through psql's variables and by a
// setup Job, each app told its host, database and password, each a Valkey database number of its own.

/** An init script of the official image's docker-entrypoint-initdb.d: a role and a database, the password from env through `psql -v`. */
const PAPERLESS_INIT = [
  '#!/bin/bash', 'set -e',
  'psql -v ON_ERROR_STOP=1 -v pw="$PAPERLESS_DB_PASSWORD" --username "$POSTGRES_USER" <<-EOSQL',
  "  CREATE USER paperless WITH PASSWORD :'pw';", '  CREATE DATABASE paperless OWNER paperless;', 'EOSQL', '',
].join('\n');
/** The same in SQL alone, the password read by psql's `\set` from the server's env. */
const GITEA_INIT = "\\set pw `echo \"$GITEA_DB_PASSWORD\"`\nCREATE USER gitea WITH PASSWORD :'pw';\nCREATE DATABASE \"gitea-data\" OWNER gitea;\n";

/** The cluster `main` of a one-node K3s lab, the servers' Secrets declared. */
function cluster(scope: Construct): ClusterChart {
  const node = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const lab = site('home', { domain: 'home.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/home.git' } });
  const main = new ClusterChart(scope, 'main', { site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  declareExternal(main, { secrets: ['postgres-admin', 'mariadb-admin', 'app-passwords'].map((name) => ({ namespace: 'databases', name })) });
  return main;
}

/** A Valkey of namespace `databases` open to `clients`' namespaces. */
const valkey = (main: ClusterChart, clients: string[]) => new App(main, 'valkey', {
  namespace: 'databases', image: 'valkey/valkey:8.0', ports: [{ name: 'redis', port: 6379 }],
  probes: { readiness: { command: ['valkey-cli', 'ping'] } }, allowFrom: clients.map((namespace) => ({ namespace })),
});

/** An app of its own namespace whose env names its Valkey database. */
const redisClient = (main: ClusterChart, id: string, env: Record<string, string>, namespace?: string) => new App(main, id, {
  namespace, image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env,
});

function sharedServers(scope: Construct): void {
  const main = cluster(scope);
  const secret = (namespace: string, name: string, key = 'password') => SecretReference.external(namespace, name, key);
  declareExternal(main, { secrets: [['gitea', 'gitea-db'], ['paperless', 'paperless-db'], ['immich', 'immich-db'], ['nextcloud', 'nextcloud-db']].map(([namespace, name]) => ({ namespace, name })) });
  new ApiObject(main, 'initdb', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'postgres-initdb', namespace: 'databases' }, data: { '01-paperless.sh': PAPERLESS_INIT, '02-gitea.sql': GITEA_INIT } });
  const postgres = new App(main, 'postgres', {
    namespace: 'databases', image: 'ghcr.io/immich-app/postgres:16-vectorchord0.4.3-pgvectors0.2.0', controller: AppController.statefulSet(), runAsUser: 999, fsGroup: 999,
    ports: [{ name: 'postgres', port: 5432 }],
    env: {
      POSTGRES_PASSWORD: secret('databases', 'postgres-admin'), PGDATA: '/var/lib/postgresql/data/pgdata',
      PAPERLESS_DB_PASSWORD: secret('databases', 'app-passwords', 'paperless'), GITEA_DB_PASSWORD: secret('databases', 'app-passwords', 'gitea'),
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' },
      initdb: { volume: AppVolume.configMap('postgres-initdb'), mountPath: '/docker-entrypoint-initdb.d', readOnly: true },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    probes: { readiness: { command: ['pg_isready', '-U', 'postgres'] } },
    allowFrom: ['gitea', 'paperless', 'immich'].map((namespace) => ({ namespace })),
  });
  new App(main, 'mariadb', {
    namespace: 'databases', image: 'mariadb:11.4', controller: AppController.statefulSet(), runAsUser: 999, fsGroup: 999, ports: [{ name: 'mysql', port: 3306 }],
    env: { MARIADB_ROOT_PASSWORD: secret('databases', 'mariadb-admin'), MARIADB_DATABASE: 'nextcloud', MARIADB_USER: 'nextcloud', MARIADB_PASSWORD: secret('databases', 'app-passwords', 'nextcloud') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' }, tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
    probes: { readiness: { command: ['healthcheck.sh', '--connect', '--innodb_initialized'] } },
    allowFrom: [{ namespace: 'nextcloud' }],
  });
  // Immich's role, made after the first start by a Job, its password handed to psql as a variable on stdin.
  new App(main, 'db-setup', {
    namespace: 'databases', image: 'postgres:16.4', controller: AppController.job({ backoffLimit: 3 }),
    command: ['sh', '-c', 'echo "CREATE ROLE immich LOGIN PASSWORD :\'pw\'; CREATE DATABASE immich OWNER immich;" | psql -v ON_ERROR_STOP=1 -h postgres -U postgres -v pw="$IMMICH_PASSWORD"'],
    env: { PGPASSWORD: secret('databases', 'postgres-admin'), IMMICH_PASSWORD: secret('databases', 'app-passwords', 'immich') },
    egress: [postgres],
  });
  valkey(main, ['gitea', 'paperless', 'immich']);
  new App(main, 'gitea', {
    image: 'gitea/gitea:1.22.3-rootless', ports: [{ name: 'http', port: 3000 }], route: { host: 'git' },
    env: {
      GITEA__database__DB_TYPE: 'postgres', GITEA__database__HOST: 'postgres.databases.svc.cluster.local:5432', GITEA__database__NAME: 'gitea-data', GITEA__database__USER: 'gitea',
      GITEA__database__PASSWD: secret('gitea', 'gitea-db'), GITEA__cache__ADAPTER: 'redis', GITEA__cache__HOST: 'redis://valkey.databases:6379/1',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/gitea' }, conf: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' } },
    probes: { readiness: { httpPath: '/api/healthz' } },
  });
  new App(main, 'paperless', {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.13.5', ports: [{ name: 'http', port: 8000 }], route: { host: 'paperless' },
    env: {
      PAPERLESS_DBHOST: 'postgres.databases', PAPERLESS_DBPORT: '5432', PAPERLESS_DBNAME: 'paperless', PAPERLESS_DBUSER: 'paperless',
      PAPERLESS_DBPASS: secret('paperless', 'paperless-db'), PAPERLESS_REDIS: 'redis://valkey.databases:6379/0', PAPERLESS_URL: 'https://paperless.home.jdoe.dev',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/data' } },
    exemptions: {
      runAsRoot: 'the image starts as root and drops to its user',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and drops to its user' },
      writableRootFilesystem: 's6-overlay writes its service tree under /run',
    },
  });
  new App(main, 'immich', {
    image: 'ghcr.io/immich-app/immich-server:v1.119.1', ports: [{ name: 'http', port: 2283 }], route: { host: 'photos' },
    env: {
      DB_HOSTNAME: 'postgres.databases', DB_PORT: '5432', DB_DATABASE_NAME: 'immich', DB_USERNAME: 'immich', DB_PASSWORD: secret('immich', 'immich-db'),
      REDIS_HOSTNAME: 'valkey.databases', REDIS_PORT: '6379', REDIS_DBINDEX: '2',
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/usr/src/app/upload' } },
  });
  new App(main, 'nextcloud', {
    image: 'nextcloud:30.0.2-apache', ports: [{ name: 'http', port: 80 }], route: { host: 'cloud' },
    env: { MYSQL_HOST: 'mariadb.databases', MYSQL_DATABASE: 'nextcloud', MYSQL_USER: 'nextcloud', MYSQL_PASSWORD: secret('nextcloud', 'nextcloud-db') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/var/www/html' }, apache2: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' } },
    exemptions: {
      runAsRoot: 'Apache binds port 80 and drops to www-data',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and drops to www-data' },
    },
  });
}

test('shared database servers with init scripts reading passwords through psql variables synthesize without a finding', () => {
  expect(shownFindings(sharedServers)).toEqual([]);
});

test('two apps of different namespaces on one Valkey database number get a warning on the later one', () => {
  const shared = (scope: Construct) => {
    const main = cluster(scope);
    valkey(main, ['gitea', 'paperless']);
    redisClient(main, 'gitea', { GITEA__cache__HOST: 'redis://valkey.databases:6379/0' });
    redisClient(main, 'paperless', { PAPERLESS_REDIS: 'redis://valkey.databases:6379' });
  };
  expect(shownFindings(shared)).toEqual(['warning main/paperless env.PAPERLESS_REDIS']);
});

test("a web app and its worker of one namespace share their Valkey database without a warning", () => {
  const stack = (scope: Construct) => {
    const main = cluster(scope);
    valkey(main, ['paperless']);
    redisClient(main, 'paperless', { PAPERLESS_REDIS: 'redis://valkey.databases:6379/3' });
    redisClient(main, 'paperless-worker', { PAPERLESS_REDIS: 'redis://valkey.databases:6379/3' }, 'paperless');
  };
  expect(shownFindings(stack)).toEqual([]);
});

/** PostgreSQL of namespace `databases` on its claim, running the init scripts `scripts` of a ConfigMap. */
const postgresWithInitScripts = (scripts: Record<string, string>) => (main: ClusterChart) => {
  postgresServer(main, scripts);
};

test("an init script added once the server has initialized its data is a warning with the run by hand as a step", () => {
  const first = { '01-gitea.sql': 'CREATE DATABASE gitea;\n' };
  const { warnings, actions } = dayTwo(postgresWithInitScripts(first), postgresWithInitScripts({ ...first, '02-paperless.sql': 'CREATE DATABASE paperless;\n' }));
  expect(warnings.map((w) => `${w.severity} ${w.constructPath} ${w.field}`)).toEqual(['warning main/initdb data.02-paperless.sql']);
  expect(actions.map((a) => a.command)).toEqual(['kubectl -n databases exec statefulset/postgres -c postgres -- psql -U postgres -f /docker-entrypoint-initdb.d/02-paperless.sql']);
  // The same scripts again change nothing.
  expect(dayTwo(postgresWithInitScripts(first), postgresWithInitScripts(first)).warnings).toEqual([]);
});
