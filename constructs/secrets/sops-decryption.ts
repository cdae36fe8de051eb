import type { IConstruct } from 'constructs';
import type { ClusterChart } from '../platform/cluster-chart';
import type { GitOpsEngine } from '../platform/gitops';
import { reportFinding } from '../validation/finding';

/** The Secret with the age key an engine decrypts SOPS files with, when it does. */
export function sopsDecryptionSecret(engine: GitOpsEngine | undefined): string | undefined {
  const name = (engine as { readonly sopsSecretName?: unknown } | undefined)?.sopsSecretName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * Reports a SOPS-encrypted file in a cluster whose GitOps engine would apply it undecrypted: the API
 * server would refuse the `sops` field, or store `ENC[...]` strings as the Secret's values.
 */
export function checkSopsDecryption(scope: IConstruct, cluster: ClusterChart, what: string): void {
  // Without an engine the owner applies the folder by hand, decrypting on the way (sops -d | kubectl apply).
  if (!cluster.gitops || sopsDecryptionSecret(cluster.gitops) !== undefined) {
    return;
  }
  reportFinding(scope, {
    layer: 'references', severity: 'error', field: 'manifest.sops',
    message: `${what} is SOPS-encrypted, but the ${cluster.gitops.name} engine of cluster "${cluster.clusterName}" decrypts it`,
    hint: 'set `gitops: flux({ sopsSecretName: \'sops-age\' })`, whose Kustomizations then decrypt with provider sops',
  });
}
