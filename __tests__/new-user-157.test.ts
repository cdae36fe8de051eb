// A NAS-centred home from the README alone: a Synology serves NFS exports (media, photos, documents, backups) to a K3s
// cluster of two mini PCs, one with an Intel iGPU; Plex transcodes on it, Immich keeps its library on the photos export,
// Paperless-ngx polls its consume folder on NFS, Syncthing syncs the phones' folders on the host's network (local
// discovery), and restic backs the apps' claims up to the NAS each night; Flux syncs it. Values come from compose files
// and the NAS's own pages (PUID 1026 and PGID 100 of the NAS user, /volume1/... paths). Written the obvious way it
// synthesizes with no finding; each mistake of a newcomer is the finding on the field that holds it.
import type { Construct } from 'constructs';
import {
  AppController,
  AppVolume,
  ClusterChart,
  existingStorageClass,
  externalHost,
  flux,
  HomelabApp,
  host,
  k3s,
  metalLb,
  rootInitExemption,
  SecretReference,
  site,
  traefik,
} from '../constructs';
import type { AppProps, EnvValue } from '../constructs';
import { guarded } from './bad-input/lab';
import { shownFindings, expectObviousLabClean } from './support/obvious-lab';
import { synthInMemory } from './support/synth';

/** One mistake of the newcomer's, as a change to the lab. */
interface Changes {
  /** Props of an app by id (the plex backup is `plex-backup`), written over the lab's. */
  readonly apps?: Record<string, Partial<AppProps>>;
  /** Variables of an app's env by id, written over the lab's; `undefined` takes one out. */
  readonly env?: Record<string, Record<string, EnvValue | undefined>>;
  readonly nasPaths?: Partial<Record<'media' | 'photos' | 'documents' | 'backups', string>>;
  readonly mediaCapacity?: string;
  /** The folder of the photos export Immich keeps its library in. */
  readonly immichLibraryFolder?: string;
  readonly gitUrl?: string;
  readonly igpuOn?: 'mini1' | 'mini2' | 'neither';
  /** Immich's PostgreSQL keeps its data in a folder of the NAS's photos export. */
  readonly immichDbOnNas?: boolean;
}

/** An app's props with the changes of the lab's `Changes` for it. */
function changed(changes: Changes, id: string, props: AppProps): AppProps {
  const env = { ...props.env, ...changes.env?.[id] };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete env[name];
  }
  return { ...props, ...(props.env === undefined && changes.env?.[id] === undefined ? {} : { env }), ...changes.apps?.[id] } as AppProps;
}

function defineLab(changes: Changes = {}): (scope: Construct) => void {
  return guarded(defineLabUnguarded(changes));
}

function defineLabUnguarded(changes: Changes): (scope: Construct) => void {
  return (scope) => {
    // Facts: the Synology, the two mini PCs, the domain, the addresses MetalLB hands out.
    const nas = externalHost('nas', { address: '192.168.1.10', os: 'Synology DSM 7.2', ports: { nfs: 2049 } });
    const igpu = [{ vendor: 'intel' as const, model: 'UHD Graphics 630' }];
    const mini1 = host('mini1', {
      arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.21', model: 'Lenovo ThinkCentre M720q',
      gpus: (changes.igpuOn ?? 'mini1') === 'mini1' ? igpu : [],
    });
    const mini2 = host('mini2', {
      arch: 'amd64', roles: ['worker'], address: '192.168.1.22', model: 'HP EliteDesk 800 G4 Mini',
      gpus: changes.igpuOn === 'mini2' ? igpu : [],
    });
    const paths = { media: '/volume1/media', photos: '/volume1/photos', documents: '/volume1/documents', backups: '/volume1/backups', ...changes.nasPaths };
    const home = site('home', {
      domain: 'home.example.com', hosts: [mini1, mini2], externalHosts: { nas },
      git: { url: changes.gitUrl ?? 'https://github.com/me/home-lab.git' },
      pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
      nfs: {
        media: { server: '192.168.1.10', path: paths.media, capacity: changes.mediaCapacity ?? '8T' },
        photos: { server: '192.168.1.10', path: paths.photos, capacity: '2T' },
        documents: { server: '192.168.1.10', path: paths.documents, capacity: '500G' },
        backups: { server: '192.168.1.10', path: paths.backups, capacity: '4T' },
      },
    });

    class Home extends ClusterChart {
      constructor(s: Construct) {
        super(s, 'main', {
          site: home, hosts: [mini1, mini2], preinstalled: [k3s()],
          storage: { fast: existingStorageClass('local-path') },
          routes: traefik({ address: home.pools.vips.at('192.168.1.240') }),
          loadBalancer: metalLb({ pools: [home.pools.vips] }),
          gitops: flux(),
        });

        // The NAS user that owns the shares (Synology's first user, in the `users` group).
        const nasUser = { uid: 1026, gid: 100 };

        const plexConfig = AppVolume.claim({ tier: 'fast', size: '50Gi' });
        new HomelabApp(this, 'plex', changed(changes, 'plex', {
          image: 'lscr.io/linuxserver/plex:1.41.3',
          env: { PUID: String(nasUser.uid), PGID: String(nasUser.gid), VERSION: 'docker', TZ: 'Europe/Berlin' },
          ports: [{ name: 'http', port: 32400 }],
          persistence: {
            config: { volume: plexConfig, mountPath: '/config' },
            media: { volume: AppVolume.nfs(home.nfs.media), mountPath: '/media', readOnly: true },
            transcode: { volume: AppVolume.emptyDir(), mountPath: '/transcode' },
          },
          gpu: { vendor: 'intel' },
          exemptions: {
            runAsRoot: 'linuxserver.io s6-overlay starts as root and switches to PUID',
            addCapabilities: rootInitExemption('supervisor', 's6-overlay sets up the abc user and stays root over Plex'),
            writableRootFilesystem: 's6-overlay writes /run and its service files',
          },
          route: { host: 'plex' },
        }));

        // Immich: server, machine learning, its own PostgreSQL with VectorChord, and Valkey.
        const immichDbPassword = SecretReference.external('immich', 'immich-db', 'password');
        const immichDb = new HomelabApp(this, 'immich-postgres', changed(changes, 'immich-postgres', {
          namespace: 'immich',
          image: 'ghcr.io/immich-app/postgres:14-vectorchord0.4.3-pgvectors0.2.0',
          env: {
            POSTGRES_USER: 'immich', POSTGRES_PASSWORD: immichDbPassword, POSTGRES_DB: 'immich',
            POSTGRES_INITDB_ARGS: '--data-checksums', PGDATA: '/var/lib/postgresql/data/pgdata',
          },
          ports: [{ name: 'postgres', port: 5432 }],
          runAsUser: 999, runAsGroup: 999, fsGroup: 999,
          persistence: {
            data: { volume: changes.immichDbOnNas ? AppVolume.nfs(home.nfs.photos, 'postgres') : AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
            run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
          },
        }));
        const immichRedis = new HomelabApp(this, 'immich-redis', changed(changes, 'immich-redis', {
          namespace: 'immich',
          image: 'docker.io/valkey/valkey:8.1.1-bookworm',
          ports: [{ name: 'redis', port: 6379 }],
          runAsUser: 999, runAsGroup: 999,
          persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
        }));
        const immichMl = new HomelabApp(this, 'immich-machine-learning', changed(changes, 'immich-machine-learning', {
          namespace: 'immich',
          image: 'ghcr.io/immich-app/immich-machine-learning:v1.135.3',
          ports: [{ name: 'http', port: 3003 }],
          persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' } },
          probes: { readiness: { httpPath: '/ping' } },
        }));
        new HomelabApp(this, 'immich', changed(changes, 'immich', {
          image: 'ghcr.io/immich-app/immich-server:v1.135.3',
          env: {
            DB_HOSTNAME: 'immich-postgres', DB_USERNAME: 'immich', DB_PASSWORD: immichDbPassword, DB_DATABASE_NAME: 'immich',
            REDIS_HOSTNAME: 'immich-redis', IMMICH_MACHINE_LEARNING_URL: 'http://immich-machine-learning:3003',
            TZ: 'Europe/Berlin',
          },
          ports: [{ name: 'http', port: 2283 }],
          runAsUser: nasUser.uid, runAsGroup: nasUser.gid,
          persistence: { library: { volume: AppVolume.nfs(home.nfs.photos, changes.immichLibraryFolder ?? 'immich'), mountPath: '/usr/src/app/upload' } },
          probes: { readiness: { httpPath: '/api/server/ping' } },
          egress: [immichDb, immichRedis, immichMl],
          route: { host: 'photos' },
        }));

        // Paperless-ngx with its Redis broker; its consume folder is the NAS's scan folder.
        const paperlessRedis = new HomelabApp(this, 'paperless-redis', changed(changes, 'paperless-redis', {
          namespace: 'paperless',
          image: 'docker.io/library/redis:7.4.2',
          ports: [{ name: 'redis', port: 6379 }],
          runAsUser: 999, runAsGroup: 999,
          persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
        }));
        const paperlessData = AppVolume.claim({ tier: 'fast', size: '5Gi' });
        new HomelabApp(this, 'paperless', changed(changes, 'paperless', {
          image: 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3',
          env: {
            PAPERLESS_REDIS: 'redis://paperless-redis:6379', PAPERLESS_URL: 'https://paperless.home.example.com',
            PAPERLESS_SECRET_KEY: SecretReference.external('paperless', 'paperless', 'secret-key'),
            PAPERLESS_TIME_ZONE: 'Europe/Berlin', PAPERLESS_OCR_LANGUAGE: 'deu+eng',
            USERMAP_UID: String(nasUser.uid), USERMAP_GID: String(nasUser.gid),
            PAPERLESS_CONSUMER_POLLING: '60',
            // Its s6-overlay takes an emptyDir at /run as the user it runs as (the hint's second way).
            S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1',
          },
          ports: [{ name: 'http', port: 8000 }],
          runAsUser: nasUser.uid, runAsGroup: nasUser.gid,
          persistence: {
            run: { volume: AppVolume.emptyDir(), mountPath: '/run' },
            data: { volume: paperlessData, mountPath: '/usr/src/paperless/data' },
            media: { volume: AppVolume.nfs(home.nfs.documents, 'paperless/media'), mountPath: '/usr/src/paperless/media' },
            consume: { volume: AppVolume.nfs(home.nfs.documents, 'scans'), mountPath: '/usr/src/paperless/consume' },
          },
          egress: [paperlessRedis],
          route: { host: 'paperless' },
        }));

        // Syncthing: the phones' folders land on the NAS; local discovery needs the host's network.
        const syncthingConfig = AppVolume.claim({ tier: 'fast', size: '1Gi' });
        new HomelabApp(this, 'syncthing', changed(changes, 'syncthing', {
          image: 'syncthing/syncthing:1.29.2',
          ports: [
            { name: 'http', port: 8384 },
            { name: 'sync-tcp', port: 22000 },
            { name: 'sync-udp', port: 22000, protocol: 'UDP' },
            { name: 'discovery', port: 21027, protocol: 'UDP' },
          ],
          runAsUser: nasUser.uid, runAsGroup: nasUser.gid,
          persistence: {
            config: { volume: syncthingConfig, mountPath: '/var/syncthing/config' },
            phones: { volume: AppVolume.nfs(home.nfs.photos, 'phones'), mountPath: '/var/syncthing/phones' },
          },
          exemptions: { hostNetwork: 'local discovery broadcasts on UDP 21027 reach the phones on the LAN' },
          route: { host: 'sync' },
        }));

        // Nightly restic backups of the apps' claims into the NAS's backups share.
        const backup = (namespace: string, claim: AppVolume, owner: { uid: number; gid: number }) =>
          new HomelabApp(this, `${namespace}-backup`, changed(changes, `${namespace}-backup`, {
            namespace,
            image: 'restic/restic:0.17.3',
            controller: AppController.cronJob({ schedule: '30 3 * * *', timeZone: 'Europe/Berlin' }),
            command: ['/bin/sh', '-c'],
            args: [`restic cat config >/dev/null 2>&1 || restic init; restic backup /data --host ${namespace} && restic forget --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --prune`],
            env: {
              RESTIC_REPOSITORY: `/repo/${namespace}`, RESTIC_CACHE_DIR: '/tmp/restic-cache',
              RESTIC_PASSWORD: SecretReference.external(namespace, 'restic', 'password'),
            },
            runAsUser: owner.uid, runAsGroup: owner.gid,
            persistence: {
              data: { volume: claim, mountPath: '/data', readOnly: true },
              repo: { volume: AppVolume.nfs(home.nfs.backups, 'restic'), mountPath: '/repo' },
            },
          }));
        backup('plex', plexConfig, nasUser);
        backup('paperless', paperlessData, nasUser);
        backup('syncthing', syncthingConfig, nasUser);
      }
    }
    new Home(scope);
  };
}

describe('a NAS-centred home written from the README', () => {
  let obvious: ReturnType<typeof synthInMemory> | undefined;
  const result = () => (obvious ??= synthInMemory(defineLab()));
  expectObviousLabClean(result);
});

describe("a newcomer's mistakes in the NAS-centred home", () => {
  const shown = (changes: Changes) => shownFindings(synthInMemory(defineLab(changes)).findings);

  test.each<[string, Changes, string[]]>([
    ["Plex's claim token from plex.tv/claim written in the env", { env: { plex: { PLEX_CLAIM: 'claim-xKpTz9WqLmN4vB7cRd2s' } } }, [
      "error main/plex env.PLEX_CLAIM: PLEX_CLAIM holds a Plex claim token (plex.tv/claim), which signs a server in to its owner's account within four minutes of being made (a Secret made by hand just before the first start carries it in time); a secret would be committed in the clear | pass the whole value as a SecretReference: env: { PLEX_CLAIM: SecretReference.external('plex', 'plex', 'plex-claim') }",
    ]],
    ['the backup run as root, as restic\'s docs run it, to read every app\'s files', { apps: { 'plex-backup': { runAsUser: undefined, runAsGroup: undefined, exemptions: { runAsRoot: 'reads the files of every app' } } } }, [
      "error main/plex-backup exemptions.runAsRoot: restic runs as root with every capability dropped, so it reads only what a file's mode lets any user read: the folders of volumes data, repo that another user keeps to itself (mode 0700, as apps and databases keep their data) fail to back up | run it as the user and group that own the data instead: leave exemptions.runAsRoot out (it then runs as uid 1000 with fsGroup 1000, as apps do) or give the apps' runAsUser and runAsGroup; or let root read every file: exemptions: { runAsRoot: '…', addCapabilities: { capabilities: ['DAC_READ_SEARCH'], reason: 'reads the files of every user to back them up' } } (its namespace then allows the Pod Security level privileged)",
    ]],
    ["Immich's database kept on the NAS, as the NAS's docs keep everything", { immichDbOnNas: true }, [
      "error main/immich-postgres persistence.data.volume: the volume is the NFS export 192.168.1.10:/volume1/photos/postgres, and PostgreSQL keeps its data there (/var/lib/postgresql/data/pgdata) and needs a working fsync and POSIX locks, which NFS does not promise: its data may be corrupted | keep the data on a claim of a tier on a disk of the node (AppVolume.claim({ tier: 'fast', size })), and write its backups to the export",
    ]],
    ["Immich's Redis host as its compose file names the container", { env: { immich: { REDIS_HOSTNAME: 'immich_redis' } } }, [
      "error main/immich env.REDIS_HOSTNAME: container \"immich\": env REDIS_HOSTNAME names the host \"immich_redis\", which holds a '_': compose's name of a container, which its network resolves; no Service can be named so, and the name resolves to nothing | name the app that serves it by its id, its Service's name (with its namespace when it is another): REDIS_HOSTNAME: 'immich-redis' for an app 'immich-redis'",
    ]],
    ["Immich's library folder written as the NAS shows it", { immichLibraryFolder: '/volume1/photos/immich' }, [
      "error main/immich persistence.library.volume: AppVolume.nfs() was given \"/volume1/photos/immich\", the path on the server, where it takes a folder inside the export /volume1/photos, which it would be joined to | give the folder inside the export: AppVolume.nfs(<export>, 'immich')",
    ]],
    ["Immich's port from an old compose file", { apps: { immich: { ports: [{ name: 'http', port: 3001 }] } } }, [
      "error main/immich ports[0].port: image \"ghcr.io/immich-app/immich-server:v1.135.3\" runs Immich's server, which listens on port 2283 unless env.IMMICH_PORT moves it; the container declares 3001, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | declare the port it listens on: { name: 'http', port: 2283, servicePort: 3001 }; or listen on 3001: env.IMMICH_PORT: '3001'",
    ]],
    ['Paperless without polling on its NFS consume folder', { env: { paperless: { PAPERLESS_CONSUMER_POLLING: undefined } } }, [
      "error main/paperless env: the consumption folder /usr/src/paperless/consume is on an NFS export (persistence.consume) and PAPERLESS_CONSUMER_POLLING is not set, so the consumer listens for inotify events alone: an NFS client gets no inotify event for a file the scanner or another machine writes to the export, so each document waits there until the pod restarts | poll the folder: PAPERLESS_CONSUMER_POLLING: '60' (seconds)",
    ]],
    ["Paperless's polling switched on as a switch", { env: { paperless: { PAPERLESS_CONSUMER_POLLING: 'true' } } }, [
      "error main/paperless env.PAPERLESS_CONSUMER_POLLING: the consumption folder /usr/src/paperless/consume is on an NFS export (persistence.consume) and PAPERLESS_CONSUMER_POLLING is 'true', which leaves polling off: an NFS client gets no inotify event for a file the scanner or another machine writes to the export, so each document waits there until the pod restarts | poll the folder: PAPERLESS_CONSUMER_POLLING: '60' (seconds)",
    ]],
    ["Paperless's URL without its scheme", { env: { paperless: { PAPERLESS_URL: 'paperless.home.example.com' } } }, [
      "error main/paperless env.PAPERLESS_URL: PAPERLESS_URL \"paperless.home.example.com\" has no scheme: Paperless-ngx adds it as written to Django's CSRF_TRUSTED_ORIGINS, which since Django 4 takes only origins with their scheme, so its system check (4_0.E001) fails and the migrations Paperless-ngx runs as it starts stop: the container never serves | write the URL the browser opens, with its scheme: PAPERLESS_URL: 'https://paperless.home.example.com'",
    ]],
    ["Paperless's secret key written in the clear", { env: { paperless: { PAPERLESS_SECRET_KEY: 'Vq3nX8pL2zR7tY5wK9mB4cJ6hF1dS0aG' } } }, [
      "error main/paperless env.PAPERLESS_SECRET_KEY: PAPERLESS_SECRET_KEY is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { PAPERLESS_SECRET_KEY: SecretReference.external('paperless', 'paperless', 'paperless-secret-key') }",
    ]],
    ["Syncthing's ports from compose, off the host's network", { apps: { syncthing: { exemptions: {} } } }, [
      "error main/syncthing ports[3]: port discovery (UDP 21027) is Syncthing's local discovery, which clients send to a broadcast or multicast address of their segment, never to the address of the app's Service or of a pod on the pod network: none of it reaches the app | serve it on the host's network, where the app's socket hears the segment: exemptions: { hostNetwork: '<why>' }",
    ]],
    ["Syncthing's GUI on the loopback, as its config.xml has it", { env: { syncthing: { STGUIADDRESS: '127.0.0.1:8384' } } }, [
      "error main/syncthing env.STGUIADDRESS: image \"syncthing/syncthing:1.29.2\" runs Syncthing, told to listen on 127.0.0.1:8384, the pod's own loopback: its Service, the ingress and the probes of port 8384 reach nothing there, and the pod never becomes ready | listen on every address of the pod: STGUIADDRESS: '0.0.0.0:8384'",
    ]],
    ["Syncthing's PUID from compose without runAsUser", { apps: { syncthing: { runAsUser: undefined, runAsGroup: undefined } }, env: { syncthing: { PUID: '1026', PGID: '100' } } }, [
      "error main/syncthing env.PUID: PUID 1026 is read only by an image that starts as root and switches to that user; this container runs as user 1000 (runAsUser), so the app would run as 1000, not 1026 | run it as that user: runAsUser: 1026 in place of env PUID",
      "error main/syncthing env.PGID: PGID 100 is read only by an image that starts as root and switches to that group; this container runs as group 1000 (runAsGroup), so the app would run as 1000, not 100 | run it as that group: runAsGroup: 100 in place of env PGID",
    ]],
    ["the backup's schedule with Quartz's seconds", { apps: { 'plex-backup': { controller: AppController.cronJob({ schedule: '0 30 3 * * ?', timeZone: 'Europe/Berlin' }) } } }, [
      "error main/plex-backup controller.props.schedule: schedule \"0 30 3 * * ?\" is not valid: a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has 6 | the first of 6 fields reads as seconds (Quartz, Spring, node-cron), which a CronJob has not: schedule: '30 3 * * ?'",
    ]],
    ["the NAS export's capacity as the NAS writes it", { mediaCapacity: '8TB' }, [
      "error inventory/site/home/nfs/media capacity: capacity \"8TB\" is not a size such as 1T or 900Gi | write capacity: '8T' (Kubernetes writes a unit without its B)",
    ]],
    ['Flux given the SSH address GitHub shows', { gitUrl: 'git@github.com:me/home-lab.git' }, [
      "error main gitops: Flux clones ssh:// URLs, not the scp form \"git@github.com:me/home-lab.git\" of site \"home\" | write the site's git url as ssh://git@github.com/me/home-lab.git (a path relative to the account's home needs its full path there)",
    ]],
    ['the iGPU written on the wrong mini PC', { igpuOn: 'neither' }, [
      "error main/plex gpu: no host of cluster \"main\" has an Intel GPU | no host of this cluster has a GPU: list it in the host's gpus, e.g. gpus: [{ vendor: 'intel' }]",
    ]],
  ])('%s', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});
