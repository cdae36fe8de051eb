// A new user's media server from the README alone: K3s on an Intel N100 mini PC (Quick Sync) beside an older mini PC
// without a GPU, the media on a NAS's NFS export laid out for hardlinks (downloads and library on one filesystem, at
// /data in every container), Jellyfin with Quick Sync, Jellyseerr, Sonarr, Radarr, Prowlarr, Bazarr, Lidarr,
// qBittorrent and Recyclarr on linuxserver.io images with PUID, PGID and TZ, each calling the others by Service name,
// and a route for each web UI. Written the obvious way it synthesizes with no finding; the mistakes a first media
// lab makes are each one finding on the field that holds them.
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, ClusterChart, flux, HomelabApp, host, Jellyfin, JellyfinMedia, JellyfinTranscoding, k3s, localPathStorage, metalLb,
  rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps, HostProps, JellyfinProps, NfsExportProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly jellyfin?: Partial<JellyfinProps>;
  readonly hosts?: Partial<Record<string, Record<string, unknown>>>;
  readonly nfs?: Record<string, unknown>;
}

/** The machines and the site, each fact open to a mistake. */
function inventory(changes: Changes = {}) {
  const machine = (name: string, props: HostProps) => host(name, { ...props, ...changes.hosts?.[name] } as HostProps);
  const n100 = machine('n100', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.20', cores: 4, memoryGigabytes: 16, model: 'Beelink Mini S12 Pro (Intel N100)',
    gpus: [{ vendor: 'intel' }], disks: [{ media: 'nvme', sizeGigabytes: 500 }],
  });
  const optiplex = machine('optiplex', {
    arch: 'amd64', roles: ['worker'], address: '192.168.1.21', cores: 4, memoryGigabytes: 8, model: 'Dell OptiPlex 3060 Micro', disks: [{ media: 'ssd', sizeGigabytes: 256 }],
  });
  const hosts = [n100, optiplex];
  const media = site('media', {
    domain: 'media.example.net', hosts, git: { url: 'https://github.com/jdoe/media-lab.git' },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
    nfs: { data: (changes.nfs as NfsExportProps | undefined) ?? { server: '192.168.1.5', path: '/volume1/data' } },
  });
  return { n100, optiplex, hosts, media };
}
const lab = inventory();
const { optiplex, media } = lab;

const key = (app: string) => SecretReference.external('media', `${app}-api-key`, 'api-key');
/** What every linuxserver.io image gets: the ids its s6-overlay drops to, and the lab's time zone. */
const LSIO_ENV = { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin' };
const LSIO_EXEMPTIONS = {
  runAsRoot: "linuxserver.io's s6-overlay starts as root and drops to PUID:PGID",
  writableRootFilesystem: 's6-overlay writes its services under /run',
  addCapabilities: rootInitExemption('supervisor', 's6-overlay takes ownership of /config and switches to PUID:PGID'),
};

/** The stacks a change touches (an app's id, Jellyfin for its own props and the inventory's), so that a mistake is synthesized beside its own part alone. */
const partsOf = (changes: Changes) => new Set([...Object.keys(changes.apps ?? {}), ...(changes.jellyfin || changes.hosts || changes.nfs ? ['jellyfin'] : [])]);

const defineLab = (changes: Changes = {}, whole = false) => guarded((scope: Construct) => {
  const { hosts: HOSTS, media: MEDIA } = changes.hosts || changes.nfs ? inventory(changes) : lab;
  const parts = partsOf(changes);
  // An app a part calls is made beside it, so that its links are read as in the whole lab.
  const wants = (...ids: string[]) => whole || ids.some((id) => parts.has(id));
  const c = new ClusterChart(scope, 'main', {
    site: MEDIA, hosts: HOSTS, storage: { fast: localPathStorage() }, gitops: flux(),
    routes: traefik({ address: MEDIA.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [MEDIA.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  // One export at /data everywhere: /data/torrents and /data/media on one filesystem, so imports are hardlinks.
  const data = { data: { volume: AppVolume.nfs(MEDIA.nfs.data), mountPath: '/data' } };
  const config = (size = '5Gi') => ({ config: { volume: AppVolume.claim({ tier: 'fast', size }), mountPath: '/config' } });
  const arr = (id: string, image: string, port: number, props: Partial<AppProps> = {}) => new HomelabApp(c, id, {
    namespace: 'media', image, ports: [{ name: 'http', port }], env: LSIO_ENV, exemptions: LSIO_EXEMPTIONS,
    persistence: { ...config(), ...data }, route: { host: id }, ...props, ...changes.apps?.[id],
  });

  const qbittorrent = wants('qbittorrent', 'sonarr', 'radarr', 'lidarr', 'prowlarr') ? arr('qbittorrent', 'lscr.io/linuxserver/qbittorrent:5.0.3', 8080, {
    ports: [{ name: 'http', port: 8080 }, { name: 'torrent', port: 6881 }, { name: 'torrent-udp', port: 6881, protocol: 'UDP' }],
    env: { ...LSIO_ENV, WEBUI_PORT: '8080', TORRENTING_PORT: '6881' },
    loadBalancer: { address: MEDIA.pools.vips.at('192.168.1.241'), ports: ['torrent', 'torrent-udp'] },
    route: { host: 'qbittorrent', port: 8080 },
  }) : undefined;
  const starr = (id: string, image: string, port: number) => (wants(id, 'qbittorrent', 'prowlarr', 'bazarr', 'jellyseerr', 'recyclarr') ? arr(id, image, port, {
    env: { ...LSIO_ENV, [`${id.toUpperCase()}__AUTH__APIKEY`]: key(id) }, egress: qbittorrent ? [qbittorrent] : [],
  }) : undefined);
  const sonarr = starr('sonarr', 'lscr.io/linuxserver/sonarr:4.0.14', 8989);
  const radarr = starr('radarr', 'lscr.io/linuxserver/radarr:5.21.1', 7878);
  const lidarr = starr('lidarr', 'lscr.io/linuxserver/lidarr:2.9.6', 8686);
  const called = <T>(...apps: (T | undefined)[]) => apps.filter((a): a is T => a !== undefined);
  if (wants('prowlarr')) {
    // Prowlarr pushes its indexers into the *arrs, which search through it.
    arr('prowlarr', 'lscr.io/linuxserver/prowlarr:1.32.2', 9696, { persistence: config(), egress: called(sonarr, radarr, lidarr), allowFrom: called(sonarr, radarr, lidarr) });
  }
  if (wants('bazarr')) {
    arr('bazarr', 'lscr.io/linuxserver/bazarr:1.5.1', 6767, { egress: called(sonarr, radarr) });
  }
  if (wants('recyclarr')) {
    arr('recyclarr', 'ghcr.io/recyclarr/recyclarr:7.4.1', 0, {
      ports: [], route: undefined, controller: AppController.cronJob({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin' }), args: ['sync'], exemptions: undefined, runAsUser: 1000, runAsGroup: 1000,
      env: {
        TZ: 'Europe/Berlin', SONARR_URL: 'http://sonarr:8989', RADARR_URL: 'http://radarr:7878',
        SONARR_API_KEY: key('sonarr'), RADARR_API_KEY: key('radarr'),
      },
      persistence: config('1Gi'), egress: called(sonarr, radarr),
    });
  }
  const jellyfin = wants('jellyfin', 'jellyseerr') ? new Jellyfin(c, 'jellyfin', {
    namespace: 'media', media: JellyfinMedia.nfs(MEDIA.nfs.data, 'media'), hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 993 }),
    env: { TZ: 'Europe/Berlin' }, route: { host: 'jellyfin' }, ...changes.jellyfin,
  }) : undefined;
  if (wants('jellyseerr')) {
    new HomelabApp(c, 'jellyseerr', {
      namespace: 'media', image: 'fallenbagel/jellyseerr:2.5.2', ports: [{ name: 'http', port: 5055 }], env: { TZ: 'Europe/Berlin', LOG_LEVEL: 'info' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
      egress: called(jellyfin, sonarr, radarr), route: { host: 'requests' }, ...changes.apps?.jellyseerr,
    });
  }
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes, changes === undefined));
const shown = (changes?: Changes) => shownFindings(synthOf(changes).findings);

describe('the lab written the obvious way', () => {
  expectObviousLabClean(() => synthOf());
});


const nfs = (folder?: string) => AppVolume.nfs(media.nfs.data, folder);
const cfg = { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } };
const sonarr = (more: Partial<AppProps>): Changes => ({ apps: { sonarr: more } });
const qbit = (more: Partial<AppProps>): Changes => ({ apps: { qbittorrent: more } });
const recyclarr = (more: Partial<AppProps>): Changes => ({ apps: { recyclarr: more } });
const RECYCLARR_ENV = { TZ: 'Europe/Berlin', SONARR_URL: 'http://sonarr:8989', RADARR_URL: 'http://radarr:7878', SONARR_API_KEY: key('sonarr'), RADARR_API_KEY: key('radarr') };

describe('a first media lab', () => {
  test.each<[string, Changes, string[]]>([
    ['the library mounted read-only, as a media server mounts it', sonarr({ persistence: { ...cfg, data: { volume: nfs(), mountPath: '/data', readOnly: true } } }), [
      'error main/sonarr persistence.data.readOnly: /data is mounted read-only, and Sonarr mounts no folder of media it may write: it moves, hardlinks or copies each finished download into its library and renames it, and clears the download after, so every import fails | leave persistence.data.readOnly out: Sonarr needs to write every folder of the media and downloads it imports between',
    ]],
    ['the library read-only on the one mount of the export', sonarr({ persistence: { ...cfg, data: { volume: nfs(), mounts: [{ mountPath: '/data', readOnly: true }] } } }), [
      'error main/sonarr persistence.data.mounts[0].readOnly: /data is mounted read-only, and Sonarr mounts no folder of media it may write: it moves, hardlinks or copies each finished download into its library and renames it, and clears the download after, so every import fails | leave persistence.data.mounts[0].readOnly out: Sonarr needs to write every folder of the media and downloads it imports between',
    ]],
    ['a library kept read-only beside the downloads it may write', sonarr({ persistence: { ...cfg, files: { volume: nfs('torrents'), mountPath: '/files' }, media: { volume: nfs('media'), mountPath: '/media', readOnly: true } } }), [
      'warning main/sonarr persistence.media.mountPath: mounts 192.168.1.5:/volume1/data/media at /media apart from 192.168.1.5:/volume1/data/torrents at /files (persistence.files), two mounts of one export: a hardlink cannot cross two mounts, so every import from the downloads into the library is a copy that takes its space twice | mount the folder that holds both once, in place of the two: persistence: { data: { volume: AppVolume.nfs(<site>.nfs.data), mountPath: \'/data\' } }, and the download client the same way, so downloads and library are one mount',
    ]],
    ['downloads and the library on two mounts', sonarr({ persistence: { ...cfg, tv: { volume: nfs('media/tv'), mountPath: '/tv' }, downloads: { volume: nfs('torrents'), mountPath: '/downloads' } } }), [
      "warning main/sonarr persistence.downloads.mountPath: mounts 192.168.1.5:/volume1/data/torrents at /downloads apart from 192.168.1.5:/volume1/data/media/tv at /tv (persistence.tv), two mounts of one export: a hardlink cannot cross two mounts, so every import from the downloads into the library is a copy that takes its space twice | mount the folder that holds both once, in place of the two: persistence: { data: { volume: AppVolume.nfs(<site>.nfs.data), mountPath: '/data' } }, and the download client the same way, so downloads and library are one mount",
    ]],
    ['downloads and the library on two mounts at the paths qBittorrent sees', sonarr({ persistence: { ...cfg, media: { volume: nfs('media'), mountPath: '/data/media' }, torrents: { volume: nfs('torrents'), mountPath: '/data/torrents' } } }), [
      "warning main/sonarr persistence.torrents.mountPath: mounts 192.168.1.5:/volume1/data/torrents at /data/torrents apart from 192.168.1.5:/volume1/data/media at /data/media (persistence.media), two mounts of one export: a hardlink cannot cross two mounts, so every import from the downloads into the library is a copy that takes its space twice | mount the folder that holds both once, in place of the two: persistence: { data: { volume: AppVolume.nfs(<site>.nfs.data), mountPath: '/data' } }, and the download client the same way, so downloads and library are one mount",
    ]],
    ['PUID as a user name', sonarr({ env: { ...LSIO_ENV, PUID: 'jdoe' } }), [
      "error main/sonarr env.PUID: PUID is \"jdoe\", not a user id: the image's init sets its user's id to it (usermod, groupmod), which takes a whole number alone, and the container stops as it starts | write the user's number, as `id -u jdoe` on the NAS or host that owns the folders prints it: PUID: '1000'",
    ]],
    ['PUID as a number', sonarr({ env: { ...LSIO_ENV, PUID: 1000 as never } }), [
      "error main/sonarr env.PUID: container \"sonarr\": env PUID is the number 1000; environment values are text | write it as a string: PUID: '1000'",
    ]],
    ["qBittorrent's /downloads beside Sonarr's /data/torrents", qbit({ persistence: { ...cfg, downloads: { volume: nfs('torrents'), mountPath: '/downloads' } } }), [
      "warning main/qbittorrent persistence.downloads.mountPath: mounts 192.168.1.5:/volume1/data/torrents at /downloads, and sonarr, which calls it, sees that folder at /data/torrents: the paths the two hand each other (a finished download's folder, where to save) name nothing in the other's container | mount it where sonarr sees it, at /data/torrents, so the paths line up (as compose's one /data in every container), or map the paths in the app",
    ]],
    ['Recyclarr calling Sonarr on localhost', recyclarr({ env: { ...RECYCLARR_ENV, SONARR_URL: 'http://localhost:8989' } }), [
      "error main/recyclarr env.SONARR_URL: env SONARR_URL calls localhost:8989, the pod's own loopback, where none of its containers listens (they declare no port): under compose, on the host's network or through a published port, localhost was the machine; in a pod it is the pod itself (at spec.jobTemplate.spec.template.spec.containers[0].env[3] of CronJob media/recyclarr) | call the app's Service: http://sonarr.media:8989",
    ]],
    ["Sonarr's API key in plain text", sonarr({ env: { ...LSIO_ENV, SONARR__AUTH__APIKEY: '0123456789abcdef0123456789abcdef' } }), [
      "error main/sonarr env.SONARR__AUTH__APIKEY: SONARR__AUTH__APIKEY is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { SONARR__AUTH__APIKEY: SecretReference.external('media', 'sonarr', 'sonarr-auth-apikey') }",
    ]],
    ["Recyclarr's API key in plain text", recyclarr({ env: { ...RECYCLARR_ENV, SONARR_API_KEY: '0123456789abcdef0123456789abcdef' } }), [
      "error main/recyclarr env.SONARR_API_KEY: SONARR_API_KEY is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { SONARR_API_KEY: SecretReference.external('media', 'recyclarr', 'sonarr-api-key') }",
    ]],
    ["the iGPU as compose's devices", { jellyfin: { hardwareTranscoding: undefined, devices: ['/dev/dri:/dev/dri'] } as never }, [
      "error main/jellyfin devices: Jellyfin has no prop \"devices\"; it would be ignored | the GPU is Jellyfin's hardwareTranscoding: hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: <id of the host's render group, `getent group render`> }) (or JellyfinTranscoding.nvidia(), JellyfinTranscoding.dri({ renderGroup, videoGroup }))",
    ]],
    ["the iGPU as compose's device path", { jellyfin: { hardwareTranscoding: '/dev/dri' as never } }, [
      "error main/jellyfin hardwareTranscoding: hardwareTranscoding is \"/dev/dri\", not made by one of its factories | make it with JellyfinTranscoding.intelQsv(), JellyfinTranscoding.nvidia() or JellyfinTranscoding.dri({ renderGroup, videoGroup })",
    ]],
    ['the render group by name', { jellyfin: { hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 'render' as never }) } }, [
      "error main/jellyfin hardwareTranscoding.renderGroup: hardwareTranscoding.renderGroup is \"render\", not a user or group id: a whole number of 0–2147483647, such as 1000 | hardwareTranscoding.renderGroup takes the group's id, not its name: `getent group render` on the host prints it (render:x:993:), e.g. renderGroup: 993",
    ]],
    ["a route to qBittorrent's BitTorrent port", qbit({ route: { host: 'qbittorrent', port: 6881 } }), [
      "error main/qbittorrent route.port: port 6881 (torrent) serves BitTorrent's peer protocol, which peers on the internet speak to the port the client announces, not HTTP, and the route carries HTTP: every peer would be answered in HTTP, or not at all | peers reach the download client through its load balancer on both protocols, loadBalancer: { address, ports: ['torrent', 'torrent-udp'] } (and a port forward of the router to that address); route only its web UI (route: { host, port: <the web UI port> })",
    ]],
    ['the NFS export without its leading slash', { nfs: { server: '192.168.1.5', path: 'volume1/data' } }, [
      "error inventory/site/media/nfs/data path: exported path \"volume1/data\" is not absolute | give the path as the server exports it, starting with /",
    ]],
    ['the NFS export with a trailing slash', { nfs: { server: '192.168.1.5', path: '/volume1/data/' } }, []],
    ['Jellyfin placed on the mini PC without the GPU', { jellyfin: { placement: { host: optiplex } } }, [
      "error main/jellyfin placement: no host of cluster \"main\" has host optiplex and an Intel GPU | no host meets them together; host optiplex: optiplex; an Intel GPU: n100",
    ]],
    ["docker's 512m of memory", sonarr({ resources: { memoryRequest: '256Mi', memoryLimit: '512m' } }), [
      "error main/sonarr resources.memoryLimit: \"512m\" is not a size | write '512Mi': docker's 512m is 512Mi here (in Kubernetes m means thousandths)",
    ]],
    ["docker's 2g of memory", sonarr({ resources: { memoryLimit: '2g' } }), [
      "error main/sonarr resources.memoryLimit: \"2g\" is not a size | write '2Gi': docker's 2g is 2Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
    ]],
    ['TZ as an abbreviation', sonarr({ env: { ...LSIO_ENV, TZ: 'CEST' } }), [
      "error main/sonarr env.TZ: TZ \"CEST\" is no zone of the tz database, nor a POSIX rule, which gives an offset after the name: the C library runs the container in UTC, without a word | the tz database names zones by a place, which also follows its summer time: env: { TZ: 'Europe/Berlin' } (or the place you meant)",
    ]],
    ['TZ as CET', sonarr({ env: { ...LSIO_ENV, TZ: 'CET' } }), []],
    ['the GPU vendor as its driver', { hosts: { n100: { gpus: [{ vendor: 'i915' }] } } }, [
      "error inventory/host/n100 gpus[0].vendor: GPU vendor \"i915\" is not one of nvidia, amd, intel | name the maker: nvidia, amd or intel",
    ]],
    ["Jellyfin's media folder with a leading slash", { jellyfin: { media: JellyfinMedia.nfs(media.nfs.data, '/media') } }, []],
    ["compose's 8989:8989", sonarr({ ports: [{ name: 'http', port: '8989:8989' as never }] }), [
      "error main/sonarr ports[0].port: ports[0].port is \"8989:8989\", not a port: a whole number of 1–65535 | compose's \"8989:8989\" publishes a port of the host; here the container's port is port: 8989, beside its name, and clients reach it through loadBalancer: { address: site.pools.<pool>.at('…'), ports: ['<its name>'] }",
    ]],
    ['Recyclarr in another namespace calling sonarr by its short name', recyclarr({ namespace: 'tools' }), [
      "error main/recyclarr env.RADARR_API_KEY: env RADARR_API_KEY reads Secret \"radarr-api-key\" of namespace \"media\", but a pod reads Secrets only from its own namespace \"tools\" | make the Secret in namespace \"tools\" too (a SealedSecret, SopsSecret or ExternalSecret there, or SecretReference.external('tools', 'radarr-api-key', 'api-key') for one made by hand), or run the app in namespace \"media\"",
      "error main/recyclarr env.SONARR_API_KEY: env SONARR_API_KEY reads Secret \"sonarr-api-key\" of namespace \"media\", but a pod reads Secrets only from its own namespace \"tools\" | make the Secret in namespace \"tools\" too (a SealedSecret, SopsSecret or ExternalSecret there, or SecretReference.external('tools', 'sonarr-api-key', 'api-key') for one made by hand), or run the app in namespace \"media\"",
      "warning main/recyclarr env.SONARR_URL: env SONARR_URL names \"sonarr\", which runs in namespace \"media\", by its short name, which resolves only in namespace \"media\", not in this app's \"tools\" | write SONARR_URL: 'http://sonarr.media:8989' (or sonarr.media.svc.cluster.local), or put the two apps in one namespace",
      "warning main/recyclarr env.RADARR_URL: env RADARR_URL names \"radarr\", which runs in namespace \"media\", by its short name, which resolves only in namespace \"media\", not in this app's \"tools\" | write RADARR_URL: 'http://radarr.media:7878' (or radarr.media.svc.cluster.local), or put the two apps in one namespace",
    ]],
    ["Sonarr's URL on qBittorrent's port", recyclarr({ env: { ...RECYCLARR_ENV, SONARR_URL: 'http://sonarr:8080' } }), [
      "error main/recyclarr env.SONARR_URL: env SONARR_URL calls Service sonarr.media on port 8080, which the Service does not serve: every connection would be refused (at spec.jobTemplate.spec.template.spec.containers[0].env[3] of CronJob media/recyclarr) | Service sonarr.media serves 8989 (http): call one of these (the Service's port, not the container port it forwards to)",
    ]],
    ['a linuxserver.io image without its exemptions', sonarr({ exemptions: undefined }), [
      "error main/sonarr image: image \"lscr.io/linuxserver/sonarr:4.0.14\" is linuxserver.io's, whose init (s6-overlay) starts as root and writes its service tree under /run; run as its non-root user on a read-only root it stops as it starts, and PUID and PGID are never read | start it as root, as the image is built, and PUID:PGID pick the user it runs the app as: exemptions: { runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 's6-overlay writes its service tree under /run' } (MediaContainers does so by itself); or use an image built to run as its user",
    ]],
    ['Jellyseerr calling Jellyfin by its route', { apps: { jellyseerr: { env: { TZ: 'Europe/Berlin', JELLYFIN_URL: 'http://localhost:8096' } } } }, [
      "error main/jellyseerr env.JELLYFIN_URL: env JELLYFIN_URL calls localhost:8096, the pod's own loopback, where none of its containers listens (they declare 5055): under compose, on the host's network or through a published port, localhost was the machine; in a pod it is the pod itself (at spec.template.spec.containers[0].env[0] of Deployment media/jellyseerr) | call the app's Service: http://jellyfin.media:8096",
    ]],
  ])('%s', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});
