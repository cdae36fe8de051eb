import type { Construct } from 'constructs';
import { SealedSecret } from '../../constructs';
import { SEALED } from './sealed-values';

type Sealed = typeof SEALED;

/** The SealedSecret `<namespace>/<name>` of a cluster, from the table of sealed values. */
export function sealedSecret<C extends keyof Sealed>(scope: Construct, cluster: C, secret: keyof Sealed[C] & string): SealedSecret {
  const [namespace, name] = secret.split('/');
  return new SealedSecret(scope, name, {
    namespace, name, encryptedData: SEALED[cluster][secret] as unknown as Record<string, string>,
  });
}
