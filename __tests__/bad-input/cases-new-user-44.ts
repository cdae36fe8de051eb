import { ApiObject } from 'cdk8s';
import type { App as CdkApp } from 'cdk8s';
import { App, AppDevice, AppVolume, argoCd, cilium, nfsStorage, Jellyfin, JellyfinMedia, JellyfinTranscoding, SealedSecret, SecretReference, ClusterChart as Cluster, host, localPathStorage, rootInitExemption, site, traefik } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp } from './lab';

const SEALED = `Ag${'B'.repeat(720)}==`;

// A new user's month, from the README alone: an N100 mini PC and two Raspberry Pis on K3s, Argo CD, Cilium's L2
// announcements, local-path and a USB disk shared over NFS, Traefik IngressRoutes, Sealed Secrets; then a media stack
// behind gluetun, Nextcloud, Vaultwarden, Pi-hole, Homepage, Zigbee2MQTT and more. Most of its mistakes were refused
// already (earlier rounds); these are the ones that passed, in the forms this lab wrote them.

/** Nextcloud's Apache image, routed at `files`, installed with `trusted` as its trusted domains. */
const nextcloud = (trusted: string) => guarded(labApp('nextcloud', {
  image: 'nextcloud:30.0.2-apache', ports: [{ name: 'http', port: 80 }], route: { host: 'files' },
  env: { NEXTCLOUD_TRUSTED_DOMAINS: trusted },
  persistence: { html: { volume: AppVolume.emptyDir(), mountPath: '/var/www/html' } },
  exemptions: {
    runAsRoot: 'Apache starts as root and serves as www-data', addCapabilities: rootInitExemption('supervisor', 'Apache switches to www-data'),
    writableRootFilesystem: 'its entrypoint writes its PHP settings under /usr/local/etc',
  },
}));

/** Homepage of `tag`, routed at `dash`, with `env`; `extra` adds to its props. */
const homepage = (tag: string, env: Record<string, string>, extra: Record<string, unknown> = {}) => guarded(labApp('homepage', {
  image: `ghcr.io/gethomepage/homepage:${tag}`, ports: [{ name: 'http', port: 3000 }], route: { host: 'dash' }, env,
  persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/app/config' } }, ...extra,
}));

/** The lab's three machines: the mini PC, and two Pis of which `pi1` has the Zigbee stick plugged in. */
const mini = host('mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.44.10', gpus: [{ vendor: 'intel' }] });
const pi1 = host('pi1', { arch: 'arm64', address: '192.168.44.11', usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60' } } });
const pi2 = host('pi2', { arch: 'arm64', address: '192.168.44.12' });

/** The lab's site, with the USB disk the second Pi shares over NFS. */
const pis44 = site('pis44', {
  domain: 'pis44.test', hosts: [mini, pi1, pi2], git: { url: 'https://git.pis44.test/lab.git' }, nfs: { usb: { server: '192.168.44.12', path: '/mnt/usb' } },
});

/** The lab's cluster in a site of its own, with `build` adding to it. */
const piLab = (build: (cluster: ClusterChart) => void, props: Record<string, unknown> = {}) => guarded((_lab: ClusterChart, app: CdkApp) => {
  const cluster = new Cluster(app, 'pis44', {
    site: pis44, hosts: [mini, pi1, pi2], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage(), bulk: nfsStorage(pis44.nfs.usb) }, gitops: argoCd(),
    ...props,
  });
  build(cluster);
});

/** Zigbee2MQTT with the stick at `device`, pinned to `on`. */
const zigbee2mqtt = (device: string, on: typeof pi2) => piLab((cluster) => new App(cluster, 'zigbee2mqtt', {
  image: 'koenkk/zigbee2mqtt:1.42.0', ports: [{ name: 'http', port: 8080 }], env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: device },
  devices: [AppDevice.hostDevice(device)], exemptions: { hostPath: 'the Zigbee stick', privileged: 'opens the serial device' },
  persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/app/data' } }, placement: { host: on },
}));

/** Jellyfin given `transcoding()` as its hardware transcoding, after an app `web` was built. */
const jellyfinAfterWeb = (transcoding: () => unknown) => guarded((cluster: ClusterChart) => {
  labApp('web')(cluster);
  new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share, 'media'), hardwareTranscoding: transcoding() as ReturnType<typeof JellyfinTranscoding.nvidia> });
});

/** An Argo CD Application of the lab's repository, written by hand, that applies `folder` into namespace `namespace`. */
const extraApplication = (folder: string) => piLab((cluster) => {
  new App(cluster, 'extras', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  new ApiObject(cluster, 'extras-app', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'extras', namespace: 'argocd' },
    spec: {
      project: 'default', source: { repoURL: 'https://git.pis44.test/lab.git', targetRevision: 'HEAD', path: folder },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'extras' },
    },
  });
});

export const CASES: BadInput[] = [
  // Cilium replaces kube-proxy and is told where the API server is: the mini PC, given as the inventory's host.
  {
    name: "Cilium's k8sServiceHost given the mini PC's host object of the inventory",
    build: piLab(() => undefined, { cni: cilium({ k8sServiceHost: mini as never, k8sServicePort: 6443 }) }),
    layer: 'props', path: 'pis44', field: 'cni.k8sServiceHost', hint: /^give the host's address as text: k8sServiceHost: '192\.168\.44\.10' \(host mini's\)$/,
  },
  // The namespace `media` renamed to `arr`: every app moved, but Bazarr's env still names Sonarr by its old full name.
  {
    name: "Bazarr's Sonarr URL left on the cluster name of the namespace renamed from media to arr",
    build: guarded((cluster: ClusterChart) => {
      labApp('sonarr', { namespace: 'arr', ports: [{ name: 'http', port: 8080, servicePort: 8989 }] })(cluster);
      labApp('bazarr', { namespace: 'arr', env: { SONARR_URL: 'http://sonarr.media.svc.cluster.local:8989' } })(cluster);
    }),
    layer: 'references', path: 'bazarr', field: 'env.SONARR_URL', message: /calls Service sonarr\.media, but the cluster has no namespace "media"/, hint: /^Service sonarr is in namespace "arr": call sonarr\.arr$/,
  },
  // Homepage's discovery asked the way its Helm chart's rbac values and a quick ClusterRoleBinding ask it: cluster-admin.
  {
    name: "Homepage's ServiceAccount asked cluster-admin by name as its clusterRules",
    build: homepage('v1.0.4', { HOMEPAGE_ALLOWED_HOSTS: 'dash.lab.test' }, { serviceAccount: { reason: 'discovers the services it shows', clusterRules: 'cluster-admin' } }),
    layer: 'props', path: 'homepage', field: 'serviceAccount.clusterRules', message: /the name of a role.*read every Secret included/, hint: /clusterRules: \[\{ apiGroups: \[''/,
  },
  {
    name: "Homepage's ServiceAccount given a clusterRole, as a ClusterRoleBinding's roleRef names one",
    build: homepage('v1.0.4', { HOMEPAGE_ALLOWED_HOSTS: 'dash.lab.test' }, { serviceAccount: { reason: 'discovers the services it shows', clusterRole: 'view' } }),
    layer: 'props', path: 'homepage', field: 'serviceAccount.clusterRole', message: /serviceAccount\.clusterRole is "view", the name of a role/,
  },
  // Everything on the USB disk, because it is the big one: the apps' SQLite databases too.
  {
    name: "Uptime Kuma's data folder on a claim of the NFS tier, where its SQLite database's locks do not hold",
    build: piLab((cluster) => new App(cluster, 'uptime-kuma', {
      image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'], env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'bulk', size: '2Gi' }), mountPath: '/app/data' } },
    })),
    layer: 'references', path: 'pis44/uptime-kuma', field: 'persistence.data.volume.claim.tier', message: /Uptime Kuma keeps its SQLite database there \(\/app\/data\).*NFS is not supported/,
    hint: /localPathStorage\(\)/,
  },
  {
    name: "Sonarr's /config on a claim of the NFS tier beside the media it manages",
    build: piLab((cluster) => new App(cluster, 'sonarr', {
      namespace: 'media', image: 'lscr.io/linuxserver/sonarr:4.0.11', ports: [{ name: 'http', port: 8989 }], env: { PUID: '1000', PGID: '1000' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'bulk', size: '2Gi' }), mountPath: '/config' } },
      exemptions: { runAsRoot: 'linuxserver.io s6-overlay', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 's6-overlay writes /run' },
    })),
    layer: 'references', path: 'pis44/sonarr', field: 'persistence.config.volume.claim.tier', message: /Sonarr keeps its SQLite database there \(\/config\).*database is locked/,
  },
  // An app of apps added by hand, its folder typed from memory.
  {
    name: 'a hand-written Argo CD Application of the repository whose folder misspells the cluster of the output',
    build: extraApplication('dist/pis44/pis4/apps'),
    layer: 'references', path: 'pis44/extras-app', field: 'spec.source.path', message: /it writes pis44\/pis44, no pis44\/pis4\): Argo CD reports "app path does not exist"/,
    hint: /path: 'dist\/pis44\/pis44\/apps'$/,
  },
  {
    name: 'a hand-written Argo CD Application of the repository whose folder leaves out the output folder it lies in',
    build: extraApplication('pis44/pis44/extras'),
    layer: 'references', path: 'pis44/extras-app', field: 'spec.source.path', message: /it writes pis44\/pis44 under dist\//, hint: /path: 'dist\/pis44\/pis44\/extras'$/,
  },
  {
    name: "a hand-written Flux Kustomization of the repository whose folder misspells the lab's site",
    build: guarded((cluster: ClusterChart) => new ApiObject(cluster, 'extras-sync', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'extras', namespace: 'flux-system' },
      spec: { interval: '10m', path: './dist/lba/main/extras', prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    })),
    layer: 'references', path: 'extras-sync', field: 'spec.path', message: /Flux reports "kustomization path not found"/, hint: /path: 'dist\/lab\/main\/extras'$/,
  },
  // Plain JavaScript: factories named as other tools and guides name them, which the library does not have.
  {
    name: "Jellyfin's hardware transcoding asked as JellyfinTranscoding.quickSync() in plain JavaScript",
    build: jellyfinAfterWeb(() => (JellyfinTranscoding as unknown as { quickSync: () => unknown }).quickSync()),
    layer: 'props', path: 'main', field: 'JellyfinTranscoding.quickSync', message: /has no factory quickSync.*\(in the code after web\)/,
    hint: /^call JellyfinTranscoding\.intelQsv\(…\); JellyfinTranscoding's factories are dri\(\), intelQsv\(\), nvidia\(\)/,
  },
  {
    name: "MariaDB's password read with SecretReference.of(), after the SealedSecret that holds it, which marks no end of its build",
    build: guarded((cluster: ClusterChart) => {
      new SealedSecret(cluster, 'db', { namespace: 'nextcloud', encryptedData: { password: SEALED } });
      labApp('mariadb', { namespace: 'nextcloud', env: { MARIADB_PASSWORD: (SecretReference as unknown as { of: (...args: string[]) => unknown }).of('db', 'password') } })(cluster);
    }),
    layer: 'props', path: 'main', field: 'SecretReference.of', message: /\(in the code after db\)/, hint: /SecretReference\.external\(…\).*sealed\.key\('password'\)/,
  },
  {
    name: 'a claim asked as AppVolume.pvc(), as a Helm chart names it',
    build: guarded((cluster: ClusterChart) => labApp('web', {
      persistence: { data: { volume: (AppVolume as unknown as { pvc: (props: object) => unknown }).pvc({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    })(cluster)),
    layer: 'props', path: 'main', field: 'AppVolume.pvc', hint: /^call AppVolume\.claim\(…\)/,
  },
  // Zigbee2MQTT pinned to the Pi that shares the USB disk, while the stick is in the other one.
  {
    name: 'a Zigbee stick mounted by an app pinned to the Pi whose inventory lists no USB device, the other Pi listing it',
    build: zigbee2mqtt('/dev/ttyUSB0', pi2),
    layer: 'inventory', path: 'pis44/zigbee2mqtt', field: 'devices[0]', message: /run on pi2, whose inventory lists no USB device, while pi1's lists zigbee/, hint: /^place the app on the host the device is plugged into: placement: \{ host: pi1 \}/,
  },
  {
    name: "a Zigbee stick by its stable name on an app pinned to the mini PC, which lists no USB device",
    build: zigbee2mqtt('/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus-if00-port0', mini),
    layer: 'inventory', path: 'pis44/zigbee2mqtt', field: 'devices[0]', hint: /placement: \{ host: pi1 \}/,
  },
  // Nextcloud's trusted domains copied from the compose file of the old server, which it was reached at by name and address.
  {
    name: "Nextcloud's NEXTCLOUD_TRUSTED_DOMAINS copied from the old server, without the route's host",
    build: nextcloud('nextcloud.local 192.168.1.10'),
    layer: 'props', path: 'nextcloud', field: 'env.NEXTCLOUD_TRUSTED_DOMAINS', message: /leaves out files\.lab\.test.*Access through untrusted domain/,
    hint: /NEXTCLOUD_TRUSTED_DOMAINS: 'nextcloud\.local 192\.168\.1\.10 files\.lab\.test'$/,
  },
  {
    name: "Nextcloud's trusted domain written as the URL of its route",
    build: nextcloud('https://files.lab.test'),
    layer: 'props', path: 'nextcloud', field: 'env.NEXTCLOUD_TRUSTED_DOMAINS', hint: /NEXTCLOUD_TRUSTED_DOMAINS: 'files\.lab\.test'$/,
  },
  // Homepage's allowed hosts as its docs' example writes them, with the port of a `docker run`.
  {
    name: "Homepage's HOMEPAGE_ALLOWED_HOSTS naming the old host and port, not the route's host",
    build: homepage('v1.0.4', { HOMEPAGE_ALLOWED_HOSTS: 'homepage.local:3000' }),
    layer: 'props', path: 'homepage', field: 'env.HOMEPAGE_ALLOWED_HOSTS', message: /Host validation failed/, hint: /'homepage\.local:3000,dash\.lab\.test'$/,
  },
  {
    name: 'Homepage 1.x routed without HOMEPAGE_ALLOWED_HOSTS, as a guide for 0.9 wrote it',
    build: homepage('v1.0.4', {}),
    layer: 'props', path: 'homepage', field: 'env.HOMEPAGE_ALLOWED_HOSTS', message: /is given no HOMEPAGE_ALLOWED_HOSTS/, hint: /HOMEPAGE_ALLOWED_HOSTS: 'dash\.lab\.test'$/,
  },
];
