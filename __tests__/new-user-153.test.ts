import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  acmeHttp01, AppController, AppVolume, ChartRelease, cilium, ciliumLoadBalancer, ClusterChart, flux, HomelabApp, host, isolatedNamespace, k3s,
  localPathStorage, rootInitExemption, site, SopsSecret, traefik,
} from '../constructs';
import { modelDownloadEgressProblems } from '../constructs/app/model-download-egress';
import { resticBucketAsEndpoint } from '../constructs/app/restic-repository';
import { guarded } from './bad-input/lab';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';
import { synthInMemory } from './support/synth';

// A locked-down lab, written from the README: every namespace restricted unless an exemption says why, each
// app's egress listed (DNS, its peers, the internet only where it needs it), secrets in SOPS dotenv files that
// Flux decrypts with age, CrowdSec's bouncer in front of Traefik. K3s on two nodes, Cilium as the CNI.

/** A SOPS-encrypted dotenv file of these keys, as `sops --encrypt --in-place` writes one (the values are no real ciphertext). */
function sopsDotenv(keys: readonly string[]): string {
  const enc = (data: string) => `ENC[AES256_GCM,data:${data},iv:AKq0/IhoWCCZjVUodKm+xd30n8BnKUwyc6RpZPmlp9Q=,tag:Ao1rX33uB5gWiPnWPA5U9Q==,type:str]`;
  return [
    ...keys.map((key) => `${key}=${enc('JGMGenXI+6llZ4JBnJ+9')}`),
    'sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBuc2RCMTlxVmtvMngzcmNk\\n-----END AGE ENCRYPTED FILE-----\\n',
    'sops_age__list_0__map_recipient=age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7',
    'sops_lastmodified=2026-12-05T10:21:47Z',
    `sops_mac=${enc('s4bxV6iNMX8aPSh0KuMwKEuoYxoeamrAWb6XP94RrcVAypId5OP5Fr/5hiZ/ifOCsxtL71oETuio4wuvTkMc5OtQ==')}`,
    'sops_unencrypted_suffix=_unencrypted',
    'sops_version=3.9.4',
    '',
  ].join('\n');
}

const SECRETS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-153-'));
afterAll(() => fs.rmSync(SECRETS_DIR, { recursive: true, force: true }));

/** Writes the encrypted dotenv file `name` and returns its path. */
function secretFile(name: string, keys: readonly string[]): string {
  const file = path.join(SECRETS_DIR, name);
  fs.writeFileSync(file, sopsDotenv(keys));
  return file;
}

const FILES = {
  vaultwarden: secretFile('vaultwarden.env', ['ADMIN_TOKEN']),
  paperless: secretFile('paperless.env', ['PAPERLESS_SECRET_KEY', 'POSTGRES_PASSWORD']),
  immich: secretFile('immich.env', ['DB_PASSWORD']),
  backup: secretFile('backup.env', ['RESTIC_PASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']),
  crowdsec: secretFile('crowdsec.env', ['BOUNCER_KEY_traefik']),
};

/** What a mistake changes in the lab; each field replaces one part of the obvious lab. */
interface Changes {
  readonly vaultwarden?: Record<string, unknown>;
  readonly paperless?: Record<string, unknown>;
  readonly paperlessDb?: Record<string, unknown>;
  readonly paperlessRedis?: Record<string, unknown>;
  readonly immich?: Record<string, unknown>;
  readonly immichMl?: Record<string, unknown>;
  readonly immichDb?: Record<string, unknown>;
  readonly backup?: Record<string, unknown>;
  readonly vpn?: Record<string, unknown>;
  readonly crowdsecValues?: Record<string, unknown>;
  readonly bouncer?: Record<string, unknown>;
  readonly traefikValues?: Record<string, unknown>;
  readonly cluster?: Record<string, unknown>;
  readonly k3sFlags?: string[];
}

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.11' });
const node2 = host('node2', { arch: 'amd64', roles: ['worker'], address: '192.168.10.12' });
const lab = site('fortress', {
  domain: 'fortress.example.com', hosts: [node1, node2], git: { url: 'https://git.example.com/me/fortress.git' },
  pools: { vips: { first: '192.168.10.240', last: '192.168.10.250' } },
});

/** Anywhere on the internet over HTTPS. */
const INTERNET_HTTPS = { cidr: '0.0.0.0/0', ports: [{ port: 443 }] };

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node1, node2],
    preinstalled: [k3s({ extraServerFlags: changes.k3sFlags ?? ['--flannel-backend=none', '--disable-network-policy', '--disable-kube-proxy'] })],
    cni: cilium({ k8sServiceHost: '192.168.10.11' }),
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.vips] }),
    routes: traefik({ address: lab.pools.vips.at('192.168.10.240'), certResolver: 'letsencrypt', acme: { letsencrypt: acmeHttp01({ email: 'owner@mailbox.org' }) } }),
    storage: { fast: localPathStorage() },
    gitops: flux({ sopsSecretName: 'sops-age' }),
    ...changes.cluster,
  } as never);

  // Vaultwarden, with its data backed up by restic to S3.
  const vwSecret = SopsSecret.fromDotenvFile(cluster, 'vaultwarden-secret', { file: FILES.vaultwarden, name: 'vaultwarden', namespace: 'vaultwarden' });
  const vwData = AppVolume.claim({ tier: 'fast', size: '2Gi' });
  const vaultwarden = new HomelabApp(cluster, 'vaultwarden', {
    image: 'vaultwarden/server:1.32.7',
    env: {
      ROCKET_PORT: '8080', DOMAIN: 'https://vault.fortress.example.com', SIGNUPS_ALLOWED: 'false', ADMIN_TOKEN: vwSecret.key('ADMIN_TOKEN'),
    },
    ports: [{ name: 'http', port: 8080 }],
    persistence: { data: { volume: vwData, mountPath: '/data' } },
    route: { host: 'vault' },
    egress: [],
    ...changes.vaultwarden,
  } as never);
  const backupSecret = SopsSecret.fromDotenvFile(cluster, 'backup-secret', { file: FILES.backup, name: 'restic', namespace: 'vaultwarden' });
  new HomelabApp(cluster, 'backup', {
    namespace: 'vaultwarden',
    image: 'restic/restic:0.17.3',
    controller: AppController.cronJob({ schedule: '30 3 * * *' }),
    args: ['backup', '/data'],
    env: {
      RESTIC_REPOSITORY: 's3:https://s3.eu-central-1.amazonaws.com/fortress-backups/vaultwarden',
      RESTIC_PASSWORD: backupSecret.key('RESTIC_PASSWORD'),
      AWS_ACCESS_KEY_ID: backupSecret.key('AWS_ACCESS_KEY_ID'),
      AWS_SECRET_ACCESS_KEY: backupSecret.key('AWS_SECRET_ACCESS_KEY'),
    },
    persistence: { data: { volume: vwData, mountPath: '/data', mounts: undefined } },
    egress: [INTERNET_HTTPS],
    ...changes.backup,
  } as never);
  void vaultwarden;

  // Paperless-ngx with its PostgreSQL and Redis.
  const paperlessSecret = SopsSecret.fromDotenvFile(cluster, 'paperless-secret', { file: FILES.paperless, name: 'paperless', namespace: 'paperless' });
  const paperlessDb = new HomelabApp(cluster, 'paperless-db', {
    namespace: 'paperless',
    image: 'postgres:16.6',
    env: {
      POSTGRES_DB: 'paperless', POSTGRES_USER: 'paperless', POSTGRES_PASSWORD: paperlessSecret.key('POSTGRES_PASSWORD'),
      PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    ports: [{ name: 'postgres', port: 5432 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    egress: [],
    ...changes.paperlessDb,
  } as never);
  const paperlessRedis = new HomelabApp(cluster, 'paperless-redis', {
    namespace: 'paperless',
    image: 'redis:7.4.2',
    ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
    egress: [],
    ...changes.paperlessRedis,
  } as never);
  new HomelabApp(cluster, 'paperless', {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.17.1',
    env: {
      PAPERLESS_URL: 'https://paperless.fortress.example.com',
      PAPERLESS_REDIS: 'redis://paperless-redis:6379',
      PAPERLESS_DBHOST: 'paperless-db',
      PAPERLESS_DBUSER: 'paperless',
      PAPERLESS_DBPASS: paperlessSecret.key('POSTGRES_PASSWORD'),
      PAPERLESS_SECRET_KEY: paperlessSecret.key('PAPERLESS_SECRET_KEY'),
      USERMAP_UID: '1000', USERMAP_GID: '1000',
    },
    ports: [{ name: 'http', port: 8000 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/data' },
      media: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/usr/src/paperless/media' },
      consume: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/consume' },
    },
    // The image that must run as root: its s6-overlay init takes its folders and switches to USERMAP_UID.
    exemptions: {
      runAsRoot: 's6-overlay starts as root and runs the web server as USERMAP_UID',
      addCapabilities: rootInitExemption('supervisor', 's6-overlay gives the folders to USERMAP_UID and switches to it'),
      writableRootFilesystem: 's6-overlay writes its services under /run and /etc',
    },
    route: { host: 'paperless', maxBodySize: '512Mi' },
    egress: [paperlessDb, paperlessRedis],
    ...changes.paperless,
  } as never);

  // Immich: server, machine learning (the only one that reaches the internet: it downloads its models), database, Redis.
  const immichSecret = SopsSecret.fromDotenvFile(cluster, 'immich-secret', { file: FILES.immich, name: 'immich', namespace: 'immich' });
  const immichDb = new HomelabApp(cluster, 'immich-db', {
    namespace: 'immich',
    image: 'ghcr.io/immich-app/postgres:14-vectorchord0.3.0-pgvectors0.2.0',
    env: {
      POSTGRES_DB: 'immich', POSTGRES_USER: 'immich', POSTGRES_PASSWORD: immichSecret.key('DB_PASSWORD'),
      POSTGRES_INITDB_ARGS: '--data-checksums', PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    ports: [{ name: 'postgres', port: 5432 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    egress: [],
    ...changes.immichDb,
  } as never);
  const immichRedis = new HomelabApp(cluster, 'immich-redis', {
    namespace: 'immich',
    image: 'valkey/valkey:8.1.1',
    ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
    egress: [],
  });
  const immichMl = new HomelabApp(cluster, 'immich-ml', {
    namespace: 'immich',
    image: 'ghcr.io/immich-app/immich-machine-learning:v1.135.3',
    ports: [{ name: 'http', port: 3003 }],
    persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' } },
    resources: { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
    egress: [INTERNET_HTTPS],
    ...changes.immichMl,
  } as never);
  new HomelabApp(cluster, 'immich', {
    image: 'ghcr.io/immich-app/immich-server:v1.135.3',
    env: {
      DB_HOSTNAME: 'immich-db', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: immichSecret.key('DB_PASSWORD'),
      REDIS_HOSTNAME: 'immich-redis', IMMICH_MACHINE_LEARNING_URL: 'http://immich-ml:3003',
    },
    ports: [{ name: 'http', port: 2283 }],
    persistence: { upload: { volume: AppVolume.claim({ tier: 'fast', size: '200Gi' }), mountPath: '/usr/src/app/upload' } },
    resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '2Gi' },
    route: { host: 'photos', maxBodySize: 'unlimited' },
    egress: [immichDb, immichRedis, immichMl],
    ...changes.immich,
  } as never);

  // CrowdSec: the agent reads Traefik's log, the LAPI decides, Traefik's bouncer plugin asks it for every request.
  const crowdsecSecret = SopsSecret.fromDotenvFile(cluster, 'crowdsec-secret', { file: FILES.crowdsec, name: 'crowdsec-bouncer', namespace: 'crowdsec' });
  void crowdsecSecret;
  // The bouncer reads its key from a Secret of the Middleware's own namespace.
  SopsSecret.fromDotenvFile(cluster, 'bouncer-secret', { file: FILES.crowdsec, name: 'crowdsec-bouncer', namespace: 'traefik' });
  cluster.namespaces.ensure('crowdsec', { podSecurity: 'privileged', reason: "CrowdSec's agent reads the nodes' pod logs under /var/log" });
  new ChartRelease(cluster, 'crowdsec', {
    namespace: 'crowdsec',
    chart: { repository: 'https://crowdsecurity.github.io/helm-charts', chart: 'crowdsec', version: '0.19.4' },
    values: {
      container_runtime: 'containerd',
      agent: {
        acquisition: [{ namespace: 'traefik', podName: 'traefik-*', program: 'traefik' }],
        env: [{ name: 'COLLECTIONS', value: 'crowdsecurity/traefik' }],
      },
      lapi: {
        env: [{ name: 'BOUNCER_KEY_traefik', valueFrom: { secretKeyRef: { name: 'crowdsec-bouncer', key: 'BOUNCER_KEY_traefik' } } }],
      },
      ...changes.crowdsecValues,
    },
    network: isolatedNamespace({ allowFrom: [{ namespace: 'traefik' }] }),
  });
  cluster.platform.get('traefik')?.addValues({
    experimental: { plugins: { bouncer: { moduleName: 'github.com/maxlerebourg/crowdsec-bouncer-traefik-plugin', version: 'v1.4.2' } } },
    ports: { websecure: { middlewares: ['traefik-bouncer@kubernetescrd'] } },
    // CrowdSec's agent reads the requests from Traefik's access log.
    logs: { access: { enabled: true } },
    ...changes.traefikValues,
  });
  new ApiObject(cluster, 'bouncer', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware',
    metadata: { name: 'bouncer', namespace: 'traefik' },
    spec: {
      plugin: {
        bouncer: {
          enabled: true,
          crowdsecLapiHost: 'crowdsec-service.crowdsec.svc.cluster.local:8080',
          crowdsecLapiKey: 'urn:k8s:secret:crowdsec-bouncer:BOUNCER_KEY_traefik',
          ...changes.bouncer,
        },
      },
    },
  });

  // The exemption that needs NET_ADMIN: a WireGuard server the phones reach from outside.
  if (changes.vpn !== undefined) {
    new HomelabApp(cluster, 'wireguard', changes.vpn as never);
  }
});

describe('a locked-down lab', () => {
  let result: ReturnType<typeof synthInMemory>;
  beforeAll(() => { result = synthInMemory(defineLab()); });
  expectObviousLabClean(() => result);
});

test.each<[string, Changes, string[]]>([
  ['01 vaultwarden port copied from compose', { vaultwarden: { env: { DOMAIN: 'https://vault.fortress.example.com' }, ports: [{ name: 'http', port: 8080 }] } }, [
    'error main/vaultwarden ports[0].port: image "vaultwarden/server:1.32.7" runs Vaultwarden, which listens on port 80 unless env.ROCKET_PORT moves it; the container declares 8080, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | listen on 8080: env.ROCKET_PORT: \'8080\'',
  ]],
  ['02 vaultwarden domain without scheme', { vaultwarden: { env: { ROCKET_PORT: '8080', DOMAIN: 'vault.fortress.example.com' } } }, [
    'error main/vaultwarden env.DOMAIN: Vaultwarden\'s DOMAIN is "vault.fortress.example.com", without http:// or https://: Vaultwarden checks the scheme as it starts and stops ("DOMAIN variable needs to contain the protocol"), so the container restarts again and again | write the URL with its scheme: DOMAIN: \'https://vault.fortress.example.com\'',
  ]],
  ['03 vaultwarden admin token inline', { vaultwarden: { env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.fortress.example.com', ADMIN_TOKEN: 'Xk2qP9sV7mWnR4tY8bZ3' } } }, [
    'error main/vaultwarden env.ADMIN_TOKEN: ADMIN_TOKEN is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { ADMIN_TOKEN: sopsSecret.key(\'...\') }',
  ]],
  ['04 paperless redis by compose name', { paperless: { env: { PAPERLESS_URL: 'https://paperless.fortress.example.com', PAPERLESS_REDIS: 'redis://broker:6379', PAPERLESS_DBHOST: 'paperless-db', USERMAP_UID: '1000', USERMAP_GID: '1000' } } }, [
    'warning main/paperless env.PAPERLESS_REDIS: env PAPERLESS_REDIS calls Service broker.paperless, which nothing in namespace "paperless" makes: the app\'s connections would find no such host (at spec.template.spec.containers[0].env[1] of Deployment paperless/paperless) | deploy it in namespace "paperless" (an app broker there), or call a Service that is: the Services of namespace "paperless" are paperless-db, paperless-redis, paperless; a machine outside the cluster is named in full (broker.lan)',
  ]],
  ['05 paperless without exemptions', { paperless: { exemptions: undefined } }, [
    'error main/paperless image: image "ghcr.io/paperless-ngx/paperless-ngx:2.17.1" is Paperless-ngx\'s, whose init (s6-overlay) starts as root and writes its service tree and environment under /run; run as its non-root user on a read-only root it stops as it starts, and USERMAP_UID and USERMAP_GID are never read | start it as root, as the image is built, and USERMAP_UID:USERMAP_GID pick the user it runs the app as: exemptions: { runAsRoot: \'its init starts as root, then runs the app as USERMAP_UID:USERMAP_GID\', addCapabilities: rootInitExemption(\'supervisor\', \'switches to USERMAP_UID:USERMAP_GID\'), writableRootFilesystem: \'s6-overlay writes its service tree under /run\' }; or run it as its user, which its init supports, with an emptyDir at /run and s6-overlay told to take it: persistence: { run: { volume: AppVolume.emptyDir(), mountPath: \'/run\' } }, env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: \'1\' }; or use an image built to run as its user',
  ]],
  ['06 immich redis by compose container name', { immich: { env: { DB_HOSTNAME: 'immich-db', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', REDIS_HOSTNAME: 'immich_redis' } } }, [
    'error main/immich env.REDIS_HOSTNAME: container "immich": env REDIS_HOSTNAME names the host "immich_redis", which holds a \'_\': compose\'s name of a container, which its network resolves; no Service can be named so, and the name resolves to nothing | name the app that serves it by its id, its Service\'s name (with its namespace when it is another): REDIS_HOSTNAME: \'immich-redis\' for an app \'immich-redis\'',
  ]],
  ['07 immich on the old port', { immich: { ports: [{ name: 'http', port: 3001 }] } }, [
    'error main/immich ports[0].port: image "ghcr.io/immich-app/immich-server:v1.135.3" runs Immich\'s server, which listens on port 2283 unless env.IMMICH_PORT moves it; the container declares 3001, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | declare the port it listens on: { name: \'http\', port: 2283, servicePort: 3001 }; or listen on 3001: env.IMMICH_PORT: \'3001\'',
  ]],
  ['08 immich db on the official postgres', { immichDb: { image: 'postgres:16.6' } }, [
    'error main/immich env.DB_HOSTNAME: Immich\'s server keeps its search in a vector extension of its database (VectorChord, pgvecto.rs or pgvector), and DB_HOSTNAME names immich-db, whose image "postgres:16.6" ships none: the server stops at its start with "The extension is not available in this Postgres instance" | run immich-db on Immich\'s own PostgreSQL image, of the same major release as its data: image: \'ghcr.io/immich-app/postgres:16-vectorchord0.4.3-pgvectors0.2.0\'',
  ]],
  ['10 backup to s3 without egress', { backup: { egress: [] } }, [
    'warning main/backup env.RESTIC_REPOSITORY: env RESTIC_REPOSITORY calls s3.eu-central-1.amazonaws.com:443, outside the cluster, but this app\'s own egress policy lets nothing out of the cluster on that port: every connection would wait until it times out (at spec.jobTemplate.spec.template.spec.containers[0].env[3] of CronJob vaultwarden/backup) | let it out in this app\'s egress: { cidr: \'<address of s3.eu-central-1.amazonaws.com>/32\', ports: [{ port: 443 }] } (a NetworkPolicy takes addresses, not names), or egress: \'any\'',
  ]],
  ['11 backup repository as the aws cli writes it', { backup: { env: { RESTIC_REPOSITORY: 's3://fortress-backups/vaultwarden' } } }, [
    'error main/backup env.RESTIC_REPOSITORY: restic reads the repository "s3://fortress-backups/vaultwarden" as s3://<server>/<bucket>/<prefix>, so it takes the bucket fortress-backups for the S3 server and every backup fails on looking up "fortress-backups" as a host (the AWS CLI\'s s3://<bucket> form is not restic\'s) | name the server first: RESTIC_REPOSITORY: \'s3:s3.amazonaws.com/fortress-backups/vaultwarden\' on Amazon S3, or RESTIC_REPOSITORY: \'s3:https://<endpoint>/fortress-backups/vaultwarden\' on another provider\'s',
  ]],
  ['12 backup as root', { backup: { exemptions: { runAsRoot: 'reads every file' } } }, [
    'error main/backup exemptions.runAsRoot: restic runs as root with every capability dropped, so it reads only what a file\'s mode lets any user read: the folders of volume data that another user keeps to itself (mode 0700, as apps and databases keep their data) fail to back up | run it as the user and group that own the data instead: leave exemptions.runAsRoot out (it then runs as uid 1000 with fsGroup 1000, as apps do) or give the apps\' runAsUser and runAsGroup; or let root read every file: exemptions: { runAsRoot: \'…\', addCapabilities: { capabilities: [\'DAC_READ_SEARCH\'], reason: \'reads the files of every user to back them up\' } } (its namespace then allows the Pod Security level privileged)',
  ]],
  ['13 backup schedule with seconds', { backup: { controller: AppController.cronJob({ schedule: '0 30 3 * * *' }) } }, [
    'error main/backup controller.props.schedule: schedule "0 30 3 * * *" is not valid: a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has 6 | the first of 6 fields reads as seconds (Quartz, Spring, node-cron), which a CronJob has not: schedule: \'30 3 * * *\'',
  ]],
  ['14 crowdsec log format left to the chart', { crowdsecValues: { container_runtime: undefined } }, [
    'error main/crowdsec values.container_runtime: container_runtime is left to the chart\'s default, docker: the agent parses each pod\'s log as Docker\'s JSON lines, while a kubelet without dockershim (Kubernetes 1.24 on, K3s, Talos) writes CRI lines: no line passes the first parser, so no scenario sees one and CrowdSec bans nobody | write container_runtime: \'containerd\' (the CRI log format of containerd and CRI-O alike); \'docker\' only for nodes that still run Docker through cri-dockerd',
  ]],
  ["14b Traefik's access log left off", { traefikValues: { logs: { access: { enabled: false } } } }, [
    "error main/crowdsec values.agent.acquisition[0]: CrowdSec's agent reads Traefik's pods for its access log, and Traefik writes no access log (its chart's logs.access.enabled is false unless given): no HTTP scenario sees a request, so CrowdSec bans no attacker of the routes | turn Traefik's access log on: cluster.platform.get('traefik')?.addValues({ logs: { access: { enabled: true } } })",
  ]],
  ["14c Traefik's access log written to a file", { traefikValues: { logs: { access: { enabled: true, filePath: '/var/log/traefik/access.log' } } } }, [
    "error main/crowdsec values.agent.acquisition[0]: CrowdSec's agent reads Traefik's pods for its access log, and Traefik writes its access log to the file /var/log/traefik/access.log, not to its pods' output: no HTTP scenario sees a request, so CrowdSec bans no attacker of the routes | leave logs.access.filePath out of Traefik's values, so that its access log goes to its pods' output",
  ]],
  ['15 bouncer key inline', { bouncer: { crowdsecLapiKey: 'c3f1a9e0d2b84f7a9e6b1c0d5f4e3a2b' } }, [
    'error main/bouncer spec.plugin.bouncer.crowdsecLapiKey: writes out a secret under the plugin\'s setting "crowdsecLapiKey", and every field of an object is committed in the clear | keep the value in a SealedSecret, a SopsSecret or an ExternalSecret of the Middleware\'s namespace and write crowdsecLapiKey: \'urn:k8s:secret:<secret>:<key>\', which Traefik reads from that Secret; or mount the Secret into Traefik\'s pods and give the plugin\'s file setting its path',
  ]],
  ['16 k3s keeps flannel', { k3sFlags: ['--disable-kube-proxy'] }, [
    'error main preinstalled[0].extraServerFlags: K3s runs its own Flannel, network-policy controller and kube-proxy beside the cluster\'s cni (cilium): the server lacks --flannel-backend=none --disable-network-policy | start the server without them: k3s({ extraServerFlags: [\'--disable-kube-proxy\', \'--flannel-backend=none\', \'--disable-network-policy\'] }); or drop cni to keep K3s\' Flannel',
  ]],
  ['17 flux without the age key', { cluster: { gitops: flux() } }, [
    'error main/vaultwarden-secret file: Secret vaultwarden/vaultwarden is SOPS-encrypted, but the flux engine of cluster "main" does not decrypt it (and so are Secret vaultwarden/restic, Secret paperless/paperless, Secret immich/immich, Secret crowdsec/crowdsec-bouncer, Secret traefik/crowdsec-bouncer) | set `gitops: flux({ sopsSecretName: \'sops-age\' })`, whose Kustomizations then decrypt with provider sops',
  ]],
  ['18 wireguard without NET_ADMIN', { vpn: { image: 'ghcr.io/wg-easy/wg-easy:15.1.0', ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }], exemptions: { runAsRoot: 'wg-quick' } } }, [
    'error main/wireguard exemptions.addCapabilities: ghcr.io/wg-easy/wg-easy:15.1.0 is wg-easy, which makes its WireGuard interface and iptables rules as it starts: that takes NET_ADMIN, which the container\'s dropped capabilities take away, so it stops ("RTNETLINK answers: Operation not permitted") | add it: exemptions: { addCapabilities: { capabilities: [\'NET_ADMIN\'], reason: \'makes the WireGuard interface and its iptables rules\' } }',
  ]],
  ['19 postgres data at the claim root', { paperlessDb: { env: { POSTGRES_DB: 'paperless', POSTGRES_USER: 'paperless' } } }, [
    'error main/paperless-db persistence.data.mountPath: PostgreSQL keeps its data in /var/lib/postgresql/data, the root of a claim, which the provisioner makes as root\'s; run as another user than root, the image\'s initdb must make that folder its own (mode 0700) and stops with "could not change permissions of directory … Operation not permitted", so the server never starts | point PGDATA at a folder inside the claim, which the entrypoint makes as the server\'s user: env: { PGDATA: \'/var/lib/postgresql/data/pgdata\' }',
  ]],
  ['20 vaultwarden body size in nginx units', { vaultwarden: { route: { host: 'vault', maxBodySize: '512m' } } }, [
    'error main/vaultwarden route.maxBodySize: route.maxBodySize "512m" writes its unit as m (nginx\'s m; to Kubernetes quantities m is milli), where this option takes Ki, Mi or Gi, which nginx and Traefik read alike | write maxBodySize: \'512Mi\'',
  ]],
  ['21 immich machine learning without the internet', { immichMl: { egress: [] } }, [
    "warning main/immich-ml egress: egress lets Immich's machine learning reach nothing outside the home, and no volume that may hold its models already is mounted at its cache folder /cache: it downloads each model from Hugging Face (huggingface.co, over HTTPS) on first use, so every smart search, face detection and face recognition fails until it can | let it reach them: add { cidr: '0.0.0.0/0', ports: [{ port: 443 }] } to egress; or mount a volume at /cache that holds the models, downloaded once where it could reach them: persistence: { cache: { volume: AppVolume.existingClaim('<claim>'), mountPath: '/cache' } } (or AppVolume.nfs(…), AppVolume.hostPath(…))",
  ]],
])('%s', (_name, changes, expected) => {
  expect(shownFindings(synthInMemory(defineLab(changes)).findings)).toEqual(expected);
});


test('each exemption is written where a reviewer sees it: on the pod, and as the reason its namespace is wider than restricted', () => {
  const vpn = {
    image: 'ghcr.io/wg-easy/wg-easy:15.1.0', ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }],
    exemptions: {
      runAsRoot: 'wg-quick runs as root', addCapabilities: { capabilities: ['NET_ADMIN', 'NET_RAW'], reason: 'makes the WireGuard interface and its iptables rules' },
    },
  };
  const objects = synthInMemory(defineLab({ vpn })).clusters.flatMap((c) => c.objects.map((o) => o.manifest as Record<string, any>));
  const podAnnotations = (name: string) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)?.spec.template.metadata.annotations ?? {};
  expect(podAnnotations('paperless')).toMatchObject({
    'security.homelab.dev/run-as-root': 's6-overlay starts as root and runs the web server as USERMAP_UID',
    'security.homelab.dev/writable-root-filesystem': 's6-overlay writes its services under /run and /etc',
  });
  expect(podAnnotations('wireguard')['security.homelab.dev/add-capabilities']).toBe('NET_ADMIN,NET_RAW: makes the WireGuard interface and its iptables rules');
  const level = (name: string) => objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name)?.metadata.labels['pod-security.kubernetes.io/enforce'];
  expect([level('vaultwarden'), level('immich'), level('paperless'), level('wireguard')]).toEqual(['restricted', 'restricted', 'baseline', 'privileged']);
});

test('restic takes s3://<server>/… for a server and leaves an endpoint, a port or a region alone', () => {
  expect(resticBucketAsEndpoint('s3://minio.lan:9000/backups')).toBeUndefined();
  expect(resticBucketAsEndpoint('s3://eu-central-1/backups')).toBeUndefined();
  expect(resticBucketAsEndpoint('s3:s3.amazonaws.com/backups')).toBeUndefined();
  expect(resticBucketAsEndpoint('s3://backups/lab')).toEqual({ bucket: 'backups', meant: 's3:s3.amazonaws.com/backups/lab' });
});

test("Immich's machine learning without the internet is left alone where its models may be on a volume already, or it goes out through a proxy or a mirror", () => {
  const ml = { image: 'ghcr.io/immich-app/immich-machine-learning:v1.135.3', egress: [] };
  const filled = { cache: { volume: AppVolume.existingClaim('immich-ml-models'), mountPath: '/cache' } };
  expect(modelDownloadEgressProblems({ ...ml, persistence: filled })).toEqual([]);
  expect(modelDownloadEgressProblems({ ...ml, env: { HTTPS_PROXY: 'http://proxy.lan:3128' } })).toEqual([]);
  expect(modelDownloadEgressProblems({ ...ml, env: { HF_ENDPOINT: 'https://hf-mirror.lan' } })).toEqual([]);
  expect(modelDownloadEgressProblems({ ...ml, egress: [INTERNET_HTTPS] })).toEqual([]);
  // The folder moved away from the filled volume is empty again.
  expect(modelDownloadEgressProblems({ ...ml, persistence: filled, env: { MACHINE_LEARNING_CACHE_FOLDER: '/models' } }).map((p) => p.message))
    .toEqual([expect.stringContaining('mounted at its cache folder /models')]);
});
