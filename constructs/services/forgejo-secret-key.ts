import { SecretReference } from '../secrets/secret-reference';
import { bootstrapSecretStep } from '../synth/bootstrap-secret';
import type { OwnerAction } from '../synth/owner-action';

// Forgejo makes INTERNAL_TOKEN and oauth2's JWT_SECRET itself at its first start and writes them into
// app.ini, which lives on the data volume and so outlasts a restart. SECRET_KEY it never makes: left empty,
// it falls back to the key written into its source, the same for every instance, which anybody can read.

/** The key of app.ini's `[security] SECRET_KEY` in its Secret. */
export const FORGEJO_SECRET_KEY_KEY = 'SECRET_KEY';

/** Where `SECRET_KEY` is read from when the props name no Secret: `<name>-secret-key` in Forgejo's namespace. Pure. */
export function defaultForgejoSecretKey(namespace: string, name: string): SecretReference {
  return SecretReference.external(namespace, `${name}-secret-key`, FORGEJO_SECRET_KEY_KEY);
}

/**
 * The owner's step that makes the Secret of `SECRET_KEY` (64 hex characters), once and before Forgejo
 * first starts, with `otherKeys` Forgejo reads of the same Secret as placeholders. Pure.
 */
export function forgejoSecretKeyStep(reference: SecretReference, otherKeys: readonly string[] = []): OwnerAction {
  const { namespace, secretName, key } = reference;
  return {
    kind: 'bootstrap',
    beforeFirstSync: true,
    ...bootstrapSecretStep(
      { namespace, name: secretName, keys: [{ key, value: '"$(openssl rand -hex 32)"' }, ...otherKeys] },
      "Forgejo's SECRET_KEY; make it once and before Forgejo first starts, and keep it: "
      + 'Forgejo encrypts two-factor secrets and the credentials it keeps with it, so a new key makes them unreadable; without it, Forgejo '
      + 'would use the key written into its source, which is the same for every instance',
    ),
  };
}
