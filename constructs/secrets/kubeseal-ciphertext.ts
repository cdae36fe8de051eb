/**
 * The layout of a value `kubeseal --raw` prints, once base64-decoded: a 2-byte big-endian length n of the
 * RSA-OAEP-wrapped session key, n bytes of it (n is the controller key's modulus in bytes), then the AES-GCM
 * payload, which is at least its 16-byte tag. Base64 of plaintext (a PEM key, a kubeconfig) has the charset
 * and the length of ciphertext but not this layout: `LS0t…` decodes to the prefix 0x2d2d.
 */

/** Modulus sizes in bytes of the RSA keys a sealed-secrets controller makes: 2048, 3072 and 4096 bits (the default). */
const SESSION_KEY_LENGTHS: readonly number[] = [256, 384, 512];
const LENGTH_PREFIX = 2;
const GCM_TAG = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Why `value` cannot be kubeseal output, or undefined when it has its layout. Line breaks are read past, as the
 * controller's base64 decoder (Go's) reads past them: a value copied with its terminal's wrapping, or with the
 * line break `kubeseal --raw` ends with, opens as it is.
 */
export function kubesealCiphertextProblem(value: string): string | undefined {
  const unwrapped = value.replace(/[\r\n]/g, '');
  if (!BASE64.test(unwrapped) || unwrapped.length % 4 === 1) {
    return /[ \t]/.test(unwrapped.trim()) || unwrapped !== unwrapped.trim() ? 'is not base64: it has blanks in it, which a base64 decoder refuses' : 'is not base64';
  }
  const bytes = Buffer.from(unwrapped, 'base64');
  const sessionKey = bytes.length >= LENGTH_PREFIX ? bytes.readUInt16BE(0) : 0;
  if (!SESSION_KEY_LENGTHS.includes(sessionKey)) {
    return 'does not start with the length of an RSA-wrapped session key (256, 384 or 512 bytes; kubeseal output starts "AgA")';
  }
  if (bytes.length < LENGTH_PREFIX + sessionKey + GCM_TAG) {
    return `is ${bytes.length} bytes long, shorter than the ${LENGTH_PREFIX + sessionKey + GCM_TAG} bytes of the smallest value sealed with a ${sessionKey * 8}-bit key`;
  }
  return undefined;
}

/**
 * The finding text for a sealed value that is not kubeseal output (`problem` from
 * {@link kubesealCiphertextProblem}), for the SealedSecret `namespace/name` it would be unsealed as.
 */
export function notSealedFinding(problem: string, namespace: string, name: string): { message: string; hint: string } {
  return {
    message: `is not kubeseal ciphertext (it ${problem}); a plaintext value would be committed to Git`,
    hint: `seal it: kubeseal --raw --namespace ${namespace} --name ${name} --from-file=/dev/stdin`,
  };
}

/**
 * Bytes of the plaintext sealed in `value` (what the controller writes into the Secret), from kubeseal's
 * layout alone, without the key; undefined where `value` does not have that layout.
 */
export function sealedPlaintextBytes(value: string): number | undefined {
  if (kubesealCiphertextProblem(value) !== undefined) {
    return undefined;
  }
  const bytes = Buffer.from(value, 'base64');
  return bytes.length - LENGTH_PREFIX - bytes.readUInt16BE(0) - GCM_TAG;
}
