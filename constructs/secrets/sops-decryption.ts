import type { IConstruct } from 'constructs';
import type { GitOpsEngine } from '../platform/gitops';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from '../validation/finding';
import { objectFinding } from '../validation/manifest';
import { isSopsEncrypted } from '../validation/policy';
import { SopsSecret } from './sops-secret';

/** The Secret with the age key an engine decrypts SOPS files with, when it does. */
export function sopsDecryptionSecret(engine: GitOpsEngine | undefined): string | undefined {
  const name = (engine as { readonly sopsSecretName?: unknown } | undefined)?.sopsSecretName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

const HINT = 'set `gitops: flux({ sopsSecretName: \'sops-age\' })`, whose Kustomizations then decrypt with provider sops';

/**
 * Objects SOPS-encrypted (top-level `sops` metadata, `ENC[...]` values) in a cluster whose GitOps engine
 * would apply them undecrypted: the API server would refuse the `sops` field, or store `ENC[...]` strings
 * as the values. One rule for a `SopsSecret` (reported on its `manifest`) and a hand-written object
 * (reported on its `sops` field). Without an engine the owner applies the folder by hand, decrypting on the
 * way (`sops -d | kubectl apply`).
 */
export function checkSopsDecryption(cluster: SynthesizedCluster): Finding[] {
  const engine = cluster.chart.gitops;
  if (!engine || sopsDecryptionSecret(engine) !== undefined) {
    return [];
  }
  const findings: Finding[] = [];
  let constructs: Map<string, IConstruct> | undefined;
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    if (object.manifest.sops === undefined || !isSopsEncrypted(object.manifest)) {
      continue;
    }
    // Only an encrypted object on such a cluster needs its construct: the tree is indexed for it alone.
    constructs ??= new Map(cluster.chart.node.findAll().map((c) => [c.node.path, c]));
    findings.push(undecryptedFinding(object, cluster, engine.name, constructs.get(object.constructPath)?.node.scope));
  }
  return findings;
}

function undecryptedFinding(object: SynthesizedObject, cluster: SynthesizedCluster, engine: string, parent: IConstruct | undefined): Finding {
  const { kind, metadata } = object.manifest;
  const message = `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name} is SOPS-encrypted, `
    + `but the ${engine} engine of cluster "${cluster.chart.clusterName}" does not decrypt it`;
  if (parent instanceof SopsSecret) {
    return { layer: 'references', severity: 'error', constructPath: parent.node.path, field: 'manifest.sops', message, hint: HINT };
  }
  return objectFinding(object, { layer: 'references', severity: 'error', field: 'sops', message, hint: HINT });
}
