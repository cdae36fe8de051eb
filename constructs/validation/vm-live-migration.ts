import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, Fields, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

// KubeVirt live-migrates a VM only when each of its claims may be mounted on two nodes at once (ReadWriteMany),
// it holds no device of its host (virt-handler's `HostDeviceNotLiveMigratable`: any host device or GPU) and it
// joins the pod network by masquerade (a bridge there keeps the pod's address, which the target pod has not, unless
// the VM allows it by annotation). A VM that is not migratable with `evictionStrategy: LiveMigrate` is one KubeVirt
// refuses to evict, so draining its node (an upgrade of Talos or K3s, a reboot by kured) waits for ever.

/** The annotation of a VM's template that lets KubeVirt migrate it with a bridge on the pod network. */
const POD_BRIDGE_MIGRATION_ANNOTATION = 'kubevirt.io/allow-pod-bridge-network-live-migration';
/** What `LiveMigrateIfPossible` does instead, said in every hint. */
const IF_POSSIBLE = "evictionStrategy: 'LiveMigrateIfPossible', which stops the VM when it cannot move";

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

/**
 * Why KubeVirt will not migrate a VM of `template` (its `spec.template`) for what it holds of its node: a host
 * device or GPU passed through, or a bridge on the pod network. Undefined when neither. Pure.
 */
function nodeBoundReason(template: Fields): { message: string; hint: string } | undefined {
  const spec = fields(template.spec);
  const devices = fields(fields(spec.domain).devices);
  const held = [...list(devices.hostDevices), ...list(devices.gpus)].map((device) => text(device.deviceName) ?? text(device.name) ?? 'a device');
  if (held.length > 0) {
    return {
      message: `the VM is given ${held.join(', ')} of its host, and KubeVirt migrates no VM that holds a host device or GPU ("HostDeviceNotLiveMigratable")`,
      hint: `a VM with a device of its host stays on that host: write ${IF_POSSIBLE}`,
    };
  }
  const podNetworks = new Set(list(spec.networks).filter((network) => network.pod !== undefined).map((network) => text(network.name)));
  const bridged = list(devices.interfaces).find((iface) => podNetworks.has(text(iface.name)) && iface.bridge !== undefined);
  if (bridged !== undefined && fields(fields(template.metadata).annotations)[POD_BRIDGE_MIGRATION_ANNOTATION] === undefined) {
    return {
      message: `interface "${text(bridged.name)}" joins the pod network by bridge, and KubeVirt migrates a VM there only by masquerade ("cannot migrate VMI which does not use masquerade to connect to the pod network")`,
      hint: `plug it in with masquerade: {} (the guest then takes 10.0.2.2 by DHCP and keeps it on the new node), or annotate the template with '${POD_BRIDGE_MIGRATION_ANNOTATION}': 'true' if the guest renews its address after a move, or write ${IF_POSSIBLE}`,
    };
  }
  return undefined;
}

/** A VM whose eviction strategy is `LiveMigrate` has ReadWriteMany claims alone, and holds nothing that keeps it on its node. */
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
    const bound = nodeBoundReason(fields(fields(vm.manifest.spec).template));
    if (bound !== undefined) {
      findings.push(objectFinding(vm, {
        layer: 'references', severity: 'error', field: 'spec.template.spec.evictionStrategy',
        message: `evictionStrategy LiveMigrate on a VM KubeVirt cannot migrate: ${bound.message}; it then refuses to evict the VM, so draining its node waits for ever`,
        hint: bound.hint,
      }));
      continue;
    }
    const single = list(template.volumes).map((volume) => volumeAccessModes(volume, templates, find))
      .find((used) => used !== undefined && !used.modes.includes('ReadWriteMany'));
    if (single !== undefined) {
      findings.push(objectFinding(vm, {
        layer: 'references', severity: 'error', field: 'spec.template.spec.evictionStrategy',
        message: `evictionStrategy LiveMigrate on a VM whose claim ${single.claim} is ${single.modes.map(String).join(', ') || 'of no access mode'}: KubeVirt live-migrates only a VM whose claims are ReadWriteMany, `
          + 'and refuses to evict one it cannot migrate, so draining its node waits for ever',
        hint: `give the VM ReadWriteMany claims (accessModes: ['ReadWriteMany'] on a class that serves it, such as Ceph RBD or Longhorn in Block mode), or write ${IF_POSSIBLE}`,
      }));
    }
  }
  return findings;
}
