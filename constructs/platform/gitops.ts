import type { ClusterChart } from './cluster-chart';

/** How a cluster pulls its folder of `dist/` from Git: Flux or Argo CD. */
export interface GitOpsEngine {
  /** Short name, e.g. `flux`. */
  readonly name: string;
  /** Adds the objects that make the cluster reconcile `dist/<site>/<cluster>`. */
  bind(cluster: ClusterChart): void;
}

/** The repository path a cluster's manifests are written to, relative to the repository root. */
export function clusterPath(cluster: ClusterChart): string {
  return `dist/${cluster.site.name}/${cluster.clusterName}`;
}

/** The Git source of the cluster's site; a GitOps engine without one is a configuration error. */
export function requireGitSource(cluster: ClusterChart): { url: string; branch: string } {
  const git = cluster.site.git;
  if (!git) {
    throw new Error(`site "${cluster.site.name}" declares no git source, which the GitOps engine of cluster "${cluster.clusterName}" needs`);
  }
  return git;
}
