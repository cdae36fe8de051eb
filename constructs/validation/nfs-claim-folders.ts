import { NFS_CSI_PROVISIONER } from '../platform/components/csi-driver-nfs';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';

const layer = 'references' as const;

/** The folder csi-driver-nfs gives a claim of a class whose `subDir` is `subDir`: its placeholders filled in. Pure. */
function claimFolder(subDir: string, namespace: string, name: string): string {
  return subDir.split('${pvc.metadata.namespace}').join(namespace).split('${pvc.metadata.name}').join(name);
}

/**
 * Claims of csi-driver-nfs classes that get the same folder of an export: a class whose `subDir` names the claim
 * without its namespace gives `sonarr/config` and `radarr/config` one folder, and two classes on one export with
 * other patterns may too. The driver makes the folder once and mounts it for both, so the two apps write each
 * other's files. A `subDir` with `${pv.metadata.name}` makes a folder per volume, and is left alone.
 */
export function checkNfsClaimFolders(cluster: SynthesizedCluster): Finding[] {
  const classes = new Map<string, { server: string; share: string; subDir: string }>();
  const objects = cluster.objects;
  for (let n = 0; n < objects.length; n++) {
    const manifest = objects[n].manifest;
    if (manifest.kind === 'StorageClass' && manifest.provisioner === NFS_CSI_PROVISIONER) {
      const parameters = fields(manifest.parameters);
      const subDir = text(parameters.subDir);
      if (subDir !== undefined && !subDir.includes('${pv.metadata.name}')) {
        classes.set(String(manifest.metadata.name), { server: text(parameters.server) ?? '', share: (text(parameters.share) ?? '').replace(/\/+$/, ''), subDir });
      }
    }
  }
  if (classes.size === 0) {
    return [];
  }
  const findings: Finding[] = [];
  const taken = new Map<string, string>();
  const place = (object: SynthesizedObject, field: string, className: unknown, namespace: string, name: string) => {
    const nfsClass = typeof className === 'string' ? classes.get(className) : undefined;
    if (nfsClass === undefined) {
      return;
    }
    const folder = `${nfsClass.server}:${nfsClass.share}/${claimFolder(nfsClass.subDir, namespace, name)}`;
    const first = taken.get(folder);
    if (first === undefined) {
      taken.set(folder, `${namespace}/${name}`);
      return;
    }
    findings.push(objectFinding(object, {
      layer, severity: 'error', field,
      message: `claim ${namespace}/${name} gets the folder ${folder} of StorageClass ${className}, which claim ${first} has already: csi-driver-nfs mounts that one folder for both, and each app writes over the other's files`,
      hint: "give each claim a folder of its own: name the claim's namespace in the class's folder, nfsStorage(export, { subDirectory: '${pvc.metadata.namespace}/${pvc.metadata.name}' }) (the default), or give the claim another claimName",
    }));
  };
  for (let n = 0; n < objects.length; n++) {
    const object = objects[n];
    const spec = fields(object.manifest.spec);
    const namespace = namespaceOf(object);
    if (object.manifest.kind === 'PersistentVolumeClaim' && text(spec.volumeName) === undefined) {
      place(object, 'spec.storageClassName', spec.storageClassName, namespace, String(object.manifest.metadata.name));
    } else if (object.manifest.kind === 'StatefulSet') {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      list(spec.volumeClaimTemplates).forEach((template, i) => {
        for (let ordinal = 0; ordinal < replicas; ordinal++) {
          place(object, `spec.volumeClaimTemplates[${i}].spec.storageClassName`, fields(template.spec).storageClassName, namespace,
            `${text(fields(template.metadata).name) ?? ''}-${String(object.manifest.metadata.name)}-${ordinal}`);
        }
      });
    }
  }
  return findings;
}
