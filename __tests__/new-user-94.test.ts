import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import {
  App, AppController, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps, Finding } from '../constructs';
import { guarded } from './bad-input/lab';
import { closesDefaultUser } from '../constructs/app/clickhouse-user-setup';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A new user's family websites and their analytics, from the README alone: WordPress beside MariaDB behind the route's
// HTTPS, Ghost beside MySQL mailing through the family's provider, a static site served by nginx and kept in sync by a
// git-sync sidecar, a Hugo site built by init containers, Umami on PostgreSQL, and Plausible on PostgreSQL and ClickHouse.

const box = host('nu94-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.94.10', cores: 8, memoryGigabytes: 32 });
const lab = site('nu94', {
  domain: 'family.example.org', hosts: [box],
  pools: { vips: { first: '192.168.94.240', last: '192.168.94.250' } },
  git: { url: 'https://github.com/jdoe/family-sites.git' },
});

const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);
const ROOT_INIT = (to: string) => ({
  runAsRoot: `its entrypoint starts as root, then runs as ${to}`, addCapabilities: rootInitExemption('exec', `switches to ${to}`),
});

const CLICKHOUSE_LOGS = `<clickhouse>
  <logger><level>warning</level><console>true</console></logger>
  <query_thread_log remove="remove"/>
  <query_log remove="remove"/>
  <text_log remove="remove"/>
  <trace_log remove="remove"/>
  <metric_log remove="remove"/>
  <asynchronous_metric_log remove="remove"/>
  <session_log remove="remove"/>
  <part_log remove="remove"/>
</clickhouse>
`;
const CLICKHOUSE_IPV4 = `<clickhouse>
  <listen_host>0.0.0.0</listen_host>
</clickhouse>
`;

/**
 * A MySQL-compatible server of `image` for the app of `namespace` (its database and user named after it, their passwords
 * from the Secret `<namespace>-db`), its variables prefixed `prefix`, its socket folder `socketDir` on an emptyDir.
 */
const mysqlServer = (namespace: string, image: string, prefix: 'MARIADB' | 'MYSQL', socketDir: string): AppProps => ({
  namespace, image, controller: AppController.statefulSet(), ports: [{ name: 'mysql', port: 3306 }],
  env: {
    [`${prefix}_DATABASE`]: namespace, [`${prefix}_USER`]: namespace,
    [`${prefix}_PASSWORD`]: secret(namespace, `${namespace}-db`, 'password'), [`${prefix}_ROOT_PASSWORD`]: secret(namespace, `${namespace}-db`, 'root-password'),
  },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/mysql' },
    mysqld: { volume: AppVolume.emptyDir(), mountPath: socketDir },
  },
  exemptions: ROOT_INIT('mysql'),
});

/** The lab; `changed` replaces props of its apps, by app. */
const defineLab = (changed: Record<string, Partial<AppProps>> = {}) => (scope: Construct) => {
  const props = (id: string, given: AppProps): AppProps => ({ ...given, ...changed[id] });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], routes: traefik({ address: lab.pools.vips.at('192.168.94.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  declareExternal(cluster, { secrets: [
    { namespace: 'wordpress', name: 'wordpress-db' }, { namespace: 'ghost', name: 'ghost-db' }, { namespace: 'ghost', name: 'ghost-mail' },
    { namespace: 'umami', name: 'umami' }, { namespace: 'plausible', name: 'plausible' },
  ] });

  // WordPress with MariaDB
  const mariadb = new App(cluster, 'mariadb', props('mariadb', mysqlServer('wordpress', 'mariadb:11.4', 'MARIADB', '/run/mysqld')));
  const wordpress = new App(cluster, 'wordpress', props('wordpress', {
    namespace: 'wordpress', image: 'wordpress:6.6-apache', ports: [{ name: 'http', port: 80 }],
    env: {
      WORDPRESS_DB_HOST: 'mariadb:3306', WORDPRESS_DB_USER: 'wordpress', WORDPRESS_DB_NAME: 'wordpress',
      WORDPRESS_DB_PASSWORD: secret('wordpress', 'wordpress-db', 'password'),
      WORDPRESS_CONFIG_EXTRA: "define('WP_HOME', 'https://www.family.example.org');\ndefine('WP_SITEURL', 'https://www.family.example.org');\nif (isset($_SERVER['HTTP_X_FORWARDED_PROTO']) && $_SERVER['HTTP_X_FORWARDED_PROTO'] === 'https') { $_SERVER['HTTPS'] = 'on'; }\n",
    },
    persistence: {
      html: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/www/html' },
      apache2: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
    },
    route: { host: 'www' },
    exemptions: { runAsRoot: 'Apache starts as root, then runs as www-data', addCapabilities: rootInitExemption('supervisor', 'switches to www-data') },
  }));
  mariadb.addAllowFrom(wordpress);

  // Ghost with MySQL
  const mysql = new App(cluster, 'mysql', props('mysql', mysqlServer('ghost', 'mysql:8.0', 'MYSQL', '/var/run/mysqld')));
  const ghost = new App(cluster, 'ghost', props('ghost', {
    namespace: 'ghost', image: 'ghost:5.96', ports: [{ name: 'http', port: 2368 }],
    env: {
      url: 'https://blog.family.example.org',
      database__client: 'mysql', database__connection__host: 'mysql', database__connection__user: 'ghost',
      database__connection__password: secret('ghost', 'ghost-db', 'password'), database__connection__database: 'ghost',
      mail__transport: 'SMTP', mail__from: "'Family blog' <blog@family.example.org>",
      mail__options__host: 'smtp.fastmail.com', mail__options__port: '465', mail__options__secure: 'true',
      mail__options__auth__user: 'blog@family.example.org', mail__options__auth__pass: secret('ghost', 'ghost-mail', 'password'),
    },
    egress: 'any',
    persistence: { content: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/ghost/content' } },
    route: { host: 'blog' },
    exemptions: ROOT_INIT('node'),
  }));
  mysql.addAllowFrom(ghost);

  cluster.namespaces.ensure('sites');
  new ApiObject(cluster, 'homepage-nginx', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'homepage-nginx', namespace: 'sites' },
    data: { 'default.conf': 'server {\n  listen 8080;\n  root /git/current;\n  index index.html;\n}\n' },
  });
  // A static site served by nginx, kept in sync with its Git repository by git-sync
  new App(cluster, 'homepage', props('homepage', {
    namespace: 'sites', image: 'nginxinc/nginx-unprivileged:1.27-alpine', ports: [{ name: 'http', port: 8080 }],
    sidecars: [{
      name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.4',
      env: { GITSYNC_REPO: 'https://github.com/jdoe/homepage.git', GITSYNC_REF: 'main', GITSYNC_ROOT: '/git', GITSYNC_LINK: 'current', GITSYNC_PERIOD: '60s' },
    }],
    persistence: {
      site: { volume: AppVolume.emptyDir(), mountPath: '/git', containers: ['homepage', 'git-sync'] },
      nginx: { volume: AppVolume.configMap('homepage-nginx'), mountPath: '/etc/nginx/conf.d', containers: ['homepage'] },
    },
    egress: 'any',
    route: { host: 'family' },
  }));

  // A Hugo site built by an init container
  new App(cluster, 'recipes', props('recipes', {
    namespace: 'sites', image: 'nginxinc/nginx-unprivileged:1.27-alpine', ports: [{ name: 'http', port: 8080 }],
    initContainers: [
      { name: 'clone', image: 'alpine/git:2.45.2', args: ['clone', '--depth=1', 'https://github.com/jdoe/recipes.git', '/src'] },
      { name: 'hugo', image: 'hugomods/hugo:exts-0.136.5', command: ['hugo'], args: ['--source', '/src', '--destination', '/public', '--minify', '--baseURL', 'https://recipes.family.example.org/'] },
    ],
    persistence: {
      src: { volume: AppVolume.emptyDir(), mountPath: '/src', containers: ['clone', 'hugo'] },
      public: { volume: AppVolume.emptyDir(), mountPath: '/usr/share/nginx/html', containers: ['recipes'] },
    },
    egress: 'any',
    route: { host: 'recipes' },
  }));

  // Umami with PostgreSQL
  const umamiDb = new App(cluster, 'umami-db', props('umami-db', {
    namespace: 'umami', image: 'postgres:16.4-alpine', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_DB: 'umami', POSTGRES_USER: 'umami', POSTGRES_PASSWORD: secret('umami', 'umami', 'db-password') },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      socket: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    exemptions: ROOT_INIT('postgres'),
  }));
  const umami = new App(cluster, 'umami', props('umami', {
    namespace: 'umami', image: 'ghcr.io/umami-software/umami:postgresql-v2.13.2', ports: [{ name: 'http', port: 3000 }],
    env: { DATABASE_URL: secret('umami', 'umami', 'database-url'), DATABASE_TYPE: 'postgresql', APP_SECRET: secret('umami', 'umami', 'app-secret') },
    route: { host: 'umami' },
  }));
  umamiDb.addAllowFrom(umami);

  // Plausible with PostgreSQL and ClickHouse
  const plausibleDb = new App(cluster, 'plausible-db', props('plausible-db', {
    namespace: 'plausible', image: 'postgres:16.4-alpine', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_PASSWORD: secret('plausible', 'plausible', 'db-password') },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      socket: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    exemptions: ROOT_INIT('postgres'),
  }));
  new ApiObject(cluster, 'clickhouse-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'clickhouse-config', namespace: 'plausible' },
    data: { 'logs.xml': CLICKHOUSE_LOGS, 'ipv4-only.xml': CLICKHOUSE_IPV4 },
  });
  const events = new App(cluster, 'plausible-events-db', props('plausible-events-db', {
    namespace: 'plausible', image: 'clickhouse/clickhouse-server:24.12-alpine', controller: AppController.statefulSet(),
    ports: [{ name: 'http', port: 8123 }],
    env: { CLICKHOUSE_SKIP_USER_SETUP: '1' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/clickhouse' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/var/log/clickhouse-server' },
      config: { volume: AppVolume.configMap('clickhouse-config'), mountPath: '/etc/clickhouse-server/config.d' },
    },
    runAsUser: 101,
  }));
  const plausible = new App(cluster, 'plausible', props('plausible', {
    namespace: 'plausible', image: 'ghcr.io/plausible/community-edition:v2.1.4', ports: [{ name: 'http', port: 8000 }],
    command: ['sh', '-c', '/entrypoint.sh db createdb && /entrypoint.sh db migrate && /entrypoint.sh run'],
    env: {
      BASE_URL: 'https://stats.family.example.org', SECRET_KEY_BASE: secret('plausible', 'plausible', 'secret-key-base'),
      DATABASE_URL: secret('plausible', 'plausible', 'database-url'),
      CLICKHOUSE_DATABASE_URL: 'http://plausible-events-db:8123/plausible_events_db',
    },
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/plausible' } },
    route: { host: 'stats' },
  }));
  plausibleDb.addAllowFrom(plausible);
  events.addAllowFrom(plausible);
};

const shown = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message} [hint: ${f.hint}]`);
const findingsOf = (changed: Record<string, Partial<AppProps>> = {}) => aboutTheLab(synthInMemory(guarded(defineLab(changed))).findings);

test('the family sites lab synthesizes with no finding', () => {
  expect(shown(findingsOf())).toEqual([]);
});

test('what it writes serves the synced site: nginx reads its own server block and the volume git-sync publishes on', () => {
  const objects = manifestsOf(synthInMemory(guarded(defineLab())), 'nu94/main');
  const pod = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'homepage').spec.template.spec;
  const nginx = pod.containers.find((c: any) => c.name === 'homepage');
  expect(nginx.volumeMounts.map((m: any) => m.mountPath)).toEqual(expect.arrayContaining(['/git', '/etc/nginx/conf.d']));
  const sync = [...pod.containers, ...(pod.initContainers ?? [])].find((c: any) => c.name === 'git-sync');
  expect(sync.volumeMounts.map((m: any) => m.mountPath)).toContain('/git');
});

describe('setups of the sites and their analytics that are left alone', () => {
  const users = { volume: AppVolume.emptyDir(), mountPath: '/etc/clickhouse-server/users.d' };
  const events = (env: AppProps['env'], image: string, extra: Partial<AppProps> = {}): Record<string, Partial<AppProps>> => ({
    'plausible-events-db': {
      image, env,
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/clickhouse' },
        logs: { volume: AppVolume.emptyDir(), mountPath: '/var/log/clickhouse-server' },
        config: { volume: AppVolume.configMap('clickhouse-config'), mountPath: '/etc/clickhouse-server/config.d' },
        ...(extra.persistence as object),
      },
    },
  });

  test('ClickHouse 25 with CLICKHOUSE_SKIP_USER_SETUP, as Plausible\'s compose file runs it', () => {
    expect(shown(findingsOf(events({ CLICKHOUSE_SKIP_USER_SETUP: '1' }, 'clickhouse/clickhouse-server:25.3.2.39-alpine')))).toEqual([]);
  });

  test('ClickHouse given a user and a password from a Secret, with an emptyDir for the file its entrypoint writes', () => {
    const env = { CLICKHOUSE_USER: 'plausible', CLICKHOUSE_PASSWORD: secret('plausible', 'plausible', 'clickhouse-password') };
    expect(shown(findingsOf(events(env, 'clickhouse/clickhouse-server:25.3.2.39-alpine', { persistence: { users } })))).toEqual([]);
  });

  test('ClickHouse 24 left without a user, whose entrypoint writes no file', () => {
    expect(shown(findingsOf(events({}, 'clickhouse/clickhouse-server:24.12.3.47-alpine')))).toEqual([]);
  });

  test.each([['465', undefined], ['587', undefined], ['587', 'false'], ['465', 'true'], ['2525', 'true']])(
    "Ghost's mail on port %s with secure %s", (port, secure) => {
      const ghost = findingsOf({ ghost: { env: {
        url: 'https://blog.family.example.org', database__client: 'mysql', database__connection__host: 'mysql', database__connection__user: 'ghost',
        database__connection__password: secret('ghost', 'ghost-db', 'password'), database__connection__database: 'ghost',
        mail__transport: 'SMTP', mail__options__host: 'smtp.fastmail.com', mail__options__port: port,
        ...(secure === undefined ? {} : { mail__options__secure: secure }),
      } } });
      expect(shown(ghost)).toEqual([]);
    });
});

describe('what the new checks read', () => {
  test.each([
    ['clickhouse/clickhouse-server:25.1.3.23-alpine', true], ['clickhouse/clickhouse-server:25.1.2.3', false], ['clickhouse/clickhouse-server:25.1', true],
    ['clickhouse/clickhouse-server:24.8.14.39', false], ['clickhouse/clickhouse-server', true], ['clickhouse/clickhouse-server:head-alpine', true],
    ['clickhouse:25.8', true], ['clickhouse/clickhouse-server:26.1', true],
  ])('%s closes the default user: %s', (image, closes) => {
    expect(closesDefaultUser(image)).toBe(closes);
  });

  test('ClickHouse 25 given no user, with an emptyDir for its file, is an error on its image: its default user answers the loopback alone', () => {
    const users = { volume: AppVolume.emptyDir(), mountPath: '/etc/clickhouse-server/users.d' };
    const changed = { 'plausible-events-db': { image: 'clickhouse/clickhouse-server:25.3.2.39-alpine', env: {}, persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/clickhouse' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/var/log/clickhouse-server' }, users,
    } } };
    expect(shown(findingsOf(changed))).toEqual([expect.stringMatching(/^error props main\/plausible-events-db image: .*Authentication failed/)]);
  });

  test("Ghost's mail without TLS on 465 is an error on its secure setting", () => {
    expect(shown(findingsOf({ ghost: { env: { url: 'https://blog.family.example.org', mail__options__port: '465', mail__options__secure: 'false' } } }))).toEqual([
      expect.stringMatching(/^error props main\/ghost env\.mail__options__secure: .*times out/),
    ]);
  });

  test('git-sync publishing below nginx\'s document root, served as it is, is an error on the volume', () => {
    const findings = findingsOf({ homepage: {
      sidecars: [{ name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.4', args: ['--repo=https://github.com/jdoe/homepage.git', '--root=/usr/share/nginx/html/git'] }],
      persistence: { site: { volume: AppVolume.emptyDir(), mountPath: '/usr/share/nginx/html', containers: ['homepage', 'git-sync'] } },
    } });
    expect(shown(findings)).toEqual([
      expect.stringMatching(/^error props main\/homepage persistence\.site\.mountPath: .*\/usr\/share\/nginx\/html\/git\/<repository name>/),
    ]);
  });
});

describe('the URL Ghost and Plausible are told they are reached at', () => {
  test.each([
    ['ghost', 'url', 'https://blog.example.org', /env\.url: .*Ghost/],
    ['plausible', 'BASE_URL', 'https://plausible.family.example.org', /env\.BASE_URL: .*Plausible/],
    ['plausible', 'BASE_URL', 'http://stats.family.example.org', /env\.BASE_URL: .*http:\/\//],
  ])('%s told %s %s, off its route, is an error on it', (app, name, url, why) => {
    const env = { ...(app === 'ghost' ? { database__client: 'sqlite3' } : { SECRET_KEY_BASE: secret('plausible', 'plausible', 'secret-key-base') }), [name]: url };
    expect(shown(findingsOf({ [app]: { env } })).join('\n')).toMatch(why);
  });
});

test('git-sync 4 given no root is an error on its env; one whose root is on the scratch /tmp is left alone', () => {
  const sidecar = (env: Record<string, string>) => ({ homepage: { sidecars: [{ name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.4', env: { GITSYNC_REPO: 'https://github.com/jdoe/homepage.git', ...env } }] } });
  expect(shown(findingsOf(sidecar({ GITSYNC_LINK: 'current' })))).toEqual([
    expect.stringMatching(/^error props main\/homepage sidecars\[0\]\.env: .*--root must be specified.*GITSYNC_ROOT: '\/git', the volume site it shares/),
  ]);
  expect(shown(findingsOf(sidecar({ GITSYNC_ROOT: '/tmp/git' })))).toEqual([]);
});
