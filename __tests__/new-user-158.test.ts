// A new user's lab, written from the README alone: an Unraid user moves to Kubernetes. The Unraid server stays the
// NAS (its shares /mnt/user/media, /mnt/user/appdata and /mnt/user/downloads served over NFS and SMB), two mini PCs
// run K3s, and the apps come from Unraid's Community Applications templates: binhex-qbittorrentvpn with its VPN
// settings, binhex-sonarr, linuxserver.io's Radarr and Bazarr, each with the templates' UMASK, PUID 99 and PGID 100
// (Unraid's nobody:users) and their paths; Home Assistant on the host's network for mDNS; the appdata share mounted
// over SMB through csi-driver-smb with its credentials made by hand; Flux.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppVolume, ChartRelease, ClusterChart, declareExternal, externalHost, flux, HomelabApp, host, k3s, localPathStorage,
  metalLb, noNetworkPolicy, rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps as HomelabAppProps } from '../constructs/app/props';
import { guarded } from './bad-input/lab';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';
import { synthInMemory } from './support/synth';

/** One mistake of the theme, written as a change to the lab. */
interface Changes {
  readonly qbittorrent?: (props: HomelabAppProps) => HomelabAppProps;
  readonly sonarr?: (props: HomelabAppProps) => HomelabAppProps;
  readonly radarr?: (props: HomelabAppProps) => HomelabAppProps;
  readonly bazarr?: (props: HomelabAppProps) => HomelabAppProps;
  readonly homeAssistant?: (props: HomelabAppProps) => HomelabAppProps;
  readonly smbVolume?: (pv: Record<string, unknown>) => Record<string, unknown>;
  readonly nfsServer?: string;
  readonly mediaPath?: string;
  readonly gitUrl?: string;
  /** Radarr's /config on the appdata share, as Unraid keeps it. */
  readonly radarrConfigOnNas?: boolean;
}

/** The templates' ids: Unraid's nobody (99) and users (100), which own every share. */
const UNRAID_IDS = { PUID: '99', PGID: '100' };

/** What binhex's and linuxserver.io's images need to start as root and hand the app to PUID:PGID. */
function rootInit(runsAs: string) {
  return {
    runAsRoot: `its init starts as root, then runs the app as ${runsAs}`,
    addCapabilities: rootInitExemption('supervisor', `switches to ${runsAs}`),
    writableRootFilesystem: 'its init writes its users and supervisor settings as it starts',
  };
}

function defineLab(changes: Changes = {}): (scope: Construct) => void {
  const changed = <T>(change: ((value: T) => T) | undefined, value: T): T => (change === undefined ? value : change(value));
  return guarded((scope: Construct) => {
    const unraid = externalHost('unraid', { address: '192.168.1.20', os: 'Unraid', ports: { nfs: 2049, smb: 445 } });
    const mini1 = host('mini-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.31', memoryGigabytes: 16, cores: 4 });
    const mini2 = host('mini-2', { arch: 'amd64', roles: ['worker'], address: '192.168.1.32', memoryGigabytes: 16, cores: 4 });
    const lab = site('unraid-lab', {
      domain: 'home.example.com', hosts: [mini1, mini2], externalHosts: { unraid },
      git: { url: changes.gitUrl ?? 'https://github.com/example/unraid-lab.git' },
      pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
      nfs: {
        media: { server: changes.nfsServer ?? unraid.address, path: changes.mediaPath ?? '/mnt/user/media' },
        downloads: { server: changes.nfsServer ?? unraid.address, path: '/mnt/user/downloads' },
        appdata: { server: unraid.address, path: '/mnt/user/appdata' },
      },
    });

    class Main extends ClusterChart {
      constructor(s: Construct) {
        super(s, 'main', {
          site: lab, hosts: [mini1, mini2], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
          storage: { fast: localPathStorage() }, gitops: flux(),
          routes: traefik({ address: lab.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
        });

        // The appdata share over SMB, for Home Assistant's backups: csi-driver-smb and a volume of the share.
        new ChartRelease(this, 'csi-driver-smb', {
          namespace: 'kube-system',
          chart: { repository: 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-smb/master/charts', chart: 'csi-driver-smb', version: '1.17.0' },
          network: noNetworkPolicy('the node plugin runs on the host network to mount the shares'),
        });
        const smbCredentials = SecretReference.external('home-assistant', 'smbcreds', 'password');
        declareExternal(this, { secrets: [smbCredentials] });
        new ApiObject(this, 'appdata-pv', changed(changes.smbVolume, {
          apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'unraid-appdata' },
          spec: {
            capacity: { storage: '100Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '',
            mountOptions: ['dir_mode=0777', 'file_mode=0777', 'uid=99', 'gid=100'],
            csi: {
              driver: 'smb.csi.k8s.io', volumeHandle: '192.168.1.20/appdata##',
              volumeAttributes: { source: '//192.168.1.20/appdata' },
              nodeStageSecretRef: { name: 'smbcreds', namespace: 'home-assistant' },
            },
          },
        }) as never);
        new ApiObject(this, 'appdata-pvc', {
          apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'appdata', namespace: 'home-assistant' },
          spec: { accessModes: ['ReadWriteMany'], storageClassName: '', volumeName: 'unraid-appdata', resources: { requests: { storage: '100Gi' } } },
        });

        const qbittorrent = new HomelabApp(this, 'qbittorrent', changed(changes.qbittorrent, {
          namespace: 'media', image: 'binhex/arch-qbittorrentvpn:5.0.4-1-01',
          env: {
            ...UNRAID_IDS, UMASK: '000', VPN_ENABLED: 'yes', VPN_PROV: 'pia', VPN_CLIENT: 'wireguard',
            VPN_USER: SecretReference.external('media', 'qbittorrent-vpn', 'VPN_USER'),
            VPN_PASS: SecretReference.external('media', 'qbittorrent-vpn', 'VPN_PASS'),
            STRICT_PORT_FORWARD: 'yes', ENABLE_PRIVOXY: 'no', LAN_NETWORK: '192.168.1.0/24',
            NAME_SERVERS: '84.200.69.80,37.235.1.174,1.1.1.1,37.235.1.177,84.200.70.40,1.0.0.1', WEBUI_PORT: '8080',
          },
          ports: [{ name: 'http', port: 8080 }],
          persistence: {
            config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' },
            data: { volume: AppVolume.nfs(lab.nfs.downloads), mountPath: '/data' },
          },
          exemptions: { ...rootInit('PUID:PGID'), privileged: 'WireGuard sets up its interface and src_valid_mark in the pod, as binhex asks' },
          route: { host: 'qbittorrent' },
        }));

        const sonarr = new HomelabApp(this, 'sonarr', changed(changes.sonarr, {
          namespace: 'media', image: 'binhex/arch-sonarr:4.0.14.2939-1-01',
          env: { ...UNRAID_IDS, UMASK: '000' },
          ports: [{ name: 'http', port: 8989 }],
          persistence: {
            config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' },
            data: { volume: AppVolume.nfs(lab.nfs.downloads), mountPath: '/data' },
            media: { volume: AppVolume.nfs(lab.nfs.media), mountPath: '/media' },
          },
          exemptions: rootInit('PUID:PGID'),
          egress: [qbittorrent],
          route: { host: 'sonarr' },
        }));

        const radarr = new HomelabApp(this, 'radarr', changed(changes.radarr, {
          namespace: 'media', image: 'lscr.io/linuxserver/radarr:5.21.1',
          env: { ...UNRAID_IDS, UMASK: '022' },
          ports: [{ name: 'http', port: 7878 }],
          persistence: {
            config: { volume: changes.radarrConfigOnNas ? AppVolume.nfs(lab.nfs.appdata, 'radarr') : AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' },
            downloads: { volume: AppVolume.nfs(lab.nfs.downloads), mountPath: '/data' },
            movies: { volume: AppVolume.nfs(lab.nfs.media, 'movies'), mountPath: '/movies' },
          },
          exemptions: rootInit('PUID:PGID'),
          egress: [qbittorrent],
          route: { host: 'radarr' },
        }));

        new HomelabApp(this, 'bazarr', changed(changes.bazarr, {
          namespace: 'media', image: 'lscr.io/linuxserver/bazarr:1.5.1',
          env: { ...UNRAID_IDS, UMASK: '022' },
          ports: [{ name: 'http', port: 6767 }],
          persistence: {
            config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' },
            movies: { volume: AppVolume.nfs(lab.nfs.media, 'movies'), mountPath: '/movies' },
            tv: { volume: AppVolume.nfs(lab.nfs.media, 'tv'), mountPath: '/media/tv' },
          },
          exemptions: rootInit('PUID:PGID'),
          egress: [sonarr, radarr],
          route: { host: 'bazarr' },
        }));

        new HomelabApp(this, 'home-assistant', changed(changes.homeAssistant, {
          namespace: 'home-assistant', image: 'ghcr.io/home-assistant/home-assistant:2025.5.3',
          env: { TZ: 'Europe/Berlin' },
          ports: [{ name: 'http', port: 8123 }],
          persistence: {
            config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' },
            backups: { volume: AppVolume.existingClaim('appdata'), mounts: [{ mountPath: '/config/backups', subPath: 'homeassistant-backups' }] },
          },
          exemptions: {
            runAsRoot: 'the image runs Home Assistant as root', writableRootFilesystem: "s6-overlay writes its service tree under /run",
            hostNetwork: 'mDNS and SSDP discovery of the LAN\'s devices',
          },
          route: { host: 'ha' },
        }));
      }
    }
    new Main(scope);
  });
}

type Props = HomelabAppProps;
const withEnv = (env: Record<string, unknown>) => (p: Props): Props => ({ ...p, env: { ...p.env, ...env } as Props['env'] });
const withoutExemptions = (p: Props): Props => ({ ...p, exemptions: undefined });

const MISTAKES: ReadonlyArray<[string, Changes, string[]]> = [
  ["Radarr's /config on the appdata share, as Unraid keeps it", { radarrConfigOnNas: true }, [
    "error main/radarr persistence.config.volume: the volume is the NFS export 192.168.1.20:/mnt/user/appdata/radarr, and Radarr keeps its SQLite database there (/config), whose locks NFS does not keep: the Servarr wiki warns that it ends in \"database is locked\" and a corrupted database there | keep the data on a claim of a tier on a disk of the node (AppVolume.claim({ tier: 'fast', size })), and write its backups to the export",
  ]],
  ['binhex-sonarr left to the non-root default, as its template runs it', { sonarr: withoutExemptions }, [
    "error main/sonarr image: image \"binhex/arch-sonarr:4.0.14.2939-1-01\" is binhex's, whose init starts as root under set -e: it changes the user nobody to PUID and the group users to PGID with usermod and groupmod, writes UMASK into its supervisor settings and takes ownership of /config, then supervisord, as root, runs the app as nobody; run as its non-root user on a read-only root it stops as it starts, and PUID and PGID are never read | start it as root, as the image is built, and PUID:PGID pick the user it runs the app as: exemptions: { runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 'its init changes the ids of nobody and users in /etc/passwd and /etc/group and writes UMASK into its supervisor settings' }; or use an image built to run as its user",
  ]],
  ['linuxserver Radarr left to the non-root default', { radarr: withoutExemptions }, [
    "error main/radarr image: image \"lscr.io/linuxserver/radarr:5.21.1\" is linuxserver.io's, whose init (s6-overlay) starts as root and writes its service tree under /run; run as its non-root user on a read-only root it stops as it starts, and PUID and PGID are never read | start it as root, as the image is built, and PUID:PGID pick the user it runs the app as: exemptions: { runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 's6-overlay writes its service tree under /run' } (MediaContainers does so by itself); or use an image built to run as its user",
  ]],
  ['PUID written as the user name of the template', { bazarr: withEnv({ PUID: 'nobody' }) }, [
    "error main/bazarr env.PUID: PUID is \"nobody\", not a user id: the image's init sets its user's id to it (usermod, groupmod), which takes a whole number alone, and the container stops as it starts | write the user's number, as `id -u nobody` on the NAS or host that owns the folders prints it: PUID: '1000'",
  ]],
  ['the VPN password written inline', { qbittorrent: withEnv({ VPN_PASS: 'hunter2hunter2' }) }, [
    "error main/qbittorrent env.VPN_PASS: VPN_PASS is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { VPN_PASS: SecretReference.external('media', 'qbittorrent', 'vpn-pass') }",
  ]],
  ['hostNetwork written as a switch', { homeAssistant: (p) => ({ ...p, exemptions: { ...p.exemptions, hostNetwork: true as never } }) }, [
    "error main/home-assistant exemptions.hostNetwork: exemptions.hostNetwork is true, not a reason: text that says why | write the reason as text, which the output records: hostNetwork: 'DHCP discovery needs the host network'",
  ]],
  ['the NAS written as an SMB server', { nfsServer: '\\\\tower' }, [
    "error inventory/site/unraid-lab/nfs/media server: NFS server \"\\\\tower\" is written as Windows writes an SMB server (\\\\<name>), which no NFS mount reads | write server: 'tower' alone, and under path the folder the server exports over NFS, as showmount -e <server> lists it",
    "error inventory/site/unraid-lab/nfs/downloads server: NFS server \"\\\\tower\" is written as Windows writes an SMB server (\\\\<name>), which no NFS mount reads | write server: 'tower' alone, and under path the folder the server exports over NFS, as showmount -e <server> lists it",
  ]],
  ['the NAS by its mDNS name', { nfsServer: 'tower.local' }, [
    "warning inventory/site/unraid-lab/nfs/media server: NFS server \"tower.local\" is under .local, a multicast DNS name that the nodes resolve only where their OS runs an mDNS resolver (Talos and the NFS CSI driver's pods have none): the mount would not find the server | give the server's address, e.g. server: '192.168.1.5', or a name the lab's DNS server answers",
    "warning inventory/site/unraid-lab/nfs/downloads server: NFS server \"tower.local\" is under .local, a multicast DNS name that the nodes resolve only where their OS runs an mDNS resolver (Talos and the NFS CSI driver's pods have none): the mount would not find the server | give the server's address, e.g. server: '192.168.1.5', or a name the lab's DNS server answers",
  ]],
  ['the folder written as its path on the NAS', { radarr: (p) => ({ ...p, persistence: { ...p.persistence, movies: { volume: AppVolume.nfs((p.persistence!.movies.volume as unknown as { export: never }).export, '/mnt/user/media/movies'), mountPath: '/movies' } } }) }, [
    "error main/radarr persistence.movies.volume: AppVolume.nfs() was given \"/mnt/user/media/movies\", the path on the server, where it takes a folder inside the export /mnt/user/media, which it would be joined to | give the folder inside the export: AppVolume.nfs(<export>, 'movies')",
  ]],
  ['a claim sized in docker units', { sonarr: (p) => ({ ...p, persistence: { ...p.persistence, config: { volume: AppVolume.claim({ tier: 'fast', size: '2GB' }), mountPath: '/config' } } }) }, [
    "error main/sonarr persistence.config.volume.claim.size: \"2GB\" is not a size | write '2Gi': docker's 2GB is 2Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
  ]],
  ['the SMB volume secret without its namespace', { smbVolume: (pv) => { const c = JSON.parse(JSON.stringify(pv)); delete c.spec.csi.nodeStageSecretRef.namespace; return c; } }, [
    "error main/appdata-pv spec.csi.nodeStageSecretRef.namespace: a PersistentVolume belongs to no namespace, so its Secret reference names the namespace of the Secret; this one names none | name the Secret and its namespace: { name: 'nfs-credentials', namespace: 'kube-system' }",
  ]],
  ['Flux pointed at the scp-like git address', { gitUrl: 'git@github.com:example/unraid-lab.git' }, [
    "error main gitops: Flux clones ssh:// URLs, not the scp form \"git@github.com:example/unraid-lab.git\" of site \"unraid-lab\" | write the site's git url as ssh://git@github.com/example/unraid-lab.git (a path relative to the account's home needs its full path there)",
  ]],
  ['qBittorrent downloads at /downloads as linuxserver writes', { qbittorrent: (p) => ({ ...p, persistence: { ...p.persistence, data: { ...p.persistence!.data, mountPath: '/downloads' } } }) }, [
    "warning main/sonarr persistence.data.mountPath: mounts 192.168.1.20:/mnt/user/downloads at /data, and qbittorrent, which it calls, mounts 192.168.1.20:/mnt/user/downloads at /downloads: the paths the two hand each other (a finished download's folder, where to save) name nothing in the other's container | mount it where qbittorrent sees it, at /downloads, so the paths line up (as compose's one /data in every container), or map the paths in the app",
    "warning main/radarr persistence.downloads.mountPath: mounts 192.168.1.20:/mnt/user/downloads at /data, and qbittorrent, which it calls, mounts 192.168.1.20:/mnt/user/downloads at /downloads: the paths the two hand each other (a finished download's folder, where to save) name nothing in the other's container | mount it where qbittorrent sees it, at /downloads, so the paths line up (as compose's one /data in every container), or map the paths in the app",
  ]],
  ['memory in docker units', { bazarr: (p) => ({ ...p, resources: { memory: '512m' } as never }) }, [
    "error main/bazarr resources.memory: App has no prop \"memory\" in resources; it would be ignored | write resources: { memoryLimit: '512Mi' } (what it may use at most; memoryRequest is what it is given), in Kubernetes' units (512Mi, 1Gi)",
  ]],
  ['Sonarr egress to the internet alone', { sonarr: (p) => ({ ...p, egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }] as never }) }, [
    "warning main/qbittorrent allowFrom: Sonarr hands each release it grabs to qBittorrent and watches its queue through qBittorrent's API, a link set in their web interfaces; the NetworkPolicy of qbittorrent's pods admits nothing from sonarr's on port 8080, so it would time out | admit it where qbittorrent is declared: allowFrom: [sonarr] (or qbittorrent.addAllowFrom(sonarr)); leave it where that link is not used",
  ]],
  ['Sonarr folders read-only', { sonarr: (p) => ({ ...p, persistence: { ...p.persistence, data: { ...p.persistence!.data, readOnly: true } as never, media: { ...p.persistence!.media, readOnly: true } as never } }) }, [
    "error main/sonarr persistence.data.readOnly: /data is mounted read-only, and Sonarr mounts no folder of media it may write: it moves, hardlinks or copies each finished download into its library and renames it, and clears the download after, so every import fails | leave persistence.data.readOnly out: Sonarr needs to write every folder of the media and downloads it imports between",
    "error main/sonarr persistence.media.readOnly: /media is mounted read-only, and Sonarr mounts no folder of media it may write: it moves, hardlinks or copies each finished download into its library and renames it, and clears the download after, so every import fails | leave persistence.media.readOnly out: Sonarr needs to write every folder of the media and downloads it imports between",
  ]],
  ['binhex sonarr runAsRoot alone', { sonarr: (p) => ({ ...p, exemptions: { runAsRoot: 'root init' } }) }, [
    "warning main/sonarr exemptions.runAsRoot: image \"binhex/arch-sonarr:4.0.14.2939-1-01\" starts as root, takes ownership of its folders and switches to its own user, which needs the capabilities CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID, KILL, which its container drops and a writable root filesystem (its init changes the ids of nobody and users in /etc/passwd and /etc/group and writes UMASK into its supervisor settings): it would stop with \"Operation not permitted\"; its init, which stays root, could not signal the app to stop it, which would die by SIGKILL at every stop instead of shutting down | state them beside runAsRoot: exemptions: { runAsRoot: '\u2026', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and switches to its own user; its init stays root and signals the app, run as another user, to stop it (KILL)' }, writableRootFilesystem: 'its init changes the ids of nobody and users in /etc/passwd and /etc/group and writes UMASK into its supervisor settings' }; or run it as its own user with runAsUser and no runAsRoot, where the image supports that",
  ]],
];

describe('the mistakes of an Unraid user new to Kubernetes', () => {
  test.each(MISTAKES)('%s', (_, changes, expected) => {
    expect(shownFindings(synthInMemory(defineLab(changes)).findings)).toEqual(expected);
  });
});

describe('an Unraid user moves to K3s, written the obvious way', () => {
  let result: ReturnType<typeof synthInMemory> | undefined;
  const lab = () => (result ??= synthInMemory(defineLab()));
  expectObviousLabClean(lab);
});
