import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

// nfs-subdir-external-provisioner names each claim's folder from its StorageClass's `pathPattern`, filling in
// `${.PVC.name}`, `${.PVC.namespace}`, `${.PVC.labels.<key>}` and `${.PVC.annotations.<key>}`. Any other text stays as
// written: csi-driver-nfs' `${pvc.metadata.name}` is then one folder of that literal name for every claim of the
// class, and `${.PVC.metadata.name}` is filled in with nothing. The API server takes any pattern.

/** How the provisioner registers itself: its chart names it `cluster.local/<release>`, its manifests `k8s-sigs.io/…`. */
const NFS_SUBDIR_PROVISIONER = /nfs-subdir-external-provisioner/;

/** The placeholders the provisioner fills in; the rest of the text is written as it is. */
const KNOWN_PLACEHOLDER = /^\$\{\.PVC\.(name|namespace|labels\..+|annotations\..+)\}$/;

/** csi-driver-nfs' and Helm's spellings of a claim's name and namespace, as the provisioner writes them. */
const MEANT: ReadonlyArray<readonly [RegExp, string]> = [
  [/\$\{\s*\.?pvc\.metadata\.name\s*\}|\{\{\s*\.PVC\.Name\s*\}\}/gi, '${.PVC.name}'],
  [/\$\{\s*\.?pvc\.metadata\.namespace\s*\}|\{\{\s*\.PVC\.Namespace\s*\}\}/gi, '${.PVC.namespace}'],
  [/\$\{\s*pvc\.(name|namespace)\s*\}/gi, '${.PVC.$1}'],
];

/** The placeholders of `pattern` the provisioner does not fill in as meant (`${…}` and `{{ … }}`). Pure. */
function unknownPlaceholders(pattern: string): string[] {
  return (pattern.match(/\$\{[^}]*\}|\{\{[^}]*\}\}/g) ?? []).filter((placeholder) => !KNOWN_PLACEHOLDER.test(placeholder));
}

/**
 * A StorageClass of nfs-subdir-external-provisioner whose `pathPattern` has a placeholder the provisioner does not
 * fill in: one error on `parameters.pathPattern`, whose hint writes the pattern in the provisioner's own spelling.
 */
export function checkNfsSubdirPathPatterns(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const provisioner = text(object.manifest.provisioner);
    const pattern = text(fields(object.manifest.parameters).pathPattern);
    if (object.manifest.kind !== 'StorageClass' || provisioner === undefined || !NFS_SUBDIR_PROVISIONER.test(provisioner) || pattern === undefined) {
      continue;
    }
    const unknown = unknownPlaceholders(pattern);
    if (unknown.length === 0) {
      continue;
    }
    const meant = MEANT.reduce((written, [spelling, placeholder]) => written.replace(spelling, placeholder), pattern);
    findings.push(objectFinding(object, {
      layer: 'references', severity: 'error', field: 'parameters.pathPattern',
      message: `nfs-subdir-external-provisioner fills in only \${.PVC.name}, \${.PVC.namespace}, \${.PVC.labels.<key>} and \${.PVC.annotations.<key>}, so ${unknown.join(', ')} `
        + `${unknown.length > 1 ? 'are' : 'is'} left as written (another \${.PVC.…} as nothing): the claims of the class share one folder, and each app writes over the others' files`,
      hint: unknownPlaceholders(meant).length === 0 ? `pathPattern: '${meant}'` : "name each claim's folder in the provisioner's spelling, e.g. pathPattern: '${.PVC.namespace}/${.PVC.name}'",
    }));
  }
  return findings;
}
