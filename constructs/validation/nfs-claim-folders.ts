import { NFS_CSI_PROVISIONER } from '../platform/components/csi-driver-nfs';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { ClusterFacts, FindingTarget } from './cluster-facts';
import type { Finding } from './finding';
import { fields, findingTarget, list, namespaceOf, text } from './manifest';
import { statefulOrdinals } from './stateful-ordinals';

const layer = 'references' as const;

/** The folder of an NFS export a claim of a csi-driver-nfs class gets, as the checks across clusters see it. */
export interface NfsFolderClaim {
  /** The folder, `<server>:<share>/<subDir with the claim's namespace and name>`. */
  readonly folder: string;
  /** The claim, `<namespace>/<name>`. */
  readonly claim: string;
  /** Its StorageClass. */
  readonly className: string;
  /** The field that names the class. */
  readonly field: string;
  /** The object that makes the claim (the claim, or the StatefulSet of its template). */
  readonly target: FindingTarget;
}

/** The folder csi-driver-nfs gives a claim of a class whose `subDir` is `subDir`: its placeholders filled in. Pure. */
function claimFolder(subDir: string, namespace: string, name: string): string {
  return subDir.split('${pvc.metadata.namespace}').join(namespace).split('${pvc.metadata.name}').join(name);
}

/**
 * The folder each claim of the cluster's csi-driver-nfs classes gets, in object order (a StatefulSet's templates
 * once per replica). A class whose `subDir` has `${pv.metadata.name}` makes a folder per volume, and is left out.
 */
export function nfsFolderClaims(cluster: SynthesizedCluster): NfsFolderClaim[] {
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
  const claims: NfsFolderClaim[] = [];
  if (classes.size === 0) {
    return claims;
  }
  const add = (object: SynthesizedObject, field: string, className: unknown, namespace: string, name: string) => {
    const nfsClass = typeof className === 'string' ? classes.get(className) : undefined;
    if (nfsClass !== undefined) {
      claims.push({
        folder: `${nfsClass.server}:${nfsClass.share}/${claimFolder(nfsClass.subDir, namespace, name)}`,
        claim: `${namespace}/${name}`, className: className as string, field, target: findingTarget(object),
      });
    }
  };
  for (let n = 0; n < objects.length; n++) {
    const object = objects[n];
    const spec = fields(object.manifest.spec);
    const namespace = namespaceOf(object);
    if (object.manifest.kind === 'PersistentVolumeClaim' && text(spec.volumeName) === undefined) {
      add(object, 'spec.storageClassName', spec.storageClassName, namespace, String(object.manifest.metadata.name));
    } else if (object.manifest.kind === 'StatefulSet') {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      list(spec.volumeClaimTemplates).forEach((template, i) => {
        for (const ordinal of statefulOrdinals(replicas)) {
          add(object, `spec.volumeClaimTemplates[${i}].spec.storageClassName`, fields(template.spec).storageClassName, namespace,
            `${text(fields(template.metadata).name) ?? ''}-${String(object.manifest.metadata.name)}-${ordinal}`);
        }
      });
    }
  }
  return claims;
}

/**
 * The finding on `claim`, whose folder `first` has already: in the same cluster, or in cluster `of` (`own` being
 * the folder name the hint gives the claim's cluster).
 */
function sharedFolder(claim: NfsFolderClaim, first: string, of?: string, own = 'cluster'): Finding {
  return {
    ...claim.target, layer, severity: 'error', field: claim.field,
    message: `claim ${claim.claim} gets the folder ${claim.folder} of StorageClass ${claim.className}, which claim ${first}${of ? ` of cluster ${of}` : ''} has already: `
      + 'csi-driver-nfs mounts that one folder for both, and each app writes over the other\'s files',
    hint: of
      ? `give each cluster folders of its own on the export: nfsStorage(export, { subDirectory: '${own}/\${pvc.metadata.namespace}/\${pvc.metadata.name}' }) for this cluster, or another export`
      : "give each claim a folder of its own: name the claim's namespace in the class's folder, nfsStorage(export, { subDirectory: '${pvc.metadata.namespace}/${pvc.metadata.name}' }) (the default), or give the claim another claimName",
  };
}

/**
 * Claims of csi-driver-nfs classes that get the same folder of an export: a class whose `subDir` names the claim
 * without its namespace gives `sonarr/config` and `radarr/config` one folder, and two classes on one export with
 * other patterns may too. The driver makes the folder once and mounts it for both, so the two apps write each
 * other's files. The later claim is reported.
 */
export function checkNfsClaimFolders(cluster: SynthesizedCluster): Finding[] {
  const taken = new Map<string, string>();
  return nfsFolderClaims(cluster).flatMap((claim) => {
    const first = taken.get(claim.folder);
    if (first === undefined) {
      taken.set(claim.folder, claim.claim);
      return [];
    }
    // The same claim made twice (two apps of a namespace naming one claimName) is one object emitted twice,
    // which the object-identity check reports: it gets its folder once.
    return first === claim.claim ? [] : [sharedFolder(claim, first)];
  });
}

/**
 * The same across the clusters of the fleet: two clusters whose classes share an export and its folder pattern
 * (the default `<namespace>/<claim>`) give an app that runs in both (a sandbox and the lab it is promoted to)
 * one folder. The claim of the later cluster, in fleet order, is reported.
 */
export function checkNfsClaimFoldersAcrossClusters(clusters: readonly ClusterFacts[]): Finding[] {
  const takenBy = new Map<string, { readonly folder: string; readonly claim: string }>();
  const findings: Finding[] = [];
  for (const cluster of clusters) {
    for (const claim of cluster.nfsFolders ?? []) {
      const first = takenBy.get(claim.folder);
      if (first === undefined) {
        takenBy.set(claim.folder, { folder: cluster.folder, claim: claim.claim });
      } else if (first.folder !== cluster.folder) {
        // Clusters of two sites are often both `main`: the folder then names the site too.
        const [site, id] = cluster.folder.split('/');
        findings.push(sharedFolder(claim, first.claim, first.folder, first.folder.split('/')[1] === id ? `${site}-${id}` : id));
      }
    }
  }
  return findings;
}
