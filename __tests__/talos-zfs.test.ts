import { App } from 'cdk8s';
import * as homelab from '../constructs';
import { gpu1, labCluster } from './bad-input/lab';

// The Image Factory step of a Talos cluster. A ZFS pool as a storage tier: Talos has no ZFS of its own,
// so OpenEBS ZFS LocalPV would find no pool; the image carries the siderolabs/zfs extension (which imports
// the pools as the node boots) and the configs load the zfs kernel module.

function talosSteps(storage: Record<string, homelab.StorageTier>): string[] {
  const cluster = labCluster(new App(), 'main', { storage, preinstalled: [homelab.talos({ bringYourOwnCni: false })] });
  return cluster.platform.preinstalled.find((p) => p.distribution === homelab.TALOS_DISTRIBUTION)?.manualSteps as string[] ?? [];
}

test('a ZFS pool tier puts the ZFS extension in the image and loads its module', () => {
  const steps = talosSteps({ fast: gpu1.zfs.fast });
  expect(steps.find((s) => s.startsWith('Talos image from the Image Factory'))).toContain('"officialExtensions":["siderolabs/zfs"]');
  expect(steps.find((s) => s.includes('talosctl gen config'))).toContain('"kernel":{"modules":[{"name":"zfs"}]}');
});

test('without one, neither', () => {
  const steps = talosSteps({ local: homelab.localPathStorage() });
  expect(steps.join('\n')).not.toMatch(/siderolabs\/zfs|"name":"zfs"/);
});

test('an image step for an NVIDIA node alone names no empty list of extensions for the others', () => {
  const image = talosSteps({ local: homelab.localPathStorage() }).find((s) => s.startsWith('Talos image from the Image Factory'))!;
  expect(image).toContain('with no system extension on the other nodes; gpu1 (NVIDIA GPU) runs siderolabs/nonfree-kmod-nvidia-production and siderolabs/nvidia-container-toolkit-production, which');
  expect(image).not.toMatch(/extensions none|toolkit-production too/);
});
