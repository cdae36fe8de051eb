import { Construct } from 'constructs';
import { Application } from '../../imports/argoproj.io';
import type { ClusterChart } from './cluster-chart';
import { clusterPath, GitOpsEngine, requireGitSource } from './gitops';

/** Options of the Argo CD GitOps engine. */
export interface ArgoCdProps {
  /** Namespace Argo CD runs in. @default 'argocd' */
  readonly namespace?: string;
  /** Argo CD project. @default 'default' */
  readonly project?: string;
  /** Delete objects that disappear from `dist/`. @default true */
  readonly prune?: boolean;
  /** Revert changes made in the cluster by hand. @default true */
  readonly selfHeal?: boolean;
}

/** Argo CD: one Application that syncs the cluster's folder automatically. */
export class ArgoCd implements GitOpsEngine {
  public readonly name = 'argo-cd';

  constructor(private readonly props: ArgoCdProps = {}) {}

  public bind(cluster: ClusterChart): void {
    const git = requireGitSource(cluster);
    const namespace = this.props.namespace ?? 'argocd';
    cluster.namespaces.ensure(namespace);
    const scope = new Construct(cluster, 'argo-cd');
    new Application(scope, 'application', {
      metadata: { name: `${cluster.site.name}-${cluster.clusterName}`, namespace },
      spec: {
        project: this.props.project ?? 'default',
        source: { repoUrl: git.url, targetRevision: git.branch, path: clusterPath(cluster) },
        destination: { server: 'https://kubernetes.default.svc' },
        syncPolicy: {
          automated: { prune: this.props.prune ?? true, selfHeal: this.props.selfHeal ?? true },
          syncOptions: ['CreateNamespace=true'],
        },
      },
    });
  }
}

/** Reconcile the cluster with Argo CD. */
export function argoCd(props: ArgoCdProps = {}): ArgoCd {
  return new ArgoCd(props);
}
