import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, Fields, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

// KubeVirt live-migrates a VM only when each of its claims may be mounted on two nodes at once (ReadWriteMany):
// a VM on a ReadWriteOnce claim is not migratable, and with `evictionStrategy: LiveMigrate` KubeVirt refuses to
// evict it, so draining its node (an upgrade of Talos or K3s, a reboot by kured) waits for ever.

/** The access modes of the claim a VM volume uses, as written beside the VM: its DataVolume template, a DataVolume or a claim. */
function volumeAccessModes(volume: Fields, templates: ReadonlyMap<string, Fields>, find: (kind: string, name: string) => Fields | undefined): { claim: string; modes: readonly unknown[] } | undefined {
  const claim = text(fields(volume.persistentVolumeClaim).claimName) ?? text(fields(volume.dataVolume).name);
  if (claim === undefined) {
    return undefined;
  }
  const dataVolume = templates.get(claim) ?? fields(find('DataVolume', claim)?.spec);
  const target = fields(dataVolume.storage ?? dataVolume.pvc);
  const written = target.accessModes ?? fields(find('PersistentVolumeClaim', claim)?.spec).accessModes;
  // A DataVolume's storage without modes takes them from CDI's StorageProfile, which the output does not show.
  return Array.isArray(written) ? { claim, modes: written } : undefined;
}

/** A VM whose eviction strategy is `LiveMigrate` has ReadWriteMany claims alone. */
export function checkVmLiveMigration(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const vm of index.of('VirtualMachine')) {
    const template = fields(fields(fields(vm.manifest.spec).template).spec);
    if (!String(vm.manifest.apiVersion).startsWith('kubevirt.io/') || template.evictionStrategy !== 'LiveMigrate') {
      continue;
    }
    const namespace = namespaceOf(vm);
    const templates = new Map(list(fields(vm.manifest.spec).dataVolumeTemplates).map((t) => [text(fields(t.metadata).name) ?? '', fields(t.spec)]));
    const find = (kind: string, name: string) => index.find(kind, namespace, name)?.manifest as Fields | undefined;
    const single = list(template.volumes).map((volume) => volumeAccessModes(volume, templates, find))
      .find((used) => used !== undefined && !used.modes.includes('ReadWriteMany'));
    if (single !== undefined) {
      findings.push(objectFinding(vm, {
        layer: 'references', severity: 'error', field: 'spec.template.spec.evictionStrategy',
        message: `evictionStrategy LiveMigrate on a VM whose claim ${single.claim} is ${single.modes.map(String).join(', ') || 'of no access mode'}: KubeVirt live-migrates only a VM whose claims are ReadWriteMany, `
          + 'and refuses to evict one it cannot migrate, so draining its node waits for ever',
        hint: `give the VM ReadWriteMany claims (accessModes: ['ReadWriteMany'] on a class that serves it, such as Ceph RBD or Longhorn in Block mode), or write evictionStrategy: 'LiveMigrateIfPossible', which stops the VM when it cannot move`,
      }));
    }
  }
  return findings;
}
