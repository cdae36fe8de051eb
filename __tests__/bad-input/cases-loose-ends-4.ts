import { AppVolume, ClusterChart, Forgejo, StaticNfsVolume } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp } from './lab';

/** A static volume on the lab's NFS share; `props` override. */
const nfsVolume = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new StaticNfsVolume(cluster, 'media-pv', {
  export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'media', size: '500Gi' }, ...props,
} as any));
/** An app with a claim given as `claim` (AppVolume.claim's props, as a user wrote them). */
const claimApp = (claim: Record<string, unknown>) => guarded(labApp('web', { persistence: { data: { volume: AppVolume.claim(claim as any), mountPath: '/data' } } }));

// Loose ends: a secret on an App's command line named on the prop the user wrote, a claim's size under
// another tool's name, and what a newcomer writes around them.

export const CASES: BadInput[] = [
  // A secret written out in an App's command or arguments: the App's prop, not the rendered Deployment's field.
  {
    name: "a password flag with its value in an App's args",
    build: guarded(labApp('web', { args: ['--port', '8080', '--password=hunter2'] })),
    layer: 'props', path: 'web', field: 'args[2]', hint: /--password=\$\(NAME\)/,
  },
  {
    name: "a token flag with its value as the next word of an App's args",
    build: guarded(labApp('web', { args: ['--token', 'abcdef123456'] })),
    layer: 'props', path: 'web', field: 'args[1]', hint: /after --token/,
  },
  {
    name: "a shell script of an App's command that gives a password flag its value",
    build: guarded(labApp('web', { command: ['sh', '-c', 'exec app --db-password=hunter2'] })),
    layer: 'props', path: 'web', field: 'command[2]', hint: /"\$NAME"/,
  },
  {
    name: 'a password flag in the args of a sidecar given as props',
    build: guarded(labApp('web', { sidecars: [{ name: 'backup', image: 'restic/restic:0.17.3', args: ['--password=hunter2'] }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].args[0]',
  },
  {
    name: 'a URL with its password in the args of an init container given as props',
    build: guarded(labApp('web', { initContainers: [{ name: 'migrate', image: 'migrate/migrate:v4.18.1', args: ['-database', 'postgres://app:hunter2@db/app', 'up'] }] })),
    layer: 'props', path: 'web', field: 'initContainers[0].args[1]',
  },
  {
    name: 'a password flag in the args of a container added after construction',
    build: guarded((cluster) => labApp('web')(cluster).addSidecar({ name: 'backup', image: 'restic/restic:0.17.3', args: ['--password', 'hunter2'] })),
    layer: 'props', path: 'web', field: 'addSidecar.args[1]',
  },
  // A word of a command line that is no text: the word, as the API server would name it.
  {
    name: 'an arg left undefined by an unset environment variable of the machine',
    build: guarded(labApp('web', { args: ['--port', undefined] })),
    layer: 'props', path: 'web', field: 'args[1]', hint: /process\.env/,
  },
  {
    name: 'an arg given as a number',
    build: guarded(labApp('web', { command: ['app', '--port', 8080] })),
    layer: 'props', path: 'web', field: 'command[2]', hint: /'8080'/,
  },
  // A claim's size is `size` wherever a claim is asked for; `capacity` is a PersistentVolume's, as Kubernetes names them.
  {
    name: "a claim's size written as Kubernetes' storage request",
    build: claimApp({ tier: 'fast', storage: '2Gi' }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claim.storage', hint: /size: '2Gi'/,
  },
  {
    name: "a claim's size written as a volume's capacity",
    build: claimApp({ tier: 'fast', capacity: '2Gi' }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claim.capacity', hint: /size: '2Gi'/,
  },
  {
    name: "a service's claim with its size written as storage",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { route: { host: 'git' }, storage: AppVolume.claim({ tier: 'fast', storage: '20Gi' } as any) })),
    layer: 'props', path: 'forgejo', field: 'storage.claim.storage', hint: /size: '20Gi'/,
  },
  {
    name: "a static NFS volume's capacity written as size",
    build: nfsVolume({ capacity: undefined, size: '500Gi' }),
    layer: 'props', path: 'media-pv', field: 'size', hint: /capacity: '500Gi'/,
  },
  {
    name: "a static NFS volume's claim with its size written as capacity",
    build: nfsVolume({ claim: { name: 'media', namespace: 'media', capacity: '500Gi' } }),
    layer: 'props', path: 'media-pv', field: 'claim.capacity', hint: /size: '500Gi'/,
  },
  {
    name: "an emptyDir's limit written as a claim's size",
    build: guarded(labApp('web', { persistence: { cache: { volume: AppVolume.emptyDir({ size: '1Gi' } as any), mountPath: '/cache' } } })),
    layer: 'props', path: 'web', field: 'persistence.cache.volume.emptyDir.size', hint: /sizeLimit: '1Gi'/,
  },
  {
    name: "an app claim that names its StorageClass as a PersistentVolumeClaim does",
    build: claimApp({ storageClassName: 'local-path', size: '2Gi' }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claim.storageClassName', hint: /write tier:/,
  },
  // A size the App reads when it renders the claim is named where the shape check names it: in the claim.
  {
    name: "an app claim's size with a space, named in the claim",
    build: guarded(labApp('web', { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2 Gi' }), mountPath: '/data' } } })),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claim.size',
  },
];
