import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, rootInitExemption, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs the household's apps from the README alone: Firefly III with its cron and data importer, BookStack,
// Outline on the cluster's PostgreSQL, and n8n with webhooks called from outside. Each mistake passed synthesis and then
// served nothing, stopped as it started, or handed out URLs nobody reaches.

/** The Secrets of namespace `home` the apps read, made by hand. */
const secret = (key: string) => SecretReference.external('home', 'household', key);

/** The household's PostgreSQL (the official image, as its compose file runs it) in namespace `home`. */
const postgres = (cluster: ClusterChart) => new App(cluster, 'postgres', {
  namespace: 'home', image: 'postgres:17.2-alpine', runAsUser: 70, ports: [{ name: 'postgres', port: 5432 }], controller: AppController.statefulSet(),
  env: { POSTGRES_USER: 'household', POSTGRES_PASSWORD: secret('db-password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
    run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
  },
});

/** The household lab: its Secrets declared, then what `build` adds. */
const household = (build: (cluster: ClusterChart) => unknown) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'home', name: 'household' }, { namespace: 'home', name: 'n8n-worker' }] });
  build(cluster);
});

/** Firefly III on the household's PostgreSQL, serving HTTP on `port`. */
const firefly = (cluster: ClusterChart, port: { name: string; port: number; servicePort?: number } = { name: 'http', port: 8080, servicePort: 80 }) => new App(cluster, 'firefly-iii', {
  namespace: 'home', image: 'fireflyiii/core:version-6.2.10', ports: [port],
  env: { APP_KEY: secret('app-key'), DB_CONNECTION: 'pgsql', DB_HOST: 'postgres', DB_PASSWORD: secret('db-password'), STATIC_CRON_TOKEN: secret('cron-token'), TRUSTED_PROXIES: '**' },
  persistence: { upload: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html/storage/upload' } },
  egress: [postgres(cluster)], route: { host: 'firefly' },
});

/** n8n with a volume for its user folder (unless `persistence` replaces it) and `env` added. */
const n8n = (env: Record<string, unknown>, image = 'docker.n8n.io/n8nio/n8n:1.80.3', persistence: Record<string, unknown> = { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/home/node/.n8n' } }) => household((cluster) => new App(cluster, 'n8n', {
  namespace: 'home', image, ports: [{ name: 'http', port: 5678 }], env: { N8N_ENCRYPTION_KEY: secret('n8n-key'), GENERIC_TIMEZONE: 'Europe/Berlin', ...env },
  persistence: persistence as never, route: { host: 'n8n' },
}));

/** Outline on the household's PostgreSQL and Redis, its files in a bucket, with `env` added. */
const outline = (env: Record<string, unknown>) => household((cluster) => new App(cluster, 'outline', {
  namespace: 'home', image: 'outlinewiki/outline:0.82.0', ports: [{ name: 'http', port: 3000 }],
  env: {
    URL: 'https://docs.lab.test', SECRET_KEY: secret('outline-secret'), UTILS_SECRET: secret('outline-utils'), DATABASE_URL: secret('outline-db-url'),
    FILE_STORAGE: 's3', AWS_S3_UPLOAD_BUCKET_URL: 'https://s3.eu-central-003.backblazeb2.com', AWS_S3_UPLOAD_BUCKET_NAME: 'household-outline', ...env,
  },
  egress: [postgres(cluster), { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], route: { host: 'docs' },
}));

/** n8n in queue mode: its main process with its key, and a worker beside it given `workerKey`. */
const n8nWorker = (workerKey: Record<string, unknown>) => household((cluster) => {
  const queue = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis', DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'postgres', DB_POSTGRESDB_PASSWORD: secret('db-password') };
  new App(cluster, 'n8n', {
    namespace: 'home', image: 'docker.n8n.io/n8nio/n8n:1.80.3', ports: [{ name: 'http', port: 5678 }], env: { ...queue, N8N_ENCRYPTION_KEY: secret('n8n-key') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/home/node/.n8n' } }, route: { host: 'n8n' },
  });
  new App(cluster, 'n8n-worker', {
    namespace: 'home', image: 'docker.n8n.io/n8nio/n8n:1.80.3', args: ['worker'], env: { ...queue, ...workerKey },
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } },
  });
});

export const CASES: BadInput[] = [
  // Firefly III's compose file maps `80:8080`; the 80 copied as the container's port.
  {
    name: 'Firefly III declared on the port its compose file publishes', build: household((cluster) => firefly(cluster, { name: 'http', port: 80 })),
    layer: 'props', path: 'firefly-iii', field: 'ports[0].port', hint: /8080/,
  },
  // The compose file's cron container, `wget http://app:8080/api/v1/cron/$STATIC_CRON_TOKEN`, as a CronJob beside it.
  {
    name: "a CronJob that calls Firefly III's cron endpoint its policy does not admit",
    build: household((cluster) => {
      firefly(cluster);
      new App(cluster, 'firefly-cron', {
        namespace: 'home', image: 'curlimages/curl:8.11.1', command: ['sh', '-c', 'curl -fsS http://firefly-iii/api/v1/cron/$STATIC_CRON_TOKEN'],
        env: { STATIC_CRON_TOKEN: secret('cron-token') }, controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }),
      });
    }),
    layer: 'policy', path: 'firefly-cron', field: /command\[2\]$/, hint: /allowFrom: \[fireflyCron\] on firefly-iii/,
  },
  // Firefly III's Kubernetes cron manifest, written by hand beside the App, with wget as the compose file's.
  {
    name: "a hand-written CronJob whose wget calls Firefly III's cron endpoint unadmitted",
    build: household((cluster) => {
      firefly(cluster);
      new ApiObject(cluster, 'firefly-cron', {
        apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'firefly-cron', namespace: 'home' },
        spec: {
          schedule: '0 3 * * *', timeZone: 'Europe/Berlin',
          jobTemplate: { spec: { template: { spec: {
            restartPolicy: 'OnFailure', securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'cron', image: 'busybox:1.37.0', command: ['wget', '-qO-', 'http://firefly-iii.home.svc.cluster.local/api/v1/cron/$(STATIC_CRON_TOKEN)'],
              env: [{ name: 'STATIC_CRON_TOKEN', valueFrom: { secretKeyRef: { name: 'household', key: 'cron-token' } } }],
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            }],
          } } } },
        },
      });
    }),
    layer: 'policy', path: 'firefly-cron', field: /command\[2\]$/,
  },
  // n8n's docs pull the image from its own registry; its data volume forgotten.
  { name: "n8n from its own registry with nothing at its user folder", build: n8n({}, 'docker.n8n.io/n8nio/n8n:1.80.3', {}), layer: 'props', path: 'n8n', field: 'image', hint: /\/home\/node\/\.n8n/ },
  // The compose file's WEBHOOK_URL, the container's own name.
  { name: "n8n's WEBHOOK_URL on its Service's name", build: n8n({ WEBHOOK_URL: 'http://n8n:5678/' }), layer: 'props', path: 'n8n', field: 'env.WEBHOOK_URL', hint: /WEBHOOK_URL: 'https:\/\/n8n\.lab\.test\/'/ },
  // A worker added for queue mode, its key from a Secret of its own.
  {
    name: 'an n8n worker given another encryption key than its main process', build: n8nWorker({ N8N_ENCRYPTION_KEY: SecretReference.external('home', 'n8n-worker', 'key') }),
    layer: 'references', path: 'n8n-worker', field: 'env.N8N_ENCRYPTION_KEY', hint: /key "n8n-key" of Secret household/,
  },
  // linuxserver.io's sample APP_URL, `http://` kept on a route that serves HTTPS.
  {
    name: "BookStack's APP_URL on plain http behind an HTTPS route",
    build: household((cluster) => new App(cluster, 'bookstack', {
      namespace: 'home', image: 'lscr.io/linuxserver/bookstack:24.12.1', ports: [{ name: 'http', port: 80 }],
      env: { PUID: '1000', PGID: '1000', APP_URL: 'http://books.lab.test', APP_KEY: secret('bookstack-key'), DB_HOST: 'mariadb', DB_PASSWORD: secret('db-password') },
      exemptions: { runAsRoot: 's6-overlay starts as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
      route: { host: 'books' },
    })),
    layer: 'props', path: 'bookstack', field: 'env.APP_URL', hint: /APP_URL: 'https:\/\/books\.lab\.test'/,
  },
  // Outline's URL copied from the wiki it replaces.
  { name: "Outline's URL on a host its route does not serve", build: outline({ URL: 'https://wiki.lab.test' }), layer: 'props', path: 'outline', field: 'env.URL', hint: /URL: 'https:\/\/docs\.lab\.test'/ },
  // Outline beside the cluster's own PostgreSQL, which serves no TLS.
  { name: 'Outline on the official PostgreSQL image without PGSSLMODE', build: outline({}), layer: 'references', path: 'outline', field: 'env.PGSSLMODE', hint: /PGSSLMODE: 'disable'/ },
];
