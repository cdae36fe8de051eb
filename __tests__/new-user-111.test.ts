import type { Construct } from 'constructs';
import { AppController, AppVolume, declareExternal, ExternalSecret, HomelabApp, host, rootInitExemption, SecretReference } from '../constructs';
import { configFile, k3sCluster, labSite } from './support/lab-sites';
import { shownFindings } from './support/lab-output';
import { djangoCsrfOriginProblems } from '../constructs/app/django-csrf-origins';
import { mealieOidcProblems } from '../constructs/app/mealie-oidc';
import { tlsOnlyPort } from '../constructs/app/tls-only-ports';

// A new user's household apps, second wave, from the README alone: Grocy and Baby Buddy of linuxserver.io, Mealie
// signing in through OpenID Connect on PostgreSQL, Monica on MySQL, wger with its Celery worker and beat beside the web
// server and its static files served by an nginx sidecar, Homebox, Actual Budget, and Firefly III with its data
// importer and a cron job calling its cron URL. Written as their guides write them, it synthesizes without a finding.

const linuxserver = { runAsRoot: 's6-overlay starts as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' };
const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const external = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** PostgreSQL of the alpine image in `namespace`, its user and database `user`. */
function postgresIn(cluster: Construct, namespace: string, user: string, password: SecretReference): HomelabApp {
  return new HomelabApp(cluster, `${namespace}-db`, {
    namespace, image: 'postgres:17.2-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70, controller: AppController.statefulSet(),
    env: { POSTGRES_USER: user, POSTGRES_DB: user, POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
}

function household(scope: Construct): void {
  const node = host('home111-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.111.0.11' });
  const lab = labSite('home111', '10.111.0', [node]);
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, {
    secrets: [['mealie', 'mealie'], ['monica', 'monica'], ['wger', 'wger'], ['firefly', 'firefly'], ['actual', 'actual-tls']].map(([namespace, name]) => ({ namespace, name })),
    clusterSecretStores: ['vault'],
  });

  new HomelabApp(cluster, 'grocy', {
    image: 'lscr.io/linuxserver/grocy:4.3.0', ports: [{ name: 'http', port: 80 }], env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin' },
    exemptions: linuxserver, persistence: { config: { volume: claim('1Gi'), mountPath: '/config' } }, route: { host: 'grocy' },
  });

  const mealieDb = postgresIn(cluster, 'mealie', 'mealie', external('mealie', 'mealie', 'db-password'));
  new HomelabApp(cluster, 'mealie', {
    image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', ports: [{ name: 'http', port: 9000 }],
    env: {
      BASE_URL: 'https://recipes.home111.jdoe.dev', ALLOW_SIGNUP: 'false', TZ: 'Europe/Berlin',
      DB_ENGINE: 'postgres', POSTGRES_USER: 'mealie', POSTGRES_PASSWORD: external('mealie', 'mealie', 'db-password'), POSTGRES_SERVER: 'mealie-db', POSTGRES_PORT: '5432', POSTGRES_DB: 'mealie',
      OIDC_AUTH_ENABLED: 'true', OIDC_SIGNUP_ENABLED: 'true', OIDC_CONFIGURATION_URL: 'https://auth.jdoe.dev/.well-known/openid-configuration',
      OIDC_CLIENT_ID: 'mealie', OIDC_CLIENT_SECRET: external('mealie', 'mealie', 'oidc-client-secret'), OIDC_USER_GROUP: 'family', OIDC_ADMIN_GROUP: 'admins',
      OIDC_AUTO_REDIRECT: 'false', OIDC_PROVIDER_NAME: 'Authelia', OIDC_REMEMBER_ME: 'true',
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/app/data' } },
    egress: [mealieDb, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], route: { host: 'recipes' },
  });

  new HomelabApp(cluster, 'babybuddy', {
    image: 'lscr.io/linuxserver/babybuddy:2.7.0', ports: [{ name: 'http', port: 8000 }],
    env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin', CSRF_TRUSTED_ORIGINS: 'https://baby.home111.jdoe.dev' },
    exemptions: linuxserver, persistence: { config: { volume: claim('1Gi'), mountPath: '/config' } }, route: { host: 'baby' },
  });

  const monicaSecret = new ExternalSecret(cluster, 'monica-keys', {
    namespace: 'monica', store: { name: 'vault' }, data: { 'app-key': { remoteKey: 'household/monica', property: 'app-key' } },
  });
  const mysql = new HomelabApp(cluster, 'monica-db', {
    namespace: 'monica', image: 'mysql:8.4.3', runAsUser: 999, controller: AppController.statefulSet(), ports: [{ name: 'mysql', port: 3306 }],
    env: { MYSQL_RANDOM_ROOT_PASSWORD: 'true', MYSQL_DATABASE: 'monica', MYSQL_USER: 'monica', MYSQL_PASSWORD: external('monica', 'monica', 'db-password') },
    persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/mysqld' } },
  });
  new HomelabApp(cluster, 'monica', {
    image: 'monica:4.1.2-apache', ports: [{ name: 'http', port: 80 }],
    env: {
      APP_KEY: monicaSecret.key('app-key'), APP_URL: 'https://monica.home111.jdoe.dev', APP_ENV: 'production', APP_TRUSTED_PROXIES: '*',
      DB_HOST: 'monica-db', DB_DATABASE: 'monica', DB_USERNAME: 'monica', DB_PASSWORD: external('monica', 'monica', 'db-password'),
    },
    exemptions: {
      runAsRoot: 'its entrypoint chowns its storage, then Apache binds port 80', addCapabilities: rootInitExemption('supervisor', 'Apache runs its workers as www-data'),
      writableRootFilesystem: 'Apache writes its pid file under /var/run/apache2',
    },
    persistence: { storage: { volume: claim('5Gi'), mountPath: '/var/www/html/storage' } },
    egress: [mysql], route: { host: 'monica' },
  });

  // wger: the web server, its Celery worker and beat, Redis and PostgreSQL; nginx beside the web server serves /static.
  const wgerDb = postgresIn(cluster, 'wger', 'wger', external('wger', 'wger', 'db-password'));
  const wgerRedis = new HomelabApp(cluster, 'wger-cache', {
    namespace: 'wger', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  const wgerEnv = {
    SECRET_KEY: external('wger', 'wger', 'secret-key'), SIGNING_KEY: external('wger', 'wger', 'signing-key'), TIME_ZONE: 'Europe/Berlin',
    SITE_URL: 'https://fit.home111.jdoe.dev', CSRF_TRUSTED_ORIGINS: 'https://fit.home111.jdoe.dev', X_FORWARDED_PROTO_HEADER_SET: 'True',
    DJANGO_DB_ENGINE: 'django.db.backends.postgresql', DJANGO_DB_DATABASE: 'wger', DJANGO_DB_USER: 'wger', DJANGO_DB_PASSWORD: external('wger', 'wger', 'db-password'),
    DJANGO_DB_HOST: 'wger-db', DJANGO_DB_PORT: '5432', DJANGO_PERFORM_MIGRATIONS: 'True',
    DJANGO_CACHE_BACKEND: 'django_redis.cache.RedisCache', DJANGO_CACHE_LOCATION: 'redis://wger-cache:6379/1', DJANGO_CACHE_TIMEOUT: '1296000',
    DJANGO_CACHE_CLIENT_CLASS: 'django_redis.client.DefaultClient', USE_CELERY: 'True', CELERY_BROKER: 'redis://wger-cache:6379/2', CELERY_BACKEND: 'redis://wger-cache:6379/2',
    WGER_USE_GUNICORN: 'True', SYNC_EXERCISES_CELERY: 'True',
  };
  const wgerEgress = [wgerDb, wgerRedis, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }];
  configFile(cluster, 'wger', 'wger-nginx', 'default.conf', [
    'server {', '  listen 8080;', '  location /static/ { alias /home/wger/static/; }', '  location /media/ { alias /home/wger/media/; }',
    '  location / { proxy_pass http://127.0.0.1:8000; proxy_set_header Host $host; proxy_set_header X-Forwarded-Proto https; }', '}', '',
  ].join('\n'));
  new HomelabApp(cluster, 'wger', {
    image: 'wger/server:2.3', ports: [{ name: 'web', port: 8000 }], env: wgerEnv,
    persistence: {
      static: { volume: AppVolume.emptyDir(), mountPath: '/home/wger/static', containers: ['wger', 'nginx'] },
      media: { volume: claim('5Gi'), mountPath: '/home/wger/media', containers: ['wger', 'nginx'] },
      nginx: { volume: AppVolume.configMap('wger-nginx'), mountPath: '/etc/nginx/conf.d', containers: ['nginx'], readOnly: true },
    },
    sidecars: [{ name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.3', ports: [{ name: 'proxy', port: 8080 }] }],
    egress: wgerEgress, route: { host: 'fit', port: 8080 },
  });
  new HomelabApp(cluster, 'wger-worker', {
    namespace: 'wger', image: 'wger/server:2.3', command: ['/start-worker'], env: wgerEnv,
    persistence: { media: { volume: AppVolume.emptyDir(), mountPath: '/home/wger/media' } }, egress: wgerEgress,
  });
  new HomelabApp(cluster, 'wger-beat', {
    namespace: 'wger', image: 'wger/server:2.3', command: ['/start-beat'], env: wgerEnv,
    persistence: { beat: { volume: claim('100Mi'), mountPath: '/home/wger/beat' } }, egress: wgerEgress,
  });

  new HomelabApp(cluster, 'homebox', {
    image: 'ghcr.io/sysadminsmedia/homebox:0.17.2-rootless', runAsUser: 65532, ports: [{ name: 'http', port: 7745 }],
    env: { HBOX_LOG_LEVEL: 'info', HBOX_LOG_FORMAT: 'text', HBOX_WEB_MAX_UPLOAD_SIZE: '10', HBOX_OPTIONS_ALLOW_REGISTRATION: 'false', TZ: 'Europe/Berlin' },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' } }, route: { host: 'homebox' },
  });

  new HomelabApp(cluster, 'actual', {
    image: 'actualbudget/actual-server:25.1.0', ports: [{ name: 'http', port: 5006 }],
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' } }, route: { host: 'budget' },
  });
  // A second budget server reached on the LAN at its own address, serving the HTTPS its web app needs itself.
  new HomelabApp(cluster, 'actual-lan', {
    namespace: 'actual', image: 'actualbudget/actual-server:25.1.0', ports: [{ name: 'https', port: 5006, appProtocol: 'https' }],
    env: { ACTUAL_HTTPS_KEY: '/certs/tls.key', ACTUAL_HTTPS_CERT: '/certs/tls.crt' },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' }, certs: { volume: AppVolume.secret('actual-tls'), mountPath: '/certs', readOnly: true } },
    loadBalancer: { address: lab.pools.lb.at('10.111.0.201') },
  });

  const fireflyDb = postgresIn(cluster, 'firefly', 'firefly', external('firefly', 'firefly', 'db-password'));
  const firefly = new HomelabApp(cluster, 'firefly-iii', {
    namespace: 'firefly', image: 'fireflyiii/core:version-6.2.10', ports: [{ name: 'http', port: 8080 }],
    env: {
      APP_KEY: external('firefly', 'firefly', 'app-key'), APP_URL: 'https://money.home111.jdoe.dev', TRUSTED_PROXIES: '**', TZ: 'Europe/Berlin',
      DB_CONNECTION: 'pgsql', DB_HOST: 'firefly-db', DB_PORT: '5432', DB_DATABASE: 'firefly', DB_USERNAME: 'firefly', DB_PASSWORD: external('firefly', 'firefly', 'db-password'),
      STATIC_CRON_TOKEN: external('firefly', 'firefly', 'cron-token'),
    },
    persistence: { upload: { volume: claim('5Gi'), mountPath: '/var/www/html/storage/upload' } },
    egress: [fireflyDb], route: { host: 'money' },
  });
  new HomelabApp(cluster, 'firefly-importer', {
    namespace: 'firefly', image: 'fireflyiii/data-importer:version-1.6.1', ports: [{ name: 'http', port: 8080 }],
    env: { FIREFLY_III_URL: 'http://firefly-iii:8080', VANITY_URL: 'https://money.home111.jdoe.dev', FIREFLY_III_ACCESS_TOKEN: external('firefly', 'firefly', 'importer-token'), TRUSTED_PROXIES: '**' },
    egress: [firefly], route: { host: 'import' },
  });
  new HomelabApp(cluster, 'firefly-cron', {
    namespace: 'firefly', image: 'curlimages/curl:8.11.1',
    command: ['sh', '-c', 'curl -fsS "http://firefly-iii:8080/api/v1/cron/${STATIC_CRON_TOKEN}"'],
    env: { STATIC_CRON_TOKEN: external('firefly', 'firefly', 'cron-token') },
    controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }), egress: [firefly],
  });
}

describe("a new user's household apps, second wave", () => {
  test('synthesize without a finding', () => {
    expect(shownFindings(household)).toEqual([]);
  });
});

/** One container of `image` with `env` (and `command`, where given), as the checks read an app's props. */
const containerOf = (image: string, env: Record<string, unknown>, command?: string[]) => [{ container: { image, env, command }, prefix: '' } as never];

describe("Django's CSRF origins of Baby Buddy and wger", () => {
  test.each([
    ['origins with their scheme', 'lscr.io/linuxserver/babybuddy:2.7.0', { CSRF_TRUSTED_ORIGINS: 'http://127.0.0.1:8000,https://baby.lab.test' }, undefined],
    ['a list read from a Secret', 'wger/server:2.3', { CSRF_TRUSTED_ORIGINS: SecretReference.external('wger', 'wger', 'origins') }, undefined],
    ["wger's Celery worker, which never checks the list", 'wger/server:2.3', { CSRF_TRUSTED_ORIGINS: 'fit.lab.test' }, ['/start-worker']],
    ['another Django image', 'ghcr.io/acme/django-app:1.0', { CSRF_TRUSTED_ORIGINS: 'app.lab.test' }, undefined],
  ])('%s is left alone', (_name, image, env, command) => {
    expect(djangoCsrfOriginProblems(containerOf(image, env, command))).toEqual([]);
  });
  test("wger's web server is told the list with each origin's scheme", () => {
    expect(djangoCsrfOriginProblems(containerOf('docker.io/wger/server:latest', { CSRF_TRUSTED_ORIGINS: 'fit.lab.test,https://10.0.0.5' })).map((p) => p.hint))
      .toEqual(["write each origin with its scheme, as the browser sends it: CSRF_TRUSTED_ORIGINS: 'https://fit.lab.test,https://10.0.0.5'"]);
  });
});

describe("Mealie's OIDC configuration URL", () => {
  test.each([
    ['the discovery document', 'https://auth.lab.test/application/o/mealie/.well-known/openid-configuration'],
    ['a URL read from a Secret', SecretReference.external('mealie', 'mealie', 'oidc-url')],
  ])('%s is left alone', (_name, url) => {
    expect(mealieOidcProblems(containerOf('ghcr.io/mealie-recipes/mealie:v2.8.0', { OIDC_CONFIGURATION_URL: url }))).toEqual([]);
  });
});

describe("Actual's server on HTTPS", () => {
  test('its port answers TLS alone only with both its key and its certificate', () => {
    const image = 'actualbudget/actual-server:25.1.0';
    expect(tlsOnlyPort(image, 5006, { ACTUAL_HTTPS_KEY: '/certs/tls.key' })).toBeUndefined();
    expect(tlsOnlyPort(image, 5006, { ACTUAL_HTTPS_KEY: '/certs/tls.key', ACTUAL_HTTPS_CERT: '/certs/tls.crt' })?.tlsBy).toEqual(['ACTUAL_HTTPS_KEY', 'ACTUAL_HTTPS_CERT']);
  });
});
