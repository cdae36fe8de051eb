import type { Construct } from 'constructs';
import { SealedSecret, SecretReference } from '../../constructs';
import { SEALED } from './sealed-values';

type Sealed = typeof SEALED;

/** The SealedSecret `<namespace>/<name>` of a cluster, from the table of sealed values. */
export function sealedSecret<C extends keyof Sealed>(scope: Construct, cluster: C, secret: keyof Sealed[C] & string): SealedSecret {
  const [namespace, name] = secret.split('/');
  return new SealedSecret(scope, name, {
    namespace, name, encryptedData: SEALED[cluster][secret] as unknown as Record<string, string>,
  });
}

/**
 * A key of a sealed Secret of the table, for the cluster's own props (which are built before the cluster
 * can hold the SealedSecret); the chart renders the SealedSecret itself with {@link sealedSecret}, and
 * validation checks that it does.
 */
export function sealedKey<C extends keyof Sealed, S extends keyof Sealed[C] & string>(
  _cluster: C, secret: S, key: keyof Sealed[C][S] & string,
): SecretReference {
  const [namespace, name] = secret.split('/');
  return new SecretReference(namespace, name, key, 'sealed-secret');
}
