import { StaticNfsVolume, StaticZfsVolume } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab } from './lab';

// A new user's lab in plain JavaScript, written from the README alone: numbers as text and text as numbers,
// NaN from arithmetic on an unset variable, a list where one value belongs and one value where a list does,
// Windows paths, blanks copied from a .env file. Aimed at the newest constructs: static NFS and ZFS volumes,
// Knative apps, media containers, preinstalled declarations, the GitOps engines' options, Loki's claim, and
// the backups of VolSync and Velero. Each value goes through `js()`, as JavaScript passes it: unchecked.

/** What a JavaScript caller passes: whatever it wrote, unchecked. */
const js = <T>(value: unknown): T => value as T;

/** A StaticNfsVolume `media` on the lab's share for app namespace `web`, with `props` over a sound one. */
const staticNfs = (props: Record<string, unknown>) => guarded((c: ClusterChart) => new StaticNfsVolume(c, 'media', js({
  export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'web', size: '100Gi' }, ...props,
})));

/** Home Assistant's zvol imported as claim `haos` of namespace `web`, with `props` over a sound import. */
const staticZfs = (props: Record<string, unknown>) => guarded((c: ClusterChart) => {
  c.namespaces.ensure('web');
  return new StaticZfsVolume(c, 'haos-disk', js({ volume: gpu1.zfs.fast.existingVolume('haos', { size: '32Gi' }), namespace: 'web', claimName: 'haos', ...props }));
});

export const CASES: BadInput[] = [
  // StaticNfsVolume and StaticZfsVolume.
  {
    name: "a static NFS volume's claim given as a list of one", build: staticNfs({ claim: [{ name: 'media', namespace: 'web', size: '100Gi' }] }),
    layer: 'props', path: 'media', field: 'claim', hint: /claim: \{ name, namespace, size \}/,
  },
  {
    name: "a static NFS volume's capacity computed from an unset variable (NaN)", build: staticNfs({ capacity: Number.parseInt('', 10) }),
    layer: 'props', path: 'media', field: 'capacity', hint: /no number.*capacity: '500Gi'/,
  },
  {
    name: "a static ZFS volume's label key with a blank", build: staticZfs({ labels: { 'backup tier': 'nightly' } }),
    layer: 'props', path: 'haos-disk', field: 'labels.backup tier',
  },
  {
    name: "a static ZFS volume's size as zfs list rounds it, 1.5Ti", build: staticZfs({ volume: gpu1.zfs.fast.existingVolume('haos', { size: '1.5Ti' }) }),
    layer: 'props', path: 'haos-disk', field: 'volume.size', hint: /'1536Gi'/,
  },
  {
    name: 'a static ZFS volume whose ZFSVolume goes to a namespace the driver does not read', build: staticZfs({ openebsNamespace: 'zfs-system' }),
    layer: 'props', path: 'haos-disk', field: 'openebsNamespace', message: /runs in namespace "openebs"/,
  },
];
