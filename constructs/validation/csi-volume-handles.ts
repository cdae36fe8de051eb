import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

/** A volume's attributes (its share, server, folder) in one stable form, to tell two volumes' sources apart. Pure. */
function attributesOf(csi: Record<string, unknown>): string {
  const attributes = fields(csi.volumeAttributes);
  return JSON.stringify(Object.keys(attributes).sort().map((key) => [key, attributes[key]]));
}

/**
 * Two CSI PersistentVolumes of one driver with one `volumeHandle` and other attributes (a static volume copied from
 * the driver's example, `smb-server.default.svc.cluster.local/share##`, for a second share): the kubelet knows a CSI
 * volume by its driver and handle alone, so on a node that mounts the first it takes the second for the same volume
 * and gives its pods the first one's share. The API server takes both. One error on the later volume's
 * `spec.csi.volumeHandle`. Two volumes of one share (one per namespace that mounts it) may share the handle, as
 * the drivers ask for a handle per share.
 */
export function checkCsiVolumeHandles(cluster: SynthesizedCluster): Finding[] {
  const first = new Map<string, SynthesizedObject>();
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    if (object.manifest.kind !== 'PersistentVolume') {
      continue;
    }
    const csi = fields(fields(object.manifest.spec).csi);
    const driver = text(csi.driver);
    const handle = text(csi.volumeHandle);
    if (driver === undefined || handle === undefined || handle === '') {
      continue;
    }
    const key = `${driver}^${handle}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, object);
      continue;
    }
    if (attributesOf(fields(fields(earlier.manifest.spec).csi)) === attributesOf(csi)) {
      continue;
    }
    findings.push(objectFinding(object, {
      layer: 'references', severity: 'error', field: 'spec.csi.volumeHandle',
      message: `PersistentVolume ${earlier.manifest.metadata.name} has volumeHandle "${handle}" of driver ${driver} already, for another source (volumeAttributes): the kubelet knows a CSI volume by its driver and handle, `
        + `so a node that mounts one gives pods of the other the same mount, with the first one's share or folder`,
      hint: `give each volume a handle of its own, e.g. volumeHandle: '${text(object.manifest.metadata.name) ?? 'share'}' (the share or folder it mounts)`,
    }));
  }
  return findings;
}
