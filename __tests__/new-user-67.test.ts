import type { Construct } from 'constructs';
import { AppController, AppVolume, declareExternal, HomelabApp, rootInitExemption, SecretReference } from '../constructs';
import { oneNodeLab, postgres } from './support/lab-sites';
import { shownFindings } from './support/lab-output';

// A new user's household apps, from the README alone and written right: Firefly III with its cron and data importer,
// Actual Budget, Grocy, Mealie, BookStack, Wiki.js, Outline (S3, OIDC, Redis, PostgreSQL) and n8n with webhooks
// reached from outside, on one PostgreSQL and one Redis. It synthesizes without a finding, and so do the setups the
// checks of that round read: a CronJob's curl admitted by its link, Outline told PGSSLMODE, n8n from its own registry.

const NS = 'household';
/** A key of the apps' Secret, made by hand. */
const secret = (key: string) => SecretReference.external(NS, 'apps', key);

function household(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'home', '10.167.0');
  declareExternal(cluster, { secrets: [{ namespace: NS, name: 'db' }, { namespace: NS, name: 'apps' }] });
  const dbPassword = SecretReference.external(NS, 'db', 'password');
  const db = postgres(cluster, NS, 'household', dbPassword);
  const redis = new HomelabApp(cluster, 'redis', {
    namespace: NS, image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  const firefly = new HomelabApp(cluster, 'firefly-iii', {
    namespace: NS, image: 'fireflyiii/core:version-6.2.10', ports: [{ name: 'http', port: 8080, servicePort: 80 }],
    env: {
      APP_KEY: secret('app-key'), APP_URL: 'https://firefly.home.jdoe.dev', TRUSTED_PROXIES: '**', DB_CONNECTION: 'pgsql', DB_HOST: 'postgres', DB_PORT: '5432',
      DB_DATABASE: 'household', DB_USERNAME: 'household', DB_PASSWORD: dbPassword, STATIC_CRON_TOKEN: secret('cron-token'), TZ: 'Europe/Berlin',
    },
    persistence: { upload: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html/storage/upload' } },
    egress: [db], route: { host: 'firefly' },
  });
  // The cron endpoint through the Service, admitted by the link; a heartbeat to a checker outside, on its port.
  new HomelabApp(cluster, 'firefly-cron', {
    namespace: NS, image: 'curlimages/curl:8.11.1',
    command: ['sh', '-c', 'curl -fsS http://firefly-iii/api/v1/cron/$STATIC_CRON_TOKEN && curl -fsS https://hc-ping.com/$PING_UUID'],
    env: { STATIC_CRON_TOKEN: secret('cron-token'), PING_UUID: secret('ping-uuid') },
    controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }),
    egress: [firefly, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  // A machine of the LAN, by its name, from a job whose egress is open.
  new HomelabApp(cluster, 'nas-wake', {
    namespace: NS, image: 'busybox:1.37.0', command: ['wget', '-qO-', 'http://nas.lan:8080/wake'],
    controller: AppController.cronJob({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin' }),
  });
  new HomelabApp(cluster, 'firefly-importer', {
    namespace: NS, image: 'fireflyiii/data-importer:version-1.6.1', ports: [{ name: 'http', port: 8080 }],
    env: { FIREFLY_III_URL: 'http://firefly-iii', VANITY_URL: 'https://firefly.home.jdoe.dev', FIREFLY_III_ACCESS_TOKEN: secret('importer-token'), TRUSTED_PROXIES: '**' },
    egress: [firefly], route: { host: 'importer' },
  });
  new HomelabApp(cluster, 'actual', {
    namespace: NS, image: 'actualbudget/actual-server:25.1.0', ports: [{ name: 'http', port: 5006 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
    route: { host: 'budget' },
  });
  const linuxserver = { runAsRoot: 's6-overlay starts as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' };
  new HomelabApp(cluster, 'grocy', {
    namespace: NS, image: 'lscr.io/linuxserver/grocy:4.3.0', ports: [{ name: 'http', port: 80 }], env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin' },
    exemptions: linuxserver, persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } }, route: { host: 'grocy' },
  });
  new HomelabApp(cluster, 'mealie', {
    namespace: NS, image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', ports: [{ name: 'http', port: 9000 }],
    env: { BASE_URL: 'https://recipes.home.jdoe.dev', DB_ENGINE: 'postgres', POSTGRES_USER: 'household', POSTGRES_PASSWORD: dbPassword, POSTGRES_SERVER: 'postgres', POSTGRES_PORT: '5432', POSTGRES_DB: 'mealie' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' } },
    egress: [db], route: { host: 'recipes' },
  });
  new HomelabApp(cluster, 'bookstack', {
    namespace: NS, image: 'lscr.io/linuxserver/bookstack:24.12.1', ports: [{ name: 'http', port: 80 }],
    env: { PUID: '1000', PGID: '1000', APP_URL: 'https://books.home.jdoe.dev', APP_KEY: secret('bookstack-key'), DB_HOST: 'mariadb.db.example', DB_PORT: '3306', DB_USERNAME: 'bookstack', DB_PASSWORD: dbPassword, DB_DATABASE: 'bookstack' },
    exemptions: linuxserver, persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } }, route: { host: 'books' },
  });
  new HomelabApp(cluster, 'wikijs', {
    namespace: NS, image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }],
    env: { DB_TYPE: 'postgres', DB_HOST: 'postgres', DB_PORT: '5432', DB_USER: 'household', DB_PASS: dbPassword, DB_NAME: 'wiki' },
    egress: [db], route: { host: 'wiki' },
  });
  new HomelabApp(cluster, 'outline', {
    namespace: NS, image: 'docker.getoutline.com/outlinewiki/outline:0.82.0', ports: [{ name: 'http', port: 3000 }],
    env: {
      URL: 'https://docs.home.jdoe.dev', SECRET_KEY: secret('outline-secret'), UTILS_SECRET: secret('outline-utils'), DATABASE_URL: secret('outline-db-url'), PGSSLMODE: 'disable',
      REDIS_URL: 'redis://redis:6379', FILE_STORAGE: 's3', AWS_S3_UPLOAD_BUCKET_URL: 'https://s3.eu-central-003.backblazeb2.com', AWS_S3_UPLOAD_BUCKET_NAME: 'jdoe-outline',
      AWS_REGION: 'eu-central-003', AWS_ACCESS_KEY_ID: secret('s3-key-id'), AWS_SECRET_ACCESS_KEY: secret('s3-secret'),
      OIDC_CLIENT_ID: 'outline', OIDC_CLIENT_SECRET: secret('oidc-secret'), OIDC_AUTH_URI: 'https://auth.jdoe.dev/authorize',
      OIDC_TOKEN_URI: 'https://auth.jdoe.dev/api/oidc/token', OIDC_USERINFO_URI: 'https://auth.jdoe.dev/api/oidc/userinfo',
    },
    egress: [db, redis, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], route: { host: 'docs' },
  });
  // n8n in queue mode: its main process and a worker on one key, and a second n8n of its own to try workflows on.
  const queue = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis', DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'postgres', DB_POSTGRESDB_PASSWORD: dbPassword, GENERIC_TIMEZONE: 'Europe/Berlin' };
  new HomelabApp(cluster, 'n8n', {
    namespace: NS, image: 'docker.n8n.io/n8nio/n8n:1.80.3', ports: [{ name: 'http', port: 5678 }],
    env: { ...queue, N8N_HOST: 'n8n.home.jdoe.dev', N8N_PROTOCOL: 'https', WEBHOOK_URL: 'https://n8n.home.jdoe.dev/', N8N_PROXY_HOPS: '1', N8N_ENCRYPTION_KEY: secret('n8n-key') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/home/node/.n8n' } },
    egress: [db, redis], route: { host: 'n8n' },
  });
  new HomelabApp(cluster, 'n8n-worker', {
    namespace: NS, image: 'docker.n8n.io/n8nio/n8n:1.80.3', args: ['worker'], env: { ...queue, N8N_ENCRYPTION_KEY: secret('n8n-key') },
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } },
    egress: [db, redis, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  new HomelabApp(cluster, 'n8n-sandbox', {
    namespace: NS, image: 'n8nio/n8n:1.80.3', ports: [{ name: 'http', port: 5678 }],
    env: { N8N_ENCRYPTION_KEY: secret('n8n-sandbox-key'), N8N_WEBHOOK_URL: 'https://n8n-sandbox.home.jdoe.dev/' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/node/.n8n' } },
    route: { host: 'n8n-sandbox' },
  });
}

describe("a new user's household apps", () => {
  test('synthesize without a finding', () => {
    expect(shownFindings(household)).toEqual([]);
  });
});
