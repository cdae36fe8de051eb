import type { Finding } from '../validation/finding';
import type { DocumentEntry } from './documents';

/** A plain object of a parsed document. */
type Doc = Record<string, any>;

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Provisioners whose volumes live on the node they were made on, for good: a pod elsewhere cannot mount them. */
const NODE_LOCAL_PROVISIONERS: ReadonlySet<string> = new Set(['rancher.io/local-path', 'zfs.csi.openebs.io']);

/** The host names a pod spec is held to by name (a nodeSelector, or every term of a required node affinity); undefined when not by name. */
function pinnedNodes(spec: Doc | undefined): string[] | undefined {
  const selected = spec?.nodeSelector?.[HOSTNAME_LABEL];
  if (typeof selected === 'string') {
    return [selected];
  }
  const terms: Doc[] = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const perTerm = terms.map((term) => (term?.matchExpressions ?? []).find((e: Doc) => e?.key === HOSTNAME_LABEL && e?.operator === 'In')?.values);
  return perTerm.length > 0 && perTerm.every(Array.isArray) ? perTerm.flat().map(String) : undefined;
}

/**
 * A Deployment or StatefulSet that mounts a claim of node-local storage (`local-path`, a ZFS pool's class) kept
 * from the previous output, whose pods that output held to some hosts by name and the new one holds to others
 * only: the claim's volume was made on one of the old hosts and stays there, so the moved pods wait for it in
 * Pending (a host taken out of the cluster, or a placement changed). A warning on the new workload's pod
 * template: the move may be meant, with the data copied over by hand. `classOf` finds a StorageClass of the
 * new output by name. Pure.
 */
export function strandedLocalClaims(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>,
  classOf: (name: string) => Doc | undefined, constructPaths: ReadonlyMap<string, string>, chartPath: string,
): Finding[] {
  const findings: Finding[] = [];
  const nodeLocal = (name: unknown) => {
    const storageClass = typeof name === 'string' ? classOf(name) : undefined;
    return storageClass ? NODE_LOCAL_PROVISIONERS.has(String(storageClass.provisioner)) : name === 'local-path';
  };
  for (const [id, entry] of now) {
    const doc = entry.doc as Doc;
    const before = old.get(id)?.doc as Doc | undefined;
    if (!before || (doc?.kind !== 'Deployment' && doc?.kind !== 'StatefulSet') || !String(doc.apiVersion).startsWith('apps/')) {
      continue;
    }
    const oldNodes = pinnedNodes(before.spec?.template?.spec);
    const newNodes = pinnedNodes(doc.spec?.template?.spec);
    if (oldNodes === undefined || newNodes === undefined || newNodes.some((n) => oldNodes.includes(n))) {
      continue;
    }
    const namespace = doc.metadata?.namespace;
    const claims: string[] = (doc.spec?.template?.spec?.volumes ?? []).map((v: Doc) => v?.persistentVolumeClaim?.claimName).filter((c: unknown) => typeof c === 'string');
    const stranded = claims.find((name) => {
      const claimId = `PersistentVolumeClaim ${namespace}/${name}`;
      const claim = (now.get(claimId)?.doc ?? old.get(claimId)?.doc) as Doc | undefined;
      return claim !== undefined && old.has(claimId) && nodeLocal(claim.spec?.storageClassName);
    });
    if (stranded === undefined) {
      continue;
    }
    findings.push({
      layer: 'policy', severity: 'warning', constructPath: constructPaths.get(id) ?? chartPath, kind: String(doc.kind), namespace, name: doc.metadata?.name,
      field: 'spec.template.spec',
      message: `the pods move from ${oldNodes.join(', ')} to ${newNodes.join(', ')}, but claim "${stranded}" is node-local storage made on ${oldNodes.length === 1 ? oldNodes[0] : `one of ${oldNodes.join(', ')}`}, `
        + 'where its volume stays: the moved pods wait for it in Pending',
      hint: `keep the pods where the volume is, or copy its data out, delete the claim (kubectl -n ${namespace} delete pvc ${stranded}) and let the next sync make it anew on the new host`,
    });
  }
  return findings;
}
