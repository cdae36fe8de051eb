import { instanceOf } from './known-props';
import { SecretReference } from '../secrets/secret-reference';

/** A prop that takes a SecretReference: text there is answered as a secret written out (see known-props). */
export const SECRET_REFERENCE = instanceOf(SecretReference, "a SecretReference (sealedSecret.key('…'), SecretReference.external(…))");
