import type { PropProblem } from './known-props';

// A client told to trust a lab CA takes the PEM it is given as its only roots for that server: text that
// holds no certificate leaves it trusting nothing, and it fails every TLS handshake with a vague error.

/** A PEM certificate block. */
export const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * What is wrong with `given`, the PEM of the CA certificates a client trusts for a server (field `field`):
 * no certificate block in it, or a private key. Nothing when it is not given. Pure.
 */
export function pemCertificateProblems(field: string, given: unknown): PropProblem[] {
  if (given === undefined) {
    return [];
  }
  if (typeof given === 'string' && /PRIVATE KEY-----/.test(given)) {
    return [{ field, message: `${field} holds a private key, which is no CA certificate and must never reach the repository`, hint: 'give the CA\'s certificate alone (step ca root prints step-ca\'s)' }];
  }
  return typeof given === 'string' && CERTIFICATE_BLOCK.test(given) ? [] : [{
    field, message: `${field} holds no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----), so the client would trust no CA for the server`,
    hint: 'paste the CA certificate in PEM, e.g. what `step ca root` prints, or leave the field out to trust the public roots',
  }];
}
