import type { SynthesizedObject } from '../synth/collect';
import { sealedPlaintextBytes } from '../secrets/kubeseal-ciphertext';
import { AddFinding, fields, Fields } from './manifest';

/**
 * The most bytes a ConfigMap's or Secret's data may hold in all (the API server's `MaxSecretSize`). The API
 * server counts the values alone, not their keys: the text of `data` as UTF-8, `binaryData` and a Secret's
 * `data` decoded from base64, a Secret's `stringData` merged into its `data` key by key.
 */
export const MAX_DATA_BYTES = 1024 * 1024;

/** The hint of every size finding: what to do with data too large for one object. */
const TOO_LARGE_HINT = 'split the data into several objects, or keep large files out of it: a volume (a PersistentVolumeClaim the app mounts) or the image';

/** A SOPS-encrypted value; `data` is the base64 of the ciphertext, exactly as long as the plaintext (AES-GCM). */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:([A-Za-z0-9+/=]*),/;

/** Bytes base64 text decodes to: three per four characters, less its padding. */
function base64Bytes(value: string): number {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 61 /* = */) {
    end--;
  }
  return Math.floor(end * 3 / 4);
}

/**
 * Bytes a Secret value stands for, however it is written: text (`text`, measured as UTF-8) or base64 (a
 * Secret's `data`), in plain or encrypted by SOPS. A SOPS value holds its plaintext's length; where that
 * plaintext is base64 its padding is unknown, so the count takes the fewest bytes it may decode to and
 * reports only what is certain.
 */
function valueBytes(value: string, text: boolean): number {
  const sops = SOPS_VALUE.exec(value);
  if (sops !== null) {
    const plaintext = base64Bytes(sops[1]);
    return text ? plaintext : Math.max(0, Math.floor(plaintext * 3 / 4) - 2);
  }
  return text ? Buffer.byteLength(value) : base64Bytes(value);
}

/** An upper bound of the bytes of `maps` (a UTF-16 unit is at most 3 bytes of UTF-8), to skip the count where it cannot matter. */
function mostBytes(maps: readonly Fields[]): number {
  let units = 0;
  for (const map of maps) {
    for (const key in map) {
      const value = map[key];
      units += typeof value === 'string' ? value.length : 0;
    }
  }
  return units * 3;
}

function report(add: AddFinding, field: string, what: string, bytes: number): void {
  add(field, `${what} ${bytes} bytes; the API server refuses more than ${MAX_DATA_BYTES} (1 MiB) in all ("must have at most ${MAX_DATA_BYTES} bytes")`, TOO_LARGE_HINT);
}

/**
 * A ConfigMap's `data` and `binaryData`, or a Secret's `data` and `stringData`, fit the API server's
 * {@link MAX_DATA_BYTES}, counted as the API server counts them. A key in both of a Secret's maps is
 * counted once, as `stringData` (which replaces it).
 */
export function checkDataSize(object: SynthesizedObject, add: AddFinding): void {
  const secret = object.manifest.kind === 'Secret';
  const first = fields(object.manifest.data);
  const second = fields(secret ? object.manifest.stringData : object.manifest.binaryData);
  if (mostBytes([first, second]) <= MAX_DATA_BYTES) {
    return;
  }
  let bytes = 0;
  for (const key in first) {
    const value = first[key];
    if (typeof value === 'string' && !(secret && Object.prototype.hasOwnProperty.call(second, key))) {
      bytes += valueBytes(value, !secret);
    }
  }
  for (const key in second) {
    const value = second[key];
    if (typeof value === 'string') {
      bytes += valueBytes(value, secret);
    }
  }
  if (bytes > MAX_DATA_BYTES) {
    report(add, 'data', secret ? 'the Secret\'s data and stringData hold' : 'the ConfigMap\'s data and binaryData hold', bytes);
  }
}

/**
 * The Secret a SealedSecret unseals to fits {@link MAX_DATA_BYTES}: its sealed values (kubeseal's
 * overhead taken off) and the text of its template's `data`. Otherwise the controller's write is refused
 * and the Secret never appears, while the SealedSecret itself applies.
 */
export function checkSealedDataSize(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const encrypted = fields(spec.encryptedData);
  const template = fields(fields(spec.template).data);
  if (mostBytes([encrypted, template]) <= MAX_DATA_BYTES) {
    return;
  }
  let bytes = 0;
  for (const key in encrypted) {
    const value = encrypted[key];
    bytes += typeof value === 'string' ? sealedPlaintextBytes(value) ?? 0 : 0;
  }
  for (const key in template) {
    const value = template[key];
    if (typeof value === 'string' && !Object.prototype.hasOwnProperty.call(encrypted, key)) {
      bytes += Buffer.byteLength(value);
    }
  }
  if (bytes > MAX_DATA_BYTES) {
    report(add, 'spec.encryptedData', 'the Secret it unseals to would hold', bytes);
  }
}
