import { fields } from '../validation/manifest';
import { isSopsValue } from '../validation/policy';

/**
 * How to encrypt a manifest so that it stays one: sops encrypts every value of a file whose creation rule in
 * `.sops.yaml` has no `encrypted_regex`, its `apiVersion`, `kind` and name included, which neither Flux
 * (it reads the kind before decrypting) nor an API server can take.
 */
export const ENCRYPT_DATA_ONLY = "decrypt it (sops --decrypt --in-place) and encrypt it again under a .sops.yaml creation rule with encrypted_regex: '^(data|stringData)$', which leaves the rest readable";

/** The first field of `manifest` that tells what the object is (`apiVersion`, `kind`, its name or namespace) and that sops encrypted, or undefined. Pure. */
export function identityFieldEncrypted(manifest: unknown): string | undefined {
  const object = fields(manifest);
  const metadata = fields(object.metadata);
  const candidates: Array<[string, unknown]> = [['apiVersion', object.apiVersion], ['kind', object.kind], ['metadata.name', metadata.name], ['metadata.namespace', metadata.namespace]];
  return candidates.find(([, value]) => isSopsValue(value))?.[0];
}
