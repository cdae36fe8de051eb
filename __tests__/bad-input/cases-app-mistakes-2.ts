import { AppController, AppVolume, Ollama, SealedSecret } from '../../constructs';
import type { AppProps, ClusterChart, HomelabApp } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp } from './lab';

// Mistakes a new user makes with an app's containers and volumes, each named on the app and the prop or call
// they wrote: containers added after construction, one claim volume given twice, volume factories given
// what they do not take, and host paths of what is no folder.

/** The app `web` of the lab, changed by `change` after construction. */
const changed = (change: (app: HomelabApp) => unknown, props: Partial<AppProps> = {}) => guarded((c: ClusterChart) => change(labApp('web', props)(c)));

/** The app `web` with one volume `media` made by `volume`, which may throw where a factory did. */
const withVolume = (volume: () => AppVolume, mountPath = '/media') => guarded((c: ClusterChart) => labApp('web', { persistence: { media: { volume: volume(), mountPath } } })(c));

/** Apps `a` and `b` each given the one volume `volume` as `data`, with props of their own. */
const twoApps = (volume: AppVolume, a: Partial<AppProps> = {}, b: Partial<AppProps> = {}) => guarded((c: ClusterChart) => {
  labApp('a', { namespace: 'shop', persistence: { data: { volume, mountPath: '/data' } }, ...a })(c);
  labApp('b', { namespace: 'shop', persistence: { data: { volume, mountPath: '/data' } }, ...b })(c);
});

/** A claim volume of 1Gi on the lab's tier `local`. */
const claim = () => AppVolume.claim({ tier: 'local', size: '1Gi' });

/** A claim volume of 1Gi on the lab's ZFS tier `fast`, which one pod alone may mount. */
const onePodClaim = () => AppVolume.claim({ tier: 'fast', size: '1Gi', accessMode: 'ReadWriteOncePod' });

/** An app that may mount its host's paths, with `path` mounted there as `AppVolume.hostPath` takes it. */
const hostPath = (path: string) => labApp('web', {
  exemptions: { hostPath: 'reads a path of its node' }, persistence: { host: { volume: AppVolume.hostPath(path), mountPath: path, readOnly: true } },
});

export const CASES: BadInput[] = [
  // Containers added after construction: named on the app and the container, not on the rendered workload.
  {
    name: 'a container added with addContainer on an image without a tag',
    build: changed((app) => app.addContainer({ name: 'side', image: 'busybox' })),
    layer: 'policy', path: 'web', field: 'containers.side.image', hint: /pin a version tag/,
  },
  {
    name: 'a sidecar added with addSidecar on the latest tag',
    build: changed((app) => app.addSidecar({ name: 'proxy', image: 'nginxinc/nginx-unprivileged:latest' })),
    layer: 'policy', path: 'web', field: 'containers.proxy.image',
  },
  {
    name: 'an empty command of a container added with addContainer',
    build: changed((app) => app.addContainer({ name: 'side', image: 'busybox:1.36.1', command: [] })),
    layer: 'props', path: 'web', field: 'addContainer.command', hint: /leave command out/,
  },
  {
    name: "an empty command beside args of a sidecar, as compose's entrypoint: [] clears the entrypoint",
    build: guarded(labApp('web', { sidecars: [{ name: 'side', image: 'busybox:1.36.1', command: [], args: ['sh', '-c', 'sleep 3600'] }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].command', hint: /command: \['sh', '-c', 'sleep 3600'\], and leave args out/,
  },
  {
    name: 'an empty command of the main container',
    build: guarded(labApp('web', { command: [] })),
    layer: 'props', path: 'web', field: 'command', message: /image's entrypoint would run/,
  },
  // One AppVolume.claim(...) given twice: one volume, shared only where several pods may mount it (a ReadWriteOnce
  // claim on the lab's one schedulable host is, and is left to the policy check of the pods' nodes).
  {
    name: 'one ReadWriteOncePod claim volume given to two apps of one namespace',
    build: (() => { const data = onePodClaim(); return twoApps(data); })(),
    layer: 'props', path: 'b', field: 'persistence.data.volume', hint: /AppVolume\.claim\(\{ … \}\) again.*accessMode: 'ReadWriteMany'/,
  },
  {
    name: 'one claim volume given to apps of two namespaces',
    build: (() => { const data = claim(); return twoApps(data, { namespace: 'a' }, { namespace: 'b' }); })(),
    layer: 'props', path: 'b', field: 'persistence.data.volume', hint: /namespace: 'a'/,
  },
  {
    name: 'one named ReadWriteOncePod claim volume given to two apps',
    build: (() => { const data = AppVolume.claim({ tier: 'fast', size: '1Gi', claimName: 'shop-data', accessMode: 'ReadWriteOncePod' }); return twoApps(data); })(),
    layer: 'props', path: 'b', field: 'persistence.data.volume', message: /claim "shop-data"/,
  },
  {
    name: "one claim volume given to a second app's addVolume",
    build: guarded((c: ClusterChart) => {
      const data = onePodClaim();
      labApp('a', { namespace: 'shop', persistence: { data: { volume: data, mountPath: '/data' } } })(c);
      labApp('b', { namespace: 'shop' })(c).addVolume('data', data, { mountPath: '/data' });
    }),
    layer: 'props', path: 'b', field: 'addVolume(data).volume',
  },
  {
    name: 'one claim volume under two keys of one app',
    build: (() => { const data = claim(); return guarded(labApp('web', { persistence: { config: { volume: data, mountPath: '/config' }, cache: { volume: data, mountPath: '/cache' } } })); })(),
    layer: 'props', path: 'web', field: 'persistence.cache.volume', hint: /mounts: \[\{ mountPath/,
  },
  {
    name: "a StatefulSet's claim volume given to another app",
    build: (() => { const data = AppVolume.claim({ tier: 'local', size: '1Gi' }); return twoApps(data, { controller: AppController.statefulSet() }); })(),
    layer: 'props', path: 'b', field: 'persistence.data.volume', message: /StatefulSet \(a\) makes a claim per pod/,
  },
  // Volume factories given what they do not take: named on the app and the volume's key, not on the chart.
  {
    name: "AppVolume.nfs given the share's server and path as an object",
    build: withVolume(() => AppVolume.nfs({ server: 'nas.lab.test', path: '/export' } as never)),
    layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /AppVolume\.nfs\(mySite\.nfs\.<name>\)/,
  },
  {
    name: 'AppVolume.nfs given its folder as a number',
    build: withVolume(() => AppVolume.nfs(lab.nfs.share, 2024 as never)),
    layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /AppVolume\.nfs\(<export>, '2024'\)/,
  },
  {
    name: 'AppVolume.nfs given a folder that steps out of the export',
    build: withVolume(() => AppVolume.nfs(lab.nfs.share, '../backups')),
    layer: 'props', path: 'web', field: 'persistence.media.volume', message: /steps out of the export \/export/,
  },
  {
    name: 'AppVolume.claim given the tier and the size as two arguments',
    build: withVolume(() => (AppVolume.claim as (...args: unknown[]) => AppVolume)('local', '10Gi')),
    layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /AppVolume\.claim\(\{ tier: 'fast', size: '10Gi' \}\)/,
  },
  {
    name: 'AppVolume.existingClaim without the claim name',
    build: withVolume(() => (AppVolume.existingClaim as () => AppVolume)()),
    layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /AppVolume\.existingClaim\('data'\)/,
  },
  {
    name: 'AppVolume.secret with an empty name',
    build: withVolume(() => AppVolume.secret('')),
    layer: 'props', path: 'web', field: 'persistence.media.volume', message: /an empty name/,
  },
  {
    name: 'AppVolume.secret given the SealedSecret itself',
    build: guarded((c: ClusterChart) => {
      const db = new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
      labApp('web', { persistence: { db: { volume: AppVolume.secret(db as never), mountPath: '/run/secrets/db' } } })(c);
    }),
    layer: 'props', path: 'web', field: 'persistence.db.volume', hint: /AppVolume\.secret\('db'\)/,
  },
  {
    name: "AppVolume.configMap given Kubernetes' { name } of a volume",
    build: withVolume(() => AppVolume.configMap({ name: 'media-config' } as never)),
    layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /AppVolume\.configMap\('media-config'\)/,
  },
  {
    name: "AppVolume.hostPath given Kubernetes' { path } of a hostPath volume",
    build: withVolume(() => AppVolume.hostPath({ path: '/srv/media' } as never)),
    layer: 'props', path: 'web', field: 'persistence.media.volume', hint: /AppVolume\.hostPath\('\/srv\/media'\)/,
  },
  {
    name: 'a padded NFS folder given with addVolume',
    build: changed((app) => app.addVolume('media', AppVolume.nfs(lab.nfs.share, 'tv '), { mountPath: '/media' })),
    layer: 'props', path: 'web', field: 'addVolume(media).volume', hint: /AppVolume\.nfs\(<export>, 'tv'\)/,
  },
  {
    name: "an existing claim in kubectl's shorthand given to Ollama's modelStorage",
    build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { modelStorage: AppVolume.existingClaim('models', 'RWX' as never) })),
    layer: 'props', path: 'ollama', field: 'modelStorage', hint: /ReadWriteOnce/,
  },
  // Host paths of what is no folder, under the default type Directory: the kubelet would not start the pod.
  {
    name: "Docker's socket mounted as a folder",
    build: guarded(hostPath('/var/run/docker.sock')),
    layer: 'props', path: 'web', field: 'persistence.host.volume', hint: /AppVolume\.hostPath\('\/var\/run\/docker\.sock', 'Socket'\)/,
  },
  {
    name: 'a USB serial stick mounted as a folder',
    build: guarded(hostPath('/dev/ttyUSB0')),
    layer: 'props', path: 'web', field: 'persistence.host.volume', hint: /'CharDevice'.*AppDevice\.hostDevice\('\/dev\/ttyUSB0'\)/,
  },
  {
    name: "the host's time zone file mounted as a folder",
    build: guarded(hostPath('/etc/localtime')),
    layer: 'props', path: 'web', field: 'persistence.host.volume', hint: /AppVolume\.hostPath\('\/etc\/localtime', 'File'\)/,
  },
];
