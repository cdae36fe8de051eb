import type { ClusterChart } from '../platform/cluster-chart';
import { kindBroughtByObjects } from '../platform/triggers';
import { sopsDecryptionSecret } from './sops-decryption';

// A hint that tells a lab how to keep a secret out of its values writes the reference the lab's own way: a SOPS
// user pointed at Sealed Secrets would install a controller it does not need, and seal with a key it never made.

/** The reference a hint writes for a Secret's key in a lab that keeps its secrets in SOPS files its engine decrypts. */
const SOPS_REFERENCE = "sopsSecret.key('...')";

/** The reference a hint writes in a lab whose cluster runs the sealed-secrets controller. */
const SEALED_REFERENCE = "sealedSecret.key('...')";

/** Where the value of a variable is to be kept: the app's namespace, a Secret named after the app, and the variable. */
export interface SecretPlace {
  /** The app's namespace: a pod reads Secrets of its own namespace only. @default - written as `<namespace>` */
  readonly namespace?: string;
  /** The Secret's name, the app's. @default - written as `<secret>` */
  readonly secret?: string;
  /** The variable whose value the Secret keeps, e.g. `ADMIN_TOKEN`, written as its key `admin-token`. @default - written as `<key>` */
  readonly variable?: string;
}

/** A Secret's key for a variable's value: `ADMIN_TOKEN` keeps its value under `admin-token`. Pure. */
const secretKeyOf = (variable: string): string => variable.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'value';

/** The reference a hint writes in a lab that has neither: a Secret made outside the repository, in the app's namespace. */
const externalSecretReferenceIn = (place: SecretPlace): string =>
  `SecretReference.external('${place.namespace ?? '<namespace>'}', '${place.secret ?? '<secret>'}', '${place.variable === undefined ? '<key>' : secretKeyOf(place.variable)}')`;

/**
 * The SecretReference a hint writes for a value to keep out of the repository, as `cluster` keeps its secrets:
 * `sopsSecret.key('...')` where its GitOps engine decrypts SOPS files (Flux with `sopsSecretName`), `sealedSecret.key('...')`
 * where it runs the sealed-secrets controller (a component of it, a preinstalled one, or a SealedSecret written so far),
 * else a Secret made outside the repository, `SecretReference.external(…)` at `place` (the app's namespace, a Secret
 * named after it, the variable's key). Read as the hint is written: a SealedSecret written after the app is not seen.
 */
export function labSecretReference(cluster: ClusterChart | undefined, place: SecretPlace = {}): string {
  if (cluster === undefined) {
    return externalSecretReferenceIn(place);
  }
  if (sopsDecryptionSecret(cluster.gitops) !== undefined) {
    return SOPS_REFERENCE;
  }
  const sealed = cluster.platform.get('sealed-secrets') !== undefined
    || cluster.platform.preinstalled.some((p) => (p.crds ?? []).some((crd) => crd.group === 'bitnami.com'))
    || kindBroughtByObjects(cluster, 'bitnami.com', 'SealedSecret');
  return sealed ? SEALED_REFERENCE : externalSecretReferenceIn(place);
}
