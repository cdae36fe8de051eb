// A new user's mixed-architecture personal cloud from the README alone: K3s on three Raspberry Pis (arm64, booting
// from USB SSDs) and an old amd64 laptop; Immich (server, machine learning on the laptop, Valkey, its PostgreSQL with
// the vector extension), Nextcloud with its cron job, Redis and MariaDB, Syncthing on the host's network for its
// sync and discovery ports, Paperless-ngx, photos on the NAS's NFS export, app data on local-path, and nightly dumps of
// the databases to the NAS. Written the obvious way it synthesizes with no finding; the mistakes a first
// mixed-architecture lab makes are each one finding on the field that holds them.
import type { Construct } from 'constructs';
import { AppController, AppVolume, pinnedImage, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import type { AppProps, HostProps, NfsExportProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly hosts?: Partial<Record<string, Record<string, unknown>>>;
  readonly nfs?: Record<string, unknown>;
}

const ssd = [{ media: 'ssd' as const, sizeGigabytes: 500 }];

/** The machines and the site, each fact open to a mistake. */
function inventory(changes: Changes = {}) {
  const machine = (name: string, props: HostProps) => host(name, { ...props, ...changes.hosts?.[name] } as HostProps);
  const pi1 = machine('pi1', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.50.11', cores: 4, memoryGigabytes: 8, model: 'Raspberry Pi 5', disks: ssd });
  const pi2 = machine('pi2', { arch: 'arm64', roles: ['worker'], address: '192.168.50.12', cores: 4, memoryGigabytes: 8, model: 'Raspberry Pi 4', disks: ssd });
  const pi3 = machine('pi3', { arch: 'arm64', roles: ['worker'], address: '192.168.50.13', cores: 4, memoryGigabytes: 4, model: 'Raspberry Pi 4', disks: ssd });
  const laptop = machine('laptop', { arch: 'amd64', roles: ['worker'], address: '192.168.50.20', cores: 8, memoryGigabytes: 16, model: 'ThinkPad T480', disks: [{ media: 'nvme', sizeGigabytes: 1000 }] });
  const hosts = [pi1, pi2, pi3, laptop];
  const cloud = site('cloud', {
    domain: 'cloud.example.org', hosts, git: { url: 'https://github.com/jdoe/cloud.git' },
    pools: { vips: { first: '192.168.50.240', last: '192.168.50.250' } },
    nfs: { photos: (changes.nfs as NfsExportProps | undefined) ?? { server: '192.168.50.5', path: '/volume1/photos' }, backups: { server: '192.168.50.5', path: '/volume1/backups' } },
  });
  return { pi1, pi2, pi3, laptop, hosts, cloud };
}
const lab = inventory();
const { pi1, pi3, cloud } = lab;

const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);

/** The stacks a change touches (its apps' first word; Immich, on the photos' export, for the inventory's), so that a mistake is synthesized beside its own stack alone. */
const stacksOf = (changes: Changes) => (changes.apps !== undefined ? new Set(Object.keys(changes.apps).map((id) => id.split('-')[0]))
  : changes.hosts !== undefined || changes.nfs !== undefined ? new Set(['immich']) : undefined);

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const { pi2, laptop, hosts: HOSTS, cloud } = changes.hosts || changes.nfs ? inventory(changes) : lab;
  const stacks = stacksOf(changes);
  const wants = (stack: string) => stacks === undefined || stacks.has(stack);
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const c = new ClusterChart(scope, 'main', {
    site: cloud, hosts: HOSTS, storage: { local: localPathStorage() }, gitops: flux(),
    routes: traefik({ address: cloud.pools.vips.at('192.168.50.240') }), loadBalancer: metalLb({ pools: [cloud.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const claim = (size: string) => AppVolume.claim({ tier: 'local', size });
  const dumps = (subDirectory: string) => ({ backups: { volume: AppVolume.nfs(cloud.nfs.backups, subDirectory), mountPath: '/backups' } });
  const pgRun = { run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } };

  // Immich: the database and Valkey on the Pis, machine learning on the laptop.
  if (wants('immich')) {
    const immichDbImage = 'ghcr.io/immich-app/postgres:14-vectorchord0.3.0-pgvectors0.2.0';
    const immichDbEnv = { POSTGRES_USER: 'immich', POSTGRES_DB: 'immich', POSTGRES_PASSWORD: secret('immich', 'immich-db', 'password') };
    const immichDb = app(c, 'immich-db', {
      namespace: 'immich', image: immichDbImage, controller: AppController.statefulSet(), runAsUser: 999, runAsGroup: 999, ports: [{ name: 'postgres', port: 5432 }],
      env: { ...immichDbEnv, PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, ...pgRun },
      resources: { memoryRequest: '512Mi', memoryLimit: '1Gi' },
    });
    const valkey = app(c, 'immich-valkey', { namespace: 'immich', image: 'docker.io/valkey/valkey:8.1.3-alpine', ports: [{ name: 'redis', port: 6379 }] });
    const ml = app(c, 'immich-machine-learning', {
      namespace: 'immich', image: 'ghcr.io/immich-app/immich-machine-learning:v1.132.3', ports: [{ name: 'http', port: 3003 }], placement: { host: laptop },
      persistence: { cache: { volume: claim('10Gi'), mountPath: '/cache' } },
      resources: { cpuRequest: '1', memoryRequest: '2Gi', memoryLimit: '6Gi' },
    });
    app(c, 'immich-server', {
      namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.132.3', ports: [{ name: 'http', port: 2283 }],
      env: {
        DB_HOSTNAME: 'immich-db', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: secret('immich', 'immich-db', 'password'),
        REDIS_HOSTNAME: 'immich-valkey', IMMICH_MACHINE_LEARNING_URL: 'http://immich-machine-learning:3003', TZ: 'Europe/Amsterdam',
      },
      persistence: { upload: { volume: AppVolume.nfs(cloud.nfs.photos), mountPath: '/usr/src/app/upload' } },
      resources: { memoryRequest: '1Gi', memoryLimit: '3Gi' },
      egress: [immichDb, valkey, ml], route: { host: 'photos', maxBodySize: 'unlimited' },
    });
    app(c, 'immich-db-backup', {
      namespace: 'immich', image: immichDbImage, controller: AppController.cronJob({ schedule: '30 2 * * *' }), runAsUser: 999, runAsGroup: 999,
      command: ['sh', '-c', 'pg_dumpall -h immich-db -U immich | gzip > /backups/immich-$(date +%F).sql.gz'],
      env: { PGPASSWORD: secret('immich', 'immich-db', 'password') },
      persistence: dumps('immich'), egress: [immichDb],
    });

  }

  // Nextcloud on MariaDB, with its Redis and cron.php every five minutes as www-data.
  if (wants('nextcloud')) {
    const mariadb = app(c, 'nextcloud-db', {
      namespace: 'nextcloud', image: 'mariadb:11.4.4', controller: AppController.statefulSet(), runAsUser: 999, runAsGroup: 999, ports: [{ name: 'mysql', port: 3306 }],
      env: { MARIADB_DATABASE: 'nextcloud', MARIADB_USER: 'nextcloud', MARIADB_PASSWORD: secret('nextcloud', 'nextcloud-db', 'password'), MARIADB_ROOT_PASSWORD: secret('nextcloud', 'nextcloud-db', 'root-password') },
      persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
      resources: { memoryRequest: '512Mi', memoryLimit: '1Gi' },
    });
    const redis = app(c, 'nextcloud-redis', { namespace: 'nextcloud', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }] });
    const html = claim('50Gi');
    const ncEnv = { OVERWRITEPROTOCOL: 'https', OVERWRITECLIURL: 'https://files.cloud.example.org' };
    app(c, 'nextcloud', {
      namespace: 'nextcloud', image: 'nextcloud:30.0.4-apache', ports: [{ name: 'http', port: 80 }],
      env: {
        ...ncEnv, NEXTCLOUD_TRUSTED_DOMAINS: 'files.cloud.example.org', MYSQL_HOST: 'nextcloud-db', MYSQL_DATABASE: 'nextcloud', MYSQL_USER: 'nextcloud',
        MYSQL_PASSWORD: secret('nextcloud', 'nextcloud-db', 'password'),
      },
      persistence: { html: { volume: html, mountPath: '/var/www/html' } },
      fsGroup: 33, resources: { memoryRequest: '512Mi', memoryLimit: '2Gi' },
      exemptions: {
        runAsRoot: 'the official image installs as root, then Apache serves as www-data',
        writableRootFilesystem: 'its entrypoint writes PHP settings and Apache its pid file',
        addCapabilities: rootInitExemption('supervisor', 'Apache binds port 80 and switches its workers to www-data', ['NET_BIND_SERVICE']),
      },
      egress: [mariadb, redis], route: { host: 'files', maxBodySize: 'unlimited' },
    });
    app(c, 'nextcloud-cron', {
      namespace: 'nextcloud', image: 'nextcloud:30.0.4-apache', controller: AppController.cronJob({ schedule: '*/5 * * * *' }),
      command: ['php', '-f', '/var/www/html/cron.php'], env: ncEnv, runAsUser: 33, runAsGroup: 33, fsGroup: 33,
      persistence: { html: { volume: html, mountPath: '/var/www/html' } }, egress: [mariadb, redis],
    });
    app(c, 'nextcloud-db-backup', {
      namespace: 'nextcloud', image: 'mariadb:11.4.4', controller: AppController.cronJob({ schedule: '0 3 * * *' }), runAsUser: 999, runAsGroup: 999,
      command: ['sh', '-c', 'mariadb-dump -h nextcloud-db -u nextcloud --single-transaction nextcloud | gzip > /backups/nextcloud-$(date +%F).sql.gz'],
      env: { MYSQL_PWD: secret('nextcloud', 'nextcloud-db', 'password') },
      persistence: dumps('nextcloud'), egress: [mariadb],
    });

  }

  // Syncthing on a Pi's network: its sync port over TCP and QUIC, and local discovery by broadcast.
  if (wants('syncthing')) {
    app(c, 'syncthing', {
      namespace: 'sync', image: 'syncthing/syncthing:1.29.2', placement: { host: pi2 },
      ports: [{ name: 'http', port: 8384 }, { name: 'sync-tcp', port: 22000 }, { name: 'sync-udp', port: 22000, protocol: 'UDP' }, { name: 'discovery', port: 21027, protocol: 'UDP' }],
      env: { STGUIADDRESS: '0.0.0.0:8384' },
      persistence: { data: { volume: claim('100Gi'), mountPath: '/var/syncthing' } },
      exemptions: { hostNetwork: 'local discovery broadcasts on UDP 21027 to the LAN' },
      route: { host: 'sync' },
    });

  }

  // Paperless-ngx with its Redis and PostgreSQL.
  if (wants('paperless')) {
    const paperDb = app(c, 'paperless-db', {
      namespace: 'paperless', image: 'postgres:16.6', controller: AppController.statefulSet(), runAsUser: 999, runAsGroup: 999, ports: [{ name: 'postgres', port: 5432 }],
      env: { POSTGRES_USER: 'paperless', POSTGRES_DB: 'paperless', POSTGRES_PASSWORD: secret('paperless', 'paperless-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: { data: { volume: claim('5Gi'), mountPath: '/var/lib/postgresql/data' }, ...pgRun },
    });
    const paperRedis = app(c, 'paperless-redis', { namespace: 'paperless', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }] });
    app(c, 'paperless', {
      namespace: 'paperless', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }], runAsUser: 1000, runAsGroup: 1000,
      env: {
        PAPERLESS_REDIS: 'redis://paperless-redis:6379', PAPERLESS_DBHOST: 'paperless-db', PAPERLESS_DBPASS: secret('paperless', 'paperless-db', 'password'),
        PAPERLESS_SECRET_KEY: secret('paperless', 'paperless', 'secret-key'), PAPERLESS_URL: 'https://docs.cloud.example.org',
        S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1',
      },
      persistence: {
        data: { volume: claim('5Gi'), mountPath: '/usr/src/paperless/data' }, media: { volume: claim('50Gi'), mountPath: '/usr/src/paperless/media' },
        consume: { volume: claim('5Gi'), mountPath: '/usr/src/paperless/consume' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run' },
      },
      resources: { memoryRequest: '1Gi', memoryLimit: '2Gi' },
      egress: [paperDb, paperRedis], route: { host: 'docs' },
    });
    app(c, 'paperless-db-backup', {
      namespace: 'paperless', image: 'postgres:16.6', controller: AppController.cronJob({ schedule: '15 3 * * *' }), runAsUser: 999, runAsGroup: 999,
      command: ['sh', '-c', 'pg_dump -h paperless-db -U paperless paperless | gzip > /backups/paperless-$(date +%F).sql.gz'],
      env: { PGPASSWORD: secret('paperless', 'paperless-db', 'password') },
      persistence: dumps('paperless'), egress: [paperDb],
    });
  }
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => shownFindings(synthOf(changes).findings);

describe('the lab written the obvious way', () => {
  expectObviousLabClean(() => synthOf());
});


const syncthing = (more: Partial<AppProps>): Changes => ({ apps: { syncthing: more } });
const ml = (more: Partial<AppProps>): Changes => ({ apps: { 'immich-machine-learning': more } });
const cron = (more: Partial<AppProps>): Changes => ({ apps: { 'nextcloud-cron': more } });
const SYNC_PORTS = [{ name: 'http', port: 8384 }, { name: 'sync-tcp', port: 22000 }, { name: 'sync-udp', port: 22000, protocol: 'UDP' as const }];

describe('a first mixed-architecture lab', () => {
  test.each<[string, Changes, string[]]>([
    ['the OpenVINO build of machine learning left to any host', ml({ image: 'ghcr.io/immich-app/immich-machine-learning:v1.132.3-openvino', placement: undefined }), [
      "error main/immich-machine-learning image: image ghcr.io/immich-app/immich-machine-learning:v1.132.3-openvino is built for amd64 (its tag says openvino: the build for Intel GPUs), but may run on pi1 (arm64), pi2 (arm64), pi3 (arm64), where it would stop with \"exec format error\" | place it on hosts of arch amd64 (placement: { arch: 'amd64' }), or take the image's multi-arch tag, which runs on every arch it is published for",
    ]],
    ['an amd64-only image pinned as such and left to any host', ml({ image: pinnedImage('ghcr.io/immich-app/immich-machine-learning:v1.132.3', ['amd64']), placement: undefined }), [
      "error main/immich-machine-learning image: image ghcr.io/immich-app/immich-machine-learning:v1.132.3 is published for amd64 only, but may run on pi1 (arm64), pi2 (arm64), pi3 (arm64) | place it on hosts of arch amd64 (placement: { arch: 'amd64' }), or pin a multi-arch image",
    ]],
    ["placement by uname's aarch64", ml({ placement: { arch: 'aarch64' as never } }), [
      "error main/immich-machine-learning placement.arch: no host of cluster \"main\" has arch aarch64 | did you mean 'arm64'? arches of this cluster's hosts: arm64 (pi1, pi2, pi3), amd64 (laptop)",
    ]],
    ["placement by arch 'arm'", ml({ placement: { arch: 'arm' as never } }), [
      "error main/immich-machine-learning placement.arch: no host of cluster \"main\" has arch arm | did you mean 'arm64'? arches of this cluster's hosts: arm64 (pi1, pi2, pi3), amd64 (laptop)",
    ]],
    ["placement by uname's x86_64", ml({ placement: { arch: 'x86_64' as never } }), [
      "error main/immich-machine-learning placement.arch: no host of cluster \"main\" has arch x86_64 | did you mean 'amd64'? arches of this cluster's hosts: arm64 (pi1, pi2, pi3), amd64 (laptop)",
    ]],
    ['machine learning asking more memory than a Pi has, on the Pis', ml({ placement: { arch: 'arm64' }, resources: { cpuRequest: '1', memoryRequest: '10Gi', memoryLimit: '12Gi' } }), [
      "warning main/immich-machine-learning resources.memoryRequest: requests 10Gi of memory; the largest host it may run on, pi1, has 8 GB (at spec.template.spec.containers[0].resources.requests.memory of Deployment immich/immich-machine-learning) | lower the request, or let the pod run on a larger host, or it will never be scheduled",
    ]],
    ['machine learning on the 4 GB Pi asking for 6 Gi', ml({ placement: { host: pi3 }, resources: { cpuRequest: '1', memoryRequest: '6Gi', memoryLimit: '6Gi' } }), [
      "warning main/immich-machine-learning resources.memoryRequest: requests 6Gi of memory; the largest host it may run on, pi3, has 4 GB (at spec.template.spec.containers[0].resources.requests.memory of Deployment immich/immich-machine-learning) | lower the request, or let the pod run on a larger host, or it will never be scheduled",
    ]],
    ['the OpenVINO build placed on a Pi', ml({ image: 'ghcr.io/immich-app/immich-machine-learning:v1.132.3-openvino', placement: { host: pi1 } }), [
      "error main/immich-machine-learning image: image ghcr.io/immich-app/immich-machine-learning:v1.132.3-openvino is built for amd64 (its tag says openvino: the build for Intel GPUs), but may run on pi1 (arm64), where it would stop with \"exec format error\" | place it on hosts of arch amd64 (placement: { arch: 'amd64' }), or take the image's multi-arch tag, which runs on every arch it is published for",
    ]],
    ['machine learning on a GPU the laptop lacks', ml({ gpu: { vendor: 'nvidia' } }), [
      "error main/immich-machine-learning gpu: no host of cluster \"main\" has an NVIDIA GPU | no host of this cluster has a GPU: list it in the host's gpus, e.g. gpus: [{ vendor: 'nvidia' }]",
    ]],
    ["an HTTP route to Syncthing's sync port", syncthing({ route: { host: 'sync', port: 22000 } }), [
      "error main/syncthing route.port: port 22000 (sync-tcp) serves Syncthing's Block Exchange Protocol, TLS from device to device, each checking the other's certificate against its device ID, not HTTP, and the route carries HTTP: every device that syncs would be answered in HTTP, or not at all | devices sync through the app's load balancer on both protocols, loadBalancer: { address, ports: ['sync-tcp', 'sync-udp'] } (or on the host's network); route only its web GUI (route: { host, port: 8384 })",
    ]],
    ["compose's 22000:22000/udp", syncthing({ ports: [{ name: 'http', port: 8384 }, { name: 'sync-tcp', port: 22000 }, { name: 'sync-udp', port: '22000:22000/udp' as never }] }), [
      "error main/syncthing ports[2].port: ports[2].port is \"22000:22000/udp\", not a port: a whole number of 1–65535 | compose's \"22000:22000/udp\" publishes a port of the host; here the container's port is port: 22000, protocol: 'UDP', beside its name, and clients reach it through loadBalancer: { address: site.pools.<pool>.at('…'), ports: ['<its name>'] }",
    ]],
    ["docker's 21027/udp", syncthing({ ports: [...SYNC_PORTS, { name: 'discovery', port: '21027/udp' as never }] }), [
      "error main/syncthing ports[3].port: ports[3].port is \"21027/udp\", not a port: a whole number of 1–65535 | write the number alone, and the protocol beside it: port: 21027, protocol: 'UDP'",
    ]],
    ['one name for the sync port over both protocols', syncthing({ ports: [{ name: 'http', port: 8384 }, { name: 'sync', port: 22000 }, { name: 'sync', port: 22000, protocol: 'UDP' }] }), [
      "error main/syncthing ports[2].name: port name \"sync\" is taken by ports[1] | give each port its own name, e.g. 'sync-udp' for the same number over another protocol",
    ]],
    ["the protocol in lower case", syncthing({ ports: [{ name: 'http', port: 8384 }, { name: 'sync-tcp', port: 22000 }, { name: 'sync-udp', port: 22000, protocol: 'udp' as never }] }), [
      "error main/syncthing ports[2].protocol: ports[2].protocol is \"udp\", not one of TCP, UDP | write it as 'UDP': case counts",
    ]],
    ['discovery on a load balancer off the host network', syncthing({ exemptions: {}, placement: undefined, loadBalancer: { address: cloud.pools.vips.at('192.168.50.241') }, ports: [...SYNC_PORTS, { name: 'discovery', port: 21027, protocol: 'UDP' }] }), [
      "error main/syncthing loadBalancer: port discovery (UDP 21027) is Syncthing's local discovery, which clients send to a broadcast or multicast address of their segment, never to the load balancer's address: none of it reaches the app | serve it on the host's network, where the app's socket hears the segment: exemptions: { hostNetwork: '<why>' }; and leave it out of the load balancer's ports",
    ]],
    ['the NFS export written as a mount source', { nfs: { server: '192.168.50.5', path: 'nas:/volume1/photos' } }, [
      "error inventory/site/cloud/nfs/photos path: exported path \"nas:/volume1/photos\" is a whole mount source, <server>:<path>, as fstab writes it; the export's server is its server fact already | give the path alone: path: '/volume1/photos' (and server: 'nas', if that is the server meant rather than \"192.168.50.5\")",
    ]],
    ['the NFS export as one mount source', { nfs: 'nas:/volume1/photos' as never }, [
      "error inventory/site/cloud nfs.photos: NFS export \"photos\" is written as a mount source (\"nas:/volume1/photos\"); an export of the inventory is { server, path } | write { server: 'nas', path: '/volume1/photos' }",
    ]],
    ["MariaDB's password in plain text", { apps: { 'nextcloud-db': { env: { MARIADB_DATABASE: 'nextcloud', MARIADB_USER: 'nextcloud', MARIADB_PASSWORD: 'hunter2hunter2', MARIADB_ROOT_PASSWORD: secret('nextcloud', 'nextcloud-db', 'root-password') } } } }, [
      "error main/nextcloud-db env.MARIADB_PASSWORD: MARIADB_PASSWORD is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { MARIADB_PASSWORD: SecretReference.external('nextcloud', 'nextcloud-db', 'mariadb-password') }",
    ]],
    ["Nextcloud's cron with seconds", cron({ controller: AppController.cronJob({ schedule: '0 */5 * * * *' }) }), [
      "error main/nextcloud-cron controller.props.schedule: schedule \"0 */5 * * * *\" is not valid: a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has 6 | the first of 6 fields reads as seconds (Quartz, Spring, node-cron), which a CronJob has not: schedule: '*/5 * * * *'",
    ]],
    ["Nextcloud's cron as a systemd timer", cron({ controller: AppController.cronJob({ schedule: '*:0/5' }) }), [
      "error main/nextcloud-cron controller.props.schedule: schedule \"*:0/5\" is not valid: a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has 1 | this is a systemd timer's OnCalendar, which a CronJob does not read: write it as cron's five fields, schedule: '*/5 * * * *'",
    ]],
    ["Nextcloud's cron as robfig/cron's @every, which a CronJob takes, is fine", cron({ controller: AppController.cronJob({ schedule: '@every 5m' }) }), []],
    ["Nextcloud's cron as root", cron({ runAsUser: undefined, runAsGroup: undefined, exemptions: { runAsRoot: 'cron' } }), [
      "error main/nextcloud-cron exemptions.runAsRoot: the container runs Nextcloud's cron.php as root, and cron.php runs only as the owner of config/config.php, which the image's entrypoint makes www-data's (33): every run would stop with \"Console has to be executed with the user that owns the file config/config.php\" | leave exemptions.runAsRoot out and run it as www-data: runAsUser: 33, runAsGroup: 33",
    ]],
    ['a claim of 4GB', { apps: { 'immich-db': { persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '4GB' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } } } } }, [
      "error main/immich-db persistence.data.volume.claim.size: \"4GB\" is not a size | write '4Gi': docker's 4GB is 4Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
    ]],
    ['a memory limit of 4GB', ml({ resources: { memoryRequest: '2Gi', memoryLimit: '4GB' } }), [
      "error main/immich-machine-learning resources.memoryLimit: \"4GB\" is not a size | write '4Gi': docker's 4GB is 4Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
    ]],
    ['a typo in the host name', ml({ placement: { host: 'laptpo' as never } }), [
      "error main/immich-machine-learning placement.host: placement.host is \"laptpo\", not a host of the inventory (declared with host('name', { … })) | \"laptpo\" names no host of the inventory; did you mean host('laptop', …)? pass the host object that host() returned (the const it is kept in), not its name",
    ]],
    ["the laptop's arch as uname prints it", { hosts: { laptop: { arch: 'x86_64' } } }, [
      "error inventory/host/laptop arch: arch \"x86_64\" is not one of amd64, arm64 | write arch: 'amd64', the kubernetes.io/arch name of x86_64",
    ]],
    ['a Pi of arch arm', { hosts: { pi3: { arch: 'arm' } } }, [
      "error inventory/host/pi3 arch: arch \"arm\" is not one of amd64, arm64 | a node here is amd64 or arm64: a 32-bit ARM system (armv7l, armhf; kubernetes.io/arch arm) is none, so install the 64-bit one (Raspberry Pi OS 64-bit, Ubuntu arm64) and write arch: 'arm64'",
    ]],
    ["Immich on the official PostgreSQL", { apps: { 'immich-db': { image: 'postgres:16.6' } } }, [
      "error main/immich-server env.DB_HOSTNAME: Immich's server keeps its search in a vector extension of its database (VectorChord, pgvecto.rs or pgvector), and DB_HOSTNAME names immich-db, whose image \"postgres:16.6\" ships none: the server stops at its start with \"The extension is not available in this Postgres instance\" | run immich-db on Immich's own PostgreSQL image, of the same major release as its data: image: 'ghcr.io/immich-app/postgres:16-vectorchord0.4.3-pgvectors0.2.0'",
    ]],
    ["Syncthing's discovery port routed", syncthing({ route: { host: 'sync', port: 21027 } }), [
      "error main/syncthing route.port: port 21027 is not a TCP port, and a route carries HTTP over TCP | use one of: 8384",
    ]],
    ["machine learning's Arm NN build on the laptop", ml({ image: 'ghcr.io/immich-app/immich-machine-learning:v1.132.3-armnn' }), [
      "error main/immich-machine-learning image: image ghcr.io/immich-app/immich-machine-learning:v1.132.3-armnn is built for arm64 (its tag says armnn: the build for Arm Mali GPUs), but may run on laptop (amd64), where it would stop with \"exec format error\" | place it on hosts of arch arm64 (placement: { arch: 'arm64' }), or take the image's multi-arch tag, which runs on every arch it is published for",
    ]],
    ['Redis for a Nextcloud that runs as root on a writable root, as its image is built, is fine', { apps: { nextcloud: { env: { OVERWRITEPROTOCOL: 'https', NEXTCLOUD_TRUSTED_DOMAINS: 'files.cloud.example.org', MYSQL_HOST: 'nextcloud-db', MYSQL_DATABASE: 'nextcloud', MYSQL_USER: 'nextcloud', MYSQL_PASSWORD: secret('nextcloud', 'nextcloud-db', 'password'), REDIS_HOST: 'nextcloud-redis' } } } }, []],
  ])('%s', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});
