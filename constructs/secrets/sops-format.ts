import { fields } from '../validation/manifest';
import { isSopsValue } from '../validation/policy';

/** An encrypted value as sops reads it (aes/cipher.go): ciphertext, nonce, tag and type, each given. */
const SOPS_VALUE_FORM = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]$/s;

/** A timestamp as sops writes `lastmodified` (RFC 3339), which it reads back before it checks the MAC. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** What a sops file's reader is told when the file was edited by hand where only sops may write. */
export const EDITED_BY_HAND_HINT = 'sops refuses the file as it is: take the file as sops wrote it from Git history (git checkout <commit> -- <file>), '
  + 'or decrypt what still opens and encrypt it again; change an encrypted file with `sops <file>` only';

/**
 * The fields (by the `prefix.key` they are written under) whose value has the `ENC[` prefix of an encrypted
 * value but not the rest of sops's form (a value cut short or edited by hand): sops refuses the whole file,
 * so the engine never decrypts it. Pure.
 */
export function malformedSopsValues(values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(values).filter(([, value]) => isSopsValue(value) && !SOPS_VALUE_FORM.test(value as string)).map(([field]) => field);
}

/**
 * What is wrong with the `lastmodified` of a file's sops metadata (`no lastmodified`, or the value that is no
 * RFC 3339 timestamp), or undefined when it is one. sops reads it before anything else and checks the MAC
 * with it, so a file without it never decrypts. Pure.
 */
export function lastModifiedProblem(metadata: unknown): string | undefined {
  const lastmodified = fields(metadata).lastmodified;
  if (lastmodified === undefined) {
    return 'no lastmodified';
  }
  return typeof lastmodified === 'string' && RFC3339.test(lastmodified) ? undefined : `lastmodified ${JSON.stringify(lastmodified)}, no RFC 3339 timestamp`;
}
