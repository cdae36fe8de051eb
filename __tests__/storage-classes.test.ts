import { defineMobius } from '../charts/mobius';
import { manifestsOf, synthInMemory } from './support/synth';

// Seed 004, "StorageClasses (per ZFS pool/tier)", field for field.
const seedStorageClass = (name: string, poolname: string, fstype: string) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: 'zfs.csi.openebs.io',
  parameters: { poolname, fstype, compression: 'lz4', dedup: 'off', thinprovision: 'yes' },
  allowVolumeExpansion: true,
  volumeBindingMode: 'WaitForFirstConsumer',
  reclaimPolicy: 'Retain',
});

describe('mobius homelab ZFS StorageClasses', () => {
  const classes = manifestsOf(synthInMemory(defineMobius), 'mobius/homelab').filter((m) => m.kind === 'StorageClass');

  test.each([
    ['zfs-ai', 'ai', 'zfs'],
    ['zfs-vms', 'vms', 'ext4'],
    ['zfs-tank', 'tank', 'zfs'],
  ])('%s matches the seed and is limited to the pool host', (name, pool, fstype) => {
    const storageClass = classes.find((c) => c.metadata.name === name);
    const { allowedTopologies, metadata: { annotations, ...metadata }, ...rest } = storageClass;
    expect({ ...rest, metadata }).toEqual(seedStorageClass(name, pool, fstype));
    // Flux makes the class anew when its parameters change, which the API server refuses to update.
    expect(annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/force': 'enabled' });
    expect(allowedTopologies).toEqual([{ matchLabelExpressions: [{ key: 'kubernetes.io/hostname', values: ['n5'] }] }]);
  });

  test('there are exactly the three pool classes', () => {
    expect(classes.map((c) => c.metadata.name).sort()).toEqual(['zfs-ai', 'zfs-tank', 'zfs-vms']);
  });
});
