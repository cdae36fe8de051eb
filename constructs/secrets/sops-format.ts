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

/** The kinds of master key sops encrypts a file's data key for, as its metadata names them. */
export const SOPS_MASTER_KEY_KINDS: readonly string[] = ['age', 'pgp', 'kms', 'gcp_kms', 'azure_kv', 'hc_vault'];

/** One thing wrong with a file's sops metadata, by the metadata field it is about (`mac`, `lastmodified`, or `` for the whole). */
export interface SopsMetadataProblem {
  /** Field of the sops metadata, empty for the metadata as a whole. */
  readonly field: string;
  /** What is wrong, as a phrase after "its sops metadata has". */
  readonly problem: string;
}

/**
 * What `sops -d` (and Flux's kustomize-controller, which runs its code) refuses in a file's metadata before it
 * decrypts anything: no `mac`, or one that is no `ENC[AES256_GCM,…]` value (sops decrypts the MAC with the data
 * key and checks the values against it); a `lastmodified` that is no RFC 3339 timestamp; no master key at all
 * (no age, pgp, kms, … recipient at its top or in a key group), so nothing holds the data key. Pure.
 */
export function sopsMetadataProblems(metadata: unknown): SopsMetadataProblem[] {
  const sops = fields(metadata);
  const problems: SopsMetadataProblem[] = [];
  if (sops.mac === undefined || sops.mac === '') {
    problems.push({ field: 'mac', problem: 'no mac, the encrypted checksum sops checks the values against' });
  } else if (typeof sops.mac !== 'string' || !SOPS_VALUE_FORM.test(sops.mac)) {
    problems.push({ field: 'mac', problem: `mac ${JSON.stringify(sops.mac).slice(0, 40)}, no ENC[AES256_GCM,data:…,iv:…,tag:…,type:str] value as sops writes it` });
  }
  const lastModified = lastModifiedProblem(sops);
  if (lastModified !== undefined) {
    problems.push({ field: 'lastmodified', problem: lastModified });
  }
  const groups = [sops, ...(Array.isArray(sops.key_groups) ? sops.key_groups.map(fields) : [])];
  if (!groups.some((group) => SOPS_MASTER_KEY_KINDS.some((kind) => Array.isArray(group[kind]) && group[kind].length > 0))) {
    problems.push({ field: '', problem: `no recipient (no ${SOPS_MASTER_KEY_KINDS.join(', ')} key, nor a key group), so nothing holds the key its values are encrypted with` });
  }
  return problems;
}
