import type { ClusterFacts } from './cluster-facts';
import type { Finding } from './finding';

/** The folder of its repository a cluster's GitOps engine bootstraps from, as the checks across clusters keep it. */
export interface BootstrapFolderClaim {
  /** Clone URL of the repository. */
  readonly repository: string;
  /** Branch the engine follows. */
  readonly branch: string;
  /** Folder from the repository's root, without a leading or trailing `/`. */
  readonly path: string;
  /** Field of the cluster that chose it, e.g. `gitops.bootstrapPath`. */
  readonly field: string;
}

/** Whether `inner` is `outer` or a folder inside it. Pure. */
function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

/**
 * Two clusters that bootstrap their engine from one folder of one repository and branch, or one from a
 * folder inside the other's: Flux's bootstrap commits the cluster's own sync files to that folder (the
 * second overwrites the first's), and each cluster applies everything under its folder, the other
 * cluster's engine included. The later cluster, in fleet order, is reported on the field that chose it.
 */
export function checkBootstrapFoldersUnshared(clusters: readonly ClusterFacts[]): Finding[] {
  const findings: Finding[] = [];
  const earlier: Array<{ readonly cluster: ClusterFacts; readonly claim: BootstrapFolderClaim }> = [];
  for (const cluster of clusters) {
    const claim = cluster.bootstrapFolder;
    if (claim === undefined) {
      continue;
    }
    const other = earlier.find((e) => e.claim.repository === claim.repository && e.claim.branch === claim.branch
      && (within(claim.path, e.claim.path) || within(e.claim.path, claim.path)));
    if (other !== undefined) {
      const how = other.claim.path === claim.path ? 'the folder' : within(claim.path, other.claim.path) ? `a folder inside ${other.claim.path}/,` : `a folder that holds ${other.claim.path}/,`;
      findings.push({
        layer: 'references', severity: 'error', constructPath: cluster.chartPath, field: claim.field,
        message: `cluster ${cluster.folder} bootstraps from ${claim.path}/, ${how} cluster ${other.cluster.folder} bootstraps from, in the same repository and branch: `
          + "the second bootstrap overwrites the first's sync files there, and each cluster applies what is under its folder, the other's engine included",
        hint: `give each cluster a folder of its own, e.g. ${claim.field.replace(/^gitops\./, '')}: 'clusters/${cluster.folder.replace(/\//g, '-')}', or leave it out for the default flux-system/${cluster.folder}`,
      });
    }
    earlier.push({ cluster, claim });
  }
  return findings;
}
