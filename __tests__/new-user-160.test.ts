import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  acmeCloudflareDns01, AppController, AppVolume, ChartRelease, ClusterChart, declareControllerMade, declareExternal, externalHost, flux, HomelabApp, host, k3s,
  localPathStorage, metalLb, nfsStorage, SecretReference, servesPorts, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';
import { synthInMemory } from './support/synth';

// The family's office cloud: Nextcloud (its FPM image with nginx as a sidecar) on PostgreSQL run by CloudNativePG,
// Redis for its file locks, its cron as a CronJob run as www-data, notify_push for the desktop clients, Collabora
// Online (CODE) for documents, large uploads through Traefik, its data on the NAS's NFS export and the database
// backed up to the NAS; Vaultwarden and Immich beside it. K3s on two mini PCs, MetalLB, Traefik with Let's Encrypt
// by DNS-01 on Cloudflare, Flux. Written from the README as a newcomer would write it.

/** What one mistake changes in the lab. */
interface Changes {
  /** Props merged over Nextcloud's. */
  readonly nextcloud?: Partial<AppProps>;
  /** Props merged over the cron job's. */
  readonly cron?: Partial<AppProps>;
  /** Props merged over Collabora's. */
  readonly collabora?: Partial<AppProps>;
  /** Props merged over Redis'. */
  readonly redis?: Partial<AppProps>;
  /** Props merged over Vaultwarden's. */
  readonly vaultwarden?: Partial<AppProps>;
  /** Props merged over Immich's server's. */
  readonly immich?: Partial<AppProps>;
  /** Fields merged over the database Cluster's spec. */
  readonly dbSpec?: Record<string, unknown>;
  /** Fields merged over the ScheduledBackup's spec. */
  readonly backupSpec?: Record<string, unknown>;
  /** Traefik's read timeout. */
  readonly readTimeout?: string;
  /** The operator's Secret of the database declared as one the owner makes. */
  readonly ownerMadeDbSecret?: boolean;
  /** The database's Secret also written out, empty, as a Secret of the repository. */
  readonly dbSecretWritten?: boolean;
}

const NEXTCLOUD_IMAGE = 'nextcloud:30.0.4-fpm';

function defineLab(changes: Changes = {}): (scope: Construct) => void {
  return guarded((scope: Construct) => {
    const mini1 = host('mini-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.21', model: 'Beelink EQ12', cores: 4, memoryGigabytes: 16, gpus: [{ vendor: 'intel' }] });
    const mini2 = host('mini-2', { arch: 'amd64', roles: ['worker'], address: '192.168.10.22', model: 'Beelink EQ12', cores: 4, memoryGigabytes: 16, gpus: [{ vendor: 'intel' }] });
    const nas = externalHost('nas', { address: '192.168.10.5', ports: { nfs: 2049, s3: 9000 } });
    const home = site('office', {
      domain: 'family.example.net', hosts: [mini1, mini2], externalHosts: { nas },
      pools: { lb: { first: '192.168.10.240', last: '192.168.10.250' } },
      nfs: {
        cloud: { server: '192.168.10.5', path: '/volume1/nextcloud', capacity: '4T' },
        photos: { server: '192.168.10.5', path: '/volume1/photos', capacity: '2T' },
      },
      git: { url: 'ssh://git@github.com/family/office-cloud.git', branch: 'main' },
    });

    class Office extends ClusterChart {
      constructor(s: Construct) {
        super(s, 'main', {
          site: home, hosts: [mini1, mini2], externalHosts: [nas],
          preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
          routes: traefik({
            address: home.pools.lb.at('192.168.10.240'), certResolver: 'letsencrypt',
            acme: { letsencrypt: acmeCloudflareDns01({ apiToken: SecretReference.external('traefik', 'cloudflare-api-token', 'api-token') }) },
            readTimeout: changes.readTimeout ?? '1h',
          }),
          loadBalancer: metalLb({ pools: [home.pools.lb] }),
          storage: { fast: localPathStorage(), nas: nfsStorage(home.nfs.cloud) },
          gitops: flux(),
        });

        // CloudNativePG: the operator from its chart, then the database Cluster and its nightly backup to the NAS' S3.
        new ChartRelease(this, 'cnpg', {
          namespace: 'cnpg-system',
          chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.23.0' },
          network: servesPorts({ port: 9443, purpose: 'admission webhook, called by the API server' }),
          crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup'] }],
        });
        new ApiObject(this, 'nextcloud-db', {
          apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'nextcloud-db', namespace: 'cloud' },
          spec: {
            instances: 1, imageName: 'ghcr.io/cloudnative-pg/postgresql:16.6',
            storage: { size: '10Gi', storageClass: 'local-path' },
            bootstrap: { initdb: { database: 'nextcloud', owner: 'nextcloud' } },
            backup: {
              retentionPolicy: '30d',
              barmanObjectStore: {
                destinationPath: 's3://cnpg-backups/', endpointURL: 'http://192.168.10.5:9000',
                s3Credentials: {
                  accessKeyId: { name: 'nas-s3', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'nas-s3', key: 'ACCESS_SECRET_KEY' },
                },
              },
            },
            ...changes.dbSpec,
          },
        });
        new ApiObject(this, 'nextcloud-db-nightly', {
          apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'nextcloud-db-nightly', namespace: 'cloud' },
          spec: { schedule: '0 0 3 * * *', backupOwnerReference: 'self', cluster: { name: 'nextcloud-db' }, ...changes.backupSpec },
        });
        (changes.ownerMadeDbSecret ? declareExternal : declareControllerMade)(this, { secrets: [{ namespace: 'cloud', name: 'nextcloud-db-app' }] });
        if (changes.dbSecretWritten) {
          new ApiObject(this, 'nextcloud-db-app', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'nextcloud-db-app', namespace: 'cloud' }, type: 'Opaque' });
        }
        declareExternal(this, { secrets: [{ namespace: 'cloud', name: 'nas-s3' }] });

        const redis = new HomelabApp(this, 'redis', {
          namespace: 'cloud', image: 'redis:7.4.2-alpine', runAsUser: 999, runAsGroup: 999,
          args: ['--save', '', '--appendonly', 'no'],
          ports: [{ name: 'redis', port: 6379 }],
          persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
          ...changes.redis,
        });

        // Nextcloud reads every *.config.php of its config folder: Redis for the file locks and memcache.
        new ApiObject(this, 'nextcloud-config', {
          apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nextcloud-config', namespace: 'cloud' },
          data: {
            'redis.config.php': "<?php\n$CONFIG = array(\n  'memcache.locking' => '\\\\OC\\\\Memcache\\\\Redis',\n  'redis' => array('host' => 'redis', 'port' => 6379),\n);\n",
          },
        });
        new ApiObject(this, 'nextcloud-nginx', {
          apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nextcloud-nginx', namespace: 'cloud' },
          data: {
            'default.conf': [
              'server {',
              '  listen 8080;',
              '  root /var/www/html;',
              '  client_max_body_size 16G;',
              '  index index.php;',
              '  location ~ \\.php(?:$|/) {',
              '    fastcgi_split_path_info ^(.+?\\.php)(/.*)$;',
              '    include fastcgi_params;',
              '    fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;',
              '    fastcgi_pass 127.0.0.1:9000;',
              '  }',
              '}',
              '',
            ].join('\n'),
          },
        });

        const html = AppVolume.claim({ tier: 'fast', size: '10Gi' });
        const data = AppVolume.claim({ tier: 'nas', size: '2Ti', accessMode: 'ReadWriteMany' });
        const dbUser = SecretReference.external('cloud', 'nextcloud-db-app', 'username');
        const dbPassword = SecretReference.external('cloud', 'nextcloud-db-app', 'password');
        const nextcloud = new HomelabApp(this, 'nextcloud', {
          namespace: 'cloud', image: NEXTCLOUD_IMAGE, runAsUser: 33, runAsGroup: 33, fsGroup: 33,
          ports: [{ name: 'fpm', port: 9000 }],
          env: {
            POSTGRES_HOST: 'nextcloud-db-rw', POSTGRES_DB: 'nextcloud', POSTGRES_USER: dbUser, POSTGRES_PASSWORD: dbPassword,
            NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.family.example.net', TRUSTED_PROXIES: '10.42.0.0/16', OVERWRITEPROTOCOL: 'https',
            PHP_UPLOAD_LIMIT: '16G', PHP_MEMORY_LIMIT: '1G',
          },
          resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '2Gi' },
          persistence: {
            html: { volume: html, mountPath: '/var/www/html', containers: ['nextcloud', 'nginx', 'notify-push'] },
            data: { volume: data, mountPath: '/var/www/html/data', containers: ['nextcloud', 'notify-push'] },
            config: { volume: AppVolume.configMap('nextcloud-config'), mounts: [{ mountPath: '/var/www/html/config/redis.config.php', subPath: 'redis.config.php' }] },
            nginx: { volume: AppVolume.configMap('nextcloud-nginx'), mounts: [{ mountPath: '/etc/nginx/conf.d', readOnly: true }], containers: ['nginx'] },
          },
          sidecars: [
            { name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.3', ports: [{ name: 'http', port: 8080 }], runAsUser: 101 },
            {
              name: 'notify-push', image: NEXTCLOUD_IMAGE,
              command: ['/var/www/html/custom_apps/notify_push/bin/x86_64/notify_push', '/var/www/html/config/config.php'],
              env: { PORT: '7867', NEXTCLOUD_URL: 'http://localhost:8080' },
              ports: [{ name: 'push', port: 7867 }],
            },
          ],
          route: {
            host: 'cloud', maxBodySize: '16Gi',
            rules: [
              { path: '/push', backends: [{ service: 'nextcloud', port: 7867 }], rewrite: { pathPrefix: '/' } },
              { path: '/' },
            ],
          },
          egress: [redis],
          ...changes.nextcloud,
        });
        redis.addAllowFrom(nextcloud);

        new HomelabApp(this, 'nextcloud-cron', {
          namespace: 'cloud', image: NEXTCLOUD_IMAGE, runAsUser: 33, runAsGroup: 33, fsGroup: 33,
          controller: AppController.cronJob({ schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid' }),
          command: ['php', '-f', '/var/www/html/cron.php'],
          env: { POSTGRES_HOST: 'nextcloud-db-rw', POSTGRES_DB: 'nextcloud', POSTGRES_USER: dbUser, POSTGRES_PASSWORD: dbPassword },
          persistence: {
            html: { volume: html, mountPath: '/var/www/html' },
            data: { volume: data, mountPath: '/var/www/html/data' },
          },
          egress: [redis],
          ...changes.cron,
        });

        new HomelabApp(this, 'collabora', {
          namespace: 'cloud', image: 'collabora/code:24.04.12.1.1',
          ports: [{ name: 'http', port: 9980 }],
          env: {
            aliasgroup1: 'https://cloud.family.example.net:443',
            server_name: 'office.family.example.net',
            extra_params: '--o:ssl.enable=false --o:ssl.termination=true',
            username: SecretReference.external('cloud', 'collabora-admin', 'username'),
            password: SecretReference.external('cloud', 'collabora-admin', 'password'),
          },
          resources: { cpuRequest: '250m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
          route: { host: 'office' },
          ...changes.collabora,
        });

        new HomelabApp(this, 'vaultwarden', {
          namespace: 'vaultwarden', image: 'vaultwarden/server:1.32.7',
          ports: [{ name: 'http', port: 8080 }],
          env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.family.example.net', SIGNUPS_ALLOWED: 'false', ADMIN_TOKEN: SecretReference.external('vaultwarden', 'vaultwarden-admin', 'token') },
          persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
          route: { host: 'vault' },
          ...changes.vaultwarden,
        });

        const immichDb = new HomelabApp(this, 'immich-postgres', {
          namespace: 'immich', image: 'ghcr.io/immich-app/postgres:14-vectorchord0.3.0-pgvectors0.2.0', controller: AppController.statefulSet(),
          runAsUser: 999, runAsGroup: 999,
          ports: [{ name: 'postgres', port: 5432 }],
          env: {
            POSTGRES_USER: 'immich', POSTGRES_DB: 'immich', POSTGRES_PASSWORD: SecretReference.external('immich', 'immich-db', 'password'),
            PGDATA: '/var/lib/postgresql/data/pgdata',
          },
          persistence: {
            data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
            run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
          },
        });
        const immichRedis = new HomelabApp(this, 'immich-redis', {
          namespace: 'immich', image: 'redis:7.4.2-alpine', runAsUser: 999, runAsGroup: 999,
          args: ['--save', '', '--appendonly', 'no'], ports: [{ name: 'redis', port: 6379 }],
          persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
        });
        const ml = new HomelabApp(this, 'immich-machine-learning', {
          namespace: 'immich', image: 'ghcr.io/immich-app/immich-machine-learning:v1.132.3',
          ports: [{ name: 'http', port: 3003 }],
          persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' } },
          resources: { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
        });
        const immich = new HomelabApp(this, 'immich', {
          namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.132.3',
          ports: [{ name: 'http', port: 2283 }],
          env: {
            DB_HOSTNAME: 'immich-postgres', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich',
            DB_PASSWORD: SecretReference.external('immich', 'immich-db', 'password'),
            REDIS_HOSTNAME: 'immich-redis', IMMICH_MACHINE_LEARNING_URL: 'http://immich-machine-learning:3003',
          },
          persistence: { upload: { volume: AppVolume.nfs(home.nfs.photos), mountPath: '/usr/src/app/upload' } },
          resources: { cpuRequest: '250m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
          route: { host: 'photos', maxBodySize: 'unlimited' },
          egress: [immichDb, immichRedis, ml],
          ...changes.immich,
        });
        immichDb.addAllowFrom(immich);
        immichRedis.addAllowFrom(immich);
        ml.addAllowFrom(immich);
      }
    }
    new Office(scope);
  });
}

describe("the family's office cloud, written from the README", () => {
  let obvious: ReturnType<typeof synthInMemory> | undefined;
  const result = (): ReturnType<typeof synthInMemory> => (obvious ??= synthInMemory(defineLab()));
  expectObviousLabClean(result);
});

const NC_ENV = {
  POSTGRES_HOST: 'nextcloud-db-rw', POSTGRES_DB: 'nextcloud',
  POSTGRES_USER: SecretReference.external('cloud', 'nextcloud-db-app', 'username'),
  POSTGRES_PASSWORD: SecretReference.external('cloud', 'nextcloud-db-app', 'password'),
  NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.family.example.net', TRUSTED_PROXIES: '10.42.0.0/16', OVERWRITEPROTOCOL: 'https',
  PHP_UPLOAD_LIMIT: '16G', PHP_MEMORY_LIMIT: '1G',
};

const MISTAKES: Array<[string, Changes, string[]]> = [
  ['collabora aliasgroup copied from the docs', { collabora: { env: { aliasgroup1: 'https://cloud.example.com:443', extra_params: '--o:ssl.enable=false --o:ssl.termination=true' } } }, [
    "error main/collabora env.aliasgroup1: aliasgroup1 \"https://cloud.example.com:443\" names cloud.example.com, and Nextcloud's route serves cloud.family.example.net: Collabora answers WOPI requests from any other host with \"unauthorized WOPI host\", so no document would open | name the host Nextcloud is reached at: aliasgroup1: 'https://cloud.family.example.net:443'",
  ]],
  ['trusted domains left on localhost', { nextcloud: { env: { ...NC_ENV, NEXTCLOUD_TRUSTED_DOMAINS: 'localhost' } } }, [
    "error main/nextcloud env.NEXTCLOUD_TRUSTED_DOMAINS: NEXTCLOUD_TRUSTED_DOMAINS \"localhost\" leaves out cloud.family.example.net, which the app's route serves: it answers every request at any other host with \"Access through untrusted domain\" | list the route's host, as the browser sends it: NEXTCLOUD_TRUSTED_DOMAINS: 'localhost cloud.family.example.net'",
  ]],
  ['trusted domains comma separated', { nextcloud: { env: { ...NC_ENV, NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.family.example.net,localhost' } } }, [
    "error main/nextcloud env.NEXTCLOUD_TRUSTED_DOMAINS: NEXTCLOUD_TRUSTED_DOMAINS \"cloud.family.example.net,localhost\" is split at spaces alone, so \"cloud.family.example.net,localhost\" is one name, which no request carries: it answers every request at any other host with \"Access through untrusted domain\" | separate the names with spaces: NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.family.example.net localhost'",
  ]],
  ['REDIS_HOST from the image docs', { nextcloud: { env: { ...NC_ENV, REDIS_HOST: 'redis' } } }, [
    "error main/nextcloud env.REDIS_HOST: image \"nextcloud:30.0.4-fpm\" runs Nextcloud, whose entrypoint writes /usr/local/etc/php/conf.d/redis-session.ini when REDIS_HOST is set, before it starts the server; that folder is root's, on the read-only root filesystem: the entrypoint would stop there and the container exit as it starts | leave env.REDIS_HOST out and give Nextcloud its Redis in a file of its config folder (/var/www/html/config/redis.config.php: 'memcache.locking' => '\\OC\\Memcache\\Redis', 'redis' => [ 'host' => \u2026 ]), where PHP keeps its sessions in files; or run it as the image is built: exemptions: { runAsRoot: '\u2026', writableRootFilesystem: 'its entrypoint writes /usr/local/etc/php/conf.d/redis-session.ini' }",
  ]],
  ['POSTGRES_HOST is the Cluster name', { nextcloud: { env: { ...NC_ENV, POSTGRES_HOST: 'nextcloud-db' } } }, [
    "error main/nextcloud env.POSTGRES_HOST: env POSTGRES_HOST calls nextcloud-db.cloud, the name of CloudNativePG Cluster nextcloud-db, whose operator makes Services nextcloud-db-rw, nextcloud-db-ro, nextcloud-db-r for it, none of its own name: the app's connections would find no such host (at spec.template.spec.containers[0].env[5] of Deployment cloud/nextcloud) | write POSTGRES_HOST: 'nextcloud-db-rw' (-rw reaches the primary, which takes writes; -ro the replicas alone, -r any instance)",
  ]],
  ['cron run as root', { cron: { runAsUser: undefined, exemptions: { runAsRoot: 'cron.php as in the docs' } } }, [
    "error main/nextcloud-cron exemptions.runAsRoot: the container runs Nextcloud's cron.php as root, and cron.php runs only as the owner of config/config.php, which the image's entrypoint makes www-data's (33): every run would stop with \"Console has to be executed with the user that owns the file config/config.php\" | leave exemptions.runAsRoot out and run it as www-data: runAsUser: 33, runAsGroup: 33",
  ]],
  ['cron schedule with seconds', { cron: { controller: AppController.cronJob({ schedule: '0 */5 * * * *' }) } }, [
    "error main/nextcloud-cron controller.props.schedule: schedule \"0 */5 * * * *\" is not valid: a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has 6 | the first of 6 fields reads as seconds (Quartz, Spring, node-cron), which a CronJob has not: schedule: '*/5 * * * *'",
  ]],
  ['backup schedule of five fields', { backupSpec: { schedule: '0 3 * * *' } }, [
    "error main/nextcloud-db-nightly spec.schedule: schedule \"0 3 * * *\" has five fields, and CloudNativePG reads six, seconds first: it takes these as second 0, minute 3, hour *, day of month * and month *, so the backup runs at other times than a crontab's | put the seconds first: schedule: '0 0 3 * * *'",
  ]],
  ['backup destination as the server URL', { dbSpec: { backup: { barmanObjectStore: { destinationPath: 'http://192.168.10.5:9000/cnpg-backups', s3Credentials: { accessKeyId: { name: 'nas-s3', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'nas-s3', key: 'ACCESS_SECRET_KEY' } } } } } }, [
    "error main/nextcloud-db spec.backup.barmanObjectStore.destinationPath: destinationPath http://192.168.10.5:9000/cnpg-backups is the S3 server's URL, but barman-cloud reads it as the bucket and path of the store (s3://<bucket>/<path>) and fails every backup | destinationPath: 's3://cnpg-backups', endpointURL: 'http://192.168.10.5:9000'",
  ]],
  ['database on the tier name', { dbSpec: { storage: { size: '10Gi', storageClass: 'fast' } } }, [
    "error main/nextcloud-db spec.storage.storageClass: StorageClass \"fast\" is provided by nothing in cluster \"main\" (it has: local-path, nfs-csi) | \"fast\" is a storage tier of the cluster, whose StorageClass is \"local-path\": name that (storageClassNameOf(cluster.tier('fast')!) gives it)",
  ]],
  ['body size in nginx units', { nextcloud: { route: { host: 'cloud', maxBodySize: '16G' as never } } }, [
    "error main/nextcloud route.maxBodySize: route.maxBodySize \"16G\" writes its unit as G, where this option takes Ki, Mi or Gi, which nginx and Traefik read alike | write maxBodySize: '16Gi'",
  ]],
  ['the database Secret declared as made by hand', { ownerMadeDbSecret: true }, [
    "error main declareExternal.secrets[0]: declares Secret cloud/nextcloud-db-app made outside this repository, but Cluster main/nextcloud-db makes it | drop the declaration: the Secret is made here, and references to it resolve",
  ]],
  ['the database Secret declared as made by the operator and written out too', { dbSecretWritten: true }, [
    "error main/nextcloud-db-app metadata.name: makes Secret cloud/nextcloud-db-app, which Cluster main/nextcloud-db makes as well | keep one source for each Secret: the sealed-secrets controller refuses a Secret it does not own, and External Secrets Operator, Flux and cert-manager overwrite each other, so the Secret flaps; give the other one another name",
  ]],
  ["Immich's photos given as the NAS's folder, as a host path", { immich: { persistence: { upload: { volume: AppVolume.hostPath('/volume1/photos'), mountPath: '/usr/src/app/upload' } } } }, [
    "error main/immich persistence.upload.volume: host path /volume1/photos is a folder of the site's NFS export photos (192.168.10.5:/volume1/photos), as the NAS names it; the nodes the pods may run on (mini-1, mini-2) do not hold it, so the kubelet would make an empty folder on the node's disk and the app would write there | mount the export itself: persistence: { upload: { volume: AppVolume.nfs(<site>.nfs.photos), mountPath: … } } (and drop exemptions.hostPath if nothing else needs it)",
  ]],
  ['vaultwarden domain without scheme', { vaultwarden: { env: { ROCKET_PORT: '8080', DOMAIN: 'vault.family.example.net' } } }, [
    "error main/vaultwarden env.DOMAIN: Vaultwarden's DOMAIN is \"vault.family.example.net\", without http:// or https://: Vaultwarden checks the scheme as it starts and stops (\"DOMAIN variable needs to contain the protocol\"), so the container restarts again and again | write the URL with its scheme: DOMAIN: 'https://vault.family.example.net'",
  ]],
  ['vaultwarden on port 80', { vaultwarden: { env: { DOMAIN: 'https://vault.family.example.net' } } }, [
    "error main/vaultwarden ports[0].port: image \"vaultwarden/server:1.32.7\" runs Vaultwarden, which listens on port 80 unless env.ROCKET_PORT moves it; the container declares 8080, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | listen on 8080: env.ROCKET_PORT: '8080'",
  ]],
  ['immich redis as compose names it', { immich: { env: { DB_HOSTNAME: 'immich-postgres', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: SecretReference.external('immich', 'immich-db', 'password'), REDIS_HOSTNAME: 'immich_redis' } } }, [
    "error main/immich env.REDIS_HOSTNAME: container \"immich\": env REDIS_HOSTNAME names the host \"immich_redis\", which holds a '_': compose's name of a container, which its network resolves; no Service can be named so, and the name resolves to nothing | name the app that serves it by its id, its Service's name (with its namespace when it is another): REDIS_HOSTNAME: 'immich-redis' for an app 'immich-redis'",
  ]],
  ['immich on its old port', { immich: { ports: [{ name: 'http', port: 3001 }] } }, [
    "error main/immich ports[0].port: image \"ghcr.io/immich-app/immich-server:v1.132.3\" runs Immich's server, which listens on port 2283 unless env.IMMICH_PORT moves it; the container declares 3001, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | declare the port it listens on: { name: 'http', port: 2283, servicePort: 3001 }; or listen on 3001: env.IMMICH_PORT: '3001'",
  ]],
  ['apache image as www-data', { nextcloud: { image: 'nextcloud:30.0.4-apache', ports: [{ name: 'http', port: 80 }], sidecars: [], route: { host: 'cloud' } } }, [
    "error main/nextcloud image: image \"nextcloud:30.0.4-apache\" runs Apache, which writes its pid file (apache2.pid) in /var/run/apache2, on the read-only root filesystem: the server would stop as it starts | mount an emptyDir there: persistence: { apache2: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' } }; or move it to /tmp with env.APACHE_RUN_DIR or env.APACHE_PID_FILE",
  ]],
  ['notify_push route to a wrong port', { nextcloud: { route: { host: 'cloud', rules: [{ path: '/push', backends: [{ service: 'nextcloud', port: 7876 }], rewrite: { pathPrefix: '/' } }, { path: '/' }] } } }, [
    "error main/nextcloud route.rules[0].backends[0].port: port 7876 is not one of the app's ports | use one of: 9000, 8080, 7867",
  ]],
  ['notify_push path with a slash', { nextcloud: { route: { host: 'cloud', rules: [{ path: '/push/', backends: [{ service: 'nextcloud', port: 7867 }], rewrite: { pathPrefix: '/' } }, { path: '/' }] } } }, [
    "warning main/nextcloud route.rules[0].path: Traefik's PathPrefix(`/push/`) matches only paths that begin with \"/push/\", so a request for \"/push\" itself is not routed | write path: '/push', which Traefik matches for \"/push\" and every path beginning with it",
  ]],
];

describe('mistakes a newcomer makes in the office cloud', () => {
  test.each(MISTAKES)('%s', (_name, changes, expected) => {
    expect(shownFindings(synthInMemory(defineLab(changes)).findings)).toEqual(expected);
  });
});
