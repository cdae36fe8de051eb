import { Construct } from 'constructs';
import { GitRepository } from '../../imports/source.toolkit.fluxcd.io';
import { Kustomization } from '../../imports/kustomize.toolkit.fluxcd.io';
import type { ClusterChart } from './cluster-chart';
import { clusterPath, GitOpsEngine, requireGitSource } from './gitops';

/** Options of the Flux GitOps engine. */
export interface FluxProps {
  /** How often Flux fetches the repository and re-applies, as a Go duration. @default '10m' */
  readonly interval?: string;
  /** Delete objects that disappear from `dist/`. @default true */
  readonly prune?: boolean;
  /** Namespace Flux runs in. @default 'flux-system' */
  readonly namespace?: string;
  /** Secret with the deploy key or token for a private repository. @default - public repository */
  readonly secretName?: string;
  /** Decrypt SOPS-encrypted Secrets with the key in this Secret. @default - no decryption */
  readonly sopsSecretName?: string;
}

/** Flux: a GitRepository for the site's repository and a Kustomization for the cluster's folder. */
export class Flux implements GitOpsEngine {
  public readonly name = 'flux';

  constructor(private readonly props: FluxProps = {}) {}

  public bind(cluster: ClusterChart): void {
    const git = requireGitSource(cluster);
    const namespace = this.props.namespace ?? 'flux-system';
    const interval = this.props.interval ?? '10m';
    const name = `${cluster.site.name}-${cluster.clusterName}`;
    cluster.namespaces.ensure(namespace);
    const scope = new Construct(cluster, 'flux-system');
    new GitRepository(scope, 'source', {
      metadata: { name, namespace },
      spec: {
        url: git.url,
        ref: { branch: git.branch },
        interval,
        secretRef: this.props.secretName ? { name: this.props.secretName } : undefined,
      },
    });
    new Kustomization(scope, 'sync', {
      metadata: { name, namespace },
      spec: {
        interval,
        path: `./${clusterPath(cluster)}`,
        prune: this.props.prune ?? true,
        sourceRef: { kind: 'GitRepository' as any, name },
        decryption: this.props.sopsSecretName ? { provider: 'sops' as any, secretRef: { name: this.props.sopsSecretName } } : undefined,
      },
    });
  }
}

/** Reconcile the cluster with Flux. */
export function flux(props: FluxProps = {}): Flux {
  return new Flux(props);
}
