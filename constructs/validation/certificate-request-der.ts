import { createPublicKey, verify } from 'crypto';

// A PKCS#10 request (RFC 2986) read as the API server reads spec.request of a CertificateSigningRequest
// (x509.ParseCertificateRequest, then CheckSignature): one DER SEQUENCE of the signed request info, the
// signature algorithm and the signature, which must verify against the public key the info holds.

/** One DER element: its tag, and where its whole encoding and its contents lie in the buffer. */
interface DerElement {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first byte of the contents. */
  readonly contentStart: number;
  /** Offset just past the contents. */
  readonly end: number;
}

/** The DER element at `offset` of `der` (definite lengths only, as DER has), or undefined when it runs past `limit`. */
function elementAt(der: Buffer, offset: number, limit = der.length): DerElement | undefined {
  if (offset + 2 > limit) {
    return undefined;
  }
  const tag = der[offset];
  let length = der[offset + 1];
  let contentStart = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || contentStart + bytes > limit) {
      return undefined;
    }
    length = 0;
    for (let i = 0; i < bytes; i++) {
      length = length * 256 + der[contentStart + i];
    }
    contentStart += bytes;
  }
  const end = contentStart + length;
  return end > limit ? undefined : { tag, start: offset, contentStart, end };
}

/** The elements inside a constructed element, in order; undefined when they do not fill it exactly. */
function childrenOf(der: Buffer, parent: DerElement): DerElement[] | undefined {
  const children: DerElement[] = [];
  for (let at = parent.contentStart; at < parent.end;) {
    const child = elementAt(der, at, parent.end);
    if (child === undefined) {
      return undefined;
    }
    children.push(child);
    at = child.end;
  }
  return children;
}

/** The dotted text of an OBJECT IDENTIFIER's contents. */
function objectIdentifier(bytes: Buffer): string {
  const parts: number[] = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if ((bytes[i] & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The digest each signature algorithm a request may be signed with uses, by OID; `null` for one that signs the message itself (Ed25519). */
const SIGNATURE_DIGESTS: Readonly<Record<string, string | null>> = {
  '1.2.840.113549.1.1.5': 'sha1', '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1', '1.2.840.10045.4.3.2': 'sha256', '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
};

const SEQUENCE = 0x30;
const BIT_STRING = 0x03;
const OBJECT_IDENTIFIER = 0x06;

/**
 * Why `der` is no PKCS#10 request whose signature verifies, or undefined when it is one. A request signed with
 * an algorithm not known here (RSASSA-PSS, whose parameters choose the digest) is not judged. Pure.
 */
export function certificateRequestDerProblem(der: Buffer): string | undefined {
  const outer = elementAt(der, 0);
  const parts = outer?.tag === SEQUENCE && outer.end === der.length ? childrenOf(der, outer) : undefined;
  if (parts === undefined || parts.length !== 3 || parts[0].tag !== SEQUENCE || parts[1].tag !== SEQUENCE || parts[2].tag !== BIT_STRING) {
    return 'does not parse as a PKCS#10 request (a SEQUENCE of the request info, its signature algorithm and its signature)';
  }
  const [info, algorithm, signature] = parts;
  const fields = childrenOf(der, info);
  // version, subject, subjectPKInfo, attributes [0]
  if (fields === undefined || fields.length < 3 || fields[1].tag !== SEQUENCE || fields[2].tag !== SEQUENCE) {
    return 'does not parse as a PKCS#10 request: its request info lacks a subject or a public key';
  }
  const algorithmId = childrenOf(der, algorithm)?.[0];
  if (algorithmId?.tag !== OBJECT_IDENTIFIER) {
    return 'does not parse as a PKCS#10 request: its signature algorithm names no algorithm';
  }
  const oid = objectIdentifier(der.subarray(algorithmId.contentStart, algorithmId.end));
  if (!Object.prototype.hasOwnProperty.call(SIGNATURE_DIGESTS, oid)) {
    return undefined;
  }
  let publicKey;
  try {
    publicKey = createPublicKey({ key: der.subarray(fields[2].start, fields[2].end), format: 'der', type: 'spki' });
  } catch {
    return 'holds a public key that does not parse';
  }
  // A BIT STRING's first content byte counts the unused bits of its last byte: a signature has none.
  const signed = der.subarray(info.start, info.end);
  const signatureBytes = der.subarray(signature.contentStart + 1, signature.end);
  let valid: boolean;
  try {
    valid = der[signature.contentStart] === 0 && verify(SIGNATURE_DIGESTS[oid], signed, publicKey, signatureBytes);
  } catch {
    valid = false;
  }
  return valid ? undefined : 'has a signature that does not verify against the public key it holds (the request was changed after it was signed, or put together from two requests)';
}
